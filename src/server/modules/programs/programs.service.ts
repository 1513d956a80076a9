// Monthly programs of planned maintenance (Annex C workflow 2): generation from the plans of the
// contract's buildings and classes, the contractor's edits, the building managers' review, and the
// publication that opens the planned tickets and work orders. Each change writes its state, its
// timeline event (events.program_id) and its notices in ONE transaction.
import { DateTime } from 'luxon';
import type { Insertable } from 'kysely';
import { decide } from '../../../domain/workflow/machine.ts';
import { PROGRAM_TRANSITIONS, type ProgramContext, type ProgramState } from '../../../domain/workflow/program.ts';
import type { Role } from '../../../domain/workflow/types.ts';
import type { ProgramDto, ProgramGenerateInput, ProgramItemDto, ProgramItemPatch } from '../../../shared/schemas/programs.ts';
import { hasRole, type Principal } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import { engineOf, type Db } from '../../db/create-db.ts';
import type { Database, ProgramItemRow } from '../../db/schema.ts';
import { AppError, forbidden, invalid, notFound, type FieldIssue } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { buildingIdScope, readScope, type Actor } from '../../scope.ts';
import { enqueueProgramNotices } from '../notices/program-notices.ts';
import { presentOwnEvent } from '../tickets/timeline.ts';
import { parseWeek } from '../sla/clocks.ts';
import { newSortableId } from '../tickets/actor.ts';
import { refusalError } from '../tickets/refusal.ts';
import { inVersionedTransaction, offeredActions, romeDate, romeYear, StaleVersion, type Trx } from '../tickets/workflow-helpers.ts';
import { compliance, isLate as domainIsLate, occurrencesInMonth, type DueItem } from '../../../domain/planned/recurrence.ts';
import { closureDays, type WorkingCalendar } from '../../../domain/calendar.ts';
import { workingCalendar } from '../sla/clocks.ts';
import * as repo from './programs.repository.ts';
import { lastPlannableDay, monthBounds } from './schedule.ts';

const EDITABLE: readonly string[] = ['draft', 'returned'];
const GROUPINGS = ['activity', 'building_day'] as const;
const DONE_WO = new Set(['completed', 'verified']);

/** The contracts whose programs the actor reads, as a predicate on contracts (null: all). */
function contractScope(actor: Actor) {
  const s = readScope(actor, 'contracts');
  if (s.kind === 'forbidden') throw forbidden();
  return s.kind === 'all' ? null : s.where;
}

/** The items the actor reads, as a predicate on a building-id column: a building manager its buildings' only. */
function itemScope(actor: Actor) {
  const s = buildingIdScope(actor);
  if (s.kind === 'forbidden') throw forbidden();
  return s.kind === 'all' ? null : s.where;
}

/** The roles the caller holds on a program of `contractId` (no role: it reads as 404 for writes). */
async function programRoles(db: Db, actor: Principal, contractId: string, contractorId: string): Promise<Set<Role>> {
  const roles = new Set<Role>();
  for (const r of ['service_head', 'call_center', 'accounting', 'admin'] as const) if (actor.roles.has(r)) roles.add(r);
  if (actor.roles.has('contractor') && actor.contractorId !== null && actor.contractorId === contractorId) roles.add('contractor');
  if (actor.roles.has('building_manager') && (await repo.managedAmong(db, actor.userId, contractId)).length > 0)
    roles.add('building_manager');
  return roles;
}

const actorLabel = (a: Principal) => a.displayName;

// --- generation ----------------------------------------------------------------------------------

/**
 * The contract's working calendar per site, built as the SLA builds it (sla/clocks.ts): the
 * contract's working week, the site's patron saint, the closures of every site and of that site.
 */
async function calendarsFor(db: Db, contractId: string, from: string, to: string) {
  const [week, closures] = await Promise.all([repo.contractWeek(db, contractId), repo.closuresBetween(db, from, to)]);
  const w = parseWeek(week?.week);
  const memo = new Map<string, WorkingCalendar>();
  return (siteId: string, patronSaint: string | null): WorkingCalendar => {
    let cal = memo.get(siteId);
    if (!cal) {
      cal = workingCalendar(w, patronSaint, closureDays(closures.filter((c) => c.site_id === null || c.site_id === siteId)));
      memo.set(siteId, cal);
    }
    return cal;
  };
}

/**
 * Adds the month's occurrences the program does not have yet: every calendar and floating
 * occurrence of the contract's plans, moved to a working day on the contract's calendar and marked
 * with the reason. Insert-if-missing on (plan, occurrence), so running it twice, or two callers at
 * once, never writes one twice. Returns how many were added.
 */
export async function addMissingItems(
  trx: Db,
  ctx: AppContext,
  program: { id: string; contract_id: string; month: string },
): Promise<number> {
  return repo.insertItemsIfMissing(trx, await occurrenceRows(trx, ctx, program));
}

/** The month's occurrences of the contract's plans (of one plan with `planId`) as program item rows. */
export async function occurrenceRows(
  trx: Db,
  ctx: AppContext,
  program: { id: string; contract_id: string; month: string },
  planId?: string,
): Promise<Insertable<ProgramItemRow>[]> {
  const { start, end } = monthBounds(program.month);
  const plans = await repo.plansForMonth(trx, program.contract_id, start, end, planId);
  if (plans.length === 0) return [];
  // A shift may cross into the neighbouring months: closures a few weeks either side.
  const around = (d: string, days: number) => DateTime.fromISO(d, { zone: 'utc' }).plus({ days }).toISODate()!;
  const calendarOf = await calendarsFor(trx, program.contract_id, around(start, -31), around(end, 31));
  const at = ctx.now().toISOString();
  const rows: Insertable<ProgramItemRow>[] = [];
  // Plans come in families (one rule and start date for every asset of a kind): the occurrences
  // of one schedule on one site's calendar are computed once (rrule and the calendar cost ~0.1 ms each).
  const memo = new Map<string, ReturnType<typeof occurrencesInMonth>>();
  for (const p of plans) {
    if (!p.rrule) continue;
    const kind = p.schedule_kind === 'floating' ? 'floating' : 'calendar';
    const schedule = {
      kind,
      rrule: p.rrule,
      startsOn: p.starts_on,
      endsOn: p.ends_on,
      seasonFrom: p.season_from,
      seasonTo: p.season_to,
      shift: p.shift === 'previous' ? 'previous' : 'next',
      lastDoneOn: p.last_done_on,
    } as const;
    const key = JSON.stringify([p.site_id, p.patron_saint, schedule]);
    let occurrences = memo.get(key);
    if (!occurrences) {
      occurrences = occurrencesInMonth(schedule, program.month, calendarOf(p.site_id, p.patron_saint));
      memo.set(key, occurrences);
    }
    for (const o of occurrences) {
      rows.push({
        id: newId(),
        program_id: program.id,
        plan_id: p.id,
        occurrence_key: o.occurrenceKey,
        source: kind,
        building_id: p.building_id,
        asset_id: p.asset_id,
        technology_class_id: p.technology_class_id,
        activity: p.activity,
        due_on: o.dueOn,
        planned_on: o.plannedOn,
        shift_reason: o.shiftReason,
        window_from: null,
        window_to: null,
        technician: null,
        ticket_id: null,
        work_order_id: null,
        created_at: at,
        updated_at: at,
      });
    }
  }
  return rows;
}

function checkMonthInContract(month: string, c: { starts_on: string; ends_on: string }) {
  const { start, end } = monthBounds(month);
  if (end < c.starts_on || start > c.ends_on)
    throw invalid([{ field: 'month', rule: 'outsideContract', params: { from: c.starts_on, to: c.ends_on } }]);
}

/**
 * POST /api/programs: the month's program of the contract, created with its occurrences or, when
 * it exists, completed with the missing ones while it is still draft or returned. `created` tells
 * 201 from 200. Contractor of the contract, its building managers, service head, admin.
 */
export async function generateProgram(
  ctx: AppContext,
  actor: Principal,
  input: ProgramGenerateInput,
): Promise<{ id: string; created: boolean }> {
  if (!hasRole(actor, 'contractor', 'building_manager', 'service_head', 'admin')) throw forbidden();
  const contract = await repo.getContract(ctx.db, input.contractId, contractScope(actor));
  if (!contract) throw notFound();
  const roles = await programRoles(ctx.db, actor, contract.id, contract.contractor_id);
  if (!['contractor', 'building_manager', 'service_head', 'admin'].some((r) => roles.has(r as Role))) throw notFound();
  checkMonthInContract(input.month, contract);
  return ensureProgram(ctx, { contractId: contract.id, month: input.month }, { id: actor.userId, label: actorLabel(actor) });
}

/** Creates the program (or completes it while editable), as a user or as the generator job. */
export async function ensureProgram(
  ctx: AppContext,
  key: { contractId: string; month: string },
  by: { id: string | null; label: string },
): Promise<{ id: string; created: boolean }> {
  return ctx.db.transaction().execute(async (trx) => {
    const at = ctx.now().toISOString();
    const id = newId();
    const created = await repo.insertProgramIfMissing(trx, {
      id,
      contract_id: key.contractId,
      month: key.month,
      status: 'draft',
      remarks: null,
      submitted_at: null,
      approved_at: null,
      published_at: null,
      published_by_id: null,
      created_at: at,
      updated_at: at,
    });
    const program = created
      ? { id, contract_id: key.contractId, month: key.month, status: 'draft' }
      : (await repo.programByMonth(trx, key.contractId, key.month))!;
    if (!EDITABLE.includes(program.status)) return { id: program.id, created: false };
    const added = await addMissingItems(trx, ctx, program);
    if (created || added > 0) {
      if (!created) await repo.touchProgram(trx, program.id, at);
      await repo.insertProgramEvent(trx, {
        id: newSortableId(),
        programId: program.id,
        at,
        actorId: by.id,
        actorLabel: by.label,
        action: created ? 'generate' : 'regenerate',
        from: null,
        to: created ? 'draft' : program.status,
        data: { added },
      });
    }
    return { id: program.id, created };
  });
}

// --- reading -------------------------------------------------------------------------------------

/**
 * The item as the domain's lateness sees it: due in its month, or by the planned day when the
 * contractor planned it past the month's end (an agreed date); done on the Rome day of completion.
 */
function dueItem(i: repo.ItemView): DueItem | null {
  if (!i.work_order_id) return null;
  const monthEnd = monthBounds(i.due_on.slice(0, 7)).end;
  return {
    dueOn: i.due_on,
    // The month's end is the domain's own deadline (lateDeadline); given here, it is not recomputed per item.
    agreedOn: i.planned_on > monthEnd ? i.planned_on : monthEnd,
    completedOn: i.completed_at && i.work_order_status && DONE_WO.has(i.work_order_status) ? romeDate(new Date(i.completed_at)) : null,
    cancelled: i.work_order_status === 'cancelled',
  };
}

function isLate(i: repo.ItemView, today: string): boolean {
  const d = dueItem(i);
  return d !== null && (!!i.late_at || domainIsLate(d, today));
}

export function presentItem(i: repo.ItemView, today: string): ProgramItemDto {
  return {
    id: i.id,
    planId: i.plan_id,
    activity: i.activity,
    buildingId: i.building_id,
    buildingCode: i.building_code,
    buildingName: i.building_name,
    assetId: i.asset_id,
    assetName: i.asset_name ?? null,
    technologyClassId: i.technology_class_id,
    dueOn: i.due_on,
    plannedOn: i.planned_on,
    shiftReason: i.shift_reason,
    windowFrom: i.window_from,
    windowTo: i.window_to,
    technician: i.technician,
    source: i.source,
    ticketId: i.ticket_id,
    ticketNumber: i.ticket_number ?? null,
    workOrderId: i.work_order_id,
    workOrderNumber: i.work_order_number ?? null,
    workOrderStatus: i.work_order_status ?? null,
    scheduledAt: i.scheduled_at ?? null,
    late: isLate(i, today),
    version: Number(i.version),
  };
}

/** The domain's compliance (EN 15341 style) over the published items the caller reads. */
export function complianceOf(items: readonly repo.ItemView[], today: string) {
  return compliance(
    items.map(dueItem).filter((d): d is DueItem => d !== null),
    today,
  );
}

/** The program as the caller may see it: a building manager its buildings' items only; 404 outside the scope. */
export async function getProgram(ctx: AppContext, actor: Principal, id: string, db: Db = ctx.db): Promise<ProgramDto> {
  const v = await repo.getProgramView(db, id, contractScope(actor));
  if (!v) throw notFound();
  const [items, roles, events] = await Promise.all([
    repo.listItems(db, id, itemScope(actor)),
    programRoles(db, actor, v.contract_id, v.contractor_id),
    repo.programEvents(db, id),
  ]);
  const today = romeDate(ctx.now());
  return {
    id: v.id,
    contractId: v.contract_id,
    contractTitle: v.contract_title,
    lot: v.lot,
    contractorId: v.contractor_id,
    contractorName: v.contractor_name,
    month: v.month,
    status: v.status as ProgramDto['status'],
    remarks: v.remarks,
    grouping: v.grouping,
    submittedAt: v.submitted_at,
    approvedAt: v.approved_at,
    publishedAt: v.published_at,
    createdAt: v.created_at,
    updatedAt: v.updated_at,
    version: Number(v.version),
    availableActions: offeredActions(PROGRAM_TRANSITIONS, v.status as ProgramState, roles, {} as ProgramContext),
    items: items.map((i) => presentItem(i, today)),
    compliance: complianceOf(items, today),
    timeline: events.map(presentOwnEvent),
  };
}

export interface ListInput {
  contractId?: string;
  month?: string;
  status?: string;
  cursor?: string;
  limit?: number;
}

export async function listPrograms(ctx: AppContext, actor: Principal, q: ListInput) {
  const limit = q.limit ?? 50;
  let cursor: [string, string] | null = null;
  if (q.cursor) {
    try {
      const c = JSON.parse(Buffer.from(q.cursor, 'base64url').toString('utf8')) as unknown;
      if (Array.isArray(c) && c.length === 2 && c.every((x) => typeof x === 'string')) cursor = c as [string, string];
    } catch {
      cursor = null;
    }
    if (!cursor) throw invalid([{ field: 'cursor', rule: 'pattern' }]);
  }
  const rows = await repo.listPrograms(ctx.db, { ...q, cursor, limit }, contractScope(actor), itemScope(actor));
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      contractId: r.contract_id,
      contractTitle: r.contract_title,
      lot: r.lot,
      contractorId: r.contractor_id,
      contractorName: r.contractor_name,
      month: r.month,
      status: r.status as ProgramDto['status'],
      itemCount: Number(r.item_count),
      updatedAt: r.updated_at,
      version: Number(r.version),
    })),
    nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify([last.month, last.id])).toString('base64url') : null,
  };
}

// --- the contractor's edits ---------------------------------------------------------------------------

/**
 * PATCH /api/programs/{id}/items/{itemId}: the contractor's date, window and technician, while the
 * program is draft or returned. plannedOn stays within the program's month or the GRACE_DAYS after
 * it (rule `programMonth`); the window is HH:MM from < to (rule `windowOrder`, both or neither).
 */
export async function patchItem(
  ctx: AppContext,
  actor: Principal,
  programId: string,
  itemId: string,
  body: ProgramItemPatch,
): Promise<ProgramDto> {
  const v = await repo.getProgramView(ctx.db, programId, contractScope(actor));
  if (!v) throw notFound();
  await inVersionedTransaction(
    ctx,
    async (trx) => {
      const roles = await programRoles(trx, actor, v.contract_id, v.contractor_id);
      if (!roles.has('contractor')) throw forbidden();
      const p = await repo.lockProgram(trx, programId, engineOf(ctx.db) === 'postgres');
      if (!p) throw notFound();
      if (!EDITABLE.includes(p.status))
        throw new AppError('INVALID_STATE', { action: 'edit_item', state: p.status }, [], { action: 'edit_item', state: p.status });
      const item = await repo.getItem(trx, programId, itemId);
      if (!item) throw notFound();
      if (Number(item.version) !== body.version) throw new StaleVersion();
      const issues: FieldIssue[] = [];
      const set: repo.ItemSet = { updated_at: ctx.now().toISOString() };
      const changes: Record<string, unknown> = {};
      if (body.plannedOn !== undefined && body.plannedOn !== item.planned_on) {
        const { start } = monthBounds(p.month);
        const last = lastPlannableDay(p.month);
        if (body.plannedOn < start || body.plannedOn > last)
          issues.push({ field: 'plannedOn', rule: 'programMonth', params: { from: start, to: last } });
        set.planned_on = body.plannedOn;
        changes.plannedOn = { from: item.planned_on, to: body.plannedOn };
      }
      const from = body.windowFrom !== undefined ? body.windowFrom : item.window_from;
      const to = body.windowTo !== undefined ? body.windowTo : item.window_to;
      if ((from === null) !== (to === null)) issues.push({ field: from === null ? 'windowFrom' : 'windowTo', rule: 'required' });
      else if (from !== null && to !== null && from >= to) issues.push({ field: 'windowTo', rule: 'windowOrder' });
      if (body.windowFrom !== undefined) set.window_from = body.windowFrom;
      if (body.windowTo !== undefined) set.window_to = body.windowTo;
      if (body.windowFrom !== undefined || body.windowTo !== undefined) changes.window = { from, to };
      if (body.technician !== undefined) {
        const t = body.technician?.trim() || null;
        set.technician = t;
        changes.technician = t;
      }
      if (issues.length) throw invalid(issues);
      if (!(await repo.updateItemVersioned(trx, itemId, body.version, set))) throw new StaleVersion();
      const at = set.updated_at as string;
      await repo.touchProgram(trx, programId, at);
      await repo.insertProgramEvent(trx, {
        id: newSortableId(),
        programId,
        at,
        actorId: actor.userId,
        actorLabel: actorLabel(actor),
        action: 'edit_item',
        from: null,
        to: null,
        data: { itemId, activity: item.activity, ...changes },
      });
    },
    () => getProgram(ctx, actor, programId),
  );
  return getProgram(ctx, actor, programId);
}

// --- actions -------------------------------------------------------------------------------------

export const PROGRAM_ACTIONS = [...new Set(PROGRAM_TRANSITIONS.map((t) => t.action))];

/** POST /api/programs/{id}/actions/{action}: {version, ...fields}, through the domain's table. */
export async function programAction(
  ctx: AppContext,
  actor: Principal,
  id: string,
  action: string,
  body: Record<string, unknown>,
): Promise<ProgramDto> {
  const { version, ...fields } = body;
  const v = await repo.getProgramView(ctx.db, id, contractScope(actor));
  if (!v) throw notFound();
  try {
    await inVersionedTransaction(
      ctx,
      async (trx) => {
        const p = await repo.lockProgram(trx, id, engineOf(ctx.db) === 'postgres');
        if (!p) throw notFound();
        const roles = await programRoles(trx, actor, v.contract_id, v.contractor_id);
        if (Number(p.version) !== version) throw new StaleVersion();
        const d = decide(PROGRAM_TRANSITIONS, p.status as ProgramState, action, roles, fields, {} as ProgramContext);
        if (!d.ok) throw refusalError(d, action, p.status, actor.language);
        const at = ctx.now().toISOString();
        const set: repo.ProgramSet = { status: d.to, updated_at: at };
        const data: Record<string, unknown> = { ...d.data };
        if (action === 'submit') {
          set.submitted_at = at;
          set.remarks = null;
        }
        if (action === 'return') set.remarks = String(d.data.remarks ?? '').trim() || null;
        if (action === 'approve') set.approved_at = at;
        if (action === 'publish') {
          const grouping = (d.data.grouping as string | undefined) ?? p.grouping;
          if (!(GROUPINGS as readonly string[]).includes(grouping))
            throw invalid([{ field: 'grouping', rule: 'enum', params: { allowed: GROUPINGS.join(', ') } }]);
          set.grouping = grouping;
          set.published_at = at;
          set.published_by_id = actor.userId;
        }
        if (!(await repo.updateProgramVersioned(trx, id, Number(p.version), set))) throw new StaleVersion();
        if (action === 'regenerate') data.added = await addMissingItems(trx, ctx, p);
        if (action === 'publish')
          Object.assign(data, await publishItems(trx, ctx, actor, { ...p, grouping: set.grouping as string }, v, at));
        const eventId = newSortableId();
        await repo.insertProgramEvent(trx, {
          id: eventId,
          programId: id,
          at,
          actorId: actor.userId,
          actorLabel: actorLabel(actor),
          action,
          from: d.from,
          to: d.to,
          data,
        });
        if (d.notices.length) {
          const buildings = await repo.buildingsWithItems(trx, id);
          await enqueueProgramNotices(trx, ctx, {
            notices: d.notices,
            program: {
              id,
              month: p.month,
              contractTitle: v.contract_title,
              lot: v.lot,
              contractorId: v.contractor_id,
              contractorName: v.contractor_name,
            },
            buildings: buildings.map((b) => ({ id: b.id, code: b.code, name: b.name, items: Number(b.n) })),
            eventId,
            actorUserId: actor.userId,
            action,
            data: { note: d.data.note ?? null, remarks: d.data.remarks ?? null },
          });
        }
      },
      () => getProgram(ctx, actor, id),
    );
  } catch (e) {
    // The last line against a second publication: a planned work order per item (UNIQUE program_item_id).
    if (isUniqueViolation(e)) throw new AppError('VERSION_CONFLICT', {}, [], { current: await getProgram(ctx, actor, id) });
    throw e;
  }
  return getProgram(ctx, actor, id);
}

function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Opens the planned tickets and work orders of the program's items, inside the publishing
 * transaction: one ticket per item (grouping 'activity') or per (building, day) with several
 * work orders ('building_day'); numbers from the fault tickets' counter ("2026-000123", work
 * orders "2026-000123/1"); the plan's checklist and required documents as snapshots.
 */
async function publishItems(
  trx: Trx,
  ctx: AppContext,
  actor: Principal,
  p: { id: string; grouping: string },
  v: repo.ProgramView,
  at: string,
): Promise<{ tickets: number; workOrders: number }> {
  const items = await repo.itemsToPublish(trx, p.id);
  if (items.length === 0) return { tickets: 0, workOrders: 0 };
  const groups = new Map<string, typeof items>();
  for (const i of items) {
    const key = p.grouping === 'building_day' ? `${i.building_id}|${i.planned_on}` : i.id;
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  }
  const year = romeYear(ctx.now());
  let n = await repo.takeTicketNumbers(trx, year, groups.size);
  const tickets: Insertable<Database['tickets']>[] = [];
  const workOrders: Insertable<Database['work_orders']>[] = [];
  const events: Insertable<Database['events']>[] = [];
  const event = (ticketId: string, workOrderId: string | null, action: string, to: string, data: Record<string, unknown>) =>
    events.push({
      id: newSortableId(),
      ticket_id: ticketId,
      work_order_id: workOrderId,
      at,
      actor_id: actor.userId,
      actor_label: actorLabel(actor),
      action,
      from_state: null,
      to_state: to,
      data: JSON.stringify(data),
    });
  for (const g of groups.values()) {
    const first = g[0];
    const ticketId = newId();
    const number = `${year}-${String(n++).padStart(6, '0')}`;
    const subject =
      g.length === 1
        ? `${first.activity} — ${first.building_code} ${first.building_name}`
        : `${first.building_code} ${first.building_name} — ${first.planned_on}`;
    tickets.push({
      id: ticketId,
      number,
      kind: 'planned',
      status: 'in_progress',
      channel: 'planned',
      requester_id: null,
      caller_name: null,
      caller_phone: null,
      caller_email: null,
      opened_by_id: actor.userId,
      building_id: first.building_id,
      space_id: null,
      asset_id: g.length === 1 ? first.asset_id : null,
      subject: subject.slice(0, 200),
      description: g.map((i) => i.activity).join('\n'),
      danger: 0,
      priority: 'deferrable',
      language: 'it',
      created_at: at,
      updated_at: at,
      closed_at: null,
      last_reminder_at: null,
      rating_stars: null,
      rating_work_done: null,
      rating_comment: null,
      rated_at: null,
      source_work_order_id: null,
    });
    event(ticketId, null, 'open', 'in_progress', { channel: 'planned', programId: p.id });
    g.forEach((i, k) => {
      const woId = newId();
      workOrders.push({
        id: woId,
        number: `${number}/${k + 1}`,
        kind: 'planned',
        ticket_id: ticketId,
        status: 'planned',
        outcome: null,
        building_id: i.building_id,
        space_id: null,
        asset_id: i.asset_id,
        technology_class_id: i.technology_class_id,
        contract_id: v.contract_id,
        contractor_id: v.contractor_id,
        priority: 'deferrable',
        description: i.description?.trim() || i.activity,
        location: null,
        inspection_at: null,
        scheduled_at: null,
        expected_on: null,
        planned_activity: null,
        report: null,
        hours_centi: null,
        materials: null,
        issued_by_id: actor.userId,
        issued_at: at,
        acknowledged_at: null,
        completed_at: null,
        verified_at: null,
        closed_at: null,
        created_at: at,
        updated_at: at,
        // Planned work has no SLA clocks: marked checked so the SLA watcher does not take it up.
        sla_checked_version: 1,
        program_item_id: i.id,
        plan_id: i.plan_id,
        due_on: i.planned_on,
        technician: i.technician,
        checklist: i.checklist,
        checklist_results: null,
        required_documents: i.required_documents,
        late_at: null,
        planned_work_order_id: null,
      });
      event(ticketId, woId, 'issue', 'planned', {
        priority: 'deferrable',
        programId: p.id,
        dueOn: i.planned_on,
        workOrderNumber: `${number}/${k + 1}`,
      });
    });
  }
  await repo.insertTickets(trx, tickets);
  await repo.insertWorkOrders(trx, workOrders);
  await repo.insertEvents(trx, events);
  await repo.linkItems(trx, p.id, at);
  return { tickets: tickets.length, workOrders: workOrders.length };
}
