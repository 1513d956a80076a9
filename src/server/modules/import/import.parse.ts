// Turning an uploaded file into rows of trimmed strings. No database, no HTTP: unit-testable.
// The type comes from the content (zip magic → XLSX, UTF-8 text → CSV), never from the name alone.
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../../exceljs.ts';
import { parse as parseCsvSync } from 'csv-parse/sync';
import type { FieldIssue } from '../../errors.ts';
import { checkZip, streamingLayout } from './zip-guard.ts';

/** One line of the sheet as the user sees it: `row` 1 is the first line of the file. */
export interface SheetRow {
  row: number;
  cells: string[];
}

export interface Sheet {
  format: 'csv' | 'xlsx';
  /** The first non-blank row. */
  header: SheetRow;
  /** Every later row that has at least one non-blank cell. */
  rows: SheetRow[];
}

/**
 * `tooLarge`: refused for its size before being read (413), not for its content (422).
 */
export type ParseResult = { ok: true; sheet: Sheet } | { ok: false; issues: FieldIssue[]; tooLarge?: true };

export interface ParseLimits {
  /** Rows read after the header; reading stops at one more, so the caller can name the first row beyond. */
  maxRows: number;
  /** Largest total unpacked size of an XLSX (the zip's declared and real sizes). */
  maxUnpackedBytes: number;
  maxZipEntries: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxRows: 50_000, maxUnpackedBytes: 50 * 1024 * 1024, maxZipEntries: 1000 };

/** The field name of file-level issues (the multipart part's name). */
export const FILE_FIELD = 'file';

const fileIssue = (rule: string, params?: Record<string, unknown>, row?: number): FieldIssue => ({
  field: FILE_FIELD,
  rule,
  ...(params ? { params } : {}),
  ...(row !== undefined ? { row } : {}),
});

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** Formats people upload by mistake, recognised by their first bytes. */
const BINARY_MAGICS = [
  Buffer.from('%PDF-'),
  Buffer.from([0x89, 0x50, 0x4e, 0x47]), // PNG
  Buffer.from('GIF8'),
  Buffer.from([0xff, 0xd8, 0xff]), // JPEG
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), // OLE: legacy .xls/.doc, password-protected .xlsx
  Buffer.from([0x1f, 0x8b]), // gzip
  Buffer.from([0x50, 0x4b, 0x05, 0x06]), // empty zip
];
/** Names that promise a workbook; such a file that is not a zip is refused even if it reads as text. */
const WORKBOOK_NAME = /\.(xlsx|xlsm|xls|ods)$/i;
// C0 controls other than tab, LF, CR, plus DEL: never in a CSV someone exported.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

export type DetectedFormat = 'empty' | 'xlsx' | 'csv' | 'notUtf8' | 'notSpreadsheet';

/** Decides what the bytes are. `filename` only matters to refuse a non-zip named like a workbook. */
export function detectFormat(buf: Buffer, filename?: string): DetectedFormat {
  if (buf.length === 0) return 'empty';
  if (buf.subarray(0, 4).equals(ZIP_MAGIC)) return 'xlsx';
  if (filename && WORKBOOK_NAME.test(filename.trim())) return 'notSpreadsheet';
  if (BINARY_MAGICS.some((m) => buf.subarray(0, m.length).equals(m))) return 'notSpreadsheet';
  const sample = buf.subarray(0, 64 * 1024).toString('latin1');
  if (CONTROL_CHARS.test(sample)) return 'notSpreadsheet';
  if (decodeUtf8(buf) === null) return 'notUtf8';
  return 'csv';
}

/** Strict UTF-8 decoding with the BOM stripped; null when the bytes are not UTF-8. */
export function decodeUtf8(buf: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    return null;
  }
}

/** Counts a character outside double-quoted stretches of one line. */
function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
}

/** ';' or ',' — whichever the header line uses more (';' on a tie: Italian Excel's default). Null if neither. */
export function detectSeparator(text: string): ';' | ',' | null {
  const firstLine = text.split(/\r\n|\n|\r/).find((l) => l.trim() !== '') ?? '';
  const semi = countOutsideQuotes(firstLine, ';');
  const comma = countOutsideQuotes(firstLine, ',');
  if (semi === 0 && comma === 0) return null;
  return semi >= comma ? ';' : ',';
}

const isBlank = (cells: string[]) => cells.every((c) => c === '');

function toSheet(format: Sheet['format'], lines: SheetRow[]): ParseResult {
  const nonBlank = lines.filter((l) => !isBlank(l.cells));
  if (nonBlank.length === 0) return { ok: false, issues: [fileIssue('emptyFile')] };
  const [header, ...rows] = nonBlank;
  return { ok: true, sheet: { format, header, rows } };
}

/** CSV text (BOM already stripped) → rows. Row numbers count records, as a spreadsheet shows them. */
export function parseCsv(text: string): ParseResult {
  if (text.trim() === '') return { ok: false, issues: [fileIssue('emptyFile')] };
  const delimiter = detectSeparator(text);
  if (!delimiter) return { ok: false, issues: [fileIssue('notSpreadsheet')] };
  let records: string[][];
  try {
    records = parseCsvSync(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
    }) as string[][];
  } catch (e) {
    // Broken quoting and the like: say where, as a record number when the parser knows it.
    const at = (e as { records?: number }).records;
    return { ok: false, issues: [fileIssue('notSpreadsheet', undefined, typeof at === 'number' ? at + 1 : undefined)] };
  }
  return toSheet(
    'csv',
    records.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => c.trim()) })),
  );
}

/** One cell of exceljs → the text a user typed; numbers keep a dot as decimal separator. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if ('richText' in v)
    return v.richText
      .map((t) => t.text)
      .join('')
      .trim();
  if ('hyperlink' in v) return cellText(v.text as ExcelJS.CellValue);
  if ('formula' in v || 'sharedFormula' in v) return cellText((v.result ?? null) as ExcelJS.CellValue);
  if ('error' in v) return v.error;
  return String(v).trim();
}

const mbText = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/**
 * XLSX bytes → rows of the first worksheet. The zip is checked first (zip-guard.ts), then the
 * sheet is read as a stream, row by row, and reading stops one row past `maxRows`: memory and
 * time follow the rows kept, not the file's claims.
 */
export async function parseXlsx(buf: Buffer, limits: ParseLimits = DEFAULT_PARSE_LIMITS): Promise<ParseResult> {
  const zip = await checkZip(buf, { maxUnpackedBytes: limits.maxUnpackedBytes, maxEntries: limits.maxZipEntries });
  if (!zip.ok) {
    if (zip.rule === 'unpackedTooLarge') return { ok: false, tooLarge: true, issues: [fileIssue(zip.rule, { limit: mbText(zip.limit) })] };
    if (zip.rule === 'tooManyEntries') return { ok: false, tooLarge: true, issues: [fileIssue(zip.rule, { limit: zip.limit })] };
    return { ok: false, issues: [fileIssue(zip.rule)] };
  }
  if (!zip.entries.some((e) => e.name === 'xl/_rels/workbook.xml.rels')) return { ok: false, issues: [fileIssue('notSpreadsheet')] };
  const input = Readable.from([streamingLayout(buf, zip.entries)]);
  const reader = new (await loadExcelJS()).stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const lines: SheetRow[] = [];
  let found = false;
  try {
    for await (const ws of reader) {
      // The first tab as the user sees it (workbook order), which need not be sheet1.xml.
      const first = (reader as unknown as { model?: { sheets?: Array<{ name: string }> } }).model?.sheets?.[0]?.name;
      if (first !== undefined && (ws as unknown as { name?: string }).name !== first) continue;
      found = true;
      let kept = 0;
      for await (const r of ws) {
        const values = Array.isArray(r.values) ? r.values : [];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i] as ExcelJS.CellValue));
        if (isBlank(cells)) continue;
        lines.push({ row: r.number, cells });
        // The header plus maxRows rows, plus one to name the first row beyond the limit.
        if (++kept > limits.maxRows + 1) break;
      }
      break;
    }
  } catch {
    return { ok: false, issues: [fileIssue('notSpreadsheet')] };
  } finally {
    input.destroy();
  }
  if (!found) return { ok: false, issues: [fileIssue('notSpreadsheet')] };
  return toSheet('xlsx', lines);
}

/** Any uploaded bytes → a sheet, or the file-level issue that refuses them. */
export async function parseSpreadsheet(buf: Buffer, filename?: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): Promise<ParseResult> {
  switch (detectFormat(buf, filename)) {
    case 'empty':
      return { ok: false, issues: [fileIssue('emptyFile')] };
    case 'xlsx':
      return parseXlsx(buf, limits);
    case 'notUtf8':
      return { ok: false, issues: [fileIssue('notUtf8')] };
    case 'notSpreadsheet':
      return { ok: false, issues: [fileIssue('notSpreadsheet')] };
    case 'csv': {
      const text = decodeUtf8(buf);
      return text === null ? { ok: false, issues: [fileIssue('notUtf8')] } : parseCsv(text);
    }
  }
}
