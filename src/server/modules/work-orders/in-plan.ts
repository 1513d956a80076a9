// The in-plan link (workflow 1 meets workflow 2): a fault closed "in plan" may name the open
// planned work order of the same building that will do the job. The link is stored on the fault
// work order (planned_work_order_id), mirrored by an event on the planned ticket's timeline, and
// the requester is told the planned work order's number and date (in_plan_date) on closure.
import type { Db } from '../../db/create-db.ts';
import { invalid } from '../../errors.ts';
import * as tickets from '../tickets/tickets.repository.ts';
import { newSortableId } from '../tickets/actor.ts';
import { romeDate } from '../tickets/workflow-helpers.ts';
import { OPEN_PLANNED_STATES, plannedTarget } from './planned.repository.ts';
import type { WorkOrder } from './work-orders.repository.ts';

/** The date the requester is given: the scheduled visit (Rome), else the agreed date. */
const dateOf = (p: { scheduled_at: string | null; due_on: string | null }) =>
  p.scheduled_at ? romeDate(new Date(p.scheduled_at)) : p.due_on;

export interface InPlanLink {
  id: string;
  number: string;
  date: string | null;
  /** For the in_plan_date notice: the activity, the date (plannedOn) or, once scheduled, the instant (plannedAt). */
  noticeData: Record<string, unknown>;
  /** Writes the mirror event on the planned ticket (only when the link is new). */
  mirror(
    db: Db,
    e: {
      at: string;
      actorId: string | null;
      actorLabel: string;
      faultWorkOrderId: string;
      faultWorkOrderNumber: string;
      faultTicketId: string | null;
    },
  ): Promise<void>;
}

/**
 * Checks the link given with mark_in_plan / confirm_in_plan (or the one proposed before): an open
 * planned work order of the fault's building, else a field error on plannedWorkOrderId.
 */
export async function linkInPlan(db: Db, w: WorkOrder, givenId: string | null): Promise<InPlanLink | null> {
  const id = givenId ?? w.planned_work_order_id;
  if (!id) return null;
  const p = await plannedTarget(db, id);
  const open =
    p && p.kind === 'planned' && p.building_id === w.building_id && (OPEN_PLANNED_STATES as readonly string[]).includes(p.status);
  if (!p || !open) throw invalid([{ field: 'plannedWorkOrderId', rule: 'plannedWorkOrder' }]);
  const isNew = id !== w.planned_work_order_id;
  return {
    id: p.id,
    number: p.number,
    date: dateOf(p),
    noticeData: {
      plannedWorkOrderNumber: p.number,
      activity: p.description,
      ...(p.scheduled_at ? { plannedAt: p.scheduled_at } : { plannedOn: p.due_on }),
    },
    async mirror(trx, e) {
      if (!isNew || !p.ticket_id) return;
      await tickets.insertEvent(trx, {
        id: newSortableId(),
        ticketId: p.ticket_id,
        workOrderId: p.id,
        at: e.at,
        actorId: e.actorId,
        actorLabel: e.actorLabel,
        action: 'in_plan_link',
        from: null,
        to: null,
        data: { faultWorkOrderId: e.faultWorkOrderId, faultWorkOrderNumber: e.faultWorkOrderNumber, faultTicketId: e.faultTicketId },
      });
    },
  };
}

export async function presentPlannedLink(db: Db, id: string | null): Promise<{ id: string; number: string; date: string | null } | null> {
  if (!id) return null;
  const p = await plannedTarget(db, id);
  return p ? { id: p.id, number: p.number, date: dateOf(p) } : null;
}
