// Meters (per asset) and their readings. A reading may open meter plans' activities
// (meter-trigger.ts), in the reading's own transaction.
import type { AppContext } from '../../context.ts';
import { forbidden, invalid, notFound, type FieldIssue } from '../../errors.ts';
import type { Db } from '../../db/create-db.ts';
import { newId } from '../../ids.ts';
import { readScope, type Actor } from '../../scope.ts';
import type { MeterDto, ReadingDto } from '../../../shared/schemas/plans.ts';
import { decodeCursor, encodeCursor, referenceErrors } from '../registry/common.ts';
import * as repo from './plans.repository.ts';
import { planScope } from './plans.scope.ts';
import { openMeterActivity, type Opened } from './meter-trigger.ts';

const DEFAULT_LIMIT = 50;

function assetScope(actor: Actor) {
  const s = readScope(actor, 'assets');
  if (s.kind === 'forbidden') throw forbidden();
  return s;
}

const presentMeter = (r: repo.MeterJoined): MeterDto => ({
  id: r.id,
  active: Number(r.active) === 1,
  version: Number(r.version),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  assetId: r.asset_id,
  assetCode: r.asset_code,
  assetName: r.asset_name,
  buildingId: r.building_id,
  name: r.name,
  unit: r.unit,
  lastValue: r.last_value_milli == null ? null : Number(r.last_value_milli) / 1000,
  lastReadAt: (r.last_read_at as string | null) ?? null,
});

type ReadingRow = Awaited<ReturnType<typeof repo.listReadings>>[number];
const presentReading = (r: ReadingRow): ReadingDto => ({
  id: r.id,
  meterId: r.meter_id,
  value: Number(r.value_milli) / 1000,
  readAt: r.read_at,
  source: r.source,
  recordedById: r.recorded_by_id,
  createdAt: r.created_at,
});

export interface MeterListQuery {
  assetId?: string;
  buildingId?: string;
  q?: string;
  active?: 'true' | 'false' | 'all';
  cursor?: string;
  limit?: number;
}

export async function listMeters(ctx: AppContext, actor: Actor, query: MeterListQuery) {
  const limit = query.limit ?? DEFAULT_LIMIT;
  const rows = await repo.listMeters(ctx.db, assetScope(actor), {
    ...query,
    active: query.active ?? 'true',
    cursor: decodeCursor(query.cursor),
    limit,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(presentMeter), nextCursor: rows.length > limit ? encodeCursor([last.asset_code, last.id]) : null };
}

export async function getMeter(ctx: AppContext, actor: Actor, id: string): Promise<MeterDto> {
  const row = await repo.findMeter(ctx.db, id, assetScope(actor));
  if (!row) throw notFound();
  return presentMeter(row);
}

/** Who writes plans of the asset's (building, class) adds its meters: admin, service head, its BM. */
export async function createMeter(ctx: AppContext, actor: Actor, body: { assetId: string; name: string; unit: string }): Promise<MeterDto> {
  const scope = planScope(actor, 'write');
  if (scope.kind === 'forbidden') throw forbidden();
  const name = body.name.trim();
  const unit = body.unit.trim();
  const issues: FieldIssue[] = [];
  if (!name) issues.push({ field: 'name', rule: 'required' });
  if (!unit) issues.push({ field: 'unit', rule: 'required' });
  if (issues.length) throw invalid(issues);
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const asset = await repo.assetById(trx, body.assetId);
    if (!asset) throw referenceErrors([{ field: 'assetId', rule: 'notFound' }]);
    if (!(await repo.pairInScope(trx, scope, asset.building_id, asset.technology_class_id))) throw notFound();
    const id = newId();
    await repo.insertMeter(trx, { id, asset_id: asset.id, name, unit, active: 1, version: 1, created_at: now, updated_at: now });
    return presentMeter((await repo.findMeter(trx, id, { kind: 'all' }))!);
  });
}

export async function listReadings(ctx: AppContext, actor: Actor, meterId: string, query: { cursor?: string; limit?: number }) {
  if (!(await repo.findMeter(ctx.db, meterId, assetScope(actor)))) throw notFound();
  const limit = query.limit ?? DEFAULT_LIMIT;
  const rows = await repo.listReadings(ctx.db, meterId, decodeCursor(query.cursor), limit);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(presentReading), nextCursor: rows.length > limit ? encodeCursor([last.read_at, last.id]) : null };
}

/** Writes one reading and opens what it opens; the import calls it once per row in its own transaction. */
export async function insertReadingAndTrigger(
  trx: Db,
  meterId: string,
  valueMilli: number,
  readAt: string,
  source: 'manual' | 'import' | 'visit',
  userId: string | null,
  now: string,
): Promise<{ id: string; opened: Opened[] }> {
  const id = newId();
  await repo.insertReading(trx, {
    id,
    meter_id: meterId,
    value_milli: valueMilli,
    read_at: readAt,
    source,
    work_order_id: null,
    recorded_by_id: userId,
    created_at: now,
  });
  const opened: Opened[] = [];
  for (const plan of await repo.meterPlans(trx, meterId)) {
    const o = await openMeterActivity(trx, plan, valueMilli, readAt, { newId, now });
    if (o) opened.push(o);
  }
  return { id, opened };
}

/** A reading: admin, service head, the building's BM, or a contractor whose contract covers the asset. */
export async function addReading(ctx: AppContext, actor: Actor, meterId: string, body: { value: number; readAt: string }) {
  const scope = planScope(actor, 'reading');
  if (scope.kind === 'forbidden') throw forbidden();
  const readAt = new Date(body.readAt);
  if (Number.isNaN(readAt.getTime())) throw invalid([{ field: 'readAt', rule: 'instant' }]);
  if (readAt.getTime() > ctx.now().getTime() + 5 * 60_000)
    throw invalid([{ field: 'readAt', rule: 'maximum', params: { limit: ctx.now().toISOString() } }]);
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const meter = await repo.findMeter(trx, meterId, assetScope(actor));
    if (!meter) throw notFound();
    if (!(await repo.pairInScope(trx, scope, meter.building_id, meter.technology_class_id))) throw forbidden();
    const { id, opened } = await insertReadingAndTrigger(
      trx,
      meterId,
      Math.round(body.value * 1000),
      readAt.toISOString(),
      'manual',
      actor === 'system' ? null : actor.userId,
      now,
    );
    return { reading: presentReading(await repo.findReading(trx, id)), opened };
  });
}
