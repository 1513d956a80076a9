// Regional price list in the Regione Lazio CSV layout (Tariffa dei prezzi 2023, data-demo/):
// semicolon-separated, no header, columns part; code; description; unit; price; (empty)...
//   - chapter rows:   ";1.01;DEMOLIZIONI;;;;;"              (no part, no unit, no price)
//   - article rows:   "G;1.01.1;\"Demolizione di …:\";;;;;"   (text shared by its sub-items)
//   - priced items:   "G;1.01.1.a;in piastrelle …;mq;€ 19,01;;;"
//   - surcharges:     "G;1.04.4.d;sovrapprezzo …;%;60;;;"    (a bare number when the unit is %)
//   - notes:          ";;Il prezzo comprende …;;;;;"         (no code)
// Quoted fields may hold semicolons, doubled quotes and line breaks. Pure: text in, items out.
import { parseEuroCents } from './money.ts';

export interface CsvRecord {
  /** 1-based line where the record starts. */
  row: number;
  fields: string[];
}

/** RFC 4180 records with a chosen separator: quotes, "" escapes, line breaks inside quotes. */
export function splitCsv(text: string, separator = ';'): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let touched = false; // the current record has at least one character
  const endRecord = () => {
    fields.push(field);
    if (touched) records.push({ row: start, fields });
    fields = [];
    field = '';
    touched = false;
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      touched = true;
    } else if (c === separator) {
      fields.push(field);
      field = '';
      touched = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else {
      field += c;
      touched = true;
    }
  }
  if (touched || field !== '') endRecord();
  return records;
}

export interface PriceListCsvItem {
  /** 1-based line of the item. */
  row: number;
  /** Part and code, e.g. "G.1.01.1.a". */
  code: string;
  /** The article's text followed by the item's own text, whitespace collapsed. */
  description: string;
  unit: string;
  /** Unit price in cents; null for a surcharge row. */
  priceCents: number | null;
  /** A percentage surcharge in basis points (unit "%"); null for a priced row. */
  surchargeBp: number | null;
}

export interface PriceListCsvIssue {
  row: number;
  column: 'code' | 'description' | 'unit' | 'price';
  /** A rule key of the server's messages. */
  rule: 'priceFormat' | 'surchargeFormat' | 'unitMissing' | 'required' | 'duplicateInFile' | 'emptyFile';
  params?: Record<string, unknown>;
}

export interface PriceListCsvResult {
  items: PriceListCsvItem[];
  issues: PriceListCsvIssue[];
  /** Chapter and article rows read (for the import summary). */
  headings: number;
  /** Note rows (text without a code), not imported. */
  notes: number;
}

const clean = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** "30", "1,5", "12.5" → basis points; null when not a number. */
export function parsePercentBp(input: string): number | null {
  const s = input.replace(/%/g, '').replace(/\s/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  return Math.round(Number(s) * 100);
}

/** A sub-item's code ends in a letter ("1.01.1.a"); its article is the code without it. */
function articleOf(code: string): string | null {
  const m = /^(.+)\.[a-z]{1,3}$/i.exec(code);
  return m ? m[1] : null;
}

/** Parses the whole file; every problem is reported with its line, nothing is thrown. */
export function parsePriceListCsv(text: string): PriceListCsvResult {
  return parsePriceListRecords(splitCsv(text));
}

/** The same layout read from rows already split (the first sheet of an XLSX, #9). */
export function parsePriceListRecords(records: readonly CsvRecord[]): PriceListCsvResult {
  const items: PriceListCsvItem[] = [];
  const issues: PriceListCsvIssue[] = [];
  const articles = new Map<string, string>(); // raw code → text
  const seen = new Map<string, number>(); // code → first row
  let headings = 0;
  let notes = 0;

  for (const { row, fields } of records) {
    const part = clean(fields[0]);
    const rawCode = clean(fields[1]);
    const text = clean(fields[2]);
    const unit = clean(fields[3]);
    const price = clean(fields[4]);
    if (!part && !rawCode && !text && !unit && !price) continue;
    if (!rawCode) {
      if (text) notes++;
      continue;
    }
    if (!unit && !price) {
      headings++;
      articles.set(rawCode, text);
      continue;
    }
    const code = part ? `${part}.${rawCode}` : rawCode;
    if (!text) issues.push({ row, column: 'description', rule: 'required' });
    if (!unit) {
      issues.push({ row, column: 'unit', rule: 'unitMissing' });
      continue;
    }
    if (!price) {
      issues.push({ row, column: 'price', rule: 'required' });
      continue;
    }
    let priceCents: number | null = null;
    let surchargeBp: number | null = null;
    if (unit === '%') {
      surchargeBp = parsePercentBp(price);
      if (surchargeBp === null) {
        issues.push({ row, column: 'price', rule: 'surchargeFormat' });
        continue;
      }
    } else {
      priceCents = parseEuroCents(price);
      if (priceCents === null || priceCents < 0) {
        issues.push({ row, column: 'price', rule: 'priceFormat' });
        continue;
      }
    }
    const first = seen.get(code);
    if (first !== undefined) {
      issues.push({ row, column: 'code', rule: 'duplicateInFile', params: { firstRow: first } });
      continue;
    }
    seen.set(code, row);
    const article = articleOf(rawCode);
    const articleText = article ? articles.get(article) : undefined;
    const description = articleText ? `${articleText.replace(/[:;,.\s]+$/, '')} — ${text}` : text;
    items.push({ row, code, description, unit, priceCents, surchargeBp });
  }
  if (items.length === 0 && issues.length === 0) issues.push({ row: 1, column: 'code', rule: 'emptyFile' });
  return { items, issues, headings, notes };
}
