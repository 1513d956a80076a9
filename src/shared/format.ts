// The one place that turns money, dates and durations into words for people, per language, for
// the web app, the PDFs, the exports, the e-mails and the error messages alike. Pure and built on
// Intl only (no luxon, no browser API), so both the server and the web bundle import it.
//
// Rules: money is integer cents shown with two decimals and thousands grouped always ("2.700,00 €":
// it-IT leaves 4-digit numbers ungrouped by default); instants are shown in Rome's wall-clock time
// (the time the contracts, calendars and people live in), whatever the reader's machine says;
// calendar days ('YYYY-MM-DD') are shown as they are, never shifted by a time zone.

export type FormatLang = 'it' | 'en';

/** The time zone of every instant shown. */
export const DISPLAY_ZONE = 'Europe/Rome';
/** What an absent value reads as. */
export const EMPTY = '—';

/** The BCP 47 locale of each language (British English: day before month, 24-hour clock). */
export const localeOf = (lang: string): string => (lang === 'en' ? 'en-GB' : 'it-IT');
/** Any language tag narrowed to the two the product speaks (Italian unless English). */
export const formatLang = (lang: string | null | undefined): FormatLang => (lang === 'en' ? 'en' : 'it');

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** True for a calendar day 'YYYY-MM-DD'. */
export const isIsoDay = (value: unknown): value is string => typeof value === 'string' && DAY.test(value);
/** True for an ISO-8601 instant with its offset ('2026-12-09T09:30:00.000Z'). */
export const isIsoInstant = (value: unknown): value is string => typeof value === 'string' && INSTANT.test(value);

const MINUTE = 60_000;

const WORDS = {
  it: {
    underMinute: 'meno di 1 min',
    hours: (n: number) => (n === 1 ? '1 ora' : `${n} ore`),
    workingHours: (n: number) => (n === 1 ? '1 ora lavorativa' : `${n} ore lavorative`),
    minutes: (n: number) => `${n} min`,
    workingMinutes: (n: number) => (n === 1 ? '1 minuto lavorativo' : `${n} minuti lavorativi`),
    days: (n: number) => (n === 1 ? '1 giorno' : `${n} giorni`),
    and: ' e ',
    at: 'alle',
  },
  en: {
    underMinute: 'under 1 min',
    hours: (n: number) => (n === 1 ? '1 hour' : `${n} hours`),
    workingHours: (n: number) => (n === 1 ? '1 working hour' : `${n} working hours`),
    minutes: (n: number) => `${n} min`,
    workingMinutes: (n: number) => (n === 1 ? '1 working minute' : `${n} working minutes`),
    days: (n: number) => (n === 1 ? '1 day' : `${n} days`),
    and: ' ',
    at: 'at',
  },
} as const;

export interface DurationOptions {
  /** Working time: "2 ore lavorative"; hours are never turned into days (a working day depends on the calendar). */
  working?: boolean;
}

const RELATIVE_UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

export interface Formatter {
  readonly lang: FormatLang;
  readonly locale: string;
  /** Integer cents as euro with two decimals, grouped: "2.700,00 €", "€2,700.00"; null → "—". */
  money: (cents: number | null | undefined) => string;
  /** A number in the locale, grouped; up to `fractionDigits` decimals (exactly that many when given). */
  number: (value: number | null | undefined, fractionDigits?: number) => string;
  /** A number with at most `maxFractionDigits` decimals, none forced: "3,4014". */
  decimal: (value: number | null | undefined, maxFractionDigits: number) => string;
  /** A whole count, grouped: "10.000". */
  integer: (value: number | null | undefined) => string;
  /** A quantity with up to three decimals (quote lines). */
  quantity: (value: number | null | undefined) => string;
  /** A percentage with up to two decimals: "12,5 %". */
  percent: (value: number | null | undefined) => string;
  /** A calendar day 'YYYY-MM-DD' (or an instant's day in Rome): "09/12/2026". */
  date: (value: string | null | undefined) => string;
  /** An instant in Rome: "09/12/2026, 10:30". */
  dateTime: (value: string | null | undefined) => string;
  /** An instant in Rome for spreadsheets (CSV): "09/12/2026 10:30", no comma, so Excel reads it as a date. */
  dateTimeSheet: (value: string | null | undefined) => string;
  /** A calendar day (or an instant's day in Rome) with the month in words, for prose (e-mails): "9 dicembre 2026". */
  dateLong: (value: string | null | undefined) => string;
  /** An instant in Rome with the month in words, for prose (e-mails): "9 dicembre 2026 alle 10:30", "9 December 2026 at 10:30". */
  dateTimeLong: (value: string | null | undefined) => string;
  /** An instant in Rome, short and with its weekday: "lun 9 dic, 10:30"; the year only when it is not `now`'s. */
  dayTime: (value: string | number, now?: number) => string;
  /** An instant's time of day in Rome: "08:00". */
  time: (value: string | number) => string;
  /** An instant's weekday in Rome, in full: "lunedì", "Monday". */
  weekdayOf: (value: string | number) => string;
  /** A 'MM-DD' day of the year (a patron saint's feast): "7 dicembre". */
  dayOfYear: (value: string | null | undefined) => string;
  /** A month 'YYYY-MM' in words: "marzo 2026". */
  month: (value: string | null | undefined) => string;
  /** A calendar day 'YYYY-MM-DD' with its weekday: "mar 10 mar". */
  dayLong: (value: string | null | undefined) => string;
  /** The short weekday name of a calendar day 'YYYY-MM-DD': "lun". */
  weekday: (value: string) => string;
  /** A duration in words, whole minutes rounded down: "2 ore e 15 min", "2 ore lavorative", "3 giorni e 4 ore". */
  duration: (ms: number, options?: DurationOptions) => string;
  /** An instant relative to `now`: "3 giorni fa", "tra 2 ore". */
  relative: (value: string | null | undefined, now?: number) => string;
  /** A byte size: "12 kB", "1,2 MB". */
  bytes: (value: number | null | undefined) => string;
}

const cache = new Map<FormatLang, Formatter>();

/** The formatter of a language (made once per language). */
export function formatter(language: string | null | undefined): Formatter {
  const lang = formatLang(language);
  let f = cache.get(lang);
  if (!f) {
    f = build(lang);
    cache.set(lang, f);
  }
  return f;
}

const toMs = (value: string | number): number => (typeof value === 'number' ? value : Date.parse(value));
const utcDay = (value: string) => new Date(`${value.slice(0, 10)}T00:00:00Z`);

function build(lang: FormatLang): Formatter {
  const locale = localeOf(lang);
  const w = WORDS[lang];
  // 'always': it-IT's default (minimumGroupingDigits 2) would print 2700,00 beside 3.975.000,00.
  const grouped = { useGrouping: 'always' } as unknown as Intl.NumberFormatOptions;
  const moneyFmt = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    ...grouped,
  });
  const integerFmt = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, ...grouped });
  const numberFmts = new Map<string, Intl.NumberFormat>();
  const numberFmt = (min: number, max: number) => {
    const key = `${min}-${max}`;
    let nf = numberFmts.get(key);
    if (!nf) {
      nf = new Intl.NumberFormat(locale, { minimumFractionDigits: min, maximumFractionDigits: max, ...grouped });
      numberFmts.set(key, nf);
    }
    return nf;
  };
  const dayFmt = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
  const romeDayFmt = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: DISPLAY_ZONE });
  const dateTimeFmt = new Intl.DateTimeFormat(locale, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: DISPLAY_ZONE,
  });
  const dayTimeFmt = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: DISPLAY_ZONE,
  });
  const dayTimeYearFmt = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: DISPLAY_ZONE,
  });
  const longDayFmt = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const romeLongDayFmt = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: DISPLAY_ZONE });
  const yearFmt = new Intl.DateTimeFormat('en-GB', { year: 'numeric', timeZone: DISPLAY_ZONE });
  const timeFmt = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: DISPLAY_ZONE });
  const weekdayLongFmt = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: DISPLAY_ZONE });
  const feastFmt = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' });
  const monthFmt = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const dayLongFmt = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
  const weekdayFmt = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  const relativeFmt = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const blank = (v: unknown): v is null | undefined => v === null || v === undefined;

  // Exact decimal text for Intl (it takes strings as decimals): no binary rounding of cents / 100.
  const centsText = (cents: number) => {
    const abs = Math.abs(Math.trunc(cents));
    return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  };
  const fmtDecimal = (nf: Intl.NumberFormat, text: string) => (nf.format as (v: string) => string)(text);

  function duration(ms: number, options: DurationOptions = {}): string {
    const minutes = Math.floor(Math.max(0, ms) / MINUTE);
    if (minutes === 0) return ms > 0 ? w.underMinute : options.working ? w.workingMinutes(0) : w.minutes(0);
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    if (options.working) {
      if (h === 0) return w.workingMinutes(m);
      return m === 0 ? w.workingHours(h) : `${w.workingHours(h)}${w.and}${w.minutes(m)}`;
    }
    const d = Math.floor(h / 24);
    if (d > 0) {
      const rest = h % 24;
      return rest === 0 ? w.days(d) : `${w.days(d)}${w.and}${w.hours(rest)}`;
    }
    if (h === 0) return w.minutes(m);
    return m === 0 ? w.hours(h) : `${w.hours(h)}${w.and}${w.minutes(m)}`;
  }

  return {
    lang,
    locale,
    money: (cents) => (blank(cents) || !Number.isFinite(cents) ? EMPTY : fmtDecimal(moneyFmt, centsText(cents))),
    number: (value, fractionDigits) => (blank(value) ? EMPTY : numberFmt(fractionDigits ?? 0, fractionDigits ?? 2).format(value)),
    decimal: (value, maxFractionDigits) => (blank(value) ? EMPTY : numberFmt(0, maxFractionDigits).format(value)),
    integer: (value) => (blank(value) ? EMPTY : integerFmt.format(value)),
    quantity: (value) => (blank(value) ? EMPTY : numberFmt(0, 3).format(value)),
    percent: (value) => (blank(value) ? EMPTY : `${numberFmt(0, 2).format(value)} %`),
    date: (value) => {
      if (!value) return EMPTY;
      if (isIsoInstant(value)) return romeDayFmt.format(new Date(value));
      const d = utcDay(value);
      return Number.isNaN(d.getTime()) ? value : dayFmt.format(d);
    },
    dateTime: (value) => {
      if (!value) return EMPTY;
      const ms = Date.parse(value);
      return Number.isNaN(ms) ? value : dateTimeFmt.format(ms);
    },
    dateTimeSheet: (value) => {
      if (!value) return EMPTY;
      const ms = Date.parse(value);
      return Number.isNaN(ms) ? value : `${romeDayFmt.format(ms)} ${timeFmt.format(ms)}`;
    },
    dateLong: (value) => {
      if (!value) return EMPTY;
      if (isIsoInstant(value)) return romeLongDayFmt.format(new Date(value));
      const d = utcDay(value);
      return Number.isNaN(d.getTime()) ? value : longDayFmt.format(d);
    },
    // Day and time joined by our own word: Intl's it-IT says "alle ore", longer than Italian prose wants.
    dateTimeLong: (value) => {
      if (!value) return EMPTY;
      const ms = Date.parse(value);
      return Number.isNaN(ms) ? value : `${romeLongDayFmt.format(ms)} ${w.at} ${timeFmt.format(ms)}`;
    },
    dayTime: (value, now) => {
      const ms = toMs(value);
      if (Number.isNaN(ms)) return String(value);
      const sameYear = now === undefined || yearFmt.format(ms) === yearFmt.format(now);
      return (sameYear ? dayTimeFmt : dayTimeYearFmt).format(ms);
    },
    time: (value) => timeFmt.format(toMs(value)),
    weekdayOf: (value) => weekdayLongFmt.format(toMs(value)),
    dayOfYear: (value) => {
      if (!value || !/^\d{2}-\d{2}$/.test(value)) return value || EMPTY;
      const d = new Date(`2000-${value}T00:00:00Z`);
      return Number.isNaN(d.getTime()) ? value : feastFmt.format(d);
    },
    month: (value) => {
      if (!value || !/^\d{4}-\d{2}$/.test(value)) return value || EMPTY;
      return monthFmt.format(new Date(`${value}-01T00:00:00Z`));
    },
    dayLong: (value) => {
      if (!value) return EMPTY;
      const d = utcDay(value);
      return Number.isNaN(d.getTime()) ? value : dayLongFmt.format(d);
    },
    weekday: (value) => weekdayFmt.format(utcDay(value)),
    duration,
    relative: (value, now = Date.now()) => {
      if (!value) return EMPTY;
      const at = Date.parse(value);
      if (Number.isNaN(at)) return value;
      const seconds = (at - now) / 1000;
      for (const [unit, size] of RELATIVE_UNITS) {
        if (Math.abs(seconds) >= size) return relativeFmt.format(Math.trunc(seconds / size), unit);
      }
      return relativeFmt.format(0, 'minute');
    },
    bytes: (value) => {
      if (blank(value)) return EMPTY;
      if (value < 1024) return `${value} B`;
      if (value < 1024 * 1024) return `${numberFmt(0, 1).format(value / 1024)} kB`;
      return `${numberFmt(0, 1).format(value / (1024 * 1024))} MB`;
    },
  };
}

const isoDayFmt = new Intl.DateTimeFormat('en-CA', { timeZone: DISPLAY_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
/** The calendar day 'YYYY-MM-DD' an instant falls on in Rome (not for display: a key, a default). */
export const romeDay = (at: Date | number = Date.now()): string => isoDayFmt.format(at);

/** Money from cents in a language: the shortcut the server's documents use. */
export const formatMoney = (cents: number | null | undefined, lang: string | null | undefined): string => formatter(lang).money(cents);

/**
 * A message parameter as a person reads it: ISO days and instants become dates in the language
 * (errors must never show "2026-12-09T09:30:00.000Z"); anything else stays as it is.
 */
export function readableParam(value: unknown, lang: string | null | undefined): unknown {
  if (isIsoInstant(value)) return formatter(lang).dateTime(value);
  if (isIsoDay(value)) return formatter(lang).date(value);
  return value;
}
