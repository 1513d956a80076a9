// Frozen migration (#7 item 2): e-mail in proves who wrote a message. The reply-token secret is
// generated once and kept here when MAIL_REPLY_SECRET is not set, so every instance signs and
// checks with the same one; each inbound message records how its sender was proven.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mail_in_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // token: a reply token bound to the sender and the ticket; null: not proven.
  await db.schema.alterTable('inbound_messages').addColumn('sender_proof', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('inbound_messages').dropColumn('sender_proof').execute();
  await db.schema.dropTable('mail_in_secrets').execute();
}
