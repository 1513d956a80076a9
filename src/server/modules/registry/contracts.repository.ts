import type { Db } from '../../db/create-db.ts';
import { scopeWhere, type Scope } from '../../scope.ts';
import type { Row } from './common.repository.ts';

/** The contracts (within the scope) covering both the building and the technology class, any period. */
export async function contractsCovering(db: Db, buildingId: string, technologyClassId: string, scope: Scope): Promise<Row[]> {
  let qb = db
    .selectFrom('contracts')
    .selectAll('contracts')
    .where(
      'contracts.id',
      'in',
      db.selectFrom('contract_buildings').select('contract_buildings.contract_id').where('contract_buildings.building_id', '=', buildingId),
    )
    .where(
      'contracts.id',
      'in',
      db
        .selectFrom('contract_classes')
        .select('contract_classes.contract_id')
        .where('contract_classes.technology_class_id', '=', technologyClassId),
    );
  const scoped = scopeWhere(scope, 'contracts');
  if (scoped) qb = qb.where(scoped);
  return qb.orderBy('contracts.lot').orderBy('contracts.id').execute();
}

/** Of these contracts, the ids whose money the scope lets a caller read (contractMoneyScope). */
export async function moneyReadableIds(db: Db, ids: string[], scope: Scope): Promise<Set<string>> {
  if (scope.kind === 'all') return new Set(ids);
  if (scope.kind === 'forbidden' || ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('contracts')
    .select('contracts.id')
    .where('contracts.id', 'in', ids)
    .where(scopeWhere(scope, 'contracts')!)
    .execute();
  return new Set(rows.map((r) => r.id));
}
