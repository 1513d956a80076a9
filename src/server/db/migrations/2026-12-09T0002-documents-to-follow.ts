// Frozen migration (#9 item 7): a contractor may complete a work order with its required documents
// declared "to follow". The work order then carries the date they are due by (documents_due_on,
// a Rome date: completion day + DOCUMENTS_DUE_DAYS, default 30);
// the building manager cannot verify until they are all attached, and once the date has passed
// with documents still missing the contract's fixed 'late_documents' rule proposes one penalty.
// documents_checked_at: when that check was made after the due date (once per work order).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('work_orders').addColumn('documents_due_on', 'text').execute();
  await db.schema.alterTable('work_orders').addColumn('documents_checked_at', 'text').execute();
  await db.schema.createIndex('work_orders_documents_due_on').on('work_orders').column('documents_due_on').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('work_orders_documents_due_on').execute();
  await db.schema.alterTable('work_orders').dropColumn('documents_checked_at').execute();
  await db.schema.alterTable('work_orders').dropColumn('documents_due_on').execute();
}
