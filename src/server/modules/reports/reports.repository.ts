// SQL of the SLA reports: one keyset batch of the work orders issued in a period, with what the
// groupings need (lot, technology class, building code) on top of the clocks' facts.
import type { Expression, SqlBool } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import { workOrderFacts, type WorkOrderFacts } from '../sla/sla.repository.ts';

export type ReportFacts = WorkOrderFacts & {
  lot: string;
  class_code: string;
  class_name_it: string;
  class_name_en: string;
  building_code: string;
};

export interface FactsBatch {
  /** issued_at in [start, end) */
  start: string;
  end: string;
  /** the caller's work-order scope on alias `w` (null: every work order) */
  scope: Expression<SqlBool> | null;
  contractId?: string;
  /** the last (issued_at, id) of the previous batch */
  after: [string, string] | null;
  limit: number;
}

/** Up to `limit` work orders issued in the period, by (issued_at, id) after `after`. */
export async function factsBatch(db: Db, b: FactsBatch): Promise<ReportFacts[]> {
  let q = workOrderFacts(db)
    .innerJoin('contracts as k', 'k.id', 'w.contract_id')
    .innerJoin('technology_classes as tc', 'tc.id', 'w.technology_class_id')
    .select(['k.lot', 'tc.code as class_code', 'tc.name_it as class_name_it', 'tc.name_en as class_name_en', 'b.code as building_code'])
    .where('w.issued_at', '>=', b.start)
    .where('w.issued_at', '<', b.end);
  if (b.scope) q = q.where(b.scope);
  if (b.contractId) q = q.where('w.contract_id', '=', b.contractId);
  if (b.after) {
    const [at, id] = b.after;
    q = q.where((eb) => eb.or([eb('w.issued_at', '>', at), eb.and([eb('w.issued_at', '=', at), eb('w.id', '>', id)])]));
  }
  return (await q.orderBy('w.issued_at').orderBy('w.id').limit(b.limit).execute()) as ReportFacts[];
}
