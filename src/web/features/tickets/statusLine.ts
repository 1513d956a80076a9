// The plain status line a requester reads ("Presa in carico dalla ditta", "In attesa di materiali,
// nuova data 12/03"): from the ticket's state and the most advanced of its work orders.
import type { Formatters } from '../../i18n/format';
import type { Translate } from '../../i18n/messages';

interface WorkOrderLike {
  status: string;
  outcome?: string | null;
  inspectionAt?: string | null;
  scheduledAt?: string | null;
  expectedOn?: string | null;
}

/** Work-order states from the requester's point of view, the one nearest to done first. */
const WORK_ORDER_RANK = [
  'completed',
  'in_progress',
  'waiting_materials',
  'scheduled',
  'authorized',
  'awaiting_authorization',
  'in_plan_proposed',
  'inspected',
  'inspection_scheduled',
  'acknowledged',
  'issued',
];

export function ticketStatusLine(
  t: Translate,
  format: Formatters,
  ticket: { status: string; workOrders: readonly WorkOrderLike[] },
): string {
  switch (ticket.status) {
    case 'new':
      return t('statusLine.new');
    case 'qualifying':
      return t('statusLine.qualifying');
    case 'qualified':
      return t('statusLine.qualified');
    case 'resolved':
      return t('statusLine.resolved');
    case 'closed': {
      const denied = ticket.workOrders.some((w) => w.outcome === 'denied');
      const done = ticket.workOrders.some((w) => w.status === 'verified');
      if (!done && denied) return t('statusLine.closedDenied');
      if (!done && ticket.workOrders.some((w) => w.outcome === 'not_manageable')) return t('statusLine.closedNotManageable');
      if (!done && ticket.workOrders.some((w) => w.outcome === 'in_plan')) return t('statusLine.closedInPlan');
      return t('statusLine.closed');
    }
    case 'in_progress': {
      const open = ticket.workOrders.filter((w) => WORK_ORDER_RANK.includes(w.status));
      open.sort((a, b) => WORK_ORDER_RANK.indexOf(a.status) - WORK_ORDER_RANK.indexOf(b.status));
      const w = open[0];
      if (!w) return t('statusLine.inProgress');
      switch (w.status) {
        case 'completed':
          return t('statusLine.completed');
        case 'in_progress':
          return t('statusLine.working');
        case 'waiting_materials':
          return w.expectedOn ? t('statusLine.waitingMaterialsOn', { date: format.date(w.expectedOn) }) : t('statusLine.waitingMaterials');
        case 'scheduled':
          return w.scheduledAt ? t('statusLine.scheduledOn', { date: format.dateTime(w.scheduledAt) }) : t('statusLine.scheduled');
        case 'authorized':
        case 'awaiting_authorization':
        case 'in_plan_proposed':
        case 'inspected':
          return t('statusLine.assessing');
        case 'inspection_scheduled':
          return w.inspectionAt ? t('statusLine.inspectionOn', { date: format.dateTime(w.inspectionAt) }) : t('statusLine.acknowledged');
        case 'acknowledged':
          return t('statusLine.acknowledged');
        default:
          return t('statusLine.issued');
      }
    }
    default:
      return ticket.status;
  }
}
