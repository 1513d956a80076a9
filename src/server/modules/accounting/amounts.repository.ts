// The money of a page of work orders: the latest quote of each (its state, net and total) and
// whether the work is billed beyond the flat fee. Read only; the list itself comes from the work
// lists (worklists.service.ts), so scope, filters and order are theirs.
import type { Db } from '../../db/create-db.ts';

export interface AmountRow {
  work_order_id: string;
  extra_fee: number | string | boolean;
  quote_status: string | null;
  net_cents: number | string | null;
  total_cents: number | string | null;
  quote_created_at: string | null;
  quote_id: string | null;
}

/** One row per (work order, quote), and one with null quote fields for a work order without any. */
export function amountRows(db: Db, workOrderIds: string[]): Promise<AmountRow[]> {
  if (workOrderIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('work_orders as w')
    .leftJoin('quotes as q', 'q.work_order_id', 'w.id')
    .select([
      'w.id as work_order_id',
      'w.extra_fee',
      'q.status as quote_status',
      'q.net_cents',
      'q.total_cents',
      'q.created_at as quote_created_at',
      'q.id as quote_id',
    ])
    .where('w.id', 'in', workOrderIds)
    .execute() as Promise<AmountRow[]>;
}
