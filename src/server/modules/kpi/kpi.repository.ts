// SQL of the service indicators (#11): the work orders issued in a period with what the KPI engine
// and the groupings need — from the narrow facts rows (with their ratings), or from work_orders
// for the reference recomputation — and the ratings and approved costs behind them.
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
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

/**
 * The period's rows of work_order_kpi_facts (migration 2026-12-14T0003, alias `w`: the scope
 * predicates read its building_id and contractor_id): one index range of narrow rows per contract,
 * with the work order's mirrored columns, its ticket's rating and the stored facts (the caller
 * decides whether they still hold), in (issued_at, id) order.
 */
export function kpiFactsRows(db: Db, b: KpiFilter) {
  let q = db
    .selectFrom('work_order_kpi_facts as w')
    .innerJoin('buildings as b', 'b.id', 'w.building_id')
    .innerJoin('contracts as k', 'k.id', 'w.contract_id')
    .innerJoin('technology_classes as tc', 'tc.id', 'w.technology_class_id')
    .where('w.issued_at', '>=', b.start)
    .where('w.issued_at', '<', b.end);
  if (b.scope) q = q.where(b.scope);
  if (b.contractId) q = q.where('w.contract_id', '=', b.contractId);
  if (b.buildingId) q = q.where('w.building_id', '=', b.buildingId);
  if (b.technologyClassId) q = q.where('w.technology_class_id', '=', b.technologyClassId);
  if (b.priority) q = q.where('w.priority', '=', b.priority);
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

/** Approved final accounts (net, cents) of the period's work orders (the same filters), in one query. */
export async function approvedCostsOfPeriod(db: Db, b: KpiFilter) {
  const rows = await db
    .selectFrom('final_accounts as fa')
    .select(['fa.work_order_id', 'fa.net_cents'])
    .where('fa.status', '=', 'approved')
    .where('fa.work_order_id', 'in', periodWorkOrders(db, b).select('w.id'))
    .execute();
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.work_order_id, (out.get(r.work_order_id) ?? 0) + Number(r.net_cents));
  return out;
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
