// Planned work orders (workflow 2, kind = 'planned'): created by a published program, moved by
// PLANNED_WORK_ORDER_TRANSITIONS through the same action route as corrective ones. Completion
// checks the checklist snapshot and the plan's documents; a floating plan restarts from the
// completion; an out-of-range measurement lets one follow-up fault be opened. After every move
// the planned ticket follows (plannedTicketState), in the same transaction, with its own event.
// No SLA clock runs on them (docs/PLANNED.md "Planned work orders").
import { decide } from '../../../domain/workflow/machine.ts';
import {
  measurementsOutOfRange,
  PLANNED_WORK_ORDER_TRANSITIONS,
  plannedTicketState,
  type ChecklistItem,
  type ChecklistResult,
  type PlannedWorkOrderContext,
  type PlannedWorkOrderState,
} from '../../../domain/workflow/planned-work-order.ts';
import type { Notice, Role } from '../../../domain/workflow/types.ts';
import type { WorkOrderDto } from '../../../shared/schemas/workflow.ts';
import { formatter } from '../../../shared/format.ts';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/create-db.ts';
import { AppError, invalid, type FieldIssue } from '../../errors.ts';
import { translate } from '../../i18n/messages.ts';
import { newId } from '../../ids.ts';
import { enqueueNotices } from '../notices/enqueue.ts';
import { actorLabel, actorLang, actorUserId, newSortableId, type WorkflowActor } from '../tickets/actor.ts';
import { refusalError } from '../tickets/refusal.ts';
import * as tickets from '../tickets/tickets.repository.ts';
import { offeredActions, romeDate, romeYear, StaleVersion, type Trx } from '../tickets/workflow-helpers.ts';
import { syncLatePlannedDaily } from '../penalties/planned.ts';
import { snapshotDocuments } from '../as-built/as-built.service.ts';
import { completedLate, markLate } from './lateness.ts';
import * as plannedRepo from './planned.repository.ts';
import * as repo from './work-orders.repository.ts';

export const PLANNED_ACTIONS = [...new Set(PLANNED_WORK_ORDER_TRANSITIONS.map((t) => t.action))];

const utc = (instant: unknown) => new Date(String(instant)).toISOString();

function parseJson<T>(json: string | null | undefined, fallback: T): T {
  if (!json) return fallback;
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
}

export const checklistOf = (w: { checklist: string | null }) => parseJson<ChecklistItem[]>(w.checklist, []);
export const resultsOf = (w: { checklist_results: string | null }) => parseJson<ChecklistResult[] | null>(w.checklist_results, null);
export const requiredDocumentsOf = (w: { required_documents: string | null }) => parseJson<string[]>(w.required_documents, []);

/** Keys of the measurements of `results` outside their item's range (the domain's measurementsOutOfRange). */
export const outOfRangeKeys = (items: readonly ChecklistItem[], results: readonly ChecklistResult[] | null): string[] =>
  results ? measurementsOutOfRange(items, results).map((i) => i.key) : [];

export async function plannedContextOf(db: Db, w: repo.WorkOrder): Promise<PlannedWorkOrderContext> {
  const [attached, followUp] = await Promise.all([repo.attachedKinds(db, w.id), plannedRepo.followUpOf(db, w.id)]);
  const checklist = checklistOf(w);
  return {
    requiredDocuments: requiredDocumentsOf(w),
    attachedDocuments: attached,
    checklist,
    outOfRange: outOfRangeKeys(checklist, resultsOf(w)).length > 0,
    followUpTicketId: followUp?.id ?? null,
  };
}

type PlannedFields = Pick<
  WorkOrderDto,
  | 'planId'
  | 'programItemId'
  | 'dueOn'
  | 'technician'
  | 'checklist'
  | 'checklistResults'
  | 'outOfRange'
  | 'requiredDocuments'
  | 'missingDocuments'
  | 'late'
  | 'lateAt'
  | 'followUpTicket'
>;

/** The planned fields of the work order DTO (empty ones on a corrective work order). */
export async function presentPlannedFields(db: Db, w: repo.WorkOrder): Promise<PlannedFields> {
  if (w.kind !== 'planned') {
    return {
      planId: null,
      programItemId: null,
      dueOn: null,
      technician: null,
      checklist: [],
      checklistResults: null,
      outOfRange: [],
      requiredDocuments: [],
      missingDocuments: [],
      late: false,
      lateAt: null,
      followUpTicket: null,
    };
  }
  const c = await plannedContextOf(db, w);
  const results = resultsOf(w);
  const followUp = await plannedRepo.followUpOf(db, w.id);
  return {
    planId: w.plan_id,
    programItemId: w.program_item_id,
    dueOn: w.due_on,
    technician: w.technician,
    checklist: [...c.checklist],
    checklistResults: results,
    outOfRange: outOfRangeKeys(c.checklist, results),
    requiredDocuments: [...c.requiredDocuments],
    missingDocuments: c.requiredDocuments.filter((d) => !c.attachedDocuments.includes(d)),
    late: w.late_at !== null,
    lateAt: w.late_at,
    followUpTicket: followUp ? { id: followUp.id, number: followUp.number } : null,
  };
}

/** The planned actions the caller may take now (a guard the user can satisfy keeps its action listed). */
export async function plannedActionsOf(db: Db, w: repo.WorkOrder, roles: ReadonlySet<Role>): Promise<string[]> {
  const c = await plannedContextOf(db, w);
  return offeredActions(PLANNED_WORK_ORDER_TRANSITIONS, w.status as PlannedWorkOrderState, roles, c);
}

// --- actions -------------------------------------------------------------------------------------

interface Reading {
  meterId: string;
  value: number;
}

/** Checks the readings given at completion: meters of the work order's asset (or the plan's meter). */
async function checkReadings(trx: Db, w: repo.WorkOrder, planMeterId: string | null, readings: unknown): Promise<Reading[]> {
  if (readings === undefined || readings === null) return [];
  if (!Array.isArray(readings)) throw invalid([{ field: 'readings', rule: 'type', params: { expected: 'array' } }]);
  const issues: FieldIssue[] = [];
  const out: Reading[] = [];
  for (const [i, r] of (readings as Reading[]).entries()) {
    const m = await plannedRepo.meterOf(trx, r.meterId);
    if (!m || Number(m.active) !== 1 || (m.id !== planMeterId && (w.asset_id === null || m.asset_id !== w.asset_id))) {
      issues.push({ field: `readings.${i}.meterId`, rule: 'notFound' });
    } else if (!(typeof r.value === 'number' && Number.isFinite(r.value) && r.value >= 0)) {
      issues.push({ field: `readings.${i}.value`, rule: 'number' });
    } else out.push(r);
  }
  if (issues.length) throw new AppError('INVALID_REFERENCE', {}, issues);
  return out;
}

/** The checklist results in the snapshot's order, only its keys, numbers for measurements. */
function cleanResults(items: readonly ChecklistItem[], given: readonly ChecklistResult[]): ChecklistResult[] {
  const byKey = new Map(given.map((r) => [r.key, r]));
  const unknown = given.filter((r) => !items.some((i) => i.key === r.key)).map((r) => r.key);
  if (unknown.length) throw invalid(unknown.map((k) => ({ field: `checklist.${k}`, rule: 'notFound' })));
  return items.map((i) => {
    const r = byKey.get(i.key)!;
    const note = r.note?.trim() || undefined;
    return i.kind === 'yes_no'
      ? { key: i.key, ok: r.ok, ...(note ? { note } : {}) }
      : { key: i.key, value: r.value, ...(note ? { note } : {}) };
  });
}

/** Decides and applies one planned work-order action inside `trx` (state, fields, event, notices, ticket). */
export async function applyPlannedAction(
  trx: Trx,
  ctx: AppContext,
  actor: WorkflowActor,
  w: repo.WorkOrder,
  roles: ReadonlySet<Role>,
  action: string,
  fields: Record<string, unknown>,
): Promise<void> {
  const at = ctx.now().toISOString();
  const pctx = await plannedContextOf(trx, w);
  const { readings, ...tableFields } = fields;
  const d = decide(PLANNED_WORK_ORDER_TRANSITIONS, w.status as PlannedWorkOrderState, action, roles, tableFields, pctx);
  if (!d.ok) throw refusalError(d, action, w.status, actorLang(actor));

  const set: repo.WorkOrderSet = { status: d.to, updated_at: at };
  const data: Record<string, unknown> = { ...d.data };
  if (data.scheduledAt !== undefined) data.scheduledAt = utc(data.scheduledAt);
  let afterEvent: ((eventId: string) => Promise<void>) | null = null;
  switch (action) {
    case 'schedule':
      set.scheduled_at = data.scheduledAt as string;
      if (data.technician !== undefined) set.technician = data.technician as string;
      break;
    case 'reschedule':
      set.scheduled_at = data.scheduledAt as string;
      break;
    case 'wait_materials':
      set.expected_on = data.expectedOn as string;
      break;
    case 'resume':
      set.scheduled_at = data.scheduledAt as string;
      set.expected_on = null;
      break;
    case 'start_work':
      if (!w.acknowledged_at) set.acknowledged_at = at;
      break;
    case 'complete': {
      const plan = w.plan_id ? await plannedRepo.planOf(trx, w.plan_id) : undefined;
      const results = cleanResults(pctx.checklist, data.checklist as ChecklistResult[]);
      const given = await checkReadings(trx, w, plan?.meter_id ?? null, readings);
      set.report = data.report as string;
      set.hours_centi = Math.round((data.hours as number) * 100);
      set.materials = (data.materials as string | undefined) ?? null;
      set.completed_at = at;
      set.checklist_results = JSON.stringify(results);
      data.checklist = results;
      const outOfRange = outOfRangeKeys(pctx.checklist, results);
      if (outOfRange.length) data.outOfRange = outOfRange;
      if (given.length) data.readings = given;
      // A floating plan counts its next occurrence from the last completion (a Rome date).
      if (plan?.schedule_kind === 'floating') {
        await plannedRepo.setPlanLastDone(trx, plan.id, romeDate(ctx.now()), at);
        data.lastDoneOn = romeDate(ctx.now());
      }
      for (const r of given) {
        await plannedRepo.insertMeterReading(trx, {
          id: newId(),
          meter_id: r.meterId,
          value_milli: Math.round(r.value * 1000),
          read_at: at,
          source: 'visit',
          work_order_id: w.id,
          recorded_by_id: actorUserId(actor),
          created_at: at,
        });
      }
      break;
    }
    case 'reject_completion':
      set.completed_at = null;
      break;
    case 'verify':
      set.verified_at = at;
      break;
    case 'cancel':
      set.closed_at = at;
      set.outcome = 'cancelled';
      break;
    case 'open_follow_up': {
      const t = await openFollowUp(trx, ctx, actor, w, pctx.checklist, (d.data.note as string | undefined) ?? null);
      Object.assign(data, { followUpTicketId: t.id, followUpTicketNumber: t.number });
      afterEvent = t.notify;
      break;
    }
  }
  if (!(await repo.updateWorkOrderVersioned(trx, w.id, Number(w.version), set))) throw new StaleVersion();
  // #10 item 1: the plan's documents and the class's "always" ones, each to be checked by the building manager.
  if (action === 'complete') await snapshotDocuments(trx, w, requiredDocumentsOf(w), at);

  const eventId = newSortableId();
  await tickets.insertEvent(trx, {
    id: eventId,
    ticketId: w.ticket_id,
    workOrderId: w.id,
    at,
    actorId: actorUserId(actor),
    actorLabel: actorLabel(actor),
    action,
    from: d.from,
    to: d.to,
    data,
  });
  const notices: Notice[] = [...d.notices];
  if (notices.length) {
    await enqueueNotices(trx, ctx, {
      notices,
      ticketId: w.ticket_id,
      workOrderId: w.id,
      eventId,
      actorUserId: actorUserId(actor),
      action,
      data: { ...data, ...(await plannedRepo.noticeFactsOf(trx, w)), technician: set.technician ?? w.technician },
    });
  }
  if (afterEvent) await afterEvent(eventId);
  // Completed after its deadline before the lateness job saw it: late all the same.
  if (action === 'complete' && w.due_on && !w.late_at && completedLate(w.due_on, romeDate(ctx.now())))
    await markLate(trx, ctx, { ...w, status: d.to });
  // The daily late penalty stops at the completion day (a proposal still 'proposed' gets its last days).
  if (action === 'complete' && w.due_on) await syncLatePlannedDaily(trx, ctx, w, romeDate(ctx.now()));
  await followPlannedTicket(trx, actor, w, action, at);
}

/**
 * The planned ticket after one of its work orders moved: in progress while any is open, resolved
 * when the work is done but not all verified, closed when all are verified or cancelled; each move
 * with its own event ('auto_resolve', 'auto_close', 'auto_resume'). No rating link: nobody asked.
 */
async function followPlannedTicket(trx: Trx, actor: WorkflowActor, w: repo.WorkOrder, action: string, at: string): Promise<void> {
  if (!w.ticket_id) return;
  const t = await tickets.getTicket(trx, w.ticket_id);
  if (!t) return;
  const next = plannedTicketState((await plannedRepo.plannedStatesOfTicket(trx, t.id)) as PlannedWorkOrderState[]);
  if (next === t.status) return;
  await tickets.updateTicket(trx, t.id, { status: next, closed_at: next === 'closed' ? at : null, updated_at: at });
  await tickets.insertEvent(trx, {
    id: newSortableId(),
    ticketId: t.id,
    workOrderId: null,
    at,
    actorId: actorUserId(actor),
    actorLabel: actorLabel(actor),
    action: next === 'closed' ? 'auto_close' : next === 'resolved' ? 'auto_resolve' : 'auto_resume',
    from: t.status,
    to: next,
    data: { workOrderId: w.id, workOrderNumber: w.number, cause: action },
  });
}

const fmt = (n: number | undefined, lang: 'it' | 'en') => (n === undefined ? '–' : formatter(lang).quantity(n));

/**
 * The follow-up fault of an out-of-range measurement: a new fault ticket (channel 'staff', no
 * requester) in the building, space and asset of the planned work order, naming the measurement,
 * its value, range and unit in the actor's language; the source link both ways (its 'open' event
 * names the planned work order, the planned work order's event names it). Notice 1 goes to the
 * call center as for any new fault (returned as `notify`, run after the caller's event).
 */
async function openFollowUp(
  trx: Trx,
  ctx: AppContext,
  actor: WorkflowActor,
  w: repo.WorkOrder,
  items: readonly ChecklistItem[],
  note: string | null,
) {
  const lang = actorLang(actor);
  const results = resultsOf(w) ?? [];
  const keys = outOfRangeKeys(items, results);
  const lines = keys.map((k) => {
    const i = items.find((x) => x.key === k)!;
    const v = results.find((r) => r.key === k)!.value!;
    return translate(lang, 'rule', 'plannedOutOfRangeLine', {
      label: i.label,
      value: fmt(v, lang),
      min: fmt(i.min, lang),
      max: fmt(i.max, lang),
      unit: i.unit ?? '',
    }).replace(/\s+\./g, '.');
  });
  const first = items.find((x) => x.key === keys[0])!;
  const subject = translate(lang, 'rule', 'plannedFollowUpSubject', { label: first.label, number: w.number }).slice(0, 200);
  const description = [translate(lang, 'rule', 'plannedFollowUpIntro', { number: w.number }), ...lines, ...(note ? [note] : [])].join('\n');
  const now = ctx.now();
  const at = now.toISOString();
  const year = romeYear(now);
  const n = await tickets.nextTicketNumber(trx, year);
  const number = `${year}-${String(n).padStart(6, '0')}`;
  const id = newId();
  await tickets.insertTicket(trx, {
    id,
    number,
    status: 'new',
    channel: 'staff',
    kind: 'fault',
    source_work_order_id: w.id,
    requester_id: null,
    caller_name: null,
    caller_phone: null,
    caller_email: null,
    opened_by_id: actorUserId(actor),
    building_id: w.building_id,
    space_id: w.space_id,
    asset_id: w.asset_id,
    subject,
    description,
    danger: 0,
    priority: null,
    language: lang,
    created_at: at,
    updated_at: at,
    closed_at: null,
    last_reminder_at: null,
    rating_stars: null,
    rating_work_done: null,
    rating_comment: null,
    rated_at: null,
  });
  const openEventId = newSortableId();
  const data = {
    channel: 'staff',
    danger: false,
    priority: null,
    sourceWorkOrderId: w.id,
    sourceWorkOrderNumber: w.number,
    outOfRange: keys,
  };
  await tickets.insertEvent(trx, {
    id: openEventId,
    ticketId: id,
    workOrderId: null,
    at,
    actorId: actorUserId(actor),
    actorLabel: actorLabel(actor),
    action: 'open',
    from: null,
    to: 'new',
    data,
  });
  return {
    id,
    number,
    notify: async () => {
      await enqueueNotices(trx, ctx, {
        notices: [{ kind: 'ticket_opened', to: ['requester', 'call_center'] }],
        ticketId: id,
        workOrderId: null,
        eventId: openEventId,
        actorUserId: actorUserId(actor),
        action: 'open',
        data,
      });
    },
  };
}
