// SQL of the calendar feeds: the secret URLs (stored as sha256) and the published program items a
// feed shows.
import type { Insertable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { CalendarFeedRow } from '../../db/schema.ts';

export async function insertFeed(db: Db, row: Insertable<CalendarFeedRow>): Promise<void> {
  await db.insertInto('calendar_feeds').values(row).execute();
}

/** The caller's feeds (all of them for `all`), newest first. */
export function listFeeds(db: Db, userId: string | null) {
  let q = db
    .selectFrom('calendar_feeds')
    .select(['id', 'name', 'contract_id', 'building_id', 'prefix', 'created_at', 'revoked_at', 'created_by_id']);
  if (userId) q = q.where('created_by_id', '=', userId);
  return q.orderBy('created_at', 'desc').orderBy('id').limit(500).execute();
}

export function getFeed(db: Db, id: string) {
  return db.selectFrom('calendar_feeds').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function revokeFeed(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('calendar_feeds').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

/** The live feed with this secret's hash, and whether its creator is still an active user. */
export function liveFeedByHash(db: Db, hash: string) {
  return db
    .selectFrom('calendar_feeds as f')
    .leftJoin('users as u', 'u.id', 'f.created_by_id')
    .select([
      'f.id',
      'f.name',
      'f.contract_id',
      'f.building_id',
      'f.created_by_id',
      'u.active as creator_active',
      'u.contractor_id as creator_contractor_id',
    ])
    .where('f.token_hash', '=', hash)
    .where('f.revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function rolesOf(db: Db, userId: string): Promise<string[]> {
  return (await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute()).map((r) => r.role);
}

export async function managedBuildingIds(db: Db, userId: string): Promise<string[]> {
  return (await db.selectFrom('building_managers').select('building_id').where('user_id', '=', userId).execute()).map((r) => r.building_id);
}

export function contractOf(db: Db, id: string) {
  return db.selectFrom('contracts').select(['id', 'contractor_id', 'lot', 'title']).where('id', '=', id).executeTakeFirst();
}

export function buildingOf(db: Db, id: string) {
  return db.selectFrom('buildings').select(['id', 'code', 'name']).where('id', '=', id).executeTakeFirst();
}

export async function contractCoversAny(db: Db, contractId: string, buildingIds: string[]): Promise<boolean> {
  if (buildingIds.length === 0) return false;
  const r = await db
    .selectFrom('contract_buildings')
    .select('building_id')
    .where('contract_id', '=', contractId)
    .where('building_id', 'in', buildingIds)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** Items of published programs of the months [fromMonth, toMonth], of one contract or one building (optionally only some buildings). */
export function feedItems(
  db: Db,
  f: { contractId: string | null; buildingId: string | null; onlyBuildings: string[] | null; fromMonth: string; toMonth: string },
) {
  let q = db
    .selectFrom('program_items as pi')
    .innerJoin('programs as pr', 'pr.id', 'pi.program_id')
    .innerJoin('buildings as b', 'b.id', 'pi.building_id')
    .leftJoin('assets as a', 'a.id', 'pi.asset_id')
    .leftJoin('work_orders as w', 'w.id', 'pi.work_order_id')
    .leftJoin('maintenance_plans as p', 'p.id', 'pi.plan_id')
    .select([
      'pi.id',
      'pi.activity',
      'pi.planned_on',
      'pi.window_from',
      'pi.window_to',
      'pi.technician',
      'pi.updated_at',
      'b.code as building_code',
      'b.name as building_name',
      'a.name as asset_name',
      'p.estimated_minutes',
      'w.number as work_order_number',
      'w.status as work_order_status',
      'w.scheduled_at',
      'w.technician as wo_technician',
      'w.updated_at as wo_updated_at',
    ])
    .where('pr.status', '=', 'published')
    .where('pr.month', '>=', f.fromMonth)
    .where('pr.month', '<=', f.toMonth);
  if (f.contractId) q = q.where('pr.contract_id', '=', f.contractId);
  if (f.buildingId) q = q.where('pi.building_id', '=', f.buildingId);
  if (f.onlyBuildings) q = f.onlyBuildings.length ? q.where('pi.building_id', 'in', f.onlyBuildings) : q.where('pi.id', '=', '');
  return q.orderBy('pi.planned_on').orderBy('pi.id').limit(20_000).execute();
}
