import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { instalmentOf, monthlyInstalments, nextPeriod, periodEnd } from './instalments.ts';

const sum = (xs: Iterable<number>) => [...xs].reduce((a, b) => a + b, 0);
const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (s: string, n: number) => iso(new Date(Date.parse(`${s}T00:00:00Z`) + n * 86_400_000));

describe('monthly instalments of the yearly flat fee', () => {
  it('a contract from 1 January: twelve instalments a year within a cent of fee/12, each year exactly the fee', () => {
    const m = monthlyInstalments({ yearlyFeeCents: 41_000_000, startsOn: '2025-01-01', endsOn: '2028-12-31' });
    expect(m.size).toBe(48);
    expect([...m.keys()][0]).toBe('2025-01');
    expect([...m.keys()][47]).toBe('2028-12');
    for (const v of m.values()) expect(Math.abs(v - 41_000_000 / 12)).toBeLessThan(1);
    for (const year of ['2025', '2026', '2027', '2028'])
      expect(sum([...m].filter(([p]) => p.startsWith(year)).map(([, v]) => v))).toBe(41_000_000);
    expect(instalmentOf({ yearlyFeeCents: 100, startsOn: '2025-01-01', endsOn: '2025-12-31' }, '2025-05')).toBe(8); // 100 = 4 × 9 + 8 × 8, the odd cents to the first months
    expect(instalmentOf({ yearlyFeeCents: 100, startsOn: '2025-01-01', endsOn: '2025-12-31' }, '2026-01')).toBe(0);
  });

  it('a start mid-month: the first and the last month of each year pro rata by days', () => {
    const m = monthlyInstalments({ yearlyFeeCents: 1_200_00, startsOn: '2025-03-16', endsOn: '2026-03-15' });
    expect([...m.keys()]).toHaveLength(13);
    expect(sum(m.values())).toBe(1_200_00);
    // 16 of 31 days of March, then 15 of 31 the next March: together one month.
    expect(m.get('2025-03')! + m.get('2026-03')!).toBe(10_000);
    expect(m.get('2025-03')).toBe(Math.round((10_000 * 16) / 31));
    expect(m.get('2025-06')).toBe(10_000);
  });

  it('a last year cut short keeps only the days under contract', () => {
    const m = monthlyInstalments({ yearlyFeeCents: 1_200_00, startsOn: '2025-01-01', endsOn: '2026-02-14' });
    expect(m.get('2026-01')).toBe(10_000);
    expect(m.get('2026-02')).toBe(5_000); // 14 of 28 days
    expect(m.has('2026-03')).toBe(false);
  });

  it('property: each full contract year sums to the fee, no instalment is negative, a partial year never exceeds it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000_000_000 }),
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 364 }),
        (fee, d, years, extraDays) => {
          const startsOn = iso(d);
          // Exactly `years` contract years: the day before the anniversary.
          const anniversary = new Date(Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate()));
          const fullEnd = addDays(
            iso(
              anniversary.getUTCDate() === d.getUTCDate()
                ? anniversary
                : new Date(Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth() + 1, 0)),
            ),
            -1,
          );
          const full = monthlyInstalments({ yearlyFeeCents: fee, startsOn, endsOn: fullEnd });
          for (const v of full.values()) expect(v).toBeGreaterThanOrEqual(0);
          expect(sum(full.values())).toBe(fee * years);
          // A further partial year: more than the full years, less than one more fee.
          const longer = monthlyInstalments({ yearlyFeeCents: fee, startsOn, endsOn: addDays(fullEnd, extraDays) });
          const extra = sum(longer.values()) - fee * years;
          expect(extra).toBeGreaterThanOrEqual(0);
          expect(extra).toBeLessThanOrEqual(fee);
          for (const [p, v] of full) if (p < fullEnd.slice(0, 7)) expect(longer.get(p)).toBe(v);
        },
      ),
    );
  });

  it('periods: the next month and the last day of a month', () => {
    expect(nextPeriod('2026-12')).toBe('2027-01');
    expect(nextPeriod('2026-02')).toBe('2026-03');
    expect(periodEnd('2028-02')).toBe('2028-02-29');
    expect(periodEnd('2026-11')).toBe('2026-11-30');
  });

  it('refuses dates out of order and a negative fee', () => {
    expect(() => monthlyInstalments({ yearlyFeeCents: 1, startsOn: '2026-01-02', endsOn: '2026-01-01' })).toThrow(RangeError);
    expect(() => monthlyInstalments({ yearlyFeeCents: -1, startsOn: '2026-01-01', endsOn: '2026-12-31' })).toThrow(RangeError);
  });
});
