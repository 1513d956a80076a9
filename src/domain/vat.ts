// Partita IVA (Italian VAT number): 11 digits — 7 of company number, 3 of provincial office,
// 1 check digit computed Luhn-style: digits in odd positions (1st, 3rd, …) count as they are,
// digits in even positions are doubled (minus 9 when above 9); the check digit brings the sum
// to a multiple of 10. Pure: no I/O.

export type VatProblem = 'vatFormat' | 'vatChecksum';

/** The check digit the first ten digits call for. */
export function vatCheckDigit(firstTen: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = firstTen.charCodeAt(i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** null when valid, else the rule it breaks (the names of the field-error messages). */
export function checkVatNumber(value: string): VatProblem | null {
  if (!/^\d{11}$/.test(value)) return 'vatFormat';
  // All zeros passes the checksum arithmetically but is never assigned.
  if (/^0{7}/.test(value)) return 'vatChecksum';
  return vatCheckDigit(value.slice(0, 10)) === Number(value[10]) ? null : 'vatChecksum';
}

export const isValidVatNumber = (value: string): boolean => checkVatNumber(value) === null;
