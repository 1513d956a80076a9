// Dates, numbers and euro amounts in the user's locale (it-IT or en-GB).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { localeOf } from './index';

export interface Formatters {
  /** A calendar date `YYYY-MM-DD`, shown without time-zone shifts. */
  date: (value: string | null | undefined) => string;
  /** An ISO-8601 instant, in local time. */
  dateTime: (value: string | null | undefined) => string;
  number: (value: number | null | undefined, fractionDigits?: number) => string;
  /** Integer cents as euro with two decimals. */
  euro: (cents: number | null | undefined) => string;
  percent: (value: number | null | undefined) => string;
  /** A `MM-DD` day of the year (a patron saint's feast), e.g. "7 dicembre". */
  dayOfYear: (value: string | null | undefined) => string;
  /** An instant relative to now: "3 giorni fa", "tra 2 ore". */
  relative: (value: string | null | undefined, now?: number) => string;
  /** A quantity with up to three decimals (quote lines). */
  quantity: (value: number | null | undefined) => string;
  /** A byte size: "12 kB", "1,2 MB". */
  bytes: (value: number | null | undefined) => string;
  /** A month `YYYY-MM` in words: "marzo 2026". */
  month: (value: string | null | undefined) => string;
  /** A calendar date `YYYY-MM-DD` with its weekday: "mar 10 mar". */
  dayLong: (value: string | null | undefined) => string;
  /** The short weekday name of a calendar date `YYYY-MM-DD`: "lun". */
  weekday: (value: string) => string;
}

const RELATIVE_UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

const EMPTY = '—';

export function createFormatters(language: string): Formatters {
  const locale = localeOf(language);
  const dateFmt = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
  const dateTimeFmt = new Intl.DateTimeFormat(locale, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  const euroFmt = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  const dayFmt = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' });
  const relativeFmt = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const oneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const quantityFmt = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
  const monthFmt = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const dayLongFmt = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
  const weekdayFmt = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  const utcDay = (value: string) => new Date(`${value.slice(0, 10)}T00:00:00Z`);
  return {
    date: (value) => {
      if (!value) return EMPTY;
      const d = new Date(`${value.slice(0, 10)}T00:00:00Z`);
      return Number.isNaN(d.getTime()) ? value : dateFmt.format(d);
    },
    dateTime: (value) => {
      if (!value) return EMPTY;
      const d = new Date(value);
      return Number.isNaN(d.getTime()) ? value : dateTimeFmt.format(d);
    },
    number: (value, fractionDigits) =>
      value === null || value === undefined
        ? EMPTY
        : new Intl.NumberFormat(locale, {
            minimumFractionDigits: fractionDigits ?? 0,
            maximumFractionDigits: fractionDigits ?? 2,
          }).format(value),
    euro: (cents) => (cents === null || cents === undefined ? EMPTY : euroFmt.format(cents / 100)),
    percent: (value) =>
      value === null || value === undefined ? EMPTY : `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value)} %`,
    dayOfYear: (value) => {
      if (!value || !/^\d{2}-\d{2}$/.test(value)) return value || EMPTY;
      const d = new Date(`2000-${value}T00:00:00Z`);
      return Number.isNaN(d.getTime()) ? value : dayFmt.format(d);
    },
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
    quantity: (value) => (value === null || value === undefined ? EMPTY : quantityFmt.format(value)),
    bytes: (value) => {
      if (value === null || value === undefined) return EMPTY;
      if (value < 1024) return `${value} B`;
      if (value < 1024 * 1024) return `${oneDecimal.format(value / 1024)} kB`;
      return `${oneDecimal.format(value / (1024 * 1024))} MB`;
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
  };
}

export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return useMemo(() => createFormatters(i18n.language), [i18n.language]);
}

/** Separators for Mantine NumberInput in the current locale. */
export function useNumberSeparators(): { decimalSeparator: string; thousandSeparator: string } {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? { decimalSeparator: '.', thousandSeparator: ',' } : { decimalSeparator: ',', thousandSeparator: '.' };
}
