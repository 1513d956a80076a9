// Frozen migration (#9 item 14): what a list row shows of the SLA, stored so the lists sort and
// filter by it in SQL. Written by refreshWorkOrderSla (src/server/modules/sla/refresh.ts) in the
// transaction of the action that moved a clock, and by the SLA watcher when time alone moves it.
//   work_orders.sla_state       running | paused | met | missed (null: no clock, e.g. planned work,
//                               cancelled before it counted, or never computed); "overdue" is
//                               running with sla_due_at <= now, decided at read time
//   work_orders.sla_paused_for  the state a paused clock waits in (waiting_materials, awaiting_authorization)
//   tickets.sla_state / sla_due_at / sla_paused_for: the same over the ticket's work orders (the
//                               most pressing: running before paused before missed before met)
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('work_orders').addColumn('sla_state', 'text').execute();
  await db.schema.alterTable('work_orders').addColumn('sla_paused_for', 'text').execute();
  await db.schema.alterTable('tickets').addColumn('sla_state', 'text').execute();
  await db.schema.alterTable('tickets').addColumn('sla_due_at', 'text').execute();
  await db.schema.alterTable('tickets').addColumn('sla_paused_for', 'text').execute();
  await db.schema.createIndex('tickets_sla_due_idx').on('tickets').columns(['sla_due_at', 'id']).execute();
  await db.schema.createIndex('work_orders_sla_state_idx').on('work_orders').columns(['sla_state', 'sla_due_at']).execute();
  await db.schema.createIndex('tickets_sla_state_idx').on('tickets').columns(['sla_state', 'sla_due_at']).execute();
  // Open work still counting gets its state from the watcher's next run (marked stale, like a
  // calendar edit: nothing else changes). Finished work stays without a row state: history.
  await sql`update work_orders set sla_checked_version = null where kind <> 'planned' and status not in ('verified', 'closed')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['tickets_sla_state_idx', 'work_orders_sla_state_idx', 'tickets_sla_due_idx'])
    await db.schema.dropIndex(name).execute();
  for (const col of ['sla_paused_for', 'sla_due_at', 'sla_state']) await db.schema.alterTable('tickets').dropColumn(col).execute();
  for (const col of ['sla_paused_for', 'sla_state']) await db.schema.alterTable('work_orders').dropColumn(col).execute();
}
