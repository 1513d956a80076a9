import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matchInvoice } from '../../../domain/accounting/invoice-match.ts';
import { decimalToCents, MAX_INVOICE_BYTES, readFatturaPA } from './fatturapa.ts';

const sample = readFileSync(new URL('../../../../test/fixtures/fatturapa/statement-2026-11.xml', import.meta.url), 'utf8');
const bytes = (s: string) => new TextEncoder().encode(s);

describe('readFatturaPA', () => {
  it('validates an FPA12 invoice against the official schema and reads what the match needs', () => {
    const read = readFatturaPA(bytes(sample));
    expect(read).toEqual({
      ok: true,
      format: 'FPA12',
      documents: [
        {
          number: '123/PA',
          date: '2026-11-30',
          supplierVatNumber: 'IT01234567890',
          cig: '9A1B2C3D4E',
          cigs: ['9A1B2C3D4E'],
          taxableCents: 1_325_475,
          vatCents: 291_605,
          totalCents: 1_617_080,
          vatCollectability: 'S',
        },
      ],
    });
    if (!read.ok) return;
    const expected = { supplierVatNumber: '01234567890', cig: '9A1B2C3D4E', taxableCents: 1_325_475, vatCents: 291_605 };
    expect(matchInvoice(read.documents[0], expected)).toEqual([]);
    // The same invoice with VAT collected immediately: flagged, with what was expected.
    const immediate = readFatturaPA(bytes(sample.replace('<EsigibilitaIVA>S</EsigibilitaIVA>', '<EsigibilitaIVA>I</EsigibilitaIVA>')));
    expect(immediate.ok && matchInvoice(immediate.documents[0], expected)).toEqual([
      { field: 'vatCollectability', expected: 'S', actual: 'I' },
    ]);
  });

  it('names the line and the rule of a schema error', () => {
    const read = readFatturaPA(bytes(sample.replace('<Numero>123/PA</Numero>', '')));
    expect(read.ok).toBe(false);
    if (read.ok || read.problem.code !== 'schema') throw new Error(`expected a schema problem, got ${JSON.stringify(read)}`);
    expect(read.problem.errors[0].line).toBe(30);
    expect(read.problem.errors[0].message).toMatch(/ImportoTotaleDocumento.*Expected is \( Numero \)/);
  });

  it('refuses a wrong amount format the schema lets through only as text', () => {
    const read = readFatturaPA(bytes(sample.replace('<Imposta>2916.05</Imposta>', '<Imposta>2.916,05</Imposta>')));
    expect(read.ok).toBe(false);
  });

  it('refuses DTDs and external entities before parsing (no file is ever read)', () => {
    const xxe = sample.replace(
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    );
    expect(readFatturaPA(bytes(xxe))).toEqual({ ok: false, problem: { code: 'dtdRefused' } });
  });

  it('refuses what is not an FPA12 FatturaPA', () => {
    expect(readFatturaPA(bytes('not xml at all'))).toEqual({ ok: false, problem: { code: 'notXml' } });
    expect(readFatturaPA(bytes('<?xml version="1.0"?><invoice/>'))).toEqual({ ok: false, problem: { code: 'notFatturaPA' } });
    const b2b = sample.replace('versione="FPA12"', 'versione="FPR12"').replace('<FormatoTrasmissione>FPA12', '<FormatoTrasmissione>FPR12');
    expect(readFatturaPA(bytes(b2b))).toMatchObject({ ok: false, problem: { code: 'notForPublicBody', format: 'FPR12' } });
  });

  it('refuses a file over the size cap without parsing it', () => {
    expect(readFatturaPA(new Uint8Array(MAX_INVOICE_BYTES + 1))).toEqual({
      ok: false,
      problem: { code: 'tooLarge', maxBytes: MAX_INVOICE_BYTES },
    });
  });
});

describe('decimalToCents', () => {
  it('reads FatturaPA decimals exactly, rounding half away from zero at the cent', () => {
    expect(decimalToCents('13254.75')).toBe(1_325_475);
    expect(decimalToCents('0.005')).toBe(1);
    expect(decimalToCents('0.00499999')).toBe(0);
    expect(decimalToCents('-12.345')).toBe(-1235);
    expect(decimalToCents('7')).toBe(700);
    expect(decimalToCents('1,00')).toBeNull();
    expect(decimalToCents('1e3')).toBeNull();
  });
});
