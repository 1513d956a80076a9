// The month of a program: its first and last day, the next month, and how far past the month's
// end the contractor may plan one of its items.
import { DateTime } from 'luxon';

const bounds = new Map<string, { start: string; end: string }>();

/** First and last day of a 'YYYY-MM' month (memoised: a program's items ask for a few months, thousands of times). */
export function monthBounds(month: string): { start: string; end: string } {
  let b = bounds.get(month);
  if (!b) {
    const d = DateTime.fromISO(`${month}-01`, { zone: 'utc' });
    b = { start: d.toISODate()!, end: d.endOf('month').toISODate()! };
    if (bounds.size > 1000) bounds.clear();
    bounds.set(month, b);
  }
  return b;
}

/** The month after 'YYYY-MM'. */
export const nextMonth = (month: string): string =>
  DateTime.fromISO(`${month}-01`, { zone: 'utc' }).plus({ months: 1 }).toFormat('yyyy-MM');

/** How many days after the month's end an occurrence may still be planned (a shift across the month end, an agreed delay). */
export const GRACE_DAYS = 7;

/** The last date an item of the month may be planned on. */
export const lastPlannableDay = (month: string): string =>
  DateTime.fromISO(monthBounds(month).end, { zone: 'utc' }).plus({ days: GRACE_DAYS }).toISODate()!;
