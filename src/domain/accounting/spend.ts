// Spend against the ceiling (#10 item 6). A contract's net amount pays for the flat fee over the
// whole term AND the extra-fee work on top (DOMAIN.md: "net contract amount, yearly flat fee"), so
// what is used of it is:
//   flat fee of the term (owed by contract from day one: accrued months are spent, the rest committed)
//   + extra-fee work spent (chargeable net of approved final accounts)
//   + extra-fee work committed (net of approved quotes whose final account is not approved yet).
// Time moves flat fee from committed to spent but never changes what is used, so only approvals
// (a quote, a final account) can cross a threshold: that is where the alerts are checked.
import { roundHalfAway } from '../money.ts';

/** The alert thresholds, in basis points of the base (80 % and 100 %). */
export const SPEND_THRESHOLDS_BP = [8000, 10000] as const;
export type SpendThresholdBp = (typeof SPEND_THRESHOLDS_BP)[number];
/** What a threshold is measured against: the contract's net amount or the lot's framework maximum. */
export type SpendBasis = 'amount' | 'ceiling';

/** Months of a term from its first to its last day, both included ('2025-01-01'..'2028-12-31' = 48). */
export function termMonths(startsOn: string, endsOn: string): number {
  const [y1, m1] = startsOn.split('-').map(Number);
  const [y2, m2] = endsOn.split('-').map(Number);
  return Math.max(0, (y2 - y1) * 12 + (m2 - m1) + 1);
}

/** Months of the term that have ended before `today` (YYYY-MM-DD): the flat fee already due. */
export function closedMonths(startsOn: string, endsOn: string, today: string): number {
  const [y1, m1] = startsOn.split('-').map(Number);
  const [y, m] = today.split('-').map(Number);
  return Math.min(termMonths(startsOn, endsOn), Math.max(0, (y - y1) * 12 + (m - m1)));
}

/** The flat fee of `months` months of a yearly fee, rounded once (so 12 months are the yearly fee exactly). */
export const flatFeeOf = (yearlyFeeCents: number, months: number): number => roundHalfAway((yearlyFeeCents * months) / 12);

export interface SpendInput {
  amountCents: number;
  ceilingCents: number | null;
  yearlyFeeCents: number;
  startsOn: string;
  endsOn: string;
  /** Today in Europe/Rome, YYYY-MM-DD. */
  today: string;
  /** Net of the approved quotes whose final account is not approved yet. */
  quotesCents: number;
  /** Chargeable net of the approved final accounts. */
  finalAccountsCents: number;
}

export interface SpendFigures {
  flatFeeTermCents: number;
  flatFeeAccruedCents: number;
  /** Flat fee still to accrue plus open approved quotes. */
  committedCents: number;
  /** Flat fee accrued plus approved final accounts. */
  spentCents: number;
  usedCents: number;
  /** Used share of the amount / ceiling in basis points (floored: 79.99 % never shows as 80 %); null when the base is 0 or absent. */
  amountUsedBp: number | null;
  ceilingUsedBp: number | null;
}

const shareBp = (used: number, base: number | null): number | null => (base && base > 0 ? Math.floor((used * 10_000) / base) : null);

export function spendFigures(i: SpendInput): SpendFigures {
  const flatFeeTermCents = flatFeeOf(i.yearlyFeeCents, termMonths(i.startsOn, i.endsOn));
  const flatFeeAccruedCents = flatFeeOf(i.yearlyFeeCents, closedMonths(i.startsOn, i.endsOn, i.today));
  const committedCents = flatFeeTermCents - flatFeeAccruedCents + i.quotesCents;
  const spentCents = flatFeeAccruedCents + i.finalAccountsCents;
  const usedCents = committedCents + spentCents;
  return {
    flatFeeTermCents,
    flatFeeAccruedCents,
    committedCents,
    spentCents,
    usedCents,
    amountUsedBp: shareBp(usedCents, i.amountCents),
    ceilingUsedBp: shareBp(usedCents, i.ceilingCents),
  };
}

export interface SpendAlert {
  basis: SpendBasis;
  thresholdBp: SpendThresholdBp;
}

/**
 * The thresholds reached now that were not alerted before, per basis. Crossing 80 % and 100 % of
 * the same base in one approval records both but announces only the higher (`announce`).
 */
export function newSpendAlerts(
  f: Pick<SpendFigures, 'amountUsedBp' | 'ceilingUsedBp'>,
  alerted: readonly SpendAlert[],
): { record: SpendAlert[]; announce: SpendAlert[] } {
  const record: SpendAlert[] = [];
  const announce: SpendAlert[] = [];
  for (const basis of ['amount', 'ceiling'] as const) {
    const used = basis === 'amount' ? f.amountUsedBp : f.ceilingUsedBp;
    if (used === null) continue;
    const fresh = SPEND_THRESHOLDS_BP.filter((t) => used >= t && !alerted.some((a) => a.basis === basis && a.thresholdBp === t)).map(
      (thresholdBp) => ({ basis, thresholdBp }),
    );
    record.push(...fresh);
    if (fresh.length) announce.push(fresh[fresh.length - 1]);
  }
  return { record, announce };
}
