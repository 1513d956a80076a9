// Words of the accounting export (headers and labels), in each language of the app.
import type { Lang } from '../../i18n/messages.ts';

type Table = Record<string, string>;

const TABLES: Record<'header' | 'quoteStatus' | 'fee' | 'misc', Record<Lang, Table>> = {
  header: {
    it: {
      fee: 'Canone',
      quoteStatus: 'Stato preventivo',
      quoteNet: 'Preventivo imponibile (€)',
      quoteTotal: 'Preventivo totale IVA inclusa (€)',
      authorized: 'Importo autorizzato (€)',
    },
    en: {
      fee: 'Fee',
      quoteStatus: 'Quote state',
      quoteNet: 'Quote net (€)',
      quoteTotal: 'Quote total incl. VAT (€)',
      authorized: 'Authorised amount (€)',
    },
  },
  quoteStatus: {
    it: { submitted: 'Da autorizzare', approved: 'Autorizzato', denied: 'Negato' },
    en: { submitted: 'Awaiting authorisation', approved: 'Authorised', denied: 'Denied' },
  },
  fee: {
    it: { extra: 'Extra canone', flat: 'A canone' },
    en: { extra: 'Extra fee', flat: 'Flat fee' },
  },
  misc: {
    it: { filePrefix: 'importi-ordini-di-lavoro', sheet: 'Importi' },
    en: { filePrefix: 'work-order-amounts', sheet: 'Amounts' },
  },
};

export function amountLabel(lang: Lang, table: keyof typeof TABLES, key: string | null): string {
  if (key === null) return '';
  return TABLES[table][lang][key] ?? TABLES[table].it[key] ?? key;
}
