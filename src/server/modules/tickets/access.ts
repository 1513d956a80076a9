// The roles a caller holds ON one ticket or work order (docs/API.md "Workflow"): the domain's
// decide() takes these, never the caller's global roles. No role on the object reads as 404.
//
//   ticket:     requester   — it is their ticket (requester_id)
//               call_center, service_head, accounting, admin — every ticket
//               building_manager — the ticket's building is in their competence
//               contractor  — one of the ticket's work orders is its contractor's
//   work order: contractor  — its contractor_id is the user's contractor
//               building_manager — its building is in their competence
//               call_center, service_head, accounting, admin — every work order
import type { Role } from '../../auth/principal.ts';
import type { Db } from '../../db/create-db.ts';
import { ticketItemView, type TicketItemView } from '../../scope.ts';
import { SYSTEM_ROLES, isSystem, type WorkflowActor } from './actor.ts';
import { isBuildingManagedBy, ticketHasContractor } from './tickets.repository.ts';

const EVERY_OBJECT: readonly Role[] = ['call_center', 'service_head', 'accounting', 'admin'];

export async function ticketRoles(
  db: Db,
  actor: WorkflowActor,
  t: { id: string; requester_id: string | null; building_id: string },
): Promise<Set<Role>> {
  if (isSystem(actor)) return new Set(SYSTEM_ROLES);
  const roles = new Set<Role>();
  if (t.requester_id !== null && t.requester_id === actor.userId) roles.add('requester');
  for (const r of EVERY_OBJECT) if (actor.roles.has(r)) roles.add(r);
  if (actor.roles.has('building_manager') && (await isBuildingManagedBy(db, t.building_id, actor.userId))) roles.add('building_manager');
  if (actor.roles.has('contractor') && actor.contractorId && (await ticketHasContractor(db, t.id, actor.contractorId)))
    roles.add('contractor');
  return roles;
}

export async function workOrderRoles(db: Db, actor: WorkflowActor, w: { contractor_id: string; building_id: string }): Promise<Set<Role>> {
  if (isSystem(actor)) return new Set(SYSTEM_ROLES);
  const roles = new Set<Role>();
  for (const r of EVERY_OBJECT) if (actor.roles.has(r)) roles.add(r);
  if (actor.roles.has('contractor') && actor.contractorId !== null && actor.contractorId === w.contractor_id) roles.add('contractor');
  if (actor.roles.has('building_manager') && (await isBuildingManagedBy(db, w.building_id, actor.userId))) roles.add('building_manager');
  return roles;
}

/** What the caller reads of a ticket's items, from its roles on it (scope.ts "the items of one ticket"). */
export function itemView(actor: WorkflowActor, roles: ReadonlySet<Role>): TicketItemView {
  return ticketItemView(roles, { userId: actor.userId, contractorId: isSystem(actor) ? null : actor.contractorId });
}

/** Before qualification only: afterwards the building manager's qualification and work orders rest on what was written. */
export const TRIAGE_STATES: readonly string[] = ['new', 'qualifying'];
/** Roles (on the ticket) that may triage it: the call center, admin, and the building's managers. */
export const TRIAGE_ROLES: readonly Role[] = ['call_center', 'admin', 'building_manager'];

/** Whether the caller, with these roles on the ticket, may PATCH it now. */
export function canTriage(roles: ReadonlySet<Role>, t: { status: string; kind: string }): boolean {
  return t.kind !== 'planned' && TRIAGE_STATES.includes(t.status) && TRIAGE_ROLES.some((r) => roles.has(r));
}
