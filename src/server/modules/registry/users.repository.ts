import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import { engineOf } from '../../db/create-db.ts';

/** Roles of each user, sorted. */
export async function rolesOf(db: Db, userIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return out;
  const rows = await db
    .selectFrom('user_roles')
    .select(['user_id', 'role'])
    .where('user_id', 'in', [...userIds])
    .orderBy('role')
    .execute();
  for (const r of rows) out.get(r.user_id)?.push(r.role);
  return out;
}

/** Which of these users hold the role. */
export async function usersHavingRole(db: Db, userIds: readonly string[], role: string): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('user_roles')
    .select('user_id')
    .where('user_id', 'in', [...new Set(userIds)])
    .where('role', '=', role)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

/** List predicate: the user (rows of `table`) holds the role. */
export const hasRolePredicate =
  (role: string) =>
  (table: string): Expression<SqlBool> =>
    sql<SqlBool>`${sql.ref(`${table}.id`)} in (select ur_f.user_id from user_roles ur_f where ur_f.role = ${role})`;

export async function replaceRoles(db: Db, userId: string, roles: readonly string[]): Promise<void> {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roles.length)
    await db
      .insertInto('user_roles')
      .values(roles.map((role) => ({ user_id: userId, role })))
      .execute();
}

/**
 * Active administrators other than `exceptId`. On PostgreSQL every active admin row (the user's
 * own included) is locked until the transaction ends, so two admins demoting each other at the
 * same time run one after the other and the second sees that it would leave none.
 */
export async function otherActiveAdmins(db: Db, exceptId: string): Promise<number> {
  let qb = db
    .selectFrom('users')
    .select('users.id')
    .where('users.active', '=', 1)
    .where('users.id', 'in', db.selectFrom('user_roles').select('user_roles.user_id').where('user_roles.role', '=', 'admin'));
  if (engineOf(db) === 'postgres') qb = qb.forUpdate();
  return (await qb.execute()).filter((r) => r.id !== exceptId).length;
}

/** The instant the user's row was last written (an admin's password reset revokes access as of then). */
export async function userUpdatedAt(db: Db, id: string): Promise<string> {
  return (await db.selectFrom('users').select('updated_at').where('id', '=', id).executeTakeFirstOrThrow()).updated_at;
}
