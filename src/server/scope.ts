// Who may see and change which registry rows, as SQL predicates added to the query itself
// (never a filter after loading); the SQL of each condition is in scope.repository.ts, the rules
// choosing them are here. docs/API.md "Who may do what" is the source of these rules:
//
//   admin                               everything, users included
//   service_head, call_center, accounting every registry row except users; no writes
//   building_manager   buildings in building_managers for them, with their floors, spaces,
//                      assets; the contracts covering those buildings and those contracts'
//                      contractors; all sites, departments, technology classes.
//                      Writes floors, spaces, assets of those buildings.
//   contractor         buildings covered by its contractor's contracts, with their floors,
//                      spaces, assets; its own contracts and contractor row; sites, technology classes
//   requester          active sites, buildings, floors, spaces; technology classes
//
// A user with several roles sees the union. A collection no role of the caller may read is
// `forbidden` (403); a row outside the scope is simply not selected (so it reads as 404).
import type { Expression, SqlBool } from 'kysely';
import { hasRole, type Principal, type Role } from './auth/principal.ts';
import {
  allOf,
  anyOf,
  columnInBuildings,
  columnInContractorsOfManagedContracts,
  columnInManagedContracts,
  columnInVisibleBuildings,
  columnIs,
  columnIsNull,
  floorIsActive,
  nothing,
  onContractorWorkOrder,
  siteIsActive,
  visibleBuildingExists,
  type BuildingSet,
} from './scope.repository.ts';

/** A logged-in caller, or the system itself (jobs, other modules acting on their own account): unscoped. */
export type Actor = Principal | 'system';

export type Collection =
  'sites' | 'departments' | 'buildings' | 'floors' | 'spaces' | 'technologyClasses' | 'contractors' | 'contracts' | 'assets' | 'users';

/** Builds the predicate on the rows of `table` (its name or alias in the query). */
export type RowPredicate = (table: string) => Expression<SqlBool>;

export type Scope = { kind: 'all' } | { kind: 'forbidden' } | { kind: 'rows'; where: RowPredicate };

const ALL: Scope = { kind: 'all' };
const FORBIDDEN: Scope = { kind: 'forbidden' };

// The conditions below (their SQL: scope.repository.ts) name the table only through `t`.

/** Rows of a collection that hangs off buildings (floors, spaces, assets) or the buildings themselves. */
const inBuildings = (set: BuildingSet, coll: Collection): RowPredicate | null => {
  if (coll === 'buildings') return (t) => columnInBuildings(t, 'id', set);
  if (coll === 'floors' || coll === 'spaces' || coll === 'assets') return (t) => columnInBuildings(t, 'building_id', set);
  return null;
};

type RoleRule = (p: Principal, coll: Collection) => 'all' | RowPredicate | null;

const fullRead: RoleRule = (_p, coll) => (coll === 'users' ? null : 'all');

const READ_RULES: Partial<Record<Role, RoleRule>> = {
  service_head: fullRead,
  call_center: fullRead,
  accounting: fullRead,
  building_manager: (p, coll) => {
    if (coll === 'sites' || coll === 'departments' || coll === 'technologyClasses') return 'all';
    if (coll === 'contracts') return (t) => columnInManagedContracts(t, 'id', p.userId);
    if (coll === 'contractors') return (t) => columnInContractorsOfManagedContracts(t, 'id', p.userId);
    return inBuildings({ managedBy: p.userId }, coll);
  },
  contractor: (p, coll) => {
    if (coll === 'sites' || coll === 'technologyClasses') return 'all';
    const cid = p.contractorId;
    if (!cid) return null; // a contractor user not linked to a contractor sees no contractor data
    if (coll === 'contracts') return (t) => columnIs(t, 'contractor_id', cid);
    if (coll === 'contractors') return (t) => columnIs(t, 'id', cid);
    return inBuildings({ coveredFor: cid }, coll);
  },
  requester: (_p, coll) => {
    if (coll === 'technologyClasses') return 'all';
    if (coll === 'sites') return (t) => columnIs(t, 'active', 1);
    // Row-local (no list of every active building): one building is checked by its own key.
    if (coll === 'buildings') return (t) => allOf([columnIs(t, 'active', 1), siteIsActive(t)]);
    if (coll === 'floors') return (t) => allOf([columnIs(t, 'active', 1), columnInBuildings(t, 'building_id', 'active')]);
    if (coll === 'spaces') {
      return (t) => allOf([columnIs(t, 'active', 1), columnInBuildings(t, 'building_id', 'active'), floorIsActive(t)]);
    }
    return null;
  },
};

const WRITE_RULES: Partial<Record<Role, RoleRule>> = {
  building_manager: (p, coll) =>
    coll === 'floors' || coll === 'spaces' || coll === 'assets' ? inBuildings({ managedBy: p.userId }, coll) : null,
};

function combine(actor: Actor, coll: Collection, rules: Partial<Record<Role, RoleRule>>): Scope {
  if (actor === 'system' || hasRole(actor, 'admin')) return ALL;
  const parts: RowPredicate[] = [];
  for (const role of actor.roles) {
    const r = rules[role]?.(actor, coll);
    if (r === 'all') return ALL;
    if (r) parts.push(r);
  }
  if (parts.length === 0) return FORBIDDEN;
  if (parts.length === 1) return { kind: 'rows', where: parts[0] };
  return { kind: 'rows', where: (t) => anyOf(parts.map((w) => w(t))) };
}

/** The rows of a collection the actor may read. */
export const readScope = (actor: Actor, coll: Collection): Scope => combine(actor, coll, READ_RULES);

/** The rows of a collection the actor may create or change (creating: the building it goes in). */
export const writeScope = (actor: Actor, coll: Collection): Scope => combine(actor, coll, WRITE_RULES);

/**
 * The buildings the actor may put floors, spaces and assets in (a predicate on the buildings
 * table): admin all, building managers their own, nobody else.
 */
export function parentBuildingWriteScope(actor: Actor): Scope {
  if (actor === 'system' || hasRole(actor, 'admin')) return ALL;
  if (hasRole(actor, 'building_manager')) {
    const userId = actor.userId;
    return { kind: 'rows', where: (t) => columnInBuildings(t, 'id', { managedBy: userId }) };
  }
  return FORBIDDEN;
}

/**
 * The buildings the actor may read, for other modules (tickets, work orders) that scope their
 * own rows by building: `all`, `forbidden`, or a predicate on a building-id column.
 */
export function buildingIdScope(actor: Actor):
  | { kind: 'all' }
  | { kind: 'forbidden' }
  | {
      kind: 'rows';
      /** `column in (visible buildings)`: drives a list from the visible set. */
      where: (buildingIdColumn: string) => Expression<SqlBool>;
      /** `exists (that visible building)`: checks one row by its key without building the whole set. */
      contains: (buildingIdColumn: string) => Expression<SqlBool>;
    } {
  const s = readScope(actor, 'buildings');
  if (s.kind !== 'rows') return s;
  return {
    kind: 'rows',
    where: (column) => columnInVisibleBuildings(column, s.where),
    contains: (column) => visibleBuildingExists(column, s.where),
  };
}

/**
 * The predicate to add to a query on `table`, or null when every row is in scope. A forbidden
 * scope selects nothing (callers answer 403 before querying; this is the safe fallback).
 */
export function scopeWhere(scope: Scope, table: string): Expression<SqlBool> | null {
  if (scope.kind === 'all') return null;
  if (scope.kind === 'forbidden') return nothing();
  return scope.where(table);
}

// --- the items of one ticket -------------------------------------------------------------------
//
// A ticket gathers items (timeline events, comments, attachments, the notices written for it),
// each on the ticket itself or on one of its work orders; comments and attachments are public or
// internal. Who reads which, given the caller's roles ON the ticket (tickets/access.ts):
//
//   call center, building manager (in competence), service head, accounting, admin: every item
//   requester: the public comments and files, the events meant for them, the notices sent to them
//   contractor: the ticket's own public comments and files, its events (as a requester sees them),
//              the notices sent to the user, and every item of its OWN work orders; nothing of a
//              sibling contractor's work order on the same ticket, public or not
//
// Several roles: the union.

/** What the caller may read of one ticket's items, from its roles on that ticket. */
export interface TicketItemView {
  /** Every item, internal ones and every notice included. */
  full: boolean;
  /** The requester's share: public comments and files anywhere on the ticket, notices to `userId`. */
  requester: boolean;
  /** The contractor whose work orders' items are read in full (and the ticket's public ones). */
  contractorId: string | null;
  /** The user the notices were sent to. */
  userId: string | null;
}

const FULL_ON_TICKET: readonly Role[] = ['call_center', 'building_manager', 'service_head', 'accounting', 'admin'];

/** The view of a caller holding `rolesOnTicket` (the system holds every role: full). */
export function ticketItemView(
  rolesOnTicket: ReadonlySet<Role>,
  who: { userId: string | null; contractorId?: string | null },
): TicketItemView {
  return {
    full: FULL_ON_TICKET.some((r) => rolesOnTicket.has(r)),
    requester: rolesOnTicket.has('requester'),
    contractorId: rolesOnTicket.has('contractor') ? (who.contractorId ?? null) : null,
    userId: who.userId,
  };
}

/**
 * The predicate on the items of a ticket in `table` (alias), or null when the view reads them all:
 *   'flagged' comments and attachments (visibility, work_order_id)
 *   'notice'  outbox rows (to_user_id, work_order_id)
 *   'event'   timeline events (work_order_id): a requester's events are trimmed when presented
 */
export function ticketItemWhere(view: TicketItemView, table: string, kind: 'flagged' | 'notice' | 'event'): Expression<SqlBool> | null {
  if (view.full) return null;
  const parts: Expression<SqlBool>[] = [];
  const onTicket = columnIsNull(table, 'work_order_id');
  const own = view.contractorId ? onContractorWorkOrder(table, view.contractorId) : null;
  if (kind === 'event') {
    if (view.requester) return null;
    parts.push(onTicket);
    if (own) parts.push(own);
  } else if (kind === 'flagged') {
    const isPublic = columnIs(table, 'visibility', 'public');
    if (view.requester) parts.push(isPublic);
    if (own) parts.push(own, allOf([onTicket, isPublic]));
  } else {
    if (view.userId) parts.push(columnIs(table, 'to_user_id', view.userId));
    if (own) parts.push(own);
  }
  if (parts.length === 0) return nothing();
  return parts.length === 1 ? parts[0] : anyOf(parts);
}

// --- contract money ----------------------------------------------------------------------------

/**
 * The contracts whose money (penalties, their rules and totals against the cap) the actor may
 * read, as a predicate on the contracts table: service head, accounting, admin all; a building
 * manager the contracts covering their buildings; a contractor its own. The call center and
 * requesters have no business with it: `forbidden`.
 */
export function contractMoneyScope(actor: Actor): Scope {
  if (actor === 'system' || hasRole(actor, 'admin', 'service_head', 'accounting')) return ALL;
  const parts: RowPredicate[] = [];
  if (actor.roles.has('building_manager')) {
    const userId = actor.userId;
    parts.push((t) => columnInManagedContracts(t, 'id', userId));
  }
  if (actor.roles.has('contractor') && actor.contractorId) {
    const cid = actor.contractorId;
    parts.push((t) => columnIs(t, 'contractor_id', cid));
  }
  if (parts.length === 0) return FORBIDDEN;
  if (parts.length === 1) return { kind: 'rows', where: parts[0] };
  return { kind: 'rows', where: (t) => anyOf(parts.map((w) => w(t))) };
}
