import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePercentBp, parsePriceListCsv, splitCsv } from './price-list-csv.ts';

const real = readFileSync(new URL('../../data-demo/prezzario-lazio-2023-parte-G.excerpt.csv', import.meta.url), 'utf8');

describe('splitCsv', () => {
  it('handles quotes, doubled quotes, separators and line breaks inside quotes, CRLF and a BOM', () => {
    const text = '\ufeffG;1;"a; ""b""\nc";mq;€ 1,00\r\n;;;\r\nG;2;x;cad;2';
    expect(splitCsv(text)).toEqual([
      { row: 1, fields: ['G', '1', 'a; "b"\nc', 'mq', '€ 1,00'] },
      { row: 3, fields: ['', '', '', ''] },
      { row: 4, fields: ['G', '2', 'x', 'cad', '2'] },
    ]);
  });
});

describe('parsePriceListCsv on the real Lazio 2023 part G excerpt', () => {
  const result = parsePriceListCsv(real);

  it('reads every priced and surcharge row, with no issue', () => {
    expect(result.issues).toEqual([]);
    const priced = result.items.filter((i) => i.priceCents !== null);
    const surcharges = result.items.filter((i) => i.surchargeBp !== null);
    expect(priced).toHaveLength(57);
    expect(surcharges).toHaveLength(3);
    expect(result.items).toHaveLength(60);
    expect(result.notes).toBeGreaterThan(0);
  });

  it('parses Italian euro amounts and joins the article text to its sub-items', () => {
    const first = result.items[0];
    expect(first).toMatchObject({ row: 7, code: 'G.1.01.1.a', unit: 'mq', priceCents: 1901, surchargeBp: null });
    expect(first.description).toMatch(/^Demolizione di pavimenti interni, .* Esclusi gli oneri di smaltimento — in piastrelle di cemento/);
    const wc = result.items.find((i) => i.code === 'G.1.02.3')!;
    expect(wc).toMatchObject({ unit: 'cad', priceCents: 6539 });
    expect(wc.description).toMatch(/^Rimozione di apparecchi igienico-sanitari/);
    expect(result.items.find((i) => i.code === 'G.1.03.2.d')!.priceCents).toBe(21654);
  });

  it('reads "%" rows as surcharges in basis points', () => {
    expect(result.items.find((i) => i.code === 'G.1.04.4.d')).toMatchObject({ unit: '%', priceCents: null, surchargeBp: 6000 });
    expect(result.items.find((i) => i.code === 'G.1.04.4.f')!.surchargeBp).toBe(1500);
  });
});

describe('parsePriceListCsv problems', () => {
  it('names the line and column of each bad row and keeps the good ones', () => {
    const text = [
      'G;1.01;TITLE;;;;;',
      'G;1.01.1;Article:;;;;;',
      'G;1.01.1.a;ok;mq;€ 1.234,50;;;',
      'G;1.01.1.b;no price;mq;;;;',
      'G;1.01.1.c;bad price;mq;€ abc;;;',
      'G;1.01.1.d;bad pct;%;lots;;;',
      'G;1.01.1.e;no unit;;€ 3,00;;;',
      'G;1.01.1.a;again;mq;€ 1,00;;;',
    ].join('\n');
    const r = parsePriceListCsv(text);
    expect(r.items).toEqual([
      { row: 3, code: 'G.1.01.1.a', description: 'Article — ok', unit: 'mq', priceCents: 123450, surchargeBp: null },
    ]);
    expect(r.issues).toEqual([
      { row: 4, column: 'price', rule: 'required' },
      { row: 5, column: 'price', rule: 'priceFormat' },
      { row: 6, column: 'price', rule: 'surchargeFormat' },
      { row: 7, column: 'unit', rule: 'unitMissing' },
      { row: 8, column: 'code', rule: 'duplicateInFile', params: { firstRow: 3 } },
    ]);
  });

  it('reports an empty file', () => {
    expect(parsePriceListCsv(';;;;\n\n').issues).toEqual([{ row: 1, column: 'code', rule: 'emptyFile' }]);
  });

  it('parses percentages with Italian decimals', () => {
    expect(parsePercentBp('30')).toBe(3000);
    expect(parsePercentBp('1,5')).toBe(150);
    expect(parsePercentBp('x')).toBeNull();
  });
});
