import { describe, expect, it } from 'vitest';
import { closedMonths, flatFeeOf, newSpendAlerts, spendFigures, termMonths } from './spend.ts';

describe('spend against the contract amount and the lot ceiling', () => {
  it('counts the months of a term and those closed before today', () => {
    expect(termMonths('2025-01-01', '2028-12-31')).toBe(48);
    expect(termMonths('2026-03-15', '2026-03-31')).toBe(1);
    expect(closedMonths('2025-01-01', '2028-12-31', '2026-03-10')).toBe(14);
    expect(closedMonths('2025-01-01', '2028-12-31', '2024-12-31')).toBe(0);
    expect(closedMonths('2025-01-01', '2028-12-31', '2031-01-01')).toBe(48);
  });

  it('rounds the flat fee once: twelve months are the yearly fee to the cent', () => {
    expect(flatFeeOf(100_001, 12)).toBe(100_001);
    expect(flatFeeOf(100_001, 1)).toBe(8333);
    expect(flatFeeOf(41_000_000, 48)).toBe(164_000_000);
  });

  it('used = flat fee of the term + quotes + final accounts; time only moves it from committed to spent', () => {
    const base = {
      amountCents: 1_000_000,
      ceilingCents: 2_000_000,
      yearlyFeeCents: 120_000,
      startsOn: '2025-01-01',
      endsOn: '2028-12-31',
      quotesCents: 50_000,
      finalAccountsCents: 270_000,
    };
    const march = spendFigures({ ...base, today: '2026-03-10' });
    expect(march).toEqual({
      flatFeeTermCents: 480_000,
      flatFeeAccruedCents: 140_000,
      committedCents: 340_000 + 50_000,
      spentCents: 140_000 + 270_000,
      usedCents: 800_000,
      amountUsedBp: 8000,
      ceilingUsedBp: 4000,
    });
    const later = spendFigures({ ...base, today: '2027-06-01' });
    expect(later.usedCents).toBe(march.usedCents);
    expect(later.spentCents).toBeGreaterThan(march.spentCents);
  });

  it('floors the share (79.99 % is not 80 %) and has none without a base', () => {
    const f = spendFigures({
      amountCents: 10_000,
      ceilingCents: null,
      yearlyFeeCents: 0,
      startsOn: '2025-01-01',
      endsOn: '2025-12-31',
      today: '2025-06-01',
      quotesCents: 7999,
      finalAccountsCents: 0,
    });
    expect(f.amountUsedBp).toBe(7999);
    expect(f.ceilingUsedBp).toBeNull();
  });

  it('alerts each threshold of each base once; a jump over both announces the higher only', () => {
    expect(newSpendAlerts({ amountUsedBp: 7999, ceilingUsedBp: 5000 }, [])).toEqual({ record: [], announce: [] });
    expect(newSpendAlerts({ amountUsedBp: 8000, ceilingUsedBp: 5000 }, [])).toEqual({
      record: [{ basis: 'amount', thresholdBp: 8000 }],
      announce: [{ basis: 'amount', thresholdBp: 8000 }],
    });
    expect(newSpendAlerts({ amountUsedBp: 9000, ceilingUsedBp: 5000 }, [{ basis: 'amount', thresholdBp: 8000 }])).toEqual({
      record: [],
      announce: [],
    });
    expect(newSpendAlerts({ amountUsedBp: 12000, ceilingUsedBp: 10000 }, [{ basis: 'amount', thresholdBp: 8000 }])).toEqual({
      record: [
        { basis: 'amount', thresholdBp: 10000 },
        { basis: 'ceiling', thresholdBp: 8000 },
        { basis: 'ceiling', thresholdBp: 10000 },
      ],
      announce: [
        { basis: 'amount', thresholdBp: 10000 },
        { basis: 'ceiling', thresholdBp: 10000 },
      ],
    });
  });
});
