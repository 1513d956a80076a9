// SQL of the contractors' invoices (#10 item 5). Every function takes a Db, which may be a
// transaction. Scope is a predicate on the invoice (alias `i`) added to the query itself.
import { expressionBuilder, sql, type Expression, type ExpressionBuilder, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { InvoiceRow } from '../../db/schema.ts';

export type InvoiceSet = Updateable<InvoiceRow>;
export type ScopePredicate = (alias: string) => Expression<SqlBool>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const eb: ExpressionBuilder<any, any> = expressionBuilder<any, any>();

/** The invoice (alias) is the contractor's own. */
export const ofContractor =
  (contractorId: string): ScopePredicate =>
  (a) =>
    eb(eb.ref(`${a}.contractor_id`), '=', contractorId);

/** The statement with what the match expects of its invoice: the contract's CIG, the contractor's VAT number. */
export function statementForInvoice(db: Db, statementId: string) {
  return db
    .selectFrom('statements as s')
    .innerJoin('contracts as k', 'k.id', 's.contract_id')
    .innerJoin('contractors as c', 'c.id', 's.contractor_id')
    .select([
      's.id',
      's.contract_id',
      's.contractor_id',
      's.status',
      's.period',
      's.number',
      's.taxable_cents',
      's.vat_cents',
      's.total_cents',
      'k.cig',
      'c.vat_number',
    ])
    .where('s.id', '=', statementId)
    .executeTakeFirst();
}
export type StatementForInvoice = NonNullable<Awaited<ReturnType<typeof statementForInvoice>>>;

/** An accepted invoice of the statement, if any: a statement is paid once. */
export function acceptedInvoiceOf(db: Db, statementId: string, exceptId?: string) {
  let q = db.selectFrom('invoices').select(['id', 'number']).where('statement_id', '=', statementId).where('status', '=', 'accepted');
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}

/** The same supplier's invoice with that number on that day, if registered. */
export function sameInvoice(db: Db, supplierVatNumber: string, number: string, issueDate: string) {
  return db
    .selectFrom('invoices')
    .select('id')
    .where('supplier_vat_number', '=', supplierVatNumber)
    .where('number', '=', number)
    .where('issue_date', '=', issueDate)
    .executeTakeFirst();
}

export async function insertInvoice(db: Db, row: Insertable<InvoiceRow>): Promise<void> {
  await db.insertInto('invoices').values(row).execute();
}

export function getInvoice(db: Db, id: string) {
  return db.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Optimistic update, the version check in the UPDATE itself; false when another write won. */
export async function updateInvoiceVersioned(db: Db, id: string, version: number, set: InvoiceSet): Promise<boolean> {
  const r = await db
    .updateTable('invoices')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export interface ListFilter {
  id?: string;
  statementId?: string;
  contractId?: string;
  contractorId?: string;
  status?: string;
  /** Keyset: (created_at, id) of the last row read, newest first. */
  cursor?: [string, string] | null;
  limit: number;
  scope: ScopePredicate | null;
}

/** Invoices with their statement, contract, contractor and people; newest first, one row more than `limit`. */
export function listInvoices(db: Db, f: ListFilter) {
  let q = db
    .selectFrom('invoices as i')
    .innerJoin('statements as s', 's.id', 'i.statement_id')
    .innerJoin('contracts as k', 'k.id', 'i.contract_id')
    .innerJoin('contractors as c', 'c.id', 'i.contractor_id')
    .leftJoin('users as ru', 'ru.id', 'i.registered_by_id')
    .leftJoin('users as du', 'du.id', 'i.decided_by_id')
    .selectAll('i')
    .select([
      's.period as statement_period',
      's.number as statement_number',
      's.status as statement_status',
      's.taxable_cents as statement_taxable_cents',
      's.vat_cents as statement_vat_cents',
      'k.lot',
      'k.cig as contract_cig',
      'c.name as contractor_name',
      'c.vat_number as contractor_vat_number',
      'ru.display_name as registered_by_name',
      'du.display_name as decided_by_name',
    ]);
  if (f.id) q = q.where('i.id', '=', f.id);
  if (f.statementId) q = q.where('i.statement_id', '=', f.statementId);
  if (f.contractId) q = q.where('i.contract_id', '=', f.contractId);
  if (f.contractorId) q = q.where('i.contractor_id', '=', f.contractorId);
  if (f.status) q = q.where('i.status', '=', f.status);
  if (f.scope) q = q.where(f.scope('i'));
  if (f.cursor) {
    const [at, id] = f.cursor;
    q = q.where((w) => w.or([w('i.created_at', '<', at), w.and([w('i.created_at', '=', at), w('i.id', '<', id)])]));
  }
  return q
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}
export type InvoiceView = Awaited<ReturnType<typeof listInvoices>>[number];

/** Approved statements no invoice has been accepted for: what accounting may register an invoice against. */
export function statementsToInvoice(db: Db, limit: number) {
  return db
    .selectFrom('statements as s')
    .innerJoin('contracts as k', 'k.id', 's.contract_id')
    .innerJoin('contractors as c', 'c.id', 's.contractor_id')
    .select((q) => [
      's.id',
      's.period',
      's.number',
      's.taxable_cents',
      's.vat_cents',
      's.total_cents',
      'k.id as contract_id',
      'k.lot',
      'k.cig',
      'c.id as contractor_id',
      'c.name as contractor_name',
      'c.vat_number',
      q
        .selectFrom('invoices as ri')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('ri.statement_id', '=', 's.id')
        .as('invoices'),
    ])
    .where('s.status', '=', 'approved')
    .where((w) =>
      w.not(
        w.exists(
          w.selectFrom('invoices as ai').select('ai.id').whereRef('ai.statement_id', '=', 's.id').where('ai.status', '=', 'accepted'),
        ),
      ),
    )
    .orderBy('s.period', 'desc')
    .orderBy('k.lot')
    .limit(limit)
    .execute();
}

/** Approved statements (the demo registers invoices against them). */
export function approvedStatementIds(db: Db) {
  return db.selectFrom('statements').select('id').where('status', '=', 'approved').orderBy('period').orderBy('id').execute();
}
