// SQL of the contracts' penalty/reward schemes and their period reports (#11 item 2). Every
// function takes a Db, which may be a transaction; scope is a predicate on the contract (alias k)
// added to the query itself. pg returns bigint columns as strings: the service turns them into numbers.
import { sql, type Expression, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { KpiPeriodReportRow, KpiSchemeRow } from '../../db/schema.ts';

export type ContractPredicate = (alias: string) => Expression<SqlBool> | null;

/** The contract with what a scheme's report needs: fee and dates, net amount, contractor. */
export function contractOf(db: Db, contractId: string, scope: ContractPredicate = () => null) {
  let q = db
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
      'k.net_amount_cents',
      'c.name as contractor_name',
    ])
    .where('k.id', '=', contractId);
  const w = scope('k');
  if (w) q = q.where(w);
  return q.executeTakeFirst();
}
export type SchemeContract = NonNullable<Awaited<ReturnType<typeof contractOf>>>;

export function getScheme(db: Db, contractId: string) {
  return db.selectFrom('kpi_schemes').selectAll().where('contract_id', '=', contractId).executeTakeFirst();
}

export async function insertScheme(db: Db, row: Insertable<KpiSchemeRow>): Promise<void> {
  await db.insertInto('kpi_schemes').values(row).execute();
}

/** Optimistic update: false when the stored version is not `version`. */
export async function updateScheme(db: Db, contractId: string, version: number, set: Updateable<KpiSchemeRow>): Promise<boolean> {
  const r = await db
    .updateTable('kpi_schemes')
    .set({ ...set, version: sql`version + 1` })
    .where('contract_id', '=', contractId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function insertReport(db: Db, row: Insertable<KpiPeriodReportRow>): Promise<void> {
  await db.insertInto('kpi_period_reports').values(row).execute();
}

/** Optimistic update of a report in `status`: false when another write won. */
export async function updateReport(
  db: Db,
  id: string,
  version: number,
  status: string,
  set: Updateable<KpiPeriodReportRow>,
): Promise<boolean> {
  const r = await db
    .updateTable('kpi_period_reports')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', status)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Reports with their contract and people, newest period first; `scope` on the contract. */
export function listReports(db: Db, q: { id?: string; contractId?: string; status?: string; limit: number; scope: ContractPredicate }) {
  let s = db
    .selectFrom('kpi_period_reports as r')
    .innerJoin('contracts as k', 'k.id', 'r.contract_id')
    .innerJoin('contractors as c', 'c.id', 'k.contractor_id')
    .leftJoin('users as ug', 'ug.id', 'r.generated_by_id')
    .leftJoin('users as ur', 'ur.id', 'r.reviewed_by_id')
    .leftJoin('users as us', 'us.id', 'r.signed_off_by_id')
    .selectAll('r')
    .select([
      'k.lot',
      'k.cig',
      'k.title as contract_title',
      'c.name as contractor_name',
      'ug.display_name as generated_by_name',
      'ur.display_name as reviewed_by_name',
      'us.display_name as signed_off_by_name',
      (e) =>
        e
          .selectFrom('statement_items as si')
          .select('si.statement_id')
          .where((w) =>
            w.or([
              w('si.kpi_report_id', '=', w.ref('r.id')),
              w.and([w('r.penalty_id', 'is not', null), w('si.penalty_id', '=', w.ref('r.penalty_id'))]),
            ]),
          )
          .limit(1)
          .as('statement_id'),
    ]);
  if (q.id) s = s.where('r.id', '=', q.id);
  if (q.contractId) s = s.where('r.contract_id', '=', q.contractId);
  if (q.status) s = s.where('r.status', '=', q.status);
  const w = q.scope('k');
  if (w) s = s.where(w);
  return s.orderBy('r.to_on', 'desc').orderBy('k.lot').orderBy('r.id').limit(q.limit).execute();
}
export type ReportView = Awaited<ReturnType<typeof listReports>>[number];

/** A report of the contract and period, if any (409 on generating it again). */
export function reportOfPeriod(db: Db, contractId: string, period: string) {
  return db
    .selectFrom('kpi_period_reports')
    .select(['id'])
    .where('contract_id', '=', contractId)
    .where('period', '=', period)
    .executeTakeFirst();
}

/** Signed-off rewards of the contract whose period ended by `lastDay` and that no statement holds yet. */
export function rewardsToBill(db: Db, contractId: string, lastDay: string) {
  return db
    .selectFrom('kpi_period_reports as r')
    .select(['r.id', 'r.period', 'r.final_cents'])
    .where('r.contract_id', '=', contractId)
    .where('r.status', '=', 'signed_off')
    .where('r.final_cents', '>', 0)
    .where('r.to_on', '<=', lastDay)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('statement_items as si').select('si.id').whereRef('si.kpi_report_id', '=', 'r.id'))),
    )
    .orderBy('r.to_on')
    .orderBy('r.id')
    .execute();
}
