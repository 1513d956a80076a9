// Penalty proposals from a work order's breaches, written in the caller's transaction: the
// contract row is locked first (PostgreSQL) so two recomputations never share the cap's room.
import { DateTime } from 'luxon';
import type { ClockResult } from '../../../domain/sla.ts';
import type { Priority } from '../../../domain/workflow/types.ts';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/create-db.ts';
import { newId } from '../../ids.ts';
import { newSortableId } from '../tickets/actor.ts';
import * as repo from './penalties.repository.ts';
import { reconcilePenalties, ruleOf, type BreachIn, type PenaltyChange } from './reconcile.ts';

export const SYSTEM_LABEL = 'Presidio (SLA)';

/** One breach, one key: the work order, the clock and the start of the clock's cycle. */
export const breachKey = (workOrderId: string, clock: string, cycleStartedAt: number) =>
  `${workOrderId}:${clock}:${new Date(cycleStartedAt).toISOString()}`;

/** The breaches among a work order's clocks, keyed, with the priority they were measured against. */
export function breachesOf(workOrderId: string, priority: Priority, clocks: readonly ClockResult[]): BreachIn[] {
  return clocks
    .filter((c) => c.status === 'breached' && c.startedAt !== null && c.dueAt !== null)
    .map((c) => ({
      key: breachKey(workOrderId, c.clock, c.startedAt!),
      clock: c.clock,
      priority,
      breachedByMs: Math.round(c.breachedByMs),
      dueAt: c.dueAt!,
    }));
}

const periodOf = (ms: number) => DateTime.fromMillis(ms, { zone: 'Europe/Rome' }).toFormat('yyyy-MM');

/**
 * Brings the work order's penalties in line with its clocks (reconcilePenalties) and writes the
 * changes with their events. Returns the changes made.
 */
export async function recomputeWorkOrderPenalties(
  trx: Db,
  ctx: AppContext,
  w: { id: string; contract_id: string; priority: string },
  clocks: readonly ClockResult[],
): Promise<PenaltyChange[]> {
  const breaches = breachesOf(w.id, w.priority as Priority, clocks);
  const before = await repo.penaltiesOfWorkOrder(trx, w.id);
  if (breaches.length === 0 && !before.some((p) => p.status === 'proposed')) return [];
  const rules = await repo.listRules(trx, w.contract_id);
  if (rules.length === 0 && before.length === 0) return [];

  await repo.lockContract(trx, w.contract_id);
  // Read again under the lock: another recomputation may have written meanwhile.
  const existing = await repo.penaltiesOfWorkOrder(trx, w.id);
  const contract = await repo.contractOf(trx, w.contract_id);
  if (!contract) return [];
  const totals = await repo.totalsOf(trx, w.contract_id);
  // A proposal withdrawn by a person stays withdrawn: its key counts as handled (never proposed again).
  const byHand = await repo.withdrawnByHand(
    trx,
    existing.filter((p) => p.status === 'withdrawn').map((p) => p.id),
  );
  const changes = reconcilePenalties({
    breaches,
    existing: existing.map((p) => ({
      id: p.id,
      key: p.breach_key,
      status: byHand.has(p.id) ? 'withdrawn_by_hand' : p.status,
      ruleId: p.rule_id,
      computedCents: Number(p.computed_cents),
      proposedCents: Number(p.proposed_cents),
      breachedByMs: p.breached_by_ms === null ? null : Number(p.breached_by_ms),
    })),
    rules: rules.map((r) => ({ id: r.id, active: Number(r.active) === 1, rule: ruleOf(r) })),
    netAmountCents: Number(contract.net_amount_cents),
    limits: ctx.config.penalties.limits,
    alreadyCents: totals.applied + totals.open,
  });

  const at = ctx.now().toISOString();
  const event = (penaltyId: string, action: string, from: string | null, to: string | null, data: Record<string, unknown>) =>
    repo.insertPenaltyEvent(trx, { id: newSortableId(), penaltyId, at, actorId: null, actorLabel: SYSTEM_LABEL, action, from, to, data });
  const done: PenaltyChange[] = [];
  for (const c of changes) {
    if (c.type === 'insert') {
      const id = newId();
      const inserted = await repo.insertPenalty(trx, {
        id,
        contract_id: w.contract_id,
        work_order_id: w.id,
        breach_key: c.key,
        rule_id: c.ruleId,
        clock: c.breach.clock,
        breached_by_ms: c.breach.breachedByMs,
        computed_cents: c.computedCents,
        proposed_cents: c.proposedCents,
        final_cents: null,
        status: 'proposed',
        term_ends_at: null,
        period: periodOf(c.breach.dueAt),
        created_at: at,
        updated_at: at,
      });
      if (!inserted) continue;
      await event(id, 'propose', null, 'proposed', {
        clock: c.breach.clock,
        priority: c.breach.priority,
        breachedByMs: c.breach.breachedByMs,
        dueAt: new Date(c.breach.dueAt).toISOString(),
        computedCents: c.computedCents,
        proposedCents: c.proposedCents,
        clippedByCap: c.proposedCents < c.computedCents,
        ruleId: c.ruleId,
      });
    } else if (c.type === 'update') {
      const ok = await repo.updatePenalty(
        trx,
        c.id,
        {
          status: 'proposed',
          rule_id: c.ruleId,
          breached_by_ms: c.breach.breachedByMs,
          computed_cents: c.computedCents,
          proposed_cents: c.proposedCents,
          period: periodOf(c.breach.dueAt),
          updated_at: at,
        },
        { status: c.fromStatus },
      );
      if (!ok) continue;
      await event(c.id, c.fromStatus === 'withdrawn' ? 'propose_again' : 'recompute', c.fromStatus, 'proposed', {
        breachedByMs: c.breach.breachedByMs,
        fromCents: c.fromCents,
        computedCents: c.computedCents,
        proposedCents: c.proposedCents,
        clippedByCap: c.proposedCents < c.computedCents,
      });
    } else {
      const ok = await repo.updatePenalty(trx, c.id, { status: 'withdrawn', updated_at: at }, { status: 'proposed' });
      if (!ok) continue;
      await event(c.id, 'withdraw', 'proposed', 'withdrawn', { reason: c.reason, fromCents: c.fromCents });
    }
    done.push(c);
  }
  return done;
}
