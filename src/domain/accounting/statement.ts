// The monthly statement of a contract (stato di avanzamento): the period's flat-fee instalment plus
// the approved final accounts of extra-fee work, minus the penalties applied in the period, the
// 0.50 % withholding on the net progressive amount (D.Lgs. 36/2023 art. 11 c. 6), VAT.
import { applyBp, roundHalfAway } from '../money.ts';

/** D.Lgs. 36/2023 art. 11 c. 6: 0.50 % withheld on the net progressive amount, released at the end. */
export const WITHHOLDING_BP = 50;

export interface StatementInput {
  /** The period's flat-fee instalment (canone), net of the tender discount. */
  flatFeeCents: number;
  /** Chargeable net of each extra-fee final account approved in the period. */
  extraFeeCents: readonly number[];
  /** Rewards of signed-off indicator reports (#11 item 2), added to the gross; none: 0. */
  rewardsCents?: number;
  /** Penalties applied in the period, plus those carried over because an earlier statement was too small. */
  penaltiesCents: number;
  /** Net amount of the contract's earlier statements (progressive), and the withholding kept on it. */
  previousNetCents: number;
  previousWithheldCents: number;
  vatBp: number;
  /** The final statement after the conformity check: every withholding kept so far is released. */
  final: boolean;
}

export interface StatementTotals {
  flatFeeCents: number;
  extraFeeCents: number;
  rewardsCents: number;
  grossCents: number;
  /** Penalties deducted here: never more than the statement's gross. */
  penaltiesDeductedCents: number;
  /** Penalties that did not fit: they go to the next statement. */
  penaltiesCarriedCents: number;
  netCents: number;
  /** Net progressive amount after this statement. */
  progressiveNetCents: number;
  withheldCents: number;
  /** Withholding released (final statement only): all kept so far, this statement's included. */
  releasedCents: number;
  /** The amount to invoice before VAT: net − withholding + released. */
  taxableCents: number;
  vatCents: number;
  totalCents: number;
}

/**
 * Computes a statement. The withholding is taken on the progressive net and the part kept earlier is
 * subtracted, so rounding never drifts over many months: after any number of statements the total
 * withheld is 0.50 % of the progressive net, rounded once.
 */
export function statementTotals(input: StatementInput): StatementTotals {
  const extraFeeCents = input.extraFeeCents.reduce((a, c) => a + c, 0);
  const rewardsCents = input.rewardsCents ?? 0;
  const grossCents = input.flatFeeCents + extraFeeCents + rewardsCents;
  const penaltiesDeductedCents = Math.max(0, Math.min(input.penaltiesCents, grossCents));
  const penaltiesCarriedCents = input.penaltiesCents - penaltiesDeductedCents;
  const netCents = grossCents - penaltiesDeductedCents;
  const progressiveNetCents = input.previousNetCents + netCents;
  const withheldCents = roundHalfAway((progressiveNetCents * WITHHOLDING_BP) / 10_000) - input.previousWithheldCents;
  const releasedCents = input.final ? input.previousWithheldCents + withheldCents : 0;
  const taxableCents = netCents - withheldCents + releasedCents;
  const vatCents = applyBp(taxableCents, input.vatBp);
  return {
    flatFeeCents: input.flatFeeCents,
    extraFeeCents,
    rewardsCents,
    grossCents,
    penaltiesDeductedCents,
    penaltiesCarriedCents,
    netCents,
    progressiveNetCents,
    withheldCents,
    releasedCents,
    taxableCents,
    vatCents,
    totalCents: taxableCents + vatCents,
  };
}

/** The contractor's contributions certificate (DURC) on the statement's date. */
export type DurcState = 'valid' | 'expiring' | 'expired' | 'missing';

/** DURC validity: a statement cannot be approved with an expired or missing one; a warning 15 days before. */
export function durcState(validUntil: string | null, onDay: string, warnDays = 15): DurcState {
  if (!validUntil) return 'missing';
  if (validUntil < onDay) return 'expired';
  const days = (Date.parse(`${validUntil}T00:00:00Z`) - Date.parse(`${onDay}T00:00:00Z`)) / 86_400_000;
  return days <= warnDays ? 'expiring' : 'valid';
}
