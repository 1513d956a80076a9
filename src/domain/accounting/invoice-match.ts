// Matching a contractor's invoice to the statement it bills. Every difference is named with the
// expected and the actual value, never silently accepted: a public body pays only what it approved.

/** FatturaPA EsigibilitaIVA: I immediate, D deferred, S split payment (DPR 633/1972 art. 17-ter). */
export type VatCollectability = 'I' | 'D' | 'S';

export interface InvoiceFacts {
  supplierVatNumber: string;
  cig: string | null;
  taxableCents: number;
  vatCents: number;
  totalCents: number;
  vatCollectability: VatCollectability | null;
}

export interface StatementExpectation {
  supplierVatNumber: string;
  cig: string;
  taxableCents: number;
  vatCents: number;
}

export type MismatchField = 'supplierVatNumber' | 'cig' | 'taxableCents' | 'vatCents' | 'totalCents' | 'vatCollectability';

export interface Mismatch {
  field: MismatchField;
  expected: string | number;
  actual: string | number | null;
  /** For amounts: actual − expected, in cents. */
  differenceCents?: number;
}

/** "IT01234567890", "it 01234567890" and "01234567890" are the same VAT number. */
export const normaliseVatNumber = (v: string) =>
  v
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/^IT(?=\d{11}$)/, '');

/** The differences between an invoice and its statement; empty when they match to the cent. */
export function matchInvoice(invoice: InvoiceFacts, expected: StatementExpectation): Mismatch[] {
  const out: Mismatch[] = [];
  if (normaliseVatNumber(invoice.supplierVatNumber) !== normaliseVatNumber(expected.supplierVatNumber))
    out.push({ field: 'supplierVatNumber', expected: expected.supplierVatNumber, actual: invoice.supplierVatNumber });
  if ((invoice.cig ?? '').trim().toUpperCase() !== expected.cig.trim().toUpperCase())
    out.push({ field: 'cig', expected: expected.cig, actual: invoice.cig });
  const amount = (field: 'taxableCents' | 'vatCents' | 'totalCents', exp: number, act: number) => {
    if (exp !== act) out.push({ field, expected: exp, actual: act, differenceCents: act - exp });
  };
  amount('taxableCents', expected.taxableCents, invoice.taxableCents);
  amount('vatCents', expected.vatCents, invoice.vatCents);
  amount('totalCents', expected.taxableCents + expected.vatCents, invoice.totalCents);
  // A public body pays the VAT to the State itself: the invoice must say so with "S".
  if (invoice.vatCollectability !== 'S') out.push({ field: 'vatCollectability', expected: 'S', actual: invoice.vatCollectability });
  return out;
}
