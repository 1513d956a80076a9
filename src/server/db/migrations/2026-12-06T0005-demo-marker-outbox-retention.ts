// Frozen migration (#7, items 1 and 10). Rating tokens were already stored only as their sha256
// (rating_tokens.token_hash since 0002), so nothing to convert there; what is missing is:
// - demo_marker: the password hash(es) the demo seed wrote, so the server can tell with one query
//   whether active accounts still log in with the published demo password;
// - outbox.body_redacted_at: when a delivered notice's bodies (which carry rating links and
//   personal data) were replaced by a marker after OUTBOX_RETENTION_DAYS, and an index for the
//   retention sweep over delivered rows by their sending instant.
// Same portable types as 0001.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('demo_marker')
    .addColumn('password_hash', 'text', (c) => c.primaryKey())
    .addColumn('seeded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('outbox').addColumn('body_redacted_at', 'text').execute();
  await db.schema.createIndex('outbox_sent_idx').on('outbox').columns(['status', 'sent_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_sent_idx').execute();
  await db.schema.alterTable('outbox').dropColumn('body_redacted_at').execute();
  await db.schema.dropTable('demo_marker').execute();
}
