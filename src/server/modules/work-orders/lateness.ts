// Lateness of planned work orders (#8, docs/PLANNED.md "Lateness and compliance"). due_on is the
// rule's date of the program item (a Rome date); the deadline is the domain's lateDeadline — the
// last day of that month (Annex C: "not done in its month → late"): a planned work order not
// completed by the end of that day in Europe/Rome is late. The first time it is seen late it gets
// late_at, an event on its ticket's timeline, the planned_late notice (building managers and the
// contractor) and, when the contract has the rule, a penalty proposal — all in the caller's
// transaction, and only once (late_at is set by an UPDATE … WHERE late_at IS NULL).
import { lateDeadline } from '../../../domain/planned/recurrence.ts';
import type { AppContext } from '../../context.ts';
import { enqueueNotices } from '../notices/enqueue.ts';
import { proposeLatePlannedPenalty, syncLatePlannedDaily } from '../penalties/planned.ts';
import { newSortableId } from '../tickets/actor.ts';
import * as tickets from '../tickets/tickets.repository.ts';
import { romeDate, type Trx } from '../tickets/workflow-helpers.ts';
import * as plannedRepo from './planned.repository.ts';
import type { WorkOrder } from './work-orders.repository.ts';

export const LATENESS_LABEL = 'Presidio (programmata)';

/** Marks the planned work order late (once); true when this call did. */
export async function markLate(trx: Trx, ctx: AppContext, w: WorkOrder): Promise<boolean> {
  const at = ctx.now().toISOString();
  if (!(await plannedRepo.setLateAt(trx, w.id, at))) return false;
  const eventId = newSortableId();
  const data = { dueOn: w.due_on, deadline: w.due_on ? lateDeadline({ dueOn: w.due_on }) : null };
  await tickets.insertEvent(trx, {
    id: eventId,
    ticketId: w.ticket_id,
    workOrderId: w.id,
    at,
    actorId: null,
    actorLabel: LATENESS_LABEL,
    action: 'mark_late',
    from: w.status,
    to: w.status,
    data,
  });
  await enqueueNotices(trx, ctx, {
    notices: [{ kind: 'planned_late', to: ['building_managers', 'contractor'] }],
    ticketId: w.ticket_id,
    workOrderId: w.id,
    eventId,
    actorUserId: null,
    action: 'mark_late',
    data: { ...data, ...(await plannedRepo.noticeFactsOf(trx, w)) },
  });
  await proposeLatePlannedPenalty(trx, ctx, w);
  await syncLatePlannedDaily(trx, ctx, w, romeDate(ctx.now()));
  return true;
}

/** Whether a completion on `completedOn` (Rome date) is after the work order's deadline. */
export const completedLate = (dueOn: string, completedOn: string) => completedOn > lateDeadline({ dueOn });
