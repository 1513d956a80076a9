// SQL of penalty rules and penalties: rules per contract, the penalties of a work order, contract
// totals against the cap, scoped lists, the procedure's events (events.penalty_id).
import { expressionBuilder, sql, type Expression, type ExpressionBuilder, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import { engineOf } from '../../db/create-db.ts';
import type { PenaltyRow, PenaltyRuleRow } from '../../db/schema.ts';

// --- rules -----------------------------------------------------------------------------------------

export function listRules(db: Db, contractId: string, activeOnly = false) {
  let q = db.selectFrom('penalty_rules').selectAll().where('contract_id', '=', contractId);
  if (activeOnly) q = q.where('active', '=', 1);
  return q.orderBy('created_at').orderBy('id').execute();
}
export type RuleRow = Awaited<ReturnType<typeof listRules>>[number];

export function getRule(db: Db, contractId: string, id: string) {
  return db.selectFrom('penalty_rules').selectAll().where('contract_id', '=', contractId).where('id', '=', id).executeTakeFirst();
}

export function rulesByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('penalty_rules').selectAll().where('id', 'in', ids).execute();
}

export async function insertRule(db: Db, row: Insertable<PenaltyRuleRow>): Promise<void> {
  await db.insertInto('penalty_rules').values(row).execute();
}

export async function updateRuleVersioned(db: Db, id: string, version: number, set: Updateable<PenaltyRuleRow>): Promise<boolean> {
  const r = await db
    .updateTable('penalty_rules')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

// --- contract --------------------------------------------------------------------------------------

export function contractOf(db: Db, id: string) {
  return db
    .selectFrom('contracts as k')
    .innerJoin('contractors as c', 'c.id', 'k.contractor_id')
    .select([
      'k.id',
      'k.lot',
      'k.cig',
      'k.title',
      'k.net_amount_cents',
      'k.contractor_id',
      'c.name as contractor_name',
      'c.vat_number',
      'c.pec',
    ])
    .where('k.id', '=', id)
    .executeTakeFirst();
}

/** On PostgreSQL, holds the contract row until the transaction ends: one cap computation at a time per contract. */
export async function lockContract(db: Db, id: string): Promise<void> {
  if (engineOf(db) === 'postgres') await db.selectFrom('contracts').select('id').where('id', '=', id).forUpdate().execute();
}

const OPEN = ['proposed', 'contested', 'counter_argued'] as const;
const DECIDED = ['applied', 'reduced'] as const;

/** Per status: count, proposed and final amounts, for a contract. */
export async function totalsOf(db: Db, contractId: string) {
  const rows = await db
    .selectFrom('penalties')
    .select([
      'status',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.sum<number>('proposed_cents').as('proposed'),
      (eb) => eb.fn.sum<number>('final_cents').as('final'),
    ])
    .where('contract_id', '=', contractId)
    .groupBy('status')
    .execute();
  const by = new Map(rows.map((r) => [r.status, { n: Number(r.n), proposed: Number(r.proposed ?? 0), final: Number(r.final ?? 0) }]));
  const sum = (ss: readonly string[], f: 'proposed' | 'final') => ss.reduce((s, k) => s + (by.get(k)?.[f] ?? 0), 0);
  return {
    applied: sum(DECIDED, 'final'),
    open: sum(OPEN, 'proposed'),
    waived: sum(['waived'], 'proposed'),
    counts: Object.fromEntries([...by].map(([k, v]) => [k, v.n])) as Record<string, number>,
  };
}

// --- penalties -------------------------------------------------------------------------------------

export function penaltiesOfWorkOrder(db: Db, workOrderId: string) {
  return db.selectFrom('penalties').selectAll().where('work_order_id', '=', workOrderId).execute();
}

export async function insertPenalty(db: Db, row: Insertable<PenaltyRow>): Promise<boolean> {
  const r = await db
    .insertInto('penalties')
    .values(row)
    .onConflict((oc) => oc.column('breach_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export async function updatePenalty(
  db: Db,
  id: string,
  set: Updateable<PenaltyRow>,
  expect?: { version?: number; status?: string },
): Promise<boolean> {
  let q = db
    .updateTable('penalties')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id);
  if (expect?.version !== undefined) q = q.where('version', '=', expect.version);
  if (expect?.status !== undefined) q = q.where('status', '=', expect.status);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export function getPenalty(db: Db, id: string) {
  return db.selectFrom('penalties').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Penalties with their contract, contractor, work order and building, for lists and pages. */
export function penaltyViews(db: Db) {
  return db
    .selectFrom('penalties as p')
    .innerJoin('contracts as k', 'k.id', 'p.contract_id')
    .innerJoin('contractors as c', 'c.id', 'k.contractor_id')
    .leftJoin('work_orders as w', 'w.id', 'p.work_order_id')
    .leftJoin('buildings as b', 'b.id', 'w.building_id')
    .selectAll('p')
    .select([
      'k.lot',
      'k.cig',
      'k.title as contract_title',
      'k.contractor_id',
      'k.net_amount_cents',
      'c.name as contractor_name',
      'w.number as work_order_number',
      'w.priority as work_order_priority',
      'w.building_id',
      'w.ticket_id',
      'w.status as work_order_status',
      'b.code as building_code',
      'b.name as building_name',
    ]);
}
export type PenaltyView = Awaited<ReturnType<ReturnType<typeof penaltyViews>['execute']>>[number];

/** One penalty's view (unscoped: the service checks the caller's roles on it). */
export function findPenaltyView(db: Db, id: string) {
  return penaltyViews(db).where('p.id', '=', id).executeTakeFirst();
}

export interface PenaltyFilter {
  scope: ((alias: string) => Expression<SqlBool>) | null;
  contractId?: string;
  workOrderId?: string;
  status?: string;
  period?: string;
  cursor: [string, string] | null;
  limit: number;
}

/** Newest first, keyset on (created_at, id); one row more than `limit`. */
export function listPenalties(db: Db, f: PenaltyFilter) {
  let q = penaltyViews(db);
  if (f.scope) q = q.where(f.scope('p'));
  if (f.contractId) q = q.where('p.contract_id', '=', f.contractId);
  if (f.workOrderId) q = q.where('p.work_order_id', '=', f.workOrderId);
  if (f.status) q = q.where('p.status', '=', f.status);
  if (f.period) q = f.period.length === 4 ? q.where('p.period', 'like', `${f.period}-%`) : q.where('p.period', '=', f.period);
  if (f.cursor) {
    const [at, id] = f.cursor;
    q = q.where((eb) => eb.or([eb('p.created_at', '<', at), eb.and([eb('p.created_at', '=', at), eb('p.id', '<', id)])]));
  }
  return q
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

export function registerRows(db: Db, contractId: string, period: string, scope: ((alias: string) => Expression<SqlBool>) | null) {
  // Withdrawn by the SLA watcher (the breach is gone): not in the register; withdrawn by hand: there.
  let q = penaltyViews(db)
    .where('p.contract_id', '=', contractId)
    .where((eb) =>
      eb.or([
        eb('p.status', '<>', 'withdrawn'),
        eb.exists(
          eb
            .selectFrom('events as rw')
            .select('rw.id')
            .whereRef('rw.penalty_id', '=', 'p.id')
            .where('rw.action', '=', 'withdraw')
            .where('rw.actor_id', 'is not', null),
        ),
      ]),
    );
  q = period.length === 4 ? q.where('p.period', 'like', `${period}-%`) : q.where('p.period', '=', period);
  if (scope) q = q.where(scope('p'));
  return q.orderBy('p.period').orderBy('w.number').orderBy('p.created_at').orderBy('p.id').execute();
}

// --- the procedure's timeline ----------------------------------------------------------------------

export async function insertPenaltyEvent(
  db: Db,
  e: {
    id: string;
    penaltyId: string;
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
      penalty_id: e.penaltyId,
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

/** Of these penalties, those withdrawn by a person (withdraw event with an actor): never proposed again. */
export async function withdrawnByHand(db: Db, penaltyIds: readonly string[]): Promise<Set<string>> {
  if (penaltyIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('events')
    .select('penalty_id')
    .where('penalty_id', 'in', [...penaltyIds])
    .where('action', '=', 'withdraw')
    .where('actor_id', 'is not', null)
    .execute();
  return new Set(rows.map((r) => r.penalty_id!));
}

/** The reason, evidence and author of penalties proposed by hand (their 'propose' event). */
export async function manualProposals(
  db: Db,
  penaltyIds: readonly string[],
): Promise<Map<string, { actor: string; reason: string; evidence: string | null }>> {
  const out = new Map<string, { actor: string; reason: string; evidence: string | null }>();
  for (let i = 0; i < penaltyIds.length; i += 500) {
    const rows = await db
      .selectFrom('events')
      .select(['penalty_id', 'actor_label', 'data'])
      .where('penalty_id', 'in', penaltyIds.slice(i, i + 500))
      .where('action', '=', 'propose')
      .where('actor_id', 'is not', null)
      .execute();
    for (const r of rows) {
      const d = JSON.parse(r.data) as Record<string, unknown>;
      if (d.manual === true)
        out.set(r.penalty_id!, {
          actor: r.actor_label,
          reason: String(d.reason ?? ''),
          evidence: typeof d.evidence === 'string' ? d.evidence : null,
        });
    }
  }
  return out;
}

export function penaltyEvents(db: Db, penaltyId: string) {
  return db
    .selectFrom('events')
    .select(['id', 'at', 'actor_id', 'actor_label', 'action', 'from_state', 'to_state', 'data'])
    .where('penalty_id', '=', penaltyId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** The first event of each action per penalty (contested at, decided at), for the register. */
export async function eventInstants(db: Db, penaltyIds: string[]): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  for (let i = 0; i < penaltyIds.length; i += 500) {
    const rows = await db
      .selectFrom('events')
      .select(['penalty_id', 'action', 'at'])
      .where('penalty_id', 'in', penaltyIds.slice(i, i + 500))
      .orderBy('at')
      .execute();
    for (const r of rows) {
      const m = out.get(r.penalty_id!) ?? {};
      m[r.action] ??= r.at;
      out.set(r.penalty_id!, m);
    }
  }
  return out;
}

/** Whether the contract covers any building the user manages. */
export async function contractCoversManagedBuilding(db: Db, contractId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('contract_buildings as cb')
    .innerJoin('building_managers as bm', 'bm.building_id', 'cb.building_id')
    .select('cb.building_id')
    .where('cb.contract_id', '=', contractId)
    .where('bm.user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The contract and building of a work order (a penalty proposed by hand). */
export function workOrderPlace(db: Db, workOrderId: string) {
  return db.selectFrom('work_orders').select(['id', 'contract_id', 'building_id']).where('id', '=', workOrderId).executeTakeFirst();
}

/** What the formal notice says of the work order. */
export function workOrderForNotice(db: Db, workOrderId: string) {
  return db
    .selectFrom('work_orders as w')
    .leftJoin('tickets as t', 't.id', 'w.ticket_id')
    .select(['w.number', 'w.description', 'w.priority', 'w.issued_at', 't.number as ticket_number'])
    .where('w.id', '=', workOrderId)
    .executeTakeFirstOrThrow();
}

/** Penalties by breach key (for the breaches report). */
/** The penalties of these breaches, narrowed by the caller's penalty scope (a predicate on alias `p`). */
export function penaltiesByBreachKeys(db: Db, keys: readonly string[], scope: Expression<SqlBool> | null = null) {
  let q = db
    .selectFrom('penalties as p')
    .select(['p.id', 'p.breach_key', 'p.status', 'p.proposed_cents', 'p.final_cents'])
    .where('p.breach_key', 'in', [...keys]);
  if (scope) q = q.where(scope);
  return q.execute();
}

/** Contracts with their contractor's name, narrowed by the caller's scope predicate. */
export function contractsWithContractor(db: Db, scope: Expression<SqlBool> | null) {
  let q = db
    .selectFrom('contracts')
    .innerJoin('contractors as c', 'c.id', 'contracts.contractor_id')
    .select(['contracts.id', 'contracts.lot', 'contracts.cig', 'c.name as contractor']);
  if (scope) q = q.where(scope);
  return q.orderBy('contracts.lot').orderBy('contracts.id').execute();
}

// --- scope predicates (the rules that pick them: penalties.service.ts penaltyScope) ---------------

// Predicates on a penalties alias: a free-standing, untyped expression builder; the subqueries
// use aliases of their own (ps_*).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const eb: ExpressionBuilder<any, any> = expressionBuilder<any, any>();

/** The penalty (alias) is on one of the contractor's contracts. */
export const onContractorContracts =
  (contractorId: string) =>
  (a: string): Expression<SqlBool> =>
    eb(
      eb.ref(`${a}.contract_id`),
      'in',
      eb.selectFrom('contracts as ps_k').select('ps_k.id').where('ps_k.contractor_id', '=', contractorId),
    );

/**
 * The penalty (alias) is on a work order in the buildings `inBuildings` accepts (a predicate on a
 * building-id column), or, without a work order, on a contract covering one of those buildings.
 */
export const inBuildingsOf =
  (inBuildings: (buildingIdColumn: string) => Expression<SqlBool>) =>
  (a: string): Expression<SqlBool> =>
    eb.or([
      eb(eb.ref(`${a}.work_order_id`), 'in', eb.selectFrom('work_orders as ps_w').select('ps_w.id').where(inBuildings('ps_w.building_id'))),
      eb.and([
        eb(eb.ref(`${a}.work_order_id`), 'is', null),
        eb(
          eb.ref(`${a}.contract_id`),
          'in',
          eb.selectFrom('contract_buildings as ps_cb').select('ps_cb.contract_id').where(inBuildings('ps_cb.building_id')),
        ),
      ]),
    ]);
