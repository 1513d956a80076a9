// Maintenance plans: list, read, create, change (deactivate with active: false). Meters and their
// readings: meters.service.ts. Scope: plans.scope.ts.
import { DateTime } from 'luxon';
import type { AppContext } from '../../context.ts';
import { AppError, forbidden, invalid, notFound, type FieldIssue } from '../../errors.ts';
import type { Db } from '../../db/create-db.ts';
import { newId } from '../../ids.ts';
import type { Lang } from '../../i18n/messages.ts';
import type { Actor } from '../../scope.ts';
import type { ChecklistItemDto, PlanDto } from '../../../shared/schemas/plans.ts';
import { decodeCursor, duplicate, encodeCursor, referenceErrors, uniqueViolationColumns } from '../registry/common.ts';
import * as repo from './plans.repository.ts';
import { planScope, type PlanScope } from './plans.scope.ts';
import { normalisePlan, validatePlan, type PlanInput } from './plans.validate.ts';
import { nextDue } from '../../../domain/planned/recurrence.ts';
import { describeRule, nextDates } from './rule.ts';
import { thresholdBehind } from './meter-trigger.ts';
import { replanAfterEdit } from '../programs/replan.ts';

const DEFAULT_LIMIT = 50;
const toMilli = (n: number | null) => (n === null ? null : Math.round(n * 1000));
const fromMilli = (v: number | string | null) => (v === null ? null : Number(v) / 1000);

function scopeOf(actor: Actor, mode: 'read' | 'write'): PlanScope {
  const s = planScope(actor, mode);
  if (s.kind === 'forbidden') throw forbidden();
  return s;
}

const romeToday = (now: Date) => DateTime.fromJSDate(now, { zone: 'Europe/Rome' }).toISODate()!;

/**
 * The plan's next due date from today (the domain's recurrence): calendar plans, the rule's next
 * date in season; floating plans, their current due date counted from the last completion
 * (possibly past: overdue); meter and inactive plans have none. Before the working-day shift.
 */
export function nextDueOf(
  p: {
    scheduleKind: string;
    rrule: string | null;
    startsOn: string;
    endsOn: string | null;
    seasonFrom: string | null;
    seasonTo: string | null;
    lastDoneOn: string | null;
    shift: 'next' | 'previous';
    active: boolean;
  },
  today: string,
): string | null {
  if (!p.active || !p.rrule || p.scheduleKind === 'meter') return null;
  return nextDue(
    {
      kind: p.scheduleKind === 'floating' ? 'floating' : 'calendar',
      rrule: p.rrule,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      seasonFrom: p.seasonFrom,
      seasonTo: p.seasonTo,
      shift: p.shift,
      lastDoneOn: p.lastDoneOn,
    },
    today,
  );
}

function present(r: repo.PlanJoined, lang: Lang, today: string): PlanDto {
  const base = {
    id: r.id,
    active: Number(r.active) === 1,
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    code: r.code,
    activity: r.activity,
    description: r.description,
    buildingId: r.building_id,
    technologyClassId: r.technology_class_id,
    assetId: r.asset_id,
    scheduleKind: r.schedule_kind as PlanDto['scheduleKind'],
    rrule: r.rrule,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    seasonFrom: r.season_from,
    seasonTo: r.season_to,
    shift: r.shift as PlanDto['shift'],
    lastDoneOn: r.last_done_on,
    meterId: r.meter_id,
    meterEvery: fromMilli(r.meter_every_milli),
    checklist: JSON.parse(r.checklist) as ChecklistItemDto[],
    requiredDocuments: JSON.parse(r.required_documents) as PlanDto['requiredDocuments'],
    regulation: r.regulation,
    estimatedMinutes: r.estimated_minutes == null ? null : Number(r.estimated_minutes),
    buildingCode: r.building_code,
    buildingName: r.building_name,
    technologyClassCode: r.class_code,
    assetCode: r.asset_code,
    assetName: r.asset_name,
    meterName: r.meter_name,
    meterUnit: r.meter_unit,
    meterLastTrigger: fromMilli(r.meter_last_trigger_milli),
  };
  return {
    ...base,
    ruleText: describeRule({ ...base, meterUnit: r.meter_unit }, lang),
    nextDue: nextDueOf(base, today),
  };
}

export interface PlanListQuery {
  q?: string;
  active?: 'true' | 'false' | 'all';
  cursor?: string;
  limit?: number;
  buildingId?: string;
  technologyClassId?: string;
  assetId?: string;
  scheduleKind?: string;
}

export async function listPlans(ctx: AppContext, actor: Actor, lang: Lang, query: PlanListQuery) {
  const scope = scopeOf(actor, 'read');
  const limit = query.limit ?? DEFAULT_LIMIT;
  const rows = await repo.listPlans(ctx.db, scope, {
    ...query,
    active: query.active ?? 'true',
    cursor: decodeCursor(query.cursor),
    limit,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const today = romeToday(ctx.now());
  return {
    items: page.map((r) => present(r, lang, today)),
    nextCursor: rows.length > limit ? encodeCursor([last.code, last.id]) : null,
  };
}

export async function getPlan(ctx: AppContext, actor: Actor, lang: Lang, id: string): Promise<PlanDto> {
  const row = await repo.findPlan(ctx.db, id, scopeOf(actor, 'read'));
  if (!row) throw notFound();
  return present(row, lang, romeToday(ctx.now()));
}

type Body = Partial<PlanInput> & { active?: boolean };

const DEFAULTS = {
  description: null,
  assetId: null,
  rrule: null,
  endsOn: null,
  seasonFrom: null,
  seasonTo: null,
  shift: 'next' as const,
  lastDoneOn: null,
  meterId: null,
  meterEvery: null,
  checklist: [],
  requiredDocuments: [],
  regulation: null,
  estimatedMinutes: null,
};

/** References that must exist and agree: building, class, the asset in both, the meter on a matching asset. */
async function checkReferences(db: Db, p: PlanInput): Promise<void> {
  const issues: FieldIssue[] = [];
  if (!(await repo.buildingExists(db, p.buildingId))) issues.push({ field: 'buildingId', rule: 'notFound' });
  if (!(await repo.classExists(db, p.technologyClassId))) issues.push({ field: 'technologyClassId', rule: 'notFound' });
  if (p.assetId) {
    const asset = await repo.assetById(db, p.assetId);
    if (!asset) issues.push({ field: 'assetId', rule: 'notFound' });
    else {
      if (asset.building_id !== p.buildingId) issues.push({ field: 'assetId', rule: 'assetBuilding' });
      if (asset.technology_class_id !== p.technologyClassId) issues.push({ field: 'assetId', rule: 'assetClass' });
    }
  }
  if (p.meterId) {
    const meter = await repo.meterWithAsset(db, p.meterId);
    if (!meter) issues.push({ field: 'meterId', rule: 'notFound' });
    else if (
      meter.building_id !== p.buildingId ||
      meter.technology_class_id !== p.technologyClassId ||
      (p.assetId && meter.asset_id !== p.assetId)
    ) {
      issues.push({ field: 'meterId', rule: 'meterAsset' });
    }
  }
  if (issues.length) throw referenceErrors(issues);
}

function toColumns(p: PlanInput) {
  return {
    code: p.code,
    activity: p.activity,
    description: p.description,
    building_id: p.buildingId,
    technology_class_id: p.technologyClassId,
    asset_id: p.assetId,
    schedule_kind: p.scheduleKind,
    rrule: p.rrule,
    starts_on: p.startsOn,
    ends_on: p.endsOn,
    season_from: p.seasonFrom,
    season_to: p.seasonTo,
    shift: p.shift,
    last_done_on: p.lastDoneOn,
    meter_id: p.meterId,
    meter_every_milli: toMilli(p.meterEvery),
    checklist: JSON.stringify(p.checklist),
    required_documents: JSON.stringify(p.requiredDocuments),
    regulation: p.regulation,
    estimated_minutes: p.estimatedMinutes,
  };
}

/** 409 DUPLICATE on code when a concurrent writer took it between our check and our insert. */
async function mapUnique<T>(code: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (uniqueViolationColumns(err)) throw duplicate('code', code);
    throw err;
  }
}

/**
 * Validates and writes a new plan inside `trx` (the API and the import share it). The meter's
 * thresholds already behind it are not opened: the last trigger starts at the current reading.
 */
export async function insertPlanChecked(trx: Db, actor: Actor, input: PlanInput, now: string): Promise<string> {
  const scope = scopeOf(actor, 'write');
  if (!(await repo.pairInScope(trx, scope, input.buildingId, input.technologyClassId))) throw notFound();
  await checkReferences(trx, input);
  if (await repo.planCodeTaken(trx, input.code, null)) throw duplicate('code', input.code);
  const id = newId();
  const last =
    input.meterId && input.meterEvery
      ? thresholdBehind(await repo.highestReadingMilli(trx, input.meterId), toMilli(input.meterEvery)!)
      : null;
  await repo.insertPlan(trx, {
    id,
    ...toColumns(input),
    meter_last_trigger_milli: last,
    active: 1,
    version: 1,
    created_at: now,
    updated_at: now,
  });
  return id;
}

export async function createPlan(ctx: AppContext, actor: Actor, lang: Lang, body: Body): Promise<PlanDto> {
  scopeOf(actor, 'write');
  const input = normalisePlan({ ...DEFAULTS, ...body } as PlanInput);
  const issues = validatePlan(input);
  if (issues.length) throw invalid(issues);
  const now = ctx.now().toISOString();
  return mapUnique(input.code, () =>
    ctx.db.transaction().execute(async (trx) => {
      const id = await insertPlanChecked(trx, actor, input, now);
      return present((await repo.findPlan(trx, id, { kind: 'all' }))!, lang, romeToday(ctx.now()));
    }),
  );
}

export async function patchPlan(ctx: AppContext, actor: Actor, lang: Lang, id: string, body: Body & { version: number }): Promise<PlanDto> {
  const scope = scopeOf(actor, 'write');
  const readable = planScope(actor, 'read');
  const { version, active, ...changes } = body;
  const now = ctx.now().toISOString();
  const today = romeToday(ctx.now());
  return mapUnique(changes.code ?? '', () =>
    ctx.db.transaction().execute(async (trx) => {
      const row = await repo.findPlan(trx, id, scope);
      if (!row) {
        // Readable but not writable (a contractor, a BM of another building): 403, else 404.
        if (readable.kind !== 'forbidden' && (await repo.findPlan(trx, id, readable))) throw forbidden();
        throw notFound();
      }
      const current = present(row, lang, today);
      if (Number(row.version) !== version) throw new AppError('VERSION_CONFLICT', {}, [], { current });
      const input = normalisePlan({ ...current, ...changes } as PlanInput);
      const issues = validatePlan(input);
      if (issues.length) throw invalid(issues);
      // Moving the plan: the new (building, class) must be in the writer's scope too.
      if (!(await repo.pairInScope(trx, scope, input.buildingId, input.technologyClassId))) throw notFound();
      await checkReferences(trx, input);
      if (input.code !== current.code && (await repo.planCodeTaken(trx, input.code, id))) throw duplicate('code', input.code);
      const set: Record<string, unknown> = { ...toColumns(input), active: (active ?? current.active) ? 1 : 0 };
      // A new meter or step starts counting from the meter's current reading.
      if (input.meterId !== current.meterId || input.meterEvery !== current.meterEvery) {
        set.meter_last_trigger_milli =
          input.meterId && input.meterEvery
            ? thresholdBehind(await repo.highestReadingMilli(trx, input.meterId), toMilli(input.meterEvery)!)
            : null;
      }
      if (!(await repo.updatePlan(trx, id, version, set, now))) {
        const fresh = await repo.findPlan(trx, id, { kind: 'all' });
        throw new AppError('VERSION_CONFLICT', {}, [], { current: fresh && present(fresh, lang, today) });
      }
      // Future occurrences in the programs not yet submitted follow the edit; the rest stay.
      await replanAfterEdit(trx, ctx, id);
      return present((await repo.findPlan(trx, id, { kind: 'all' }))!, lang, today);
    }),
  );
}

export interface PreviewInput {
  rrule: string;
  startsOn: string;
  endsOn?: string;
  seasonFrom?: string;
  seasonTo?: string;
  shift?: 'next' | 'previous';
  scheduleKind?: string;
  count?: number;
}

/** The rule in words and its next dates, for the editor while the user types. */
export function previewRule(ctx: AppContext, actor: Actor, lang: Lang, q: PreviewInput) {
  const scope = planScope(actor, 'read');
  if (scope.kind === 'forbidden') throw forbidden();
  const issues = validatePlan(
    normalisePlan({
      ...DEFAULTS,
      code: 'x',
      activity: 'x',
      buildingId: '',
      technologyClassId: '',
      scheduleKind: q.scheduleKind ?? 'calendar',
      rrule: q.rrule,
      startsOn: q.startsOn,
      endsOn: q.endsOn ?? null,
      seasonFrom: q.seasonFrom ?? null,
      seasonTo: q.seasonTo ?? null,
    }),
  );
  if (issues.length) return { valid: false, ruleText: '', dates: [] };
  const plan = {
    scheduleKind: q.scheduleKind ?? 'calendar',
    rrule: q.rrule,
    startsOn: q.startsOn,
    shift: q.shift ?? 'next',
    seasonFrom: q.seasonFrom ?? null,
    seasonTo: q.seasonTo ?? null,
  };
  return {
    valid: true,
    ruleText: describeRule(plan, lang),
    dates: nextDates(
      q.rrule,
      { startsOn: q.startsOn, endsOn: q.endsOn, seasonFrom: q.seasonFrom, seasonTo: q.seasonTo },
      romeToday(ctx.now()),
      q.count ?? 5,
    ),
  };
}
