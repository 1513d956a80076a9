// Frozen migration (#12): the "overdue" work list and badge (`sla_due_at <= now`, open work orders)
// through an index of the running clocks only. sla_due_at is set while a clock runs and null once it
// stops (the SLA watcher), so nearly every work order of a few years has none; on the full index
// (sla_due_at, id) SQLite's statistics saw one value shared by all rows and walked the caller's
// work orders instead (a contractor's 300,000 at 1,000,000 tickets: 1.2 s). The partial index holds
// the running ones, and both engines know it is small; with the columns the work list tests and the
// scopes of a contractor (contractor_id) and a building manager (building_id) read it alone, and a
// ticket list's "tickets having such a work order" gets its ticket_id from it.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('work_orders_sla_running_idx')
    .on('work_orders')
    .columns(['sla_due_at', 'status', 'contractor_id', 'building_id', 'ticket_id'])
    .where('sla_due_at', 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('work_orders_sla_running_idx').execute();
}
