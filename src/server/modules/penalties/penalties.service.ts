// Penalty rules per contract (validated against the legal range of D.Lgs. 36/2023 art. 126 in
// configuration), the contract's totals against the cap, and the formal procedure on each
// penalty: PENALTY_TRANSITIONS through decide(), every step an event (events.penalty_id), the
// contestation as a PDF sent to the contractor's PEC through the outbox.
import { DateTime } from 'luxon';
import {
  capCents,
  checkRules,
  isClockRule,
  isPlannedDailyRule,
  PENALTY_TRANSITIONS,
  type PenaltyContext,
  type PenaltyRule,
  type PenaltyState,
} from '../../../domain/penalties.ts';
import { availableActions, decide } from '../../../domain/workflow/machine.ts';
import type { Refusal, Role } from '../../../domain/workflow/types.ts';
import { clockName, explainClock, formatDuration } from '../../../domain/sla-explain.ts';
import type {
  ManualPenaltyInput,
  PenaltyDetailDto,
  PenaltyDto,
  PenaltyRuleDto,
  PenaltyRuleInput,
  PenaltyRulePatch,
  PenaltySummaryDto,
} from '../../../shared/schemas/sla.ts';
import { hasRole, type Principal } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/create-db.ts';
import { AppError, conflict, forbidden, invalid, notFound, type FieldIssue } from '../../errors.ts';
import { newId } from '../../ids.ts';
import type { Lang } from '../../i18n/messages.ts';
import { buildingIdScope, contractMoneyScope } from '../../scope.ts';
import { anyOf } from '../../scope.repository.ts';
import { findRow } from '../registry/common.repository.ts';
import { presentAttachment, storeAttachment } from '../attachments/attachments.service.ts';
import { getAttachment } from '../attachments/attachments.repository.ts';
import { enqueueNotices } from '../notices/enqueue.ts';
import { presentOwnEvent } from '../tickets/timeline.ts';
import { decodeCursor, encodeCursor } from '../registry/common.ts';
import { newSortableId } from '../tickets/actor.ts';
import { refusalError } from '../tickets/refusal.ts';
import type { Expression, SqlBool } from 'kysely';
import { isBuildingManagedBy, listEvents } from '../tickets/tickets.repository.ts';
import { inVersionedTransaction, StaleVersion } from '../tickets/workflow-helpers.ts';
import { label } from '../worklists/worklists.i18n.ts';
import { clocksOf, SlaContext } from '../sla/clocks.ts';
import * as slaRepo from '../sla/sla.repository.ts';
import { readableContract } from '../sla/sla.service.ts';
import { contestNoticePdf, euro, romeTime } from './pdf.ts';
import { formatter } from '../../../shared/format.ts';
import * as repo from './penalties.repository.ts';
import { ruleOf } from './reconcile.ts';

const ZONE = 'Europe/Rome';
const MICRO = 1_000_000;

// --- rules -----------------------------------------------------------------------------------------

const fmt = (n: number, lang: Lang) => formatter(lang).decimal(n, 4);

/** The rule as ‰ a day of the net amount (an hourly rate over 24 hours); null for fixed amounts. */
export function dailyPerMille(rule: PenaltyRule, netCents: number): number | null {
  switch (rule.kind) {
    case 'per_hour':
      return Math.round(((rule.centsPerHour * 24) / netCents) * 1000 * MICRO) / MICRO;
    case 'per_day':
      return Math.round((rule.centsPerDay / netCents) * 1000 * MICRO) / MICRO;
    case 'per_mille_per_day':
      return rule.perMille;
    case 'fixed':
      return null;
  }
}

type RuleRow = repo.RuleRow;

export function presentRule(r: RuleRow, netCents: number): PenaltyRuleDto {
  const rule = ruleOf(r);
  return {
    id: r.id,
    contractId: r.contract_id,
    kind: r.kind as PenaltyRuleDto['kind'],
    clock: r.clock as PenaltyRuleDto['clock'],
    priority: r.priority as PenaltyRuleDto['priority'],
    event: r.event as PenaltyRuleDto['event'],
    amountCents: r.amount_cents === null ? null : Number(r.amount_cents),
    perMille: r.per_mille_micro === null ? null : Number(r.per_mille_micro) / MICRO,
    dailyPerMille: dailyPerMille(rule, netCents),
    active: Number(r.active) === 1,
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** A penalty proposed by hand, in words: who, why, on what evidence (in place of a rule). */
export function describeManual(m: { actor: string; reason: string; evidence: string | null }, lang: Lang = 'it'): string {
  const it = lang === 'it';
  return `${it ? 'Proposta da' : 'Proposed by'} ${m.actor}: ${m.reason}${m.evidence ? ` — ${it ? 'evidenze' : 'evidence'}: ${m.evidence}` : ''}`;
}

/** The rule in words (Italian for the formal documents). */
export function describeRule(r: RuleRow, netCents: number, lang: Lang = 'it'): string {
  const rule = ruleOf(r);
  const it = lang === 'it';
  const target = isClockRule(rule)
    ? ` — ${clockName(rule.clock, lang)}, ${label(lang, 'priority', rule.priority).toLowerCase()}`
    : rule.kind === 'fixed'
      ? ''
      : ` — ${it ? 'attività programmata in ritardo (giorni interi dopo la scadenza)' : 'late planned activity (whole days after the deadline)'}`;
  // SLA clocks count every started day; planned lateness whole calendar days (lateDays).
  const dayPart = isPlannedDailyRule(rule) ? ' ' : ' o frazione ';
  const started = isPlannedDailyRule(rule) ? 'whole ' : 'started ';
  switch (rule.kind) {
    case 'per_hour':
      return `${euro(rule.centsPerHour, lang)} ${it ? 'per ogni ora o frazione di ritardo' : 'per started hour of delay'}${target}`;
    case 'per_day':
      return `${euro(rule.centsPerDay, lang)} ${it ? `per ogni giorno${dayPart}di ritardo` : `per ${started}day of delay`}${target}`;
    case 'per_mille_per_day': {
      const daily = euro(Math.round((netCents * rule.perMille) / 1000), lang);
      return `${fmt(rule.perMille, lang)}‰ ${it ? `dell'importo netto (${daily}) per ogni giorno${dayPart}di ritardo` : `of the net amount (${daily}) per ${started}day of delay`}${target}`;
    }
    case 'fixed':
      return `${euro(rule.cents, lang)} ${it ? 'per evento' : 'per event'} (${rule.event})`;
  }
}

const requireAdmin = (p: Principal) => {
  if (!hasRole(p, 'admin')) throw forbidden();
};

async function netOf(db: Db, contractId: string): Promise<number> {
  const k = await repo.contractOf(db, contractId);
  if (!k) throw notFound();
  return Number(k.net_amount_cents);
}

/**
 * The contract if the actor may read its money (scope.ts contractMoneyScope): 403 for the roles
 * that have no business with it (call center, requester), 404 out of scope.
 */
export async function moneyReadableContract(db: Db, actor: Principal, contractId: string) {
  const scope = contractMoneyScope(actor);
  if (scope.kind === 'forbidden') throw forbidden();
  const row = await findRow(db, 'contracts', contractId, scope);
  if (!row) throw notFound();
  return row;
}

export async function listRules(ctx: AppContext, actor: Principal, contractId: string): Promise<{ items: PenaltyRuleDto[] }> {
  await moneyReadableContract(ctx.db, actor, contractId);
  const net = await netOf(ctx.db, contractId);
  return { items: (await repo.listRules(ctx.db, contractId)).map((r) => presentRule(r, net)) };
}

/** Field problems of one rule against the legal range, named on the amount field. */
function rangeIssues(ctx: AppContext, rule: PenaltyRule, net: number, lang: Lang): FieldIssue[] {
  const limits = ctx.config.penalties.limits;
  const field = rule.kind === 'per_mille_per_day' ? 'perMille' : 'amountCents';
  return checkRules([rule], net, limits).map((p) => {
    const params = {
      min: fmt(limits.minDailyPerMille, lang),
      max: fmt(limits.maxDailyPerMille, lang),
      actual: fmt(p.dailyPerMille, lang),
      minAmount: euro(Math.round((net * limits.minDailyPerMille) / 1000), lang),
      maxAmount: euro(Math.round((net * limits.maxDailyPerMille) / 1000), lang),
    };
    if (p.reason === 'not_positive') return { field, rule: 'minimum', params: { limit: 1 } };
    return { field, rule: rule.kind === 'per_hour' ? 'penaltyHourlyMax' : 'penaltyRange', params };
  });
}

function ruleFromInput(i: PenaltyRuleInput): { rule: PenaltyRule | null; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const need = (f: keyof PenaltyRuleInput) => {
    if (i[f] === undefined) issues.push({ field: f, rule: 'required' });
  };
  const forbid = (f: keyof PenaltyRuleInput) => {
    if (i[f] !== undefined) issues.push({ field: f, rule: 'penaltyRuleFields' });
  };
  // A daily rule with event 'late_planned_activity' (and no clock) counts days of planned lateness.
  const plannedDaily =
    i.kind !== 'fixed' && i.kind !== 'per_hour' && i.event !== undefined && i.clock === undefined && i.priority === undefined;
  if (i.kind === 'fixed') {
    need('event');
    need('amountCents');
    forbid('clock');
    forbid('priority');
    forbid('perMille');
  } else if (plannedDaily) {
    if (i.event !== 'late_planned_activity') issues.push({ field: 'event', rule: 'penaltyRuleFields' });
    if (i.kind === 'per_mille_per_day') {
      need('perMille');
      forbid('amountCents');
    } else {
      need('amountCents');
      forbid('perMille');
    }
  } else {
    need('clock');
    need('priority');
    forbid('event');
    if (i.kind === 'per_mille_per_day') {
      need('perMille');
      forbid('amountCents');
    } else {
      need('amountCents');
      forbid('perMille');
    }
  }
  if (issues.length) return { rule: null, issues };
  if (plannedDaily) {
    return i.kind === 'per_day'
      ? { rule: { kind: 'per_day', event: 'late_planned_activity', centsPerDay: i.amountCents! }, issues }
      : { rule: { kind: 'per_mille_per_day', event: 'late_planned_activity', perMille: Math.round(i.perMille! * MICRO) / MICRO }, issues };
  }
  switch (i.kind) {
    case 'per_hour':
      return { rule: { kind: 'per_hour', clock: i.clock!, priority: i.priority!, centsPerHour: i.amountCents! }, issues };
    case 'per_day':
      return { rule: { kind: 'per_day', clock: i.clock!, priority: i.priority!, centsPerDay: i.amountCents! }, issues };
    case 'per_mille_per_day':
      return {
        rule: { kind: 'per_mille_per_day', clock: i.clock!, priority: i.priority!, perMille: Math.round(i.perMille! * MICRO) / MICRO },
        issues,
      };
    default:
      return { rule: { kind: 'fixed', event: i.event!, cents: i.amountCents! }, issues };
  }
}

/** One active rule per target: a fixed event, the planned daily event (either daily kind), a clock and priority. */
const sameTarget = (a: PenaltyRule, b: PenaltyRule) => {
  if (isClockRule(a)) return isClockRule(b) && a.clock === b.clock && a.priority === b.priority;
  if (a.kind === 'fixed') return b.kind === 'fixed' && a.event === b.event;
  return isPlannedDailyRule(b) && a.event === b.event;
};

function duplicateOf(rules: RuleRow[], rule: PenaltyRule, exceptId?: string): AppError | null {
  const dup = rules.find((r) => r.id !== exceptId && Number(r.active) === 1 && sameTarget(ruleOf(r), rule));
  if (!dup) return null;
  const value = isClockRule(rule) ? `${rule.clock} / ${rule.priority}` : rule.event;
  const field = isClockRule(rule) ? 'clock' : 'event';
  return new AppError('DUPLICATE', { field, value }, [{ field, rule: 'penaltyRuleDuplicate' }]);
}

export async function createRule(ctx: AppContext, actor: Principal, contractId: string, input: PenaltyRuleInput): Promise<PenaltyRuleDto> {
  requireAdmin(actor);
  await readableContract(ctx.db, actor, contractId);
  const net = await netOf(ctx.db, contractId);
  const { rule, issues } = ruleFromInput(input);
  if (!rule) throw invalid(issues);
  const range = rangeIssues(ctx, rule, net, actor.language);
  if (range.length) throw invalid(range);
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.lockContract(trx, contractId);
    const dup = duplicateOf(await repo.listRules(trx, contractId), rule);
    if (dup) throw dup;
    const at = ctx.now().toISOString();
    await repo.insertRule(trx, {
      id,
      contract_id: contractId,
      kind: rule.kind,
      clock: isClockRule(rule) ? rule.clock : null,
      priority: isClockRule(rule) ? rule.priority : null,
      event: isClockRule(rule) ? null : rule.event,
      amount_cents:
        rule.kind === 'per_hour'
          ? rule.centsPerHour
          : rule.kind === 'per_day'
            ? rule.centsPerDay
            : rule.kind === 'fixed'
              ? rule.cents
              : null,
      per_mille_micro: rule.kind === 'per_mille_per_day' ? Math.round(rule.perMille * MICRO) : null,
      active: 1,
      created_at: at,
      updated_at: at,
      version: 1,
    });
  });
  return presentRule((await repo.getRule(ctx.db, contractId, id))!, net);
}

export async function patchRule(
  ctx: AppContext,
  actor: Principal,
  contractId: string,
  ruleId: string,
  input: PenaltyRulePatch,
): Promise<PenaltyRuleDto> {
  requireAdmin(actor);
  await readableContract(ctx.db, actor, contractId);
  const net = await netOf(ctx.db, contractId);
  const before = await repo.getRule(ctx.db, contractId, ruleId);
  if (!before) throw notFound();
  const current = async () => presentRule((await repo.getRule(ctx.db, contractId, ruleId))!, net);
  if (Number(before.version) !== input.version) throw conflict(await current());
  const issues: FieldIssue[] = [];
  if (input.perMille !== undefined && before.kind !== 'per_mille_per_day') issues.push({ field: 'perMille', rule: 'penaltyRuleFields' });
  if (input.amountCents !== undefined && before.kind === 'per_mille_per_day')
    issues.push({ field: 'amountCents', rule: 'penaltyRuleFields' });
  if (issues.length) throw invalid(issues);
  const next = {
    ...before,
    amount_cents: input.amountCents ?? before.amount_cents,
    per_mille_micro: input.perMille !== undefined ? Math.round(input.perMille * MICRO) : before.per_mille_micro,
    active: input.active === undefined ? Number(before.active) : input.active ? 1 : 0,
  };
  const rule = ruleOf(next);
  if (input.amountCents !== undefined || input.perMille !== undefined) {
    const range = rangeIssues(ctx, rule, net, actor.language);
    if (range.length) throw invalid(range);
  }
  const ok = await ctx.db.transaction().execute(async (trx) => {
    await repo.lockContract(trx, contractId);
    if (next.active === 1) {
      const dup = duplicateOf(await repo.listRules(trx, contractId), rule, ruleId);
      if (dup) throw dup;
    }
    return repo.updateRuleVersioned(trx, ruleId, input.version, {
      amount_cents: next.amount_cents === null ? null : Number(next.amount_cents),
      per_mille_micro: next.per_mille_micro === null ? null : Number(next.per_mille_micro),
      active: next.active,
      updated_at: ctx.now().toISOString(),
    });
  });
  if (!ok) throw conflict(await current());
  return current();
}

/** DELETE: the rule stops applying to new breaches; penalties made with it keep it. */
export async function deactivateRule(ctx: AppContext, actor: Principal, contractId: string, ruleId: string): Promise<void> {
  requireAdmin(actor);
  await readableContract(ctx.db, actor, contractId);
  const before = await repo.getRule(ctx.db, contractId, ruleId);
  if (!before) throw notFound();
  if (Number(before.active) === 1)
    await repo.updateRuleVersioned(ctx.db, ruleId, Number(before.version), { active: 0, updated_at: ctx.now().toISOString() });
}

// --- totals ----------------------------------------------------------------------------------------

export async function summaryOf(ctx: AppContext, db: Db, contractId: string): Promise<PenaltySummaryDto> {
  const k = await repo.contractOf(db, contractId);
  if (!k) throw notFound();
  const net = Number(k.net_amount_cents);
  const limits = ctx.config.penalties.limits;
  const cap = capCents(net, limits);
  const t = await repo.totalsOf(db, contractId);
  const used = t.applied + t.open;
  return {
    contractId,
    netAmountCents: net,
    capPercent: limits.capPercent,
    capCents: cap,
    appliedCents: t.applied,
    openCents: t.open,
    waivedCents: t.waived,
    remainingCents: Math.max(0, cap - used),
    usedPercent: cap > 0 ? Math.round((used / cap) * 10_000) / 100 : 0,
    counts: t.counts,
    legalRange: {
      minDailyPerMille: limits.minDailyPerMille,
      maxDailyPerMille: limits.maxDailyPerMille,
      minDailyCents: Math.round((net * limits.minDailyPerMille) / 1000),
      maxDailyCents: Math.round((net * limits.maxDailyPerMille) / 1000),
    },
  };
}

export async function contractSummary(ctx: AppContext, actor: Principal, contractId: string): Promise<PenaltySummaryDto> {
  await moneyReadableContract(ctx.db, actor, contractId);
  return summaryOf(ctx, ctx.db, contractId);
}

// --- who sees and acts on a penalty ----------------------------------------------------------------

const ALL_ROLES: readonly Role[] = ['service_head', 'accounting', 'admin'];
type Pred = (alias: string) => Expression<SqlBool>;

/**
 * Penalties a user may see, as a predicate on the penalties table: service head, accounting,
 * admin all; a contractor its own contracts'; a building manager those of work orders in their
 * buildings (and, for a penalty without a work order, of contracts covering their buildings).
 * The predicates' SQL: penalties.repository.ts.
 */
export function penaltyScope(p: Principal): { kind: 'all' } | { kind: 'forbidden' } | { kind: 'rows'; where: Pred } {
  if (ALL_ROLES.some((r) => p.roles.has(r))) return { kind: 'all' };
  const parts: Pred[] = [];
  if (p.roles.has('contractor') && p.contractorId) {
    parts.push(repo.onContractorContracts(p.contractorId));
  }
  if (p.roles.has('building_manager')) {
    const s = buildingIdScope({ ...p, roles: new Set<Role>(['building_manager']) });
    if (s.kind === 'rows') parts.push(repo.inBuildingsOf(s.where));
  }
  if (parts.length === 0) return { kind: 'forbidden' };
  return { kind: 'rows', where: parts.length === 1 ? parts[0] : (a) => anyOf(parts.map((w) => w(a))) };
}

export const scopePredicate = (p: Principal): Pred | null => {
  const s = penaltyScope(p);
  if (s.kind === 'forbidden') throw forbidden();
  return s.kind === 'all' ? null : s.where;
};

async function penaltyRoles(db: Db, actor: Principal, v: repo.PenaltyView): Promise<Set<Role>> {
  const roles = new Set<Role>();
  for (const r of ALL_ROLES) if (actor.roles.has(r)) roles.add(r);
  if (actor.roles.has('contractor') && actor.contractorId && actor.contractorId === v.contractor_id) roles.add('contractor');
  if (actor.roles.has('building_manager')) {
    if (v.building_id) {
      if (await isBuildingManagedBy(db, v.building_id, actor.userId)) roles.add('building_manager');
    } else {
      if (await repo.contractCoversManagedBuilding(db, v.contract_id, actor.userId)) roles.add('building_manager');
    }
  }
  return roles;
}

// --- presenting ------------------------------------------------------------------------------------

function presentPenalty(v: repo.PenaltyView, rules: Map<string, RuleRow>): PenaltyDto {
  const net = Number(v.net_amount_cents);
  const rule = v.rule_id ? rules.get(v.rule_id) : undefined;
  return {
    id: v.id,
    status: v.status as PenaltyDto['status'],
    contract: { id: v.contract_id, lot: v.lot, cig: v.cig, title: v.contract_title },
    contractor: { id: v.contractor_id, name: v.contractor_name },
    workOrder: v.work_order_id
      ? {
          id: v.work_order_id,
          number: v.work_order_number ?? '',
          priority: v.work_order_priority as never,
          building: { id: v.building_id ?? '', code: v.building_code ?? '', name: v.building_name ?? '' },
        }
      : null,
    clock: v.clock as PenaltyDto['clock'],
    breachKey: v.breach_key,
    breachedByMs: v.breached_by_ms === null ? null : Number(v.breached_by_ms),
    rule: rule ? presentRule(rule, net) : null,
    computedCents: Number(v.computed_cents),
    proposedCents: Number(v.proposed_cents),
    finalCents: v.final_cents === null ? null : Number(v.final_cents),
    clippedByCap: Number(v.proposed_cents) < Number(v.computed_cents),
    termEndsAt: v.term_ends_at,
    period: v.period,
    createdAt: v.created_at,
    updatedAt: v.updated_at,
    version: Number(v.version),
  };
}

async function rulesFor(db: Db, views: repo.PenaltyView[]): Promise<Map<string, RuleRow>> {
  const ids = [...new Set(views.map((v) => v.rule_id).filter((x): x is string => !!x))];
  return new Map((await repo.rulesByIds(db, ids)).map((r) => [r.id, r]));
}

export async function listPenalties(
  ctx: AppContext,
  actor: Principal,
  q: { contractId?: string; workOrderId?: string; status?: string; period?: string; cursor?: string; limit?: number },
) {
  const scope = scopePredicate(actor);
  const limit = q.limit ?? 50;
  const rows = await repo.listPenalties(ctx.db, {
    scope,
    contractId: q.contractId,
    workOrderId: q.workOrderId,
    status: q.status,
    period: q.period,
    cursor: decodeCursor(q.cursor),
    limit,
  });
  const page = rows.slice(0, limit);
  const rules = await rulesFor(ctx.db, page);
  const last = page[page.length - 1];
  return {
    items: page.map((v) => presentPenalty(v, rules)),
    nextCursor: rows.length > limit && last ? encodeCursor([last.created_at, last.id]) : null,
  };
}

const penaltyCtx = (p: { term_ends_at: string | null; proposed_cents: number | string; status: string }, now: Date): PenaltyContext => ({
  now: now.toISOString(),
  termEndsAt: p.term_ends_at,
  proposedCents: Number(p.proposed_cents),
  answered: p.status === 'counter_argued',
});

/** The actions to offer now: roles and state, and guards that already refuse on the context alone (the term). */
function offered(state: string, roles: ReadonlySet<Role>, c: PenaltyContext): string[] {
  return availableActions(PENALTY_TRANSITIONS, state as PenaltyState, roles, c, (action) => {
    const row = PENALTY_TRANSITIONS.find(
      (t) => t.action === action && t.from.includes(state as PenaltyState) && t.roles.some((r) => roles.has(r)),
    );
    const probe = action === 'reduce' ? { amountCents: 1 } : {};
    return !row?.guard?.(probe, c);
  });
}

/** The breached clock of a penalty, computed now from the work order's timeline. */
async function breachedClock(db: Db, v: { work_order_id: string | null; breach_key: string; clock: string | null }, now: Date) {
  if (!v.work_order_id || !v.clock) return null;
  const f = await slaRepo.factsOf(db, v.work_order_id);
  if (!f) return null;
  const [sctx, timelines] = await Promise.all([SlaContext.load(db, [f]), slaRepo.timelinesOf(db, [f.id])]);
  const cycle = v.breach_key.split(':').slice(2).join(':');
  const clocks = clocksOf(f, timelines.get(f.id) ?? [], sctx.inputsOf(f), now.getTime());
  return clocks.find((c) => c.clock === v.clock && c.startedAt !== null && new Date(c.startedAt).toISOString() === cycle) ?? null;
}

export async function getPenalty(ctx: AppContext, actor: Principal, id: string, db: Db = ctx.db): Promise<PenaltyDetailDto> {
  scopePredicate(actor);
  const v = await repo.findPenaltyView(db, id);
  if (!v) throw notFound();
  const roles = await penaltyRoles(db, actor, v);
  if (roles.size === 0) throw notFound();
  const now = ctx.now();
  const [rules, events, clock] = await Promise.all([rulesFor(db, [v]), repo.penaltyEvents(db, id), breachedClock(db, v, now)]);
  const timeline = events.map(presentOwnEvent);
  const attachmentIds = [
    ...new Set(
      timeline
        .flatMap((e) => [e.data.attachmentId, ...((e.data.attachmentIds as unknown[]) ?? [])])
        .filter((x): x is string => typeof x === 'string'),
    ),
  ];
  const attachments = [];
  for (const aid of attachmentIds) {
    const a = await getAttachment(db, aid);
    if (a) attachments.push(presentAttachment(a));
  }
  return {
    ...presentPenalty(v, rules),
    availableActions: offered(v.status, roles, penaltyCtx(v, now)),
    explanation: clock ? explainClock(clock, actor.language, now.getTime(), ZONE) : null,
    timeline,
    attachments: attachments.map((a) => ({
      id: a.id,
      kind: a.kind,
      filename: a.filename,
      contentType: a.contentType,
      size: a.size,
      createdAt: a.createdAt,
      url: a.url,
    })),
  };
}

// --- the procedure ---------------------------------------------------------------------------------

function penaltyRefusal(r: Refusal, action: string, state: string, lang: Lang): AppError {
  if (r.code === 'GUARD_FAILED') {
    const termEndsAt = typeof r.params?.termEndsAt === 'string' ? r.params.termEndsAt : null;
    const when = termEndsAt ? romeTime(termEndsAt, lang) : '';
    if (r.reason === 'term_expired')
      return new AppError('PENALTY_TERM_EXPIRED', { termEndsAt: when }, [], { reason: r.reason, termEndsAt });
    if (r.reason === 'term_running')
      return new AppError('PENALTY_TERM_RUNNING', { termEndsAt: when }, [], { reason: r.reason, termEndsAt });
    if (r.reason === 'reduce_amount') return invalid([{ field: 'amountCents', rule: 'reduceAmount', params: { max: r.params?.max } }]);
  }
  return refusalError(r, action, state, lang);
}

const TERMINAL_NOTICE: Record<string, string> = { apply: 'applied', reduce: 'reduced', waive: 'waived' };

/** POST /api/penalties/{id}/actions/{action}: {version, …fields}. */
export async function penaltyAction(
  ctx: AppContext,
  actor: Principal,
  id: string,
  action: string,
  body: Record<string, unknown>,
): Promise<PenaltyDetailDto> {
  const { version, attachmentIds, ...fields } = body;
  scopePredicate(actor);
  await inVersionedTransaction(
    ctx,
    async (trx) => {
      const v = await repo.findPenaltyView(trx, id);
      if (!v) throw notFound();
      const roles = await penaltyRoles(trx, actor, v);
      if (roles.size === 0) throw notFound();
      if (Number(v.version) !== version) throw new StaleVersion();
      const now = ctx.now();
      const at = now.toISOString();
      const d = decide(PENALTY_TRANSITIONS, v.status as PenaltyState, action, roles, fields, penaltyCtx(v, now));
      if (!d.ok) throw penaltyRefusal(d, action, v.status, actor.language);

      const proposed = Number(v.proposed_cents);
      const set: Parameters<typeof repo.updatePenalty>[2] = { status: d.to, updated_at: at };
      const data: Record<string, unknown> = { ...d.data };
      let attachmentId: string | null = null;
      const eventId = newSortableId();
      const noticeData: Record<string, unknown> = {
        amount: proposed,
        breachedBy: v.breached_by_ms === null ? null : Number(v.breached_by_ms), // {breachedBy:duration}, in the recipient's language
        contract: `${v.lot} – ${v.contract_title}`,
        cig: v.cig,
      };

      if (action === 'contest') {
        const termEndsAt = DateTime.fromJSDate(now)
          .setZone(ZONE)
          .plus({ days: ctx.config.penalties.termDays })
          .endOf('day')
          .toJSDate()
          .toISOString();
        set.term_ends_at = termEndsAt;
        data.termEndsAt = termEndsAt;
        data.termDays = ctx.config.penalties.termDays;
        if (v.work_order_id) {
          const pdf = await contestPdf(trx, ctx, actor, v, termEndsAt, (d.data.note as string | undefined) ?? null);
          const stored = await storeAttachment(trx, ctx, {
            ticketId: v.ticket_id,
            workOrderId: v.work_order_id,
            kind: 'document',
            visibility: 'internal',
            filename: `contestazione-penale-${(v.work_order_number ?? v.id).replace(/\//g, '-')}.pdf`,
            contentType: 'application/pdf',
            data: pdf,
            uploadedById: actor.userId,
            language: actor.language,
          });
          attachmentId = stored.id;
          data.attachmentId = stored.id;
          Object.assign(noticeData, { termEndsAt, note: d.data.note ?? null, attachment: stored.filename });
        }
      } else if (action === 'counter_argue') {
        const ids = Array.isArray(attachmentIds) ? [...new Set(attachmentIds as string[])] : [];
        const issues: FieldIssue[] = [];
        for (const [i, aid] of ids.entries()) {
          const a = await getAttachment(trx, aid);
          if (!a || !v.work_order_id || a.work_order_id !== v.work_order_id)
            issues.push({ field: `attachmentIds.${i}`, rule: 'attachmentNotOfWorkOrder' });
        }
        if (issues.length) throw invalid(issues);
        if (ids.length) data.attachmentIds = ids;
        noticeData.text = d.data.text;
      } else if (action !== 'withdraw') {
        const final = action === 'apply' ? proposed : action === 'reduce' ? Number(d.data.amountCents) : 0;
        set.final_cents = final;
        data.finalCents = final;
        Object.assign(noticeData, { finalAmount: final, reason: d.data.reason });
      }

      if (!(await repo.updatePenalty(trx, id, set, { version: Number(v.version) }))) throw new StaleVersion();
      await repo.insertPenaltyEvent(trx, {
        id: eventId,
        penaltyId: id,
        at,
        actorId: actor.userId,
        actorLabel: actor.displayName,
        action,
        from: d.from,
        to: d.to,
        data,
      });

      if (v.work_order_id) {
        const notices =
          action === 'contest'
            ? [{ kind: 'penalty_contested' as const, to: ['contractor_pec' as const, 'contractor' as const] }]
            : action === 'counter_argue'
              ? [{ kind: 'penalty_counter_argued' as const, to: ['building_managers' as const, 'service_heads' as const] }]
              : TERMINAL_NOTICE[action]
                ? [{ kind: 'penalty_decided' as const, to: ['contractor_pec' as const, 'contractor' as const] }]
                : [];
        await enqueueNotices(trx, ctx, {
          notices,
          ticketId: v.ticket_id,
          workOrderId: v.work_order_id,
          eventId,
          actorUserId: actor.userId,
          action,
          data: noticeData,
          attachmentId,
        });
      }
    },
    () => getPenalty(ctx, actor, id),
  );
  return getPenalty(ctx, actor, id);
}

/**
 * POST /api/penalties: a penalty proposed by hand by a building manager (of the work order's
 * building; without a work order, of a building the contract covers) or a service head, with a
 * reason and evidence (text, files already on the work order). Breach key manual:<id>; clipped
 * to what the contract's cap leaves (the clipping in the event and clippedByCap); refused when
 * nothing is left. Then the usual procedure (or withdraw before the formal notice).
 */
export async function proposeManualPenalty(ctx: AppContext, actor: Principal, input: ManualPenaltyInput): Promise<PenaltyDetailDto> {
  const sh = actor.roles.has('service_head');
  if (!sh && !actor.roles.has('building_manager')) throw forbidden();
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const contract = await repo.contractOf(trx, input.contractId);
    if (!contract) throw notFound();
    if (!sh && !(await repo.contractCoversManagedBuilding(trx, input.contractId, actor.userId))) throw notFound();
    const issues: FieldIssue[] = [];
    let workOrderId: string | null = null;
    if (input.workOrderId) {
      const wo = await repo.workOrderPlace(trx, input.workOrderId);
      if (!wo || wo.contract_id !== input.contractId) issues.push({ field: 'workOrderId', rule: 'workOrderNotOfContract' });
      else if (!sh && !(await isBuildingManagedBy(trx, wo.building_id, actor.userId))) throw notFound();
      else workOrderId = wo.id;
    }
    const ids = [...new Set(input.attachmentIds ?? [])];
    for (const [i, aid] of ids.entries()) {
      const a = await getAttachment(trx, aid);
      if (!a || !workOrderId || a.work_order_id !== workOrderId)
        issues.push({ field: `attachmentIds.${i}`, rule: 'attachmentNotOfWorkOrder' });
    }
    if (issues.length) throw invalid(issues);

    await repo.lockContract(trx, input.contractId);
    const net = Number(contract.net_amount_cents);
    const totals = await repo.totalsOf(trx, input.contractId);
    const room = Math.max(0, capCents(net, ctx.config.penalties.limits) - totals.applied - totals.open);
    const proposed = Math.min(input.amountCents, room);
    if (proposed <= 0)
      throw invalid([{ field: 'amountCents', rule: 'penaltyCapReached', params: { remaining: euro(room, actor.language) } }]);
    const now = ctx.now();
    const at = now.toISOString();
    await repo.insertPenalty(trx, {
      id,
      contract_id: input.contractId,
      work_order_id: workOrderId,
      breach_key: `manual:${id}`,
      rule_id: null,
      clock: null,
      breached_by_ms: null,
      computed_cents: input.amountCents,
      proposed_cents: proposed,
      final_cents: null,
      status: 'proposed',
      term_ends_at: null,
      period: DateTime.fromJSDate(now).setZone(ZONE).toFormat('yyyy-MM'),
      created_at: at,
      updated_at: at,
    });
    const data: Record<string, unknown> = {
      manual: true,
      reason: input.reason,
      computedCents: input.amountCents,
      proposedCents: proposed,
      clippedByCap: proposed < input.amountCents,
    };
    if (proposed < input.amountCents) data.capNote = `${ctx.config.penalties.limits.capPercent}%`;
    if (input.evidence?.trim()) data.evidence = input.evidence.trim();
    if (ids.length) data.attachmentIds = ids;
    await repo.insertPenaltyEvent(trx, {
      id: newSortableId(),
      penaltyId: id,
      at,
      actorId: actor.userId,
      actorLabel: actor.displayName,
      action: 'propose',
      from: null,
      to: 'proposed',
      data,
    });
  });
  return getPenalty(ctx, actor, id);
}

/** Builds the formal notice of one penalty (its work order's timeline, the clock in words, the rule). */
async function contestPdf(
  db: Db,
  ctx: AppContext,
  actor: Principal,
  v: repo.PenaltyView,
  termEndsAt: string,
  note: string | null,
): Promise<Buffer> {
  const now = ctx.now();
  const contract = (await repo.contractOf(db, v.contract_id))!;
  const wo = await repo.workOrderForNotice(db, v.work_order_id!);
  const rule = v.rule_id ? (await repo.rulesByIds(db, [v.rule_id]))[0] : undefined;
  const clock = await breachedClock(db, v, now);
  const manual = (await repo.manualProposals(db, [v.id])).get(v.id);
  const events = await listEvents(db, { workOrderId: v.work_order_id! });
  const detailOf = (raw: string) => {
    let d: Record<string, unknown> = {};
    try {
      d = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      d = {};
    }
    const parts: string[] = [];
    if (typeof d.priority === 'string') parts.push(`priorità ${label('it', 'priority', d.priority).toLowerCase()}`);
    for (const [k, name] of [
      ['inspectionAt', 'sopralluogo'],
      ['scheduledAt', 'intervento'],
    ] as const)
      if (typeof d[k] === 'string') parts.push(`${name} ${romeTime(d[k] as string)}`);
    if (typeof d.expectedOn === 'string') parts.push(`materiali attesi ${d.expectedOn.split('-').reverse().join('/')}`);
    if (typeof d.reason === 'string') parts.push(`motivo: ${d.reason}`);
    return parts.join('; ');
  };
  const net = Number(contract.net_amount_cents);
  const limitMin = clock?.limitMinutes ?? null;
  return contestNoticePdf({
    now,
    issuedBy: actor.displayName,
    contract: { title: contract.title, lot: contract.lot, cig: contract.cig, netAmountCents: net },
    contractor: { name: contract.contractor_name, vatNumber: contract.vat_number, pec: contract.pec },
    workOrder: {
      number: wo.number,
      ticketNumber: wo.ticket_number,
      building: `${v.building_code ?? ''} ${v.building_name ?? ''}`.trim(),
      description: wo.description,
      priority: label('it', 'priority', wo.priority),
      issuedAt: wo.issued_at,
    },
    breach: {
      clock: v.clock ? clockName(v.clock as never, 'it') : '—',
      limit:
        limitMin === null
          ? '—'
          : `${formatDuration(limitMin * 60_000, 'it')} (${clock?.basis === 'solar' ? 'tempo solare, 24 ore su 24' : 'orario lavorativo del contratto'})`,
      dueAt: clock?.dueAt ? new Date(clock.dueAt).toISOString() : null,
      stoppedAt: clock?.stoppedAt ? new Date(clock.stoppedAt).toISOString() : null,
      breachedBy: formatDuration(Number(v.breached_by_ms ?? 0), 'it'),
      explanation: clock ? explainClock(clock, 'it', now.getTime(), ZONE) : '—',
    },
    rule: rule ? describeRule(rule, net, 'it') : manual ? describeManual(manual, 'it') : '—',
    computedCents: Number(v.computed_cents),
    proposedCents: Number(v.proposed_cents),
    capNote:
      Number(v.proposed_cents) < Number(v.computed_cents)
        ? `ridotto per il tetto del ${ctx.config.penalties.limits.capPercent}% dell'importo netto`
        : null,
    termDays: ctx.config.penalties.termDays,
    termEndsAt,
    note,
    timeline: events.map((e) => ({ at: e.at, action: label('it', 'action', e.action), actor: e.actor_label, detail: detailOf(e.data) })),
  });
}
