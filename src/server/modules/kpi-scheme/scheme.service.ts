// The contract's penalty/reward scheme and its period reports (#11 item 2; docs/API.md
// "Penalty/reward scheme"). The admin sets a contract's scheme; a period report is generated once
// the period has ended (the KPI engine's figures of the contract's work orders issued in it,
// src/server/modules/kpi), reviewed by a building manager of the contract, signed off by the
// service head (a reason for any change to the proposal):
//
//   (none) ──generate──▶ generated ──review (BM)──▶ reviewed ──sign_off (service head)──▶ signed_off
//
// On sign-off a penalty becomes an applied penalty of the register (breach key kpi:<report id>):
// it counts against the legal cap shared with every other penalty and the next statement not yet
// approved deducts it, as any applied penalty. A reward is not a penalty: it stays on the signed-off
// report until the next statement adds it (item kind kpi_reward). Read scope: the contract money
// scope (a contractor its own contracts, a building manager those covering its buildings).
import { DateTime } from 'luxon';
import { instalmentOf } from '../../../domain/accounting/instalments.ts';
import { countsForService, type Figure } from '../../../domain/kpi/indicators.ts';
import {
  assess,
  checkFinal,
  checkScheme,
  daysEarly,
  periodRange,
  SCHEME_INDICATORS,
  toSchemeValue,
  type Scheme,
  type SchemeIndicator,
  type Scored,
} from '../../../domain/kpi/scheme.ts';
import { applyBp } from '../../../domain/money.ts';
import { capCents } from '../../../domain/penalties.ts';
import type { KpiPeriodReportDto, KpiSchemeDto, KpiSchemeInput, KpiReportState } from '../../../shared/schemas/kpi-scheme.ts';
import { hasRole, type Principal } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { contractMoneyScope, scopeWhere } from '../../scope.ts';
import { duplicate, uniqueViolationColumns } from '../registry/common.ts';
import { periodFigures } from '../kpi/kpi.service.ts';
import * as penaltiesRepo from '../penalties/penalties.repository.ts';
import { euro } from '../penalties/pdf.ts';
import { moneyReadableContract } from '../penalties/penalties.service.ts';
import { newSortableId } from '../tickets/actor.ts';
import { inVersionedTransaction, romeDate, StaleVersion } from '../tickets/workflow-helpers.ts';
import * as repo from './scheme.repository.ts';

const ZONE = 'Europe/Rome';
const num = (v: unknown) => Number(v ?? 0);

/** The figures are the contract's, whoever asks: computed as the service head sees them. */
const SYSTEM: Principal = {
  userId: 'system',
  username: 'system',
  displayName: 'Presidio',
  language: 'it',
  roles: new Set(['service_head']),
  contractorId: null,
  departmentId: null,
  via: 'token',
};

const EMPTY: Scheme = {
  period: 'month',
  indicators: [],
  bands: [],
  maxRewardBp: 0,
  acceleration: { enabled: false, bpPerDay: 0, maxBp: 0 },
};

function schemeOf(row: NonNullable<Awaited<ReturnType<typeof repo.getScheme>>>): Scheme {
  return {
    period: row.period as Scheme['period'],
    indicators: JSON.parse(row.indicators) as Scheme['indicators'],
    bands: JSON.parse(row.bands) as Scheme['bands'],
    maxRewardBp: num(row.max_reward_bp),
    acceleration: {
      enabled: num(row.acceleration_enabled) === 1,
      bpPerDay: num(row.acceleration_bp_per_day),
      maxBp: num(row.acceleration_max_bp),
    },
  };
}

// --- the scheme ----------------------------------------------------------------------------------

async function presentScheme(ctx: AppContext, contractId: string): Promise<KpiSchemeDto> {
  const row = await repo.getScheme(ctx.db, contractId);
  const s = row ? schemeOf(row) : EMPTY;
  return { contractId, exists: !!row, ...s, version: row ? num(row.version) : 0, updatedAt: row?.updated_at ?? null };
}

/** GET /api/contracts/{id}/kpi-scheme: whoever reads the contract's money. */
export async function getScheme(ctx: AppContext, actor: Principal, contractId: string): Promise<KpiSchemeDto> {
  await moneyReadableContract(ctx.db, actor, contractId);
  return presentScheme(ctx, contractId);
}

/** PUT /api/contracts/{id}/kpi-scheme: the admin sets the whole scheme (version 0 creates it). */
export async function putScheme(ctx: AppContext, actor: Principal, contractId: string, input: KpiSchemeInput): Promise<KpiSchemeDto> {
  if (!hasRole(actor, 'admin')) throw forbidden();
  if (!(await repo.contractOf(ctx.db, contractId))) throw notFound();
  const { version, ...scheme } = input;
  const issues = checkScheme(scheme);
  if (issues.length) throw invalid(issues);
  const at = ctx.now().toISOString();
  const set = {
    period: scheme.period,
    indicators: JSON.stringify(scheme.indicators),
    bands: JSON.stringify(scheme.bands),
    max_reward_bp: scheme.maxRewardBp,
    acceleration_enabled: scheme.acceleration.enabled ? 1 : 0,
    acceleration_bp_per_day: scheme.acceleration.bpPerDay,
    acceleration_max_bp: scheme.acceleration.maxBp,
    updated_by_id: actor.userId,
    updated_at: at,
  };
  const current = () => presentScheme(ctx, contractId);
  if (version === 0) {
    try {
      await repo.insertScheme(ctx.db, { contract_id: contractId, ...set, created_at: at });
    } catch (e) {
      if (uniqueViolationColumns(e)) throw conflict(await current());
      throw e;
    }
  } else if (!(await repo.updateScheme(ctx.db, contractId, version, set))) throw conflict(await current());
  return current();
}

// --- reports -------------------------------------------------------------------------------------

function readScope(actor: Principal): repo.ContractPredicate {
  const scope = contractMoneyScope(actor);
  if (scope.kind === 'forbidden') throw forbidden();
  return (a) => scopeWhere(scope, a);
}

interface Snapshot {
  workOrders: number;
  values: Partial<Record<SchemeIndicator, { value: number | null; numerator: number | null; denominator: number | null }>>;
}

function actionsOf(v: repo.ReportView, actor: Principal, managed: boolean): KpiPeriodReportDto['availableActions'] {
  if (v.status === 'generated' && managed) return ['review'];
  if (v.status === 'reviewed' && actor.roles.has('service_head')) return ['sign_off'];
  return [];
}

function present(v: repo.ReportView, actor: Principal, managed: ReadonlySet<string>): KpiPeriodReportDto {
  const snap = JSON.parse(v.figures) as Snapshot;
  const scoring = JSON.parse(v.scoring) as Scored[];
  const scheme = JSON.parse(v.scheme) as Scheme;
  const fee = num(v.period_fee_cents);
  const who = (id: string | null, label: string | null) => (id ? { id, label: label ?? '' } : null);
  return {
    id: v.id,
    contract: { id: v.contract_id, lot: v.lot, cig: v.cig, title: v.contract_title, contractor: v.contractor_name },
    period: v.period,
    from: v.from_on,
    to: v.to_on,
    status: v.status as KpiReportState,
    scoring: scoring.map((s) => ({
      indicator: s.indicator,
      value: s.value,
      numerator: snap.values[s.indicator]?.numerator ?? null,
      denominator: snap.values[s.indicator]?.denominator ?? null,
      points: s.points,
    })),
    workOrders: snap.workOrders,
    points: num(v.points),
    bandBp: num(v.band_bp),
    daysEarly: num(v.days_early),
    periodFeeCents: fee,
    capRoomCents: num(v.cap_room_cents),
    maxRewardCents: applyBp(fee, scheme.maxRewardBp),
    computedCents: num(v.computed_cents),
    proposedCents: num(v.proposed_cents),
    finalCents: v.final_cents === null ? null : num(v.final_cents),
    reviewNote: v.review_note,
    reason: v.reason,
    penaltyId: v.penalty_id,
    statementId: v.statement_id ?? null,
    generatedBy: who(v.generated_by_id, v.generated_by_name),
    reviewedBy: who(v.reviewed_by_id, v.reviewed_by_name),
    reviewedAt: v.reviewed_at,
    signedOffBy: who(v.signed_off_by_id, v.signed_off_by_name),
    signedOffAt: v.signed_off_at,
    availableActions: actionsOf(v, actor, managed.has(v.contract_id)),
    version: num(v.version),
    createdAt: v.created_at,
  };
}

/** The contracts among `ids` covering a building the actor manages (whose reports it reviews). */
async function managedAmong(ctx: AppContext, actor: Principal, ids: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  if (!actor.roles.has('building_manager')) return out;
  for (const id of new Set(ids)) if (await penaltiesRepo.contractCoversManagedBuilding(ctx.db, id, actor.userId)) out.add(id);
  return out;
}

export async function getReport(ctx: AppContext, actor: Principal, id: string): Promise<KpiPeriodReportDto> {
  const [v] = await repo.listReports(ctx.db, { id, limit: 1, scope: readScope(actor) });
  if (!v) throw notFound();
  return present(v, actor, await managedAmong(ctx, actor, [v.contract_id]));
}

export async function listReports(
  ctx: AppContext,
  actor: Principal,
  q: { contractId?: string; status?: string; limit?: number },
): Promise<{ items: KpiPeriodReportDto[] }> {
  const rows = await repo.listReports(ctx.db, { ...q, limit: q.limit ?? 100, scope: readScope(actor) });
  const managed = await managedAmong(
    ctx,
    actor,
    rows.map((r) => r.contract_id),
  );
  return { items: rows.map((v) => present(v, actor, managed)) };
}

/** The values of the scheme's indicators from the engine's figures, in the scheme's unit. */
function valuesOf(figures: Record<string, Figure>, average: number | null): Snapshot['values'] {
  const out: Snapshot['values'] = {};
  for (const i of SCHEME_INDICATORS) {
    if (i === 'satisfactionAverage') {
      out[i] = { value: toSchemeValue(i, average), numerator: null, denominator: null };
      continue;
    }
    const f = figures[i];
    out[i] = { value: toSchemeValue(i, f.value), numerator: f.numerator, denominator: f.denominator };
  }
  return out;
}

/** POST /api/kpi-reports: the period's report, once the period has ended; 409 when it exists. */
export async function generateReport(
  ctx: AppContext,
  actor: Principal,
  input: { contractId: string; period: string },
): Promise<KpiPeriodReportDto> {
  if (!hasRole(actor, 'service_head', 'admin', 'building_manager')) throw forbidden();
  const k = await repo.contractOf(ctx.db, input.contractId, readScope(actor));
  if (!k) throw notFound();
  const row = await repo.getScheme(ctx.db, k.id);
  if (!row) throw invalid([{ field: 'contractId', rule: 'kpiNoScheme' }]);
  const scheme = schemeOf(row);
  const range = periodRange(scheme.period, input.period);
  if (!range)
    throw invalid([{ field: 'period', rule: 'kpiPeriod', params: { format: scheme.period === 'month' ? 'YYYY-MM' : 'YYYY-Qn' } }]);
  if (romeDate(ctx.now()) <= range.to) throw invalid([{ field: 'period', rule: 'kpiPeriodNotEnded', params: { to: range.to } }]);
  if (await repo.reportOfPeriod(ctx.db, k.id, input.period)) throw duplicate('period', input.period);

  const { rows, figures, ratings } = await periodFigures(ctx, SYSTEM, { from: range.from, to: range.to, contractId: k.id });
  const values = valuesOf(figures, ratings.average);
  const early = daysEarly(
    rows.flatMap((r) => (r.planned?.doneOn && countsForService(r) ? [{ doneOn: r.planned.doneOn, dueOn: r.planned.dueOn }] : [])),
  );
  const fee = { yearlyFeeCents: num(k.yearly_fee_cents), startsOn: k.starts_on, endsOn: k.ends_on };
  const periodFeeCents = range.months.reduce((s, m) => s + instalmentOf(fee, m), 0);
  const totals = await penaltiesRepo.totalsOf(ctx.db, k.id);
  const capRoomCents = Math.max(0, capCents(num(k.net_amount_cents), ctx.config.penalties.limits) - totals.applied - totals.open);
  const a = assess(scheme, {
    values: Object.fromEntries(Object.entries(values).map(([i, v]) => [i, v.value])),
    periodFeeCents,
    capRoomCents,
    daysEarly: early,
  });
  const id = newId();
  const at = ctx.now().toISOString();
  const snapshot: Snapshot = { workOrders: rows.length, values };
  try {
    await repo.insertReport(ctx.db, {
      id,
      contract_id: k.id,
      period: input.period,
      from_on: range.from,
      to_on: range.to,
      status: 'generated',
      scheme: JSON.stringify(scheme),
      figures: JSON.stringify(snapshot),
      scoring: JSON.stringify(a.scoring),
      points: a.points,
      band_bp: a.bp,
      days_early: early,
      period_fee_cents: periodFeeCents,
      cap_room_cents: capRoomCents,
      computed_cents: a.computedCents,
      proposed_cents: a.proposedCents,
      final_cents: null,
      review_note: null,
      reason: null,
      penalty_id: null,
      generated_by_id: actor.userId,
      reviewed_by_id: null,
      reviewed_at: null,
      signed_off_by_id: null,
      signed_off_at: null,
      created_at: at,
      updated_at: at,
    });
  } catch (e) {
    // Two generations of the same period at once: the unique (contract, period) keeps one.
    if (uniqueViolationColumns(e)) throw duplicate('period', input.period);
    throw e;
  }
  return getReport(ctx, actor, id);
}

const invalidState = (action: string, state: string) => new AppError('INVALID_STATE', { action, state });

/** POST /api/kpi-reports/{id}/review: a building manager of the contract reviews the figures (a note). */
export async function reviewReport(
  ctx: AppContext,
  actor: Principal,
  id: string,
  input: { version: number; note?: string },
): Promise<KpiPeriodReportDto> {
  const [v] = await repo.listReports(ctx.db, { id, limit: 1, scope: readScope(actor) });
  if (!v) throw notFound();
  if (!(await managedAmong(ctx, actor, [v.contract_id])).has(v.contract_id)) throw forbidden();
  if (num(v.version) !== input.version) throw conflict(await getReport(ctx, actor, id));
  if (v.status !== 'generated') throw invalidState('review', v.status);
  const at = ctx.now().toISOString();
  const ok = await repo.updateReport(ctx.db, id, input.version, 'generated', {
    status: 'reviewed',
    review_note: input.note?.trim() || null,
    reviewed_by_id: actor.userId,
    reviewed_at: at,
    updated_at: at,
  });
  if (!ok) throw conflict(await getReport(ctx, actor, id));
  return getReport(ctx, actor, id);
}

/**
 * POST /api/kpi-reports/{id}/sign-off: the service head signs off the final adjustment (a reason
 * when it differs from the proposal). A penalty is checked against what the cap leaves now and
 * written to the register as applied, in the same transaction.
 */
export async function signOffReport(
  ctx: AppContext,
  actor: Principal,
  id: string,
  input: { version: number; finalCents: number; reason?: string },
): Promise<KpiPeriodReportDto> {
  if (!actor.roles.has('service_head')) throw forbidden();
  const current = () => getReport(ctx, actor, id);
  await inVersionedTransaction(
    ctx,
    async (trx) => {
      const [v] = await repo.listReports(trx, { id, limit: 1, scope: () => null });
      if (!v) throw notFound();
      if (num(v.version) !== input.version) throw new StaleVersion();
      if (v.status !== 'reviewed') throw invalidState('sign_off', v.status);
      const proposed = num(v.proposed_cents);
      const reason = input.reason?.trim() || null;
      if (input.finalCents !== proposed && !reason)
        throw invalid([{ field: 'reason', rule: 'kpiReasonRequired', params: { proposed: euro(proposed, actor.language) } }]);
      await penaltiesRepo.lockContract(trx, v.contract_id);
      const k = (await repo.contractOf(trx, v.contract_id))!;
      const totals = await penaltiesRepo.totalsOf(trx, v.contract_id);
      const room = Math.max(0, capCents(num(k.net_amount_cents), ctx.config.penalties.limits) - totals.applied - totals.open);
      const scheme = JSON.parse(v.scheme) as Scheme;
      const issue = checkFinal(input.finalCents, room, applyBp(num(v.period_fee_cents), scheme.maxRewardBp));
      if (issue) {
        const p =
          issue.rule === 'penaltyCapReached'
            ? { remaining: euro(room, actor.language) }
            : { limit: euro(issue.params!.limit as number, actor.language) };
        throw invalid([{ ...issue, params: p }]);
      }
      const at = ctx.now().toISOString();
      let penaltyId: string | null = null;
      if (input.finalCents < 0) {
        penaltyId = newId();
        const amount = -input.finalCents;
        const month = DateTime.fromISO(v.to_on, { zone: ZONE }).toFormat('yyyy-MM');
        await penaltiesRepo.insertPenalty(trx, {
          id: penaltyId,
          contract_id: v.contract_id,
          work_order_id: null,
          breach_key: `kpi:${v.id}`,
          rule_id: null,
          clock: null,
          breached_by_ms: null,
          computed_cents: amount,
          proposed_cents: amount,
          final_cents: amount,
          status: 'applied',
          term_ends_at: null,
          period: month,
          created_at: at,
          updated_at: at,
        });
        const why = `${actor.language === 'it' ? 'Report indicatori' : 'Indicator report'} ${v.period} (${num(v.points)} ${actor.language === 'it' ? 'punti' : 'points'})`;
        for (const [action, from, to] of [
          ['propose', null, 'proposed'],
          ['apply', 'proposed', 'applied'],
        ] as const) {
          await penaltiesRepo.insertPenaltyEvent(trx, {
            id: newSortableId(),
            penaltyId,
            at,
            actorId: actor.userId,
            actorLabel: actor.displayName,
            action,
            from,
            to,
            data:
              action === 'propose'
                ? { manual: true, kpiReportId: v.id, reason: reason ? `${why}: ${reason}` : why, proposedCents: amount }
                : { kpiReportId: v.id, finalCents: amount, reason: reason ?? why },
          });
        }
      }
      const ok = await repo.updateReport(trx, id, input.version, 'reviewed', {
        status: 'signed_off',
        final_cents: input.finalCents,
        reason,
        penalty_id: penaltyId,
        signed_off_by_id: actor.userId,
        signed_off_at: at,
        updated_at: at,
      });
      if (!ok) throw new StaleVersion();
    },
    current,
  );
  return current();
}
