// Maintenance plans written straight into the test database (the plans module is another
// helper's), for the programs, calendar-feed and planned-work tests.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/server/db/create-db.ts';

let counter = 0;

export async function classId(db: Db, code: string): Promise<string> {
  return (await db.selectFrom('technology_classes').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

export async function contractIdOfLot(db: Db, lot: string): Promise<string> {
  return (await db.selectFrom('contracts').select('id').where('lot', '=', lot).executeTakeFirstOrThrow()).id;
}

export async function makePlan(
  db: Db,
  o: {
    building: string;
    cls: string;
    activity?: string;
    rrule: string;
    startsOn: string;
    kind?: 'calendar' | 'floating';
    lastDoneOn?: string;
    active?: boolean;
    shift?: 'next' | 'previous';
    checklist?: unknown[];
    requiredDocuments?: string[];
  },
): Promise<string> {
  const id = randomUUID();
  const b = await db.selectFrom('buildings').select('id').where('code', '=', o.building).executeTakeFirstOrThrow();
  const asset = await db.selectFrom('assets').select('id').where('building_id', '=', b.id).limit(1).executeTakeFirst();
  const at = '2026-01-01T00:00:00.000Z';
  await db
    .insertInto('maintenance_plans')
    .values({
      id,
      code: `TP-${++counter}-${id.slice(0, 6)}`,
      activity: o.activity ?? `Controllo ${counter}`,
      description: null,
      building_id: b.id,
      technology_class_id: await classId(db, o.cls),
      asset_id: asset?.id ?? null,
      schedule_kind: o.kind ?? 'calendar',
      rrule: o.rrule,
      starts_on: o.startsOn,
      ends_on: null,
      season_from: null,
      season_to: null,
      shift: o.shift ?? 'next',
      last_done_on: o.lastDoneOn ?? null,
      meter_id: null,
      meter_every_milli: null,
      meter_last_trigger_milli: null,
      checklist: JSON.stringify(o.checklist ?? [{ key: 'ok', label: 'Funziona', kind: 'yes_no' }]),
      required_documents: JSON.stringify(o.requiredDocuments ?? []),
      regulation: null,
      estimated_minutes: 60,
      active: o.active === false ? 0 : 1,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}
