// Frozen migration (#11 item 2, the contract's penalty/reward scheme):
//   kpi_schemes          one per contract: period (month | quarter), indicator rules and
//                        adjustment bands (JSON, src/domain/kpi/scheme.ts), maximum reward,
//                        acceleration bonus (D.Lgs. 36/2023 art. 126 c. 2)
//   kpi_period_reports   one per contract and period: the figures as computed, the points, the
//                        proposed and final adjustment; generated → reviewed → signed_off
//   statement_items.kpi_report_id  a reward billed in a statement (at most once: unique)
//   statements.rewards_cents       the rewards a statement adds to the gross
// A signed-off penalty goes to the penalty register (penalties.breach_key kpi:<report id>), which
// counts it against the legal cap and bills it through the statements as any other penalty.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('kpi_schemes')
    .addColumn('contract_id', 'text', (c) => c.primaryKey().references('contracts.id'))
    .addColumn('period', 'text', (c) => c.notNull()) // month | quarter
    .addColumn('indicators', 'text', (c) => c.notNull()) // JSON IndicatorRule[]
    .addColumn('bands', 'text', (c) => c.notNull()) // JSON AdjustmentBand[]
    .addColumn('max_reward_bp', 'integer', (c) => c.notNull())
    .addColumn('acceleration_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('acceleration_bp_per_day', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('acceleration_max_bp', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_by_id', 'text', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('kpi_period_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('period', 'text', (c) => c.notNull()) // YYYY-MM | YYYY-Qn
    .addColumn('from_on', 'text', (c) => c.notNull())
    .addColumn('to_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // generated | reviewed | signed_off
    .addColumn('scheme', 'text', (c) => c.notNull()) // JSON: the scheme as applied
    .addColumn('figures', 'text', (c) => c.notNull()) // JSON: the figures as computed
    .addColumn('scoring', 'text', (c) => c.notNull()) // JSON: each indicator's value and points
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('band_bp', 'integer', (c) => c.notNull())
    .addColumn('days_early', 'integer', (c) => c.notNull())
    .addColumn('period_fee_cents', 'bigint', (c) => c.notNull())
    .addColumn('cap_room_cents', 'bigint', (c) => c.notNull()) // at generation
    .addColumn('computed_cents', 'bigint', (c) => c.notNull()) // signed: negative a penalty
    .addColumn('proposed_cents', 'bigint', (c) => c.notNull())
    .addColumn('final_cents', 'bigint')
    .addColumn('review_note', 'text')
    .addColumn('reason', 'text') // the service head's, when final ≠ proposed
    .addColumn('penalty_id', 'text', (c) => c.references('penalties.id'))
    .addColumn('generated_by_id', 'text', (c) => c.references('users.id'))
    .addColumn('reviewed_by_id', 'text', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'text')
    .addColumn('signed_off_by_id', 'text', (c) => c.references('users.id'))
    .addColumn('signed_off_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('kpi_period_reports_contract_period_uq', ['contract_id', 'period'])
    .execute();
  await db.schema.createIndex('kpi_period_reports_status_idx').on('kpi_period_reports').columns(['status', 'to_on']).execute();
  await db.schema
    .alterTable('statement_items')
    .addColumn('kpi_report_id', 'text', (c) => c.references('kpi_period_reports.id'))
    .execute();
  await db.schema.createIndex('statement_items_kpi_report_uq').on('statement_items').column('kpi_report_id').unique().execute();
  await db.schema
    .alterTable('statements')
    .addColumn('rewards_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('statements').dropColumn('rewards_cents').execute();
  await db.schema.dropIndex('statement_items_kpi_report_uq').execute();
  await db.schema.alterTable('statement_items').dropColumn('kpi_report_id').execute();
  await db.schema.dropTable('kpi_period_reports').execute();
  await db.schema.dropTable('kpi_schemes').execute();
}
