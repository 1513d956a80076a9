import { sql } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import { precompiled } from '../../db/precompiled.ts';
import type { Principal, Role } from '../../auth/principal.ts';
import type { Lang } from '../../i18n/messages.ts';
import { touchSession } from './account.repository.ts';

export interface UserAuthRow {
  id: string;
  username: string;
  password_hash: string | null;
  active: number;
}

export function findUserForLogin(db: Db, username: string): Promise<UserAuthRow | undefined> {
  return db.selectFrom('users').select(['id', 'username', 'password_hash', 'active']).where('username', '=', username).executeTakeFirst();
}

// Login back-off rows live in rate_limits too: `count` is the pair's consecutive failures and
// `window_start` the instant before which it may not try again (its last failure while below the
// threshold). Every step is one statement, so several app instances share them safely.

/**
 * Takes the pair's turn to try a password. Below the threshold any attempt may go; above it, only
 * one attempt once the wait is over: it moves the wait on to the one its failure would earn
 * (`leaseFor`) with a compare-and-set, so attempts racing for the same turn lose. Returns the
 * instant to wait for when refused.
 */
export async function claimLoginTurn(
  db: Db,
  key: string,
  now: string,
  after: number,
  leaseFor: (failures: number) => string,
): Promise<{ waitUntil: string | null }> {
  const row = await db.selectFrom('rate_limits').select(['count', 'window_start']).where('key', '=', key).executeTakeFirst();
  if (!row || Number(row.count) < after) return { waitUntil: null };
  if (row.window_start > now) return { waitUntil: row.window_start };
  const leaseUntil = leaseFor(Number(row.count) + 1);
  const won = await db
    .updateTable('rate_limits')
    .set({ window_start: leaseUntil })
    .where('key', '=', key)
    .where('window_start', '=', row.window_start)
    .executeTakeFirst();
  return { waitUntil: Number(won.numUpdatedRows) > 0 ? null : leaseUntil };
}

/**
 * Counts one more failure of the pair (starting again from 1 once the last one is older than
 * `forgetBefore`) and returns the new count. A pending wait is kept until `setLoginWait` replaces it.
 */
export async function countLoginFailure(db: Db, key: string, now: string, forgetBefore: string): Promise<number> {
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: now, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql`case when rate_limits.window_start < ${forgetBefore} then 1 else rate_limits.count + 1 end`,
        window_start: sql`case when rate_limits.window_start > ${now} then rate_limits.window_start else ${now} end`,
      }),
    )
    .returning(['count'])
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function setLoginWait(db: Db, key: string, until: string): Promise<void> {
  await db.updateTable('rate_limits').set({ window_start: until }).where('key', '=', key).execute();
}

export async function clearLoginFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('key', '=', key).execute();
}

/** Drops login counters nobody will read again, so guessed usernames do not pile up. */
export async function deleteStaleLoginCounters(db: Db, addressWindowStartedBefore: string, pairForgottenBefore: string): Promise<void> {
  await db
    .deleteFrom('rate_limits')
    .where((eb) =>
      eb.or([
        eb.and([eb('key', 'like', 'login:%'), eb('window_start', '<', addressWindowStartedBefore)]),
        eb.and([eb('key', 'like', 'login-pair:%'), eb('window_start', '<', pairForgottenBefore)]),
      ]),
    )
    .execute();
}

/**
 * Fixed-window counter, atomic on both engines (one upsert), so several app instances share it.
 * Returns the count in the current window and when that window started.
 */
export async function hitRateLimit(db: Db, key: string, now: string, windowStartedBefore: string) {
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: now, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql`case when rate_limits.window_start < ${windowStartedBefore} then 1 else rate_limits.count + 1 end`,
        window_start: sql`case when rate_limits.window_start < ${windowStartedBefore} then ${now} else rate_limits.window_start end`,
      }),
    )
    .returning(['count', 'window_start'])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), windowStart: row.window_start };
}

export async function createSession(db: Db, s: { id: string; userId: string; csrfToken: string; now: string; expiresAt: string }) {
  await db
    .insertInto('sessions')
    .values({ id: s.id, user_id: s.userId, csrf_token: s.csrfToken, created_at: s.now, expires_at: s.expiresAt })
    .execute();
}

export async function deleteSession(db: Db, id: string) {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteExpiredSessions(db: Db, now: string) {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

async function principalFor(db: Db, userId: string, via: Principal['via']): Promise<Principal | null> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'language', 'contractor_id', 'department_id', 'technician'])
    .where('id', '=', userId)
    .where('active', '=', 1)
    .executeTakeFirst();
  if (!user) return null;
  const roles = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute();
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    language: (user.language === 'en' ? 'en' : 'it') as Lang,
    roles: new Set(roles.map((r) => r.role as Role)),
    contractorId: user.contractor_id,
    technician: Number(user.technician) === 1,
    departmentId: user.department_id,
    via,
  };
}

/**
 * The session's caller in one indexed query (sessions by primary key, the user, their roles: one
 * row per role), as it runs on every request: three round trips cost more than the request's own
 * reads on a short GET (docs/BENCHMARKS.md "HTTP path").
 */
const sessionPrincipal = precompiled((db: Db, sessionId: string, now: string) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('user_roles as r', 'r.user_id', 's.user_id')
    .select([
      's.user_id',
      's.csrf_token',
      's.last_seen_at',
      'u.username',
      'u.display_name',
      'u.language',
      'u.contractor_id',
      'u.department_id',
      'u.technician',
      'r.role',
    ])
    .where('s.id', '=', sessionId)
    .where('s.expires_at', '>', now)
    .where('u.active', '=', 1),
);

export async function principalBySession(db: Db, sessionId: string, now: string): Promise<Principal | null> {
  const rows = await sessionPrincipal.execute(db, sessionId, now);
  if (!rows.length) return null;
  const u = rows[0];
  await touchSession(db, sessionId, u.last_seen_at, now);
  return {
    userId: u.user_id,
    username: u.username,
    displayName: u.display_name,
    language: (u.language === 'en' ? 'en' : 'it') as Lang,
    roles: new Set(rows.flatMap((r) => (r.role ? [r.role as Role] : []))),
    contractorId: u.contractor_id,
    technician: Number(u.technician) === 1,
    departmentId: u.department_id,
    via: 'session',
    sessionId,
    csrfToken: u.csrf_token,
  };
}

export async function principalByToken(db: Db, tokenHash: string, now: string): Promise<Principal | null> {
  const t = await db
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now) // #7: an expired token is nobody
    .returning(['user_id'])
    .executeTakeFirst();
  return t ? principalFor(db, t.user_id, 'token') : null;
}

export function getMeRow(db: Db, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'email', 'phone', 'language', 'contractor_id', 'department_id'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

export async function updateMe(
  db: Db,
  userId: string,
  patch: Partial<{ language: string; display_name: string; email: string | null; phone: string | null }>,
  now: string,
) {
  await db
    .updateTable('users')
    .set({ ...patch, updated_at: now, version: sql`version + 1` })
    .where('id', '=', userId)
    .execute();
}

export function listTokens(db: Db, userId: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'expires_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function insertToken(
  db: Db,
  t: { id: string; userId: string; name: string; hash: string; prefix: string; now: string; expiresAt: string },
) {
  await db
    .insertInto('api_tokens')
    .values({ id: t.id, user_id: t.userId, name: t.name, token_hash: t.hash, prefix: t.prefix, created_at: t.now, expires_at: t.expiresAt })
    .execute();
}

/** Revokes one of the user's own tokens; false when it is not theirs or already revoked. */
export async function revokeToken(db: Db, userId: string, id: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
