// SQL of work orders and their quotes. Every function takes a Db, which may be a transaction.
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { Database, WorkOrderRow } from '../../db/schema.ts';

export type WorkOrder = Selectable<WorkOrderRow>;
export type WorkOrderSet = Updateable<WorkOrderRow>;

export async function insertWorkOrder(db: Db, row: Insertable<WorkOrderRow>): Promise<void> {
  await db.insertInto('work_orders').values(row).execute();
}

export function getWorkOrder(db: Db, id: string): Promise<WorkOrder | undefined> {
  return db.selectFrom('work_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countWorkOrdersOfTicket(db: Db, ticketId: string): Promise<number> {
  const r = await db
    .selectFrom('work_orders')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('ticket_id', '=', ticketId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** States (and priorities) of a ticket's work orders, for ticketAfterWorkOrders. */
export function workOrderStatesOfTicket(db: Db, ticketId: string) {
  return db
    .selectFrom('work_orders')
    .select(['id', 'number', 'status', 'priority', 'verified_at'])
    .where('ticket_id', '=', ticketId)
    .execute();
}

/** The work order with everything its page shows. */
export function getWorkOrderView(db: Db, id: string) {
  return db
    .selectFrom('work_orders as w')
    .innerJoin('buildings as b', 'b.id', 'w.building_id')
    .innerJoin('technology_classes as tc', 'tc.id', 'w.technology_class_id')
    .innerJoin('contracts as k', 'k.id', 'w.contract_id')
    .innerJoin('contractors as c', 'c.id', 'w.contractor_id')
    .leftJoin('tickets as t', 't.id', 'w.ticket_id')
    .leftJoin('spaces as s', 's.id', 'w.space_id')
    .leftJoin('assets as a', 'a.id', 'w.asset_id')
    .leftJoin('users as iu', 'iu.id', 'w.issued_by_id')
    .leftJoin('users as tu', 'tu.id', 'w.technician_id')
    .selectAll('w')
    .select([
      'b.code as building_code',
      'b.name as building_name',
      'tc.code as class_code',
      'tc.name_it as class_name_it',
      'tc.name_en as class_name_en',
      'tc.dm37_letter',
      'k.lot',
      'k.cig',
      'k.discount_bp',
      'c.name as contractor_name',
      't.number as ticket_number',
      't.subject as ticket_subject',
      't.status as ticket_status',
      's.code as space_code',
      's.name as space_name',
      'a.code as asset_code',
      'a.name as asset_name',
      'iu.display_name as issued_by_name',
      'tu.display_name as technician_name',
    ])
    .where('w.id', '=', id)
    .executeTakeFirst();
}
export type WorkOrderView = NonNullable<Awaited<ReturnType<typeof getWorkOrderView>>>;

/** Optimistic update, the version check in the UPDATE itself; false when another write won. */
export async function updateWorkOrderVersioned(db: Db, id: string, version: number, set: WorkOrderSet): Promise<boolean> {
  const r = await db
    .updateTable('work_orders')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export function technologyClass(db: Db, id: string) {
  return db.selectFrom('technology_classes').select(['id', 'code', 'dm37_letter', 'active']).where('id', '=', id).executeTakeFirst();
}

export async function contractDiscountBp(db: Db, contractId: string): Promise<number> {
  const r = await db.selectFrom('contracts').select('discount_bp').where('id', '=', contractId).executeTakeFirstOrThrow();
  return Number(r.discount_bp);
}

/** Kinds of the documents attached to the work order so far. */
/** The days the contract gives to attach the documents declared "to follow" at completion (#9 item 7a). */
export async function contractDocumentsDueDays(db: Db, contractId: string): Promise<number> {
  const r = await db.selectFrom('contracts').select('documents_due_days').where('id', '=', contractId).executeTakeFirstOrThrow();
  return Number(r.documents_due_days);
}

export async function attachedKinds(db: Db, workOrderId: string): Promise<string[]> {
  const rows = await db.selectFrom('attachments').select('kind').distinct().where('work_order_id', '=', workOrderId).execute();
  return rows.map((r) => r.kind);
}

/** The first instant each kind of document was attached to the work order (#9: documents on time or late). */
export async function firstAttachedAt(db: Db, workOrderId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('attachments')
    .select(['kind', (eb) => eb.fn.min<string>('created_at').as('first')])
    .where('work_order_id', '=', workOrderId)
    .groupBy('kind')
    .execute();
  return new Map(rows.map((r) => [r.kind, String(r.first)]));
}

/** Corrective work orders whose documents were due before `today` (Rome date) and not checked yet, oldest due first. */
export function lateDocumentsCandidates(db: Db, today: string, limit: number) {
  return (
    db
      .selectFrom('work_orders')
      .select('id')
      .where('documents_due_on', '<', today)
      .where('documents_checked_at', 'is', null)
      .where('kind', '<>', 'planned')
      // The earlier work first (ids are random): when the cap leaves room for one more penalty, it
      // goes to the work order issued first, as the SLA watcher does.
      .orderBy('documents_due_on')
      .orderBy('issued_at')
      .orderBy('id')
      .limit(limit)
      .execute()
  );
}

/** Claims one such work order for its check (PostgreSQL: skipping one another instance holds); undefined when done meanwhile. */
export function claimLateDocuments(db: Db, id: string, today: string, pg: boolean) {
  let q = db
    .selectFrom('work_orders')
    .selectAll()
    .where('id', '=', id)
    .where('documents_due_on', '<', today)
    .where('documents_checked_at', 'is', null);
  if (pg) q = q.forUpdate().skipLocked();
  return q.executeTakeFirst();
}

export async function markDocumentsChecked(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('work_orders').set({ documents_checked_at: at }).where('id', '=', id).execute();
}

/** The work order of the ticket verified last (the one a reopen sends back to work). */
export function lastVerifiedWorkOrder(db: Db, ticketId: string) {
  return db
    .selectFrom('work_orders')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .where('status', '=', 'verified')
    .orderBy('verified_at', 'desc')
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
}

// --- quotes ---------------------------------------------------------------------------------------

export function priceListItems(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('price_list_items as i')
    .innerJoin('price_lists as p', 'p.id', 'i.price_list_id')
    .select(['i.id', 'i.code', 'i.description', 'i.unit', 'i.price_cents', 'i.surcharge_bp'])
    .where('i.id', 'in', ids)
    .where('p.active', '=', 1)
    .execute();
}

export async function insertQuote(
  db: Db,
  quote: Insertable<Database['quotes']>,
  lines: Insertable<Database['quote_lines']>[],
): Promise<void> {
  await db.insertInto('quotes').values(quote).execute();
  if (lines.length) await db.insertInto('quote_lines').values(lines).execute();
}

export function latestQuote(db: Db, workOrderId: string) {
  return db
    .selectFrom('quotes as q')
    .leftJoin('users as u', 'u.id', 'q.decided_by_id')
    .selectAll('q')
    .select('u.display_name as decided_by_name')
    .where('q.work_order_id', '=', workOrderId)
    .orderBy('q.created_at', 'desc')
    .orderBy('q.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function quoteLines(db: Db, quoteId: string) {
  return db.selectFrom('quote_lines').selectAll().where('quote_id', '=', quoteId).orderBy('position').execute();
}

/** Decides the submitted quote of the work order. */
export async function decideQuote(
  db: Db,
  workOrderId: string,
  d: { status: 'approved' | 'denied'; byId: string | null; at: string; reason: string | null },
): Promise<void> {
  await db
    .updateTable('quotes')
    .set({ status: d.status, decided_by_id: d.byId, decided_at: d.at, decision_reason: d.reason })
    .where('work_order_id', '=', workOrderId)
    .where('status', '=', 'submitted')
    .execute();
}
