// Money is integer euro cents; quantities are thousandths; rates are basis points (1/100 of a %).

/** Rounds half away from zero, the way Italian public accounting rounds cents. */
export function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/** cents × basis points, rounded to the cent. */
export function applyBp(cents: number, bp: number): number {
  return roundHalfAway((cents * bp) / 10_000);
}

/** works: priced work, subject to the tender discount; safety and labour are never discounted. */
export type LineCategory = 'works' | 'safety' | 'labour';

export interface QuoteLineInput {
  quantityMilli: number;
  unitPriceCents: number;
  category: LineCategory;
}

export interface QuoteTotals {
  lineAmounts: number[];
  discountableCents: number;
  discountCents: number;
  undiscountedCents: number;
  netCents: number;
  vatCents: number;
  totalCents: number;
}

export const DEFAULT_VAT_BP = 2200;

/**
 * Totals of an extra-fee quote: the contract's tender discount applies to the discountable part
 * only (safety costs and labour are not discounted), then VAT on the net.
 */
export function quoteTotals(lines: readonly QuoteLineInput[], discountBp: number, vatBp = DEFAULT_VAT_BP): QuoteTotals {
  const lineAmounts = lines.map((l) => roundHalfAway((l.quantityMilli * l.unitPriceCents) / 1000));
  let discountableCents = 0;
  let undiscountedCents = 0;
  lines.forEach((l, i) => {
    if (l.category === 'works') discountableCents += lineAmounts[i];
    else undiscountedCents += lineAmounts[i];
  });
  const discountCents = applyBp(discountableCents, discountBp);
  const netCents = discountableCents - discountCents + undiscountedCents;
  const vatCents = applyBp(netCents, vatBp);
  return { lineAmounts, discountableCents, discountCents, undiscountedCents, netCents, vatCents, totalCents: netCents + vatCents };
}

/** Parses an Italian or plain euro amount ("€ 1.234,56", "19,01", "19.01") to cents; null if not one. */
export function parseEuroCents(input: string): number | null {
  let s = input.replace(/€/g, '').replace(/\s/g, '');
  if (!s) return null;
  if (s.includes(',')) s = s.replace(/\./g, '').replace(',', '.');
  if (!/^-?\d+(\.\d{1,2})?$/.test(s)) return null;
  return roundHalfAway(Number(s) * 100);
}
