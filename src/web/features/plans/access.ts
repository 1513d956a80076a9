import type { Me } from '../../api/types';
import { hasRole } from '../../app/permissions';

/** Who reads maintenance plans (the server scopes the rows): every staff role but requesters. */
export const canReadPlans = (me: Pick<Me, 'roles'> | null | undefined) =>
  hasRole(me, 'admin', 'service_head', 'call_center', 'accounting', 'building_manager', 'contractor');
/** Who writes them: admin and service head any plan, building managers the plans of their buildings. */
export const canWritePlans = (me: Pick<Me, 'roles'> | null | undefined) => hasRole(me, 'admin', 'service_head', 'building_manager');
