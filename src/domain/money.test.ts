import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseEuroCents, quoteTotals } from './money.ts';

describe('quote totals', () => {
  it('discounts works only, keeps safety and labour whole, adds VAT', () => {
    // 2.5 m² at € 19.01 (works) + safety € 50.00 + 3 h labour at € 35.00, discount 23.50 %, VAT 22 %
    const t = quoteTotals(
      [
        { quantityMilli: 2500, unitPriceCents: 1901, category: 'works' },
        { quantityMilli: 1000, unitPriceCents: 5000, category: 'safety' },
        { quantityMilli: 3000, unitPriceCents: 3500, category: 'labour' },
      ],
      2350,
    );
    expect(t.lineAmounts).toEqual([4753, 5000, 10500]); // 47.525 → 47.53
    expect(t.discountableCents).toBe(4753);
    expect(t.discountCents).toBe(1117); // 1116.955 → 1117
    expect(t.undiscountedCents).toBe(15500);
    expect(t.netCents).toBe(4753 - 1117 + 15500);
    expect(t.netCents).toBe(19136);
    expect(t.vatCents).toBe(4210); // 19136 × 22 % = 4209.92
    expect(t.totalCents).toBe(23346);
  });
  it('is exact to the cent for any lines (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            quantityMilli: fc.integer({ min: 1, max: 10_000_000 }),
            unitPriceCents: fc.integer({ min: 0, max: 10_000_000 }),
            category: fc.constantFrom('works', 'safety', 'labour') as fc.Arbitrary<'works' | 'safety' | 'labour'>,
          }),
          { maxLength: 30 },
        ),
        fc.integer({ min: 0, max: 10_000 }),
        (lines, discountBp) => {
          const t = quoteTotals(lines, discountBp);
          expect(t.netCents).toBe(t.discountableCents - t.discountCents + t.undiscountedCents);
          expect(t.totalCents).toBe(t.netCents + t.vatCents);
          expect(t.discountCents).toBeLessThanOrEqual(t.discountableCents);
          for (const v of Object.values(t).flat()) expect(Number.isInteger(v)).toBe(true);
        },
      ),
    );
  });
});

describe('parseEuroCents', () => {
  it("reads the price list's Italian amounts", () => {
    expect(parseEuroCents('€ 19,01')).toBe(1901);
    expect(parseEuroCents('€ 1.234,5')).toBe(123450);
    expect(parseEuroCents('19.01')).toBe(1901);
    expect(parseEuroCents('abc')).toBeNull();
    expect(parseEuroCents('')).toBeNull();
  });
});
