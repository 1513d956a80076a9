// SQL of monthly programs: the contract's scope (buildings, classes, calendar), the plans a month
// draws from, programs and their items (insert-if-missing on their unique keys, so concurrent
// generators never write an occurrence twice), the program's timeline events, and the planned
// tickets and work orders a publication opens. Every function takes a Db, which may be the
// caller's transaction.
import { sql, type Expression, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { Database, ProgramItemRow, ProgramRow } from '../../db/schema.ts';

export type ProgramSet = Updateable<ProgramRow>;
export type ItemSet = Updateable<ProgramItemRow>;

// --- the contract -------------------------------------------------------------------------------

export function getContract(db: Db, id: string, scope: ((t: string) => Expression<SqlBool>) | null) {
  let q = db
    .selectFrom('contracts as c')
    .innerJoin('contractors as k', 'k.id', 'c.contractor_id')
    .select(['c.id', 'c.title', 'c.lot', 'c.contractor_id', 'c.starts_on', 'c.ends_on', 'c.active', 'k.name as contractor_name'])
    .where('c.id', '=', id);
  if (scope) q = q.where(scope('c'));
  return q.executeTakeFirst();
}
export type ContractFacts = NonNullable<Awaited<ReturnType<typeof getContract>>>;

/** Active contracts whose dates touch the month (the generator job). */
export function contractsActiveIn(db: Db, monthStart: string, monthEnd: string) {
  return db
    .selectFrom('contracts')
    .select(['id'])
    .where('active', '=', 1)
    .where('starts_on', '<=', monthEnd)
    .where('ends_on', '>=', monthStart)
    .orderBy('id')
    .execute();
}

export function contractWeek(db: Db, contractId: string) {
  return db.selectFrom('contract_calendars').select('week').where('contract_id', '=', contractId).executeTakeFirst();
}

/** Closures that overlap [from, to] (each a range of days: date … date_to). */
export function closuresBetween(db: Db, from: string, to: string) {
  return db.selectFrom('closures').select(['site_id', 'date', 'date_to']).where('date', '<=', to).where('date_to', '>=', from).execute();
}

/**
 * The plans a month of the contract draws from: active, in one of its buildings and one of its
 * classes, scheduled by calendar or from the last completion, and in force during the month. Each
 * with its building's site and patron saint, for the working-day shift.
 */
/** The contract's active calendar and floating plans that may fall in the month (one plan when `planId` is given). */
export function plansForMonth(db: Db, contractId: string, monthStart: string, monthEnd: string, planId?: string) {
  let q = db
    .selectFrom('maintenance_plans as p')
    .innerJoin('contract_buildings as cb', (j) => j.onRef('cb.building_id', '=', 'p.building_id').on('cb.contract_id', '=', contractId))
    .innerJoin('contract_classes as cc', (j) =>
      j.onRef('cc.technology_class_id', '=', 'p.technology_class_id').on('cc.contract_id', '=', contractId),
    )
    .innerJoin('buildings as b', 'b.id', 'p.building_id')
    .innerJoin('sites as s', 's.id', 'b.site_id')
    .select([
      'p.id',
      'p.activity',
      'p.building_id',
      'p.technology_class_id',
      'p.asset_id',
      'p.schedule_kind',
      'p.rrule',
      'p.starts_on',
      'p.ends_on',
      'p.season_from',
      'p.season_to',
      'p.shift',
      'p.last_done_on',
      'b.site_id',
      's.patron_saint',
    ])
    .where('p.active', '=', 1)
    .where('p.schedule_kind', 'in', ['calendar', 'floating'])
    .where('p.starts_on', '<=', monthEnd)
    .where((eb) => eb.or([eb('p.ends_on', 'is', null), eb('p.ends_on', '>=', monthStart)]));
  if (planId) q = q.where('p.id', '=', planId);
  return q.orderBy('p.id').execute();
}
export type PlanForMonth = Awaited<ReturnType<typeof plansForMonth>>[number];

// --- programs -----------------------------------------------------------------------------------

/** Inserts the program unless (contract, month) exists; true when this call inserted it. */
export async function insertProgramIfMissing(db: Db, row: Insertable<ProgramRow>): Promise<boolean> {
  const r = await db
    .insertInto('programs')
    .values(row)
    .onConflict((oc) => oc.columns(['contract_id', 'month']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export function programByMonth(db: Db, contractId: string, month: string) {
  return db.selectFrom('programs').selectAll().where('contract_id', '=', contractId).where('month', '=', month).executeTakeFirst();
}

export function getProgram(db: Db, id: string) {
  return db.selectFrom('programs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the program row until the transaction ends (PostgreSQL; SQLite has one writer anyway). */
export function lockProgram(db: Db, id: string, pg: boolean) {
  let q = db.selectFrom('programs').selectAll().where('id', '=', id);
  if (pg) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** The program with its contract and contractor, if the contract is in `scope` (a predicate on contracts). */
export function getProgramView(db: Db, id: string, scope: ((t: string) => Expression<SqlBool>) | null) {
  let q = db
    .selectFrom('programs as pr')
    .innerJoin('contracts as c', 'c.id', 'pr.contract_id')
    .innerJoin('contractors as k', 'k.id', 'c.contractor_id')
    .selectAll('pr')
    .select(['c.title as contract_title', 'c.lot', 'c.contractor_id', 'k.name as contractor_name'])
    .where('pr.id', '=', id);
  if (scope) q = q.where(scope('c'));
  return q.executeTakeFirst();
}
export type ProgramView = NonNullable<Awaited<ReturnType<typeof getProgramView>>>;

export interface ProgramFilter {
  contractId?: string;
  month?: string;
  status?: string;
  cursor: [string, string] | null;
  limit: number;
}

/** Programs whose contract is in scope, newest month first; `items` counts the ones the caller reads. */
export function listPrograms(
  db: Db,
  f: ProgramFilter,
  scope: ((t: string) => Expression<SqlBool>) | null,
  itemScope: ((column: string) => Expression<SqlBool>) | null,
) {
  let q = db
    .selectFrom('programs as pr')
    .innerJoin('contracts as c', 'c.id', 'pr.contract_id')
    .innerJoin('contractors as k', 'k.id', 'c.contractor_id')
    .selectAll('pr')
    .select(['c.title as contract_title', 'c.lot', 'c.contractor_id', 'k.name as contractor_name'])
    .select((eb) => {
      let s = eb.selectFrom('program_items as pi').select(eb.fn.countAll<number>().as('n')).whereRef('pi.program_id', '=', 'pr.id');
      if (itemScope) s = s.where(itemScope('pi.building_id'));
      return s.as('item_count');
    });
  if (scope) q = q.where(scope('c'));
  if (f.contractId) q = q.where('pr.contract_id', '=', f.contractId);
  if (f.month) q = q.where('pr.month', '=', f.month);
  if (f.status) q = q.where('pr.status', '=', f.status);
  if (f.cursor) {
    const [month, id] = f.cursor;
    q = q.where((eb) => eb.or([eb('pr.month', '<', month), eb.and([eb('pr.month', '=', month), eb('pr.id', '>', id)])]));
  }
  return q
    .orderBy('pr.month', 'desc')
    .orderBy('pr.id')
    .limit(f.limit + 1)
    .execute();
}

/** Optimistic update: only while the stored version is still `version`. */
export async function updateProgramVersioned(db: Db, id: string, version: number, set: ProgramSet): Promise<boolean> {
  const r = await db
    .updateTable('programs')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** A change that must happen from one state only (publish): false when another writer moved it first. */
export async function updateProgramFrom(db: Db, id: string, status: string, set: ProgramSet): Promise<boolean> {
  const r = await db
    .updateTable('programs')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id)
    .where('status', '=', status)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function touchProgram(db: Db, id: string, at: string): Promise<void> {
  await db
    .updateTable('programs')
    .set({ updated_at: at, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

// --- items ----------------------------------------------------------------------------------------

/** Inserts the occurrences not there yet (UNIQUE (plan_id, occurrence_key)); returns how many were new. */
export async function insertItemsIfMissing(db: Db, rows: Insertable<ProgramItemRow>[]): Promise<number> {
  let n = 0;
  // Chunks keep each statement under SQLite's and PostgreSQL's bound-parameter limits.
  for (let i = 0; i < rows.length; i += 1000) {
    const r = await db
      .insertInto('program_items')
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) => oc.columns(['plan_id', 'occurrence_key']).doNothing())
      .returning('id')
      .execute();
    n += r.length;
  }
  return n;
}

/** Programs still in the contractor's hands (draft, returned) from a month on: a plan edit may change them. */
export function openProgramsFrom(db: Db, month: string) {
  return db
    .selectFrom('programs')
    .select(['id', 'contract_id', 'month'])
    .where('status', 'in', ['draft', 'returned'])
    .where('month', '>=', month)
    .execute();
}

/** Every item of a plan, in any program, with whether it was published (ticket or work order). */
export function itemsOfPlan(db: Db, planId: string) {
  return db
    .selectFrom('program_items')
    .select(['id', 'program_id', 'occurrence_key', 'source', 'due_on', 'planned_on', 'ticket_id', 'work_order_id'])
    .where('plan_id', '=', planId)
    .execute();
}

export async function deleteItems(db: Db, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 1000)
    await db
      .deleteFrom('program_items')
      .where('id', 'in', ids.slice(i, i + 1000))
      .execute();
}

/** The items of a program the caller reads (`itemScope` on a building-id column), by date. */
export function listItems(db: Db, programId: string, itemScope: ((column: string) => Expression<SqlBool>) | null) {
  let q = db
    .selectFrom('program_items as pi')
    .innerJoin('buildings as b', 'b.id', 'pi.building_id')
    .leftJoin('assets as a', 'a.id', 'pi.asset_id')
    .leftJoin('tickets as t', 't.id', 'pi.ticket_id')
    .leftJoin('work_orders as w', 'w.id', 'pi.work_order_id')
    .selectAll('pi')
    .select([
      'b.code as building_code',
      'b.name as building_name',
      'a.code as asset_code',
      'a.name as asset_name',
      't.number as ticket_number',
      'w.number as work_order_number',
      'w.status as work_order_status',
      'w.scheduled_at',
      'w.completed_at',
      'w.late_at',
      'w.due_on as work_order_due_on',
      'w.updated_at as work_order_updated_at',
    ])
    .where('pi.program_id', '=', programId);
  if (itemScope) q = q.where(itemScope('pi.building_id'));
  return q.orderBy('pi.planned_on').orderBy('b.code').orderBy('pi.activity').orderBy('pi.id').execute();
}
export type ItemView = Awaited<ReturnType<typeof listItems>>[number];

export function getItem(db: Db, programId: string, itemId: string) {
  return db.selectFrom('program_items').selectAll().where('id', '=', itemId).where('program_id', '=', programId).executeTakeFirst();
}

export async function updateItemVersioned(db: Db, id: string, version: number, set: ItemSet): Promise<boolean> {
  const r = await db
    .updateTable('program_items')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Ids of the buildings among `buildingIds` the user manages. */
export async function managedAmong(db: Db, userId: string, contractId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('building_managers as bm')
    .innerJoin('contract_buildings as cb', 'cb.building_id', 'bm.building_id')
    .select('bm.building_id')
    .where('bm.user_id', '=', userId)
    .where('cb.contract_id', '=', contractId)
    .execute();
  return rows.map((r) => r.building_id);
}

/** The buildings that have items in the program, with their managers' ids (for the notices). */
export function buildingsWithItems(db: Db, programId: string) {
  return db
    .selectFrom('program_items as pi')
    .innerJoin('buildings as b', 'b.id', 'pi.building_id')
    .select(['b.id', 'b.code', 'b.name', (eb) => eb.fn.countAll<number>().as('n')])
    .where('pi.program_id', '=', programId)
    .groupBy(['b.id', 'b.code', 'b.name'])
    .orderBy('b.code')
    .execute();
}

// --- timeline -------------------------------------------------------------------------------------

export async function insertProgramEvent(
  db: Db,
  e: {
    id: string;
    programId: string;
    at: string;
    actorId: string | null;
    actorLabel: string;
    action: string;
    from: string | null;
    to: string | null;
    data: Record<string, unknown>;
  },
): Promise<void> {
  await db
    .insertInto('events')
    .values({
      id: e.id,
      ticket_id: null,
      work_order_id: null,
      program_id: e.programId,
      at: e.at,
      actor_id: e.actorId,
      actor_label: e.actorLabel,
      action: e.action,
      from_state: e.from,
      to_state: e.to,
      data: JSON.stringify(e.data),
    })
    .execute();
}

export function programEvents(db: Db, programId: string) {
  return db
    .selectFrom('events')
    .select(['id', 'at', 'actor_id', 'actor_label', 'action', 'from_state', 'to_state', 'data'])
    .where('program_id', '=', programId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

// --- publication ----------------------------------------------------------------------------------

/** What opening the planned ticket and work order of each item needs: the plan's snapshots too. */
export function itemsToPublish(db: Db, programId: string) {
  return db
    .selectFrom('program_items as pi')
    .innerJoin('maintenance_plans as p', 'p.id', 'pi.plan_id')
    .innerJoin('buildings as b', 'b.id', 'pi.building_id')
    .select([
      'pi.id',
      'pi.plan_id',
      'pi.building_id',
      'pi.asset_id',
      'pi.technology_class_id',
      'pi.activity',
      'pi.planned_on',
      'pi.technician',
      'pi.window_from',
      'pi.window_to',
      'p.checklist',
      'p.required_documents',
      'p.description',
      'b.code as building_code',
      'b.name as building_name',
    ])
    .where('pi.program_id', '=', programId)
    .where('pi.work_order_id', 'is', null)
    .orderBy('pi.planned_on')
    .orderBy('b.code')
    .orderBy('pi.activity')
    .orderBy('pi.id')
    .execute();
}

export async function insertTickets(db: Db, rows: Insertable<Database['tickets']>[]): Promise<void> {
  // Batches sized under both engines' bound-parameter limits (SQLite 32,766; PostgreSQL 65,535).
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('tickets')
      .values(rows.slice(i, i + 500))
      .execute();
}

export async function insertWorkOrders(db: Db, rows: Insertable<Database['work_orders']>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 300)
    await db
      .insertInto('work_orders')
      .values(rows.slice(i, i + 300))
      .execute();
}

export async function insertEvents(db: Db, rows: Insertable<Database['events']>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto('events')
      .values(rows.slice(i, i + 1000))
      .execute();
}

/** Takes `count` consecutive ticket numbers of the year at once (the fault tickets' counter); the first one. */
export async function takeTicketNumbers(db: Db, year: number, count: number): Promise<number> {
  const row = await db
    .insertInto('ticket_counters')
    .values({ year, last: count })
    .onConflict((oc) => oc.column('year').doUpdateSet({ last: sql`ticket_counters.last + ${count}` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return Number(row.last) - count + 1;
}

/** Links each unpublished item of the program to the planned work order opened for it, and its ticket: one statement. */
export async function linkItems(db: Db, programId: string, at: string): Promise<void> {
  await db
    .updateTable('program_items')
    .set((eb) => ({
      work_order_id: eb.selectFrom('work_orders as w').select('w.id').whereRef('w.program_item_id', '=', 'program_items.id'),
      ticket_id: eb.selectFrom('work_orders as w').select('w.ticket_id').whereRef('w.program_item_id', '=', 'program_items.id'),
      updated_at: at,
      version: sql`version + 1`,
    }))
    .where('program_id', '=', programId)
    .where('work_order_id', 'is', null)
    .execute();
}
