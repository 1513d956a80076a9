import type { Me } from '../../api/types';
import type { Resource, View } from '../../api/workflow';
import type { Translate } from '../../i18n/messages';

/** The title of a work list, in the words of the role it serves ("Segnalazioni da chiudere" for the call center). */
export function viewTitle(t: Translate, resource: Resource, view: View, me: Me | null | undefined): string {
  const roles = me?.roles ?? [];
  if (view === 'awaiting_my_action' && roles.length === 1) {
    if (resource === 'tickets' && roles[0] === 'call_center') return t('views.tickets.awaiting_my_action_call_center');
    if (resource === 'work-orders' && roles[0] === 'building_manager') return t('views.workOrders.awaiting_my_action_building_manager');
    if (resource === 'work-orders' && roles[0] === 'contractor') return t('views.workOrders.awaiting_my_action_contractor');
    if (resource === 'work-orders' && roles[0] === 'service_head') return t('views.workOrders.awaiting_authorization');
  }
  return resource === 'tickets' ? t(`views.tickets.${view}`) : t(`views.workOrders.${view}`);
}
