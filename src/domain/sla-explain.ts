// A clock in words, for people: "scade il 12/03 16:00; in pausa 3 h 20 min per materiali;
// superato di 2 h 05 min". Pure: the caller gives "now" (only to leave out the current year).
import { DateTime } from 'luxon';
import { formatter } from '../shared/format.ts';
import { holidayName, type WorkingCalendar } from './calendar.ts';
import type { ClockName, ClockResult } from './sla.ts';

export type ExplainLang = 'it' | 'en';

const ZONE = 'Europe/Rome';
const MINUTE = 60_000;

const WORDS = {
  it: {
    clock: { take_charge: 'presa in carico', on_site: 'intervento sul posto', resolution: 'risoluzione' } as Record<ClockName, string>,
    pause: { waiting_materials: 'materiali', awaiting_authorization: 'autorizzazione del preventivo' } as Record<string, string>,
    and: 'e',
    underMinute: 'meno di 1 min',
    noLimit: 'nessun limite per questa priorità',
    due: (d: string) => `scade il ${d}`,
    dueIfResumed: (d: string) => `se ripreso ora scade il ${d}`,
    overdueSince: (d: string) => `scaduto il ${d}`,
    wasDue: (d: string) => `scadenza ${d}`,
    paused: (dur: string, why: string) => `in pausa ${dur} per ${why}`,
    stillPaused: 'ancora in pausa',
    left: (dur: string) => `mancano ${dur}`,
    workingTime: ' (orario di lavoro)',
    met: (at: string, margin: string) => `rispettato: concluso il ${at} con ${margin} di margine`,
    breachedBy: (dur: string) => `superato di ${dur}`,
    stoppedBreached: (at: string, dur: string) => `concluso il ${at}, superato di ${dur}`,
    cancelled: (at: string) => `annullato il ${at}`,
  },
  en: {
    clock: { take_charge: 'take charge', on_site: 'on site', resolution: 'resolution' } as Record<ClockName, string>,
    pause: { waiting_materials: 'materials', awaiting_authorization: 'quote authorisation' } as Record<string, string>,
    and: 'and',
    underMinute: 'under 1 min',
    noLimit: 'no limit for this priority',
    due: (d: string) => `due ${d}`,
    dueIfResumed: (d: string) => `if resumed now, due ${d}`,
    overdueSince: (d: string) => `overdue since ${d}`,
    wasDue: (d: string) => `due ${d}`,
    paused: (dur: string, why: string) => `paused ${dur} for ${why}`,
    stillPaused: 'still paused',
    left: (dur: string) => `${dur} left`,
    workingTime: ' (working hours)',
    met: (at: string, margin: string) => `met: stopped ${at} with ${margin} to spare`,
    breachedBy: (dur: string) => `breached by ${dur}`,
    stoppedBreached: (at: string, dur: string) => `stopped ${at}, breached by ${dur}`,
    cancelled: (at: string) => `cancelled ${at}`,
  },
} as const;

/** The clock's name in words. */
export const clockName = (clock: ClockName, lang: ExplainLang): string => WORDS[lang].clock[clock];

/** What a pause state reads as ("materiali", "quote authorisation"). */
export const pauseReason = (state: string, lang: ExplainLang): string => WORDS[lang].pause[state] ?? state.replaceAll('_', ' ');

/** "2 h 05 min", "45 min", "3 h", "meno di 1 min": whole minutes, rounded down. */
export function formatDuration(ms: number, lang: ExplainLang): string {
  const minutes = Math.floor(Math.max(0, ms) / MINUTE);
  if (minutes === 0) return ms > 0 ? WORDS[lang].underMinute : '0 min';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')} min`;
}

/** "12/03 16:00" in Europe/Rome; the year is added when it is not the year of `now`. */
export function formatInstant(ms: number, now: number, zone = ZONE): string {
  const d = DateTime.fromMillis(ms, { zone });
  const sameYear = d.year === DateTime.fromMillis(now, { zone }).year;
  return d.toFormat(sameYear ? 'dd/MM HH:mm' : 'dd/MM/yyyy HH:mm');
}

function joinWords(items: string[], and: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

/**
 * One clock as a sentence in the reader's language: when it is (or was) due, how long it was
 * paused and why, and how it ended (time left, met with a margin, breached by, cancelled).
 */
export function explainClock(c: ClockResult, lang: ExplainLang, now: number, zone = ZONE): string {
  const w = WORDS[lang];
  if (c.status === 'not_applicable' || c.dueAt === null) return w.noLimit;
  const when = (ms: number) => formatInstant(ms, now, zone);
  const dur = (ms: number) => formatDuration(ms, lang);
  const stopped = c.stoppedAt !== null;
  const pausedNow = c.pauses.some((p) => p.to === null) && !stopped;
  const parts: string[] = [];

  if (c.status === 'running') parts.push(w.due(when(c.dueAt)));
  else if (c.status === 'paused') parts.push(w.dueIfResumed(when(c.dueAt)));
  else if (c.status === 'breached' && !stopped) parts.push(w.overdueSince(when(c.dueAt)));
  else parts.push(w.wasDue(when(c.dueAt)));

  if (c.pausedMs > 0 || pausedNow) {
    const reasons = [...new Set(c.pauses.map((p) => pauseReason(p.state, lang)))];
    parts.push(w.paused(dur(c.pausedMs), joinWords(reasons, w.and)) + (pausedNow ? `, ${w.stillPaused}` : ''));
  }

  switch (c.status) {
    case 'running':
    case 'paused':
      // Working time left is not clock time left: say so (issue #9: "mancano 2 h" three days ahead).
      parts.push(w.left(dur(c.remainingMs ?? 0)) + (c.basis === 'working' ? w.workingTime : ''));
      break;
    case 'met':
      parts.push(w.met(when(c.stoppedAt!), dur((c.limitMinutes ?? 0) * MINUTE - c.elapsedMs)));
      break;
    case 'breached':
      parts.push(stopped ? w.stoppedBreached(when(c.stoppedAt!), dur(c.breachedByMs)) : w.breachedBy(dur(c.breachedByMs)));
      break;
    case 'cancelled':
      parts.push(w.cancelled(when(c.stoppedAt!)));
      break;
  }
  return parts.join('; ');
}

// --- the card's headline ---------------------------------------------------------------------------
// Issue #9: a card read "entro 2 h … mancano 2 h" for a deadline three days away, because the two
// hours were working hours. The headline leads with the due instant, names working time as such and,
// when working time and clock time differ, says why (out of hours, weekend, a named holiday).

const HEAD = {
  it: {
    due: (at: string) => `Entro ${at}`,
    left: (dur: string) => dur,
    inSolar: (dur: string) => `tra ${dur}`,
    today: 'oggi',
    tomorrow: 'domani',
    at: (day: string, time: string) => `${day} alle ${time}`,
    outOfHours: (resume: string) => `fuori orario: riprende ${resume}`,
    rangeEnds: (end: string, resume: string) => `orario di lavoro fino alle ${end}, riprende ${resume}`,
    holiday: (names: string) => `festività: ${names}`,
    patronSaint: 'santo patrono',
    closure: 'chiusura',
    weekend: 'fine settimana',
    closedDays: 'giorni non lavorativi',
    pausedFor: (why: string, since: string) => `In pausa per ${why} dal ${since}`,
    pausedLeft: (dur: string, due: string) => `restano ${dur}; se riprende ora, entro ${due}`,
    overdue: (at: string, dur: string) => `Scaduto ${at} — in ritardo di ${dur}`,
    stillPaused: (why: string) => `in pausa per ${why}`,
    met: (at: string, due: string) => `Rispettato: concluso ${at} (scadenza ${due})`,
    lateDone: (at: string, dur: string, due: string) => `Concluso ${at}, in ritardo di ${dur} (scadenza ${due})`,
    cancelled: (at: string, due: string) => `Annullato ${at} (scadenza ${due})`,
  },
  en: {
    due: (at: string) => `Due ${at}`,
    left: (dur: string) => `${dur} left`,
    inSolar: (dur: string) => `in ${dur}`,
    today: 'today',
    tomorrow: 'tomorrow',
    at: (day: string, time: string) => `${day} at ${time}`,
    outOfHours: (resume: string) => `outside working hours: resumes ${resume}`,
    rangeEnds: (end: string, resume: string) => `working hours end at ${end}, resume ${resume}`,
    holiday: (names: string) => `public holiday: ${names}`,
    patronSaint: "patron saint's day",
    closure: 'closure',
    weekend: 'weekend',
    closedDays: 'non-working days',
    pausedFor: (why: string, since: string) => `Paused for ${why} since ${since}`,
    pausedLeft: (dur: string, due: string) => `${dur} left; if resumed now, due ${due}`,
    overdue: (at: string, dur: string) => `Overdue since ${at} — ${dur} late`,
    stillPaused: (why: string) => `paused for ${why}`,
    met: (at: string, due: string) => `Met: done ${at} (due ${due})`,
    lateDone: (at: string, dur: string, due: string) => `Done ${at}, ${dur} late (due ${due})`,
    cancelled: (at: string, due: string) => `Cancelled ${at} (due ${due})`,
  },
} as const;

/** "oggi alle 14:00", "domani alle 08:00", "lunedì alle 08:00", or the date when over a week away. */
function resumeWords(at: number, now: number, lang: ExplainLang, zone: string): string {
  const f = formatter(lang);
  const w = HEAD[lang];
  const day = DateTime.fromMillis(at, { zone }).startOf('day');
  const today = DateTime.fromMillis(now, { zone }).startOf('day');
  const days = Math.round(day.diff(today, 'days').days);
  const name =
    days === 0 ? w.today : days === 1 ? w.tomorrow : days < 7 ? f.weekdayOf(at) : f.dayTime(at, now).replace(/,? \d{2}:\d{2}$/, '');
  return w.at(name, f.time(at));
}

/**
 * Why working time left differs from clock time until `dueAt`, in words; empty when it does not
 * (the deadline falls within the working range that holds now).
 */
export function calendarReasons(now: number, dueAt: number, cal: WorkingCalendar, lang: ExplainLang, zone = ZONE): string[] {
  if (dueAt <= now || cal.between(now, dueAt) >= dueAt - now - MINUTE) return [];
  const w = HEAD[lang];
  const f = formatter(lang);
  const reasons: string[] = [];
  const end = cal.rangeEnd(now);
  // From here on the working calendar decides; before it, the resume reason already explains the gap.
  let from = now;
  if (end === null) {
    const resume = cal.add(now, 0);
    reasons.push(w.outOfHours(resumeWords(resume, now, lang, zone)));
    from = resume;
  } else if (end < dueAt) {
    const resume = cal.add(end, 0);
    reasons.push(w.rangeEnds(f.time(end), resumeWords(resume, now, lang, zone)));
  }
  const closed = cal.closedDays(now, dueAt);
  const holidays = [...new Set(closed.filter((d) => d.reason === 'holiday').map((d) => holidayName(d.date, lang) ?? d.date))];
  if (holidays.length) reasons.push(w.holiday(holidays.join(', ')));
  if (closed.some((d) => d.reason === 'patron_saint')) reasons.push(w.patronSaint);
  if (closed.some((d) => d.reason === 'closure')) reasons.push(w.closure);
  const fromDay = DateTime.fromMillis(from, { zone }).toISODate()!;
  const weekly = closed.filter((d) => d.reason === 'weekly' && d.date > fromDay);
  if (weekly.length) {
    const weekend = weekly.every((d) => DateTime.fromISO(d.date, { zone }).weekday >= 6);
    reasons.push(weekend ? w.weekend : w.closedDays);
  }
  return reasons;
}

/**
 * The first line of an SLA card: the due instant first ("Entro lun 9 dic, 10:30"), then the time
 * left as counted (working time named as such: "2 ore lavorative") and, when the calendar makes it
 * differ from clock time, why; paused clocks say why and since when; overdue and stopped clocks
 * say by how much. `cal` is the clock's own calendar (working or 24/7).
 */
export function clockHeadline(c: ClockResult, lang: ExplainLang, now: number, cal: WorkingCalendar, zone = ZONE): string {
  const w = HEAD[lang];
  const f = formatter(lang);
  if (c.status === 'not_applicable' || c.dueAt === null) return WORDS[lang].noLimit;
  const working = c.basis === 'working';
  const when = (ms: number) => f.dayTime(ms, now);
  const dur = (ms: number) => f.duration(ms, { working });
  const openPause = c.stoppedAt === null ? c.pauses.find((p) => p.to === null) : undefined;
  const why = openPause ? pauseReason(openPause.state, lang) : '';

  switch (c.status) {
    case 'running': {
      const left = c.remainingMs ?? 0;
      if (!working) return `${w.due(when(c.dueAt))} — ${w.inSolar(dur(left))}`;
      const reasons = calendarReasons(now, c.dueAt, cal, lang, zone);
      return `${w.due(when(c.dueAt))} — ${w.left(dur(left))}${reasons.length ? ` (${reasons.join('; ')})` : ''}`;
    }
    case 'paused':
      return `${w.pausedFor(why, when(openPause?.from ?? now))} — ${w.pausedLeft(dur(c.remainingMs ?? 0), when(c.dueAt))}`;
    case 'breached':
      if (c.stoppedAt === null) {
        return w.overdue(when(c.dueAt), dur(c.breachedByMs)) + (openPause ? `; ${w.stillPaused(why)}` : '');
      }
      return w.lateDone(when(c.stoppedAt), dur(c.breachedByMs), when(c.dueAt));
    case 'met':
      return w.met(when(c.stoppedAt!), when(c.dueAt));
    case 'cancelled':
      return w.cancelled(when(c.stoppedAt!), when(c.dueAt));
  }
}
