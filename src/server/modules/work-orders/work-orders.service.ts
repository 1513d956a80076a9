// Corrective work orders of workflow 1: issued from a ticket, moved by WORK_ORDER_TRANSITIONS,
// priced by quote, closed with their documents. After every move the ticket follows
// (ticketAfterWorkOrders) in the same transaction, with its own event.
import { DateTime } from 'luxon';
import { decide } from '../../../domain/workflow/machine.ts';
import { noticesAfterWorkOrders, ticketAfterWorkOrders, type TicketState } from '../../../domain/workflow/ticket.ts';
import type { Notice, Priority, Role } from '../../../domain/workflow/types.ts';
import {
  CLOSED_OUTCOME,
  requiredDocuments,
  WORK_ORDER_TRANSITIONS,
  type DocumentKind,
  type WorkOrderContext,
  type WorkOrderState,
} from '../../../domain/workflow/work-order.ts';
import { DEFAULT_VAT_BP, quoteTotals, type LineCategory } from '../../../domain/money.ts';
import type { CommentDto, CommentInput, QuoteLineInputDto, WorkOrderDto } from '../../../shared/schemas/workflow.ts';
import { DOCUMENT_KINDS as SHARED_DOCUMENT_KINDS } from '../../../shared/schemas/workflow.ts';
import type { Principal } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/create-db.ts';
import { AppError, invalid, notFound, type FieldIssue } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { resolveContract } from '../registry/contracts.service.ts';
import { enqueueNotices } from '../notices/enqueue.ts';
import { presentAttachment } from '../attachments/attachments.service.ts';
import { listAttachments } from '../attachments/attachments.repository.ts';
import { workOrderRoles } from '../tickets/access.ts';
import { actorLabel, actorLang, actorUserId, newSortableId, SYSTEM_ROLES, type WorkflowActor } from '../tickets/actor.ts';
import { refusalError } from '../tickets/refusal.ts';
import * as tickets from '../tickets/tickets.repository.ts';
import { FULL_VIEW, presentComment, timelineOf } from '../tickets/timeline.ts';
import { highestPriority, inVersionedTransaction, offeredActions, romeDate, StaleVersion, type Trx } from '../tickets/workflow-helpers.ts';
import { checkSpendAlerts } from '../accounting/spend.service.ts';
import * as repo from './work-orders.repository.ts';
import { slaVersionIdForIssue } from '../sla/sla.service.ts';
import { workOrderClocks } from '../sla/clocks.ts';
import { refreshWorkOrderSla } from '../sla/refresh.ts';
import { applyPlannedAction, plannedActionsOf, presentPlannedFields } from './planned.service.ts';
import { linkInPlan, presentPlannedLink } from './in-plan.ts';
import { canAssign } from '../technicians/assignable.ts';
import { presentDocuments, snapshotDocuments } from '../as-built/as-built.service.ts';

export const WORK_ORDER_ACTIONS = [...new Set(WORK_ORDER_TRANSITIONS.map((t) => t.action))];

const DOCUMENT_KINDS: readonly string[] = SHARED_DOCUMENT_KINDS;

const bool = (v: unknown) => v === true || v === 1 || v === '1';
const utc = (instant: unknown) => new Date(String(instant)).toISOString();

async function contextOf(
  db: Db,
  w: {
    id: string;
    technology_class_id: string;
    priority: string;
    extra_fee: unknown;
    changes_installation: unknown;
    documents_due_on?: string | null;
  },
): Promise<WorkOrderContext> {
  const cls = await repo.technologyClass(db, w.technology_class_id);
  return {
    priority: w.priority as Priority,
    requiredDocuments: requiredDocuments(
      { dm37Letter: cls?.dm37_letter ?? null },
      { extraordinary: bool(w.extra_fee), changesInstallation: bool(w.changes_installation) },
    ),
    attachedDocuments: (await repo.attachedKinds(db, w.id)).filter((k): k is DocumentKind => DOCUMENT_KINDS.includes(k)),
    documentsDueOn: w.documents_due_on ?? null,
  };
}

/** The documents the work order's class and work require (DM 37/2008 and the class's own). */
export async function requiredDocumentsOfWorkOrder(db: Db, w: repo.WorkOrder): Promise<DocumentKind[]> {
  return [...(await contextOf(db, w)).requiredDocuments];
}

/** The Rome date `days` after `now`: when documents declared "to follow" at completion are due. */
const documentsDueOn = (now: Date, days: number): string => DateTime.fromJSDate(now).setZone('Europe/Rome').plus({ days }).toISODate()!;

// --- issue (called by the ticket's 'issue' action) -----------------------------------------------

export interface PreparedIssue {
  technologyClassId: string;
  priority: Priority;
  description: string;
  location: string | null;
  spaceId: string | null;
  assetId: string | null;
  contractId: string;
  contractorId: string;
}

/**
 * Checks the fields of 'issue' against the registry and resolves the contract for (building,
 * class, today in Rome): none or several → 422 CONTRACT_NOT_FOUND / CONTRACT_AMBIGUOUS naming the gap.
 */
export async function prepareIssue(trx: Db, ctx: AppContext, t: tickets.Ticket, data: Record<string, unknown>): Promise<PreparedIssue> {
  const issues: FieldIssue[] = [];
  const spaceId = (data.spaceId as string | undefined) ?? t.space_id;
  const assetId = (data.assetId as string | undefined) ?? t.asset_id;
  if (data.spaceId) {
    const s = await tickets.findSpace(trx, String(data.spaceId));
    if (!s) issues.push({ field: 'spaceId', rule: 'notFound' });
    else if (s.building_id !== t.building_id) issues.push({ field: 'spaceId', rule: 'spaceBuilding' });
  }
  if (data.assetId) {
    const a = await tickets.findAsset(trx, String(data.assetId));
    if (!a) issues.push({ field: 'assetId', rule: 'notFound' });
    else if (a.building_id !== t.building_id) issues.push({ field: 'assetId', rule: 'assetBuilding' });
  }
  if (issues.length) throw new AppError('INVALID_REFERENCE', {}, issues);
  const contract = await resolveContract({ ...ctx, db: trx }, 'system', {
    buildingId: t.building_id,
    technologyClassId: String(data.technologyClassId),
    date: romeDate(ctx.now()),
  });
  return {
    technologyClassId: String(data.technologyClassId),
    priority: data.priority as Priority,
    description: String(data.description),
    location: (data.location as string | undefined) ?? null,
    spaceId,
    assetId,
    contractId: contract.id,
    contractorId: contract.contractorId,
  };
}

/** Writes the work order ("<ticket number>/<n>") and its 'issue' event. */
export async function createWorkOrder(
  trx: Trx,
  ctx: AppContext,
  actor: WorkflowActor,
  t: tickets.Ticket,
  p: PreparedIssue,
): Promise<{ id: string; number: string }> {
  const at = ctx.now().toISOString();
  const n = (await repo.countWorkOrdersOfTicket(trx, t.id)) + 1;
  const id = newId();
  const number = `${t.number}/${n}`;
  await repo.insertWorkOrder(trx, {
    id,
    number,
    kind: 'corrective',
    ticket_id: t.id,
    status: 'issued',
    outcome: null,
    building_id: t.building_id,
    space_id: p.spaceId,
    asset_id: p.assetId,
    technology_class_id: p.technologyClassId,
    contract_id: p.contractId,
    contractor_id: p.contractorId,
    priority: p.priority,
    description: p.description,
    location: p.location,
    inspection_at: null,
    scheduled_at: null,
    expected_on: null,
    planned_activity: null,
    report: null,
    hours_centi: null,
    materials: null,
    issued_by_id: actorUserId(actor),
    issued_at: at,
    acknowledged_at: null,
    completed_at: null,
    verified_at: null,
    closed_at: null,
    created_at: at,
    updated_at: at,
    // The SLA version in force now stays this work order's (docs/SLA.md).
    sla_version_id: await slaVersionIdForIssue(trx, p.contractId, at),
  });
  await tickets.insertEvent(trx, {
    id: newSortableId(),
    ticketId: t.id,
    workOrderId: id,
    at,
    actorId: actorUserId(actor),
    actorLabel: actorLabel(actor),
    action: 'issue',
    from: null,
    to: 'issued',
    data: { priority: p.priority, technologyClassId: p.technologyClassId, contractId: p.contractId },
  });
  // The clocks start now: the lists show the due instant as soon as the issue's response is out.
  await refreshWorkOrderSla(trx, ctx, id);
  return { id, number };
}

/**
 * A reopened ticket sends its last verified work order back to work through the table's
 * 'reopen' (verified → scheduled), as the same actor; notices the ticket's own reopen already
 * sends are not sent twice.
 */
export async function reopenLastWorkOrder(
  trx: Trx,
  ctx: AppContext,
  actor: WorkflowActor,
  ticketId: string,
  reason: string,
  alreadySent: readonly Notice[],
  followOn = false,
): Promise<void> {
  const w = await repo.lastVerifiedWorkOrder(trx, ticketId);
  if (!w) return;
  // followOn: the ticket's move was already allowed (the requester's "not solved"); states are still checked.
  const roles = followOn ? SYSTEM_ROLES : await workOrderRoles(trx, actor, w);
  await applyWorkOrderAction(trx, ctx, actor, w, roles, 'reopen', { reason }, { alreadySent, followTicket: false });
}

// --- read ----------------------------------------------------------------------------------------

export async function getWorkOrder(ctx: AppContext, actor: Principal, id: string, db: Db = ctx.db): Promise<WorkOrderDto> {
  const v = await repo.getWorkOrderView(db, id);
  if (!v) throw notFound();
  const roles = await workOrderRoles(db, actor, v);
  if (roles.size === 0) throw notFound();
  const planned = v.kind === 'planned';
  const wctx = await contextOf(db, v);
  const [quote, attachments, timeline, clocks, plannedFields, plannedLink] = await Promise.all([
    presentQuote(db, id),
    listAttachments(db, { workOrderId: id }, null),
    timelineOf(db, { workOrderId: id }, FULL_VIEW),
    // Planned work orders run no SLA clock (their measure is the due date: lateness).
    planned ? Promise.resolve(undefined) : workOrderClocks(db, id, ctx.now(), actor.language),
    presentPlannedFields(db, v),
    presentPlannedLink(db, v.planned_work_order_id),
  ]);
  const docs = attachments.filter((a) => DOCUMENT_KINDS.includes(a.kind));
  const checked = await presentDocuments(db, v, roles);
  return {
    id: v.id,
    number: v.number,
    kind: v.kind,
    status: v.status as WorkOrderState,
    outcome: (v.outcome as WorkOrderDto['outcome']) ?? null,
    priority: v.priority as Priority,
    description: v.description,
    location: v.location,
    ticket: v.ticket_id
      ? { id: v.ticket_id, number: v.ticket_number ?? '', subject: v.ticket_subject ?? '', status: v.ticket_status as TicketState }
      : null,
    building: { id: v.building_id, code: v.building_code, name: v.building_name },
    space: v.space_id ? { id: v.space_id, code: v.space_code ?? '', name: v.space_name ?? '' } : null,
    asset: v.asset_id ? { id: v.asset_id, code: v.asset_code ?? '', name: v.asset_name ?? '' } : null,
    technologyClass: {
      id: v.technology_class_id,
      code: v.class_code,
      nameIt: v.class_name_it,
      nameEn: v.class_name_en,
      dm37Letter: v.dm37_letter,
    },
    contract: { id: v.contract_id, lot: v.lot, cig: v.cig, discountPercent: Number(v.discount_bp) / 100 },
    contractor: { id: v.contractor_id, name: v.contractor_name },
    assignee: v.technician_id ? { id: v.technician_id, label: v.technician_name ?? '' } : null,
    canAssign: canAssign(actor, v),
    extraFee: bool(v.extra_fee),
    changesInstallation: bool(v.changes_installation),
    inspectionAt: v.inspection_at,
    scheduledAt: v.scheduled_at,
    expectedOn: v.expected_on,
    plannedActivity: v.planned_activity,
    report: v.report,
    hours: v.hours_centi === null ? null : Number(v.hours_centi) / 100,
    materials: v.materials,
    issuedBy: v.issued_by_id ? { id: v.issued_by_id, label: v.issued_by_name ?? '' } : null,
    issuedAt: v.issued_at,
    acknowledgedAt: v.acknowledged_at,
    completedAt: v.completed_at,
    verifiedAt: v.verified_at,
    closedAt: v.closed_at,
    createdAt: v.created_at,
    updatedAt: v.updated_at,
    version: Number(v.version),
    availableActions: planned
      ? await plannedActionsOf(db, v, roles)
      : offeredActions(WORK_ORDER_TRANSITIONS, v.status as WorkOrderState, roles, wctx),
    quote,
    documents: {
      required: [...wctx.requiredDocuments],
      missing: wctx.requiredDocuments.filter((k) => !wctx.attachedDocuments.includes(k)),
      attached: docs.map((a) => ({ kind: a.kind as DocumentKind, attachmentId: a.id, filename: a.filename })),
      dueOn: v.documents_due_on ?? null,
      complete: checked.complete,
      items: checked.items,
    },
    attachments: attachments.map(presentAttachment),
    timeline,
    clocks,
    ...plannedFields,
    plannedWorkOrder: plannedLink,
  };
}

/** A priced line as the API shows it (quotes and final accounts store the same columns). */
export function presentPricedLine(l: {
  id: string;
  position: number | string;
  price_list_item_id: string | null;
  code: string | null;
  description: string;
  unit: string;
  quantity_milli: number | string;
  unit_price_cents: number | string;
  category: string;
  amount_cents: number | string;
}) {
  return {
    id: l.id,
    position: Number(l.position),
    priceListItemId: l.price_list_item_id,
    code: l.code,
    description: l.description,
    unit: l.unit,
    quantity: Number(l.quantity_milli) / 1000,
    unitPriceCents: Number(l.unit_price_cents),
    category: l.category as LineCategory,
    amountCents: Number(l.amount_cents),
  };
}

async function presentQuote(db: Db, workOrderId: string): Promise<WorkOrderDto['quote']> {
  const q = await repo.latestQuote(db, workOrderId);
  if (!q) return null;
  const lines = await repo.quoteLines(db, q.id);
  return {
    id: q.id,
    status: q.status as 'submitted' | 'approved' | 'denied',
    discountPercent: Number(q.discount_bp) / 100,
    vatPercent: Number(q.vat_bp) / 100,
    lines: lines.map(presentPricedLine),
    discountableCents: Number(q.discountable_cents),
    discountCents: Number(q.discount_cents),
    undiscountedCents: Number(q.undiscounted_cents),
    netCents: Number(q.net_cents),
    vatCents: Number(q.vat_cents),
    totalCents: Number(q.total_cents),
    note: q.note,
    decidedBy: q.decided_by_id ? { id: q.decided_by_id, label: q.decided_by_name ?? '' } : null,
    decidedAt: q.decided_at,
    decisionReason: q.decision_reason,
    createdAt: q.created_at,
  };
}

// --- actions -------------------------------------------------------------------------------------

/** POST /api/work-orders/{id}/actions/{action}: {version, ...fields}. */
export async function workOrderAction(
  ctx: AppContext,
  actor: Principal,
  id: string,
  action: string,
  body: Record<string, unknown>,
): Promise<WorkOrderDto> {
  const { version, ...fields } = body;
  await inVersionedTransaction(
    ctx,
    async (trx) => {
      const w = await repo.getWorkOrder(trx, id);
      if (!w) throw notFound();
      const roles = await workOrderRoles(trx, actor, w);
      if (roles.size === 0) throw notFound();
      if (Number(w.version) !== version) throw new StaleVersion();
      if (w.kind === 'planned') await applyPlannedAction(trx, ctx, actor, w, roles, action, fields);
      else await applyWorkOrderAction(trx, ctx, actor, w, roles, action, fields);
    },
    () => getWorkOrder(ctx, actor, id),
  );
  return getWorkOrder(ctx, actor, id);
}

export interface PreparedQuote {
  lines: Array<{
    priceListItemId: string | null;
    code: string | null;
    description: string;
    unit: string;
    quantityMilli: number;
    unitPriceCents: number;
    category: LineCategory;
  }>;
  discountBp: number;
  totals: ReturnType<typeof quoteTotals>;
}

/** Lines → priced lines: list items give code, description, unit and price; free lines give their own. */
export async function prepareQuote(db: Db, w: repo.WorkOrder, input: QuoteLineInputDto[]): Promise<PreparedQuote> {
  const ids = [...new Set(input.map((l) => l.priceListItemId).filter((x): x is string => !!x))];
  const items = new Map((await repo.priceListItems(db, ids)).map((i) => [i.id, i]));
  const issues: FieldIssue[] = [];
  const missing: FieldIssue[] = [];
  const lines = input.map((l, i) => {
    const f = `lines.${i}`;
    const quantityMilli = Math.round(l.quantity * 1000);
    if (!(l.quantity > 0) || quantityMilli <= 0 || Math.abs(l.quantity * 1000 - quantityMilli) > 1e-6)
      issues.push({ field: `${f}.quantity`, rule: 'quantity' });
    const category = l.category ?? 'works';
    if (l.priceListItemId) {
      const item = items.get(l.priceListItemId);
      if (l.unitPriceCents !== undefined) issues.push({ field: `${f}.unitPriceCents`, rule: 'priceFromList' });
      if (!item) {
        missing.push({ field: `${f}.priceListItemId`, rule: 'notFound' });
        return null;
      }
      if (item.price_cents === null) {
        issues.push({ field: `${f}.priceListItemId`, rule: 'surchargeItem' });
        return null;
      }
      return {
        priceListItemId: item.id,
        code: item.code,
        description: l.description?.trim() || item.description,
        unit: item.unit,
        quantityMilli,
        unitPriceCents: Number(item.price_cents),
        category,
      };
    }
    if (!l.description?.trim()) issues.push({ field: `${f}.description`, rule: 'required' });
    if (!l.unit?.trim()) issues.push({ field: `${f}.unit`, rule: 'required' });
    if (l.unitPriceCents === undefined) issues.push({ field: `${f}.unitPriceCents`, rule: 'required' });
    return {
      priceListItemId: null,
      code: l.code?.trim() || null,
      description: l.description?.trim() ?? '',
      unit: l.unit?.trim() ?? '',
      quantityMilli,
      unitPriceCents: l.unitPriceCents ?? 0,
      category,
    };
  });
  if (issues.length) throw invalid(issues);
  if (missing.length) throw new AppError('INVALID_REFERENCE', {}, missing);
  const priced = lines.filter((l): l is NonNullable<typeof l> => l !== null);
  const discountBp = await repo.contractDiscountBp(db, w.contract_id);
  return { lines: priced, discountBp, totals: quoteTotals(priced, discountBp, DEFAULT_VAT_BP) };
}

interface ApplyOptions {
  /** Notices already sent by the action that caused this one (not sent twice). */
  alreadySent?: readonly Notice[];
  /** Apply ticketAfterWorkOrders to the ticket afterwards (default true). */
  followTicket?: boolean;
}

/** Notices minus the audiences `sent` already covers with the same kind. */
function withoutSent(notices: readonly Notice[], sent: readonly Notice[]): Notice[] {
  return notices
    .map((n) => ({ kind: n.kind, to: n.to.filter((a) => !sent.some((s) => s.kind === n.kind && s.to.includes(a))) }))
    .filter((n) => n.to.length > 0);
}

/** Decides and applies one work-order action inside `trx` (state, fields, quote, event, notices, ticket). */
export async function applyWorkOrderAction(
  trx: Trx,
  ctx: AppContext,
  actor: WorkflowActor,
  w: repo.WorkOrder,
  roles: ReadonlySet<Role>,
  action: string,
  fields: Record<string, unknown>,
  opts: ApplyOptions = {},
): Promise<void> {
  const at = ctx.now().toISOString();
  const wctx = await contextOf(trx, w);
  const d = decide(WORK_ORDER_TRANSITIONS, w.status as WorkOrderState, action, roles, fields, wctx);
  if (!d.ok) throw refusalError(d, action, w.status, actorLang(actor));

  const set: repo.WorkOrderSet = { status: d.to, updated_at: at };
  const data: Record<string, unknown> = { ...d.data };
  for (const k of ['inspectionAt', 'scheduledAt'] as const) if (data[k] !== undefined) data[k] = utc(data[k]);
  // The contractor says, once it has seen the site, whether the work changes the installation:
  // that is what makes a conformity declaration due (DM 37/2008) even on flat-fee work.
  if (typeof data.changesInstallation === 'boolean') set.changes_installation = data.changesInstallation ? 1 : 0;
  let quote: PreparedQuote | null = null;
  switch (action) {
    case 'acknowledge':
      set.acknowledged_at = at;
      break;
    case 'schedule_inspection':
      set.inspection_at = data.inspectionAt as string;
      break;
    case 'mark_in_plan':
      set.planned_activity = data.plannedActivity as string;
      break;
    case 'submit_quote': {
      quote = await prepareQuote(trx, w, d.data.lines as QuoteLineInputDto[]);
      delete data.lines;
      break;
    }
    case 'approve_quote':
      set.extra_fee = 1;
      break;
    case 'schedule_work':
      set.scheduled_at = data.scheduledAt as string;
      break;
    case 'resume':
      set.scheduled_at = data.scheduledAt as string;
      set.expected_on = null;
      break;
    case 'wait_materials':
      set.expected_on = data.expectedOn as string;
      break;
    case 'complete':
      set.report = data.report as string;
      set.hours_centi = Math.round((data.hours as number) * 100);
      set.materials = (data.materials as string | undefined) ?? null;
      set.completed_at = at;
      {
        const missing = wctx.requiredDocuments.filter((k) => !wctx.attachedDocuments.includes(k));
        if (missing.length && data.documentsToFollow === true) {
          // The days are the contract's (admin setting, default 30): completion day + days, Rome.
          set.documents_due_on = documentsDueOn(ctx.now(), await repo.contractDocumentsDueDays(trx, w.contract_id));
          Object.assign(data, { documentsMissing: missing, documentsDueOn: set.documents_due_on });
        } else {
          delete data.documentsToFollow; // nothing is missing: nothing follows
        }
      }
      break;
    case 'reject_completion':
      // A new completion sets a new due date (or attaches everything).
      set.completed_at = null;
      set.documents_due_on = null;
      set.documents_checked_at = null;
      break;
    case 'verify':
      set.verified_at = at;
      break;
    case 'reopen':
      set.verified_at = null;
      set.completed_at = null;
      break;
    case 'change_priority':
      set.priority = data.priority as Priority;
      data.previousPriority = w.priority;
      break;
  }
  // The in-plan link: the planned work order that will do the job (checked, stored, told on closure).
  const inPlan =
    action === 'mark_in_plan' || action === 'confirm_in_plan'
      ? await linkInPlan(trx, w, (data.plannedWorkOrderId as string | undefined) ?? null)
      : null;
  if (inPlan) {
    set.planned_work_order_id = inPlan.id;
    Object.assign(data, { plannedWorkOrderId: inPlan.id, plannedWorkOrderNumber: inPlan.number, plannedDate: inPlan.date });
  }
  if (d.to === 'closed') {
    set.closed_at = at;
    set.outcome = CLOSED_OUTCOME[action] ?? null;
    data.outcome = set.outcome;
  }
  if (!(await repo.updateWorkOrderVersioned(trx, w.id, Number(w.version), set))) throw new StaleVersion();
  // #10 item 1: the documents the work order must now carry, each to be checked by the building manager.
  if (action === 'complete') await snapshotDocuments(trx, w, wctx.requiredDocuments, at);

  if (quote) {
    const quoteId = newId();
    await repo.insertQuote(
      trx,
      {
        id: quoteId,
        work_order_id: w.id,
        status: 'submitted',
        discount_bp: quote.discountBp,
        vat_bp: DEFAULT_VAT_BP,
        discountable_cents: quote.totals.discountableCents,
        discount_cents: quote.totals.discountCents,
        undiscounted_cents: quote.totals.undiscountedCents,
        net_cents: quote.totals.netCents,
        vat_cents: quote.totals.vatCents,
        total_cents: quote.totals.totalCents,
        note: (d.data.note as string | undefined) ?? null,
        decided_by_id: null,
        decided_at: null,
        decision_reason: null,
        created_at: at,
      },
      quote.lines.map((l, i) => ({
        id: newId(),
        quote_id: quoteId,
        position: i + 1,
        price_list_item_id: l.priceListItemId,
        code: l.code,
        description: l.description,
        unit: l.unit,
        quantity_milli: l.quantityMilli,
        unit_price_cents: l.unitPriceCents,
        category: l.category,
        amount_cents: quote!.totals.lineAmounts[i],
      })),
    );
    Object.assign(data, { quoteId, lineCount: quote.lines.length, netCents: quote.totals.netCents, totalCents: quote.totals.totalCents });
  }
  if (action === 'approve_quote' || action === 'deny_quote') {
    await repo.decideQuote(trx, w.id, {
      status: action === 'approve_quote' ? 'approved' : 'denied',
      byId: actorUserId(actor),
      at,
      reason: (d.data.reason as string | undefined) ?? null,
    });
  }
  // #10 item 6: an approved quote commits money: the service heads hear of 80 % / 100 % now.
  if (action === 'approve_quote') await checkSpendAlerts(trx, ctx, w.contract_id);

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
  const notices = withoutSent(d.notices, opts.alreadySent ?? []);
  // The fault's requester is told the planned work order and its date (workflow 2).
  if (inPlan && d.to === 'closed') notices.push({ kind: 'in_plan_date', to: ['requester'] });
  if (inPlan)
    await inPlan.mirror(trx, {
      at,
      actorId: actorUserId(actor),
      actorLabel: actorLabel(actor),
      faultWorkOrderId: w.id,
      faultWorkOrderNumber: w.number,
      faultTicketId: w.ticket_id,
    });
  if (notices.length) {
    await enqueueNotices(trx, ctx, {
      notices,
      ticketId: w.ticket_id,
      workOrderId: w.id,
      eventId,
      actorUserId: actorUserId(actor),
      action,
      data: inPlan ? { ...data, ...inPlan.noticeData } : data,
    });
  }
  if (opts.followTicket !== false) await followTicket(trx, ctx, actor, w, action, at, data);
  // Any action may start, stop, pause or resume a clock (or change its limits): the stored SLA
  // state is brought up to date in this same transaction, not by the watcher a minute later.
  await refreshWorkOrderSla(trx, ctx, w.id);
}

/**
 * The ticket after one of its work orders moved: ticketAfterWorkOrders decides resolved (some work
 * verified, none open) or closed (all ended without work), with an 'auto_resolve' / 'auto_close'
 * event; a priority change re-derives the ticket's priority (the highest of its work orders).
 */
async function followTicket(
  trx: Trx,
  ctx: AppContext,
  actor: WorkflowActor,
  w: repo.WorkOrder,
  action: string,
  at: string,
  causeData: Record<string, unknown> = {},
): Promise<void> {
  if (!w.ticket_id) return;
  const t = await tickets.getTicket(trx, w.ticket_id);
  if (!t) return;
  const wos = await repo.workOrderStatesOfTicket(trx, t.id);
  const next = ticketAfterWorkOrders(
    t.status as TicketState,
    wos.map((x) => ({ state: x.status })),
  );
  const set: tickets.TicketSet = {};
  if (action === 'change_priority') {
    const p = highestPriority(bool(t.danger) ? 'emergency' : null, ...wos.map((x) => x.priority));
    if (p !== t.priority) set.priority = p;
  }
  if (next !== t.status) {
    set.status = next;
    if (next === 'closed') set.closed_at = at;
  }
  if (Object.keys(set).length === 0) return;
  await tickets.updateTicket(trx, t.id, { ...set, updated_at: at });
  if (next !== t.status) {
    const eventId = newSortableId();
    const auto = next === 'resolved' ? 'auto_resolve' : 'auto_close';
    // A cancel's reason stays with the ticket's closing: the requester reads why (timeline, notice 2).
    const reason = action === 'cancel' && typeof causeData.reason === 'string' ? { reason: causeData.reason } : {};
    const data = { workOrderId: w.id, workOrderNumber: w.number, cause: action, ...reason };
    await tickets.insertEvent(trx, {
      id: eventId,
      ticketId: t.id,
      workOrderId: null,
      at,
      actorId: actorUserId(actor),
      actorLabel: actorLabel(actor),
      action: auto,
      from: t.status,
      to: next,
      data,
    });
    const notices = noticesAfterWorkOrders(action, t.status as TicketState, next);
    if (notices.length) {
      await enqueueNotices(trx, ctx, {
        notices,
        ticketId: t.id,
        workOrderId: w.id,
        eventId,
        actorUserId: actorUserId(actor),
        action: `${auto}_${action}`,
        data,
      });
    }
  }
}

// --- comments ------------------------------------------------------------------------------------

/** A comment on a work order (and so on its ticket): its contractor, building manager, staff. */
export async function addWorkOrderComment(
  ctx: AppContext,
  actor: Principal,
  workOrderId: string,
  input: CommentInput,
): Promise<CommentDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const w = await repo.getWorkOrder(trx, workOrderId);
    if (!w) throw notFound();
    const roles = await workOrderRoles(trx, actor, w);
    if (roles.size === 0) throw notFound();
    if (!w.ticket_id) throw new AppError('INVALID_STATE', { action: 'comment', state: w.status });
    const body = input.body.trim();
    if (!body) throw invalid([{ field: 'body', rule: 'required' }]);
    const row = {
      id: newSortableId(),
      ticket_id: w.ticket_id,
      work_order_id: w.id,
      author_id: actor.userId,
      author_label: actor.displayName,
      visibility: input.visibility ?? 'public',
      source: 'web',
      body,
      created_at: ctx.now().toISOString(),
    };
    await tickets.insertComment(trx, row);
    return presentComment(row);
  });
}
