// SQL of tickets, their timeline events, comments, rating tokens and the outbox rows shown on the
// timeline. Every function takes a Db, which may be the caller's transaction.
import { sql, type Expression, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { Database, TicketRow } from '../../db/schema.ts';
import { precompiled, precompiledRow } from '../../db/precompiled.ts';

export type Ticket = Selectable<TicketRow>;
export type TicketInsert = Insertable<TicketRow>;
export type TicketSet = Updateable<TicketRow>;

/**
 * The next number of the year, atomically: one upsert … returning, which row-locks the counter on
 * PostgreSQL until the transaction ends and runs under SQLite's single writer, so parallel opens
 * get distinct consecutive numbers on both engines.
 */
const counterStep = precompiled((db: Db, year: number) =>
  db
    .insertInto('ticket_counters')
    .values({ year, last: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet({ last: sql`ticket_counters.last + 1` }))
    .returning('last'),
);
export async function nextTicketNumber(db: Db, year: number): Promise<number> {
  const row = await counterStep.executeTakeFirst(db, year);
  return Number(row!.last);
}

const ticketRow = precompiledRow((db: Db, row: TicketInsert) => db.insertInto('tickets').values(row));
export async function insertTicket(db: Db, row: TicketInsert): Promise<void> {
  await ticketRow(db, row);
}

export function getTicket(db: Db, id: string): Promise<Ticket | undefined> {
  return db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The ticket with its building, space, asset and people, for presenting it. */
const ticketView = precompiled((db: Db, id: string) =>
  db
    .selectFrom('tickets as t')
    .innerJoin('buildings as b', 'b.id', 't.building_id')
    .leftJoin('spaces as s', 's.id', 't.space_id')
    .leftJoin('assets as a', 'a.id', 't.asset_id')
    .leftJoin('users as ru', 'ru.id', 't.requester_id')
    .leftJoin('users as ou', 'ou.id', 't.opened_by_id')
    .selectAll('t')
    .select([
      'b.code as building_code',
      'b.name as building_name',
      's.code as space_code',
      's.name as space_name',
      'a.code as asset_code',
      'a.name as asset_name',
      'ru.display_name as requester_name',
      'ou.display_name as opened_by_name',
    ])
    .where('t.id', '=', id),
);
export function getTicketView(db: Db, id: string) {
  return ticketView.executeTakeFirst(db, id);
}
export type TicketView = NonNullable<Awaited<ReturnType<typeof getTicketView>>>;

/** Optimistic update: only while the stored version is still `version`; false when it is not. */
export async function updateTicketVersioned(db: Db, id: string, version: number, set: TicketSet): Promise<boolean> {
  const r = await db
    .updateTable('tickets')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** A follow-on change inside a transaction that already holds the ticket (version still moves). */
export async function updateTicket(db: Db, id: string, set: TicketSet): Promise<void> {
  await db
    .updateTable('tickets')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

// --- who may act ---------------------------------------------------------------------------------

const managedBy = precompiled((db: Db, buildingId: string, userId: string) =>
  db.selectFrom('building_managers').select('user_id').where('building_id', '=', buildingId).where('user_id', '=', userId),
);
export async function isBuildingManagedBy(db: Db, buildingId: string, userId: string): Promise<boolean> {
  return (await managedBy.executeTakeFirst(db, buildingId, userId)) !== undefined;
}

const ticketContractor = precompiled((db: Db, ticketId: string, contractorId: string) =>
  db.selectFrom('work_orders').select('id').where('ticket_id', '=', ticketId).where('contractor_id', '=', contractorId).limit(1),
);
export async function ticketHasContractor(db: Db, ticketId: string, contractorId: string): Promise<boolean> {
  return (await ticketContractor.executeTakeFirst(db, ticketId, contractorId)) !== undefined;
}

// --- references when opening ---------------------------------------------------------------------

/** The active building (on an active site), if it is within `inScope` (a predicate on a building-id column). */
export function findActiveBuilding(db: Db, id: string, inScope: ((column: string) => Expression<SqlBool>) | null) {
  let q = db
    .selectFrom('buildings as b')
    .innerJoin('sites as st', 'st.id', 'b.site_id')
    .select(['b.id', 'b.code', 'b.name', 'b.new_ticket_notices'])
    .where('b.id', '=', id)
    .where('b.active', '=', 1)
    .where('st.active', '=', 1);
  if (inScope) q = q.where(inScope('b.id'));
  return q.executeTakeFirst();
}

export function findSpace(db: Db, id: string) {
  return db.selectFrom('spaces').select(['id', 'building_id', 'active']).where('id', '=', id).executeTakeFirst();
}

export function findAsset(db: Db, id: string) {
  return db.selectFrom('assets').select(['id', 'building_id', 'active']).where('id', '=', id).executeTakeFirst();
}

/** A room or asset with what the timeline shows of it (triage records the place by its labels). */
export function findSpaceRef(db: Db, id: string) {
  return db.selectFrom('spaces').select(['id', 'building_id', 'active', 'code', 'name']).where('id', '=', id).executeTakeFirst();
}

export function findAssetRef(db: Db, id: string) {
  return db.selectFrom('assets').select(['id', 'building_id', 'active', 'code', 'name']).where('id', '=', id).executeTakeFirst();
}

const activeUserRow = precompiled((db: Db, id: string) =>
  db.selectFrom('users').select(['id', 'display_name', 'language']).where('id', '=', id).where('active', '=', 1),
);
export function findActiveUser(db: Db, id: string) {
  return activeUserRow.executeTakeFirst(db, id);
}

// --- work orders of a ticket ----------------------------------------------------------------------

const ticketWorkOrders = (db: Db) =>
  db
    .selectFrom('work_orders as w')
    .innerJoin('technology_classes as tc', 'tc.id', 'w.technology_class_id')
    .innerJoin('contractors as c', 'c.id', 'w.contractor_id')
    .select([
      'w.id',
      'w.number',
      'w.status',
      'w.outcome',
      'w.priority',
      'w.inspection_at',
      'w.scheduled_at',
      'w.expected_on',
      'w.issued_at',
      'w.verified_at',
      'w.contractor_id',
      'tc.id as class_id',
      'tc.code as class_code',
      'tc.name_it as class_name_it',
      'tc.name_en as class_name_en',
      'c.name as contractor_name',
    ])
    .orderBy('w.issued_at')
    .orderBy('w.number');
const allWorkOrdersOf = precompiled((db: Db, ticketId: string) => ticketWorkOrders(db).where('w.ticket_id', '=', ticketId));
const contractorWorkOrdersOf = precompiled((db: Db, ticketId: string, contractorId: string) =>
  ticketWorkOrders(db).where('w.ticket_id', '=', ticketId).where('w.contractor_id', '=', contractorId),
);

/** The ticket's work orders; only `contractorId`'s when given (a contractor does not see its siblings'). */
export function workOrdersOfTicket(db: Db, ticketId: string, contractorId: string | null = null) {
  return contractorId === null ? allWorkOrdersOf.execute(db, ticketId) : contractorWorkOrdersOf.execute(db, ticketId, contractorId);
}

// --- timeline ------------------------------------------------------------------------------------

export interface EventInsert {
  id: string;
  ticketId: string | null;
  workOrderId: string | null;
  at: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  from: string | null;
  to: string | null;
  data: Record<string, unknown>;
}

const eventRow = precompiledRow((db: Db, row: Insertable<Database['events']>) => db.insertInto('events').values(row));
/** Appends to the timeline; events are never updated nor deleted. */
export async function insertEvent(db: Db, e: EventInsert): Promise<void> {
  await eventRow(db, {
    id: e.id,
    ticket_id: e.ticketId,
    work_order_id: e.workOrderId,
    at: e.at,
    actor_id: e.actorId,
    actor_label: e.actorLabel,
    action: e.action,
    from_state: e.from,
    to_state: e.to,
    data: JSON.stringify(e.data),
  });
}

/** The data of a ticket's own events with these actions (no work-order events), oldest first. */
export function ticketEventData(db: Db, ticketId: string, actions: readonly string[]) {
  return db
    .selectFrom('events')
    .select(['action', 'data'])
    .where('ticket_id', '=', ticketId)
    .where('work_order_id', 'is', null)
    .where('action', 'in', actions)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/**
 * Events of a ticket (its own and its work orders'), or of one work order; `only` narrows them
 * to what the caller may read (scope.ts ticketItemWhere on alias `e`).
 */
export function listEvents(db: Db, by: { ticketId: string } | { workOrderId: string }, only: Expression<SqlBool> | null = null) {
  let q = db
    .selectFrom('events as e')
    .leftJoin('work_orders as w', 'w.id', 'e.work_order_id')
    .selectAll('e')
    .select(['w.number as work_order_number', 'w.contractor_id as work_order_contractor_id']);
  q = 'ticketId' in by ? q.where('e.ticket_id', '=', by.ticketId) : q.where('e.work_order_id', '=', by.workOrderId);
  if (only) q = q.where(only);
  return q.orderBy('e.at').orderBy('e.id').execute();
}

export async function insertComment(db: Db, c: Insertable<Database['comments']>): Promise<void> {
  await db.insertInto('comments').values(c).execute();
}

/** Comments of a ticket or work order; `only` narrows them (scope.ts ticketItemWhere on alias `cm`). */
export function listComments(db: Db, by: { ticketId: string } | { workOrderId: string }, only: Expression<SqlBool> | null) {
  let q = db.selectFrom('comments as cm').selectAll('cm');
  q = 'ticketId' in by ? q.where('cm.ticket_id', '=', by.ticketId) : q.where('cm.work_order_id', '=', by.workOrderId);
  if (only) q = q.where(only);
  return q.orderBy('cm.created_at').orderBy('cm.id').execute();
}

/**
 * Notices written for a ticket or work order (the notices module fills the outbox); `only`
 * narrows them to the caller's (scope.ts ticketItemWhere on alias `o`).
 */
export function listOutbox(db: Db, by: { ticketId: string } | { workOrderId: string }, only: Expression<SqlBool> | null) {
  let q = db
    .selectFrom('outbox as o')
    .select(['o.id', 'o.kind', 'o.to_address', 'o.to_user_id', 'o.status', 'o.created_at', 'o.sent_at', 'o.work_order_id']);
  q = 'ticketId' in by ? q.where('o.ticket_id', '=', by.ticketId) : q.where('o.work_order_id', '=', by.workOrderId);
  if (only) q = q.where(only);
  return q.orderBy('o.created_at').orderBy('o.id').execute();
}

// --- rating tokens -------------------------------------------------------------------------------

export async function insertRatingToken(
  db: Db,
  t: { id: string; ticketId: string; hash: string; now: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('rating_tokens')
    .values({
      id: t.id,
      ticket_id: t.ticketId,
      token_hash: t.hash,
      created_at: t.now,
      expires_at: t.expiresAt,
      used_at: null,
    })
    .execute();
}
