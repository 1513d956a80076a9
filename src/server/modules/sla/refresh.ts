// One work order's SLA brought up to date, in the caller's transaction: clocks computed from its
// timeline; a warning or breach alert inserted once per (work order, clock, level, cycle start)
// and, only when that insert succeeded, its notice enqueued to the contractor and the building
// managers; penalty proposals recomputed; the stored columns of migrations 0005 and
// 2026-12-09T0008 refreshed (the work order's and its ticket's row state); the service
// indicators' facts in the work order's row (2026-12-14T0003, modules/kpi/facts.ts) rewritten.
// Called by every work-order action right after its event, in the action's transaction (a list
// read after the response already shows the new state), and by the SLA watcher when time alone
// moves a clock (a due instant reached, a calendar edited).
import type { ClockResult } from '../../../domain/sla.ts';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/create-db.ts';
import { newSortableId } from '../tickets/actor.ts';
import { factsRow, kpiFactsOf } from '../kpi/facts.ts';
import { storeKpiFacts } from '../kpi/facts.repository.ts';
import { enqueueNotices } from '../notices/enqueue.ts';
import type { Trx } from '../tickets/workflow-helpers.ts';
import { recomputeWorkOrderPenalties } from '../penalties/proposals.ts';
import type { PenaltyChange } from '../penalties/reconcile.ts';
import { clocksOf, SlaContext, SOLAR } from './clocks.ts';
import { alertLevel, slaPlan, slaRowState, ticketRowState, type AlertLevel } from './plan.ts';
import * as repo from './sla.repository.ts';

export interface RefreshResult {
  workOrderId: string;
  clocks: ClockResult[];
  alerts: Array<{ clock: string; level: AlertLevel }>;
  penalties: PenaltyChange[];
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export async function refreshWorkOrderSla(trx: Trx, ctx: AppContext, workOrderId: string): Promise<RefreshResult | null> {
  const db: Db = trx;
  const f = await repo.factsOf(db, workOrderId);
  if (!f) return null;
  const [slaCtx, timelines] = await Promise.all([SlaContext.load(db, [f]), repo.timelinesOf(db, [workOrderId])]);
  const inputs = slaCtx.inputsOf(f);
  const now = ctx.now();
  const t = now.getTime();
  const { warnShare } = ctx.config.sla;
  const events = timelines.get(workOrderId) ?? [];
  const clocks = clocksOf(f, events, inputs, t, warnShare);
  // The service indicators' facts (#11) from the same timeline and clocks, in the same transaction.
  await storeKpiFacts(db, [factsRow(f.id, Number(f.version), kpiFactsOf(events, f.priority, clocks), clocks, now.toISOString())]);

  const alerts: RefreshResult['alerts'] = [];
  if (f.outcome !== 'cancelled') {
    for (const c of clocks) {
      const level = alertLevel(c, warnShare);
      if (!level || c.startedAt === null) continue;
      const id = newSortableId();
      const inserted = await repo.insertAlert(db, {
        id,
        work_order_id: f.id,
        clock: c.clock,
        level,
        cycle_started_at: new Date(c.startedAt).toISOString(),
        created_at: now.toISOString(),
      });
      if (!inserted) continue; // another run (or instance) already raised it
      alerts.push({ clock: c.clock, level });
      await enqueueNotices(trx, ctx, {
        notices: [{ kind: level === 'breach' ? 'sla_breach' : 'sla_warning', to: ['contractor', 'building_managers'] }],
        ticketId: f.ticket_id,
        workOrderId: f.id,
        eventId: `sla-alert:${inserted}`,
        actorUserId: null,
        action: c.clock,
        data: {
          clock: c.clock,
          dueAt: iso(c.dueAt),
          // Milliseconds: each recipient's message words them in its own language ({remaining:duration}).
          remaining: c.remainingMs,
          breachedBy: c.breachedByMs > 0 ? c.breachedByMs : null,
          limitMinutes: c.limitMinutes,
          sharePercent: c.share === null ? null : Math.round(c.share * 100),
        },
      });
    }
  }

  const penalties = await recomputeWorkOrderPenalties(db, ctx, f, clocks);
  const plan = slaPlan(clocks, (basis) => (basis === 'solar' ? SOLAR : inputs.working), t, warnShare);
  await repo.storeSlaState(db, f.id, {
    dueAt: iso(plan.dueAt),
    breached: plan.breached,
    nextCheckAt: iso(plan.nextCheckAt),
    checkedVersion: Number(f.version),
    ...slaRowState(clocks, plan),
  });
  if (f.ticket_id) await repo.storeTicketSlaState(db, f.ticket_id, ticketRowState(await repo.rowStatesOfTicket(db, f.ticket_id)));
  return { workOrderId: f.id, clocks, alerts, penalties };
}
