import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatter, formatMoney, readableParam, romeDay } from './format.ts';
import { translate } from '../server/i18n/messages.ts';

// NBSP and narrow NBSP (Intl's separators) read as plain spaces in these expectations.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const it_ = formatter('it');
const en = formatter('en');

describe('money from integer cents', () => {
  it.each([
    [270_000, '2.700,00 €', '€2,700.00'], // 4 digits are grouped too (it-IT's default would not)
    [397_500_000, '3.975.000,00 €', '€3,975,000.00'],
    [0, '0,00 €', '€0.00'],
    [5, '0,05 €', '€0.05'],
    [-270_050, '-2.700,50 €', '-€2,700.50'],
    [-5, '-0,05 €', '-€0.05'],
    [900_719_925_474_099, '9.007.199.254.740,99 €', '€9,007,199,254,740.99'], // exact: no binary rounding of cents / 100
  ])('%d cents → %s / %s', (cents, italian, english) => {
    expect(plain(it_.money(cents))).toBe(italian);
    expect(plain(en.money(cents))).toBe(english);
  });
  it('null and undefined read as a dash', () => {
    expect(it_.money(null)).toBe('—');
    expect(en.money(undefined)).toBe('—');
    expect(formatMoney(null, 'it')).toBe('—');
  });
  it('unknown languages are Italian', () => expect(plain(formatMoney(123_456, 'de'))).toBe('1.234,56 €'));
});

describe('numbers', () => {
  it('grouped always, decimals as asked', () => {
    expect(it_.integer(10_000)).toBe('10.000');
    expect(it_.integer(2_700)).toBe('2.700');
    expect(en.integer(2_700)).toBe('2,700');
    expect(it_.decimal(3.40136, 4)).toBe('3,4014');
    expect(it_.quantity(1.5)).toBe('1,5');
    expect(plain(it_.percent(12.5))).toBe('12,5 %');
    expect(it_.number(null)).toBe('—');
  });
});

describe('dates in Rome, across daylight-saving changes', () => {
  it.each([
    // Last Sunday of March 2026: 02:00 → 03:00.
    ['2026-03-29T00:59:00Z', '29/03/2026, 01:59'],
    ['2026-03-29T01:00:00Z', '29/03/2026, 03:00'],
    // Last Sunday of October 2026: 03:00 → 02:00 (02:30 happens twice).
    ['2026-10-25T00:30:00Z', '25/10/2026, 02:30'],
    ['2026-10-25T01:30:00Z', '25/10/2026, 02:30'],
    ['2026-12-31T23:30:00Z', '01/01/2027, 00:30'],
  ])('%s → %s', (iso, text) => {
    expect(it_.dateTime(iso)).toBe(text);
    expect(en.dateTime(iso)).toBe(text);
  });
  it("a calendar day is never shifted by a zone; an instant's day is Rome's", () => {
    expect(it_.date('2026-03-29')).toBe('29/03/2026');
    expect(it_.date('2026-12-31T23:30:00Z')).toBe('01/01/2027');
    expect(romeDay(Date.parse('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });
  it('the short form with the weekday, the year only when it is another', () => {
    const now = Date.parse('2026-06-01T10:00:00Z');
    expect(it_.dayTime('2026-12-09T09:30:00Z', now)).toBe('mer 9 dic, 10:30');
    expect(en.dayTime('2026-12-09T09:30:00Z', now)).toBe('Wed 9 Dec, 10:30');
    expect(it_.dayTime('2027-01-04T08:00:00Z', now)).toBe('lun 4 gen 2027, 09:00');
    expect(it_.time('2026-07-01T06:00:00Z')).toBe('08:00'); // summer time
    expect(it_.weekdayOf('2026-12-07T08:00:00Z')).toBe('lunedì');
  });
  it('absent values', () => {
    expect(it_.date(null)).toBe('—');
    expect(en.dateTime(undefined)).toBe('—');
  });
  it('for prose (e-mails): the month in words, our own word before the time', () => {
    expect(it_.dateTimeLong('2026-12-09T09:30:00Z')).toBe('9 dicembre 2026 alle 10:30');
    expect(en.dateTimeLong('2026-12-09T09:30:00Z')).toBe('9 December 2026 at 10:30');
    expect(it_.dateTimeLong('2026-07-01T22:15:00Z')).toBe('2 luglio 2026 alle 00:15'); // summer time, next day
    expect(it_.dateLong('2026-03-01')).toBe('1 marzo 2026');
    expect(en.dateLong('2026-12-31T23:30:00Z')).toBe('1 January 2027');
    expect(en.dateTimeLong(null)).toBe('—');
    expect(it_.dateTimeLong('not a date')).toBe('not a date');
  });
  it('for spreadsheets (CSV): no comma between day and time, so Excel reads a date', () => {
    expect(it_.dateTimeSheet('2026-12-09T09:30:00Z')).toBe('09/12/2026 10:30');
    expect(en.dateTimeSheet('2026-10-25T01:30:00Z')).toBe('25/10/2026 02:30');
  });
});

describe('durations', () => {
  it.each([
    [2 * 3_600_000, {}, '2 ore', '2 hours'],
    [2 * 3_600_000, { working: true }, '2 ore lavorative', '2 working hours'],
    [3_600_000, { working: true }, '1 ora lavorativa', '1 working hour'],
    [2 * 3_600_000 + 15 * 60_000, { working: true }, '2 ore lavorative e 15 min', '2 working hours 15 min'],
    [45 * 60_000, { working: true }, '45 minuti lavorativi', '45 working minutes'],
    [30 * 3_600_000, { working: true }, '30 ore lavorative', '30 working hours'], // working hours never become days
    [75 * 3_600_000, {}, '3 giorni e 3 ore', '3 days 3 hours'],
    [30_000, {}, 'meno di 1 min', 'under 1 min'],
  ])('%d ms %j', (ms, options, italian, english) => {
    expect(it_.duration(ms, options)).toBe(italian);
    expect(en.duration(ms, options)).toBe(english);
  });
});

describe('error messages never show an ISO date', () => {
  it('ISO days and instants in parameters are written in the language', () => {
    expect(readableParam('2026-03-10', 'en')).toBe('10/03/2026');
    expect(readableParam('2026-000038', 'it')).toBe('2026-000038'); // a ticket number is not a date
    const params = { building: 'MI-B03', technologyClass: 'VER', date: '2026-03-10' };
    expect(translate('it', 'detail', 'CONTRACT_NOT_FOUND', params)).toBe(
      "Nessun contratto attivo copre l'edificio MI-B03 per la classe VER alla data 10/03/2026.",
    );
    expect(translate('en', 'detail', 'CONTRACT_NOT_FOUND', params)).toBe(
      'No active contract covers building MI-B03 for class VER on 10/03/2026.',
    );
    expect(translate('en', 'detail', 'PENALTY_TERM_EXPIRED', { termEndsAt: '2026-04-11T21:59:59.999Z' })).toBe(
      'The term for counter-arguments expired on 11/04/2026, 23:59.',
    );
  });
});

describe('one formatter: no other module builds number or date formats of its own', () => {
  const root = join(import.meta.dirname, '..');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) files.push(p);
    }
  };
  walk(root);
  const FORBIDDEN = /new Intl\.(NumberFormat|DateTimeFormat)\b|\.toLocale(String|DateString|TimeString)\(|Intl\.NumberFormat\(/;
  it('only src/shared/format.ts constructs Intl.NumberFormat / DateTimeFormat or calls toLocale*String', () => {
    const offenders = files
      .filter((f) => relative(root, f) !== join('shared', 'format.ts'))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ f, line, i })),
      )
      .filter(({ line }) => FORBIDDEN.test(line))
      .map(({ f, line, i }) => `${relative(root, f)}:${i + 1}: ${line.trim()}`);
    expect(offenders).toEqual([]);
  });
  it('the check would see one', () => expect(FORBIDDEN.test("const x = new Intl.NumberFormat('it-IT')")).toBe(true));
});
