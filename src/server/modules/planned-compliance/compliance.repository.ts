// SQL of planned-maintenance compliance: the planned work orders due in a period, in the caller's scope.
import type { Expression, SqlBool } from 'kysely';
import type { Db } from '../../db/create-db.ts';

/** `contractScope` applies to contracts as k, `buildingScope` to buildings as b (scope.ts scopeWhere). */
export function dueItems(
  db: Db,
  f: { from: string; to: string; contractId?: string; buildingId?: string },
  contractScope: Expression<SqlBool> | null,
  buildingScope: Expression<SqlBool> | null,
) {
  let q = db
    .selectFrom('work_orders as w')
    .innerJoin('contracts as k', 'k.id', 'w.contract_id')
    .innerJoin('contractors as c', 'c.id', 'w.contractor_id')
    .innerJoin('buildings as b', 'b.id', 'w.building_id')
    .select([
      'w.contract_id',
      'k.lot',
      'c.name as contractor_name',
      'w.building_id',
      'b.code as building_code',
      'b.name as building_name',
      'w.due_on',
      'w.completed_at',
      'w.status',
    ])
    .where('w.kind', '=', 'planned')
    .where('w.due_on', '>=', f.from)
    .where('w.due_on', '<=', f.to);
  if (f.contractId) q = q.where('w.contract_id', '=', f.contractId);
  if (f.buildingId) q = q.where('w.building_id', '=', f.buildingId);
  if (contractScope) q = q.where(contractScope);
  if (buildingScope) q = q.where(buildingScope);
  return q.orderBy('k.lot').orderBy('b.code').orderBy('w.due_on').execute();
}
