// SQL of the service-indicator files (#11 item 3): the contract named in a report's header, read
// within the caller's contract scope (a contract out of scope is not selected, so it reads as 404).
import type { Expression, SqlBool } from 'kysely';
import type { Db } from '../../db/create-db.ts';

/** Lot, CIG, title and contractor of one contract, or undefined when missing or out of `scope` (on alias `k`). */
export function contractHeader(db: Db, id: string, scope: Expression<SqlBool> | null) {
  let q = db
    .selectFrom('contracts as k')
    .innerJoin('contractors as c', 'c.id', 'k.contractor_id')
    .select(['k.id', 'k.lot', 'k.cig', 'k.title', 'c.name as contractor_name', 'c.vat_number as contractor_vat_number'])
    .where('k.id', '=', id);
  if (scope) q = q.where(scope);
  return q.executeTakeFirst();
}
export type ContractHeaderRow = NonNullable<Awaited<ReturnType<typeof contractHeader>>>;
