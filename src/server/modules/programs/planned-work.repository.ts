// SQL of the planned-work calendar: program items (of any program state) with their planned work
// orders, in a date range, scoped in the query.
import type { Expression, SqlBool } from 'kysely';
import type { Db } from '../../db/create-db.ts';

export interface PlannedWorkSql {
  from: string;
  to: string;
  /** The instants bounding [from, to] as Rome days, for the scheduled time. */
  fromInstant: string;
  toInstant: string;
  buildingId?: string;
  contractId?: string;
  contractorId?: string;
  status?: string;
  after: [string, string] | null;
  limit: number;
  contractScope: ((t: string) => Expression<SqlBool>) | null;
  itemScope: ((column: string) => Expression<SqlBool>) | null;
}

export function listPlannedWork(db: Db, f: PlannedWorkSql) {
  let q = db
    .selectFrom('program_items as pi')
    .innerJoin('programs as pr', 'pr.id', 'pi.program_id')
    .innerJoin('contracts as c', 'c.id', 'pr.contract_id')
    .innerJoin('buildings as b', 'b.id', 'pi.building_id')
    .leftJoin('assets as a', 'a.id', 'pi.asset_id')
    .leftJoin('work_orders as w', 'w.id', 'pi.work_order_id')
    .select([
      'pi.id',
      'pi.program_id',
      'pi.activity',
      'pi.due_on as item_due_on',
      'pi.building_id',
      'pi.planned_on',
      'pi.window_from',
      'pi.window_to',
      'pi.technician',
      'pi.ticket_id',
      'pi.work_order_id',
      'pi.version',
      'pr.status as program_status',
      'pr.month',
      'pr.contract_id',
      'c.contractor_id',
      'b.code as building_code',
      'b.name as building_name',
      'a.name as asset_name',
      'w.number as work_order_number',
      'w.status as work_order_status',
      'w.scheduled_at',
      'w.completed_at',
      'w.late_at',
      'w.technician as wo_technician',
    ])
    .where((eb) =>
      eb.or([
        eb.and([eb('pi.planned_on', '>=', f.from), eb('pi.planned_on', '<=', f.to)]),
        eb.and([eb('w.scheduled_at', '>=', f.fromInstant), eb('w.scheduled_at', '<', f.toInstant)]),
      ]),
    );
  if (f.contractScope) q = q.where(f.contractScope('c'));
  if (f.itemScope) q = q.where(f.itemScope('pi.building_id'));
  if (f.buildingId) q = q.where('pi.building_id', '=', f.buildingId);
  if (f.contractId) q = q.where('pr.contract_id', '=', f.contractId);
  if (f.contractorId) q = q.where('c.contractor_id', '=', f.contractorId);
  if (f.status === 'unpublished') q = q.where('pi.work_order_id', 'is', null);
  else if (f.status) q = q.where('w.status', '=', f.status);
  if (f.after) {
    const [d, id] = f.after;
    q = q.where((eb) => eb.or([eb('pi.planned_on', '>', d), eb.and([eb('pi.planned_on', '=', d), eb('pi.id', '>', id)])]));
  }
  return q
    .orderBy('pi.planned_on')
    .orderBy('pi.id')
    .limit(f.limit + 1)
    .execute();
}
