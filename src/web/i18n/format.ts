// Dates, numbers and euro amounts in the user's language: the shared formatter
// (src/shared/format.ts, also used by the server's PDFs, exports, e-mails and errors) for React.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatter, type Formatter } from '../../shared/format';

/** The shared formatter, with `euro` as the web's name for money from integer cents. */
export type Formatters = Formatter & {
  /** Integer cents as euro with two decimals: "2.700,00 €". */
  euro: Formatter['money'];
};

const byLanguage = new Map<string, Formatters>();

export function createFormatters(language: string): Formatters {
  let f = byLanguage.get(language);
  if (!f) {
    const base = formatter(language);
    f = { ...base, euro: base.money };
    byLanguage.set(language, f);
  }
  return f;
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
