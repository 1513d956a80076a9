// SQL of spend against the ceiling (#10 item 6): per contract the approved quotes still open (their
// final account not approved), the approved final accounts, and the thresholds already announced.
// Every function takes a Db, which may be a transaction; the scope is a predicate on contracts (k).
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../db/create-db.ts';

export type ContractScope = Expression<SqlBool> | null;

const n = (v: unknown) => Number(v ?? 0);

/** A quote counts while its work order is not cancelled and its final account is not approved. */
function openQuotes(db: Db) {
  return db
    .selectFrom('quotes as q')
    .innerJoin('work_orders as w', 'w.id', 'q.work_order_id')
    .leftJoin('final_accounts as fa', (j) => j.onRef('fa.work_order_id', '=', 'w.id').on('fa.status', '=', 'approved'))
    .where('q.status', '=', 'approved')
    .where('w.extra_fee', '=', 1)
    .where(sql<SqlBool>`coalesce(w.outcome, '') <> 'cancelled'`)
    .where('fa.id', 'is', null);
}

function approvedFinalAccounts(db: Db) {
  return db.selectFrom('final_accounts as fa').where('fa.status', '=', 'approved');
}

export interface ContractMoney {
  id: string;
  lot: string;
  cig: string;
  title: string;
  contractorId: string;
  contractorName: string;
  startsOn: string;
  endsOn: string;
  amountCents: number;
  ceilingCents: number | null;
  yearlyFeeCents: number;
  quotesCents: number;
  finalAccountsCents: number;
  quoteCount: number;
  finalAccountCount: number;
}

/** The contracts in scope (one when `id`) with their open quotes and approved final accounts summed, by lot. */
export async function contractsMoney(db: Db, scope: ContractScope, id?: string): Promise<ContractMoney[]> {
  const quotes = openQuotes(db)
    .select(['w.contract_id', sql<number>`sum(q.net_cents)`.as('cents'), sql<number>`count(*)`.as('n')])
    .groupBy('w.contract_id');
  const accounts = approvedFinalAccounts(db)
    .select(['fa.contract_id', sql<number>`sum(fa.chargeable_net_cents)`.as('cents'), sql<number>`count(*)`.as('n')])
    .groupBy('fa.contract_id');
  let q = db
    .selectFrom('contracts as k')
    .innerJoin('contractors as c', 'c.id', 'k.contractor_id')
    .leftJoin(quotes.as('oq'), 'oq.contract_id', 'k.id')
    .leftJoin(accounts.as('af'), 'af.contract_id', 'k.id')
    .select([
      'k.id',
      'k.lot',
      'k.cig',
      'k.title',
      'k.contractor_id',
      'c.name as contractor_name',
      'k.starts_on',
      'k.ends_on',
      'k.net_amount_cents',
      'k.lot_ceiling_cents',
      'k.yearly_fee_cents',
      'oq.cents as quotes_cents',
      'oq.n as quote_count',
      'af.cents as accounts_cents',
      'af.n as account_count',
    ]);
  if (id) q = q.where('k.id', '=', id);
  if (scope) q = q.where(scope);
  const rows = await q.orderBy('k.lot').orderBy('k.id').execute();
  return rows.map((r) => ({
    id: r.id,
    lot: r.lot,
    cig: r.cig,
    title: r.title,
    contractorId: r.contractor_id,
    contractorName: r.contractor_name,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    amountCents: n(r.net_amount_cents),
    ceilingCents: r.lot_ceiling_cents === null ? null : n(r.lot_ceiling_cents),
    yearlyFeeCents: n(r.yearly_fee_cents),
    quotesCents: n(r.quotes_cents),
    finalAccountsCents: n(r.accounts_cents),
    quoteCount: n(r.quote_count),
    finalAccountCount: n(r.account_count),
  }));
}

export interface SpendWorkOrder {
  workOrderId: string;
  number: string;
  description: string;
  buildingCode: string;
  amountCents: number;
  /** When the quote (committed) or the final account (spent) was approved. */
  approvedAt: string | null;
  finalAccountId: string | null;
}

/** The work orders behind a contract's committed extra fee: approved quotes still open, newest approval first. */
export async function committedWorkOrders(db: Db, contractId: string): Promise<SpendWorkOrder[]> {
  const rows = await openQuotes(db)
    .innerJoin('buildings as b', 'b.id', 'w.building_id')
    .leftJoin('final_accounts as fo', 'fo.work_order_id', 'w.id')
    .where('w.contract_id', '=', contractId)
    .select(['w.id', 'w.number', 'w.description', 'b.code', 'q.net_cents', 'q.decided_at', 'fo.id as fa_id'])
    .orderBy('q.decided_at', 'desc')
    .orderBy('w.id')
    .execute();
  return rows.map((r) => ({
    workOrderId: r.id,
    number: r.number,
    description: r.description,
    buildingCode: r.code,
    amountCents: n(r.net_cents),
    approvedAt: r.decided_at,
    finalAccountId: r.fa_id,
  }));
}

/** The work orders behind a contract's spent extra fee: approved final accounts that charge something. */
export async function spentWorkOrders(db: Db, contractId: string): Promise<SpendWorkOrder[]> {
  const rows = await approvedFinalAccounts(db)
    .innerJoin('work_orders as w', 'w.id', 'fa.work_order_id')
    .innerJoin('buildings as b', 'b.id', 'w.building_id')
    .where('fa.contract_id', '=', contractId)
    .where('fa.chargeable_net_cents', '<>', 0)
    .select(['w.id', 'w.number', 'w.description', 'b.code', 'fa.chargeable_net_cents', 'fa.decided_at', 'fa.id as fa_id'])
    .orderBy('fa.decided_at', 'desc')
    .orderBy('w.id')
    .execute();
  return rows.map((r) => ({
    workOrderId: r.id,
    number: r.number,
    description: r.description,
    buildingCode: r.code,
    amountCents: n(r.chargeable_net_cents),
    approvedAt: r.decided_at,
    finalAccountId: r.fa_id,
  }));
}

// --- alerts --------------------------------------------------------------------------------------

export async function alertsOf(db: Db, contractId: string): Promise<Array<{ basis: string; thresholdBp: number }>> {
  const rows = await db
    .selectFrom('contract_spend_alerts')
    .select(['basis', 'threshold_bp'])
    .where('contract_id', '=', contractId)
    .execute();
  return rows.map((r) => ({ basis: r.basis, thresholdBp: Number(r.threshold_bp) }));
}

/** Records a threshold as announced; false when it already was (a concurrent approval got there first). */
export async function recordAlert(
  db: Db,
  row: { contractId: string; basis: string; thresholdBp: number; usedCents: number; baseCents: number; at: string },
): Promise<boolean> {
  const r = await db
    .insertInto('contract_spend_alerts')
    .values({
      contract_id: row.contractId,
      basis: row.basis,
      threshold_bp: row.thresholdBp,
      used_cents: row.usedCents,
      base_cents: row.baseCents,
      notified_at: row.at,
    })
    .onConflict((oc) => oc.columns(['contract_id', 'basis', 'threshold_bp']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}
