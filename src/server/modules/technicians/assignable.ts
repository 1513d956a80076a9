// Who may assign which work order to a technician (#9): kept apart so the work-order page can say
// so (canAssign) without importing the technicians service.
import { hasRole, type Principal } from '../../auth/principal.ts';

/** States in which a work order still has a visit to make or work to do. */
export const ASSIGNABLE_STATES: readonly string[] = [
  'issued',
  'acknowledged',
  'inspection_scheduled',
  'inspected',
  'in_plan_proposed',
  'awaiting_authorization',
  'authorized',
  'scheduled',
  'waiting_materials',
  'in_progress',
  'planned',
];

/** A dispatcher: a contractor user linked to its contractor who is not one of its technicians. */
export const isDispatcher = (p: Principal): p is Principal & { contractorId: string } =>
  hasRole(p, 'contractor') && p.contractorId !== null && p.technician !== true;

/** May `p` assign work order `w`? Its contractor's dispatcher, while there is work left to do. */
export const canAssign = (p: Principal, w: { contractor_id: string; status: string }): boolean =>
  isDispatcher(p) && p.contractorId === w.contractor_id && ASSIGNABLE_STATES.includes(w.status);
