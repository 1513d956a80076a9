// Frozen migration (#7, items 7 and 9): never import app code here.
//
//   email_changes        a requested new address waits here until the link sent to it is used;
//                        only the token's SHA-256 is stored, and each row is usable once
//   api_tokens.expires_at tokens stop working at this instant; tokens made before this
//                        migration get 90 days from the upgrade instead of living for ever
//   sessions.last_seen_at, user_agent, client_address
//                        what a user needs to recognise their own sessions and revoke the rest
import type { Kysely } from 'kysely';

const LEGACY_TOKEN_DAYS = 90;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('email_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('new_email', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('email_changes_user_idx').on('email_changes').column('user_id').execute();

  await db.schema.alterTable('api_tokens').addColumn('expires_at', 'text').execute();
  const until = new Date(Date.now() + LEGACY_TOKEN_DAYS * 86_400_000).toISOString();
  await db.updateTable('api_tokens').set({ expires_at: until }).where('expires_at', 'is', null).execute();
  await db.schema.createIndex('api_tokens_user_idx').on('api_tokens').column('user_id').execute();

  await db.schema.alterTable('sessions').addColumn('last_seen_at', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('user_agent', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('client_address', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const col of ['client_address', 'user_agent', 'last_seen_at']) await db.schema.alterTable('sessions').dropColumn(col).execute();
  await db.schema.dropIndex('api_tokens_user_idx').execute();
  await db.schema.alterTable('api_tokens').dropColumn('expires_at').execute();
  await db.schema.dropTable('email_changes').execute();
}
