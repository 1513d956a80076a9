// Frozen migration (#10 item 3, cost allocation / ripartizione oneri): who pays each approved final
// account. A rule per contract, optionally overridden per building (method and, for explicit
// percentages, the shares per department — a null department is the central administration's
// budget); what the central-vs-department rule reads of a space (its kind and the department whose
// own space it is); and the stored allocations, one row per (approved final account, payer), with
// building, technology class, contract and period (month of approval, Rome) copied for the report.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // department_own | teaching | common; null: not classified (the central budget pays).
  await db.schema.alterTable('spaces').addColumn('allocation_kind', 'text').execute();
  await db.schema
    .alterTable('spaces')
    .addColumn('department_id', 'text', (c) => c.references('departments.id'))
    .execute();
  await db.schema
    .createTable('allocation_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Exactly one of the two (checked by the service): the contract's rule or a building's override.
    .addColumn('contract_id', 'text', (c) => c.unique().references('contracts.id'))
    .addColumn('building_id', 'text', (c) => c.unique().references('buildings.id'))
    .addColumn('method', 'text', (c) => c.notNull()) // requesting_department | floor_area | percentages | central_vs_department
    .addColumn('updated_by_id', 'text', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('allocation_rule_shares')
    .addColumn('rule_id', 'text', (c) => c.notNull().references('allocation_rules.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.references('departments.id')) // null: central budget
    .addColumn('share_bp', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('allocation_rule_shares_pk', ['rule_id', 'position'])
    .execute();
  await db.schema
    .createTable('cost_allocations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('final_account_id', 'text', (c) => c.notNull().references('final_accounts.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.references('departments.id')) // null: central budget
    .addColumn('share_bp', 'integer', (c) => c.notNull())
    .addColumn('net_cents', 'bigint', (c) => c.notNull())
    .addColumn('vat_cents', 'bigint', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull()) // net + VAT: what the payer's budget bears
    .addColumn('method', 'text', (c) => c.notNull()) // the rule's method, or 'none' (no rule: central)
    .addColumn('rule_source', 'text', (c) => c.notNull()) // building | contract | default
    .addColumn('work_order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
    .addColumn('technology_class_id', 'text', (c) => c.notNull().references('technology_classes.id'))
    .addColumn('period', 'text', (c) => c.notNull()) // YYYY-MM of the approval, Rome
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('cost_allocations_account_position_uq', ['final_account_id', 'position'])
    .execute();
  await db.schema.createIndex('cost_allocations_period_idx').on('cost_allocations').columns(['period', 'department_id']).execute();
  await db.schema.createIndex('cost_allocations_building_idx').on('cost_allocations').columns(['building_id', 'period']).execute();
  await db.schema.createIndex('cost_allocations_contract_idx').on('cost_allocations').columns(['contract_id', 'period']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('cost_allocations').execute();
  await db.schema.dropTable('allocation_rule_shares').execute();
  await db.schema.dropTable('allocation_rules').execute();
  await db.schema.alterTable('spaces').dropColumn('department_id').execute();
  await db.schema.alterTable('spaces').dropColumn('allocation_kind').execute();
}
