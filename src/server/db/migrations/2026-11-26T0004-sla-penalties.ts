// Frozen migration: SLA versions and calendars per contract, escalation alerts, penalty rules and
// penalties with their procedure. Same portable types as 0001.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One row per edit: a work order keeps the version in force when it was issued.
  await db.schema
    .createTable('sla_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('number', 'integer', (c) => c.notNull()) // 1, 2, … per contract
    .addColumn('definition', 'text', (c) => c.notNull()) // JSON: limits per priority and clock, pauses
    .addColumn('note', 'text')
    .addColumn('created_by_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('sla_versions_contract_number_uq', ['contract_id', 'number'])
    .execute();

  await db.schema
    .alterTable('work_orders')
    .addColumn('sla_version_id', 'text', (c) => c.references('sla_versions.id'))
    .execute();

  // The contract's working week (JSON, as CalendarSpec.week); holidays come from the law and the site.
  await db.schema
    .createTable('contract_calendars')
    .addColumn('contract_id', 'text', (c) => c.primaryKey().references('contracts.id'))
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  // Closures the body adds (a whole site, or every site when site_id is null).
  await db.schema
    .createTable('closures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.references('sites.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // One row per warning or breach per clock cycle: the unique key makes "once per level" hold
  // across app instances (the second insert fails and sends nothing).
  await db.schema
    .createTable('sla_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('work_order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('clock', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull()) // warning | breach
    .addColumn('cycle_started_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('sla_alerts_once_uq', ['work_order_id', 'clock', 'level', 'cycle_started_at'])
    .execute();

  await db.schema
    .createTable('penalty_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // per_hour | per_day | per_mille_per_day | fixed
    .addColumn('clock', 'text')
    .addColumn('priority', 'text')
    .addColumn('event', 'text') // fixed: late_planned_activity | late_documents
    .addColumn('amount_cents', 'integer') // per hour, per day or per event
    .addColumn('per_mille_micro', 'integer') // ‰ × 1,000,000 (0.3‰ = 300000)
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('penalty_rules_contract_idx').on('penalty_rules').column('contract_id').execute();

  await db.schema
    .createTable('penalties')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('work_order_id', 'text', (c) => c.references('work_orders.id'))
    .addColumn('breach_key', 'text', (c) => c.notNull().unique()) // never count a breach twice
    .addColumn('rule_id', 'text', (c) => c.references('penalty_rules.id'))
    .addColumn('clock', 'text')
    .addColumn('breached_by_ms', 'bigint')
    .addColumn('computed_cents', 'integer', (c) => c.notNull())
    .addColumn('proposed_cents', 'integer', (c) => c.notNull()) // after the cap
    .addColumn('final_cents', 'integer') // applied or reduced amount
    .addColumn('status', 'text', (c) => c.notNull()) // proposed | contested | counter_argued | applied | reduced | waived | withdrawn
    .addColumn('term_ends_at', 'text')
    .addColumn('period', 'text', (c) => c.notNull()) // YYYY-MM of the breach, for the register
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('penalties_contract_period_idx').on('penalties').columns(['contract_id', 'period']).execute();
  await db.schema.createIndex('penalties_status_idx').on('penalties').column('status').execute();

  await db.schema
    .alterTable('events')
    .addColumn('penalty_id', 'text', (c) => c.references('penalties.id'))
    .execute();
  await db.schema.createIndex('events_penalty_idx').on('events').columns(['penalty_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('events_penalty_idx').execute();
  await db.schema.alterTable('events').dropColumn('penalty_id').execute();
  for (const t of ['penalties', 'penalty_rules', 'sla_alerts', 'closures', 'contract_calendars']) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.alterTable('work_orders').dropColumn('sla_version_id').execute();
  await db.schema.dropTable('sla_versions').execute();
}
