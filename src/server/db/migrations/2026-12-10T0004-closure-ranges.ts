// Frozen migration (#9 item 12, admin console): a closure covers a range of days, `date` to
// `date_to` (both included; the August closure, the Christmas break), entered, shown and removed as
// one. Closures saved before are single days (date_to = date). The clocks expand each range into
// its days, so the working calendar still sees every day.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('closures').addColumn('date_to', 'text').execute();
  await db
    .updateTable('closures')
    .set((eb: any) => ({ date_to: eb.ref('date') }))
    .execute();
  await db.schema.createIndex('closures_range_idx').on('closures').columns(['date', 'date_to']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('closures_range_idx').execute();
  await db.schema.alterTable('closures').dropColumn('date_to').execute();
}
