// The flat-fee instalment (rata del canone) of each month of a contract, from its yearly fee and
// its period (docs/STATEMENTS.md). Each contract year runs from an anniversary of the start to the
// day before the next; its fee is split over the calendar months it touches with largest-remainder
// rounding (split.ts), each month weighted by the share of its own days the year covers. So a year
// that starts on the 1st gives twelve instalments within a cent of fee/12 summing exactly to the
// fee; a start mid-month gives a pro-rata first and last month; a last year cut short by the end
// date keeps only the days up to the end (the days after it weigh in the split and are dropped), so
// the fee of the days under contract is never rounded away or billed twice.
import { splitByWeights } from './split.ts';

const DAY_MS = 86_400_000;
/** lcm(28, 29, 30, 31): a month's covered days × this / its length is an exact integer weight. */
const MONTH_UNIT = 377_580;

export interface FeeContract {
  yearlyFeeCents: number;
  /** First day under contract, YYYY-MM-DD. */
  startsOn: string;
  /** Last day under contract, YYYY-MM-DD. */
  endsOn: string;
}

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const periodOf = (day: number) => isoOf(day).slice(0, 7);
const daysInMonth = (y: number, m0: number) => new Date(Date.UTC(y, m0 + 1, 0)).getUTCDate();

/** `iso` plus `years` years; 29 February becomes 28 February in a common year. */
function plusYears(iso: string, years: number): number {
  const [y, m, d] = iso.split('-').map(Number);
  const last = daysInMonth(y + years, m - 1);
  return Date.UTC(y + years, m - 1, Math.min(d, last)) / DAY_MS;
}

/** Days `from`..`to` (inclusive) cut at month ends: [period, days, length of that month]. */
function monthSegments(from: number, to: number): Array<{ period: string; days: number; monthDays: number }> {
  const out: Array<{ period: string; days: number; monthDays: number }> = [];
  let day = from;
  while (day <= to) {
    const d = new Date(day * DAY_MS);
    const monthDays = daysInMonth(d.getUTCFullYear(), d.getUTCMonth());
    const monthEnd = day + (monthDays - d.getUTCDate());
    const end = Math.min(monthEnd, to);
    out.push({ period: periodOf(day), days: end - day + 1, monthDays });
    day = end + 1;
  }
  return out;
}

/**
 * Every month of the contract (YYYY-MM, in order) with its instalment in cents. The instalments of
 * each full contract year sum exactly to the yearly fee. Throws a RangeError on dates out of order
 * or a negative or unsafe fee.
 */
export function monthlyInstalments(c: FeeContract): Map<string, number> {
  if (!Number.isSafeInteger(c.yearlyFeeCents) || c.yearlyFeeCents < 0)
    throw new RangeError('yearlyFeeCents must be a non-negative integer');
  const start = dayNumber(c.startsOn);
  const end = dayNumber(c.endsOn);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) throw new RangeError('the contract must end on or after its start');
  const out = new Map<string, number>();
  for (let k = 0; ; k++) {
    const yearStart = plusYears(c.startsOn, k);
    if (yearStart > end) break;
    const yearEnd = plusYears(c.startsOn, k + 1) - 1;
    // The whole year is split (so each year is the same split), then the days after the end dropped.
    const inside = monthSegments(yearStart, Math.min(yearEnd, end));
    const after = yearEnd > end ? monthSegments(end + 1, yearEnd) : [];
    const segments = [...inside, ...after];
    const parts = splitByWeights(
      c.yearlyFeeCents,
      segments.map((s) => (s.days * MONTH_UNIT) / s.monthDays),
    );
    inside.forEach((s, i) => out.set(s.period, (out.get(s.period) ?? 0) + parts[i]));
  }
  return out;
}

/** The instalment of one month (YYYY-MM): 0 outside the contract's period. */
export function instalmentOf(c: FeeContract, period: string): number {
  return monthlyInstalments(c).get(period) ?? 0;
}

/** The month after `period` (YYYY-MM). */
export function nextPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The last day of a month (YYYY-MM-DD). */
export function periodEnd(period: string): string {
  const [y, m] = period.split('-').map(Number);
  return `${period}-${String(daysInMonth(y, m - 1)).padStart(2, '0')}`;
}
