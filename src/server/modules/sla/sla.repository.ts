// SQL of the SLA module: versions per contract, working weeks, closures, and what computing the
// clocks of work orders needs (their facts and timelines), one or many at a time.
import { expressionBuilder, sql, type Expression, type ExpressionBuilder, type Insertable, type SqlBool } from 'kysely';
import { engineOf, type Db } from '../../db/create-db.ts';
import type { ClosureRow, SlaVersionRow } from '../../db/schema.ts';
import type { SlaRowFilter } from './overdue.ts';

// --- versions --------------------------------------------------------------------------------------

export function listVersions(db: Db, contractId: string) {
  return db
    .selectFrom('sla_versions as v')
    .leftJoin('users as u', 'u.id', 'v.created_by_id')
    .selectAll('v')
    .select(['u.display_name as created_by_name'])
    .select((eb) =>
      eb
        .selectFrom('work_orders as w')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('w.sla_version_id', '=', 'v.id')
        .as('work_orders'),
    )
    .where('v.contract_id', '=', contractId)
    .orderBy('v.number', 'desc')
    .execute();
}

export function latestVersion(db: Db, contractId: string) {
  return db
    .selectFrom('sla_versions')
    .selectAll()
    .where('contract_id', '=', contractId)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The version in force at an instant: the last to take effect at or before it (of two from the same instant, the newer). */
export function versionInForce(db: Db, contractId: string, at: string) {
  return db
    .selectFrom('sla_versions')
    .selectAll()
    .where('contract_id', '=', contractId)
    .where('effective_from', '<=', at)
    .orderBy('effective_from', 'desc')
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The contract's first version (number 1): what an instant before every version falls back to. */
export function firstVersion(db: Db, contractId: string) {
  return db.selectFrom('sla_versions').selectAll().where('contract_id', '=', contractId).orderBy('number').limit(1).executeTakeFirst();
}

/** Whether a work order of the contract was issued at or after an instant (a version cannot take effect before it). */
export async function issuedSince(db: Db, contractId: string, at: string): Promise<boolean> {
  const r = await db
    .selectFrom('work_orders')
    .select('id')
    .where('contract_id', '=', contractId)
    .where('issued_at', '>=', at)
    .where('kind', '<>', 'planned')
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

export function versionsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('sla_versions').selectAll().where('id', 'in', ids).execute();
}

/** Inserts the version unless (contract, number) exists; true when this call inserted it. */
export async function insertVersion(db: Db, row: Insertable<SlaVersionRow>): Promise<boolean> {
  const r = await db
    .insertInto('sla_versions')
    .values(row)
    .onConflict((oc) => oc.columns(['contract_id', 'number']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export function versionsOfContracts(db: Db, contractIds: string[]) {
  if (contractIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('sla_versions').selectAll().where('contract_id', 'in', contractIds).orderBy('number').execute();
}

// --- calendars -------------------------------------------------------------------------------------

export function getCalendar(db: Db, contractId: string) {
  return db.selectFrom('contract_calendars').selectAll().where('contract_id', '=', contractId).executeTakeFirst();
}

export function calendarsOf(db: Db, contractIds: string[]) {
  if (contractIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('contract_calendars').selectAll().where('contract_id', 'in', contractIds).execute();
}

/** Inserts version 1 if none exists (expected 0) or updates expected → expected + 1; false when another write won. */
export async function saveCalendar(db: Db, contractId: string, expected: number, week: string, at: string): Promise<boolean> {
  if (expected === 0) {
    const r = await db
      .insertInto('contract_calendars')
      .values({ contract_id: contractId, week, updated_at: at, version: 1 })
      .onConflict((oc) => oc.column('contract_id').doNothing())
      .returning('contract_id')
      .executeTakeFirst();
    return r !== undefined;
  }
  const r = await db
    .updateTable('contract_calendars')
    .set({ week, updated_at: at, version: sql`version + 1` })
    .where('contract_id', '=', contractId)
    .where('version', '=', expected)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

// --- closures --------------------------------------------------------------------------------------

export function listClosures(db: Db, f: { siteId?: string; from?: string; to?: string } = {}) {
  let q = db.selectFrom('closures as c').leftJoin('sites as s', 's.id', 'c.site_id').selectAll('c').select('s.code as site_code');
  if (f.siteId) q = q.where((eb) => eb.or([eb('c.site_id', '=', f.siteId!), eb('c.site_id', 'is', null)]));
  // A closure is a range of days: listed when it overlaps [from, to].
  if (f.from) q = q.where('c.date_to', '>=', f.from);
  if (f.to) q = q.where('c.date', '<=', f.to);
  return q.orderBy('c.date').orderBy('c.id').execute();
}

export function getClosure(db: Db, id: string) {
  return db
    .selectFrom('closures as c')
    .leftJoin('sites as s', 's.id', 'c.site_id')
    .selectAll('c')
    .select('s.code as site_code')
    .where('c.id', '=', id)
    .executeTakeFirst();
}

export async function insertClosure(db: Db, row: Insertable<ClosureRow>): Promise<void> {
  await db.insertInto('closures').values(row).execute();
}

export async function updateClosure(
  db: Db,
  id: string,
  set: Partial<Pick<ClosureRow, 'site_id' | 'date' | 'date_to' | 'reason'>>,
): Promise<void> {
  await db.updateTable('closures').set(set).where('id', '=', id).execute();
}

export async function deleteClosure(db: Db, id: string): Promise<boolean> {
  const r = await db.deleteFrom('closures').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export function siteExists(db: Db, id: string) {
  return db.selectFrom('sites').select('id').where('id', '=', id).executeTakeFirst();
}

/**
 * Open work orders whose clocks depend on a calendar that changed (a contract's week, a site's or
 * every site's closures): marked stale, the watcher recomputes them. Their version is untouched.
 */
export async function markStale(db: Db, by: { contractId?: string; siteId?: string | null }): Promise<void> {
  let q = db
    .updateTable('work_orders')
    .set({ sla_checked_version: null })
    .where('status', 'not in', ['verified', 'closed'])
    .where('kind', '<>', 'planned');
  if (by.contractId) q = q.where('contract_id', '=', by.contractId);
  if (by.siteId) q = q.where('building_id', 'in', db.selectFrom('buildings').select('id').where('site_id', '=', by.siteId));
  await q.execute();
}

// --- work orders and timelines ---------------------------------------------------------------------

/** What computing a work order's clocks needs besides its timeline. */
export function workOrderFacts(db: Db) {
  return (
    db
      .selectFrom('work_orders as w')
      .innerJoin('buildings as b', 'b.id', 'w.building_id')
      .innerJoin('sites as st', 'st.id', 'b.site_id')
      .select([
        'w.id',
        'w.number',
        'w.status',
        'w.outcome',
        'w.priority',
        'w.version',
        'w.contract_id',
        'w.contractor_id',
        'w.building_id',
        'w.technology_class_id',
        'w.ticket_id',
        'w.issued_at',
        'w.sla_version_id',
        'st.id as site_id',
        'st.patron_saint',
      ])
      // Planned work orders (#8) run no SLA clock: lateness against their due date measures them.
      .where('w.kind', '<>', 'planned')
  );
}
export type WorkOrderFacts = Awaited<ReturnType<ReturnType<typeof workOrderFacts>['execute']>>[number];

export function factsOf(db: Db, id: string) {
  return workOrderFacts(db).where('w.id', '=', id).executeTakeFirst();
}

export interface EventLite {
  work_order_id: string;
  at: string;
  action: string;
  from_state: string | null;
  to_state: string | null;
  data: string;
}

/** The timelines of the given work orders, each oldest first (penalty events are not on them). */
export async function timelinesOf(db: Db, ids: readonly string[]): Promise<Map<string, EventLite[]>> {
  const out = new Map<string, EventLite[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    const rows = await db
      .selectFrom('events')
      .select(['work_order_id', 'at', 'action', 'from_state', 'to_state', 'data'])
      .where('work_order_id', 'in', part)
      .orderBy('work_order_id')
      .orderBy('at')
      .orderBy('id')
      .execute();
    for (const r of rows) {
      const list = out.get(r.work_order_id!) ?? [];
      list.push(r as EventLite);
      out.set(r.work_order_id!, list);
    }
  }
  return out;
}

export async function storeSlaState(
  db: Db,
  id: string,
  s: {
    dueAt: string | null;
    breached: boolean;
    nextCheckAt: string | null;
    checkedVersion: number;
    state: string | null;
    pausedFor: string | null;
  },
): Promise<void> {
  await db
    .updateTable('work_orders')
    .set({
      sla_due_at: s.dueAt,
      sla_breached: s.breached ? 1 : 0,
      sla_next_check_at: s.nextCheckAt,
      sla_checked_version: s.checkedVersion,
      sla_state: s.state,
      sla_paused_for: s.pausedFor,
    })
    .where('id', '=', id)
    .execute();
}

/** The stored row states of a ticket's work orders with a clock (planned work has none). */
export function rowStatesOfTicket(db: Db, ticketId: string) {
  return db
    .selectFrom('work_orders')
    .select(['sla_state', 'sla_due_at', 'sla_paused_for'])
    .where('ticket_id', '=', ticketId)
    .where('kind', '<>', 'planned')
    .execute();
}

/** The ticket's row state (its version and updated_at stay: nobody edited the ticket). */
export async function storeTicketSlaState(
  db: Db,
  ticketId: string,
  s: { state: string | null; dueAt: string | null; pausedFor: string | null },
): Promise<void> {
  await db
    .updateTable('tickets')
    .set({ sla_state: s.state, sla_due_at: s.dueAt, sla_paused_for: s.pausedFor })
    .where('id', '=', ticketId)
    .execute();
}

/** Inserts the alert unless it exists (once per work order, clock, level and cycle); its id when this call inserted it. */
export async function insertAlert(
  db: Db,
  row: { id: string; work_order_id: string; clock: string; level: string; cycle_started_at: string; created_at: string },
): Promise<string | null> {
  const r = await db
    .insertInto('sla_alerts')
    .values(row)
    .onConflict((oc) => oc.columns(['work_order_id', 'clock', 'level', 'cycle_started_at']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

/** How many work orders a contract has (all states). */
export async function countWorkOrdersOfContract(db: Db, contractId: string): Promise<number> {
  const r = await db
    .selectFrom('work_orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('contract_id', '=', contractId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// --- the SLA watcher (jobs/sla-watcher.ts) -------------------------------------------------------

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Eb = any;
/** Exactly the partial index's predicate (migration 0005), so both engines use that index. */
const stale = (eb: Eb): Expression<SqlBool> =>
  eb.or([eb('sla_checked_version', 'is', null), eb('sla_checked_version', '<>', eb.ref('version'))]);
/** Planned work orders (#8) have no SLA clock: never candidates (their lateness job measures them). */
const corrective = (eb: Eb): Expression<SqlBool> => eb('kind', '<>', 'planned');

/**
 * One keyset page of work orders waiting for the watcher: `stale` ones in issue order, `due` ones in
 * the order they fell due (when the cap leaves room for one more penalty, the earlier work goes first).
 */
export function watchPage(db: Db, kind: 'stale' | 'due', at: string, after: [string, string] | null, limit: number) {
  const sortCol = kind === 'stale' ? 'issued_at' : 'sla_next_check_at';
  let q = db.selectFrom('work_orders').select(['id', 'issued_at', 'sla_next_check_at']);
  q = kind === 'stale' ? q.where((eb) => stale(eb)) : q.where('sla_next_check_at', '<=', at);
  q = q.where(corrective);
  if (after) {
    const [v, id] = after;
    q = q.where((eb) => eb.or([eb(sortCol, '>', v), eb.and([eb(sortCol, '=', v), eb('id', '>', id)])]));
  }
  return q.orderBy(sortCol).orderBy('id').limit(limit).execute();
}

/**
 * Claims one work order still stale or due, in `trx`; false when it is not (done meanwhile, or held
 * by another instance: `for update skip locked` on PostgreSQL, the single writer on SQLite).
 */
export async function claimForWatch(trx: Db, id: string, at: string): Promise<boolean> {
  let q = trx
    .selectFrom('work_orders')
    .select('id')
    .where('id', '=', id)
    .where((eb) => eb.or([stale(eb), eb('sla_next_check_at', '<=', at)]))
    .where(corrective);
  if (engineOf(trx) === 'postgres') q = q.forUpdate().skipLocked();
  return (await q.executeTakeFirst()) !== undefined;
}

/** How many work orders wait for the watcher at `at`. */
export async function countWaitingForWatch(db: Db, at: string): Promise<number> {
  const r = await db
    .selectFrom('work_orders')
    .select(sql<number>`count(*)`.as('n'))
    .where((eb) => eb.or([stale(eb), eb('sla_next_check_at', '<=', at)]))
    .where(corrective)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The sites of a contract's buildings (by code), with their patron saints: what a preview may count in. */
export function sitesOfContract(db: Db, contractId: string) {
  return db
    .selectFrom('sites as s')
    .select(['s.id', 's.code', 's.name', 's.patron_saint'])
    .where(
      's.id',
      'in',
      db
        .selectFrom('contract_buildings as cb')
        .innerJoin('buildings as b', 'b.id', 'cb.building_id')
        .select('b.site_id')
        .where('cb.contract_id', '=', contractId),
    )
    .orderBy('s.code')
    .execute();
}

export function siteById(db: Db, id: string) {
  return db.selectFrom('sites').select(['id', 'code', 'name', 'patron_saint']).where('id', '=', id).executeTakeFirst();
}

// --- the SLA state of a list row, as predicates (what a row shows of it: overdue.ts) ----------------

// Predicates on a table known by its alias: a free-standing, untyped expression builder.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const eb: ExpressionBuilder<any, any> = expressionBuilder<any, any>();

// "Overdue by SLA" as a predicate on a work-orders alias, for the work lists: a clock still
// counting whose due instant has passed (migration 0005's sla_due_at, kept by the SLA watcher;
// index work_orders_sla_due_idx). Fresh to within SLA_WATCH_INTERVAL_SECONDS after an event,
// and at once by every work-order action (refreshWorkOrderSla in the action's transaction).
export const slaOverdue =
  (nowIso: string) =>
  (alias: string): Expression<SqlBool> =>
    eb.and([eb(eb.ref(`${alias}.sla_due_at`), '<=', nowIso), eb(eb.ref(`${alias}.status`), 'not in', ['verified', 'closed'])]);

/**
 * One row state as a predicate on an alias of work_orders or tickets (both carry sla_state and
 * sla_due_at, migration 2026-12-09T0008): the stored state, with "running" split at `nowIso`.
 */
export const slaStateIs =
  (state: SlaRowFilter, nowIso: string) =>
  (alias: string): Expression<SqlBool> => {
    const st = eb.ref(`${alias}.sla_state`);
    const due = eb.ref(`${alias}.sla_due_at`);
    if (state === 'overdue') return eb.and([eb(st, '=', 'running'), eb(due, '<=', nowIso)]);
    if (state === 'due') return eb.and([eb(st, '=', 'running'), eb(due, '>', nowIso)]);
    return eb(st, '=', state);
  };
