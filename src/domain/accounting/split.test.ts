import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitByWeights } from './split.ts';

describe('splitByWeights (largest remainder)', () => {
  it('gives the leftover cents to the largest remainders', () => {
    // 100.00 € in thirds: 33.34 + 33.33 + 33.33 (the first of equal remainders gets the cent).
    expect(splitByWeights(10_000, [1, 1, 1])).toEqual([3334, 3333, 3333]);
    // 10.00 € by floor-area shares 45.5 % / 30 % / 24.5 %.
    expect(splitByWeights(1000, [4550, 3000, 2450])).toEqual([455, 300, 245]);
    // 0.05 € over 60/40: exact 0.03 / 0.02.
    expect(splitByWeights(5, [6000, 4000])).toEqual([3, 2]);
    // 0.01 € over 50/50: one cent cannot be halved; the first gets it.
    expect(splitByWeights(1, [5000, 5000])).toEqual([1, 0]);
    // A zero weight gets nothing, ever.
    expect(splitByWeights(999, [0, 1, 2])).toEqual([0, 333, 666]);
  });

  it('splits a credit (negative total) as the mirror of the debit', () => {
    expect(splitByWeights(-10_000, [1, 1, 1])).toEqual([-3334, -3333, -3333]);
  });

  it('refuses weights that cannot split anything', () => {
    expect(() => splitByWeights(100, [])).toThrow(RangeError);
    expect(() => splitByWeights(100, [0, 0])).toThrow(RangeError);
    expect(() => splitByWeights(100, [1, -1])).toThrow(RangeError);
    expect(() => splitByWeights(100, [0.5, 0.5])).toThrow(RangeError);
    expect(() => splitByWeights(1.5, [1])).toThrow(RangeError);
  });

  it('always adds up to the whole, never negative, each part within a cent of its exact share (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000_00 }),
        fc.array(fc.integer({ min: 0, max: 100_000_000 }), { minLength: 1, maxLength: 40 }).filter((ws) => ws.some((w) => w > 0)),
        (total, weights) => {
          const parts = splitByWeights(total, weights);
          expect(parts).toHaveLength(weights.length);
          expect(parts.reduce((a, p) => a + p, 0)).toBe(total);
          const sum = weights.reduce((a, w) => a + w, 0);
          parts.forEach((p, i) => {
            expect(Number.isInteger(p)).toBe(true);
            expect(p).toBeGreaterThanOrEqual(0);
            const exact = (total * weights[i]) / sum;
            expect(Math.abs(p - exact)).toBeLessThan(1 + 1e-6);
            if (weights[i] === 0) expect(p).toBe(0);
          });
        },
      ),
    );
  });

  it('is monotone: a larger weight never gets fewer cents (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 2, maxLength: 12 }),
        (total, weights) => {
          const parts = splitByWeights(total, weights);
          for (let i = 0; i < weights.length; i++)
            for (let j = 0; j < weights.length; j++) if (weights[i] > weights[j]) expect(parts[i]).toBeGreaterThanOrEqual(parts[j]);
        },
      ),
    );
  });
});
