// Penalty proposals for late planned activities (#8): the contract's active 'fixed' rule with
// event 'late_planned_activity' gives € per late activity. One proposal per planned work order —
// breach key "<work order>:late_planned_activity", unique in the penalties table, so a repeated
// or concurrent run proposes nothing twice — clipped to what the contract's cap leaves, then the
// usual procedure (contest → counter_argue → apply / reduce / waive) owns it.
import { capCents } from '../../../domain/penalties.ts';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/create-db.ts';
import { newId } from '../../ids.ts';
import { newSortableId } from '../tickets/actor.ts';
import * as repo from './penalties.repository.ts';
import { SYSTEM_LABEL } from './proposals.ts';

export const LATE_PLANNED_EVENT = 'late_planned_activity';
export const lateBreachKey = (workOrderId: string) => `${workOrderId}:${LATE_PLANNED_EVENT}`;

/** Proposes the late-activity penalty of one planned work order; its id, or null (no rule, cap reached, already proposed). */
export async function proposeLatePlannedPenalty(
  trx: Db, ctx: AppContext, w: { id: string; contract_id: string; due_on: string | null },
): Promise<string | null> {
  const rule = (await repo.listRules(trx, w.contract_id)).find((r) => Number(r.active) === 1 && r.kind === 'fixed' && r.event === LATE_PLANNED_EVENT);
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
    id, contract_id: w.contract_id, work_order_id: w.id, breach_key: lateBreachKey(w.id), rule_id: rule.id, clock: null,
    breached_by_ms: null, computed_cents: computed, proposed_cents: proposed, final_cents: null, status: 'proposed',
    term_ends_at: null, period: w.due_on.slice(0, 7), created_at: at, updated_at: at,
  });
  if (!inserted) return null;
  await repo.insertPenaltyEvent(trx, {
    id: newSortableId(), penaltyId: id, at, actorId: null, actorLabel: SYSTEM_LABEL, action: 'propose', from: null, to: 'proposed',
    data: { event: LATE_PLANNED_EVENT, dueOn: w.due_on, computedCents: computed, proposedCents: proposed, clippedByCap: proposed < computed, ruleId: rule.id },
  });
  return id;
}
