// Frozen migration (#9 item 12, admin console): an SLA version takes effect from an instant the
// administrator chooses (a day, from 00:00 in Rome; today: from when it is saved), no longer from
// the moment it was saved. Versions saved before keep that moment. A work order issued at t keeps
// the version in force at t: the newest effective at or before t.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sla_versions').addColumn('effective_from', 'text').execute();
  await db
    .updateTable('sla_versions')
    .set((eb: any) => ({ effective_from: eb.ref('created_at') }))
    .execute();
  await db.schema.createIndex('sla_versions_effective_idx').on('sla_versions').columns(['contract_id', 'effective_from']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sla_versions_effective_idx').execute();
  await db.schema.alterTable('sla_versions').dropColumn('effective_from').execute();
}
