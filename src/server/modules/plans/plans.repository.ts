// SQL of maintenance plans, meters, readings, and of the program item a meter reading opens.
import { expressionBuilder, sql, type Insertable, type SqlBool, type Expression, type ExpressionBuilder } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { Database } from '../../db/schema.ts';
import { scopeWhere, type Scope } from '../../scope.ts';
import type { Cursor } from '../registry/common.ts';
import type { PairPredicate, PlanScope } from './plans.scope.ts';

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const like = (column: string, q: string) => sql<SqlBool>`lower(${sql.ref(column)}) like lower(${likePattern(q)}) escape '\\'`;

function pairWhere(scope: PlanScope, b: string, c: string): Expression<SqlBool> | null {
  if (scope.kind === 'all') return null;
  if (scope.kind === 'forbidden') return sql<SqlBool>`1 = 0`;
  return scope.where(b, c);
}

// --- plans -------------------------------------------------------------------------------------

const planSelect = (db: Db) =>
  db
    .selectFrom('maintenance_plans as p')
    .innerJoin('buildings as b', 'b.id', 'p.building_id')
    .innerJoin('technology_classes as tc', 'tc.id', 'p.technology_class_id')
    .leftJoin('assets as a', 'a.id', 'p.asset_id')
    .leftJoin('meters as m', 'm.id', 'p.meter_id')
    .selectAll('p')
    .select([
      'b.code as building_code',
      'b.name as building_name',
      'tc.code as class_code',
      'a.code as asset_code',
      'a.name as asset_name',
      'm.name as meter_name',
      'm.unit as meter_unit',
    ]);

export type PlanJoined = Awaited<ReturnType<ReturnType<typeof planSelect>['executeTakeFirstOrThrow']>>;

export interface PlanListFilters {
  buildingId?: string;
  technologyClassId?: string;
  assetId?: string;
  scheduleKind?: string;
  active: 'true' | 'false' | 'all';
  q?: string;
  cursor: Cursor | null;
  limit: number;
}

/** One page (by code, then id) plus one row more: the caller knows from it whether a next page exists. */
export async function listPlans(db: Db, scope: PlanScope, f: PlanListFilters): Promise<PlanJoined[]> {
  let qb = planSelect(db);
  const scoped = pairWhere(scope, 'p.building_id', 'p.technology_class_id');
  if (scoped) qb = qb.where(scoped);
  if (f.buildingId) qb = qb.where('p.building_id', '=', f.buildingId);
  if (f.technologyClassId) qb = qb.where('p.technology_class_id', '=', f.technologyClassId);
  if (f.assetId) qb = qb.where('p.asset_id', '=', f.assetId);
  if (f.scheduleKind) qb = qb.where('p.schedule_kind', '=', f.scheduleKind);
  if (f.active !== 'all') qb = qb.where('p.active', '=', f.active === 'true' ? 1 : 0);
  const q = f.q?.trim();
  if (q) qb = qb.where((eb) => eb.or([like('p.code', q), like('p.activity', q)]));
  if (f.cursor) {
    const [code, id] = f.cursor;
    qb = qb.where((eb) => eb.or([eb('p.code', '>', code), eb.and([eb('p.code', '=', code), eb('p.id', '>', id)])]));
  }
  return qb
    .orderBy('p.code')
    .orderBy('p.id')
    .limit(f.limit + 1)
    .execute();
}

export function findPlan(db: Db, id: string, scope: PlanScope): Promise<PlanJoined | undefined> {
  let qb = planSelect(db).where('p.id', '=', id);
  const scoped = pairWhere(scope, 'p.building_id', 'p.technology_class_id');
  if (scoped) qb = qb.where(scoped);
  return qb.executeTakeFirst();
}

/** Whether (building, class) is within the scope: where a new or moved plan may go. */
export async function pairInScope(db: Db, scope: PlanScope, buildingId: string, classId: string): Promise<boolean> {
  const w = pairWhere(scope, 'pb.id', 'pc.id');
  if (!w) return true;
  const row = await db
    .selectFrom('buildings as pb')
    .innerJoin('technology_classes as pc', (j) => j.onTrue())
    .select('pb.id')
    .where('pb.id', '=', buildingId)
    .where('pc.id', '=', classId)
    .where(w)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertPlan(db: Db, row: Insertable<Database['maintenance_plans']>): Promise<void> {
  await db.insertInto('maintenance_plans').values(row).execute();
}

/** Optimistic update: only when the stored version is still `version`. */
export async function updatePlan(
  db: Db,
  id: string,
  version: number,
  set: Partial<Insertable<Database['maintenance_plans']>>,
  now: string,
): Promise<boolean> {
  const r = await db
    .updateTable('maintenance_plans')
    .set({ ...set, updated_at: now, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function planCodeTaken(db: Db, code: string, exceptId: string | null): Promise<boolean> {
  let qb = db.selectFrom('maintenance_plans').select('id').where('code', '=', code);
  if (exceptId) qb = qb.where('id', '<>', exceptId);
  return (await qb.executeTakeFirst()) !== undefined;
}

/** Existing plans by code (the import's lookups). */
export async function plansByCode(db: Db, codes: string[]) {
  if (codes.length === 0) return [];
  return db.selectFrom('maintenance_plans').selectAll().where('code', 'in', codes).execute();
}

export async function buildingExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('buildings').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}
export async function classExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('technology_classes').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}
export function assetById(db: Db, id: string) {
  return db.selectFrom('assets').select(['id', 'code', 'building_id', 'technology_class_id']).where('id', '=', id).executeTakeFirst();
}
export function meterWithAsset(db: Db, id: string) {
  return db
    .selectFrom('meters as m')
    .innerJoin('assets as a', 'a.id', 'm.asset_id')
    .select(['m.id', 'm.asset_id', 'm.name', 'm.unit', 'a.building_id', 'a.technology_class_id'])
    .where('m.id', '=', id)
    .executeTakeFirst();
}

/** Ids by code of buildings, classes, assets (the import's lookups). */
export async function idsByCode(db: Db, table: 'buildings' | 'technology_classes' | 'assets', codes: string[]) {
  if (codes.length === 0) return new Map<string, { id: string; active: boolean }>();
  const rows = await db.selectFrom(table).select(['id', 'code', 'active']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, { id: r.id, active: Number(r.active) === 1 }]));
}
export async function assetsByCode(db: Db, codes: string[]) {
  if (codes.length === 0) return [];
  return db
    .selectFrom('assets')
    .select(['id', 'code', 'active', 'building_id', 'technology_class_id'])
    .where('code', 'in', codes)
    .execute();
}

// --- meters ------------------------------------------------------------------------------------

const meterSelect = (db: Db) =>
  db
    .selectFrom('meters as m')
    .innerJoin('assets as a', 'a.id', 'm.asset_id')
    .selectAll('m')
    .select(['a.code as asset_code', 'a.name as asset_name', 'a.building_id', 'a.technology_class_id'])
    .select((eb) => [
      eb
        .selectFrom('meter_readings as r')
        .select('r.value_milli')
        .whereRef('r.meter_id', '=', 'm.id')
        .orderBy('r.read_at', 'desc')
        .orderBy('r.id', 'desc')
        .limit(1)
        .as('last_value_milli'),
      eb
        .selectFrom('meter_readings as r2')
        .select('r2.read_at')
        .whereRef('r2.meter_id', '=', 'm.id')
        .orderBy('r2.read_at', 'desc')
        .orderBy('r2.id', 'desc')
        .limit(1)
        .as('last_read_at'),
    ]);
export type MeterJoined = Awaited<ReturnType<ReturnType<typeof meterSelect>['executeTakeFirstOrThrow']>>;

export async function listMeters(
  db: Db,
  assetScope: Scope,
  f: { assetId?: string; buildingId?: string; q?: string; active: 'true' | 'false' | 'all'; cursor: Cursor | null; limit: number },
): Promise<MeterJoined[]> {
  let qb = meterSelect(db);
  const scoped = scopeWhere(assetScope, 'a');
  if (scoped) qb = qb.where(scoped);
  if (f.assetId) qb = qb.where('m.asset_id', '=', f.assetId);
  if (f.buildingId) qb = qb.where('a.building_id', '=', f.buildingId);
  if (f.active !== 'all') qb = qb.where('m.active', '=', f.active === 'true' ? 1 : 0);
  const q = f.q?.trim();
  if (q) qb = qb.where((eb) => eb.or([like('m.name', q), like('a.code', q), like('a.name', q)]));
  if (f.cursor) {
    const [key, id] = f.cursor;
    qb = qb.where((eb) => eb.or([eb('a.code', '>', key), eb.and([eb('a.code', '=', key), eb('m.id', '>', id)])]));
  }
  return qb
    .orderBy('a.code')
    .orderBy('m.id')
    .limit(f.limit + 1)
    .execute();
}

export function findMeter(db: Db, id: string, assetScope: Scope): Promise<MeterJoined | undefined> {
  let qb = meterSelect(db).where('m.id', '=', id);
  const scoped = scopeWhere(assetScope, 'a');
  if (scoped) qb = qb.where(scoped);
  return qb.executeTakeFirst();
}

export async function insertMeter(db: Db, row: Insertable<Database['meters']>): Promise<void> {
  await db.insertInto('meters').values(row).execute();
}

/** Meters by (asset code, meter name): the readings import's lookups. */
export async function metersByAssetCodes(db: Db, assetCodes: string[]) {
  if (assetCodes.length === 0) return [];
  return db
    .selectFrom('meters as m')
    .innerJoin('assets as a', 'a.id', 'm.asset_id')
    .select(['m.id', 'm.name', 'a.code as asset_code', 'a.building_id', 'a.technology_class_id'])
    .where('a.code', 'in', assetCodes)
    .where('m.active', '=', 1)
    .execute();
}

/** Readings newest first, keyset on (read_at, id) descending. */
export async function listReadings(db: Db, meterId: string, cursor: Cursor | null, limit: number) {
  let qb = db.selectFrom('meter_readings').selectAll().where('meter_id', '=', meterId);
  if (cursor) {
    const [at, id] = cursor;
    qb = qb.where((eb) => eb.or([eb('read_at', '<', at), eb.and([eb('read_at', '=', at), eb('id', '<', id)])]));
  }
  return qb
    .orderBy('read_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

export async function insertReading(db: Db, row: Insertable<Database['meter_readings']>): Promise<void> {
  await db.insertInto('meter_readings').values(row).execute();
}

/** The highest reading of a meter so far (milli), or null. */
export async function highestReadingMilli(db: Db, meterId: string): Promise<number | null> {
  const r = await db
    .selectFrom('meter_readings')
    .select((eb) => eb.fn.max('value_milli').as('v'))
    .where('meter_id', '=', meterId)
    .executeTakeFirst();
  return r?.v == null ? null : Number(r.v);
}

// --- what a reading opens ----------------------------------------------------------------------

/** The active meter plans counting on this meter. */
export function meterPlans(db: Db, meterId: string) {
  return db
    .selectFrom('maintenance_plans')
    .selectAll()
    .where('meter_id', '=', meterId)
    .where('schedule_kind', '=', 'meter')
    .where('active', '=', 1)
    .orderBy('code')
    .execute();
}

/** Compare and set: moves the plan's last threshold from `from` to `to`; false if someone moved it first. */
export async function advanceTrigger(db: Db, planId: string, from: number | null, to: number, now: string): Promise<boolean> {
  let qb = db.updateTable('maintenance_plans').set({ meter_last_trigger_milli: to, updated_at: now }).where('id', '=', planId);
  qb = from === null ? qb.where('meter_last_trigger_milli', 'is', null) : qb.where('meter_last_trigger_milli', '=', from);
  return Number((await qb.executeTakeFirst()).numUpdatedRows) > 0;
}

export function programOf(db: Db, contractId: string, month: string) {
  return db
    .selectFrom('programs')
    .select(['id', 'status', 'month'])
    .where('contract_id', '=', contractId)
    .where('month', '=', month)
    .executeTakeFirst();
}

export async function insertProgram(db: Db, row: Insertable<Database['programs']>): Promise<void> {
  await db.insertInto('programs').values(row).execute();
}

export async function insertProgramItem(db: Db, row: Insertable<Database['program_items']>): Promise<void> {
  await db.insertInto('program_items').values(row).execute();
}

export async function programItemExists(db: Db, planId: string, occurrenceKey: string): Promise<boolean> {
  return (
    (await db
      .selectFrom('program_items')
      .select('id')
      .where('plan_id', '=', planId)
      .where('occurrence_key', '=', occurrenceKey)
      .executeTakeFirst()) !== undefined
  );
}

export function findReading(db: Db, id: string) {
  return db.selectFrom('meter_readings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

// --- scope predicates (the rules that pick them: plans.scope.ts) --------------------------------

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const pairEb: ExpressionBuilder<any, any> = expressionBuilder<any, any>();

/** The (building, class) pairs of the buildings `userId` manages. */
export const managedPairs =
  (userId: string): PairPredicate =>
  (b) =>
    pairEb(
      pairEb.ref(b),
      'in',
      pairEb.selectFrom('building_managers as ps_bm').select('ps_bm.building_id').where('ps_bm.user_id', '=', userId),
    );

/** The (building, class) pairs one of the contractor's contracts covers. */
export const coveredPairs =
  (contractorId: string): PairPredicate =>
  (b, c) =>
    pairEb.exists(
      pairEb
        .selectFrom('contracts as ps_c')
        .innerJoin('contract_buildings as ps_cb', 'ps_cb.contract_id', 'ps_c.id')
        .innerJoin('contract_classes as ps_cc', 'ps_cc.contract_id', 'ps_c.id')
        .select('ps_c.id')
        .where('ps_c.contractor_id', '=', contractorId)
        .whereRef('ps_cb.building_id', '=', pairEb.ref(b) as never)
        .whereRef('ps_cc.technology_class_id', '=', pairEb.ref(c) as never),
    );
