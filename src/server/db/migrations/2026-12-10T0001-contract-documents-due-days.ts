// Frozen migration (#9 item 7a): the days a contractor has to attach the documents declared "to
// follow" at completion are a setting of each contract (they were the DOCUMENTS_DUE_DAYS constant).
// 1..365, default 30 for every contract, old and new.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('contracts')
    .addColumn('documents_due_days', 'integer', (c) => c.notNull().defaultTo(30))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('contracts').dropColumn('documents_due_days').execute();
}
