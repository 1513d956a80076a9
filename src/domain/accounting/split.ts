// Exact splits of an amount in cents: largest-remainder (Hamilton) rounding, so the parts always add
// up to the whole to the cent and none is negative. Weights are integers (basis points of a share,
// square centimetres of floor area) so the arithmetic is exact; BigInt keeps products of large
// amounts and large weights exact too.

/**
 * Splits `totalCents` in proportion to `weights`. Each part is the exact share rounded down, then
 * the cents left over go one each to the largest remainders (ties to the earlier entry), so every
 * part is within one cent of its exact share. A negative total is split as its opposite and negated.
 * Throws a RangeError when the weights are not non-negative safe integers or all zero.
 */
export function splitByWeights(totalCents: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(totalCents)) throw new RangeError('totalCents must be a safe integer');
  if (weights.length === 0) throw new RangeError('at least one weight is needed');
  for (const w of weights) if (!Number.isSafeInteger(w) || w < 0) throw new RangeError('weights must be non-negative safe integers');
  const sum = weights.reduce((a, w) => a + BigInt(w), 0n);
  if (sum === 0n) throw new RangeError('the weights are all zero');
  if (totalCents < 0) return splitByWeights(-totalCents, weights).map((p) => (p === 0 ? 0 : -p));

  const total = BigInt(totalCents);
  const floors = weights.map((w) => (total * BigInt(w)) / sum);
  const remainders = weights.map((w, i) => ({ i, r: (total * BigInt(w)) % sum }));
  let left = Number(total - floors.reduce((a, p) => a + p, 0n));
  // Largest remainder first; equal remainders keep the given order (Array.prototype.sort is stable).
  remainders.sort((a, b) => (a.r === b.r ? 0 : a.r > b.r ? -1 : 1));
  const parts = floors.map(Number);
  for (const { i } of remainders) {
    if (left === 0) break;
    parts[i] += 1;
    left -= 1;
  }
  return parts;
}

/** Basis points in a whole: 100 % = 10,000 bp. */
export const WHOLE_BP = 10_000;
