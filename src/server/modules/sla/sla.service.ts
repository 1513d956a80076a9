// SLA tables per contract with their version history, the contract's working week, and the
// closures the body adds. Reading follows the contracts' scope (src/server/scope.ts); writing is
// for admins. A work order keeps the version in force when it was issued (work_orders.sla_version_id).
import { DateTime } from 'luxon';
import { CLOSURE_MAX_DAYS, closureDays, WorkingCalendar, DEFAULT_WEEK, type CalendarSpec, type Weekday } from '../../../domain/calendar.ts';
import { CLOCKS, DEFAULT_SLA, type SlaVersion } from '../../../domain/sla.ts';
import { WORK_ORDER_STATES } from '../../../domain/workflow/work-order.ts';
import { PRIORITIES } from '../../../domain/workflow/types.ts';
import type {
  CalendarDto,
  CalendarInput,
  ClosureDto,
  ContractSlaDto,
  SlaVersionDto,
  SlaVersionInput,
} from '../../../shared/schemas/sla.ts';
import type { Principal } from '../../auth/principal.ts';
import { hasRole } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/create-db.ts';
import { AppError, conflict, forbidden, invalid, notFound, type FieldIssue } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { readScope, type Actor } from '../../scope.ts';
import { findRow } from '../registry/common.repository.ts';
import { parseDefinition, parseWeek, ZONE } from './clocks.ts';
import { forgetKpiFacts } from '../kpi/facts.repository.ts';
import * as repo from './sla.repository.ts';

/** States a clock may pause in: any open state but `issued` (the take-charge clock would never start). */
export const PAUSABLE_STATES: readonly string[] = WORK_ORDER_STATES.filter((s) => !['issued', 'verified', 'closed'].includes(s));

/** The contract if the actor may read it: 403 when no role reads contracts, 404 when out of scope. */
export async function readableContract(db: Db, actor: Actor, contractId: string) {
  const scope = readScope(actor, 'contracts');
  if (scope.kind === 'forbidden') throw forbidden();
  const row = await findRow(db, 'contracts', contractId, scope);
  if (!row) throw notFound();
  return row;
}

const validDate = (d: string) => DateTime.fromISO(d, { zone: ZONE }).isValid && /^\d{4}-\d{2}-\d{2}$/.test(d);

const requireAdmin = (p: Principal) => {
  if (!hasRole(p, 'admin')) throw forbidden();
};

// --- versions --------------------------------------------------------------------------------------

type VersionRow = Awaited<ReturnType<typeof repo.listVersions>>[number];

function presentVersion(v: VersionRow, inForceId: string | null, now: string): SlaVersionDto {
  const d = parseDefinition(v.definition);
  return {
    id: v.id,
    number: Number(v.number),
    isDefault: false,
    effectiveFrom: v.effective_from,
    status: v.id === inForceId ? 'in_force' : v.effective_from > now ? 'scheduled' : 'superseded',
    note: v.note,
    createdBy: v.created_by_id ? { id: v.created_by_id, label: v.created_by_name ?? '' } : null,
    createdAt: v.created_at,
    workOrders: Number(v.work_orders ?? 0),
    limits: d.limits,
    pauses: d.pauses as SlaVersionDto['pauses'],
  };
}

function defaultVersion(workOrders: number): SlaVersionDto {
  return {
    id: null,
    number: 0,
    isDefault: true,
    effectiveFrom: null,
    status: 'in_force',
    note: null,
    createdBy: null,
    createdAt: null,
    workOrders,
    limits: DEFAULT_SLA.limits,
    pauses: DEFAULT_SLA.pauses as SlaVersionDto['pauses'],
  };
}

export async function getContractSla(ctx: AppContext, actor: Actor, contractId: string, db: Db = ctx.db): Promise<ContractSlaDto> {
  await readableContract(db, actor, contractId);
  const now = ctx.now().toISOString();
  const rows = await repo.listVersions(db, contractId);
  const inForce = inForceAt(rows, now) ?? rows[rows.length - 1];
  const history = rows.map((v) => presentVersion(v, inForce?.id ?? null, now));
  const current = history.find((v) => v.id === inForce?.id) ?? defaultVersion(await repo.countWorkOrdersOfContract(db, contractId));
  return { contractId, current, history };
}

/** Of a contract's versions, the one in force at `at` (as repo.versionInForce, on rows already read). */
function inForceAt(rows: VersionRow[], at: string): VersionRow | undefined {
  let best: VersionRow | undefined;
  for (const v of rows)
    if (
      v.effective_from <= at &&
      (!best ||
        v.effective_from > best.effective_from ||
        (v.effective_from === best.effective_from && Number(v.number) > Number(best.number)))
    )
      best = v;
  return best;
}

/**
 * The instant a new version takes effect, from the day the admin chose (Europe/Rome):
 *   - none, or today: from the moment it is saved (work orders issued earlier today keep theirs);
 *   - a later day: from 00:00 of that day;
 *   - an earlier day: from 00:00 of that day, only while no work order of the contract was issued
 *     since then (each keeps the version in force when issued: none may silently change table).
 * Never before the newest saved version takes effect, so the numbers follow the order in force.
 */
function effectiveInstant(day: string | undefined, now: Date): { at: string; past: boolean } | FieldIssue {
  const today = DateTime.fromJSDate(now, { zone: ZONE }).toISODate()!;
  if (day === undefined || day === today) return { at: now.toISOString(), past: false };
  if (!validDate(day)) return { field: 'effectiveFrom', rule: 'date' };
  const at = DateTime.fromISO(day, { zone: ZONE }).startOf('day').toUTC().toISO()!;
  return { at, past: day < today };
}

function checkDefinition(input: SlaVersionInput): { def: SlaVersion; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const pauses = {} as Record<(typeof CLOCKS)[number], string[]>;
  for (const c of CLOCKS) {
    const states = [...new Set(input.pauses[c])];
    states.forEach((s, i) => {
      if (!PAUSABLE_STATES.includes(s))
        issues.push({ field: `pauses.${c}.${i}`, rule: 'slaPauseState', params: { state: s, allowed: PAUSABLE_STATES.join(', ') } });
    });
    pauses[c] = states;
  }
  const limits = Object.fromEntries(
    PRIORITIES.map((p) => [
      p,
      Object.fromEntries(
        CLOCKS.map((c) => {
          const l = input.limits[p][c];
          return [c, l ? { minutes: l.minutes, basis: l.basis } : null];
        }),
      ),
    ]),
  ) as SlaVersion['limits'];
  return { def: { limits, pauses }, issues };
}

/** POST /api/contracts/{id}/sla: a new version (admin); `version` is the number read (0 for the defaults). */
export async function createSlaVersion(
  ctx: AppContext,
  actor: Principal,
  contractId: string,
  input: SlaVersionInput,
): Promise<ContractSlaDto> {
  requireAdmin(actor);
  await readableContract(ctx.db, actor, contractId);
  const { def, issues } = checkDefinition(input);
  const now = ctx.now();
  const effective = effectiveInstant(input.effectiveFrom, now);
  if ('field' in effective) issues.push(effective);
  if (issues.length || 'field' in effective) throw invalid(issues);
  const inserted = await ctx.db.transaction().execute(async (trx) => {
    const latest = await repo.latestVersion(trx, contractId);
    let number = latest ? Number(latest.number) : 0;
    if (input.version !== number) return false;
    if (latest && effective.at < latest.effective_from)
      throw invalid([{ field: 'effectiveFrom', rule: 'slaEffectiveBeforeLatest', params: { date: latest.effective_from } }]);
    if (effective.past && (await repo.issuedSince(trx, contractId, effective.at)))
      throw invalid([{ field: 'effectiveFrom', rule: 'slaEffectivePast' }]);
    const created_at = now.toISOString();
    if (!latest && effective.at > created_at) {
      // A first table that takes effect later: until then the defaults hold, saved as version 1 so
      // that work orders issued meanwhile keep a version like any other.
      await repo.insertVersion(trx, {
        id: newId(),
        contract_id: contractId,
        number: ++number,
        definition: JSON.stringify(DEFAULT_SLA),
        note: DEFAULTS_NOTE,
        created_by_id: null,
        created_at,
        effective_from: created_at,
      });
    }
    return repo.insertVersion(trx, {
      id: newId(),
      contract_id: contractId,
      number: number + 1,
      definition: JSON.stringify(def),
      note: input.note?.trim() || null,
      created_by_id: actor.userId,
      created_at,
      effective_from: effective.at,
    });
  });
  const after = await getContractSla(ctx, actor, contractId);
  if (!inserted) throw conflict(after);
  return after;
}

const DEFAULTS_NOTE = 'Valori predefiniti / defaults (DOMAIN.md)';

/**
 * The version a work order issued at `at` keeps: the one in force then (a version saved for a later
 * day waits for it); an instant before every version gets the first. A contract without one gets
 * version 1 with the defaults, created here (once, even with parallel issues: the unique number).
 */
export async function slaVersionIdForIssue(db: Db, contractId: string, at: string): Promise<string> {
  const inForce = (await repo.versionInForce(db, contractId, at)) ?? (await repo.firstVersion(db, contractId));
  if (inForce) return inForce.id;
  await repo.insertVersion(db, {
    id: newId(),
    contract_id: contractId,
    number: 1,
    definition: JSON.stringify(DEFAULT_SLA),
    note: DEFAULTS_NOTE,
    created_by_id: null,
    created_at: at,
    effective_from: at,
  });
  return (await repo.firstVersion(db, contractId))!.id;
}

// --- working calendar ------------------------------------------------------------------------------

const HOLIDAYS_NOTE =
  "national public holidays (date-holidays, IT), the site's patron saint and the closures (/api/closures) are not working time; Europe/Rome";

function presentWeek(week: CalendarSpec['week']): CalendarDto['week'] {
  const out: CalendarDto['week'] = {};
  for (const d of [1, 2, 3, 4, 5, 6, 7] as Weekday[]) out[String(d)] = (week[d] ?? []).map(([from, to]) => ({ from, to }));
  return out;
}

export async function getCalendar(ctx: AppContext, actor: Actor, contractId: string): Promise<CalendarDto> {
  await readableContract(ctx.db, actor, contractId);
  const row = await repo.getCalendar(ctx.db, contractId);
  return {
    contractId,
    zone: ZONE,
    week: presentWeek(row ? parseWeek(row.week) : DEFAULT_WEEK),
    isDefault: !row,
    version: row ? Number(row.version) : 0,
    updatedAt: row?.updated_at ?? null,
    holidays: HOLIDAYS_NOTE,
  };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** PUT /api/contracts/{id}/calendar (admin): the working week, with the version read. */
export async function putCalendar(ctx: AppContext, actor: Principal, contractId: string, input: CalendarInput): Promise<CalendarDto> {
  requireAdmin(actor);
  await readableContract(ctx.db, actor, contractId);
  const issues: FieldIssue[] = [];
  const week: CalendarSpec['week'] = {};
  let total = 0;
  for (const d of [1, 2, 3, 4, 5, 6, 7] as Weekday[]) {
    const ranges = input.week[String(d) as keyof CalendarInput['week']] ?? [];
    const sorted = ranges.map((r, i) => ({ ...r, i, a: minutesOf(r.from), b: minutesOf(r.to) })).sort((x, y) => x.a - y.a);
    for (const r of sorted) if (r.a >= r.b) issues.push({ field: `week.${d}.${r.i}`, rule: 'timeRange' });
    for (let k = 1; k < sorted.length; k++)
      if (sorted[k].a < sorted[k - 1].b) issues.push({ field: `week.${d}.${sorted[k].i}`, rule: 'rangesOverlap' });
    if (sorted.length) week[d] = sorted.map((r) => [r.from, r.to] as const);
    total += sorted.reduce((s, r) => s + Math.max(0, r.b - r.a), 0);
  }
  if (total === 0 && issues.length === 0) issues.push({ field: 'week', rule: 'calendarEmpty' });
  if (issues.length) throw invalid(issues);
  new WorkingCalendar({ zone: ZONE, week }); // the domain's own checks, for safety
  const saved = await ctx.db.transaction().execute(async (trx) => {
    const ok = await repo.saveCalendar(trx, contractId, input.version, JSON.stringify(week), ctx.now().toISOString());
    if (ok) {
      await repo.markStale(trx, { contractId });
      await forgetKpiFacts(trx, { contractId });
    }
    return ok;
  });
  const now = await getCalendar(ctx, actor, contractId);
  if (!saved) throw conflict(now);
  return now;
}

// --- closures --------------------------------------------------------------------------------------

type ClosureView = Awaited<ReturnType<typeof repo.listClosures>>[number];
const presentClosure = (c: ClosureView): ClosureDto => ({
  id: c.id,
  siteId: c.site_id,
  siteCode: c.site_code ?? null,
  date: c.date,
  dateTo: c.date_to ?? c.date,
  days: closureDays([c]).length,
  reason: c.reason,
  createdAt: c.created_at,
});

export async function listClosures(ctx: AppContext, q: { siteId?: string; from?: string; to?: string }): Promise<{ items: ClosureDto[] }> {
  return { items: (await repo.listClosures(ctx.db, q)).map(presentClosure) };
}

export async function getClosure(ctx: AppContext, id: string): Promise<ClosureDto> {
  const c = await repo.getClosure(ctx.db, id);
  if (!c) throw notFound();
  return presentClosure(c);
}

/** A closure's days: real dates, `dateTo` not before `date`, at most CLOSURE_MAX_DAYS; and its site. */
async function checkClosure(db: Db, input: { siteId?: string | null; date?: string; dateTo?: string }, range: [string, string]) {
  const issues: FieldIssue[] = [];
  if (input.date !== undefined && !validDate(input.date)) issues.push({ field: 'date', rule: 'date' });
  if (input.dateTo !== undefined && !validDate(input.dateTo)) issues.push({ field: 'dateTo', rule: 'date' });
  if (issues.length === 0) {
    const [from, to] = range;
    if (to < from) issues.push({ field: 'dateTo', rule: 'dateOrder' });
    else if (DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days + 1 > CLOSURE_MAX_DAYS)
      issues.push({ field: 'dateTo', rule: 'rangeTooLong', params: { days: CLOSURE_MAX_DAYS } });
  }
  if (issues.length) throw invalid(issues);
  if (input.siteId && !(await repo.siteExists(db, input.siteId)))
    throw new AppError('INVALID_REFERENCE', {}, [{ field: 'siteId', rule: 'notFound' }]);
}

export async function createClosure(
  ctx: AppContext,
  actor: Principal,
  input: { siteId?: string | null; date: string; dateTo?: string; reason: string },
): Promise<ClosureDto> {
  requireAdmin(actor);
  const dateTo = input.dateTo ?? input.date;
  await checkClosure(ctx.db, input, [input.date, dateTo]);
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertClosure(trx, {
      id,
      site_id: input.siteId ?? null,
      date: input.date,
      date_to: dateTo,
      reason: input.reason.trim(),
      created_at: ctx.now().toISOString(),
    });
    await repo.markStale(trx, { siteId: input.siteId ?? null });
    await forgetKpiFacts(trx, { siteId: input.siteId ?? null, days: [input.date, dateTo] });
  });
  return getClosure(ctx, id);
}

export async function updateClosure(
  ctx: AppContext,
  actor: Principal,
  id: string,
  input: { siteId?: string | null; date?: string; dateTo?: string; reason?: string },
): Promise<ClosureDto> {
  requireAdmin(actor);
  // The HTTP layer refuses empty PATCH bodies already; this keeps other callers from an empty SET.
  if (input.siteId === undefined && input.date === undefined && input.dateTo === undefined && input.reason === undefined)
    throw invalid([{ field: 'body', rule: 'emptyChange' }]);
  const before = await repo.getClosure(ctx.db, id);
  if (!before) throw notFound();
  // A new first day alone keeps a one-day closure one day long; a range keeps its last day.
  const from = input.date ?? before.date;
  const oldTo = before.date_to ?? before.date;
  const to = input.dateTo ?? (input.date !== undefined && oldTo === before.date ? input.date : oldTo);
  await checkClosure(ctx.db, input, [from, to]);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateClosure(trx, id, {
      ...(input.siteId !== undefined ? { site_id: input.siteId } : {}),
      ...(input.date !== undefined ? { date: input.date } : {}),
      ...(to !== oldTo ? { date_to: to } : {}),
      ...(input.reason !== undefined ? { reason: input.reason.trim() } : {}),
    });
    await repo.markStale(trx, { siteId: before.site_id });
    if (input.siteId !== undefined && input.siteId !== before.site_id) await repo.markStale(trx, { siteId: input.siteId });
    // The days it covered and covers now, on the site it was on and the one it is on.
    const days: [string, string] = [from < before.date ? from : before.date, to > oldTo ? to : oldTo];
    await forgetKpiFacts(trx, { siteId: before.site_id, days });
    if (input.siteId !== undefined && input.siteId !== before.site_id) await forgetKpiFacts(trx, { siteId: input.siteId, days });
  });
  return getClosure(ctx, id);
}

export async function deleteClosure(ctx: AppContext, actor: Principal, id: string): Promise<void> {
  requireAdmin(actor);
  const before = await repo.getClosure(ctx.db, id);
  if (!before) throw notFound();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteClosure(trx, id);
    await repo.markStale(trx, { siteId: before.site_id });
    await forgetKpiFacts(trx, { siteId: before.site_id, days: [before.date, before.date_to ?? before.date] });
  });
}
