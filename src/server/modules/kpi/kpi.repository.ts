// SQL of the service indicators (#11): the work orders issued in a period with what the KPI engine
// and the groupings need — from the narrow facts rows (with their ratings), or from work_orders
// for the reference recomputation — and the ratings and approved costs behind them.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { Database } from '../../db/schema.ts';
import * as slaRepo from '../sla/sla.repository.ts';

/** A KPI reading's period, filters and scope. */
export interface KpiFilter {
  /** issued_at in [start, end) */
  start: string;
  end: string;
  /** the caller's work-order scope on alias `w` (null: every work order) */
  scope: Expression<SqlBool> | null;
  contractId?: string;
  buildingId?: string;
  technologyClassId?: string;
  priority?: string;
}

/** The period's work orders (alias `w`) with the filters and scope; no order, no limit. */
function periodWorkOrders(db: Db, b: KpiFilter) {
  let q = db.selectFrom('work_orders as w').where('w.issued_at', '>=', b.start).where('w.issued_at', '<', b.end);
  if (b.scope) q = q.where(b.scope);
  if (b.contractId) q = q.where('w.contract_id', '=', b.contractId);
  if (b.buildingId) q = q.where('w.building_id', '=', b.buildingId);
  if (b.technologyClassId) q = q.where('w.technology_class_id', '=', b.technologyClassId);
  if (b.priority) q = q.where('w.priority', '=', b.priority);
  return q;
}

/**
 * The reference reading (a full recomputation): every work order (fault and planned) issued in the
 * period, by (issued_at, id), from work_orders itself, with what recomputing their facts needs.
 */
export async function kpiBatch(db: Db, b: KpiFilter) {
  const q = periodWorkOrders(db, b)
    .innerJoin('buildings as b', 'b.id', 'w.building_id')
    .innerJoin('sites as st', 'st.id', 'b.site_id')
    .innerJoin('contracts as k', 'k.id', 'w.contract_id')
    .innerJoin('technology_classes as tc', 'tc.id', 'w.technology_class_id')
    .select([
      'w.id',
      'w.number',
      'w.kind',
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
      'w.completed_at',
      'w.due_on',
      'w.sla_version_id',
      'st.id as site_id',
      'st.patron_saint',
      'k.lot',
      'tc.code as class_code',
      'b.code as building_code',
    ]);
  return q.orderBy('w.issued_at').orderBy('w.id').execute();
}

/** The period's narrow rows of work_order_kpi_facts (alias `w`: the scope predicates read its building_id and contractor_id) with the filters. */
function periodFacts(db: Db, b: KpiFilter) {
  let q = db.selectFrom('work_order_kpi_facts as w').where('w.issued_at', '>=', b.start).where('w.issued_at', '<', b.end);
  if (b.scope) q = q.where(b.scope);
  if (b.contractId) q = q.where('w.contract_id', '=', b.contractId);
  if (b.buildingId) q = q.where('w.building_id', '=', b.buildingId);
  if (b.technologyClassId) q = q.where('w.technology_class_id', '=', b.technologyClassId);
  if (b.priority) q = q.where('w.priority', '=', b.priority);
  return q;
}

/**
 * A settled row: a corrective work order verified or closed whose stored facts are final and of its
 * current version — only a new action (a new version) can change what it counts, and it is in no
 * backlog. Never null (a row without facts is not settled), so its negation is exact.
 */
const settled = sql<SqlBool>`(w.kind = 'corrective' and w.status in ('verified', 'closed') and coalesce(w.final, 0) = 1 and coalesce(w.facts_version, -1) = w.version)`;

/**
 * The period's narrow rows (migration 2026-12-14T0003), one index range per contract, with the work
 * order's mirrored columns, its ticket's rating and the stored facts (the caller decides whether
 * they still hold), in (issued_at, id) order; `unsettled`: only those the settled summary leaves out.
 */
export function kpiFactsRows(db: Db, b: KpiFilter, opts: { unsettled?: boolean } = {}) {
  let q = periodFacts(db, b)
    .innerJoin('buildings as b', 'b.id', 'w.building_id')
    .innerJoin('contracts as k', 'k.id', 'w.contract_id')
    .innerJoin('technology_classes as tc', 'tc.id', 'w.technology_class_id');
  if (opts.unsettled) q = q.where(sql<SqlBool>`not ${settled}`);
  return q
    .select([
      'w.work_order_id as id',
      'w.number',
      'w.kind',
      'w.status',
      'w.outcome',
      'w.priority',
      'w.version',
      'w.contract_id',
      'w.building_id',
      'w.technology_class_id',
      'w.ticket_id',
      'w.issued_at',
      'w.wo_completed_at as completed_at',
      'w.due_on',
      'w.rating_stars',
      'w.rating_link',
      'w.follow_up',
      'k.lot',
      'tc.code as class_code',
      'b.code as building_code',
      'w.facts_version',
      'w.final as facts_final',
      'w.take_charge_status',
      'w.take_charge_ms',
      'w.on_site_status',
      'w.on_site_ms',
      'w.resolution_status',
      'w.resolution_ms',
      'w.completed_at as facts_completed_at',
      'w.reopened',
      'w.rejected_completions',
      'w.visits',
      'w.closed_outcome',
    ])
    .orderBy('w.issued_at')
    .orderBy('w.work_order_id')
    .execute();
}

// What the indicators read of a settled row besides its resolution time, so that alike rows make
// one group; of the first completion only whether there was one (verified or closed, a settled row
// was completed unless it closed with an outcome, and no figure reads the instant).
const SETTLED_KEY = {
  priority: sql<string>`w.priority`,
  take_charge_status: sql<string | null>`w.take_charge_status`,
  on_site_status: sql<string | null>`w.on_site_status`,
  resolution_status: sql<string | null>`w.resolution_status`,
  closed_outcome: sql<string | null>`w.closed_outcome`,
  completed: sql<number>`case when w.completed_at is null then 0 else 1 end`,
  reopened: sql<number | string>`w.reopened`,
  rejected: sql<number | string>`w.rejected_completions`,
  visits: sql<number | string>`w.visits`,
};

/** The period's settled rows counted by what the indicators read (a contract-year: some dozens of groups). */
export function settledSummary(db: Db, b: KpiFilter) {
  const k = SETTLED_KEY;
  return periodFacts(db, b)
    .where(settled)
    .select((eb) => [
      k.priority.as('priority'),
      k.take_charge_status.as('take_charge_status'),
      k.on_site_status.as('on_site_status'),
      k.resolution_status.as('resolution_status'),
      k.closed_outcome.as('closed_outcome'),
      k.completed.as('completed'),
      k.reopened.as('reopened'),
      k.rejected.as('rejected'),
      k.visits.as('visits'),
      eb.fn.countAll<number | string>().as('n'),
    ])
    .groupBy(Object.values(k))
    .execute();
}

/**
 * The resolution times (ms) of the period's settled rows that count in the time to resolve: decided
 * (met or breached) and not closed as in plan, not manageable, denied or cancelled — the basis of
 * the engine's resolutionTimes, which the tests compare with.
 */
export async function settledResolutionTimes(db: Db, b: KpiFilter): Promise<number[]> {
  const rows = await periodFacts(db, b)
    .where(settled)
    .where('w.closed_outcome', 'is', null)
    .where('w.resolution_status', 'in', ['met', 'breached'])
    .select('w.resolution_ms')
    .execute();
  return rows.map((r) => Number(r.resolution_ms));
}

/** The ratings of the period's tickets, each ticket once, counted by link sent, score and follow-up. */
export function ratingSummary(db: Db, b: KpiFilter) {
  return periodFacts(db, b)
    .where('w.ticket_id', 'is not', null)
    .select((eb) => ['w.rating_link', 'w.rating_stars', 'w.follow_up', eb.fn.count<number | string>('w.ticket_id').distinct().as('n')])
    .groupBy(['w.rating_link', 'w.rating_stars', 'w.follow_up'])
    .execute();
}

export type KpiFactsRow = Awaited<ReturnType<typeof kpiFactsRows>>[number];

/** What recomputing the facts of the given work orders needs (corrective ones only), by lists of 500 ids. */
export async function workOrderFactsByIds(db: Db, ids: readonly string[]) {
  const out: slaRepo.WorkOrderFacts[] = [];
  for (let i = 0; i < ids.length; i += 500)
    out.push(
      ...(await slaRepo
        .workOrderFacts(db)
        .where('w.id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  return out;
}

export type KpiBatchRow = Awaited<ReturnType<typeof kpiBatch>>[number];

export interface Rating {
  sent: boolean;
  score: number | null;
  followUp: 'open' | 'done' | null;
}

/** Per ticket: whether a rating link went, the score given, the follow-up's state. */
export async function ratingsOf(db: Db, ticketIds: readonly string[]) {
  const out = new Map<string, Rating>();
  for (let i = 0; i < ticketIds.length; i += 500) {
    const part = ticketIds.slice(i, i + 500);
    for (const [id, r] of await ratingsWhere(db, (eb) => eb('t.id', 'in', part))) out.set(id, r);
  }
  return out;
}

async function ratingsWhere(db: Db, where: (eb: ExpressionBuilder<Database & { t: Database['tickets'] }, 't'>) => Expression<SqlBool>) {
  const rows = await db
    .selectFrom('tickets as t')
    .leftJoin('rating_follow_ups as fu', 'fu.ticket_id', 't.id')
    .select((eb) => [
      't.id',
      't.rating_stars',
      'fu.status as follow_up',
      eb.exists(eb.selectFrom('rating_tokens as rt').select('rt.ticket_id').whereRef('rt.ticket_id', '=', 't.id')).as('link_sent'),
    ])
    .where(where)
    .execute();
  const out = new Map<string, Rating>();
  for (const t of rows)
    out.set(t.id, {
      // A rating given without a link (in the app) was asked all the same.
      sent: Boolean(Number(t.link_sent)) || t.rating_stars !== null,
      score: t.rating_stars,
      followUp: (t.follow_up as 'open' | 'done' | null) ?? null,
    });
  return out;
}

/** Approved final accounts (net, cents) of the given work orders. */
export async function approvedCostsOf(db: Db, workOrderIds: readonly string[]) {
  const out = new Map<string, number>();
  for (let i = 0; i < workOrderIds.length; i += 500) {
    const rows = await db
      .selectFrom('final_accounts')
      .select(['work_order_id', 'net_cents'])
      .where('status', '=', 'approved')
      .where('work_order_id', 'in', workOrderIds.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.work_order_id, (out.get(r.work_order_id) ?? 0) + Number(r.net_cents));
  }
  return out;
}

/** Approved final accounts (net, cents) of the period's work orders (the same filters), summed per building. */
export async function approvedCostsByBuilding(db: Db, b: KpiFilter) {
  const rows = await periodWorkOrders(db, b)
    .innerJoin('final_accounts as fa', 'fa.work_order_id', 'w.id')
    .where('fa.status', '=', 'approved')
    .select((eb) => ['w.building_id', eb.fn.sum<number | string>('fa.net_cents').as('cents')])
    .groupBy('w.building_id')
    .execute();
  return new Map(rows.map((r) => [r.building_id, Number(r.cents)]));
}

export function buildingsByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  // A building's floor area is the sum of its spaces' (the registry records areas per space).
  return db
    .selectFrom('buildings as b')
    .leftJoin('spaces as s', 's.building_id', 'b.id')
    .select((eb) => ['b.id', 'b.code', 'b.name', eb.fn.sum<number | string | null>('s.area_cm2').as('area_cm2')])
    .where('b.id', 'in', ids)
    .groupBy(['b.id', 'b.code', 'b.name'])
    .orderBy('b.code')
    .execute();
}

export function classesByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('technology_classes').select(['id', 'code', 'name_it', 'name_en']).where('id', 'in', ids).orderBy('code').execute();
}
