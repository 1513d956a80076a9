import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { durcState, statementTotals, type StatementInput } from './statement.ts';

const base: StatementInput = {
  flatFeeCents: 1_250_000,
  extraFeeCents: [14_136, 98_000],
  penaltiesCents: 30_000,
  previousNetCents: 0,
  previousWithheldCents: 0,
  vatBp: 2200,
  final: false,
};

describe('statement totals', () => {
  it('instalment + extra fee − penalties, 0.50 % withheld, VAT on the rest', () => {
    const t = statementTotals(base);
    expect(t.extraFeeCents).toBe(112_136);
    expect(t.grossCents).toBe(1_362_136);
    expect(t.penaltiesDeductedCents).toBe(30_000);
    expect(t.netCents).toBe(1_332_136);
    expect(t.withheldCents).toBe(6661); // 0.5 % of 13,321.36 = 66.6068
    expect(t.taxableCents).toBe(1_325_475);
    expect(t.vatCents).toBe(291_605); // 22 % of 13,254.75 = 2,916.045 → 2,916.05
    expect(t.totalCents).toBe(1_617_080);
  });

  it('never deducts more penalties than the statement holds: the rest is carried to the next', () => {
    const t = statementTotals({ ...base, flatFeeCents: 10_000, extraFeeCents: [], penaltiesCents: 25_000 });
    expect(t.penaltiesDeductedCents).toBe(10_000);
    expect(t.penaltiesCarriedCents).toBe(15_000);
    expect(t.netCents).toBe(0);
    expect(t.totalCents).toBe(0);
  });

  it('releases every withholding at the final statement', () => {
    const t = statementTotals({ ...base, previousNetCents: 10_000_000, previousWithheldCents: 50_000, final: true });
    // Progressive 113,321.36 → 566.6068 → 566.61 withheld in all; 66.61 of it now; all released.
    expect(t.withheldCents).toBe(6661);
    expect(t.releasedCents).toBe(56_661);
    expect(t.taxableCents).toBe(t.netCents + 50_000);
  });

  it('withholds 0.50 % of the progressive net to the cent after any run of months, and adds up (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            fee: fc.integer({ min: 0, max: 5_000_000 }),
            extras: fc.array(fc.integer({ min: 0, max: 2_000_000 }), { maxLength: 5 }),
            penalties: fc.integer({ min: 0, max: 3_000_000 }),
          }),
          { minLength: 1, maxLength: 24 },
        ),
        (months) => {
          let previousNetCents = 0;
          let previousWithheldCents = 0;
          let carried = 0;
          months.forEach((m, i) => {
            const t = statementTotals({
              flatFeeCents: m.fee,
              extraFeeCents: m.extras,
              penaltiesCents: m.penalties + carried,
              previousNetCents,
              previousWithheldCents,
              vatBp: 2200,
              final: i === months.length - 1,
            });
            expect(t.penaltiesDeductedCents).toBeLessThanOrEqual(t.grossCents);
            expect(t.netCents).toBeGreaterThanOrEqual(0);
            expect(t.penaltiesDeductedCents + t.penaltiesCarriedCents).toBe(m.penalties + carried);
            expect(t.taxableCents).toBe(t.netCents - t.withheldCents + t.releasedCents);
            expect(t.totalCents).toBe(t.taxableCents + t.vatCents);
            previousNetCents = t.progressiveNetCents;
            previousWithheldCents += t.withheldCents;
            carried = t.penaltiesCarriedCents;
            expect(previousWithheldCents).toBe(Math.round((previousNetCents * 50) / 10_000));
            if (i === months.length - 1) expect(t.releasedCents).toBe(previousWithheldCents);
          });
        },
      ),
    );
  });
});

describe('DURC', () => {
  it('is missing, expired, expiring within 15 days, or valid', () => {
    expect(durcState(null, '2026-12-06')).toBe('missing');
    expect(durcState('2026-12-05', '2026-12-06')).toBe('expired');
    expect(durcState('2026-12-06', '2026-12-06')).toBe('expiring');
    expect(durcState('2026-12-21', '2026-12-06')).toBe('expiring');
    expect(durcState('2026-12-22', '2026-12-06')).toBe('valid');
  });
});
