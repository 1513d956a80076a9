// SQL of the notices module: who receives a notice, the outbox and the in-app notifications.
// Every function takes a Kysely<Database> or a Transaction<Database> (a transaction is one too).
import { sql, type Insertable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { Database } from '../../db/schema.ts';
import { precompiled, precompiledRow } from '../../db/precompiled.ts';
import { noticeMessageKey } from '../../jobs/outbox-sender.ts';

export interface PersonRow {
  userId: string | null;
  name: string | null;
  email: string | null;
  language: string;
}

const activeUser = (db: Db) =>
  db
    .selectFrom('users as u')
    .select(['u.id as userId', 'u.display_name as name', 'u.email as email', 'u.language as language'])
    .where('u.active', '=', 1);

const ticketNoticeRow = precompiled((db: Db, id: string) =>
  db
    .selectFrom('tickets as t')
    .innerJoin('buildings as b', 'b.id', 't.building_id')
    .leftJoin('spaces as s', 's.id', 't.space_id')
    .select([
      't.id',
      't.number',
      't.subject',
      't.description',
      't.building_id',
      't.requester_id',
      't.caller_email',
      't.caller_name',
      't.language',
      't.priority',
      'b.code as building_code',
      'b.name as building_name',
      's.code as space_code',
      's.name as space_name',
    ])
    .where('t.id', '=', id),
);
export function ticketForNotice(db: Db, id: string) {
  return ticketNoticeRow.executeTakeFirst(db, id);
}

export function workOrderForNotice(db: Db, id: string) {
  return db
    .selectFrom('work_orders as w')
    .innerJoin('buildings as b', 'b.id', 'w.building_id')
    .leftJoin('spaces as s', 's.id', 'w.space_id')
    .select([
      'w.id',
      'w.number',
      'w.ticket_id',
      'w.building_id',
      'w.contractor_id',
      'w.priority',
      'w.description',
      'b.code as building_code',
      'b.name as building_name',
      's.code as space_code',
      's.name as space_name',
    ])
    .where('w.id', '=', id)
    .executeTakeFirst();
}

const userById = precompiled((db: Db, id: string) => activeUser(db).where('u.id', '=', id));
export function activeUserById(db: Db, id: string): Promise<PersonRow | undefined> {
  return userById.executeTakeFirst(db, id);
}

const usersWithRole = precompiled((db: Db, role: string) =>
  activeUser(db)
    .where('u.id', 'in', db.selectFrom('user_roles').select('user_id').where('role', '=', role))
    .orderBy('u.id'),
);
export function activeUsersWithRole(db: Db, role: string): Promise<PersonRow[]> {
  return usersWithRole.execute(db, role);
}

const managersOf = precompiled((db: Db, buildingId: string) =>
  activeUser(db)
    .where('u.id', 'in', db.selectFrom('building_managers').select('user_id').where('building_id', '=', buildingId))
    .orderBy('u.id'),
);
export function activeManagersOf(db: Db, buildingId: string): Promise<PersonRow[]> {
  return managersOf.execute(db, buildingId);
}

/**
 * The occupants' contacts of a building that asks for them (buildings.notify_occupants_planned):
 * active users of the departments occupying it, with an e-mail (set only once confirmed); none
 * when the building does not ask.
 */
export function activeOccupantsOf(db: Db, buildingId: string): Promise<PersonRow[]> {
  return activeUser(db)
    .where('u.email', 'is not', null)
    .where(
      'u.department_id',
      'in',
      db
        .selectFrom('building_occupancies as o')
        .innerJoin('buildings as b', 'b.id', 'o.building_id')
        .select('o.department_id')
        .where('o.building_id', '=', buildingId)
        .where('b.notify_occupants_planned', '=', 1),
    )
    .orderBy('u.id')
    .execute();
}

/** The contractors of a ticket's work orders, cancelled ones left out (they no longer act on it). */
export async function contractorIdsOfTicket(db: Db, ticketId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('work_orders')
    .select('contractor_id')
    .distinct()
    .where('ticket_id', '=', ticketId)
    .where((eb) => eb.or([eb('outcome', 'is', null), eb('outcome', '<>', 'cancelled')]))
    .orderBy('contractor_id')
    .execute();
  return rows.map((r) => r.contractor_id);
}

/** The contractor's office users: its technicians (#9 item 13) hear of their assignments in-app, not of every notice. */
export function activeUsersOfContractor(db: Db, contractorId: string): Promise<PersonRow[]> {
  return activeUser(db).where('u.contractor_id', '=', contractorId).where('u.technician', '=', 0).orderBy('u.id').execute();
}

export function contractorById(db: Db, id: string) {
  return db.selectFrom('contractors').select(['id', 'name', 'email', 'pec', 'active']).where('id', '=', id).executeTakeFirst();
}

/** Inserts the message unless one with the same idempotency key exists (a repeated request). */
const outboxRow = precompiledRow((db: Db, row: Insertable<Database['outbox']>) =>
  db
    .insertInto('outbox')
    .values(row)
    .onConflict((oc) => oc.column('idempotency_key').doNothing()),
);
export async function insertOutbox(db: Db, row: Insertable<Database['outbox']>): Promise<void> {
  await outboxRow(db, { ...row, message_key: noticeMessageKey(row.idempotency_key) });
}

const notificationRow = precompiledRow((db: Db, row: Insertable<Database['notifications']>) => db.insertInto('notifications').values(row));
export async function insertNotification(db: Db, row: Insertable<Database['notifications']>): Promise<void> {
  await notificationRow(db, row);
}

// ---------------------------------------------------------------------------------------------
// Admin: the outbox

/** Newest first; keyset on (created_at, id) descending. One row more than `limit`. */
export function listOutbox(db: Db, o: { status?: string; ticketNumber?: string; cursor: [string, string] | null; limit: number }) {
  let q = db.selectFrom('outbox as o').leftJoin('tickets as t', 't.id', 'o.ticket_id').selectAll('o').select('t.number as ticket_number');
  if (o.status) q = q.where('o.status', '=', o.status);
  if (o.ticketNumber) q = q.where('t.number', '=', o.ticketNumber);
  if (o.cursor) {
    const [at, id] = o.cursor;
    q = q.where((eb) => eb.or([eb('o.created_at', '<', at), eb.and([eb('o.created_at', '=', at), eb('o.id', '<', id)])]));
  }
  return q
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id', 'desc')
    .limit(o.limit + 1)
    .execute();
}

export function getOutbox(db: Db, id: string) {
  return db
    .selectFrom('outbox as o')
    .leftJoin('tickets as t', 't.id', 'o.ticket_id')
    .selectAll('o')
    .select('t.number as ticket_number')
    .where('o.id', '=', id)
    .executeTakeFirst();
}

/** failed → pending, due now, attempts from zero. False when the row was not failed. */
export async function retryOutbox(db: Db, id: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now, locked_until: null })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

// ---------------------------------------------------------------------------------------------
// In-app notifications

/** Own notifications, unread first, then newest; keyset on (unread, created_at, id). */
export function listNotifications(
  db: Db,
  userId: string,
  o: { unreadOnly: boolean; cursor: [number, string, string] | null; limit: number },
) {
  const unread = sql<number>`case when read_at is null then 1 else 0 end`;
  let q = db.selectFrom('notifications').selectAll().select(unread.as('unread')).where('user_id', '=', userId);
  if (o.unreadOnly) q = q.where('read_at', 'is', null);
  if (o.cursor) {
    const [u, at, id] = o.cursor;
    q = q.where((eb) =>
      eb.or([
        eb(unread, '<', u),
        eb.and([eb(unread, '=', u), eb('created_at', '<', at)]),
        eb.and([eb(unread, '=', u), eb('created_at', '=', at), eb('id', '<', id)]),
      ]),
    );
  }
  return q
    .orderBy(unread, 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(o.limit + 1)
    .execute();
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const r = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Marks one own notification read (keeps the first read instant). False when it is not the user's. */
export async function markRead(db: Db, userId: string, id: string, now: string): Promise<boolean> {
  const own = await db.selectFrom('notifications').select('id').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  if (!own) return false;
  await db.updateTable('notifications').set({ read_at: now }).where('id', '=', id).where('read_at', 'is', null).execute();
  return true;
}

export async function markAllRead(db: Db, userId: string, now: string): Promise<number> {
  const r = await db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
