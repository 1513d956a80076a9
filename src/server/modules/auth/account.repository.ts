// SQL of one's own account (#7, items 7 and 9): pending e-mail changes, password change, the
// list of one's sessions, and revoking sessions and tokens. Login, cookies and CSRF stay in
// auth.repository.ts.
import { sql } from 'kysely';
import type { Db } from '../../db/create-db.ts';

/** The user holding this address other than `exceptUserId`, compared case-insensitively. */
export async function addressHeldByOther(db: Db, email: string, exceptUserId: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where(sql<boolean>`lower(email) = ${email.toLowerCase()}`)
    .where('id', '<>', exceptUserId)
    .executeTakeFirst();
  return row !== undefined;
}

export function userForAccount(db: Db, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'email', 'language', 'password_hash'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

/** Drops the user's unused requests: a newer request, or a cleared address, makes older links useless. */
export async function cancelEmailChanges(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('email_changes').where('user_id', '=', userId).where('used_at', 'is', null).execute();
}

export async function insertEmailChange(
  db: Db,
  row: { id: string; userId: string; email: string; tokenHash: string; now: string; expiresAt: string },
) {
  await db
    .insertInto('email_changes')
    .values({
      id: row.id,
      user_id: row.userId,
      new_email: row.email,
      token_hash: row.tokenHash,
      created_at: row.now,
      expires_at: row.expiresAt,
      used_at: null,
    })
    .execute();
}

/** The request still waiting for confirmation, if any. */
export function pendingEmailChange(db: Db, userId: string, now: string) {
  return db
    .selectFrom('email_changes')
    .select(['new_email', 'expires_at'])
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/**
 * Marks the request behind this token used, once: the conditional update lets exactly one of two
 * concurrent confirmations through. Undefined when the token is unknown, used or expired.
 */
export async function claimEmailChange(db: Db, tokenHash: string, now: string) {
  return db
    .updateTable('email_changes')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['user_id', 'new_email'])
    .executeTakeFirst();
}

export async function setEmail(db: Db, userId: string, email: string | null, now: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ email, updated_at: now, version: sql`version + 1` })
    .where('id', '=', userId)
    .execute();
}

export async function setPasswordHash(db: Db, userId: string, hash: string, now: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: hash, failed_logins: 0, locked_until: null, updated_at: now, version: sql`version + 1` })
    .where('id', '=', userId)
    .execute();
}

/** Deletes the user's sessions except `keepSessionId`; returns how many. */
export async function deleteSessionsOf(db: Db, userId: string, keepSessionId: string | null): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSessionId) q = q.where('id', '<>', keepSessionId);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Revokes every live token of the user; returns how many. */
export async function revokeTokensOf(db: Db, userId: string, now: string): Promise<number> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export function sessionsOf(db: Db, userId: string, now: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'expires_at', 'last_seen_at', 'user_agent', 'client_address'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function deleteSessionOf(db: Db, userId: string, sessionId: string): Promise<boolean> {
  const r = await db.deleteFrom('sessions').where('id', '=', sessionId).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** What the user sees to recognise a session: browser and address at login. */
export async function recordSessionClient(db: Db, sessionId: string, userAgent: string | null, address: string | null, now: string) {
  await db
    .updateTable('sessions')
    .set({ user_agent: userAgent, client_address: address, last_seen_at: now })
    .where('id', '=', sessionId)
    .execute();
}

/** "Last seen" moves at most every few minutes, so a busy session does not write on every request. */
const TOUCH_EVERY_MS = 5 * 60_000;

export async function touchSession(db: Db, sessionId: string, lastSeenAt: string | null | undefined, now: string): Promise<void> {
  if (lastSeenAt && Date.parse(now) - Date.parse(lastSeenAt) < TOUCH_EVERY_MS) return;
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
}

/** An administrator's new password for a user (registry): nobody keeps a way in made with the old one. */
export async function revokeAllAccess(db: Db, userId: string, now: string): Promise<void> {
  await deleteSessionsOf(db, userId, null);
  await revokeTokensOf(db, userId, now);
}
