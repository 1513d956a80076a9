// Late documents (#9): a contractor may complete a corrective work order with its required documents
// declared "to follow" (work_orders.documents_due_on = completion day + the contract's documents_due_days, Rome).
// Once that day is over, each such work order is checked once (documents_checked_at): a required
// document still missing, or attached after the end of the due day, makes the contract's active
// fixed 'late_documents' rule propose ONE penalty for the work order — breach key
// "<work order>:late_documents", unique in the penalties table, so a repeated or concurrent run
// proposes nothing twice — clipped to what the contract's cap leaves; then the usual procedure.
// No rule at the check: no penalty (as for every rule).
import { DateTime } from 'luxon';
import { capCents } from '../../../domain/penalties.ts';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/create-db.ts';
import { engineOf } from '../../db/create-db.ts';
import { newId } from '../../ids.ts';
import { newSortableId } from '../tickets/actor.ts';
import { romeDate } from '../tickets/workflow-helpers.ts';
import {
  claimLateDocuments,
  firstAttachedAt,
  lateDocumentsCandidates,
  markDocumentsChecked,
  type WorkOrder,
} from '../work-orders/work-orders.repository.ts';
import { requiredDocumentsOfWorkOrder } from '../work-orders/work-orders.service.ts';
import * as repo from './penalties.repository.ts';
import { SYSTEM_LABEL } from './proposals.ts';

export const LATE_DOCUMENTS_EVENT = 'late_documents';
export const lateDocumentsKey = (workOrderId: string) => `${workOrderId}:${LATE_DOCUMENTS_EVENT}`;

/** The end of the due day in Rome (the next day's midnight there), as an ISO instant. */
export const documentsDeadline = (dueOn: string): string =>
  DateTime.fromISO(dueOn, { zone: 'Europe/Rome' }).plus({ days: 1 }).startOf('day').toUTC().toISO()!;

/** The required documents not attached by the deadline (missing, or attached after it). */
export function lateDocuments(required: readonly string[], firstAt: ReadonlyMap<string, string>, deadline: string): string[] {
  return required.filter((k) => {
    const at = firstAt.get(k);
    return at === undefined || Date.parse(at) >= Date.parse(deadline);
  });
}

/** Checks one claimed work order, in `trx`; the proposed penalty's id, or null. */
async function checkOne(trx: Db, ctx: AppContext, w: WorkOrder): Promise<string | null> {
  const at = ctx.now().toISOString();
  await markDocumentsChecked(trx, w.id, at);
  const dueOn = w.documents_due_on;
  if (!dueOn) return null;
  const deadline = documentsDeadline(dueOn);
  const late = lateDocuments(await requiredDocumentsOfWorkOrder(trx, w), await firstAttachedAt(trx, w.id), deadline);
  if (late.length === 0) return null;
  const rule = (await repo.listRules(trx, w.contract_id)).find(
    (r) => Number(r.active) === 1 && r.kind === 'fixed' && r.event === LATE_DOCUMENTS_EVENT,
  );
  if (!rule) return null;
  await repo.lockContract(trx, w.contract_id);
  const contract = await repo.contractOf(trx, w.contract_id);
  if (!contract) return null;
  const totals = await repo.totalsOf(trx, w.contract_id);
  const computed = Number(rule.amount_cents);
  const room = Math.max(0, capCents(Number(contract.net_amount_cents), ctx.config.penalties.limits) - totals.applied - totals.open);
  const proposed = Math.min(computed, room);
  if (proposed <= 0) return null; // the cap is reached: nothing more is proposed
  const id = newId();
  const inserted = await repo.insertPenalty(trx, {
    id,
    contract_id: w.contract_id,
    work_order_id: w.id,
    breach_key: lateDocumentsKey(w.id),
    rule_id: rule.id,
    clock: null,
    breached_by_ms: null,
    computed_cents: computed,
    proposed_cents: proposed,
    final_cents: null,
    status: 'proposed',
    term_ends_at: null,
    period: dueOn.slice(0, 7),
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
      event: LATE_DOCUMENTS_EVENT,
      dueOn,
      deadline,
      documents: late,
      computedCents: computed,
      proposedCents: proposed,
      clippedByCap: proposed < computed,
      ruleId: rule.id,
    },
  });
  return id;
}

export interface LateDocumentsResult {
  checked: number;
  penalties: number;
  failed: number;
}

/**
 * Checks every work order whose documents were due before today (Rome), each in its own
 * transaction that claims it again (safe with several instances); a failure leaves it for the next run.
 */
export async function reconcileLateDocuments(
  ctx: AppContext,
  log: { warn(o: object, m: string): void },
  batchSize = 200,
  /** The caller's time slices (jobs/yield.ts): awaited after each work order so requests are not held up. */
  slice: () => Promise<void> = async () => {},
): Promise<LateDocumentsResult> {
  const result: LateDocumentsResult = { checked: 0, penalties: 0, failed: 0 };
  const today = romeDate(ctx.now());
  const pg = engineOf(ctx.db) === 'postgres';
  // Taken once per run: one that failed, or that another instance holds, waits for the next run.
  const tried = new Set<string>();
  for (;;) {
    const rows = (await lateDocumentsCandidates(ctx.db, today, batchSize + tried.size)).filter((r) => !tried.has(r.id));
    if (rows.length === 0) break;
    for (const r of rows) {
      tried.add(r.id);
      try {
        await ctx.db.transaction().execute(async (trx) => {
          const w = await claimLateDocuments(trx, r.id, today, pg);
          if (!w) return;
          result.checked++;
          if (await checkOne(trx, ctx, w)) result.penalties++;
        });
      } catch (err) {
        result.failed++;
        log.warn({ err, workOrderId: r.id }, 'late documents: check failed, will retry');
      }
      await slice();
    }
  }
  return result;
}
