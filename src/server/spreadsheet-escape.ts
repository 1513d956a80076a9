// Formula injection (OWASP "CSV Injection"): a text cell that Excel, LibreOffice or Google Sheets
// would read as a formula. Every CSV and XLSX writer passes its text cells through here.
//
// Numbers: a cell the exporter holds as a number (a count, an amount) is written as a number —
// in XLSX a numeric cell is never text, and in CSV `String(n)` of a finite number is digits with
// an optional leading minus, which a spreadsheet reads as that number, nothing more. So the rule
// applies to text only, and text that merely looks like a negative number ("-1+1+cmd|' /C calc'!A0")
// is escaped like any other: a user-typed field is never trusted to be numeric.

/**
 * The characters that start a formula: = + - @, tab and CR (OWASP), LF too (some readers trim
 * it), and their full-width forms, which East-Asian input methods type and Excel accepts.
 */
const TRIGGERS = '=+-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20';
/** Leading characters a spreadsheet skips before looking for a formula. */
const SKIPPED = ' \u00A0\u3000';

/** True when the text, after leading spaces, starts with a formula trigger. */
export function isFormulaLike(s: string): boolean {
  let i = 0;
  while (i < s.length && SKIPPED.includes(s[i])) i++;
  return i < s.length && TRIGGERS.includes(s[i]);
}

/**
 * OWASP's rule: a formula-like text gets a leading apostrophe, so it is shown as text. The
 * visible value is the original with that one apostrophe in front; anything else is unchanged.
 */
export function escapeFormula(s: string): string {
  return isFormulaLike(s) ? `'${s}` : s;
}

/** One CSV field of text: formulas defused, then quoted when it holds the separator, a quote or a line break. */
export function csvTextField(s: string, separator = ';'): string {
  const safe = escapeFormula(s);
  return safe.includes(separator) || /["\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One CSV field of a number: as the number itself (finite only; anything else is an empty field). */
export function csvNumberField(n: number): string {
  return Number.isFinite(n) ? String(n) : '';
}

/** A value for an exceljs cell: text escaped, every other type (number, date, null) as it is. */
export function xlsxValue<T>(v: T): T | string {
  return typeof v === 'string' ? escapeFormula(v) : v;
}
