// The "next date" column of work-order lists and of a ticket's work orders (#9 item 5): once the
// work is done (completed, verified, closed) no date lies ahead, so none is shown.
import type { Formatters } from '../../i18n/format';
import type { Translate } from '../../i18n/messages';

const DONE = new Set(['completed', 'verified', 'closed']);

export interface NextDateFacts {
  status: string;
  expectedOn: string | null;
  scheduledAt: string | null;
  inspectionAt?: string | null;
}

/** The next date that matters for a work order: materials, work, or inspection; '—' when none. */
export function nextDate(w: NextDateFacts, t: Translate, format: Pick<Formatters, 'date' | 'dateTime'>): string {
  if (DONE.has(w.status)) return '—';
  if (w.status === 'waiting_materials' && w.expectedOn) return t('workOrder.expectedOnShort', { date: format.date(w.expectedOn) });
  if (w.status === 'inspection_scheduled' && w.inspectionAt)
    return t('workOrder.inspectionShort', { date: format.dateTime(w.inspectionAt) });
  if (w.scheduledAt) return t('workOrder.workShort', { date: format.dateTime(w.scheduledAt) });
  return '—';
}
