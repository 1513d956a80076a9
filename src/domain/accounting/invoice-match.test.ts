import { describe, expect, it } from 'vitest';
import { matchInvoice, normaliseVatNumber, type InvoiceFacts } from './invoice-match.ts';

const expected = { supplierVatNumber: '01234567890', cig: '9A1B2C3D4E', taxableCents: 1_325_475, vatCents: 291_605 };
const invoice: InvoiceFacts = {
  supplierVatNumber: 'IT01234567890',
  cig: '9a1b2c3d4e',
  taxableCents: 1_325_475,
  vatCents: 291_605,
  totalCents: 1_617_080,
  vatCollectability: 'S',
};

describe('matchInvoice', () => {
  it('matches an invoice that bills the statement to the cent, with split payment', () => {
    expect(matchInvoice(invoice, expected)).toEqual([]);
  });
  it('names each difference with expected, actual and the difference in cents', () => {
    const got = matchInvoice(
      { ...invoice, supplierVatNumber: 'IT09876543210', cig: null, taxableCents: 1_325_575, totalCents: 1_617_180, vatCollectability: 'I' },
      expected,
    );
    expect(got).toEqual([
      { field: 'supplierVatNumber', expected: '01234567890', actual: 'IT09876543210' },
      { field: 'cig', expected: '9A1B2C3D4E', actual: null },
      { field: 'taxableCents', expected: 1_325_475, actual: 1_325_575, differenceCents: 100 },
      { field: 'totalCents', expected: 1_617_080, actual: 1_617_180, differenceCents: 100 },
      { field: 'vatCollectability', expected: 'S', actual: 'I' },
    ]);
  });
  it('flags a missing collectability as not split payment', () => {
    expect(matchInvoice({ ...invoice, vatCollectability: null }, expected)).toEqual([
      { field: 'vatCollectability', expected: 'S', actual: null },
    ]);
  });
  it('reads VAT numbers with or without the country prefix and spaces', () => {
    expect(normaliseVatNumber('IT 0123456789 0')).toBe('01234567890');
    expect(normaliseVatNumber('01234567890')).toBe('01234567890');
    expect(normaliseVatNumber('DE123456789')).toBe('DE123456789');
  });
});
