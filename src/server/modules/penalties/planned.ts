// Penalty proposals for late planned activities (#8): the contract's active 'fixed' rule with
// event 'late_planned_activity' gives € per late activity. One proposal per planned work order —
// breach key "<work order>:late_planned_activity", unique in the penalties table, so a repeated
// or concurrent run proposes nothing twice — clipped to what the contract's cap leaves, then the
// usual procedure (contest → counter_argue → apply / reduce / waive) owns it.
//
// The contract's active daily rule (per_day / per_mille_per_day with event 'late_planned_activity',
// no clock) gives € per whole day late (domain lateDays): its own proposal per planned work order
// (breach key "<work order>:late_planned_activity:daily"), which follows the days while it is still
// 'proposed' — recomputed by the lateness job, fixed at completion — and is never changed once
// contested or later.
import { capCents, isPlannedDailyRule, lateDays, plannedDailyAmount } from '../../../domain/penalties.ts';
import { lateDeadline } from '../../../domain/planned/recurrence.ts';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/create-db.ts';
import { newId } from '../../ids.ts';
import { newSortableId } from '../tickets/actor.ts';
import * as repo from './penalties.repository.ts';
import { SYSTEM_LABEL } from './proposals.ts';
import { ruleOf } from './reconcile.ts';

export const LATE_PLANNED_EVENT = 'late_planned_activity';
export const lateBreachKey = (workOrderId: string) => `${workOrderId}:${LATE_PLANNED_EVENT}`;
export const lateDailyBreachKey = (workOrderId: string) => `${workOrderId}:${LATE_PLANNED_EVENT}:daily`;
const DAY_MS = 86_400_000;

/** Proposes the late-activity penalty of one planned work order; its id, or null (no rule, cap reached, already proposed). */
export async function proposeLatePlannedPenalty(
  trx: Db,
  ctx: AppContext,
  w: { id: string; contract_id: string; due_on: string | null },
): Promise<string | null> {
  const rule = (await repo.listRules(trx, w.contract_id)).find(
    (r) => Number(r.active) === 1 && r.kind === 'fixed' && r.event === LATE_PLANNED_EVENT,
  );
  if (!rule || !w.due_on) return null;
  await repo.lockContract(trx, w.contract_id);
  const contract = await repo.contractOf(trx, w.contract_id);
  if (!contract) return null;
  const totals = await repo.totalsOf(trx, w.contract_id);
  const computed = Number(rule.amount_cents);
  const room = Math.max(0, capCents(Number(contract.net_amount_cents), ctx.config.penalties.limits) - totals.applied - totals.open);
  const proposed = Math.min(computed, room);
  if (proposed <= 0) return null;
  const at = ctx.now().toISOString();
  const id = newId();
  const inserted = await repo.insertPenalty(trx, {
    id,
    contract_id: w.contract_id,
    work_order_id: w.id,
    breach_key: lateBreachKey(w.id),
    rule_id: rule.id,
    clock: null,
    breached_by_ms: null,
    computed_cents: computed,
    proposed_cents: proposed,
    final_cents: null,
    status: 'proposed',
    term_ends_at: null,
    period: w.due_on.slice(0, 7),
    created_at: at,
    updated_at: at,
  });
  if (!inserted) return null;
  await repo.insertPenaltyEvent(trx, {
    id: newSortableId(),
    penaltyId: id,
    at,
    actorId: null,
    actorLabel: SYSTEM_LABEL,
    action: 'propose',
    from: null,
    to: 'proposed',
    data: {
      event: LATE_PLANNED_EVENT,
      dueOn: w.due_on,
      computedCents: computed,
      proposedCents: proposed,
      clippedByCap: proposed < computed,
      ruleId: rule.id,
    },
  });
  return id;
}

/**
 * Brings the daily late-activity penalty of one planned work order in line with its days late up
 * to `endOn` (Rome date: the completion day, or today while open): proposed when late and absent,
 * recomputed while 'proposed', untouched once the procedure has it. Returns whether it wrote.
 */
export async function syncLatePlannedDaily(
  trx: Db,
  ctx: AppContext,
  w: { id: string; contract_id: string; due_on: string | null },
  endOn: string,
): Promise<boolean> {
  if (!w.due_on) return false;
  const rows = await repo.listRules(trx, w.contract_id);
  const key = lateDailyBreachKey(w.id);
  const existing = (await repo.penaltiesOfWorkOrder(trx, w.id)).find((p) => p.breach_key === key);
  if (existing && existing.status !== 'proposed') return false;
  // The active daily rule; a proposal already made keeps its own rule if that was deactivated since.
  const row =
    rows.find((r) => Number(r.active) === 1 && isPlannedDailyRule(ruleOf(r))) ??
    (existing ? rows.find((r) => r.id === existing.rule_id && isPlannedDailyRule(ruleOf(r))) : undefined);
  if (!row) return false;
  const rule = ruleOf(row);
  if (!isPlannedDailyRule(rule)) return false;
  const days = lateDays(lateDeadline({ dueOn: w.due_on }), endOn);
  if (days <= 0 && !existing) return false;

  await repo.lockContract(trx, w.contract_id);
  const contract = await repo.contractOf(trx, w.contract_id);
  if (!contract) return false;
  const net = Number(contract.net_amount_cents);
  const totals = await repo.totalsOf(trx, w.contract_id);
  // Read again under the lock; a proposal's own amount is room it may keep.
  const current = (await repo.penaltiesOfWorkOrder(trx, w.id)).find((p) => p.breach_key === key);
  if (current && current.status !== 'proposed') return false;
  const own = current ? Number(current.proposed_cents) : 0;
  const room = Math.max(0, capCents(net, ctx.config.penalties.limits) - totals.applied - totals.open + own);
  const { computedCents, amountCents } = plannedDailyAmount(rule, days, net, room);
  const at = ctx.now().toISOString();
  const event = (penaltyId: string, action: string, from: string | null, data: Record<string, unknown>) =>
    repo.insertPenaltyEvent(trx, {
      id: newSortableId(),
      penaltyId,
      at,
      actorId: null,
      actorLabel: SYSTEM_LABEL,
      action,
      from,
      to: 'proposed',
      data,
    });
  const facts = {
    event: LATE_PLANNED_EVENT,
    dueOn: w.due_on,
    deadline: lateDeadline({ dueOn: w.due_on }),
    until: endOn,
    days,
    computedCents,
    proposedCents: amountCents,
    clippedByCap: amountCents < computedCents,
    ruleId: row.id,
  };

  if (!current) {
    if (amountCents <= 0) return false; // the cap is reached: nothing more is proposed
    const id = newId();
    const inserted = await repo.insertPenalty(trx, {
      id,
      contract_id: w.contract_id,
      work_order_id: w.id,
      breach_key: key,
      rule_id: row.id,
      clock: null,
      breached_by_ms: days * DAY_MS,
      computed_cents: computedCents,
      proposed_cents: amountCents,
      final_cents: null,
      status: 'proposed',
      term_ends_at: null,
      period: w.due_on.slice(0, 7),
      created_at: at,
      updated_at: at,
    });
    if (!inserted) return false;
    await event(id, 'propose', null, facts);
    return true;
  }
  if (amountCents === own && computedCents === Number(current.computed_cents)) return false;
  const ok = await repo.updatePenalty(
    trx,
    current.id,
    {
      rule_id: row.id,
      breached_by_ms: days * DAY_MS,
      computed_cents: computedCents,
      proposed_cents: amountCents,
      updated_at: at,
    },
    { status: 'proposed' },
  );
  if (!ok) return false;
  await event(current.id, 'recompute', 'proposed', { ...facts, fromCents: own });
  return true;
}
