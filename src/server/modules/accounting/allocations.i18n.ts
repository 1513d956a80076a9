// Words of the cost-allocation report and its files (headers, methods, groupings), in each language.
import type { Lang } from '../../i18n/messages.ts';

type Table = Record<string, string>;

const TABLES: Record<'method' | 'groupBy' | 'header' | 'misc', Record<Lang, Table>> = {
  method: {
    it: {
      requesting_department: 'dipartimento richiedente',
      floor_area: 'quote di superficie',
      percentages: 'percentuali',
      central_vs_department: 'centrale / dipartimento',
      none: 'nessuna regola (bilancio centrale)',
    },
    en: {
      requesting_department: 'requesting department',
      floor_area: 'floor-area shares',
      percentages: 'percentages',
      central_vs_department: 'central / department',
      none: 'no rule (central budget)',
    },
  },
  groupBy: {
    it: { department: 'Dipartimento', building: 'Edificio', class: 'Classe tecnologica', period: 'Mese' },
    en: { department: 'Department', building: 'Building', class: 'Technology class', period: 'Month' },
  },
  header: {
    it: { finalAccounts: 'Consuntivi', net: 'Imponibile (€)', vat: 'IVA (€)', amount: 'Totale (€)', total: 'Totale' },
    en: { finalAccounts: 'Final accounts', net: 'Net (€)', vat: 'VAT (€)', amount: 'Total (€)', total: 'Total' },
  },
  misc: {
    it: {
      title: 'Ripartizione oneri',
      filePrefix: 'ripartizione-oneri',
      sheet: 'Ripartizione',
      period: 'Periodo',
      all: 'tutti i mesi',
      contract: 'Contratto',
      allContracts: 'tutti i contratti',
      page: 'pagina {page} di {pages}',
      generated: 'Generato il {at}',
      unallocated: 'Consuntivi approvati ancora da ripartire: {count}',
    },
    en: {
      title: 'Cost allocation',
      filePrefix: 'cost-allocation',
      sheet: 'Allocation',
      period: 'Period',
      all: 'all months',
      contract: 'Contract',
      allContracts: 'all contracts',
      page: 'page {page} of {pages}',
      generated: 'Generated on {at}',
      unallocated: 'Approved final accounts not yet allocated: {count}',
    },
  },
};

export function allocationLabel(lang: Lang, table: keyof typeof TABLES, key: string, params: Record<string, unknown> = {}): string {
  const text = TABLES[table][lang][key] ?? TABLES[table].it[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}
