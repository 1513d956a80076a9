// Monthly statements of a contract (#10 item 4, stato di avanzamento; docs/STATEMENTS.md).
// Accounting prepares the statement of a month: the flat-fee instalment (domain instalments.ts),
// one item per extra-fee final account approved by the month's end and per applied or reduced
// penalty of the month or earlier that no statement holds yet, the penalties the previous statement
// could not absorb, then the totals (domain statement.ts: penalties never more than the gross, the
// 0.50 % withholding on the progressive net, released by the final statement). A draft is
// recomputed on refresh; approval freezes it (the DURC must be valid that day): whatever arrives
// later goes to the next month's statement. Months go in order, one statement each, numbered.
//
//   (none) ──prepare──▶ draft ──approve──▶ approved (frozen)
//                         │ └─refresh─┘
//                         └──discard──▶ (none)
//
// Who: accounting writes; service head and admin read all; a contractor reads its own; every
// other role 403. Scope is a predicate in the SQL (repository).
import { DateTime } from 'luxon';
import { instalmentOf, nextPeriod, periodEnd } from '../../../domain/accounting/instalments.ts';
import { durcState, statementTotals, type DurcState } from '../../../domain/accounting/statement.ts';
import { DEFAULT_VAT_BP } from '../../../domain/money.ts';
import { formatter } from '../../../shared/format.ts';
import { hasRole, type Principal, type Role } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/create-db.ts';
import type { StatementItemRow } from '../../db/schema.ts';
import { AppError, forbidden, invalid, notFound } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { decodeCursor, duplicate, encodeCursor, uniqueViolationColumns } from '../registry/common.ts';
import { inVersionedTransaction, romeDate, StaleVersion, type Trx } from '../tickets/workflow-helpers.ts';
import * as repo from './statements.repository.ts';
import * as kpiRepo from '../kpi-scheme/scheme.repository.ts';
import type {
  StatementActionInput,
  StatementDto,
  StatementItemKind,
  StatementListInput,
  StatementPrepareInput,
  StatementState,
} from './statements.schemas.ts';

const READ_ALL: readonly Role[] = ['service_head', 'accounting', 'admin'];
const ZONE = 'Europe/Rome';
const num = (v: unknown) => Number(v ?? 0);
const bool = (v: unknown) => v === true || v === 1 || v === '1';

/** The caller's statements as a SQL predicate; null: all. 403 for roles with no business with them. */
function scopeOf(p: Principal): repo.ScopePredicate | null {
  if (hasRole(p, ...READ_ALL)) return null;
  if (p.roles.has('contractor') && p.contractorId) return repo.ofContractor(p.contractorId);
  throw forbidden();
}

const mayWrite = (p: Principal) => p.roles.has('accounting');

/** The first instant of the month after `period`, Rome time, as a UTC ISO string. */
const endOfPeriod = (period: string) => DateTime.fromISO(`${period}-01`, { zone: ZONE }).plus({ months: 1 }).toUTC().toISO()!;

// --- read ----------------------------------------------------------------------------------------

function present(v: repo.StatementView, items: repo.StatementItemView[] | null, p: Principal, today: string): StatementDto {
  const status = v.status as StatementState;
  const recorded = status === 'approved';
  const validUntil = recorded ? v.durc_valid_until : v.contractor_durc_valid_until;
  const net = num(v.net_cents);
  const progressive = num(v.progressive_net_cents);
  return {
    id: v.id,
    contract: { id: v.contract_id, lot: v.lot, cig: v.cig, title: v.contract_title, conformityCheckedOn: v.conformity_checked_on },
    contractor: { id: v.contractor_id, name: v.contractor_name, vatNumber: v.contractor_vat_number },
    period: v.period,
    number: num(v.number),
    final: bool(v.final),
    status,
    totals: {
      flatFeeCents: num(v.flat_fee_cents),
      extraFeeCents: num(v.extra_fee_cents),
      rewardsCents: num(v.rewards_cents),
      grossCents: num(v.gross_cents),
      penaltiesCents: num(v.penalties_cents),
      penaltiesDeductedCents: num(v.penalties_deducted_cents),
      penaltiesCarriedCents: num(v.penalties_carried_cents),
      netCents: net,
      previousNetCents: progressive - net,
      progressiveNetCents: progressive,
      withheldCents: num(v.withheld_cents),
      releasedCents: num(v.released_cents),
      taxableCents: num(v.taxable_cents),
      vatBp: num(v.vat_bp),
      vatCents: num(v.vat_cents),
      totalCents: num(v.total_cents),
    },
    // Approved: the state on the day of approval; a draft: today's.
    durc: {
      validUntil,
      state: durcState(validUntil, recorded ? romeDate(new Date(v.approved_at ?? v.updated_at)) : today),
      recorded,
    },
    ...(items
      ? {
          items: items.map((i) => ({
            id: i.id,
            position: num(i.position),
            kind: i.kind as StatementItemKind,
            description: i.description,
            amountCents: num(i.amount_cents),
            workOrder:
              i.work_order_id && i.work_order_number
                ? { id: i.work_order_id, number: i.work_order_number, description: i.work_order_description ?? '' }
                : null,
            finalAccountId: i.final_account_id,
            finalAccountApprovedAt: i.final_account_decided_at ?? null,
            penaltyId: i.penalty_id,
            penaltyPeriod: i.penalty_period ?? null,
            kpiReportId: i.kpi_report_id ?? null,
          })),
        }
      : {}),
    preparedBy: v.prepared_by_id ? { id: v.prepared_by_id, label: v.prepared_by_name ?? '' } : null,
    approvedBy: v.approved_by_id ? { id: v.approved_by_id, label: v.approved_by_name ?? '' } : null,
    approvedAt: v.approved_at,
    availableActions: status === 'draft' && mayWrite(p) ? ['refresh', 'approve', 'discard'] : [],
    version: num(v.version),
    createdAt: v.created_at,
    updatedAt: v.updated_at,
  };
}

export async function getStatement(ctx: AppContext, p: Principal, id: string, db: Db = ctx.db): Promise<StatementDto> {
  const [v] = await repo.listStatements(db, { id, limit: 1, scope: scopeOf(p) });
  if (!v) throw notFound();
  return present(v, await repo.statementItems(db, id), p, romeDate(ctx.now()));
}

/** GET /api/statements: newest month first, keyset pages. */
export async function listStatements(
  ctx: AppContext,
  p: Principal,
  q: StatementListInput,
): Promise<{ items: StatementDto[]; nextCursor: string | null }> {
  const limit = q.limit ?? 50;
  const rows = await repo.listStatements(ctx.db, {
    contractId: q.contractId,
    contractorId: q.contractorId,
    period: q.period,
    status: q.status,
    cursor: decodeCursor(q.cursor),
    limit: limit + 1,
    scope: scopeOf(p),
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const today = romeDate(ctx.now());
  return {
    items: page.map((v) => present(v, null, p, today)),
    nextCursor: rows.length > limit && last ? encodeCursor([last.period, last.id]) : null,
  };
}

// --- computing a draft ---------------------------------------------------------------------------

interface Draft {
  id: string;
  period: string;
  number: number;
  final: boolean;
}

/**
 * (Re)computes a draft: its items from what no other statement holds, its totals. The draft's own
 * items are released first, so a refresh picks up exactly what a new preparation would.
 */
async function compute(trx: Trx, k: repo.ContractForStatement, d: Draft): Promise<repo.StatementSet> {
  await repo.replaceItems(trx, d.id, []);
  const prev = await repo.previousApproved(trx, k.id, d.number);
  const withheldBefore = prev ? await repo.withheldUpTo(trx, k.id, num(prev.number)) : 0;
  const flatFeeCents = instalmentOf({ yearlyFeeCents: num(k.yearly_fee_cents), startsOn: k.starts_on, endsOn: k.ends_on }, d.period);
  const accounts = await repo.finalAccountsToBill(trx, k.id, endOfPeriod(d.period));
  const penalties = await repo.penaltiesToBill(trx, k.id, d.period);
  const rewards = await kpiRepo.rewardsToBill(trx, k.id, periodEnd(d.period));
  const carriedIn = prev ? num(prev.penalties_carried_cents) : 0;
  const totals = statementTotals({
    flatFeeCents,
    extraFeeCents: accounts.map((a) => num(a.chargeable_net_cents)),
    rewardsCents: rewards.reduce((s, x) => s + num(x.final_cents), 0),
    penaltiesCents: penalties.reduce((s, x) => s + num(x.final_cents), 0) + carriedIn,
    previousNetCents: prev ? num(prev.progressive_net_cents) : 0,
    previousWithheldCents: withheldBefore,
    vatBp: DEFAULT_VAT_BP,
    final: d.final,
  });

  const items: Array<Omit<StatementItemRow, 'id' | 'statement_id' | 'position'>> = [
    { kind: 'flat_fee', final_account_id: null, penalty_id: null, work_order_id: null, description: d.period, amount_cents: flatFeeCents },
    ...accounts.map((a) => ({
      kind: 'extra_fee',
      final_account_id: a.id,
      penalty_id: null,
      work_order_id: a.work_order_id,
      description: `${a.number} — ${a.description}`,
      amount_cents: num(a.chargeable_net_cents),
    })),
    // Rewards of signed-off indicator reports (#11 item 2): the report's period stands for it.
    ...rewards.map((x) => ({
      kind: 'kpi_reward',
      final_account_id: null,
      penalty_id: null,
      kpi_report_id: x.id,
      work_order_id: null,
      description: x.period,
      amount_cents: num(x.final_cents),
    })),
    ...penalties.map((x) => ({
      kind: 'penalty',
      final_account_id: null,
      penalty_id: x.id,
      work_order_id: x.work_order_id,
      description: x.number ? `${x.number} — ${x.period}` : x.period,
      amount_cents: -num(x.final_cents),
    })),
  ];
  if (carriedIn > 0)
    items.push({
      kind: 'penalty_carried',
      final_account_id: null,
      penalty_id: null,
      work_order_id: null,
      description: `${num(prev!.number)} — ${prev!.period}`,
      amount_cents: -carriedIn,
    });
  if (d.final)
    items.push({
      kind: 'withholding_release',
      final_account_id: null,
      penalty_id: null,
      work_order_id: null,
      description: d.period,
      amount_cents: totals.releasedCents,
    });
  await repo.replaceItems(
    trx,
    d.id,
    items.map((i, n) => ({ ...i, id: newId(), statement_id: d.id, position: n + 1 })),
  );
  return {
    flat_fee_cents: totals.flatFeeCents,
    extra_fee_cents: totals.extraFeeCents,
    rewards_cents: totals.rewardsCents,
    gross_cents: totals.grossCents,
    penalties_cents: totals.penaltiesDeductedCents + totals.penaltiesCarriedCents,
    penalties_deducted_cents: totals.penaltiesDeductedCents,
    penalties_carried_cents: totals.penaltiesCarriedCents,
    net_cents: totals.netCents,
    progressive_net_cents: totals.progressiveNetCents,
    withheld_cents: totals.withheldCents,
    released_cents: totals.releasedCents,
    taxable_cents: totals.taxableCents,
    vat_bp: DEFAULT_VAT_BP,
    vat_cents: totals.vatCents,
    total_cents: totals.totalCents,
  };
}

/** A unique index refused the write: another preparation of the same month (or its items) won. */
function duplicateOf(e: unknown, period: string): AppError | null {
  const cols = uniqueViolationColumns(e);
  if (!cols) return null;
  return duplicate('period', period);
}

// --- writes --------------------------------------------------------------------------------------

/** POST /api/contracts/{id}/statements: accounting prepares the next month's statement (a draft). */
export async function prepareStatement(
  ctx: AppContext,
  p: Principal,
  contractId: string,
  input: StatementPrepareInput,
): Promise<StatementDto> {
  scopeOf(p);
  if (!mayWrite(p)) throw forbidden();
  const today = romeDate(ctx.now());
  const final = input.final === true;
  let id: string;
  try {
    id = await ctx.db.transaction().execute(async (trx) => {
      const k = await repo.contractForStatement(trx, contractId);
      if (!k) throw notFound();
      const fmt = formatter(p.language);
      if (input.period < k.starts_on.slice(0, 7))
        throw invalid([{ field: 'period', rule: 'outsideContract', params: { from: fmt.date(k.starts_on), to: fmt.date(k.ends_on) } }]);
      if (input.period > today.slice(0, 7)) throw invalid([{ field: 'period', rule: 'periodFuture' }]);
      if (final && !k.conformity_checked_on) throw invalid([{ field: 'final', rule: 'conformityCheckMissing' }]);
      const latest = await repo.latestStatement(trx, contractId);
      if (latest) {
        if (latest.period === input.period) throw duplicate('period', input.period);
        if (latest.status === 'draft') throw invalid([{ field: 'period', rule: 'statementDraftOpen', params: { period: latest.period } }]);
        if (bool(latest.final)) throw invalid([{ field: 'period', rule: 'statementAfterFinal', params: { period: latest.period } }]);
        const expected = nextPeriod(latest.period);
        if (input.period !== expected) throw invalid([{ field: 'period', rule: 'statementNextPeriod', params: { expected } }]);
      }
      const at = ctx.now().toISOString();
      const d: Draft = { id: newId(), period: input.period, number: (latest ? num(latest.number) : 0) + 1, final };
      await repo.insertStatement(trx, {
        id: d.id,
        contract_id: k.id,
        contractor_id: k.contractor_id,
        period: d.period,
        number: d.number,
        final: final ? 1 : 0,
        status: 'draft',
        flat_fee_cents: 0,
        extra_fee_cents: 0,
        gross_cents: 0,
        penalties_cents: 0,
        penalties_deducted_cents: 0,
        penalties_carried_cents: 0,
        net_cents: 0,
        progressive_net_cents: 0,
        withheld_cents: 0,
        released_cents: 0,
        taxable_cents: 0,
        vat_bp: DEFAULT_VAT_BP,
        vat_cents: 0,
        total_cents: 0,
        durc_valid_until: null,
        prepared_by_id: p.userId,
        approved_by_id: null,
        approved_at: null,
        created_at: at,
        updated_at: at,
      });
      const set = await compute(trx, k, d);
      await repo.updateStatementVersioned(trx, d.id, 1, 'draft', set);
      return d.id;
    });
  } catch (e) {
    throw duplicateOf(e, input.period) ?? e;
  }
  return getStatement(ctx, p, id);
}

/** Loads a statement for a write: 404 out of scope, 403 not accounting, 409 stale or not a draft. */
async function forWrite(trx: Trx, p: Principal, id: string, version: number, action: string) {
  const [v] = await repo.listStatements(trx, { id, limit: 1, scope: scopeOf(p) });
  if (!v) throw notFound();
  if (!mayWrite(p)) throw forbidden();
  if (num(v.version) !== version) throw new StaleVersion();
  if (v.status !== 'draft') throw new AppError('INVALID_STATE', { action, state: v.status });
  const k = (await repo.contractForStatement(trx, v.contract_id))!;
  return { v, k };
}

/** POST /api/statements/{id}/actions/refresh: recomputes a draft with what arrived since. */
export async function refreshStatement(ctx: AppContext, p: Principal, id: string, input: StatementActionInput): Promise<StatementDto> {
  try {
    await inVersionedTransaction(
      ctx,
      async (trx) => {
        const { v, k } = await forWrite(trx, p, id, input.version, 'refresh');
        const set = await compute(trx, k, { id, period: v.period, number: num(v.number), final: bool(v.final) });
        if (!(await repo.updateStatementVersioned(trx, id, input.version, 'draft', { ...set, updated_at: ctx.now().toISOString() })))
          throw new StaleVersion();
      },
      () => getStatement(ctx, p, id),
    );
  } catch (e) {
    // Two refreshes of one draft racing for the same items: the loser sees the winner's draft.
    if (uniqueViolationColumns(e)) throw new AppError('VERSION_CONFLICT', {}, [], { current: await getStatement(ctx, p, id) });
    throw e;
  }
  return getStatement(ctx, p, id);
}

/**
 * POST /api/statements/{id}/actions/approve: accounting freezes the draft. Refused (422, nothing
 * changed) when the contractor's DURC has expired or is not recorded; the date is copied onto the
 * statement.
 */
export async function approveStatement(ctx: AppContext, p: Principal, id: string, input: StatementActionInput): Promise<StatementDto> {
  await inVersionedTransaction(
    ctx,
    async (trx) => {
      const { v, k } = await forWrite(trx, p, id, input.version, 'approve');
      const state: DurcState = durcState(k.durc_valid_until, romeDate(ctx.now()));
      if (state === 'expired')
        throw new AppError('DURC_EXPIRED', { contractor: k.contractor_name, validUntil: formatter(p.language).date(k.durc_valid_until) });
      if (state === 'missing') throw new AppError('DURC_MISSING', { contractor: k.contractor_name });
      if (bool(v.final) && !k.conformity_checked_on) throw invalid([{ field: 'final', rule: 'conformityCheckMissing' }]);
      const at = ctx.now().toISOString();
      const ok = await repo.updateStatementVersioned(trx, id, input.version, 'draft', {
        status: 'approved',
        approved_by_id: p.userId,
        approved_at: at,
        durc_valid_until: k.durc_valid_until,
        updated_at: at,
      });
      if (!ok) throw new StaleVersion();
    },
    () => getStatement(ctx, p, id),
  );
  return getStatement(ctx, p, id);
}

/** POST /api/statements/{id}/actions/discard: accounting drops a draft; its items are free again. */
export async function discardStatement(ctx: AppContext, p: Principal, id: string, input: StatementActionInput): Promise<void> {
  await inVersionedTransaction(
    ctx,
    async (trx) => {
      await forWrite(trx, p, id, input.version, 'discard');
      if (!(await repo.deleteDraft(trx, id, input.version))) throw new StaleVersion();
    },
    () => getStatement(ctx, p, id),
  );
}
