// Frozen migration (#11 item 4, the satisfaction loop): a low rating is followed up by someone
// with an outcome; a requester who has not rated is reminded once while the link is valid.
//   rating_follow_ups  one per rated ticket whose score is low: who follows it up, its outcome
//   rating_tokens.reminded_at  when the one reminder went (null: not yet)
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rating_follow_ups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().unique().references('tickets.id'))
    .addColumn('status', 'text', (c) => c.notNull()) // open | done
    .addColumn('assigned_to_id', 'text', (c) => c.references('users.id'))
    .addColumn('assigned_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('done_by_id', 'text', (c) => c.references('users.id'))
    .addColumn('done_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('rating_follow_ups_status_idx').on('rating_follow_ups').columns(['status', 'created_at']).execute();
  await db.schema.alterTable('rating_tokens').addColumn('reminded_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rating_tokens').dropColumn('reminded_at').execute();
  await db.schema.dropTable('rating_follow_ups').execute();
}
