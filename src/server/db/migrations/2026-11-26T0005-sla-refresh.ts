// Frozen migration: what the SLA watcher and the lists need to find work orders by their clocks
// without recomputing every timeline, and the attachment an outgoing notice carries (the formal
// penalty notice sent by PEC). Same portable types as 0001.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Refreshed by the SLA watcher (and by whoever calls refreshWorkOrderSla after a work-order event):
  //   sla_due_at          earliest due instant of a clock still running (breached ones included): "overdue" = sla_due_at <= now
  //   sla_breached        1 when some clock of the current cycle is breached
  //   sla_next_check_at   when the watcher must look again (warning share, due instant, a breach growing)
  //   sla_checked_version the work order's version these values were computed from (null: never)
  await db.schema.alterTable('work_orders').addColumn('sla_due_at', 'text').execute();
  await db.schema
    .alterTable('work_orders')
    .addColumn('sla_breached', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('work_orders').addColumn('sla_next_check_at', 'text').execute();
  await db.schema.alterTable('work_orders').addColumn('sla_checked_version', 'integer').execute();
  await db.schema.createIndex('work_orders_sla_due_idx').on('work_orders').columns(['sla_due_at', 'id']).execute();
  await db.schema.createIndex('work_orders_sla_next_check_idx').on('work_orders').column('sla_next_check_at').execute();
  // Work orders changed since their clocks were last computed; the watcher repeats this predicate exactly.
  await sql`create index work_orders_sla_stale_idx on work_orders (id) where sla_checked_version is null or sla_checked_version <> version`.execute(
    db,
  );
  // Work finished before the watcher existed is history: no alerts nor penalties for it.
  await sql`update work_orders set sla_checked_version = version where status in ('verified', 'closed')`.execute(db);

  await db.schema
    .alterTable('outbox')
    .addColumn('attachment_id', 'text', (c) => c.references('attachments.id'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('attachment_id').execute();
  for (const name of ['work_orders_sla_stale_idx', 'work_orders_sla_next_check_idx', 'work_orders_sla_due_idx'])
    await db.schema.dropIndex(name).execute();
  for (const col of ['sla_checked_version', 'sla_next_check_at', 'sla_breached', 'sla_due_at'])
    await db.schema.alterTable('work_orders').dropColumn(col).execute();
}
