// SLA reports, computed on the fly from the clocks of the work orders issued in a period (in the
// caller's work-order scope): compliance per group, the breaches, penalties against the cap.
// Cost: one pass over the period's work orders and their events, in batches of 1,000 (clocks are
// a few array lookups each: see docs/BENCHMARKS.md "SLA clocks"); the period is at most 366 days.
import { DateTime } from 'luxon';
import { explainClock } from '../../../domain/sla-explain.ts';
import type { ClockResult } from '../../../domain/sla.ts';
import type { BreachesDto, ComplianceDto, PenaltySummaryDto } from '../../../shared/schemas/sla.ts';
import type { Principal } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import { forbidden, invalid } from '../../errors.ts';
import { contractMoneyScope, scopeWhere } from '../../scope.ts';
import { label } from '../worklists/worklists.i18n.ts';
import { scopeExpr, workOrderScope } from '../worklists/worklists.views.ts';
import { breachKey } from '../penalties/proposals.ts';
import { penaltyScope, summaryOf } from '../penalties/penalties.service.ts';
import { clocksOf, SlaContext, ZONE } from '../sla/clocks.ts';
import * as slaRepo from '../sla/sla.repository.ts';
import * as penaltiesRepo from '../penalties/penalties.repository.ts';
import { aggregateCompliance, type ClockRow } from './aggregate.ts';
import { factsBatch, type ReportFacts } from './reports.repository.ts';

const MAX_DAYS = 366;
const BATCH = 1000;

interface Period {
  from: string;
  to: string;
}

/** [from 00:00, to + 1 day 00:00) in Rome, as UTC instants; refused when reversed or too long. */
function bounds(p: Period): [string, string] {
  const a = DateTime.fromISO(p.from, { zone: ZONE });
  const b = DateTime.fromISO(p.to, { zone: ZONE }).plus({ days: 1 });
  if (!a.isValid || !b.isValid || b <= a || b.diff(a, 'days').days > MAX_DAYS + 1)
    throw invalid([{ field: 'to', rule: 'dateRange', params: { limit: MAX_DAYS } }]);
  return [a.toUTC().toISO()!, b.toUTC().toISO()!];
}

type Facts = ReportFacts;

/** Calls `each` with every work order issued in the period (in scope) and its clocks now. */
async function eachWorkOrder(
  ctx: AppContext,
  actor: Principal,
  p: Period & { contractId?: string },
  each: (f: Facts, clocks: ClockResult[]) => void,
): Promise<number> {
  const scope = workOrderScope(actor);
  if (scope.kind === 'forbidden') throw forbidden();
  const [start, end] = bounds(p);
  const now = ctx.now().getTime();
  let after: [string, string] | null = null;
  let n = 0;
  for (;;) {
    const rows = await factsBatch(ctx.db, { start, end, scope: scopeExpr(scope, 'w'), contractId: p.contractId, after, limit: BATCH });
    if (rows.length === 0) break;
    const [sctx, timelines] = await Promise.all([
      SlaContext.load(ctx.db, rows),
      slaRepo.timelinesOf(
        ctx.db,
        rows.map((r) => r.id),
      ),
    ]);
    for (const f of rows) each(f, clocksOf(f, timelines.get(f.id) ?? [], sctx.inputsOf(f), now));
    n += rows.length;
    if (rows.length < BATCH) break;
    const last = rows[rows.length - 1];
    after = [last.issued_at, last.id];
  }
  return n;
}

export async function slaCompliance(
  ctx: AppContext,
  actor: Principal,
  q: Period & { groupBy?: string; contractId?: string },
): Promise<ComplianceDto> {
  const groupBy = q.groupBy ?? 'contract';
  const lang = actor.language;
  const rows: ClockRow[] = [];
  const n = await eachWorkOrder(ctx, actor, q, (f, clocks) => {
    switch (groupBy) {
      case 'priority':
        rows.push({ key: f.priority, label: label(lang, 'priority', f.priority), clocks });
        break;
      case 'technologyClass':
        rows.push({ key: f.class_code, label: lang === 'it' ? f.class_name_it : f.class_name_en, clocks });
        break;
      case 'month': {
        const m = DateTime.fromISO(f.issued_at, { zone: 'utc' }).setZone(ZONE).toFormat('yyyy-MM');
        rows.push({ key: m, label: m, clocks });
        break;
      }
      default:
        rows.push({ key: f.contract_id, label: f.lot, clocks });
    }
  });
  const { groups, total } = aggregateCompliance(rows);
  return { from: q.from, to: q.to, groupBy, computedAt: ctx.now().toISOString(), workOrders: n, groups, total };
}

export async function breaches(
  ctx: AppContext,
  actor: Principal,
  q: Period & { contractId?: string; clock?: string; limit?: number },
): Promise<BreachesDto> {
  const limit = q.limit ?? 1000;
  const now = ctx.now().getTime();
  const found: Array<{ f: Facts; c: ClockResult }> = [];
  await eachWorkOrder(ctx, actor, q, (f, clocks) => {
    for (const c of clocks) if (c.status === 'breached' && (!q.clock || c.clock === q.clock)) found.push({ f, c });
  });
  found.sort((a, b) => (a.c.dueAt ?? 0) - (b.c.dueAt ?? 0) || a.f.number.localeCompare(b.f.number));
  const page = found.slice(0, limit);
  const keys = page.map(({ f, c }) => breachKey(f.id, c.clock, c.startedAt!));
  const penalties = new Map<string, { id: string; status: string; proposed_cents: number | string; final_cents: number | string | null }>();
  // The breach is SLA business; its penalty is money: shown only to those who may read penalties.
  const money = penaltyScope(actor);
  const moneyWhere = money.kind === 'rows' ? money.where('p') : null;
  for (let i = 0; i < (money.kind === 'forbidden' ? 0 : keys.length); i += 500) {
    const rows = await penaltiesRepo.penaltiesByBreachKeys(ctx.db, keys.slice(i, i + 500), moneyWhere);
    for (const r of rows) penalties.set(r.breach_key, r);
  }
  return {
    items: page.map(({ f, c }, i) => {
      const p = penalties.get(keys[i]);
      return {
        workOrder: { id: f.id, number: f.number, status: f.status, priority: f.priority as never },
        contract: { id: f.contract_id, lot: f.lot },
        building: { id: f.building_id, code: f.building_code },
        clock: c.clock,
        dueAt: new Date(c.dueAt!).toISOString(),
        stoppedAt: c.stoppedAt === null ? null : new Date(c.stoppedAt).toISOString(),
        breachedByMs: Math.round(c.breachedByMs),
        explanation: explainClock(c, actor.language, now, ZONE),
        penalty: p
          ? {
              id: p.id,
              status: p.status as never,
              proposedCents: Number(p.proposed_cents),
              finalCents: p.final_cents === null ? null : Number(p.final_cents),
            }
          : null,
      };
    }),
    truncated: found.length > limit,
  };
}

export async function penaltiesVsCap(
  ctx: AppContext,
  actor: Principal,
): Promise<{ items: Array<PenaltySummaryDto & { contract: { id: string; lot: string; cig: string; contractor: string } }> }> {
  const scope = contractMoneyScope(actor);
  if (scope.kind === 'forbidden') throw forbidden();
  const contracts = await penaltiesRepo.contractsWithContractor(ctx.db, scopeWhere(scope, 'contracts'));
  const items = [];
  for (const k of contracts)
    items.push({ contract: { id: k.id, lot: k.lot, cig: k.cig, contractor: k.contractor }, ...(await summaryOf(ctx, ctx.db, k.id)) });
  return { items };
}
