// Final accounts of work orders (#10 item 2, consuntivo). The contractor writes the actual lines of
// its completed or verified work order (extra-fee work starts from the approved quote), priced like
// the quote (work-orders.service.ts prepareQuote: list items at the list price, the contract's
// discount on works only); new prices by analysis per DPR 207/2010 art. 32. Totals are always
// recomputed here from the lines. Submitting compares the net with the approved quote (domain
// variance): any difference needs a reason, over the contract's threshold the service head
// approves it first; then accounting approves or returns each final account.
//
//   draft ──submit──▶ submitted ──approve──▶ approved            (accounting)
//     │                  └──return──▶ returned ──edit──▶ draft   (accounting, with a reason)
//     └─submit (over threshold)─▶ needs_service_head ──approve_variance──▶ submitted
//                                     └──return_variance──▶ returned  (service head, with a reason)
//
// Who: the work order's contractor writes and submits; the building manager of its building reads;
// service head, accounting and admin read all. Scope is a predicate in the SQL (repository).
import {
  finalAccountTotals,
  variance,
  analysisPrice,
  PROFIT_BP,
  DEFAULT_OVERHEADS_BP,
  type FeeBasis,
} from '../../../domain/accounting/final-account.ts';
import { DEFAULT_VAT_BP, type LineCategory } from '../../../domain/money.ts';
import { formatter } from '../../../shared/format.ts';
import type { QuoteLineInputDto } from '../../../shared/schemas/workflow.ts';
import { hasRole, type Principal, type Role } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/create-db.ts';
import { AppError, forbidden, invalid, notFound, type FieldIssue } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { documentsNotAccepted, workOrderDocumentsComplete } from '../as-built/as-built.service.ts';
import { decodeCursor, duplicate, encodeCursor, uniqueViolationColumns } from '../registry/common.ts';
import { workOrderRoles } from '../tickets/access.ts';
import { newSortableId } from '../tickets/actor.ts';
import * as tickets from '../tickets/tickets.repository.ts';
import { inVersionedTransaction, StaleVersion, type Trx } from '../tickets/workflow-helpers.ts';
import * as workOrders from '../work-orders/work-orders.repository.ts';
import { prepareQuote, presentPricedLine } from '../work-orders/work-orders.service.ts';
import { allocateOnApproval } from './allocations.service.ts';
import * as repo from './final-accounts.repository.ts';
import { checkSpendAlerts } from './spend.service.ts';
import type {
  FinalAccountAction,
  FinalAccountActionInput,
  FinalAccountDto,
  FinalAccountEditInput,
  FinalAccountLineInputDto,
  FinalAccountListInput,
  FinalAccountState,
} from './final-accounts.schemas.ts';

/** Work-order states whose work is done: only these get a final account. */
const DONE_STATES: readonly string[] = ['completed', 'verified'];
/** States in which the contractor may still change the lines. */
const EDITABLE: readonly FinalAccountState[] = ['draft', 'returned'];
const READ_ALL: readonly Role[] = ['service_head', 'accounting', 'admin'];

interface Transition {
  from: readonly FinalAccountState[];
  role: Role;
}
const TRANSITIONS: Record<FinalAccountAction, Transition> = {
  submit: { from: EDITABLE, role: 'contractor' },
  approve_variance: { from: ['needs_service_head'], role: 'service_head' },
  return_variance: { from: ['needs_service_head'], role: 'service_head' },
  approve: { from: ['submitted'], role: 'accounting' },
  return: { from: ['submitted'], role: 'accounting' },
};

const bool = (v: unknown) => v === true || v === 1 || v === '1';
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

// --- scope ---------------------------------------------------------------------------------------

/** The caller's final accounts as a SQL predicate; null: all. 403 for roles with no business with them. */
function scopeOf(p: Principal): repo.ScopePredicate | null {
  if (hasRole(p, ...READ_ALL)) return null;
  const parts: repo.ScopePredicate[] = [];
  if (p.roles.has('contractor') && p.contractorId) parts.push(repo.ofContractor(p.contractorId));
  if (p.roles.has('building_manager')) parts.push(repo.inManagedBuildings(p.userId));
  if (parts.length === 0) throw forbidden();
  return parts.length === 1 ? parts[0] : repo.anyOfScopes(parts);
}

/**
 * The caller's roles that act on a final account. The building manager only reads (scope says
 * which), so none depends on the building: no query per row of a list.
 */
function actingRoles(p: Principal, fa: { contractor_id: string }): Set<Role> {
  const roles = new Set<Role>(READ_ALL.filter((r) => p.roles.has(r)));
  if (p.roles.has('contractor') && p.contractorId && p.contractorId === fa.contractor_id) roles.add('contractor');
  return roles;
}

// --- read ----------------------------------------------------------------------------------------

function present(v: repo.FinalAccountView, lines: repo.FinalAccountLine[], roles: ReadonlySet<Role>): FinalAccountDto {
  const status = v.status as FinalAccountState;
  const actions = (Object.keys(TRANSITIONS) as FinalAccountAction[]).filter(
    (a) => TRANSITIONS[a].from.includes(status) && roles.has(TRANSITIONS[a].role),
  );
  return {
    id: v.id,
    workOrder: { id: v.work_order_id, number: v.work_order_number, status: v.work_order_status, description: v.work_order_description },
    contract: { id: v.contract_id, lot: v.lot, cig: v.cig, varianceThresholdBp: Number(v.variance_threshold_bp) },
    contractor: { id: v.contractor_id, name: v.contractor_name },
    building: { id: v.building_id, code: v.building_code, name: v.building_name },
    basis: v.basis as FeeBasis,
    status,
    quoteId: v.quote_id,
    approvedNetCents: num(v.approved_net_cents),
    discountBp: Number(v.discount_bp),
    vatBp: Number(v.vat_bp),
    lines: lines.map((l) => ({
      ...presentPricedLine(l),
      analysis:
        l.overheads_bp === null
          ? null
          : {
              materialsCents: Number(l.materials_cents ?? 0),
              labourCents: Number(l.labour_cents ?? 0),
              equipmentCents: Number(l.equipment_cents ?? 0),
              overheadsBp: Number(l.overheads_bp),
              profitBp: Number(l.profit_bp ?? PROFIT_BP),
            },
    })),
    discountableCents: Number(v.discountable_cents),
    discountCents: Number(v.discount_cents),
    undiscountedCents: Number(v.undiscounted_cents),
    netCents: Number(v.net_cents),
    vatCents: Number(v.vat_cents),
    totalCents: Number(v.total_cents),
    chargeableNetCents: Number(v.chargeable_net_cents),
    varianceCents: num(v.variance_cents),
    varianceBp: num(v.variance_bp),
    varianceReason: v.variance_reason,
    hours: v.hours_centi === null ? null : Number(v.hours_centi) / 100,
    materials: v.materials,
    submittedAt: v.submitted_at,
    serviceHead: v.service_head_id ? { id: v.service_head_id, label: v.service_head_name ?? '' } : null,
    serviceHeadAt: v.service_head_at,
    decidedBy: v.decided_by_id ? { id: v.decided_by_id, label: v.decided_by_name ?? '' } : null,
    decidedAt: v.decided_at,
    returnReason: v.return_reason,
    availableActions: actions,
    canEdit: EDITABLE.includes(status) && roles.has('contractor'),
    version: Number(v.version),
    createdAt: v.created_at,
    updatedAt: v.updated_at,
  };
}

export async function getFinalAccount(ctx: AppContext, p: Principal, id: string, db: Db = ctx.db): Promise<FinalAccountDto> {
  const [v] = await repo.listFinalAccounts(db, { id, limit: 1, scope: scopeOf(p) });
  if (!v) throw notFound();
  return present(v, await repo.finalAccountLines(db, id), actingRoles(p, v));
}

function decodeListCursor(raw: string | undefined): repo.ListSortKey | null {
  const c = decodeCursor(raw);
  if (!c) return null;
  const [unsubmitted, submittedAt, createdAt] = c[0].split('|');
  if ((unsubmitted !== '0' && unsubmitted !== '1') || createdAt === undefined) throw invalid([{ field: 'cursor', rule: 'pattern' }]);
  return { unsubmitted: Number(unsubmitted), submittedAt, createdAt, id: c[1] };
}
const encodeListCursor = (k: repo.ListSortKey) => encodeCursor([`${k.unsubmitted}|${k.submittedAt}|${k.createdAt}`, k.id]);

/**
 * Accounting's worklist and everyone's list in scope: oldest submission first, then drafts; keyset
 * pages (`cursor` from the previous page's `nextCursor`), the lines of a page read in one query.
 */
export async function listFinalAccounts(
  ctx: AppContext,
  p: Principal,
  q: FinalAccountListInput,
): Promise<{ items: FinalAccountDto[]; nextCursor: string | null }> {
  const limit = q.limit ?? 100;
  const rows = await repo.listFinalAccounts(ctx.db, {
    status: q.state,
    contractorId: q.contractorId,
    contractId: q.contractId,
    workOrderId: q.workOrderId,
    after: decodeListCursor(q.cursor),
    limit: limit + 1,
    scope: scopeOf(p),
  });
  const page = rows.slice(0, limit);
  const lines = await repo.linesOfFinalAccounts(
    ctx.db,
    page.map((v) => v.id),
  );
  return {
    items: page.map((v) => present(v, lines.get(v.id) ?? [], actingRoles(p, v))),
    nextCursor: rows.length > limit ? encodeListCursor(repo.listSortKey(page[page.length - 1])) : null,
  };
}

// --- lines ---------------------------------------------------------------------------------------

interface PricedLines {
  rows: Array<Omit<Parameters<typeof repo.replaceLines>[2][number], 'id' | 'final_account_id'>>;
  totals: ReturnType<typeof finalAccountTotals>;
  discountBp: number;
}

/**
 * The input lines priced: new prices by analysis first (their unit price from analysisPrice), then
 * every line through the quote's own validation and pricing, then the final-account totals.
 */
async function priceLines(db: Db, w: workOrders.WorkOrder, basis: FeeBasis, input: FinalAccountLineInputDto[]): Promise<PricedLines> {
  const issues: FieldIssue[] = [];
  const analyses = input.map((l, i) => {
    if (!l.analysis) return null;
    const f = `lines.${i}`;
    if (l.priceListItemId) issues.push({ field: `${f}.priceListItemId`, rule: 'analysisOrList' });
    if (l.unitPriceCents !== undefined) issues.push({ field: `${f}.unitPriceCents`, rule: 'priceFromAnalysis' });
    const overheadsBp = l.analysis.overheadsBp ?? DEFAULT_OVERHEADS_BP;
    const r = analysisPrice({ ...l.analysis, overheadsBp });
    if (!r.ok) {
      if (r.problem === 'overheadsOutOfRange') issues.push({ field: `${f}.analysis.overheadsBp`, rule: 'overheadsRange' });
      else issues.push({ field: `${f}.analysis`, rule: 'analysisEmpty' });
      return null;
    }
    return { ...l.analysis, equipmentCents: l.analysis.equipmentCents ?? 0, overheadsBp, unitPriceCents: r.price.unitPriceCents };
  });
  if (issues.length) throw invalid(issues);
  const quoteInput: QuoteLineInputDto[] = input.map((l, i) => {
    const { analysis: _analysis, ...line } = l;
    const a = analyses[i];
    return a ? { ...line, unitPriceCents: a.unitPriceCents } : line;
  });
  const q = await prepareQuote(db, w, quoteInput);
  const totals = finalAccountTotals(basis, q.lines, q.discountBp, DEFAULT_VAT_BP);
  const rows = q.lines.map((l, i) => {
    const a = analyses[i];
    return {
      position: i + 1,
      price_list_item_id: l.priceListItemId,
      code: l.code,
      description: l.description,
      unit: l.unit,
      quantity_milli: l.quantityMilli,
      unit_price_cents: l.unitPriceCents,
      category: l.category,
      amount_cents: totals.lineAmounts[i],
      materials_cents: a?.materialsCents ?? null,
      labour_cents: a?.labourCents ?? null,
      equipment_cents: a?.equipmentCents ?? null,
      overheads_bp: a?.overheadsBp ?? null,
      profit_bp: a ? PROFIT_BP : null,
    };
  });
  return { rows, totals, discountBp: q.discountBp };
}

/** The approved quote's lines as input lines (extra-fee work starts from them). */
async function linesOfQuote(db: Db, quoteId: string): Promise<FinalAccountLineInputDto[]> {
  return (await workOrders.quoteLines(db, quoteId)).map((l) =>
    l.price_list_item_id
      ? {
          priceListItemId: l.price_list_item_id,
          quantity: Number(l.quantity_milli) / 1000,
          description: l.description,
          category: l.category as LineCategory,
        }
      : {
          ...(l.code ? { code: l.code } : {}),
          description: l.description,
          unit: l.unit,
          quantity: Number(l.quantity_milli) / 1000,
          unitPriceCents: Number(l.unit_price_cents),
          category: l.category as LineCategory,
        },
  );
}

const totalsSet = (t: PricedLines['totals']) => ({
  discountable_cents: t.discountableCents,
  discount_cents: t.discountCents,
  undiscounted_cents: t.undiscountedCents,
  net_cents: t.netCents,
  vat_cents: t.vatCents,
  total_cents: t.totalCents,
  chargeable_net_cents: t.chargeableNetCents,
});

const withIds = (finalAccountId: string, rows: PricedLines['rows']) =>
  rows.map((r) => ({ ...r, id: newId(), final_account_id: finalAccountId }));

async function event(
  trx: Trx,
  p: Principal,
  w: { id: string; ticket_id: string | null },
  at: string,
  action: string,
  from: string | null,
  to: string,
  data: Record<string, unknown>,
): Promise<void> {
  await tickets.insertEvent(trx, {
    id: newSortableId(),
    ticketId: w.ticket_id,
    workOrderId: w.id,
    at,
    actorId: p.userId,
    actorLabel: p.displayName,
    action: `final_account_${action}`,
    from,
    to,
    data,
  });
}

// --- writes --------------------------------------------------------------------------------------

/**
 * A work order whose documents are missing cannot enter the accounts: opening and submitting its
 * final account wait until every closing document is accepted (422 DOCUMENTS_INCOMPLETE naming
 * them in the caller's language; `missing` carries their type codes for clients).
 */
async function requireDocumentsComplete(db: Db, p: Principal, workOrderId: string): Promise<void> {
  if (await workOrderDocumentsComplete(db, workOrderId)) return;
  const open = await documentsNotAccepted(db, workOrderId);
  throw new AppError('DOCUMENTS_INCOMPLETE', { missing: open.map((d) => (p.language === 'en' ? d.nameEn : d.nameIt)).join(', ') }, [], {
    missing: open.map((d) => d.documentType),
    states: Object.fromEntries(open.map((d) => [d.documentType, d.state])),
  });
}

/** POST /api/work-orders/{id}/final-account: the contractor opens the final account of its done work. */
export async function createFinalAccount(
  ctx: AppContext,
  p: Principal,
  workOrderId: string,
  input: { lines?: FinalAccountLineInputDto[]; hours?: number; materials?: string },
): Promise<FinalAccountDto> {
  let number = workOrderId;
  const create = ctx.db.transaction().execute(async (trx) => {
    const w = await workOrders.getWorkOrder(trx, workOrderId);
    number = w?.number ?? workOrderId;
    if (!w) throw notFound();
    const roles = await workOrderRoles(trx, p, w);
    if (roles.size === 0) throw notFound();
    if (!roles.has('contractor')) throw forbidden();
    if (!DONE_STATES.includes(w.status)) throw new AppError('INVALID_STATE', { action: 'final_account_create', state: w.status });
    if (await repo.finalAccountOfWorkOrder(trx, w.id)) throw duplicate('workOrderId', w.number);
    await requireDocumentsComplete(trx, p, w.id);
    const basis: FeeBasis = bool(w.extra_fee) ? 'extra_fee' : 'flat_fee';
    const quote = basis === 'extra_fee' ? await repo.approvedQuote(trx, w.id) : undefined;
    const lines = input.lines ?? (quote ? await linesOfQuote(trx, quote.id) : []);
    const priced = await priceLines(trx, w, basis, lines);
    const at = ctx.now().toISOString();
    const id = newId();
    await repo.insertFinalAccount(trx, {
      id,
      work_order_id: w.id,
      contract_id: w.contract_id,
      contractor_id: w.contractor_id,
      building_id: w.building_id,
      basis,
      status: 'draft',
      quote_id: quote?.id ?? null,
      approved_net_cents: quote ? Number(quote.net_cents) : null,
      discount_bp: priced.discountBp,
      vat_bp: DEFAULT_VAT_BP,
      ...totalsSet(priced.totals),
      variance_cents: null,
      variance_bp: null,
      variance_reason: null,
      hours_centi: input.hours !== undefined ? Math.round(input.hours * 100) : w.hours_centi === null ? null : Number(w.hours_centi),
      materials: input.materials?.trim() || w.materials || null,
      submitted_at: null,
      service_head_id: null,
      service_head_at: null,
      decided_by_id: null,
      decided_at: null,
      return_reason: null,
      created_at: at,
      updated_at: at,
    });
    await repo.replaceLines(trx, id, withIds(id, priced.rows));
    await event(trx, p, w, at, 'create', null, 'draft', { finalAccountId: id, basis, netCents: priced.totals.netCents });
    return id;
  });
  // Two opening at once both pass the check above; the unique work order is the last word (409, not 500).
  const id = await create.catch((err: unknown) => {
    if (uniqueViolationColumns(err)?.includes('work_order_id')) throw duplicate('workOrderId', number);
    throw err;
  });
  return getFinalAccount(ctx, p, id);
}

/** Loads the final account and its work order for a write; 404 out of scope, 409 on a stale version. */
async function forWrite(trx: Trx, p: Principal, id: string, version: number) {
  const fa = await repo.getFinalAccount(trx, id);
  if (!fa) throw notFound();
  const roles = await workOrderRoles(trx, p, fa);
  const readable = READ_ALL.some((r) => roles.has(r)) || roles.has('contractor') || roles.has('building_manager');
  if (!readable) throw notFound();
  if (Number(fa.version) !== version) throw new StaleVersion();
  const w = (await workOrders.getWorkOrder(trx, fa.work_order_id))!;
  return { fa, roles, w };
}

/** PATCH /api/final-accounts/{id}: the contractor changes lines, hours, materials of a draft or returned account. */
export async function editFinalAccount(ctx: AppContext, p: Principal, id: string, input: FinalAccountEditInput): Promise<FinalAccountDto> {
  await inVersionedTransaction(
    ctx,
    async (trx) => {
      const { fa, roles, w } = await forWrite(trx, p, id, input.version);
      if (!roles.has('contractor')) throw forbidden();
      if (!EDITABLE.includes(fa.status as FinalAccountState))
        throw new AppError('INVALID_STATE', { action: 'final_account_edit', state: fa.status });
      const at = ctx.now().toISOString();
      const set: repo.FinalAccountSet = { status: 'draft', updated_at: at };
      if (input.hours !== undefined) set.hours_centi = input.hours === null ? null : Math.round(input.hours * 100);
      if (input.materials !== undefined) set.materials = input.materials?.trim() || null;
      let priced: PricedLines | null = null;
      if (input.lines) {
        priced = await priceLines(trx, w, fa.basis as FeeBasis, input.lines);
        Object.assign(set, totalsSet(priced.totals), { discount_bp: priced.discountBp });
      }
      if (!(await repo.updateFinalAccountVersioned(trx, id, input.version, set))) throw new StaleVersion();
      if (priced) await repo.replaceLines(trx, id, withIds(id, priced.rows));
      await event(trx, p, w, at, 'edit', fa.status, 'draft', {
        finalAccountId: id,
        netCents: priced ? priced.totals.netCents : Number(fa.net_cents),
      });
    },
    () => getFinalAccount(ctx, p, id),
  );
  return getFinalAccount(ctx, p, id);
}

/** POST /api/final-accounts/{id}/actions/{action}. */
export async function finalAccountAction(
  ctx: AppContext,
  p: Principal,
  id: string,
  action: FinalAccountAction,
  input: FinalAccountActionInput,
): Promise<FinalAccountDto> {
  await inVersionedTransaction(
    ctx,
    async (trx) => {
      const { fa, roles, w } = await forWrite(trx, p, id, input.version);
      const t = TRANSITIONS[action];
      if (!roles.has(t.role)) throw forbidden();
      if (!t.from.includes(fa.status as FinalAccountState)) throw new AppError('INVALID_STATE', { action, state: fa.status });
      const at = ctx.now().toISOString();
      const reason = input.reason?.trim() ?? '';
      const set: repo.FinalAccountSet = { updated_at: at };
      const data: Record<string, unknown> = { finalAccountId: id };
      if (action === 'return' || action === 'return_variance') {
        if (!reason) throw invalid([{ field: 'reason', rule: 'required' }]);
        set.status = 'returned';
        set.return_reason = reason;
        data.reason = reason;
      }
      if (action === 'return') Object.assign(set, { decided_by_id: p.userId, decided_at: at });
      if (action === 'return_variance' || action === 'approve_variance')
        Object.assign(set, { service_head_id: p.userId, service_head_at: at });
      if (action === 'approve_variance') set.status = 'submitted';
      if (action === 'approve') Object.assign(set, { status: 'approved', decided_by_id: p.userId, decided_at: at });
      if (action === 'submit') {
        await requireDocumentsComplete(trx, p, fa.work_order_id);
        const v =
          fa.basis === 'extra_fee'
            ? variance(num(fa.approved_net_cents), Number(fa.net_cents), await repo.contractVarianceThresholdBp(trx, fa.contract_id))
            : null;
        const varianceReason = input.varianceReason?.trim() || null;
        if (v?.needsReason && !varianceReason) {
          const delta = formatter(p.language).money(v.deltaCents);
          throw invalid([{ field: 'varianceReason', rule: 'varianceReasonRequired', params: { delta } }]);
        }
        Object.assign(set, {
          status: v?.needsServiceHeadApproval ? 'needs_service_head' : 'submitted',
          variance_cents: v ? v.deltaCents : null,
          variance_bp: v ? v.shareBp : null,
          variance_reason: v?.needsReason ? varianceReason : null,
          submitted_at: at,
          return_reason: null,
          service_head_id: null,
          service_head_at: null,
          decided_by_id: null,
          decided_at: null,
        });
        Object.assign(data, { netCents: Number(fa.net_cents), varianceCents: v?.deltaCents ?? null, varianceBp: v?.shareBp ?? null });
        if (v?.needsReason) data.varianceReason = varianceReason;
      }
      if (!(await repo.updateFinalAccountVersioned(trx, id, input.version, set))) throw new StaleVersion();
      if (action === 'approve') {
        // The allocation may refuse the approval (422): before any alert is queued.
        await allocateOnApproval(trx, p, id, at);
        await checkSpendAlerts(trx, ctx, fa.contract_id);
      }
      await event(trx, p, w, at, action, fa.status, String(set.status ?? fa.status), data);
    },
    () => getFinalAccount(ctx, p, id),
  );
  return getFinalAccount(ctx, p, id);
}
