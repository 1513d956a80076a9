// Where a program's occurrences fall: the working-day shift on the contract's calendar (its
// working week, national holidays, the site's patron saint, the closures), with the reason an
// occurrence moved. Pure: the calendar facts are parameters.
import { DateTime } from 'luxon';
import { nationalHolidays, type CalendarSpec } from '../../../domain/calendar.ts';

export type ShiftReason = 'holiday' | 'patron_saint' | 'closure' | 'weekend';

export interface DayCalendar {
  week: CalendarSpec['week'];
  patronSaint: string | null;
  closures: ReadonlySet<string>;
}

/** Why a date is not a working day on the calendar, or null when it is one. */
export function nonWorkingReason(date: string, cal: DayCalendar): ShiftReason | null {
  if (cal.closures.has(date)) return 'closure';
  if (cal.patronSaint && date.slice(5) === cal.patronSaint) return 'patron_saint';
  if (nationalHolidays(Number(date.slice(0, 4))).has(date)) return 'holiday';
  const weekday = DateTime.fromISO(date, { zone: 'utc' }).weekday as keyof CalendarSpec['week'];
  if (!(cal.week[weekday]?.length)) return 'weekend';
  return null;
}

/**
 * The working day an occurrence is done on: the date itself, or the next (or previous, as the
 * plan says) working day, with the reason the original date was not one. A calendar with no
 * working day within a year leaves the date where it is.
 */
export function shiftToWorkingDay(date: string, direction: 'next' | 'previous', cal: DayCalendar): { date: string; reason: ShiftReason | null } {
  const reason = nonWorkingReason(date, cal);
  if (!reason) return { date, reason: null };
  let d = DateTime.fromISO(date, { zone: 'utc' });
  for (let i = 0; i < 366; i++) {
    d = d.plus({ days: direction === 'previous' ? -1 : 1 });
    const iso = d.toISODate()!;
    if (!nonWorkingReason(iso, cal)) return { date: iso, reason };
  }
  return { date, reason: null };
}

/** First and last day of a 'YYYY-MM' month. */
export function monthBounds(month: string): { start: string; end: string } {
  const d = DateTime.fromISO(`${month}-01`, { zone: 'utc' });
  return { start: d.toISODate()!, end: d.endOf('month').toISODate()! };
}

/** The month after 'YYYY-MM'. */
export const nextMonth = (month: string): string => DateTime.fromISO(`${month}-01`, { zone: 'utc' }).plus({ months: 1 }).toFormat('yyyy-MM');

/** How many days after the month's end an occurrence may still be planned (a shift across the month end, an agreed delay). */
export const GRACE_DAYS = 7;

/** The last date an item of the month may be planned on. */
export const lastPlannableDay = (month: string): string =>
  DateTime.fromISO(monthBounds(month).end, { zone: 'utc' }).plus({ days: GRACE_DAYS }).toISODate()!;
