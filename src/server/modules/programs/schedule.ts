// The month of a program: its first and last day, the next month, and how far past the month's
// end the contractor may plan one of its items.
import { DateTime } from 'luxon';

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
