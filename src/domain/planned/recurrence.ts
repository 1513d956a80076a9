// Recurrence of planned maintenance (workflow 2): which occurrences of a plan fall in a month,
// shifted onto working days; the floating and meter schedules; lateness and compliance.
// All recurrence maths is the `rrule` package's (RFC 5545); this module only feeds it dates and
// reads dates back. Pure: "today" and the working calendar are parameters.
//
// Dates are Rome calendar dates 'YYYY-MM-DD'. They are handed to rrule as UTC midnights and read
// back with toISOString: rrule then works on a calendar with no daylight-saving change at all, so
// no DST transition can move an occurrence to another date (a Rome-zoned DTSTART at 00:00 would
// meet the 02:00→03:00 jump and the hour arithmetic of a zone; dates need neither).
import rrule from 'rrule';
import { DateTime } from 'luxon';
import { nationalHolidays, type WorkingCalendar, type Weekday } from '../calendar.ts';

const { RRule } = rrule;
type RRuleT = InstanceType<typeof RRule>;

export type ShiftReason = 'weekend' | 'holiday' | 'patron_saint' | 'closure';

export interface Schedule {
  kind: 'calendar' | 'floating';
  /** An RFC 5545 RRULE without DTSTART (e.g. 'FREQ=MONTHLY;INTERVAL=6'), with or without the 'RRULE:' prefix. */
  rrule: string;
  /** DTSTART, as a Rome date. */
  startsOn: string;
  endsOn?: string | null;
  /** Season window 'MM-DD'..'MM-DD', both days included; from > to crosses the new year (10-15 → 04-15). */
  seasonFrom?: string | null;
  seasonTo?: string | null;
  /** Where an occurrence on a non-working day goes. */
  shift: 'next' | 'previous';
  /** Floating schedules: the last completion, from which the next due date is counted. */
  lastDoneOn?: string | null;
}

export interface Occurrence {
  /** The rule's date: with the plan, identifies the occurrence for ever (never generated twice). */
  occurrenceKey: string;
  /** The rule's date; lateness is measured against the end of its month (lateDeadline). */
  dueOn: string;
  /** The working day the job is planned on. */
  plannedOn: string;
  /** Why plannedOn differs from dueOn (the due date's own reason), or null. */
  shiftReason: ShiftReason | null;
}

const DAY_MS = 86_400_000;
const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const toIso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (iso: string, n: number) => toIso(new Date(toDate(iso).getTime() + n * DAY_MS));

/** The rule as stored: no 'RRULE:' prefix, no trailing ';', upper case (rrule reads only that). */
export const normalizeRRule = (text: string) =>
  text
    .trim()
    .replace(/^RRULE:/i, '')
    .replace(/;$/, '')
    .toUpperCase();

/** The rule with DTSTART = startsOn (UTC midnight, see the header). Throws on a rule rrule cannot read. */
export function ruleFrom(text: string, startsOn: string): RRuleT {
  const options = RRule.parseString(normalizeRRule(text));
  return new RRule({ ...options, dtstart: toDate(startsOn), tzid: null });
}

/** Whether the date's 'MM-DD' lies in the season (no season: always). */
export function inSeason(iso: string, seasonFrom?: string | null, seasonTo?: string | null): boolean {
  if (!seasonFrom || !seasonTo) return true;
  const md = iso.slice(5);
  return seasonFrom <= seasonTo ? md >= seasonFrom && md <= seasonTo : md >= seasonFrom || md <= seasonTo;
}

/**
 * Why a date is not a working day in the calendar, or null when it is one. The calendar decides
 * (WorkingCalendar.isHoliday: closures, patron saint, national holidays; its week: closed weekdays);
 * this only names the reason, the most specific first: closure, patron saint, holiday, weekend.
 */
export function nonWorkingReason(calendar: WorkingCalendar, iso: string): ShiftReason | null {
  const day = DateTime.fromISO(iso, { zone: calendar.spec.zone });
  if (calendar.isHoliday(day)) {
    if (calendar.spec.closures?.includes(iso)) return 'closure';
    if (calendar.spec.patronSaint && iso.slice(5) === calendar.spec.patronSaint) return 'patron_saint';
    if (nationalHolidays(day.year).has(iso)) return 'holiday';
  }
  return (calendar.spec.week[day.weekday as Weekday]?.length ?? 0) > 0 ? null : 'weekend';
}

/** The first working day from `iso` (included) going `step` days at a time; null after a year without one. */
function walk(calendar: WorkingCalendar, iso: string, step: 1 | -1): string | null {
  let d = iso;
  for (let i = 0; i <= 366; i++, d = addDays(d, step)) if (nonWorkingReason(calendar, d) === null) return d;
  return null;
}

/**
 * The working day a due date is planned on. The shift goes the plan's way (next or previous
 * working day) unless that leaves the due date's month: then it goes the other way, so an
 * occurrence stays in the monthly program that holds it (the neighbouring month's program may be
 * published already). Only a month without any working day keeps the plan's way across the edge.
 */
export function shiftToWorkingDay(
  calendar: WorkingCalendar,
  dueOn: string,
  shift: 'next' | 'previous',
): Pick<Occurrence, 'plannedOn' | 'shiftReason'> {
  const reason = nonWorkingReason(calendar, dueOn);
  if (reason === null) return { plannedOn: dueOn, shiftReason: null };
  const way = shift === 'next' ? 1 : -1;
  const preferred = walk(calendar, dueOn, way);
  const month = dueOn.slice(0, 7);
  if (preferred && preferred.slice(0, 7) === month) return { plannedOn: preferred, shiftReason: reason };
  const other = walk(calendar, dueOn, way === 1 ? -1 : 1);
  if (other && other.slice(0, 7) === month) return { plannedOn: other, shiftReason: reason };
  return { plannedOn: preferred ?? dueOn, shiftReason: preferred ? reason : null };
}

function monthBounds(month: string): [string, string] {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new RangeError(`bad month ${month}`);
  const first = `${month}-01`;
  const last = DateTime.fromISO(first, { zone: 'utc' }).endOf('month').toISODate()!;
  return [first, last];
}

const eligible = (s: Schedule, iso: string) =>
  iso >= s.startsOn && (!s.endsOn || iso <= s.endsOn) && inSeason(iso, s.seasonFrom, s.seasonTo);

/** How far ahead a next date is looked for: a rule with nothing in ten years has no next date. */
const HORIZON_YEARS = 10;

/** The first date of the rule after `after` (or on it when `inclusive`) in season and not past the end. */
function firstEligible(s: Schedule, rule: RRuleT, after: string, inclusive: boolean): string | null {
  const horizon = DateTime.fromISO(after, { zone: 'utc' }).plus({ years: HORIZON_YEARS }).toISODate()!;
  const until = s.endsOn && s.endsOn < horizon ? s.endsOn : horizon;
  if (until < after) return null;
  let found: string | null = null;
  // One pass with an iterator that stops at the first eligible date: rrule walks from DTSTART on
  // every call, so calling after() date by date through a season would cost that walk each time.
  rule.between(toDate(after), toDate(until), inclusive, (d) => {
    const iso = toIso(d);
    if (!eligible(s, iso)) return true;
    found = iso;
    return false;
  });
  return found;
}

/**
 * A floating schedule's next due date: the rule counted again from the last completion
 * (DTSTART = lastDoneOn, its next date after it), so an early job brings the next one forward and
 * a late job pushes it back. In season and not after endsOn, else null.
 */
export function nextFloatingDue(schedule: Schedule, lastDoneOn: string): string | null {
  return firstEligible(schedule, ruleFrom(schedule.rrule, lastDoneOn), lastDoneOn, false);
}

/**
 * The due date a floating schedule has now: counted from the last completion, or, never done,
 * the first rule date from startsOn. It does not move with time: an overdue job stays due (and
 * keeps its occurrence key) until a completion is recorded.
 */
export function floatingDue(schedule: Schedule): string | null {
  if (schedule.lastDoneOn) return nextFloatingDue(schedule, schedule.lastDoneOn);
  return firstEligible(schedule, ruleFrom(schedule.rrule, schedule.startsOn), schedule.startsOn, true);
}

/**
 * The occurrences of a plan in a month ('YYYY-MM'): every date of the rule in the month (in
 * season, from startsOn to endsOn), each planned on a working day (shiftToWorkingDay).
 * Floating: the single current due date when it falls in the month; when it is overdue (before
 * the month) it is carried into the month, planned on the month's first working day, with the
 * same occurrence key, so a program generated later still holds it and one that holds it
 * already gains nothing (occurrencesToAdd).
 */
export function occurrencesInMonth(schedule: Schedule, month: string, calendar: WorkingCalendar): Occurrence[] {
  const [first, last] = monthBounds(month);
  if (schedule.kind === 'floating') {
    const due = floatingDue(schedule);
    if (!due || due > last) return [];
    if (due >= first) return [{ occurrenceKey: due, dueOn: due, ...shiftToWorkingDay(calendar, due, schedule.shift) }];
    const plannedOn = walk(calendar, first, 1);
    return [{ occurrenceKey: due, dueOn: due, plannedOn: plannedOn && plannedOn <= last ? plannedOn : first, shiftReason: null }];
  }
  const rule = ruleFrom(schedule.rrule, schedule.startsOn);
  return rule
    .between(toDate(first), toDate(last), true)
    .map(toIso)
    .filter((iso) => eligible(schedule, iso))
    .map((due) => ({ occurrenceKey: due, dueOn: due, ...shiftToWorkingDay(calendar, due, schedule.shift) }));
}

/**
 * The next due date on or after today, for the plan's page: calendar, the rule's next eligible
 * date; floating, its current due date (possibly already past: overdue).
 */
export function nextDue(schedule: Schedule, todayRome: string): string | null {
  if (schedule.kind === 'floating') return floatingDue(schedule);
  const from = todayRome > schedule.startsOn ? todayRome : schedule.startsOn;
  return firstEligible(schedule, ruleFrom(schedule.rrule, schedule.startsOn), from, true);
}

// --- meters -----------------------------------------------------------------------------------

export interface MeterTrigger {
  /** Whether this reading opens an activity. */
  open: boolean;
  /** The meter_last_trigger_milli to store: the highest threshold reached so far. */
  newLastTriggerMilli: number | null;
  /** The next threshold to reach, after this reading. */
  thresholdMilli: number;
}

/**
 * A meter plan ("every 500 hours"): thresholds are last trigger + k × every (from 0 when nothing
 * triggered yet). A reading at or past the next threshold opens ONE activity however many
 * thresholds it crosses, and the last trigger jumps to the highest threshold crossed, so the same
 * threshold never opens twice. A reading below the last trigger (a replaced or reset meter, a
 * typo) opens nothing and changes nothing: resetting the count is an explicit act (store null).
 */
export function meterTrigger(everyMilli: number, lastTriggerMilli: number | null, readingMilli: number): MeterTrigger {
  if (!Number.isSafeInteger(everyMilli) || everyMilli <= 0) throw new RangeError('the meter interval must be a positive integer');
  const base = lastTriggerMilli ?? 0;
  if (!Number.isFinite(readingMilli) || readingMilli < base + everyMilli) {
    return { open: false, newLastTriggerMilli: lastTriggerMilli, thresholdMilli: base + everyMilli };
  }
  const reached = base + Math.floor((readingMilli - base) / everyMilli) * everyMilli;
  return { open: true, newLastTriggerMilli: reached, thresholdMilli: reached + everyMilli };
}

// --- lateness and compliance ------------------------------------------------------------------

export interface DueItem {
  /** The rule's date (the occurrence's month is the month it must be done in). */
  dueOn: string;
  /** A date agreed for this job (e.g. a deferrable one "by agreed date"), replacing the month's end. */
  agreedOn?: string | null;
  /** Rome date of the completion, or null. */
  completedOn: string | null;
  cancelled: boolean;
}

/**
 * The last day the job may be completed on time: the agreed date when there is one, else the
 * last day of its due date's month (Annex C, DOMAIN.md: "not done in its month → late").
 */
export function lateDeadline(item: Pick<DueItem, 'dueOn' | 'agreedOn'>): string {
  if (item.agreedOn) return item.agreedOn;
  return DateTime.fromISO(item.dueOn, { zone: 'utc' }).endOf('month').toISODate()!;
}

/** Late: completed after its deadline, or not completed and the deadline is past. Cancelled never is. */
export function isLate(item: DueItem, todayRome: string): boolean {
  if (item.cancelled) return false;
  const deadline = lateDeadline(item);
  return item.completedOn !== null ? item.completedOn > deadline : todayRome > deadline;
}

export interface Compliance {
  due: number;
  doneOnTime: number;
  late: number;
  /** doneOnTime ÷ due as a percentage (one decimal), null when nothing was due. */
  pct: number | null;
}

/**
 * Planned-maintenance compliance in the style of EN 15341 (PM done on time ÷ PM due). Cancelled
 * items do not count. An item is due when its deadline (lateDeadline) is past or it is done;
 * without `todayRome` the period is over and every item is due. So due = doneOnTime + late.
 */
export function compliance(items: readonly DueItem[], todayRome = '9999-12-31'): Compliance {
  let due = 0;
  let doneOnTime = 0;
  let late = 0;
  for (const it of items) {
    if (it.cancelled) continue;
    if (it.completedOn === null && lateDeadline(it) >= todayRome) continue;
    due++;
    if (isLate(it, todayRome)) late++;
    else doneOnTime++;
  }
  return { due, doneOnTime, late, pct: due === 0 ? null : Math.round((doneOnTime / due) * 1000) / 10 };
}

// --- regeneration -----------------------------------------------------------------------------

/** The generated occurrences the plan does not hold yet (by key; each key once): regeneration is idempotent. */
export function occurrencesToAdd<T extends { occurrenceKey: string }>(existingKeys: Iterable<string>, generated: readonly T[]): T[] {
  const seen = new Set(existingKeys);
  const out: T[] = [];
  for (const g of generated) {
    if (seen.has(g.occurrenceKey)) continue;
    seen.add(g.occurrenceKey);
    out.push(g);
  }
  return out;
}

export interface ExistingItem {
  occurrenceKey: string;
  dueOn: string;
  plannedOn: string;
  /** Its program is published, or it already has a ticket or work order. */
  published: boolean;
}

/**
 * Which existing items a plan edit may replace: only future (due and planned after today) and
 * unpublished ones. Published or past items are kept as they are: an edit changes what is still
 * to come, never what was announced or done.
 */
export function itemsToReplace<T extends ExistingItem>(items: readonly T[], todayRome: string): T[] {
  return items.filter((i) => !i.published && i.dueOn > todayRome && i.plannedOn > todayRome);
}

/**
 * After a plan edit, for one month: the replaceable items the new rule no longer generates go;
 * the future generated occurrences not already held come (a past date the new rule would have
 * had is not invented after the fact); everything else stays, with its edits (technician,
 * window, planned date). `otherKeys`: the plan's keys held by other months' programs.
 */
export function planRegeneration<T extends ExistingItem, G extends { occurrenceKey: string; dueOn: string }>(
  existing: readonly T[],
  generated: readonly G[],
  todayRome: string,
  otherKeys: Iterable<string> = [],
): { remove: T[]; add: G[] } {
  const wanted = new Set(generated.map((g) => g.occurrenceKey));
  const remove = itemsToReplace(existing, todayRome).filter((i) => !wanted.has(i.occurrenceKey));
  const removed = new Set(remove.map((i) => i.occurrenceKey));
  const held = [...existing.map((i) => i.occurrenceKey).filter((k) => !removed.has(k)), ...otherKeys];
  return {
    remove,
    add: occurrencesToAdd(
      held,
      generated.filter((g) => g.dueOn > todayRome),
    ),
  };
}
