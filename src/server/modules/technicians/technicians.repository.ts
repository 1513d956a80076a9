// SQL of technicians (#9): a contractor's field staff, a work order's assignee, the work of a
// technician and of a contractor's day. Every query carries the contractor: scope in the WHERE.
import { sql } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import { ASSIGNABLE_STATES } from './assignable.ts';

/** The next visit of a work order: its inspection while one is scheduled, else its work date. */
const visitAt = sql<string | null>`case when w.status = 'inspection_scheduled' then w.inspection_at else w.scheduled_at end`;

/** The contractor's active technicians (active users with the contractor role and the flag), by name. */
export function techniciansOf(db: Db, contractorId: string, technicianId?: string) {
  let q = db
    .selectFrom('users as u')
    .select(['u.id', 'u.display_name', 'u.username', 'u.language'])
    .where('u.contractor_id', '=', contractorId)
    .where('u.technician', '=', 1)
    .where('u.active', '=', 1)
    .where((eb) =>
      eb.exists(eb.selectFrom('user_roles as r').select('r.user_id').whereRef('r.user_id', '=', 'u.id').where('r.role', '=', 'contractor')),
    );
  if (technicianId !== undefined) q = q.where('u.id', '=', technicianId);
  return q.orderBy('u.display_name').orderBy('u.id').execute();
}

export function userLabel(db: Db, id: string) {
  return db.selectFrom('users').select(['id', 'display_name']).where('id', '=', id).executeTakeFirst();
}

/** The building's code and name, for the technician's notification. */
export function buildingLabel(db: Db, id: string) {
  return db.selectFrom('buildings').select(['code', 'name']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** Ids of the open work orders of the contractor assigned to the technician: in progress, or due by `before`. */
export async function myWorkIds(db: Db, technicianId: string, contractorId: string, before: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('work_orders as w')
    .select(['w.id', visitAt.as('visit_at')])
    .where('w.technician_id', '=', technicianId)
    .where('w.contractor_id', '=', contractorId)
    .where('w.status', 'in', ASSIGNABLE_STATES)
    .where((eb) => eb.or([eb('w.status', '=', 'in_progress'), eb(visitAt, '<', before)]))
    .orderBy(sql`case when w.status = 'in_progress' then 0 else 1 end`)
    .orderBy(visitAt)
    .orderBy('w.id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** The contractor's open work orders with a visit in [from, to), by time. */
export function visitsOf(db: Db, contractorId: string, from: string, to: string) {
  return db
    .selectFrom('work_orders as w')
    .innerJoin('buildings as b', 'b.id', 'w.building_id')
    .select([
      'w.id',
      'w.number',
      'w.status',
      'w.priority',
      'w.description',
      'w.technician_id',
      visitAt.as('at'),
      'b.id as building_id',
      'b.code as building_code',
      'b.name as building_name',
    ])
    .where('w.contractor_id', '=', contractorId)
    .where('w.status', 'in', ASSIGNABLE_STATES)
    .where(visitAt, '>=', from)
    .where(visitAt, '<', to)
    .orderBy(visitAt)
    .orderBy('w.id')
    .limit(500)
    .execute();
}
