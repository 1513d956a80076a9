// The SQL of the scope predicates (ARCHITECTURE.md: scope in the query, SQL in repositories).
// Each function here is one condition on a table known by its name or alias in the query; which
// role gets which condition is decided in scope.ts (and the modules' own scope files), never here.
//
// Predicates are built with a free-standing, untyped expression builder: the table they apply to
// is only known by name, and the subqueries use aliases of their own (sc_*) so they never clash
// with it.
import { expressionBuilder, sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const eb: ExpressionBuilder<any, any> = expressionBuilder<any, any>();
const col = (table: string, column: string) => eb.ref(`${table}.${column}`);

// --- composing ---------------------------------------------------------------------------------

/** Selects nothing: the safe fallback of a forbidden scope (callers answer 403 before querying). */
export const nothing = (): Expression<SqlBool> => sql<SqlBool>`1 = 0`;
/** Selects everything (a scope that turned out to be every row, where a predicate is expected). */
export const everything = (): Expression<SqlBool> => sql<SqlBool>`1 = 1`;
/** Any of the conditions (several roles: the union). */
export const anyOf = (parts: readonly Expression<SqlBool>[]): Expression<SqlBool> => eb.or([...parts]);
/** All of the conditions. */
export const allOf = (parts: readonly Expression<SqlBool>[]): Expression<SqlBool> => eb.and([...parts]);

// --- one row's own columns ---------------------------------------------------------------------

/** `table.column = value`. */
export const columnIs = (table: string, column: string, value: string | number): Expression<SqlBool> => eb(col(table, column), '=', value);
/** `table.column is null`. */
export const columnIsNull = (table: string, column: string): Expression<SqlBool> => eb(col(table, column), 'is', null);

// --- sets of buildings and contracts -------------------------------------------------------------

/** Which buildings: those a user manages, those any contract of a contractor covers, the active ones on active sites. */
export type BuildingSet = { managedBy: string } | { coveredFor: string } | 'active';

/** Ids of the buildings the user manages. */
const managedBuildingIds = (userId: string) =>
  eb.selectFrom('building_managers as sc_bm').select('sc_bm.building_id').where('sc_bm.user_id', '=', userId);

/** Ids of the buildings covered by any contract of the contractor. */
const contractorBuildingIds = (contractorId: string) =>
  eb
    .selectFrom('contract_buildings as sc_cb')
    .innerJoin('contracts as sc_c', 'sc_c.id', 'sc_cb.contract_id')
    .select('sc_cb.building_id')
    .where('sc_c.contractor_id', '=', contractorId);

/** Ids of the active buildings on active sites (what a requester may report a fault in). */
const activeBuildingIds = () =>
  eb
    .selectFrom('buildings as sc_ab')
    .innerJoin('sites as sc_as', 'sc_as.id', 'sc_ab.site_id')
    .select('sc_ab.id')
    .where('sc_ab.active', '=', 1)
    .where('sc_as.active', '=', 1);

const buildingIds = (set: BuildingSet) =>
  set === 'active' ? activeBuildingIds() : 'managedBy' in set ? managedBuildingIds(set.managedBy) : contractorBuildingIds(set.coveredFor);

/** Ids of the contracts covering any building the user manages. */
const managedContractIds = (userId: string) =>
  eb.selectFrom('contract_buildings as sc_mcb').select('sc_mcb.contract_id').where('sc_mcb.building_id', 'in', managedBuildingIds(userId));

/** `table.column` (a building id) is one of the set's buildings. */
export const columnInBuildings = (table: string, column: string, set: BuildingSet): Expression<SqlBool> =>
  eb(col(table, column), 'in', buildingIds(set));

/** `table.column` (a contract id) is one of the contracts covering the user's buildings. */
export const columnInManagedContracts = (table: string, column: string, userId: string): Expression<SqlBool> =>
  eb(col(table, column), 'in', managedContractIds(userId));

/** `table.column` (a contractor id) holds one of the contracts covering the user's buildings. */
export const columnInContractorsOfManagedContracts = (table: string, column: string, userId: string): Expression<SqlBool> =>
  eb(
    col(table, column),
    'in',
    eb.selectFrom('contracts as sc_mc').select('sc_mc.contractor_id').where('sc_mc.id', 'in', managedContractIds(userId)),
  );

/** The building's site (`table.site_id`) is active: row-local, checked by the site's own key. */
export const siteIsActive = (table: string): Expression<SqlBool> =>
  eb.exists(
    eb
      .selectFrom('sites as sc_bs')
      .select(sql`1`.as('one'))
      .whereRef('sc_bs.id', '=', col(table, 'site_id') as never)
      .where('sc_bs.active', '=', 1),
  );

/** The row's floor (`table.floor_id`) is an active one. */
export const floorIsActive = (table: string): Expression<SqlBool> =>
  eb(col(table, 'floor_id'), 'in', eb.selectFrom('floors as sc_af').select('sc_af.id').where('sc_af.active', '=', 1));

// --- the buildings a caller reads, for other modules ------------------------------------------------

/** `column in (the buildings matching visible)`: drives a list from the visible set. */
export const columnInVisibleBuildings = (column: string, visible: (table: string) => Expression<SqlBool>): Expression<SqlBool> =>
  eb(eb.ref(column), 'in', eb.selectFrom('buildings as sc_vb').select('sc_vb.id').where(visible('sc_vb')));

/** `exists (that building, matching visible)`: checks one row by its key without building the whole set. */
export const visibleBuildingExists = (column: string, visible: (table: string) => Expression<SqlBool>): Expression<SqlBool> =>
  eb.exists(
    eb
      .selectFrom('buildings as sc_vb')
      .select(sql`1`.as('one'))
      .whereRef('sc_vb.id', '=', column as never)
      .where(visible('sc_vb')),
  );

// --- the items of one ticket ---------------------------------------------------------------------

/** The item hangs off one of the contractor's work orders (row-local: checked by the work order's key). */
export const onContractorWorkOrder = (table: string, contractorId: string): Expression<SqlBool> =>
  eb.exists(
    eb
      .selectFrom('work_orders as sc_ow')
      .select(sql`1`.as('one'))
      .whereRef('sc_ow.id', '=', col(table, 'work_order_id') as never)
      .where('sc_ow.contractor_id', '=', contractorId),
  );
