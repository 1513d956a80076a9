// SQL of the e-mail intake: inbound messages, senders, tickets by number, attachments of a message.
import { sql, type Insertable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { Database } from '../../db/schema.ts';
import type { Principal, Role } from '../../auth/principal.ts';

/** Inserts the message unless its Message-ID is already known. True when inserted (new). */
export async function insertInbound(db: Db, row: Insertable<Database['inbound_messages']>): Promise<boolean> {
  const r = await db
    .insertInto('inbound_messages')
    .values(row)
    .onConflict((oc) => oc.column('message_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export function inboundByMessageId(db: Db, messageId: string) {
  return db.selectFrom('inbound_messages').selectAll().where('message_id', '=', messageId).executeTakeFirst();
}

export async function setOutcome(
  db: Db,
  id: string,
  set: { status: string; reason: string | null; ticket_id: string | null; sender_proof?: string | null },
): Promise<void> {
  await db.updateTable('inbound_messages').set(set).where('id', '=', id).execute();
}

async function principalOf(
  db: Db,
  u: { id: string; username: string; display_name: string; language: string; contractor_id: string | null; department_id: string | null },
): Promise<Principal> {
  const roles = await db.selectFrom('user_roles').select('role').where('user_id', '=', u.id).execute();
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    language: u.language === 'en' ? 'en' : 'it',
    roles: new Set(roles.map((r) => r.role as Role)),
    contractorId: u.contractor_id,
    departmentId: u.department_id,
    via: 'token',
  };
}

const usersByEmail = (db: Db, email: string) =>
  db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'language', 'contractor_id', 'department_id'])
    .where(sql<boolean>`lower(email) = ${email.toLowerCase()}`)
    .where('active', '=', 1)
    .orderBy('username');

/** The active user with this address (case-insensitive), as a principal; the first by username if several. */
export async function principalByEmail(db: Db, email: string): Promise<Principal | null> {
  const u = await usersByEmail(db, email).executeTakeFirst();
  return u ? principalOf(db, u) : null;
}

/** Every active user with this address (a shared mailbox may belong to several). */
export async function principalsByEmail(db: Db, email: string): Promise<Principal[]> {
  const rows = await usersByEmail(db, email).limit(20).execute();
  return Promise.all(rows.map((u) => principalOf(db, u)));
}

export function ticketByNumber(db: Db, number: string) {
  return db
    .selectFrom('tickets')
    .select(['id', 'number', 'requester_id', 'caller_email', 'building_id', 'language'])
    .where('number', '=', number)
    .executeTakeFirst();
}

export function ticketById(db: Db, id: string) {
  return db
    .selectFrom('tickets')
    .select(['id', 'number', 'requester_id', 'caller_email', 'building_id', 'language'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The ticket of the notice whose Message-ID key one of these is (outbox.message_key), or null. */
export async function ticketIdByNoticeKeys(db: Db, keys: readonly string[]): Promise<string | null> {
  if (keys.length === 0) return null;
  const r = await db
    .selectFrom('outbox')
    .select('ticket_id')
    .where('message_key', 'in', [...keys])
    .where('ticket_id', 'is not', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r?.ticket_id ?? null;
}

export async function activeBuildingCodes(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('buildings').select(['id', 'code']).where('active', '=', 1).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

// ---------------------------------------------------------------------------------------------
// The call center's list and actions

export function listInbound(db: Db, o: { status?: string; cursor: [string, string] | null; limit: number }) {
  let q = db
    .selectFrom('inbound_messages as m')
    .leftJoin('tickets as t', 't.id', 'm.ticket_id')
    .selectAll('m')
    .select('t.number as ticket_number');
  if (o.status) q = q.where('m.status', '=', o.status);
  if (o.cursor) {
    const [at, id] = o.cursor;
    q = q.where((eb) => eb.or([eb('m.received_at', '<', at), eb.and([eb('m.received_at', '=', at), eb('m.id', '<', id)])]));
  }
  return q
    .orderBy('m.received_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(o.limit + 1)
    .execute();
}

export function getInbound(db: Db, id: string) {
  return db
    .selectFrom('inbound_messages as m')
    .leftJoin('tickets as t', 't.id', 'm.ticket_id')
    .selectAll('m')
    .select('t.number as ticket_number')
    .where('m.id', '=', id)
    .executeTakeFirst();
}

export function attachmentsOfInbound(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('attachments')
    .select(['id', 'inbound_message_id', 'filename', 'content_type', 'size', 'ticket_id'])
    .where('inbound_message_id', 'in', [...ids])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** A held message's attachments join the ticket (and the comment) it was released to. */
export async function moveAttachments(db: Db, inboundId: string, ticketId: string, commentId: string | null): Promise<void> {
  await db
    .updateTable('attachments')
    .set({ ticket_id: ticketId, comment_id: commentId })
    .where('inbound_message_id', '=', inboundId)
    .where('ticket_id', 'is', null)
    .execute();
}

/** Versioned move out of `held`. False when the message is no longer held at that version. */
export async function releaseHeld(
  db: Db,
  id: string,
  version: number,
  set: { status: string; reason: string | null; ticket_id: string | null; handled_by_id: string; handled_at: string },
): Promise<boolean> {
  const r = await db
    .updateTable('inbound_messages')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'held')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The secret stored under `name`, storing `candidate` first if none is (the first instance wins). */
export async function storedSecret(db: Db, name: string, candidate: string): Promise<string> {
  await db
    .insertInto('mail_in_secrets')
    .values({ name, value: candidate, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  return (await db.selectFrom('mail_in_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow()).value;
}

/** How many messages wait in the held inbox, counting at most `cap + 1` (the navigation badge). */
export async function countHeld(db: Db, cap: number): Promise<number> {
  const rows = await db
    .selectFrom('inbound_messages')
    .select('id')
    .where('status', '=', 'held')
    .limit(cap + 1)
    .execute();
  return rows.length;
}
