// SQL of the KPI facts cache (work_order_kpi_facts, migrations 2026-12-13T0002, 2026-12-14T0003):
// store, read a window for the filler, forget what a calendar edit may change. What the rows mean: facts.ts.
import type { Db } from '../../db/create-db.ts';
import type { WorkOrderKpiFactsRow } from '../../db/schema.ts';
import * as slaRepo from '../sla/sla.repository.ts';

/** The columns the application writes (the rest of a row is the triggers'). */
export const FACTS_COLUMNS = [
  'facts_version',
  'final',
  'take_charge_status',
  'take_charge_ms',
  'on_site_status',
  'on_site_ms',
  'resolution_status',
  'resolution_ms',
  'completed_at',
  'reopened',
  'rejected_completions',
  'visits',
  'closed_outcome',
  'computed_at',
] as const;

/** Writes the facts columns of work orders' rows (the row exists: a trigger made it with the work order). */
export async function storeKpiFacts(
  db: Db,
  rows: ReadonlyArray<Pick<WorkOrderKpiFactsRow, 'work_order_id' | (typeof FACTS_COLUMNS)[number]>>,
): Promise<void> {
  for (const { work_order_id, ...facts } of rows)
    await db.updateTable('work_order_kpi_facts').set(facts).where('work_order_id', '=', work_order_id).execute();
}

/** One window of corrective work orders by id after `after`, with the version of their facts row (null: none). */
export async function factsWindow(db: Db, after: string | null, window: number) {
  let q = slaRepo.workOrderFacts(db).leftJoin('work_order_kpi_facts as kf', 'kf.work_order_id', 'w.id').select('kf.facts_version');
  if (after !== null) q = q.where('w.id', '>', after);
  return q.orderBy('w.id').limit(window).execute();
}

/**
 * The facts of the work orders whose clocks a calendar edit may change (a contract's week; a site's
 * or every site's closures, on `days` [first, last] Rome dates) are forgotten, whatever their
 * state (the row stays; its facts become null): a recomputation would use the new calendar for closed work too. For closures only the
 * work orders alive on those days: issued before the last one ended and touched (an event moves
 * updated_at; every clock stops at an event) since the first began; a day's margin each side
 * covers Rome's offset. Readers recompute them until the filler has them again.
 */
export async function forgetKpiFacts(db: Db, by: { contractId?: string; siteId?: string | null; days?: [string, string] }): Promise<void> {
  let ids = db.selectFrom('work_orders').select('id');
  if (by.contractId) ids = ids.where('contract_id', '=', by.contractId);
  if (by.siteId) ids = ids.where('building_id', 'in', db.selectFrom('buildings').select('id').where('site_id', '=', by.siteId));
  if (by.days) {
    const shift = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00.000Z`) + days * 86_400_000).toISOString();
    ids = ids.where('issued_at', '<', shift(by.days[1], 2)).where('updated_at', '>=', shift(by.days[0], -1));
  }
  await db.updateTable('work_order_kpi_facts').set({ facts_version: null }).where('work_order_id', 'in', ids).execute();
}
