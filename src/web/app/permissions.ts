// Who may read and write what, from docs/API.md "Who may do what". The server enforces it;
// the UI only hides what would be refused.
import type { Me, Role } from '../api/types';

export type EntityKey =
  'sites' | 'departments' | 'buildings' | 'floors' | 'spaces' | 'technologyClasses' | 'contractors' | 'contracts' | 'assets' | 'users';

const ALL: Role[] = ['admin', 'service_head', 'call_center', 'accounting', 'building_manager', 'contractor', 'requester'];
const STAFF: Role[] = ['admin', 'service_head', 'call_center', 'accounting', 'building_manager', 'contractor'];

const READ: Record<EntityKey, Role[]> = {
  sites: ALL,
  departments: ['admin', 'service_head', 'call_center', 'accounting', 'building_manager'],
  buildings: ALL,
  floors: ALL,
  spaces: ALL,
  technologyClasses: ALL,
  contractors: STAFF,
  contracts: STAFF,
  assets: STAFF,
  users: ['admin'],
};

const WRITE: Record<EntityKey, Role[]> = {
  sites: ['admin'],
  departments: ['admin'],
  buildings: ['admin'],
  floors: ['admin', 'building_manager'],
  spaces: ['admin', 'building_manager'],
  technologyClasses: ['admin'],
  contractors: ['admin'],
  contracts: ['admin'],
  assets: ['admin', 'building_manager'],
  users: ['admin'],
};

function hasAny(me: Pick<Me, 'roles'> | null | undefined, roles: Role[]): boolean {
  return !!me && me.roles.some((r) => roles.includes(r));
}

export const canRead = (me: Pick<Me, 'roles'> | null | undefined, entity: EntityKey) => hasAny(me, READ[entity]);
export const canWrite = (me: Pick<Me, 'roles'> | null | undefined, entity: EntityKey) => hasAny(me, WRITE[entity]);
export const canImport = (me: Pick<Me, 'roles'> | null | undefined) => hasAny(me, ['admin']);
/** Requesters only ever see active registry objects: the active/inactive filter means nothing to them. */
export const seesInactive = (me: Pick<Me, 'roles'> | null | undefined) => hasAny(me, STAFF);

/** The user holds at least one of these roles. */
export const hasRole = (me: Pick<Me, 'roles'> | null | undefined, ...roles: Role[]) => hasAny(me, roles);

/** Penalties (GET /api/penalties's scope): building managers, service head, contractors, accounting, admin. */
export const canSeePenalties = (me: Pick<Me, 'roles'> | null | undefined) =>
  hasAny(me, ['building_manager', 'service_head', 'contractor', 'accounting', 'admin']);

/** #11 item 2: the indicator reports of the penalty/reward schemes (the contract money scope). */
export const canSeeKpiReports = (me: Pick<Me, 'roles'> | null | undefined) =>
  hasAny(me, ['building_manager', 'service_head', 'contractor', 'accounting', 'admin']);

/**
 * The contract view (SLA compliance, penalties against the cap, register): building managers,
 * service head, admin, and accounting read only (#9 item 16; the page offers no action).
 */
export const canSeeContracts = (me: Pick<Me, 'roles'> | null | undefined) =>
  hasAny(me, ['building_manager', 'service_head', 'accounting', 'admin']);

/** Work orders with their money (GET /api/accounting/work-orders): the roles that see all money records. */
export const canSeeAmounts = (me: Pick<Me, 'roles'> | null | undefined) => hasAny(me, ['accounting', 'service_head', 'admin']);
/** Final accounts' worklist (#10 item 2): accounting approves, the service head decides variances, admin reads. */
export const canSeeFinalAccounts = (me: Pick<Me, 'roles'> | null | undefined) => hasAny(me, ['accounting', 'service_head', 'admin']);
/** #11 item 4: the satisfaction page (comments stream, follow-ups of low ratings, response rate): service head, building manager, admin. */
export const canSeeSatisfaction = (me: Pick<Me, 'roles'> | null | undefined) => hasAny(me, ['service_head', 'building_manager', 'admin']);
/** #10 item 5: the contractors' invoices; accounting registers and decides, the service head reads. */
export const canSeeInvoices = (me: Pick<Me, 'roles'> | null | undefined) => hasAny(me, ['accounting', 'service_head', 'admin']);
/** Cost allocation report (#10 item 3): accounting, service head, admin (the API also lets a building manager read its buildings'). */
export const canSeeAllocations = (me: Pick<Me, 'roles'> | null | undefined) => hasAny(me, ['accounting', 'service_head', 'admin']);
/** Monthly statements (#10 item 4): accounting prepares and approves; service head and admin read; a contractor reads its own. */
export const canSeeStatements = (me: Pick<Me, 'roles'> | null | undefined) =>
  hasAny(me, ['accounting', 'service_head', 'admin', 'contractor']);
/** Only accounting prepares, refreshes, approves and discards statements. */
export const canPrepareStatements = (me: Pick<Me, 'roles'> | null | undefined) => hasAny(me, ['accounting']);

/**
 * The registry pages (lists and forms): staff only. A requester reads buildings and spaces to
 * report a fault, through the report form; browsing the registry is not its job (#9 item 10).
 */
export const canBrowseRegistry = (me: Pick<Me, 'roles'> | null | undefined) => hasAny(me, STAFF);

/** Planned maintenance (#8): programs, their calendar, today's work — every staff role, not requesters. */
export const canSeePlanned = (me: Pick<Me, 'roles'> | null | undefined) => hasAny(me, STAFF);

/**
 * Service indicators (#11 item 3): the API scopes them to the caller's work orders (a contractor its
 * own, a building manager its buildings'); the call center and requesters have no dashboard.
 */
export const canSeeIndicators = (me: Pick<Me, 'roles'> | null | undefined) =>
  hasAny(me, ['building_manager', 'service_head', 'contractor', 'accounting', 'admin']);
