// Frozen migration (#10 items 4 and 5): the monthly statement of a contract (stato di avanzamento)
// with the items behind each euro, the contractor's DURC validity date, and the contractor's
// invoices registered against a statement.
// A final account or a penalty is in at most one statement (unique): each euro is billed once.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The contributions certificate (DURC): a statement cannot be approved once it has expired.
  await db.schema.alterTable('contractors').addColumn('durc_valid_until', 'text').execute();
  await db.schema
    .createTable('statements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('contractor_id', 'text', (c) => c.notNull().references('contractors.id'))
    .addColumn('period', 'text', (c) => c.notNull()) // YYYY-MM
    .addColumn('number', 'integer', (c) => c.notNull()) // 1, 2, … per contract
    .addColumn('final', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull()) // draft | approved
    .addColumn('flat_fee_cents', 'bigint', (c) => c.notNull())
    .addColumn('extra_fee_cents', 'bigint', (c) => c.notNull())
    .addColumn('gross_cents', 'bigint', (c) => c.notNull())
    .addColumn('penalties_cents', 'bigint', (c) => c.notNull()) // of the period + carried in
    .addColumn('penalties_deducted_cents', 'bigint', (c) => c.notNull())
    .addColumn('penalties_carried_cents', 'bigint', (c) => c.notNull())
    .addColumn('net_cents', 'bigint', (c) => c.notNull())
    .addColumn('progressive_net_cents', 'bigint', (c) => c.notNull())
    .addColumn('withheld_cents', 'bigint', (c) => c.notNull())
    .addColumn('released_cents', 'bigint', (c) => c.notNull())
    .addColumn('taxable_cents', 'bigint', (c) => c.notNull())
    .addColumn('vat_bp', 'integer', (c) => c.notNull())
    .addColumn('vat_cents', 'bigint', (c) => c.notNull())
    .addColumn('total_cents', 'bigint', (c) => c.notNull())
    .addColumn('durc_valid_until', 'text') // the contractor's, copied at approval
    .addColumn('prepared_by_id', 'text', (c) => c.references('users.id'))
    .addColumn('approved_by_id', 'text', (c) => c.references('users.id'))
    .addColumn('approved_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('statements_contract_period_uq', ['contract_id', 'period'])
    .addUniqueConstraint('statements_contract_number_uq', ['contract_id', 'number'])
    .execute();
  await db.schema.createIndex('statements_status_idx').on('statements').columns(['status', 'period']).execute();
  await db.schema.createIndex('statements_contractor_idx').on('statements').columns(['contractor_id', 'period']).execute();
  await db.schema
    .createTable('statement_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('statement_id', 'text', (c) => c.notNull().references('statements.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // flat_fee | extra_fee | penalty | penalty_carried | withholding_release
    .addColumn('final_account_id', 'text', (c) => c.unique().references('final_accounts.id'))
    .addColumn('penalty_id', 'text', (c) => c.unique().references('penalties.id'))
    .addColumn('work_order_id', 'text', (c) => c.references('work_orders.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull()) // signed: penalties negative
    .execute();
  await db.schema.createIndex('statement_items_statement_idx').on('statement_items').columns(['statement_id', 'position']).execute();
  await db.schema
    .createTable('invoices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('statement_id', 'text', (c) => c.notNull().references('statements.id'))
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('contractor_id', 'text', (c) => c.notNull().references('contractors.id'))
    .addColumn('source', 'text', (c) => c.notNull()) // fatturapa | manual
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('issue_date', 'text', (c) => c.notNull())
    .addColumn('supplier_vat_number', 'text', (c) => c.notNull())
    .addColumn('cig', 'text')
    .addColumn('taxable_cents', 'bigint', (c) => c.notNull())
    .addColumn('vat_cents', 'bigint', (c) => c.notNull())
    .addColumn('total_cents', 'bigint', (c) => c.notNull())
    .addColumn('vat_collectability', 'text') // I | D | S
    .addColumn('mismatches', 'text', (c) => c.notNull()) // JSON array of src/domain/accounting/invoice-match.ts Mismatch
    .addColumn('status', 'text', (c) => c.notNull()) // registered | accepted | disputed
    .addColumn('dispute_reason', 'text')
    .addColumn('file_name', 'text')
    .addColumn('file_storage_key', 'text')
    .addColumn('file_sha256', 'text')
    .addColumn('registered_by_id', 'text', (c) => c.references('users.id'))
    .addColumn('decided_by_id', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // The same invoice number of the same supplier on the same day is one invoice, registered once.
    .addUniqueConstraint('invoices_supplier_number_uq', ['supplier_vat_number', 'number', 'issue_date'])
    .execute();
  await db.schema.createIndex('invoices_statement_idx').on('invoices').columns(['statement_id']).execute();
  await db.schema.createIndex('invoices_status_idx').on('invoices').columns(['status', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('invoices').execute();
  await db.schema.dropTable('statement_items').execute();
  await db.schema.dropTable('statements').execute();
  await db.schema.alterTable('contractors').dropColumn('durc_valid_until').execute();
}
