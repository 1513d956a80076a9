// The only SQL of the import: loading what a file refers to, and writing a validated plan.
// Callers pass the transaction; writes are batched upserts keyed by the natural codes.
import { sql } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type {
  AssetsLookups,
  BuildingsLookups,
  ExistingAsset,
  ExistingBuilding,
  ExistingFloor,
  ExistingSpace,
  ImportKind,
  ImportPlan,
  Lookups,
  Ref,
  References,
  SpacesLookups,
} from './import.validate.ts';
import { pairKey } from './import.validate.ts';

/** Rows per statement: far below both engines' bound-parameter limits. */
const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function inChunks<T>(values: Iterable<string>, load: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (const c of chunks([...values])) out.push(...(await load(c)));
  return out;
}

const toRef = (r: { id: string; active: number | boolean }): Ref => ({ id: r.id, active: Number(r.active) === 1 });

async function refsByCode(db: Db, table: 'sites' | 'departments' | 'technology_classes' | 'buildings', codes: Set<string>) {
  const rows = await inChunks(codes, (c) => db.selectFrom(table).select(['id', 'code', 'active']).where('code', 'in', c).execute());
  return new Map(rows.map((r) => [r.code, toRef(r)]));
}

const activeIds = (m: Map<string, Ref>) => [...m.values()].filter((r) => r.active).map((r) => r.id);

export async function loadLookups(db: Db, kind: ImportKind, refs: References): Promise<Lookups> {
  if (kind === 'buildings') {
    const buildings = await inChunks(refs.own, (c) =>
      db
        .selectFrom('buildings')
        .select([
          'id',
          'code',
          'site_id',
          'name',
          'address',
          'competence',
          'competence_department_id',
          'notify_occupants_planned',
          'new_ticket_notices',
        ])
        .where('code', 'in', c)
        .execute(),
    );
    const lookups: BuildingsLookups = {
      sites: await refsByCode(db, 'sites', refs.sites),
      departments: await refsByCode(db, 'departments', refs.departments),
      buildings: new Map(buildings.map(({ code, ...b }): [string, ExistingBuilding] => [code, b])),
    };
    return lookups;
  }
  if (kind === 'spaces') {
    const buildings = await refsByCode(db, 'buildings', refs.buildings);
    const ids = activeIds(buildings);
    const floors = await inChunks(ids, (c) =>
      db.selectFrom('floors').select(['id', 'building_id', 'code', 'name', 'level']).where('building_id', 'in', c).execute(),
    );
    const spaces = await inChunks(ids, (c) =>
      db
        .selectFrom('spaces')
        .select(['id', 'building_id', 'floor_id', 'code', 'name', 'use', 'area_cm2'])
        .where('building_id', 'in', c)
        .execute(),
    );
    const lookups: SpacesLookups = {
      buildings,
      floors: new Map(
        floors.map((f): [string, ExistingFloor] => [pairKey(f.building_id, f.code), { id: f.id, name: f.name, level: Number(f.level) }]),
      ),
      spaces: new Map(
        spaces.map((s): [string, ExistingSpace] => [
          pairKey(s.building_id, s.code),
          {
            id: s.id,
            floor_id: s.floor_id,
            name: s.name,
            use: s.use,
            area_cm2: s.area_cm2 === null ? null : Number(s.area_cm2),
          },
        ]),
      ),
    };
    return lookups;
  }
  const buildings = await refsByCode(db, 'buildings', refs.buildings);
  const ids = activeIds(buildings);
  const spaces =
    refs.spaces.size === 0
      ? []
      : await inChunks(ids, (c) =>
          db.selectFrom('spaces').select(['id', 'building_id', 'code', 'active']).where('building_id', 'in', c).execute(),
        );
  const assets = await inChunks(refs.own, (c) =>
    db
      .selectFrom('assets')
      .select(['id', 'code', 'name', 'technology_class_id', 'building_id', 'space_id', 'serial_number'])
      .where('code', 'in', c)
      .execute(),
  );
  const lookups: AssetsLookups = {
    classes: await refsByCode(db, 'technology_classes', refs.classes),
    buildings,
    spaces: new Map(spaces.filter((s) => refs.spaces.has(s.code)).map((s) => [pairKey(s.building_id, s.code), toRef(s)])),
    assets: new Map(assets.map(({ code, ...a }): [string, ExistingAsset] => [code, a])),
  };
  return lookups;
}

export interface WriteContext {
  now: string;
  newId: () => string;
}

/** Carries out a plan: inserts new rows, updates changed ones (version + 1). Run it in a transaction. */
export async function writePlan(db: Db, plan: ImportPlan, { now, newId }: WriteContext): Promise<void> {
  const stamp = { created_at: now, updated_at: now };
  if (plan.kind === 'buildings') {
    for (const c of chunks(plan.rows)) {
      await db
        .insertInto('buildings')
        .values(c.map((v) => ({ id: newId(), ...v, ...stamp })))
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            site_id: eb.ref('excluded.site_id'),
            name: eb.ref('excluded.name'),
            address: eb.ref('excluded.address'),
            competence: eb.ref('excluded.competence'),
            competence_department_id: eb.ref('excluded.competence_department_id'),
            // The occupants' setting only when the file has its column (every row then carries it).
            ...(plan.withNotify ? { notify_occupants_planned: eb.ref('excluded.notify_occupants_planned') } : {}),
            // Which new tickets reach the managers: likewise only with its column.
            ...(plan.withNewTicketNotices ? { new_ticket_notices: eb.ref('excluded.new_ticket_notices') } : {}),
            version: sql<number>`${sql.ref('buildings.version')} + 1`,
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
    return;
  }

  if (plan.kind === 'spaces') {
    const floorIds = new Map(plan.floorIds);
    for (const c of chunks(plan.floors)) {
      const written = await db
        .insertInto('floors')
        .values(c.map((f) => ({ id: newId(), ...f, ...stamp })))
        .onConflict((oc) =>
          oc.columns(['building_id', 'code']).doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            level: eb.ref('excluded.level'),
            version: sql<number>`${sql.ref('floors.version')} + 1`,
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .returning(['id', 'building_id', 'code'])
        .execute();
      for (const f of written) floorIds.set(pairKey(f.building_id, f.code), f.id);
    }
    const withUse = plan.optional.includes('use');
    const withArea = plan.optional.includes('area_cm2');
    for (const c of chunks(plan.rows)) {
      await db
        .insertInto('spaces')
        .values(
          c.map(({ floorKey, ...s }) => {
            const floorId = floorIds.get(floorKey);
            if (!floorId) throw new Error(`import: floor ${floorKey} was neither found nor written`);
            return { id: newId(), ...s, floor_id: floorId, ...stamp };
          }),
        )
        .onConflict((oc) =>
          oc.columns(['building_id', 'code']).doUpdateSet((eb) => ({
            floor_id: eb.ref('excluded.floor_id'),
            name: eb.ref('excluded.name'),
            ...(withUse ? { use: eb.ref('excluded.use') } : {}),
            ...(withArea ? { area_cm2: eb.ref('excluded.area_cm2') } : {}),
            version: sql<number>`${sql.ref('spaces.version')} + 1`,
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
    return;
  }

  const withSpace = plan.optional.includes('space_id');
  const withSerial = plan.optional.includes('serial_number');
  for (const c of chunks(plan.rows)) {
    await db
      .insertInto('assets')
      .values(c.map((v) => ({ id: newId(), ...v, ...stamp })))
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          technology_class_id: eb.ref('excluded.technology_class_id'),
          building_id: eb.ref('excluded.building_id'),
          ...(withSpace ? { space_id: eb.ref('excluded.space_id') } : {}),
          ...(withSerial ? { serial_number: eb.ref('excluded.serial_number') } : {}),
          version: sql<number>`${sql.ref('assets.version')} + 1`,
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}
