// Frozen migration (#10 item 6): which spend thresholds of a contract have been announced to the
// service heads (80 % / 100 % of the contract amount or of the lot ceiling), so each is sent once.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('contract_spend_alerts')
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('basis', 'text', (c) => c.notNull()) // amount | ceiling
    .addColumn('threshold_bp', 'integer', (c) => c.notNull()) // 8000 | 10000
    .addColumn('used_cents', 'bigint', (c) => c.notNull()) // what was used when it was crossed
    .addColumn('base_cents', 'bigint', (c) => c.notNull())
    .addColumn('notified_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('contract_spend_alerts_pk', ['contract_id', 'basis', 'threshold_bp'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contract_spend_alerts').execute();
}
