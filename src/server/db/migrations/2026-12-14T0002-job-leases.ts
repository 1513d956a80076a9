// Frozen migration (#12 item 5, several instances on one database):
//   job_leases        one row per scheduled job: which instance runs its pass now, and until when
//                     its claim holds unless renewed (a heartbeat moves expires_at on)
//   outbox.locked_by  the instance whose lease (locked_until) holds the row, so only that instance
//                     renews it and sends it
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('job_leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('acquired_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('outbox').addColumn('locked_by', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('locked_by').execute();
  await db.schema.dropTable('job_leases').execute();
}
