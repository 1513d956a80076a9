import { describe, expect, it } from 'vitest';
import { addDays, addMonths, weeksOf, weekStart } from './dates';

// The calendar's days are plain YYYY-MM-DD strings: no time zone may move a day, across DST too.
describe('calendar days', () => {
  it('starts weeks on Monday and steps over month, year and DST edges', () => {
    expect(weekStart('2026-12-06')).toBe('2026-11-30'); // a Sunday
    expect(weekStart('2026-11-30')).toBe('2026-11-30');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30'); // over the spring DST change in Rome
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-01');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-01');
  });

  it('shows whole weeks covering the month, and one week for the week view', () => {
    const month = weeksOf('month', '2026-02-14');
    expect(month[0][0]).toBe('2026-01-26');
    expect(month.at(-1)![6]).toBe('2026-03-01');
    expect(month.every((w) => w.length === 7)).toBe(true);
    expect(weeksOf('week', '2026-12-06')).toEqual([
      ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'],
    ]);
  });
});
