// SQL of the monthly statements of a contract (#10 item 4) and their items. Every function takes a
// Db, which may be a transaction. Scope is a predicate on the statement (alias `s`) added to the
// query itself. pg returns bigint columns as strings: the service turns them into numbers.
import { expressionBuilder, sql, type Expression, type ExpressionBuilder, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { StatementItemRow, StatementRow } from '../../db/schema.ts';

export type ScopePredicate = (alias: string) => Expression<SqlBool>;
export type StatementSet = Updateable<StatementRow>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const eb: ExpressionBuilder<any, any> = expressionBuilder<any, any>();

/** The statement (alias) is of the contractor's own contracts. */
export const ofContractor =
  (contractorId: string): ScopePredicate =>
  (a) =>
    eb(eb.ref(`${a}.contractor_id`), '=', contractorId);

/** Penalty states whose final amount is deducted (applied as proposed, or reduced). */
export const DEDUCTED_PENALTY_STATES = ['applied', 'reduced'] as const;

/** The contract with what a statement needs of it and of its contractor. */
export function contractForStatement(db: Db, contractId: string) {
  return db
    .selectFrom('contracts as k')
    .innerJoin('contractors as c', 'c.id', 'k.contractor_id')
    .select([
      'k.id',
      'k.lot',
      'k.cig',
      'k.title',
      'k.contractor_id',
      'k.starts_on',
      'k.ends_on',
      'k.yearly_fee_cents',
      'k.conformity_checked_on',
      'c.name as contractor_name',
      'c.durc_valid_until',
    ])
    .where('k.id', '=', contractId)
    .executeTakeFirst();
}
export type ContractForStatement = NonNullable<Awaited<ReturnType<typeof contractForStatement>>>;

export function getStatement(db: Db, id: string) {
  return db.selectFrom('statements').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The contract's statement with the highest number (the latest), or undefined. */
export function latestStatement(db: Db, contractId: string) {
  return db
    .selectFrom('statements')
    .selectAll()
    .where('contract_id', '=', contractId)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The contract's approved statement just before `number`, or undefined (the first). */
export function previousApproved(db: Db, contractId: string, number: number) {
  return db
    .selectFrom('statements')
    .selectAll()
    .where('contract_id', '=', contractId)
    .where('status', '=', 'approved')
    .where('number', '<', number)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The withholding kept by the contract's approved statements up to number `upTo` included. */
export async function withheldUpTo(db: Db, contractId: string, upTo: number): Promise<number> {
  const r = await db
    .selectFrom('statements')
    .select((e) => e.fn.sum<number | string>('withheld_cents').as('withheld'))
    .where('contract_id', '=', contractId)
    .where('status', '=', 'approved')
    .where('number', '<=', upTo)
    .executeTakeFirst();
  return Number(r?.withheld ?? 0);
}

/** Extra-fee final accounts of the contract approved before `beforeInstant` and in no statement yet. */
export function finalAccountsToBill(db: Db, contractId: string, beforeInstant: string) {
  return db
    .selectFrom('final_accounts as fa')
    .innerJoin('work_orders as w', 'w.id', 'fa.work_order_id')
    .select(['fa.id', 'fa.work_order_id', 'fa.chargeable_net_cents', 'fa.decided_at', 'w.number', 'w.description'])
    .where('fa.contract_id', '=', contractId)
    .where('fa.status', '=', 'approved')
    .where('fa.basis', '=', 'extra_fee')
    .where('fa.decided_at', '<', beforeInstant)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('statement_items as si').select('si.id').whereRef('si.final_account_id', '=', 'fa.id'))),
    )
    .orderBy('fa.decided_at')
    .orderBy('w.number')
    .orderBy('fa.id')
    .execute();
}

/** Applied or reduced penalties of the contract of `period` or earlier, in no statement yet. */
export function penaltiesToBill(db: Db, contractId: string, period: string) {
  return db
    .selectFrom('penalties as p')
    .leftJoin('work_orders as w', 'w.id', 'p.work_order_id')
    .select(['p.id', 'p.work_order_id', 'p.final_cents', 'p.period', 'p.breach_key', 'w.number'])
    .where('p.contract_id', '=', contractId)
    .where('p.status', 'in', DEDUCTED_PENALTY_STATES)
    .where('p.period', '<=', period)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('statement_items as si').select('si.id').whereRef('si.penalty_id', '=', 'p.id'))),
    )
    .orderBy('p.period')
    .orderBy('w.number')
    .orderBy('p.created_at')
    .orderBy('p.id')
    .execute();
}

export async function insertStatement(db: Db, row: Insertable<StatementRow>): Promise<void> {
  await db.insertInto('statements').values(row).execute();
}

/** Replaces the items of a draft (a refresh recomputes them all). */
export async function replaceItems(db: Db, statementId: string, items: Insertable<StatementItemRow>[]): Promise<void> {
  await db.deleteFrom('statement_items').where('statement_id', '=', statementId).execute();
  if (items.length) await db.insertInto('statement_items').values(items).execute();
}

/** Optimistic update of a statement in `status`, the version check in the UPDATE; false when another write won. */
export async function updateStatementVersioned(db: Db, id: string, version: number, status: string, set: StatementSet): Promise<boolean> {
  const r = await db
    .updateTable('statements')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', status)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Deletes a draft at `version` with its items; false when it changed or is no longer a draft. */
export async function deleteDraft(db: Db, id: string, version: number): Promise<boolean> {
  const s = await db
    .selectFrom('statements')
    .select('id')
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  if (!s) return false;
  await db.deleteFrom('statement_items').where('statement_id', '=', id).execute();
  const r = await db
    .deleteFrom('statements')
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export interface ListFilter {
  id?: string;
  contractId?: string;
  contractorId?: string;
  period?: string;
  status?: string;
  /** Keyset: [period, id] of the last row of the previous page (newest period first). */
  cursor?: [string, string] | null;
  limit: number;
  scope: ScopePredicate | null;
}

/** Statements with their contract, contractor and people; newest period first. */
export function listStatements(db: Db, f: ListFilter) {
  let q = db
    .selectFrom('statements as s')
    .innerJoin('contracts as k', 'k.id', 's.contract_id')
    .innerJoin('contractors as c', 'c.id', 's.contractor_id')
    .leftJoin('users as pu', 'pu.id', 's.prepared_by_id')
    .leftJoin('users as au', 'au.id', 's.approved_by_id')
    .selectAll('s')
    .select([
      'k.lot',
      'k.cig',
      'k.title as contract_title',
      'k.conformity_checked_on',
      'c.name as contractor_name',
      'c.vat_number as contractor_vat_number',
      'c.durc_valid_until as contractor_durc_valid_until',
      'pu.display_name as prepared_by_name',
      'au.display_name as approved_by_name',
    ]);
  if (f.id) q = q.where('s.id', '=', f.id);
  if (f.contractId) q = q.where('s.contract_id', '=', f.contractId);
  if (f.contractorId) q = q.where('s.contractor_id', '=', f.contractorId);
  if (f.period) q = q.where('s.period', '=', f.period);
  if (f.status) q = q.where('s.status', '=', f.status);
  if (f.scope) q = q.where(f.scope('s'));
  if (f.cursor) {
    const [period, id] = f.cursor;
    q = q.where((w) => w.or([w('s.period', '<', period), w.and([w('s.period', '=', period), w('s.id', '<', id)])]));
  }
  return q.orderBy('s.period', 'desc').orderBy('s.id', 'desc').limit(f.limit).execute();
}
export type StatementView = Awaited<ReturnType<typeof listStatements>>[number];

/** The items of a statement in order, with the work order, final account and penalty behind each. */
export function statementItems(db: Db, statementId: string) {
  return db
    .selectFrom('statement_items as si')
    .leftJoin('work_orders as w', 'w.id', 'si.work_order_id')
    .leftJoin('final_accounts as fa', 'fa.id', 'si.final_account_id')
    .leftJoin('penalties as p', 'p.id', 'si.penalty_id')
    .selectAll('si')
    .select([
      'w.number as work_order_number',
      'w.description as work_order_description',
      'fa.decided_at as final_account_decided_at',
      'p.period as penalty_period',
      'p.status as penalty_status',
    ])
    .where('si.statement_id', '=', statementId)
    .orderBy('si.position')
    .execute();
}
export type StatementItemView = Awaited<ReturnType<typeof statementItems>>[number];
