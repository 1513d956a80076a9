// Frozen migration (#9 item 13, technicians): a contractor's staff user may be one of its
// technicians (users.technician = 1: field staff who carry out the work; the contractor's other
// users are its dispatchers), and a work order may be assigned to one technician.
// The index serves a technician's "my work today" and the dispatcher's schedule by technician.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('technician', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('work_orders')
    .addColumn('technician_id', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('work_orders_technician_idx').on('work_orders').columns(['technician_id', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('work_orders_technician_idx').execute();
  await db.schema.alterTable('work_orders').dropColumn('technician_id').execute();
  await db.schema.alterTable('users').dropColumn('technician').execute();
}
