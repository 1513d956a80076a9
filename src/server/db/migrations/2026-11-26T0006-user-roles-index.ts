// Frozen migration: users by role (notices look up every call-center user and service head on each
// ticket opened; the primary key starts with user_id and cannot serve that).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('user_roles_role_idx').on('user_roles').columns(['role', 'user_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('user_roles_role_idx').execute();
}
