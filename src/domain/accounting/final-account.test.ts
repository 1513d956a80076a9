import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analysisPrice, finalAccountTotals, variance } from './final-account.ts';

const lines = [
  { quantityMilli: 2500, unitPriceCents: 1901, category: 'works' as const },
  { quantityMilli: 3000, unitPriceCents: 3500, category: 'labour' as const },
];

describe('final account totals', () => {
  it('extra-fee work charges its net, discounted on works only', () => {
    // 47.53 works − 23.5 % (11.17) + 105.00 labour = 141.36 net.
    const t = finalAccountTotals('extra_fee', lines, 2350);
    expect(t.netCents).toBe(14_136);
    expect(t.chargeableNetCents).toBe(14_136);
  });
  it('flat-fee work keeps the value of its hours and materials on record and charges nothing', () => {
    const t = finalAccountTotals('flat_fee', lines, 2350);
    expect(t.netCents).toBe(14_136);
    expect(t.chargeableNetCents).toBe(0);
  });
});

describe('variance from the approved quote', () => {
  it('needs a reason for any difference, the service head over the threshold', () => {
    expect(variance(100_000, 100_000)).toEqual({ deltaCents: 0, shareBp: 0, needsReason: false, needsServiceHeadApproval: false });
    expect(variance(100_000, 95_000)).toEqual({ deltaCents: -5000, shareBp: 500, needsReason: true, needsServiceHeadApproval: false });
    // Exactly 20 % is within a 20 % threshold; one cent more is over it.
    expect(variance(100_000, 120_000).needsServiceHeadApproval).toBe(false);
    expect(variance(100_000, 120_001)).toMatchObject({ shareBp: 2001, needsServiceHeadApproval: true });
    // Less by more than the threshold is also a different work: back to the service head.
    expect(variance(100_000, 70_000)).toMatchObject({ shareBp: 3000, needsServiceHeadApproval: true });
    // A contract with a 10 % threshold.
    expect(variance(100_000, 111_000, 1000).needsServiceHeadApproval).toBe(true);
  });
  it('with nothing approved, any charge goes to the service head', () => {
    expect(variance(null, 5000)).toEqual({ deltaCents: 5000, shareBp: null, needsReason: true, needsServiceHeadApproval: true });
    expect(variance(null, 0)).toEqual({ deltaCents: 0, shareBp: null, needsReason: false, needsServiceHeadApproval: false });
  });
  it('never lets a difference over the threshold through by rounding (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000_00 }), fc.integer({ min: 0, max: 20_000_000_00 }), (approved, actual) => {
        const v = variance(approved, actual);
        expect(v.deltaCents).toBe(actual - approved);
        expect(v.needsServiceHeadApproval).toBe(Math.abs(actual - approved) * 10_000 > 2000 * approved);
      }),
    );
  });
});

describe('new price by analysis (DPR 207/2010 art. 32)', () => {
  it('adds overheads on the cost and profit on cost plus overheads', () => {
    // 80.00 materials + 45.00 labour + 5.00 equipment = 130.00; overheads 15 % = 19.50;
    // profit 10 % of 149.50 = 14.95; unit price 164.45.
    expect(analysisPrice({ materialsCents: 8000, labourCents: 4500, equipmentCents: 500 })).toEqual({
      ok: true,
      price: { costCents: 13_000, overheadsCents: 1950, profitCents: 1495, unitPriceCents: 16_445 },
    });
    expect(analysisPrice({ materialsCents: 10_000, labourCents: 0, overheadsBp: 1300 })).toMatchObject({
      ok: true,
      price: { overheadsCents: 1300, profitCents: 1130, unitPriceCents: 12_430 },
    });
  });
  it('refuses overheads outside 13–17 %, negative or empty costs', () => {
    expect(analysisPrice({ materialsCents: 100, labourCents: 100, overheadsBp: 1299 })).toEqual({
      ok: false,
      problem: 'overheadsOutOfRange',
    });
    expect(analysisPrice({ materialsCents: 100, labourCents: 100, overheadsBp: 1701 })).toEqual({
      ok: false,
      problem: 'overheadsOutOfRange',
    });
    expect(analysisPrice({ materialsCents: -1, labourCents: 100 })).toEqual({ ok: false, problem: 'negativeCost' });
    expect(analysisPrice({ materialsCents: 0, labourCents: 0 })).toEqual({ ok: false, problem: 'emptyCost' });
  });
});
