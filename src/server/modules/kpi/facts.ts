// The service indicators' facts of corrective work orders (#11), kept in work_order_kpi_facts
// (migrations 2026-12-13T0002, 2026-12-14T0003) so a contract-year's report reads rows instead of
// recomputing every timeline. The row itself (one per work order, planned too, with the columns the
// figures group by and the ticket's rating) is kept by database triggers; its facts columns are a
// cache, always derived from the timeline and the clocks computed from it (the same computeClocks
// the SLA reports use), never a hand-kept counter:
// - refreshWorkOrderSla writes it in every action's transaction (it has the clocks already);
// - the filler below fills missing or outdated rows a window at a time (the SLA watcher runs it,
//   and bench/kpi.ts --backfill for a dataset loaded without the app);
// - a calendar edit forgets the facts of the work orders it may change (forgetKpiFacts).
// A reader trusts the facts only when they were computed from the work order's version and it is `final` (no clock
// was counting: time alone cannot move it); any other work order is recomputed on the spot.
import { timelineFacts, type KpiWorkOrder } from '../../../domain/kpi/indicators.ts';
import { CLOCKS, type ClockName, type ClockResult, type ClockStatus } from '../../../domain/sla.ts';
import type { ClosedOutcome } from '../../../domain/workflow/work-order.ts';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/create-db.ts';
import type { WorkOrderKpiFactsRow } from '../../db/schema.ts';
import { clocksOf, SlaContext, toTimeline } from '../sla/clocks.ts';
import * as slaRepo from '../sla/sla.repository.ts';
import * as repo from './facts.repository.ts';

/** What the KPI engine needs of a corrective work order besides its work_orders columns. */
export type KpiFacts = Pick<KpiWorkOrder, 'clocks' | 'completedAt' | 'reopened' | 'rejectedCompletions' | 'visits' | 'closedOutcome'>;

/** A clock time cannot change any more: stopped (met, breached or cancelled), or without a limit. */
const settled = (c: ClockResult) => c.stoppedAt !== null || c.status === 'not_applicable';

/** The engine's facts of one work order from its timeline rows and its clocks (computed at any instant). */
export function kpiFactsOf(events: readonly slaRepo.EventLite[], priority: string, clocks: readonly ClockResult[]): KpiFacts {
  const facts = timelineFacts(toTimeline(events, priority).events);
  return {
    clocks: Object.fromEntries(clocks.map((c) => [c.clock, { status: c.status, elapsedMs: c.elapsedMs }])),
    ...facts,
  };
}

/** The facts columns of a work order's row (the rest is kept by triggers). */
export type KpiFactsColumns = Pick<WorkOrderKpiFactsRow, 'work_order_id' | (typeof repo.FACTS_COLUMNS)[number]>;

/** The facts to store: the facts, the version they hold for, and whether time alone could change them. */
export function factsRow(
  workOrderId: string,
  version: number,
  facts: KpiFacts,
  clocks: readonly ClockResult[],
  computedAt: string,
): KpiFactsColumns {
  const clock = (name: ClockName) => facts.clocks[name];
  return {
    work_order_id: workOrderId,
    facts_version: version,
    final: clocks.every(settled) ? 1 : 0,
    take_charge_status: clock('take_charge')?.status ?? null,
    take_charge_ms: clock('take_charge')?.elapsedMs ?? null,
    on_site_status: clock('on_site')?.status ?? null,
    on_site_ms: clock('on_site')?.elapsedMs ?? null,
    resolution_status: clock('resolution')?.status ?? null,
    resolution_ms: clock('resolution')?.elapsedMs ?? null,
    completed_at: facts.completedAt === null ? null : new Date(facts.completedAt).toISOString(),
    reopened: facts.reopened,
    rejected_completions: facts.rejectedCompletions,
    visits: facts.visits,
    closed_outcome: facts.closedOutcome,
    computed_at: computedAt,
  };
}

/** A stored row back as the engine's facts (the inverse of factsRow). */
export function storedFacts(r: {
  take_charge_status: string | null;
  take_charge_ms: number | string | null;
  on_site_status: string | null;
  on_site_ms: number | string | null;
  resolution_status: string | null;
  resolution_ms: number | string | null;
  completed_at: string | null;
  reopened: number | string | null;
  rejected_completions: number | string | null;
  visits: number | string | null;
  closed_outcome: string | null;
}): KpiFacts {
  const clocks: KpiFacts['clocks'] = {};
  const stored: Record<ClockName, [string | null, number | string | null]> = {
    take_charge: [r.take_charge_status, r.take_charge_ms],
    on_site: [r.on_site_status, r.on_site_ms],
    resolution: [r.resolution_status, r.resolution_ms],
  };
  for (const name of CLOCKS) {
    const [status, ms] = stored[name];
    if (status !== null) clocks[name] = { status: status as ClockStatus, elapsedMs: Number(ms) };
  }
  return {
    clocks,
    completedAt: r.completed_at === null ? null : Date.parse(r.completed_at),
    reopened: Number(r.reopened),
    rejectedCompletions: Number(r.rejected_completions),
    visits: Number(r.visits),
    closedOutcome: r.closed_outcome as ClosedOutcome | null,
  };
}

/** Recomputes the facts of corrective work orders from their events, at `now` (ms); also the rows to store. */
export async function computeKpiFacts(
  db: Db,
  workOrders: readonly slaRepo.WorkOrderFacts[],
  now: number,
): Promise<Map<string, { facts: KpiFacts; row: KpiFactsColumns }>> {
  const out = new Map<string, { facts: KpiFacts; row: KpiFactsColumns }>();
  if (workOrders.length === 0) return out;
  const [sctx, timelines] = await Promise.all([
    SlaContext.load(db, workOrders),
    slaRepo.timelinesOf(
      db,
      workOrders.map((w) => w.id),
    ),
  ]);
  const at = new Date(now).toISOString();
  for (const w of workOrders) {
    const events = timelines.get(w.id) ?? [];
    const clocks = clocksOf(w, events, sctx.inputsOf(w), now);
    const facts = kpiFactsOf(events, w.priority, clocks);
    out.set(w.id, { facts, row: factsRow(w.id, Number(w.version), facts, clocks, at) });
  }
  return out;
}

/**
 * One window of the filler: the corrective work orders with ids after `after` (up to `window` of
 * them, by id), of which those with no facts row or one of another version are computed and
 * stored. Returns how many were filled and where the next window starts (null: the end).
 */
export async function fillKpiFacts(ctx: AppContext, after: string | null, window = 5000): Promise<{ filled: number; next: string | null }> {
  const rows = await repo.factsWindow(ctx.db, after, window);
  const missing = rows.filter((r) => r.facts_version === null || Number(r.facts_version) !== Number(r.version));
  const computed = await computeKpiFacts(ctx.db, missing, ctx.now().getTime());
  const toStore = [...computed.values()].map((c) => c.row);
  for (let i = 0; i < toStore.length; i += 500) {
    const part = toStore.slice(i, i + 500);
    await ctx.db.transaction().execute((trx) => repo.storeKpiFacts(trx, part));
  }
  return { filled: toStore.length, next: rows.length < window ? null : rows[rows.length - 1].id };
}
