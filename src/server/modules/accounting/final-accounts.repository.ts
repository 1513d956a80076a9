// SQL of final accounts (#10 item 2) and their lines. Every function takes a Db, which may be a
// transaction. Scope is a predicate on the final account (alias `fa`) added to the query itself.
import {
  expressionBuilder,
  sql,
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type Selectable,
  type SqlBool,
  type Updateable,
} from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { Database, FinalAccountLineRow, FinalAccountRow } from '../../db/schema.ts';

export type FinalAccount = Selectable<FinalAccountRow>;
export type FinalAccountSet = Updateable<FinalAccountRow>;
export type FinalAccountLine = Selectable<FinalAccountLineRow>;
export type ScopePredicate = (alias: string) => Expression<SqlBool>;

// Untyped builder for the scope predicates; the subqueries use aliases of their own (fs_*).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const eb: ExpressionBuilder<any, any> = expressionBuilder<any, any>();

/** The final account (alias) is the contractor's own. */
export const ofContractor =
  (contractorId: string): ScopePredicate =>
  (a) =>
    eb(eb.ref(`${a}.contractor_id`), '=', contractorId);

/** The final account (alias) is of a work order in a building the user manages. */
export const inManagedBuildings =
  (userId: string): ScopePredicate =>
  (a) =>
    eb(
      eb.ref(`${a}.building_id`),
      'in',
      eb.selectFrom('building_managers as fs_bm').select('fs_bm.building_id').where('fs_bm.user_id', '=', userId),
    );

export const anyOfScopes =
  (parts: readonly ScopePredicate[]): ScopePredicate =>
  (a) =>
    eb.or(parts.map((p) => p(a)));

export function getFinalAccount(db: Db, id: string): Promise<FinalAccount | undefined> {
  return db.selectFrom('final_accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export function finalAccountOfWorkOrder(db: Db, workOrderId: string): Promise<FinalAccount | undefined> {
  return db.selectFrom('final_accounts').selectAll().where('work_order_id', '=', workOrderId).executeTakeFirst();
}

export interface ListFilter {
  status?: string;
  contractorId?: string;
  contractId?: string;
  workOrderId?: string;
  id?: string;
  /** Keyset: the sort key of the last row of the previous page (see listSortKey). */
  after?: ListSortKey | null;
  limit: number;
  scope: ScopePredicate | null;
}

/** The list's order, as values: submitted ones first (by submission), then the drafts; then creation and id. */
export interface ListSortKey {
  unsubmitted: number;
  submittedAt: string;
  createdAt: string;
  id: string;
}
export const listSortKey = (r: { submitted_at: string | null; created_at: string; id: string }): ListSortKey => ({
  unsubmitted: r.submitted_at === null ? 1 : 0,
  submittedAt: r.submitted_at ?? '',
  createdAt: r.created_at,
  id: r.id,
});
const UNSUBMITTED = sql<number>`case when fa.submitted_at is null then 1 else 0 end`;
const SUBMITTED_AT = sql<string>`coalesce(fa.submitted_at, '')`;

/** Final accounts with their work order, contract and contractor, oldest submission first (the worklist order). */
export function listFinalAccounts(db: Db, f: ListFilter) {
  let q = db
    .selectFrom('final_accounts as fa')
    .innerJoin('work_orders as w', 'w.id', 'fa.work_order_id')
    .innerJoin('contracts as k', 'k.id', 'fa.contract_id')
    .innerJoin('contractors as c', 'c.id', 'fa.contractor_id')
    .innerJoin('buildings as b', 'b.id', 'fa.building_id')
    .leftJoin('users as su', 'su.id', 'fa.service_head_id')
    .leftJoin('users as du', 'du.id', 'fa.decided_by_id')
    .selectAll('fa')
    .select([
      'w.number as work_order_number',
      'w.status as work_order_status',
      'w.description as work_order_description',
      'k.lot',
      'k.cig',
      'k.variance_threshold_bp',
      'c.name as contractor_name',
      'b.code as building_code',
      'b.name as building_name',
      'su.display_name as service_head_name',
      'du.display_name as decided_by_name',
    ]);
  if (f.id) q = q.where('fa.id', '=', f.id);
  if (f.workOrderId) q = q.where('fa.work_order_id', '=', f.workOrderId);
  if (f.after) {
    const a = f.after;
    // Row values compare in order on both engines: the rows after the last one of the previous page.
    q = q.where(
      sql<SqlBool>`(${UNSUBMITTED}, ${SUBMITTED_AT}, fa.created_at, fa.id) > (${a.unsubmitted}, ${a.submittedAt}, ${a.createdAt}, ${a.id})`,
    );
  }
  if (f.status) q = q.where('fa.status', '=', f.status);
  if (f.contractorId) q = q.where('fa.contractor_id', '=', f.contractorId);
  if (f.contractId) q = q.where('fa.contract_id', '=', f.contractId);
  if (f.scope) q = q.where(f.scope('fa'));
  return q.orderBy(UNSUBMITTED).orderBy(SUBMITTED_AT).orderBy('fa.created_at').orderBy('fa.id').limit(f.limit).execute();
}
export type FinalAccountView = Awaited<ReturnType<typeof listFinalAccounts>>[number];

export function finalAccountLines(db: Db, finalAccountId: string): Promise<FinalAccountLine[]> {
  return db.selectFrom('final_account_lines').selectAll().where('final_account_id', '=', finalAccountId).orderBy('position').execute();
}

/** The lines of several final accounts in one query (a page of the list), by account then position. */
export async function linesOfFinalAccounts(db: Db, finalAccountIds: readonly string[]): Promise<Map<string, FinalAccountLine[]>> {
  const out = new Map<string, FinalAccountLine[]>(finalAccountIds.map((id) => [id, []]));
  if (finalAccountIds.length === 0) return out;
  const rows = await db
    .selectFrom('final_account_lines')
    .selectAll()
    .where('final_account_id', 'in', [...finalAccountIds])
    .orderBy('final_account_id')
    .orderBy('position')
    .execute();
  for (const r of rows) out.get(r.final_account_id)?.push(r);
  return out;
}

export async function insertFinalAccount(db: Db, row: Insertable<FinalAccountRow>): Promise<void> {
  await db.insertInto('final_accounts').values(row).execute();
}

/** Replaces the lines of a final account (an edit sends them all). */
export async function replaceLines(db: Db, finalAccountId: string, lines: Insertable<Database['final_account_lines']>[]): Promise<void> {
  await db.deleteFrom('final_account_lines').where('final_account_id', '=', finalAccountId).execute();
  if (lines.length) await db.insertInto('final_account_lines').values(lines).execute();
}

/** Optimistic update, the version check in the UPDATE itself; false when another write won. */
export async function updateFinalAccountVersioned(db: Db, id: string, version: number, set: FinalAccountSet): Promise<boolean> {
  const r = await db
    .updateTable('final_accounts')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function contractVarianceThresholdBp(db: Db, contractId: string): Promise<number> {
  const r = await db.selectFrom('contracts').select('variance_threshold_bp').where('id', '=', contractId).executeTakeFirstOrThrow();
  return Number(r.variance_threshold_bp);
}

/** The work order's approved quote (at most one is approved), or undefined. */
export function approvedQuote(db: Db, workOrderId: string) {
  return db
    .selectFrom('quotes')
    .selectAll()
    .where('work_order_id', '=', workOrderId)
    .where('status', '=', 'approved')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
