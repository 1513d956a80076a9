// Calendar days as `YYYY-MM-DD` strings, computed in UTC so no time zone ever shifts a day.
import dayjs from 'dayjs';

const DAY = 86_400_000;
const toTime = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
const fromTime = (time: number) => new Date(time).toISOString().slice(0, 10);

export const addDays = (day: string, n: number) => fromTime(toTime(day) + n * DAY);
/** Monday of the ISO week holding `day`. */
export const weekStart = (day: string) => addDays(day, -((new Date(toTime(day)).getUTCDay() + 6) % 7));
export const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
export function addMonths(day: string, n: number): string {
  const d = new Date(toTime(monthStart(day)));
  d.setUTCMonth(d.getUTCMonth() + n);
  return fromTime(d.getTime());
}

export type CalendarView = 'month' | 'week';

/** The weeks (rows of 7 days, Monday first) the view shows around `anchor`. */
export function weeksOf(view: CalendarView, anchor: string): string[][] {
  if (view === 'week') {
    const start = weekStart(anchor);
    return [Array.from({ length: 7 }, (_, i) => addDays(start, i))];
  }
  const first = monthStart(anchor);
  const last = addDays(addMonths(first, 1), -1);
  const weeks: string[][] = [];
  for (let start = weekStart(first); start <= last; start = addDays(start, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(start, i)));
  }
  return weeks;
}

/** A day and a time of day (HH:MM, default 08:00) in the user's local time, as an ISO instant. */
export const localInstant = (day: string, time: string | null) =>
  dayjs(`${day}T${time && /^\d{2}:\d{2}$/.test(time) ? time : '08:00'}:00`).toISOString();
