// A plan's recurrence rule: checked before it is stored (validateRRule) and said in words on the
// plan's page and in the program (describeRule). rrule's own toText is English only and gets the
// presets wrong ("every month on weekdays" for the last working day), so the presets are worded
// here in both languages; any other rule is shown as written.
import { DateTime } from 'luxon';
import { ruleFrom } from './recurrence.ts';

export type RuleProblem = 'syntax' | 'dtstartNotAllowed' | 'noFreq' | 'tooFrequent' | 'count_and_until';

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
type Day = (typeof DAYS)[number];
const DATE_FREQS = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY'] as const;
const TIME_FREQS = ['HOURLY', 'MINUTELY', 'SECONDLY'];

const intList = (min: number, max: number, signed: boolean) => (v: string) =>
  v.split(',').every((p) => {
    if (!/^[+-]?\d{1,3}$/.test(p)) return false;
    const n = Number(p);
    return signed ? n !== 0 && Math.abs(n) >= min && Math.abs(n) <= max : !/^[+-]/.test(p) && n >= min && n <= max;
  });
const BYDAY_PART = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/;

/** The value check of each part a date-based plan may use (RFC 5545 §3.3.10). */
const PARTS: Record<string, (v: string) => boolean> = {
  FREQ: (v) => (DATE_FREQS as readonly string[]).includes(v) || TIME_FREQS.includes(v),
  INTERVAL: (v) => /^[1-9]\d{0,3}$/.test(v),
  COUNT: (v) => /^[1-9]\d{0,3}$/.test(v),
  UNTIL: (v) => /^\d{8}(T\d{6}Z?)?$/.test(v) && DateTime.fromFormat(v.slice(0, 8), 'yyyyMMdd', { zone: 'utc' }).isValid,
  BYDAY: (v) =>
    v.split(',').every((p) => {
      const m = BYDAY_PART.exec(p);
      return !!m && (m[1] === undefined || (Number(m[1]) !== 0 && Math.abs(Number(m[1])) <= 53));
    }),
  BYMONTHDAY: intList(1, 31, true),
  BYMONTH: intList(1, 12, false),
  BYSETPOS: intList(1, 366, true),
  BYYEARDAY: intList(1, 366, true),
  BYWEEKNO: intList(1, 53, true),
  WKST: (v) => (DAYS as readonly string[]).includes(v),
};

type Parts = Record<string, string>;

/** The rule's parts, upper-cased, or the reason it is not a rule a plan may have. */
function parse(text: string): Parts | RuleProblem {
  if (typeof text !== 'string') return 'syntax';
  const t = text.trim();
  if (/DTSTART/i.test(t)) return 'dtstartNotAllowed';
  const body = t.replace(/^RRULE:/i, '').replace(/;$/, '');
  if (body === '' || body.length > 500 || /[\s:]/.test(body)) return 'syntax';
  const parts: Parts = {};
  for (const part of body.split(';')) {
    const m = /^([A-Za-z]+)=([A-Za-z0-9+,-]+)$/.exec(part);
    if (!m) return 'syntax';
    const key = m[1].toUpperCase();
    const value = m[2].toUpperCase();
    // Plans are by date (the time window is separate): hours, minutes and seconds are not allowed.
    if (!(key in PARTS) || key in parts || !PARTS[key](value)) return 'syntax';
    parts[key] = value;
  }
  if (!parts.FREQ) return 'noFreq';
  if (TIME_FREQS.includes(parts.FREQ)) return 'tooFrequent';
  if (parts.COUNT && parts.UNTIL) return 'count_and_until';
  return parts;
}

/**
 * Null when the text is a rule a plan may store (an RRULE without DTSTART, by date, at most
 * daily, not both COUNT and UNTIL), else the reason. Never throws.
 */
export function validateRRule(text: string): RuleProblem | null {
  try {
    const p = parse(text);
    if (typeof p === 'string') return p;
    // rrule must read it and yield dates without error.
    ruleFrom(text, '2026-01-01').all((_d, i) => i < 3);
    return null;
  } catch {
    return 'syntax';
  }
}

// --- words ------------------------------------------------------------------------------------

export type RuleLang = 'it' | 'en';
export interface Season {
  from: string;
  to: string;
}

const IT_DAYS: Record<Day, string> = {
  MO: 'lunedì',
  TU: 'martedì',
  WE: 'mercoledì',
  TH: 'giovedì',
  FR: 'venerdì',
  SA: 'sabato',
  SU: 'domenica',
};
const EN_DAYS: Record<Day, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};
const WEEKDAYS = 'MO,TU,WE,TH,FR';

function list(items: string[], lang: RuleLang): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${lang === 'it' ? 'e' : 'and'} ${items[items.length - 1]}`;
}

/** "ogni mese", "ogni trimestre", "ogni 5 mesi" / "every month", "every quarter", "every 5 months". */
function monthPeriod(interval: number, lang: RuleLang): string {
  if (lang === 'it')
    return `ogni ${({ 1: 'mese', 2: 'bimestre', 3: 'trimestre', 4: 'quadrimestre', 6: 'semestre' } as Record<number, string>)[interval] ?? `${interval} mesi`}`;
  return interval === 1 ? 'every month' : interval === 3 ? 'every quarter' : `every ${interval} months`;
}

/** "Il primo lunedì", "La prima domenica", "L'ultimo venerdì" / "The first Monday". */
function nthWeekday(n: number, day: Day, lang: RuleLang): string | null {
  if (lang === 'en') {
    const word = (
      { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', 5: 'fifth', [-1]: 'last', [-2]: 'second-to-last' } as Record<number, string>
    )[n];
    return word ? `The ${word} ${EN_DAYS[day]}` : null;
  }
  const fem = day === 'SU';
  const word = ({ 1: 'prim', 2: 'second', 3: 'terz', 4: 'quart', 5: 'quint', [-1]: 'ultim', [-2]: 'penultim' } as Record<number, string>)[
    n
  ];
  if (!word) return null;
  const adj = `${word}${fem ? 'a' : 'o'}`;
  const article = n === -1 ? "L'" : fem ? 'La ' : 'Il ';
  return `${article}${adj} ${IT_DAYS[day]}`;
}

const enOrdinal = (n: number) =>
  `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;

const dateWords = (iso: string, lang: RuleLang, format: string) => DateTime.fromISO(iso, { zone: 'utc' }).setLocale(lang).toFormat(format);

/** The core sentence for the presets, or null for anything else. */
function presetWords(p: Parts, startsOn: string, lang: RuleLang): string | null {
  const it = lang === 'it';
  const interval = Number(p.INTERVAL ?? '1');
  const keys = Object.keys(p)
    .filter((k) => !['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'WKST'].includes(k))
    .sort()
    .join(',');
  const from = it ? `dal ${dateWords(startsOn, lang, 'dd/MM/yyyy')}` : `from ${dateWords(startsOn, lang, 'd MMMM yyyy')}`;

  if (keys === '') {
    const units: Record<string, [string, string, string, string]> = {
      DAILY: ['giorno', 'giorni', 'day', 'days'],
      WEEKLY: ['settimana', 'settimane', 'week', 'weeks'],
      MONTHLY: ['mese', 'mesi', 'month', 'months'],
      YEARLY: ['anno', 'anni', 'year', 'years'],
    };
    const [one, many, enOne, enMany] = units[p.FREQ];
    const every = it
      ? interval === 1
        ? `Ogni ${one}`
        : `Ogni ${interval} ${many}`
      : interval === 1
        ? `Every ${enOne}`
        : `Every ${interval} ${enMany}`;
    return `${every} ${from}`;
  }

  if (p.FREQ === 'WEEKLY' && keys === 'BYDAY' && p.BYDAY.split(',').every((d) => (DAYS as readonly string[]).includes(d))) {
    const days = DAYS.filter((d) => p.BYDAY.split(',').includes(d));
    const names = days.map((d) => (it ? IT_DAYS : EN_DAYS)[d]);
    const weekdays = days.join(',') === WEEKDAYS;
    if (interval === 1) {
      if (weekdays) return it ? 'Ogni giorno dal lunedì al venerdì' : 'Every weekday, Monday to Friday';
      return it ? `Ogni ${list(names, lang)}` : `Every ${list(names, lang)}`;
    }
    return it
      ? `Ogni ${interval} settimane, ${list(
          days.map((d) => `${d === 'SU' ? 'la' : 'il'} ${IT_DAYS[d]}`),
          lang,
        )}, ${from}`
      : `Every ${interval} weeks on ${list(names, lang)}, ${from}`;
  }

  if (p.FREQ === 'MONTHLY') {
    const period = monthPeriod(interval, lang);
    if (keys === 'BYMONTHDAY' && !p.BYMONTHDAY.includes(',')) {
      const n = Number(p.BYMONTHDAY);
      if (n === -1)
        return it
          ? interval === 1
            ? "L'ultimo giorno del mese"
            : `L'ultimo giorno del mese, ${period}`
          : interval === 1
            ? 'The last day of the month'
            : `The last day of the month, ${period}`;
      if (n > 0) return it ? `Il giorno ${n} di ${period}` : `The ${enOrdinal(n)} of ${period}`;
      return null;
    }
    const single = (s: string) => !s.includes(',');
    if (keys === 'BYDAY' && single(p.BYDAY)) {
      const m = BYDAY_PART.exec(p.BYDAY)!;
      if (m[1] === undefined) return null;
      const head = nthWeekday(Number(m[1]), m[2] as Day, lang);
      return head ? `${head} ${it ? 'di' : 'of'} ${period}` : null;
    }
    if (keys === 'BYDAY,BYSETPOS' && single(p.BYSETPOS)) {
      const n = Number(p.BYSETPOS);
      if (p.BYDAY === WEEKDAYS && (n === 1 || n === -1)) {
        const ofMonth = interval === 1 ? (it ? 'del mese' : 'of the month') : `${it ? 'di' : 'of'} ${period}`;
        return it
          ? `${n === 1 ? 'Il primo' : "L'ultimo"} giorno lavorativo ${ofMonth}`
          : `The ${n === 1 ? 'first' : 'last'} working day ${ofMonth}`;
      }
      if (single(p.BYDAY) && (DAYS as readonly string[]).includes(p.BYDAY)) {
        const head = nthWeekday(n, p.BYDAY as Day, lang);
        return head ? `${head} ${it ? 'di' : 'of'} ${period}` : null;
      }
    }
    return null;
  }

  if (
    p.FREQ === 'YEARLY' &&
    keys === 'BYMONTH,BYMONTHDAY' &&
    !p.BYMONTH.includes(',') &&
    !p.BYMONTHDAY.includes(',') &&
    Number(p.BYMONTHDAY) > 0
  ) {
    const day = DateTime.fromObject({ year: 2024, month: Number(p.BYMONTH), day: Number(p.BYMONTHDAY) }, { zone: 'utc' });
    if (!day.isValid || day.month !== Number(p.BYMONTH)) return null;
    const when = day.setLocale(lang).toFormat('d MMMM');
    if (interval === 1) return it ? `Ogni anno il ${when}` : `Every year on ${when}`;
    return it ? `Ogni ${interval} anni il ${when}, ${from}` : `Every ${interval} years on ${when}, ${from}`;
  }
  return null;
}

/**
 * The rule in words, for the presets the plan editor offers (a frequency with its interval,
 * weekdays, a day of the month or the last one, the n-th weekday, the first or last working day,
 * a date of the year), with the limit (COUNT, UNTIL) and the season; any other rule as written.
 */
export function describeRule(rrule: string, startsOn: string, lang: RuleLang, season?: Season | null): string {
  const p = validateRRule(rrule) === null ? (parse(rrule) as Parts) : null;
  const core = p ? presetWords(p, startsOn, lang) : null;
  const it = lang === 'it';
  const out = [core ?? rrule.trim()];
  if (core && p?.COUNT) out.push(it ? `per ${p.COUNT} volt${p.COUNT === '1' ? 'a' : 'e'}` : `${p.COUNT} time${p.COUNT === '1' ? '' : 's'}`);
  if (core && p?.UNTIL) {
    const until = DateTime.fromFormat(p.UNTIL.slice(0, 8), 'yyyyMMdd', { zone: 'utc' }).toISODate()!;
    out.push(it ? `fino al ${dateWords(until, lang, 'dd/MM/yyyy')}` : `until ${dateWords(until, lang, 'd MMMM yyyy')}`);
  }
  if (season?.from && season.to) {
    const md = (s: string) => dateWords(`2024-${s}`, lang, 'd MMMM');
    out.push(it ? `dal ${md(season.from)} al ${md(season.to)}` : `from ${md(season.from)} to ${md(season.to)}`);
  }
  return out.join(', ');
}
