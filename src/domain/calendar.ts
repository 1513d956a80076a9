// Working calendars: weekly hours, Italian national public holidays, the site's patron saint and
// closures added by the body, in a time zone (Europe/Rome), right across daylight-saving changes.
// Instants are epoch milliseconds; nothing here reads the clock.
import { DateTime } from 'luxon';
import Holidays from 'date-holidays';

export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7; // ISO: Monday = 1

export interface CalendarSpec {
  zone: string;
  /** Working ranges per weekday as 'HH:mm'–'HH:mm' (end may be '24:00'); a missing day is closed. */
  week: Partial<Record<Weekday, ReadonlyArray<readonly [string, string]>>>;
  /** The site's patron saint as 'MM-DD', a local holiday. */
  patronSaint?: string | null;
  /** Extra closed days ('YYYY-MM-DD') the body adds. */
  closures?: readonly string[];
  /** False for solar-time clocks, which run through holidays too (default true). */
  observeHolidays?: boolean;
}

export const DEFAULT_WEEK: CalendarSpec['week'] = {
  1: [['08:00', '18:00']], 2: [['08:00', '18:00']], 3: [['08:00', '18:00']], 4: [['08:00', '18:00']], 5: [['08:00', '18:00']],
};

/** Every hour of every day: for clocks counted in solar time. */
export const SOLAR_WEEK: CalendarSpec['week'] = Object.fromEntries(
  ([1, 2, 3, 4, 5, 6, 7] as const).map((d) => [d, [['00:00', '24:00']]]),
);

export const solarCalendar = (zone = 'Europe/Rome') => new WorkingCalendar({ zone, week: SOLAR_WEEK, observeHolidays: false });

type Interval = readonly [number, number];

const italy = new Holidays('IT');
const nationalByYear = new Map<number, ReadonlySet<string>>();

/** Italian national public holidays of a year as 'YYYY-MM-DD' (date-holidays, type public only). */
export function nationalHolidays(year: number): ReadonlySet<string> {
  let set = nationalByYear.get(year);
  if (!set) {
    set = new Set(italy.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    nationalByYear.set(year, set);
  }
  return set;
}

const MAX_DAYS = 3660; // ten years: a calendar with no working time must not loop for ever

export class WorkingCalendar {
  private readonly ranges: Map<number, Array<[number, number, number, number]>>;
  private readonly closures: ReadonlySet<string>;
  private readonly dayCache = new Map<string, readonly Interval[]>();

  constructor(readonly spec: CalendarSpec) {
    this.ranges = new Map();
    for (const [day, list] of Object.entries(spec.week)) {
      const parsed = (list ?? []).map(([from, to]) => {
        const [fh, fm] = from.split(':').map(Number);
        const [th, tm] = to.split(':').map(Number);
        if (![fh, fm, th, tm].every(Number.isInteger) || fh * 60 + fm >= th * 60 + tm || th * 60 + tm > 1440) {
          throw new RangeError(`bad working range ${from}-${to}`);
        }
        return [fh, fm, th, tm] as [number, number, number, number];
      });
      this.ranges.set(Number(day), parsed);
    }
    if (![...this.ranges.values()].some((r) => r.length)) throw new RangeError('a calendar needs some working time');
    this.closures = new Set(spec.closures ?? []);
  }

  isHoliday(date: DateTime): boolean {
    if (this.spec.observeHolidays === false) return false;
    const iso = date.toISODate()!;
    if (this.closures.has(iso)) return true;
    if (this.spec.patronSaint && iso.slice(5) === this.spec.patronSaint) return true;
    return nationalHolidays(date.year).has(iso);
  }

  /** The working intervals of one local day, as epoch-ms pairs, in order. */
  private intervals(day: DateTime): readonly Interval[] {
    const key = day.toISODate()!;
    let cached = this.dayCache.get(key);
    if (cached) return cached;
    const list = this.isHoliday(day) ? [] : (this.ranges.get(day.weekday) ?? []);
    cached = list.map(([fh, fm, th, tm]) => {
      const start = day.set({ hour: fh, minute: fm }).toMillis();
      const end = th === 24 ? day.plus({ days: 1 }).startOf('day').toMillis() : day.set({ hour: th, minute: tm }).toMillis();
      return [start, end] as const;
    });
    this.dayCache.set(key, cached);
    return cached;
  }

  private localDay(t: number): DateTime {
    return DateTime.fromMillis(t, { zone: this.spec.zone }).startOf('day');
  }

  isWorkingTime(t: number): boolean {
    return this.intervals(this.localDay(t)).some(([s, e]) => t >= s && t < e);
  }

  /** The instant when `durationMs` of working time has passed after `start`. */
  add(start: number, durationMs: number): number {
    if (durationMs < 0) throw new RangeError('duration must not be negative');
    let left = durationMs;
    let day = this.localDay(start);
    for (let i = 0; i < MAX_DAYS; i++, day = day.plus({ days: 1 })) {
      for (const [s, e] of this.intervals(day)) {
        const from = Math.max(s, start);
        if (from >= e) continue;
        if (left === 0) return from;
        if (from + left <= e) return from + left;
        left -= e - from;
      }
    }
    throw new RangeError('no working time found within ten years');
  }

  /** Working time between two instants (0 when b is not after a). */
  between(a: number, b: number): number {
    if (b <= a) return 0;
    let total = 0;
    let day = this.localDay(a);
    for (let i = 0; i <= MAX_DAYS; i++, day = day.plus({ days: 1 })) {
      if (day.toMillis() >= b) break;
      for (const [s, e] of this.intervals(day)) {
        const from = Math.max(s, a);
        const to = Math.min(e, b);
        if (to > from) total += to - from;
      }
    }
    return total;
  }
}
