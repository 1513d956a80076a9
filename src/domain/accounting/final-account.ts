// Final accounts of a work order (consuntivo) and new prices by analysis. Flat-fee work records
// hours and materials but costs nothing on top; extra-fee work is priced like its quote, and its
// difference from the approved quote needs a reason and, over a share, the service head again.
import { applyBp, quoteTotals, roundHalfAway, type QuoteLineInput, type QuoteTotals } from '../money.ts';

export type FeeBasis = 'flat_fee' | 'extra_fee';

/** Default share of the approved quote above which a variance goes back to the service head. */
export const DEFAULT_VARIANCE_THRESHOLD_BP = 2000;

export interface FinalAccountTotals extends QuoteTotals {
  /** What the work adds to the statement: the net for extra-fee work, nothing for flat-fee work. */
  chargeableNetCents: number;
}

/**
 * Totals of the actual lines (quantities measured on site), priced like the quote: the contract's
 * discount on the discountable part only, then VAT. Flat-fee work keeps its lines' value for the
 * record but charges nothing.
 */
export function finalAccountTotals(
  basis: FeeBasis,
  lines: readonly QuoteLineInput[],
  discountBp: number,
  vatBp?: number,
): FinalAccountTotals {
  const t = quoteTotals(lines, discountBp, vatBp);
  return { ...t, chargeableNetCents: basis === 'extra_fee' ? t.netCents : 0 };
}

export interface Variance {
  /** Actual net minus approved net (negative when the work cost less). */
  deltaCents: number;
  /** |delta| over the approved net in basis points, rounded up; null when nothing was approved. */
  shareBp: number | null;
  /** Any difference needs its reason written down. */
  needsReason: boolean;
  /** Over the threshold (or with nothing approved to compare): the service head approves again. */
  needsServiceHeadApproval: boolean;
}

/** The difference between an extra-fee work order's final account and its approved quote. */
export function variance(approvedNetCents: number | null, actualNetCents: number, thresholdBp = DEFAULT_VARIANCE_THRESHOLD_BP): Variance {
  if (approvedNetCents === null || approvedNetCents <= 0) {
    const delta = actualNetCents - (approvedNetCents ?? 0);
    return { deltaCents: delta, shareBp: null, needsReason: delta !== 0, needsServiceHeadApproval: delta > 0 };
  }
  const deltaCents = actualNetCents - approvedNetCents;
  // Rounded up so that 20.001 % is over a 20 % threshold, never rounded down into it.
  const shareBp = Math.ceil((Math.abs(deltaCents) * 10_000) / approvedNetCents);
  return { deltaCents, shareBp, needsReason: deltaCents !== 0, needsServiceHeadApproval: shareBp > thresholdBp };
}

/** DPR 207/2010 art. 32: overheads 13–17 % of the cost; the contractor's profit 10 %. */
export const OVERHEADS_BP_RANGE = { min: 1300, max: 1700 } as const;
export const DEFAULT_OVERHEADS_BP = 1500;
export const PROFIT_BP = 1000;

export interface AnalysisInput {
  materialsCents: number;
  labourCents: number;
  /** Equipment and transport (noli e trasporti). */
  equipmentCents?: number;
  overheadsBp?: number;
  profitBp?: number;
}

export interface AnalysisPrice {
  costCents: number;
  overheadsCents: number;
  profitCents: number;
  unitPriceCents: number;
}

export type AnalysisProblem = 'negativeCost' | 'overheadsOutOfRange' | 'emptyCost';

/**
 * A new unit price by analysis: cost (materials + labour + equipment), overheads on the cost, then
 * profit on cost plus overheads (the order art. 32 sets out), each rounded to the cent.
 */
export function analysisPrice(input: AnalysisInput): { ok: true; price: AnalysisPrice } | { ok: false; problem: AnalysisProblem } {
  const parts = [input.materialsCents, input.labourCents, input.equipmentCents ?? 0];
  if (parts.some((c) => !Number.isInteger(c) || c < 0)) return { ok: false, problem: 'negativeCost' };
  const overheadsBp = input.overheadsBp ?? DEFAULT_OVERHEADS_BP;
  if (overheadsBp < OVERHEADS_BP_RANGE.min || overheadsBp > OVERHEADS_BP_RANGE.max) return { ok: false, problem: 'overheadsOutOfRange' };
  const costCents = parts.reduce((a, c) => a + c, 0);
  if (costCents === 0) return { ok: false, problem: 'emptyCost' };
  const overheadsCents = applyBp(costCents, overheadsBp);
  const profitCents = roundHalfAway(((costCents + overheadsCents) * (input.profitBp ?? PROFIT_BP)) / 10_000);
  return { ok: true, price: { costCents, overheadsCents, profitCents, unitPriceCents: costCents + overheadsCents + profitCents } };
}
