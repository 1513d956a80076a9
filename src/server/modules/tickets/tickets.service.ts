// Tickets of workflow 1: open, read (staff or requester view), act through the domain's table,
// comment, and the merged timeline. Each change writes the state, its event and its notices in
// ONE transaction; the version check is in the UPDATE itself.
import { randomBytes } from 'node:crypto';
import { decide } from '../../../domain/workflow/machine.ts';
import { LOW_RATING_MAX, TICKET_TRANSITIONS, type TicketContext, type TicketState } from '../../../domain/workflow/ticket.ts';
import type { Notice, Priority, Role } from '../../../domain/workflow/types.ts';
import type { CommentDto, CommentInput, TicketDto, TicketOpenInput, TimelineItem } from '../../../shared/schemas/workflow.ts';
import { sha256 } from '../../auth/password.ts';
import type { Principal } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/create-db.ts';
import { AppError, forbidden, invalid, notFound, type FieldIssue } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { translate } from '../../i18n/messages.ts';
import { buildingIdScope, ticketItemWhere } from '../../scope.ts';
import { enqueueNotices } from '../notices/enqueue.ts';
import { openFollowUp, useTicketTokens } from '../ratings/satisfaction.repository.ts';
import { presentAttachment } from '../attachments/attachments.service.ts';
import { listAttachments } from '../attachments/attachments.repository.ts';
import { presentComment, timelineOf } from './timeline.ts';
import { createWorkOrder, prepareIssue, reopenLastWorkOrder } from '../work-orders/work-orders.service.ts';
import { canTriage, itemView, ticketRoles } from './access.ts';
import { actorLabel, actorLang, actorUserId, isStaffOn, isSystem, newSortableId, type WorkflowActor } from './actor.ts';
import { refusalError } from './refusal.ts';
import * as repo from './tickets.repository.ts';
import { highestPriority, inVersionedTransaction, offeredActions, romeYear, StaleVersion, type Trx } from './workflow-helpers.ts';

/**
 * Notice 1 to the requester and the call center; to the building's managers as the building asks
 * (buildings.new_ticket_notices: 'all' — the default —, 'danger', 'none'). A danger to people
 * reaches them whatever the setting: 'none' silences ordinary tickets only.
 */
export function openNotices(danger: boolean, buildingSetting: string | null | undefined): Notice[] {
  const managers = danger || (buildingSetting ?? 'all') === 'all';
  return [{ kind: 'ticket_opened', to: managers ? ['requester', 'call_center', 'building_managers'] : ['requester', 'call_center'] }];
}

/** The ticket actions of the API (the rating goes through the public rating link instead). */
export const TICKET_ACTIONS = [...new Set(TICKET_TRANSITIONS.map((t) => t.action))].filter((a) => a !== 'rate');

const bool = (v: unknown) => v === true || v === 1 || v === '1';

function subjectOf(description: string): string {
  const line = description.trim().split(/\r?\n/)[0].trim();
  return line.length > 80 ? `${line.slice(0, 79).trimEnd()}…` : line;
}

// --- open ----------------------------------------------------------------------------------------

export interface OpenOptions {
  /** Run inside the caller's transaction (e.g. the e-mail intake storing the message too). */
  trx?: Trx;
}

/**
 * Opens a ticket. Who and how:
 *   - a caller with the requester role (or any staff for themselves): channel web / staff, they are the requester;
 *   - call center (or admin) with callerName/callerPhone/callerEmail and/or requesterId: channel phone,
 *     on behalf of the caller (requesterId when the caller is a known user; else callerName required);
 *   - a system actor (the e-mail intake): channel email (or its own), requester = input.requesterId.
 * The building must be active and readable by the caller (a building manager: their buildings);
 * space and asset must be in it. danger → priority emergency.
 */
export async function openTicket(
  ctx: AppContext,
  actor: WorkflowActor,
  input: TicketOpenInput,
  opts: OpenOptions = {},
): Promise<{ id: string; number: string }> {
  const now = ctx.now();
  const at = now.toISOString();
  const onBehalf =
    input.callerName !== undefined || input.callerPhone !== undefined || input.callerEmail !== undefined || input.requesterId !== undefined;
  let channel: string;
  let requesterId: string | null;
  let inScope: Parameters<typeof repo.findActiveBuilding>[2] = null;
  if (isSystem(actor)) {
    channel = actor.channel ?? 'email';
    requesterId = input.requesterId ?? null;
  } else {
    if (onBehalf && !actor.roles.has('call_center') && !actor.roles.has('admin')) throw forbidden();
    if (onBehalf && !input.callerName && !input.requesterId) throw invalid([{ field: 'callerName', rule: 'required' }]);
    channel = onBehalf ? 'phone' : actor.roles.has('requester') ? 'web' : 'staff';
    requesterId = onBehalf ? (input.requesterId ?? null) : actor.userId;
    const scope = buildingIdScope(actor);
    if (scope.kind === 'forbidden') throw forbidden();
    if (scope.kind === 'rows') inScope = scope.contains;
  }

  const work = async (trx: Trx) => {
    const issues: FieldIssue[] = [];
    const building = await repo.findActiveBuilding(trx, input.buildingId, inScope);
    if (!building) issues.push({ field: 'buildingId', rule: 'notFound' });
    if (input.spaceId) {
      const s = await repo.findSpace(trx, input.spaceId);
      if (!s || !bool(s.active)) issues.push({ field: 'spaceId', rule: 'notFound' });
      else if (s.building_id !== input.buildingId) issues.push({ field: 'spaceId', rule: 'spaceBuilding' });
    }
    if (input.assetId) {
      const a = await repo.findAsset(trx, input.assetId);
      if (!a || !bool(a.active)) issues.push({ field: 'assetId', rule: 'notFound' });
      else if (a.building_id !== input.buildingId) issues.push({ field: 'assetId', rule: 'assetBuilding' });
    }
    const requester = requesterId ? await repo.findActiveUser(trx, requesterId) : undefined;
    if (requesterId && !requester) issues.push({ field: 'requesterId', rule: 'notFound' });
    if (issues.length) throw new AppError('INVALID_REFERENCE', {}, issues);

    const danger = input.danger === true;
    const year = romeYear(now);
    const n = await repo.nextTicketNumber(trx, year);
    const number = `${year}-${String(n).padStart(6, '0')}`;
    const id = newId();
    const language = requester ? (requester.language === 'en' ? 'en' : 'it') : isSystem(actor) || !onBehalf ? actorLang(actor) : 'it';
    const priority: Priority | null = danger ? 'emergency' : null;
    await repo.insertTicket(trx, {
      id,
      number,
      status: 'new',
      channel,
      requester_id: requesterId,
      caller_name: input.callerName?.trim() || null,
      caller_phone: input.callerPhone?.trim() || null,
      caller_email: input.callerEmail?.trim() || null,
      opened_by_id: actorUserId(actor),
      building_id: input.buildingId,
      space_id: input.spaceId ?? null,
      asset_id: input.assetId ?? null,
      subject: input.subject?.trim() || subjectOf(input.description),
      description: input.description.trim(),
      danger: danger ? 1 : 0,
      priority,
      language,
      created_at: at,
      updated_at: at,
      closed_at: null,
      last_reminder_at: null,
      rating_stars: null,
      rating_work_done: null,
      rating_comment: null,
      rated_at: null,
    });
    const eventId = newSortableId();
    const data = { channel, danger, priority };
    await repo.insertEvent(trx, {
      id: eventId,
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
    await enqueueNotices(trx, ctx, {
      notices: openNotices(danger, building?.new_ticket_notices),
      ticketId: id,
      workOrderId: null,
      eventId,
      actorUserId: actorUserId(actor),
      action: 'open',
      data,
    });
    return { id, number };
  };
  return opts.trx ? work(opts.trx) : ctx.db.transaction().execute(work);
}

// --- read ----------------------------------------------------------------------------------------

/** The ticket as the caller may see it (404 outside their scope). */
export async function getTicket(ctx: AppContext, actor: WorkflowActor, id: string, db: Db = ctx.db): Promise<TicketDto> {
  const v = await repo.getTicketView(db, id);
  if (!v) throw notFound();
  const roles = await ticketRoles(db, actor, v);
  if (roles.size === 0) throw notFound();
  return presentTicket(ctx, db, actor, v, roles);
}

/** The facts the ticket table's guards read: the reminder's quiet time after opening, once a day after; the requester's reopen window. */
function ticketContext(
  ctx: AppContext,
  now: string,
  t: { created_at: string; last_reminder_at: string | null; closed_at: string | null },
): TicketContext {
  return {
    now,
    lastReminderAt: t.last_reminder_at,
    openedAt: t.created_at,
    reminderQuietHours: ctx.config.reminderQuietHours,
    closedAt: t.closed_at,
    reopenDays: ctx.config.reopenDays,
  };
}

async function presentTicket(
  ctx: AppContext,
  db: Db,
  actor: WorkflowActor,
  v: repo.TicketView,
  roles: ReadonlySet<Role>,
): Promise<TicketDto> {
  const staff = isStaffOn(roles);
  const view = itemView(actor, roles);
  // A contractor (not also the requester) lists its own work orders only, as in the ticket list.
  const wos = await repo.workOrdersOfTicket(db, v.id, view.full || view.requester ? null : view.contractorId);
  const attachments = await listAttachments(db, { ticketId: v.id }, ticketItemWhere(view, 'at', 'flagged'));
  // A planned ticket (opened by a published program) follows its planned work orders: no fault action on it.
  const actions =
    isSystem(actor) || v.kind === 'planned'
      ? []
      : offeredActions(TICKET_TRANSITIONS, v.status as TicketState, roles, ticketContext(ctx, ctx.now().toISOString(), v), ['rate']);
  const dto: TicketDto = {
    id: v.id,
    number: v.number,
    kind: v.kind,
    status: v.status as TicketDto['status'],
    channel: v.channel as TicketDto['channel'],
    priority: (v.priority as Priority | null) ?? null,
    danger: bool(v.danger),
    building: { id: v.building_id, code: v.building_code, name: v.building_name },
    space: v.space_id ? { id: v.space_id, code: v.space_code ?? '', name: v.space_name ?? '' } : null,
    asset: v.asset_id ? { id: v.asset_id, code: v.asset_code ?? '', name: v.asset_name ?? '' } : null,
    subject: v.subject,
    description: v.description,
    language: v.language,
    requester: v.requester_id
      ? { id: v.requester_id, label: v.requester_name ?? '' }
      : v.caller_name
        ? { id: null, label: v.caller_name }
        : null,
    reopenCount: Number(v.reopen_count),
    reminderCount: Number(v.reminder_count),
    lastReminderAt: v.last_reminder_at,
    rating: v.rated_at
      ? { stars: Number(v.rating_stars), workDone: bool(v.rating_work_done), comment: v.rating_comment, ratedAt: v.rated_at }
      : null,
    createdAt: v.created_at,
    updatedAt: v.updated_at,
    closedAt: v.closed_at,
    version: Number(v.version),
    availableActions: actions,
    workOrders: wos.map((w) => ({
      id: w.id,
      number: w.number,
      status: w.status as TicketDto['workOrders'][number]['status'],
      outcome: (w.outcome as TicketDto['workOrders'][number]['outcome']) ?? null,
      priority: w.priority as Priority,
      technologyClass: { id: w.class_id, code: w.class_code, nameIt: w.class_name_it, nameEn: w.class_name_en },
      ...(view.full || w.contractor_id === view.contractorId ? { contractor: { id: w.contractor_id, name: w.contractor_name } } : {}),
      inspectionAt: w.inspection_at,
      scheduledAt: w.scheduled_at,
      expectedOn: w.expected_on,
      issuedAt: w.issued_at,
    })),
    attachments: attachments.map(presentAttachment),
  };
  if (staff) {
    dto.caller =
      v.caller_name || v.caller_phone || v.caller_email ? { name: v.caller_name, phone: v.caller_phone, email: v.caller_email } : null;
    dto.openedBy = v.opened_by_id ? { id: v.opened_by_id, label: v.opened_by_name ?? '' } : null;
    dto.complaintCount = Number(v.complaint_count);
    dto.reviewFlag = bool(v.review_flag);
  }
  if (!isSystem(actor)) dto.editable = canTriage(roles, v);
  return dto;
}

// --- actions -------------------------------------------------------------------------------------

/** POST /api/tickets/{id}/actions/{action}: {version, ...fields}. */
export async function ticketAction(
  ctx: AppContext,
  actor: Principal,
  id: string,
  action: string,
  body: Record<string, unknown>,
): Promise<TicketDto> {
  const { version, ...fields } = body;
  await inVersionedTransaction(
    ctx,
    async (trx) => {
      const t = await repo.getTicket(trx, id);
      if (!t) throw notFound();
      const roles = await ticketRoles(trx, actor, t);
      if (roles.size === 0) throw notFound();
      if (Number(t.version) !== version) throw new StaleVersion();
      if (t.kind === 'planned') throw new AppError('INVALID_STATE', { action, state: t.status }, [], { action, state: t.status });
      await applyTicketAction(trx, ctx, actor, t, roles, action, fields);
    },
    () => getTicket(ctx, actor, id),
  );
  return getTicket(ctx, actor, id);
}

export interface AppliedTicketAction {
  to: TicketState;
  eventId: string;
  workOrder?: { id: string; number: string };
}

/**
 * Decides and applies one ticket action inside `trx`: state and counters (version-checked UPDATE),
 * the event, the notices, and the follow-ons (issue creates a work order; reopen — or a rating
 * saying the work was not done — sends the last verified work order back to work).
 */
export async function applyTicketAction(
  trx: Trx,
  ctx: AppContext,
  actor: WorkflowActor,
  t: repo.Ticket,
  roles: ReadonlySet<Role>,
  action: string,
  fields: Record<string, unknown>,
): Promise<AppliedTicketAction> {
  const now = ctx.now();
  const at = now.toISOString();
  const lang = actorLang(actor);
  const d = decide(TICKET_TRANSITIONS, t.status as TicketState, action, roles, fields, ticketContext(ctx, at, t));
  if (!d.ok) throw refusalError(d, action, t.status, lang);

  const set: repo.TicketSet = { status: d.to, updated_at: at };
  const data: Record<string, unknown> = { ...d.data };
  if (typeof data.inspectionAt === 'string') data.inspectionAt = new Date(data.inspectionAt).toISOString();
  let issue: Awaited<ReturnType<typeof prepareIssue>> | null = null;
  let ratingToken: string | null = null;
  let followUp = false;
  const reopening = action === 'reopen' || action === 'not_solved' || (action === 'rate' && d.to !== 'closed');
  switch (action) {
    case 'issue':
      issue = await prepareIssue(trx, ctx, t, d.data);
      set.priority = highestPriority(t.priority, issue.priority);
      break;
    case 'dismiss':
    case 'close':
      set.closed_at = at;
      if (action === 'close') ratingToken = randomBytes(32).toString('base64url');
      break;
    case 'remind':
      set.reminder_count = Number(t.reminder_count) + 1;
      set.last_reminder_at = at;
      break;
    case 'complain':
      set.complaint_count = Number(t.complaint_count) + 1;
      break;
    case 'rate':
      set.rating_stars = d.data.stars as number;
      set.rating_work_done = d.data.workDone ? 1 : 0;
      set.rating_comment = (d.data.comment as string | undefined) ?? null;
      set.rated_at = at;
      if ((d.data.stars as number) <= LOW_RATING_MAX) set.review_flag = 1;
      // #11 item 4: a low score, or work not done, is followed up by someone with an outcome.
      followUp = (d.data.stars as number) <= LOW_RATING_MAX || d.data.workDone === false;
      break;
  }
  if (reopening) {
    set.reopen_count = Number(t.reopen_count) + 1;
    set.closed_at = null;
  }
  if (!(await repo.updateTicketVersioned(trx, t.id, Number(t.version), set))) throw new StaleVersion();
  if (action === 'rate') {
    // Rated by one link (the closing notice's or the reminder's): no other link of the ticket rates it again.
    await useTicketTokens(trx, t.id, at);
    if (followUp) await openFollowUp(trx, t.id, at);
  }

  // The ticket's event id first: ids are time-ordered, so the timeline shows it before the work order's.
  const eventId = newSortableId();
  let workOrder: { id: string; number: string } | undefined;
  if (issue) {
    workOrder = await createWorkOrder(trx, ctx, actor, t, issue);
    data.workOrderId = workOrder.id;
    data.workOrderNumber = workOrder.number;
  }
  let ratingUrl: string | undefined;
  if (ratingToken) {
    const expiresAt = new Date(now.getTime() + ctx.config.ratingLinkDays * 86_400_000).toISOString();
    await repo.insertRatingToken(trx, { id: newId(), ticketId: t.id, hash: sha256(ratingToken), now: at, expiresAt });
    ratingUrl = `${ctx.config.publicUrl.replace(/\/+$/, '')}/rate/${ratingToken}`;
  }

  await repo.insertEvent(trx, {
    id: eventId,
    ticketId: t.id,
    workOrderId: null,
    at,
    actorId: actorUserId(actor),
    actorLabel: actorLabel(actor),
    action,
    from: d.from,
    to: d.to,
    data,
  });
  await enqueueNotices(trx, ctx, {
    notices: d.notices,
    ticketId: t.id,
    workOrderId: workOrder?.id ?? null,
    eventId,
    actorUserId: actorUserId(actor),
    action,
    data,
    ...(ratingUrl ? { ratingUrl } : {}),
  });
  if (reopening) {
    const reason = String(d.data.reason ?? d.data.comment ?? '') || translate(t.language === 'en' ? 'en' : 'it', 'rule', 'ratingNotDone');
    // The requester holds no role on the work order: its reopen follows the ticket's as the system's move.
    await reopenLastWorkOrder(trx, ctx, actor, t.id, reason, d.notices, action === 'not_solved');
  }
  return { to: d.to, eventId, ...(workOrder ? { workOrder: { id: workOrder.id, number: workOrder.number } } : {}) };
}

// --- comments ------------------------------------------------------------------------------------

export interface CommentOptions {
  trx?: Trx;
  /** The comment belongs to one of the ticket's work orders (its contractor may write it). */
  workOrderId?: string;
}

/**
 * Adds a comment to a ticket. Anyone with a role on the ticket; a requester only public ones; a
 * contractor only on its work orders (POST /api/work-orders/{id}/comments). A system actor (the
 * e-mail intake) writes a public comment with source 'email'.
 */
export async function addComment(
  ctx: AppContext,
  actor: WorkflowActor,
  ticketId: string,
  input: CommentInput,
  opts: CommentOptions = {},
): Promise<CommentDto> {
  const work = async (trx: Trx) => {
    const t = await repo.getTicket(trx, ticketId);
    if (!t) throw notFound();
    const roles = await ticketRoles(trx, actor, t);
    if (roles.size === 0) throw notFound();
    const visibility = input.visibility ?? 'public';
    if (!isSystem(actor)) {
      if (!opts.workOrderId && roles.size === 1 && roles.has('contractor')) throw forbidden();
      if (visibility === 'internal' && !isStaffOn(roles)) throw invalid([{ field: 'visibility', rule: 'internalNotAllowed' }]);
    }
    const row = {
      id: newSortableId(),
      ticket_id: ticketId,
      work_order_id: opts.workOrderId ?? null,
      author_id: actorUserId(actor),
      author_label: actorLabel(actor),
      visibility,
      source: isSystem(actor) && actor.channel === 'email' ? 'email' : 'web',
      body: input.body.trim(),
      created_at: ctx.now().toISOString(),
    };
    if (!row.body) throw invalid([{ field: 'body', rule: 'required' }]);
    await repo.insertComment(trx, row);
    return presentComment(row);
  };
  return opts.trx ? work(opts.trx) : ctx.db.transaction().execute(work);
}

// --- timeline ------------------------------------------------------------------------------------

/**
 * GET /api/tickets/{id}/timeline: the requester's view hides internal comments and files, internal event data, others' notices;
 * a contractor's shows its own work orders' items and the ticket's public ones, nothing of a sibling contractor's.
 */
export async function getTimeline(ctx: AppContext, actor: Principal, ticketId: string): Promise<TimelineItem[]> {
  const t = await repo.getTicket(ctx.db, ticketId);
  if (!t) throw notFound();
  const roles = await ticketRoles(ctx.db, actor, t);
  if (roles.size === 0) throw notFound();
  return timelineOf(ctx.db, { ticketId }, itemView(actor, roles));
}
