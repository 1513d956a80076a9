import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { DEFAULT_WEEK, WorkingCalendar, nationalHolidays, solarCalendar } from './calendar.ts';

const ROME = 'Europe/Rome';
const H = 3600_000;
const milan = new WorkingCalendar({ zone: ROME, week: DEFAULT_WEEK, patronSaint: '12-07' });
const como = new WorkingCalendar({ zone: ROME, week: DEFAULT_WEEK, patronSaint: '08-31' });
const everyDay = new WorkingCalendar({
  zone: ROME,
  week: {
    1: [['08:00', '18:00']],
    2: [['08:00', '18:00']],
    3: [['08:00', '18:00']],
    4: [['08:00', '18:00']],
    5: [['08:00', '18:00']],
    6: [['08:00', '18:00']],
    7: [['08:00', '18:00']],
  },
});
const split = new WorkingCalendar({
  zone: ROME,
  week: {
    1: [
      ['08:00', '12:30'],
      ['13:30', '17:00'],
    ],
    2: [
      ['08:00', '12:30'],
      ['13:30', '17:00'],
    ],
    3: [
      ['08:00', '12:30'],
      ['13:30', '17:00'],
    ],
    4: [
      ['08:00', '12:30'],
      ['13:30', '17:00'],
    ],
    5: [['08:00', '13:00']],
  },
});

const rome = (iso: string) => DateTime.fromISO(iso, { zone: ROME }).toMillis();
const dayLength = (cal: WorkingCalendar, date: string) =>
  cal.between(rome(`${date}T00:00`), DateTime.fromISO(date, { zone: ROME }).plus({ days: 1 }).toMillis());

describe('fixed cases', () => {
  it('Easter Monday 2026-04-06 and 2027-03-29 are not working days', () => {
    expect(dayLength(milan, '2026-04-06')).toBe(0);
    expect(dayLength(milan, '2027-03-29')).toBe(0);
    expect(dayLength(milan, '2026-04-07')).toBe(10 * H);
  });
  it('7 December is a holiday in Milan, not in Como', () => {
    expect(dayLength(milan, '2026-12-07')).toBe(0);
    expect(dayLength(como, '2026-12-07')).toBe(10 * H);
    expect(milan.isWorkingTime(rome('2026-12-07T10:00'))).toBe(false);
  });
  it('4 October is a national holiday from 2026 (Law 151/2025), not in 2025', () => {
    expect(dayLength(everyDay, '2026-10-04')).toBe(0);
    expect(dayLength(everyDay, '2025-10-04')).toBe(10 * H);
    expect(nationalHolidays(2026).has('2026-10-04')).toBe(true);
    expect(nationalHolidays(2025).has('2025-10-04')).toBe(false);
  });
  it('a ticket opened Friday 17:30 with an 8-working-hour limit is due Monday 15:30', () => {
    const opened = rome('2026-03-13T17:30');
    expect(milan.add(opened, 8 * H)).toBe(rome('2026-03-16T15:30'));
    expect(new Date(milan.add(opened, 8 * H)).toISOString()).toBe('2026-03-16T14:30:00.000Z');
  });
  it('skips the lunch break of a split day and the Friday half day', () => {
    expect(split.add(rome('2026-03-12T12:00'), 1 * H)).toBe(rome('2026-03-12T14:00'));
    expect(split.add(rome('2026-03-13T12:00'), 2 * H)).toBe(rome('2026-03-16T09:00'));
  });
  it('starting outside working time counts from the next opening', () => {
    expect(milan.add(rome('2026-03-14T11:00'), 1 * H)).toBe(rome('2026-03-16T09:00')); // Saturday
    expect(milan.add(rome('2026-03-16T06:00'), 0)).toBe(rome('2026-03-16T08:00'));
  });
  it('solar time runs through nights and holidays', () => {
    const solar = solarCalendar();
    expect(solar.add(rome('2026-12-24T20:00'), 30 * H)).toBe(rome('2026-12-26T02:00'));
    expect(solar.between(rome('2026-04-06T00:00'), rome('2026-04-07T00:00'))).toBe(24 * H);
  });
});

describe('daylight-saving days of 2026 and 2027', () => {
  const changes = [
    ['2026-03-29', 23],
    ['2026-10-25', 25],
    ['2027-03-28', 23],
    ['2027-10-31', 25],
  ] as const;
  for (const [date, hours] of changes) {
    it(`${date}: a solar day lasts ${hours} h, working hours stay local`, () => {
      expect(solarCalendar().between(rome(`${date}T00:00`), DateTime.fromISO(date, { zone: ROME }).plus({ days: 1 }).toMillis())).toBe(
        hours * H,
      );
      const next = DateTime.fromISO(date, { zone: ROME }).plus({ days: 1 }); // a Monday
      expect(DateTime.fromMillis(milan.add(next.set({ hour: 7 }).toMillis(), 0), { zone: ROME }).toFormat('HH:mm')).toBe('08:00');
    });
  }
  it('Friday before the spring change to Monday after crosses the change correctly', () => {
    // Fri 27 Mar 2026 17:00 CET (16:00Z) + 2 working hours → Mon 30 Mar 09:00 CEST (07:00Z)
    expect(new Date(milan.add(rome('2026-03-27T17:00'), 2 * H)).toISOString()).toBe('2026-03-30T07:00:00.000Z');
    expect(new Date(milan.add(rome('2026-10-23T17:00'), 2 * H)).toISOString()).toBe('2026-10-26T08:00:00.000Z');
  });
  it('a working day through the night of the change keeps its length', () => {
    const nightShift = new WorkingCalendar({ zone: ROME, week: { 7: [['00:00', '06:00']] }, observeHolidays: false });
    expect(dayLength(nightShift, '2026-03-29')).toBe(5 * H); // 02:00–03:00 does not exist
    expect(dayLength(nightShift, '2026-10-25')).toBe(7 * H); // 02:00–03:00 happens twice
  });
});

describe('properties', () => {
  const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 11, 31) });
  const duration = fc.integer({ min: 0, max: 300 * H });

  it('adding then measuring returns the same duration', () => {
    fc.assert(
      fc.property(instant, duration, (a, d) => {
        expect(milan.between(a, milan.add(a, d))).toBe(d);
        expect(split.between(a, split.add(a, d))).toBe(d);
      }),
      { numRuns: 400 },
    );
  });
  it('is monotonic', () => {
    fc.assert(
      fc.property(instant, duration, duration, (a, d1, d2) => {
        const [x, y] = d1 <= d2 ? [d1, d2] : [d2, d1];
        expect(milan.add(a, x)).toBeLessThanOrEqual(milan.add(a, y));
        expect(milan.between(a, a + x)).toBeLessThanOrEqual(milan.between(a, a + y));
      }),
      { numRuns: 400 },
    );
  });
  it('never counts working time on a holiday', () => {
    const holidays = [2025, 2026, 2027, 2028].flatMap((y) => [...nationalHolidays(y)]).concat(['2026-12-07', '2027-12-07']);
    fc.assert(
      fc.property(fc.constantFrom(...holidays), fc.integer({ min: 0, max: 24 * 60 - 1 }), (date, minute) => {
        const t = DateTime.fromISO(date, { zone: ROME }).plus({ minutes: minute }).toMillis();
        expect(milan.isWorkingTime(t)).toBe(false);
        // everyDay has no patron saint: 7 December is an ordinary day for it
        expect(everyDay.isWorkingTime(t)).toBe(date.endsWith('12-07') && minute >= 8 * 60 && minute < 18 * 60);
        expect(dayLength(milan, date)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
  it('the working time between a and b is the sum over any split point', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 400 * H }), fc.integer({ min: 0, max: 400 * H }), (a, x, y) => {
        const b = a + x;
        const c = b + y;
        expect(milan.between(a, c)).toBe(milan.between(a, b) + milan.between(b, c));
      }),
      { numRuns: 300 },
    );
  });
});
