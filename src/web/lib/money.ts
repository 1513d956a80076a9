// Euro ↔ integer cents, exactly: no floating-point multiplication.

/**
 * Converts a euro amount (a number or a plain decimal string such as "1234.5", as Mantine's
 * NumberInput gives it) to integer cents. Returns null when the value is empty or not a valid
 * amount with at most two decimals.
 */
export function eurosToCents(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const text = typeof value === 'number' ? numberToPlainString(value) : value.trim();
  const match = /^(-)?(\d+)(?:\.(\d{0,2}))?$/.exec(text);
  if (!match) return null;
  const [, sign, whole = '0', fraction = ''] = match;
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return null;
  return sign ? -cents : cents;
}

/** Integer cents as a euro number for an input (12345 → 123.45). Exact for safe integers. */
export function centsToEuros(cents: number | null | undefined): number | '' {
  if (cents === null || cents === undefined) return '';
  return cents / 100;
}

/** Like Number#toString but never in exponent notation (1e21 and 1e-7 become digits). */
function numberToPlainString(value: number): string {
  if (!Number.isFinite(value)) return 'NaN';
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(2);
}

/** Percent with up to two decimals ↔ basis points are the server's business; the API speaks percent. */
export function roundPercent(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Sum of percentages computed in hundredths, so 33.33 + 33.33 + 33.34 is exactly 100. */
export function sumPercent(values: Array<number | string | null | undefined>): number {
  let hundredths = 0;
  for (const v of values) {
    const n = typeof v === 'string' ? Number(v) : v;
    if (typeof n === 'number' && Number.isFinite(n)) hundredths += Math.round(n * 100);
  }
  return hundredths / 100;
}
