// Frozen migration (#8, planned work orders): a building may ask that the new dates of its planned
// work orders (planned_date, planned_new_date, planned_waiting_materials) also reach the occupants'
// contacts — the active users of the departments occupying it. Off (0) by default.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('buildings')
    .addColumn('notify_occupants_planned', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('buildings').dropColumn('notify_occupants_planned').execute();
}
