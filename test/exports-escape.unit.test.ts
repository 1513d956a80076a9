// Formula injection in exports (#7 item 8): the one escaping rule of every CSV/XLSX writer.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { csvNumberField, csvTextField, escapeFormula, isFormulaLike, xlsxValue } from '../src/server/spreadsheet-escape.ts';

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r', '\n', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'];
const SKIPPED = /^[ \u00A0\u3000]*/;
/** What a spreadsheet looks at to decide whether a cell is a formula. */
const firstSignificant = (s: string) => s.replace(SKIPPED, '')[0];

// Strings biased towards the dangerous shapes: optional spaces, a trigger, then anything.
const risky = fc
  .tuple(
    fc.constantFrom('', ' ', '   ', '\u00A0', '\u3000 '),
    fc.constantFrom(...TRIGGERS, "'", '1', 'a', '"', ';'),
    fc.string({ unit: 'binary' }),
  )
  .map(([a, b, c]) => a + b + c);
const anyString = fc.oneof(fc.string({ unit: 'binary' }), fc.string(), risky);

describe('escapeFormula (OWASP: prefix a formula-like cell with an apostrophe)', () => {
  it('never leaves a cell that starts, after spaces, with a formula trigger', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(TRIGGERS).not.toContain(firstSignificant(escapeFormula(s)));
      }),
      { numRuns: 5000 },
    );
  });

  it('keeps the visible text: unchanged, or the same text with one apostrophe in front', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const e = escapeFormula(s);
        if (isFormulaLike(s)) expect(e).toBe(`'${s}`);
        else expect(e).toBe(s);
        // Idempotent on what it produced: exporting an exported value adds nothing more.
        expect(escapeFormula(e)).toBe(e);
      }),
      { numRuns: 5000 },
    );
  });

  it('escapes the known payloads, including the ones that look like negative numbers', () => {
    for (const payload of [
      "-1+1+cmd|' /C calc'!A0",
      '=HYPERLINK("http://evil.example","x")',
      '+41 SUM(1)',
      '@SUM(1+1)*cmd|/C calc!A0',
      '   =1+1',
      '\t=1',
      '\r=1',
      '-2',
      '-',
      '＝1+1',
      '\u00A0=1',
    ]) {
      expect(escapeFormula(payload), payload).toBe(`'${payload}`);
    }
    for (const fine of ['', 'Caldaia ferma', "'=già escaped", '2026-000104/1', '1-2', 'a=b', '€ -5,00', '— ']) {
      expect(escapeFormula(fine), fine).toBe(fine);
    }
  });
});

describe('CSV fields', () => {
  it('parse back to the escaped text, whatever the string (separator, quotes, line breaks)', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const line = `a;${csvTextField(s)};b\r\n`;
        const [record] = parse(line, { delimiter: ';', relax_column_count: false, bom: false }) as string[][];
        expect(record).toEqual(['a', escapeFormula(s), 'b']);
      }),
      { numRuns: 3000 },
    );
  });

  it('writes numbers as numbers: a real negative number is not escaped', () => {
    expect(csvNumberField(-3)).toBe('-3');
    expect(csvNumberField(0.5)).toBe('0.5');
    expect(csvNumberField(Number.NaN)).toBe('');
    expect(csvTextField('-3')).toBe("'-3");
  });

  it('escapes text cells of XLSX and leaves numbers, dates and blanks alone', () => {
    const d = new Date(0);
    expect([xlsxValue('=1+1'), xlsxValue(-4), xlsxValue(d), xlsxValue(null), xlsxValue('ok')]).toEqual(["'=1+1", -4, d, null, 'ok']);
  });
});
