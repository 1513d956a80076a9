import { describe, expect, it } from 'vitest';
import { checkVatNumber, isValidVatNumber, vatCheckDigit } from './vat.ts';

describe('Partita IVA', () => {
  it.each([
    ['04376620151', 'Politecnico di Milano'],
    ['00905811006', 'Eni S.p.A.'],
    ['01114601006', 'Poste Italiane S.p.A.'],
    ['00488410010', 'Telecom Italia S.p.A.'],
    ['12878470157', 'a Milan-office number'],
  ])('accepts %s (%s)', (vat) => {
    expect(checkVatNumber(vat)).toBeNull();
    expect(isValidVatNumber(vat)).toBe(true);
  });

  it.each([
    ['04376620152', 'vatChecksum'], // Politecnico with the last digit changed
    ['00905811007', 'vatChecksum'],
    ['01114601060', 'vatChecksum'], // two digits swapped
    ['00000000000', 'vatChecksum'], // arithmetically fine, never assigned
    ['0437662015', 'vatFormat'], // 10 digits
    ['043766201510', 'vatFormat'], // 12 digits
    ['IT04376620151', 'vatFormat'], // country prefix
    ['0437662015A', 'vatFormat'],
    ['', 'vatFormat'],
    [' 04376620151', 'vatFormat'],
  ])('rejects %s with %s', (vat, rule) => {
    expect(checkVatNumber(vat)).toBe(rule);
    expect(isValidVatNumber(vat)).toBe(false);
  });

  it('computes the check digit of every one-digit change to a different result', () => {
    const base = '0437662015';
    for (let i = 0; i < 10; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === base[i]) continue;
        const changed = base.slice(0, i) + d + base.slice(i + 1);
        expect(vatCheckDigit(changed)).not.toBe(1);
      }
    }
    expect(vatCheckDigit(base)).toBe(1);
  });
});
