// Frozen migration (#10 item 2, final accounts): one final account (consuntivo) per work order,
// its lines (price-list items, free lines, new prices by analysis per DPR 207/2010 art. 32), and
// each contract's variance threshold (basis points of the approved quote; default 20 %) above which
// a final account goes back to the service head before accounting.
// contract_id, contractor_id and building_id are the work order's, copied so that the scope of a
// list is a plain predicate on the final account (they never change on a work order).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('contracts')
    .addColumn('variance_threshold_bp', 'integer', (c) => c.notNull().defaultTo(2000))
    .execute();
  await db.schema
    .createTable('final_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('work_order_id', 'text', (c) => c.notNull().unique().references('work_orders.id'))
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('contractor_id', 'text', (c) => c.notNull().references('contractors.id'))
    .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
    .addColumn('basis', 'text', (c) => c.notNull()) // flat_fee | extra_fee
    .addColumn('status', 'text', (c) => c.notNull()) // draft | needs_service_head | submitted | approved | returned
    .addColumn('quote_id', 'text', (c) => c.references('quotes.id'))
    .addColumn('approved_net_cents', 'integer')
    .addColumn('discount_bp', 'integer', (c) => c.notNull())
    .addColumn('vat_bp', 'integer', (c) => c.notNull())
    .addColumn('discountable_cents', 'integer', (c) => c.notNull())
    .addColumn('discount_cents', 'integer', (c) => c.notNull())
    .addColumn('undiscounted_cents', 'integer', (c) => c.notNull())
    .addColumn('net_cents', 'integer', (c) => c.notNull())
    .addColumn('vat_cents', 'integer', (c) => c.notNull())
    .addColumn('total_cents', 'integer', (c) => c.notNull())
    .addColumn('chargeable_net_cents', 'integer', (c) => c.notNull())
    .addColumn('variance_cents', 'integer')
    .addColumn('variance_bp', 'integer')
    .addColumn('variance_reason', 'text')
    .addColumn('hours_centi', 'integer')
    .addColumn('materials', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('service_head_id', 'text', (c) => c.references('users.id'))
    .addColumn('service_head_at', 'text')
    .addColumn('decided_by_id', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('final_accounts_status_idx').on('final_accounts').columns(['status', 'submitted_at']).execute();
  await db.schema.createIndex('final_accounts_contractor_idx').on('final_accounts').columns(['contractor_id', 'status']).execute();
  await db.schema.createIndex('final_accounts_contract_idx').on('final_accounts').columns(['contract_id', 'status']).execute();
  await db.schema
    .createTable('final_account_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('final_account_id', 'text', (c) => c.notNull().references('final_accounts.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('price_list_item_id', 'text', (c) => c.references('price_list_items.id'))
    .addColumn('code', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('quantity_milli', 'integer', (c) => c.notNull())
    .addColumn('unit_price_cents', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull()) // works | safety | labour
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    // A new price by analysis (DPR 207/2010 art. 32): its parts; null on list and free lines.
    .addColumn('materials_cents', 'integer')
    .addColumn('labour_cents', 'integer')
    .addColumn('equipment_cents', 'integer')
    .addColumn('overheads_bp', 'integer')
    .addColumn('profit_bp', 'integer')
    .execute();
  await db.schema
    .createIndex('final_account_lines_account_idx')
    .on('final_account_lines')
    .columns(['final_account_id', 'position'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('final_account_lines').execute();
  await db.schema.dropTable('final_accounts').execute();
  await db.schema.alterTable('contracts').dropColumn('variance_threshold_bp').execute();
}
