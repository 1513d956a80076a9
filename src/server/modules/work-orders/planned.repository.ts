// SQL of planned work orders (kind = 'planned', workflow 2): their plan, their planned ticket,
// follow-up faults, meters read on a visit, and the in-plan link of fault work orders.
import type { Insertable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { Database } from '../../db/schema.ts';

import { OPEN_PLANNED_STATES } from '../../../domain/workflow/planned-work-order.ts';

export { OPEN_PLANNED_STATES };

export function planOf(db: Db, planId: string) {
  return db
    .selectFrom('maintenance_plans')
    .select(['id', 'code', 'activity', 'schedule_kind', 'meter_id', 'asset_id'])
    .where('id', '=', planId)
    .executeTakeFirst();
}

export async function setPlanLastDone(db: Db, planId: string, date: string, at: string): Promise<void> {
  await db.updateTable('maintenance_plans').set({ last_done_on: date, updated_at: at }).where('id', '=', planId).execute();
}

/** The follow-up fault opened from this planned work order, if any. */
export function followUpOf(db: Db, workOrderId: string) {
  return db
    .selectFrom('tickets')
    .select(['id', 'number'])
    .where('source_work_order_id', '=', workOrderId)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
}

/** Statuses of the planned work orders of a planned ticket (plannedTicketState). */
export async function plannedStatesOfTicket(db: Db, ticketId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('work_orders')
    .select('status')
    .where('ticket_id', '=', ticketId)
    .where('kind', '=', 'planned')
    .execute();
  return rows.map((r) => r.status);
}

export function meterOf(db: Db, meterId: string) {
  return db.selectFrom('meters').select(['id', 'asset_id', 'active']).where('id', '=', meterId).executeTakeFirst();
}

export async function insertMeterReading(db: Db, row: Insertable<Database['meter_readings']>): Promise<void> {
  await db.insertInto('meter_readings').values(row).execute();
}

/** The planned work order a fault names "in plan", with the planned ticket it belongs to. */
export function plannedTarget(db: Db, id: string) {
  return db
    .selectFrom('work_orders')
    .select(['id', 'number', 'kind', 'status', 'building_id', 'ticket_id', 'scheduled_at', 'due_on', 'description'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** What the planned notices say besides the action's fields: the activity, its due date and time window. */
export async function noticeFactsOf(db: Db, w: { description: string; due_on: string | null; program_item_id: string | null }) {
  const item = w.program_item_id
    ? await db
        .selectFrom('program_items')
        .select(['activity', 'window_from', 'window_to', 'planned_on'])
        .where('id', '=', w.program_item_id)
        .executeTakeFirst()
    : undefined;
  return {
    activity: item?.activity ?? w.description,
    dueOn: w.due_on,
    plannedOn: item?.planned_on ?? w.due_on,
    windowFrom: item?.window_from ?? null,
    windowTo: item?.window_to ?? null,
  };
}

/** Sets late_at once (the version is untouched: nobody's edit is made stale by the clock). */
export async function setLateAt(db: Db, id: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('work_orders')
    .set({ late_at: at })
    .where('id', '=', id)
    .where('kind', '=', 'planned')
    .where('late_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * One page of open planned work orders whose due date lies before `dueBefore` (the first day of
 * the current Rome month: their month is over), by (due_on, id): those not yet marked late, and
 * those already late whose daily penalty follows the days while they stay open.
 */
export function lateCandidates(db: Db, dueBefore: string, after: [string, string] | null, limit: number) {
  let q = db
    .selectFrom('work_orders')
    .select(['id', 'due_on'])
    .where('kind', '=', 'planned')
    .where('status', 'in', [...OPEN_PLANNED_STATES])
    .where('due_on', '<', dueBefore);
  if (after) {
    const [d, id] = after;
    q = q.where((eb) => eb.or([eb('due_on', '>', d), eb.and([eb('due_on', '=', d), eb('id', '>', id)])]));
  }
  return q.orderBy('due_on').orderBy('id').limit(limit).execute();
}

/** Claims one candidate again inside the transaction (PostgreSQL: skip one another instance holds). */
export function claimLate(db: Db, id: string, dueBefore: string, pg: boolean) {
  let q = db
    .selectFrom('work_orders')
    .selectAll()
    .where('id', '=', id)
    .where('kind', '=', 'planned')
    .where('status', 'in', [...OPEN_PLANNED_STATES])
    .where('due_on', '<', dueBefore);
  if (pg) q = q.forUpdate().skipLocked();
  return q.executeTakeFirst();
}
