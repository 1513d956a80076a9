// SQL of accounting's home (#10 item 7): what waits for them, counted and the first few listed.
// Statements and invoices are read directly from their tables (their modules own the writes).
import { sql } from 'kysely';
import type { Db } from '../../db/create-db.ts';

const LIST = 10;
const n = (v: unknown) => Number(v ?? 0);

/** Final accounts submitted to accounting, oldest submission first. */
export async function submittedFinalAccounts(db: Db) {
  const base = db.selectFrom('final_accounts as fa').where('fa.status', '=', 'submitted');
  const [{ count }] = await base.select(sql<number>`count(*)`.as('count')).execute();
  const rows = await base
    .innerJoin('work_orders as w', 'w.id', 'fa.work_order_id')
    .innerJoin('contracts as k', 'k.id', 'fa.contract_id')
    .innerJoin('contractors as c', 'c.id', 'fa.contractor_id')
    .select(['fa.id', 'w.number', 'k.lot', 'c.name', 'fa.net_cents', 'fa.submitted_at'])
    .orderBy('fa.submitted_at')
    .orderBy('fa.id')
    .limit(LIST)
    .execute();
  return {
    count: n(count),
    items: rows.map((r) => ({
      id: r.id,
      workOrderNumber: r.number,
      lot: r.lot,
      contractorName: r.name,
      netCents: n(r.net_cents),
      submittedAt: r.submitted_at,
    })),
  };
}

/**
 * Statements to prepare: contracts running in `period` (YYYY-MM) with no statement for it, then
 * draft statements of any period (oldest first).
 */
export async function statementsToPrepare(db: Db, period: string) {
  const first = `${period}-01`;
  const last = `${period}-31`;
  const missing = await db
    .selectFrom('contracts as k')
    .innerJoin('contractors as c', 'c.id', 'k.contractor_id')
    .where('k.starts_on', '<=', last)
    .where('k.ends_on', '>=', first)
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('statements as s').select('s.id').whereRef('s.contract_id', '=', 'k.id').where('s.period', '=', period)),
      ),
    )
    .select(['k.id', 'k.lot', 'c.name'])
    .orderBy('k.lot')
    .orderBy('k.id')
    .execute();
  const drafts = await db
    .selectFrom('statements as s')
    .innerJoin('contracts as k', 'k.id', 's.contract_id')
    .innerJoin('contractors as c', 'c.id', 's.contractor_id')
    .where('s.status', '=', 'draft')
    .select(['s.id', 's.period', 'k.id as contract_id', 'k.lot', 'c.name'])
    .orderBy('s.period')
    .orderBy('k.lot')
    .execute();
  const items = [
    ...missing.map((r) => ({
      contractId: r.id,
      lot: r.lot,
      contractorName: r.name,
      period,
      statementId: null,
      status: 'missing' as const,
    })),
    ...drafts.map((r) => ({
      contractId: r.contract_id,
      lot: r.lot,
      contractorName: r.name,
      period: r.period,
      statementId: r.id,
      status: 'draft' as const,
    })),
  ];
  return { count: items.length, items: items.slice(0, LIST) };
}

/** Invoices registered and not yet accepted or disputed, oldest first. */
export async function invoicesToMatch(db: Db) {
  const base = db.selectFrom('invoices as i').where('i.status', '=', 'registered');
  const [{ count }] = await base.select(sql<number>`count(*)`.as('count')).execute();
  const rows = await base
    .innerJoin('contractors as c', 'c.id', 'i.contractor_id')
    .select(['i.id', 'i.number', 'i.issue_date', 'c.name', 'i.total_cents', 'i.mismatches'])
    .orderBy('i.created_at')
    .orderBy('i.id')
    .limit(LIST)
    .execute();
  return {
    count: n(count),
    items: rows.map((r) => ({
      id: r.id,
      number: r.number,
      issueDate: r.issue_date,
      contractorName: r.name,
      totalCents: n(r.total_cents),
      mismatchCount: mismatchCount(r.mismatches),
    })),
  };
}

function mismatchCount(json: string): number {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.length : 0;
  } catch {
    return 0;
  }
}
