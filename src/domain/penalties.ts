// Penalties: contract rules, the legal range and cap of D.Lgs. 36/2023 art. 126, proposals from
// SLA breaches, and the formal procedure (proposed → contested → counter_argued → applied / reduced / waived).
import type { ClockName } from './sla.ts';
import type { Priority, Transition } from './workflow/types.ts';

/** A rule measured against an SLA clock for one priority (workflow 1). */
export type ClockRule =
  | { kind: 'per_hour'; clock: ClockName; priority: Priority; centsPerHour: number }
  | { kind: 'per_day'; clock: ClockName; priority: Priority; centsPerDay: number }
  | { kind: 'per_mille_per_day'; clock: ClockName; priority: Priority; perMille: number };

/**
 * A daily rule for late planned activities (workflow 2): no clock, no priority — every whole
 * calendar day past the activity's deadline counts (lateDays), within the same legal range.
 */
export type PlannedDailyRule =
  | { kind: 'per_day'; event: 'late_planned_activity'; centsPerDay: number }
  | { kind: 'per_mille_per_day'; event: 'late_planned_activity'; perMille: number };

export type PenaltyRule =
  ClockRule | PlannedDailyRule | { kind: 'fixed'; event: 'late_planned_activity' | 'late_documents'; cents: number };

export const isClockRule = (r: PenaltyRule): r is ClockRule => 'clock' in r;
export const isPlannedDailyRule = (r: PenaltyRule): r is PlannedDailyRule => r.kind !== 'fixed' && !('clock' in r);

/** The law's limits, in configuration because the text has been amended (defaults: 2023 text). */
export interface LegalLimits {
  /** Daily rate range, per mille of the net contract amount. */
  minDailyPerMille: number;
  maxDailyPerMille: number;
  /** Total cap, percent of the net contract amount. */
  capPercent: number;
}
export const ART_126_2023: LegalLimits = { minDailyPerMille: 0.3, maxDailyPerMille: 1, capPercent: 10 };

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export type RuleProblem = { index: number; reason: 'below_range' | 'above_range' | 'not_positive'; dailyPerMille: number };

/**
 * Checks a contract's rules against the legal range: a daily rate (€/day, or ‰/day) must fall
 * within it; an hourly rate may not exceed the maximum over 24 hours. Fixed amounts are per event.
 */
export function checkRules(rules: readonly PenaltyRule[], netAmountCents: number, limits: LegalLimits): RuleProblem[] {
  const problems: RuleProblem[] = [];
  rules.forEach((r, index) => {
    let daily: number | null = null;
    let upperOnly = false;
    if (r.kind === 'per_mille_per_day') daily = r.perMille;
    else if (r.kind === 'per_day') daily = (r.centsPerDay / netAmountCents) * 1000;
    else if (r.kind === 'per_hour') {
      daily = ((r.centsPerHour * 24) / netAmountCents) * 1000;
      upperOnly = true;
    } else if (r.cents <= 0) problems.push({ index, reason: 'not_positive', dailyPerMille: 0 });
    if (daily === null) return;
    const rounded = Math.round(daily * 1e6) / 1e6;
    if (rounded <= 0) problems.push({ index, reason: 'not_positive', dailyPerMille: rounded });
    else if (rounded > limits.maxDailyPerMille) problems.push({ index, reason: 'above_range', dailyPerMille: rounded });
    else if (!upperOnly && rounded < limits.minDailyPerMille) problems.push({ index, reason: 'below_range', dailyPerMille: rounded });
  });
  return problems;
}

/**
 * Whole days a planned activity is late: Rome calendar days from the day after its deadline to
 * `endOn` (the completion day, or today while open) — both Rome dates, so no daylight-saving
 * change can add or lose a day. Completed on the deadline (or before) = 0.
 */
export function lateDays(deadline: string, endOn: string): number {
  const ms = Date.parse(`${endOn}T00:00:00Z`) - Date.parse(`${deadline}T00:00:00Z`);
  return Math.max(0, Math.round(ms / DAY));
}

/**
 * The amount of a planned daily rule for `days` late, clipped to the room the contract's cap
 * leaves (`room`, which for a proposal being recomputed includes its own current amount).
 */
export function plannedDailyAmount(
  rule: PlannedDailyRule,
  days: number,
  netAmountCents: number,
  room: number,
): { computedCents: number; amountCents: number } {
  const perDay = rule.kind === 'per_day' ? rule.centsPerDay : Math.round((netAmountCents * rule.perMille) / 1000);
  const computedCents = Math.max(0, days) * perDay;
  return { computedCents, amountCents: Math.max(0, Math.min(computedCents, room)) };
}

export const capCents = (netAmountCents: number, limits: LegalLimits) => Math.floor((netAmountCents * limits.capPercent) / 100);

/** The amount one breach costs under one rule: every started hour or day of delay counts. */
export function breachAmount(rule: PenaltyRule, breachedByMs: number, netAmountCents: number): number {
  if (breachedByMs <= 0) return 0;
  switch (rule.kind) {
    case 'per_hour':
      return Math.ceil(breachedByMs / HOUR) * rule.centsPerHour;
    case 'per_day':
      return Math.ceil(breachedByMs / DAY) * rule.centsPerDay;
    case 'per_mille_per_day':
      return Math.ceil(breachedByMs / DAY) * Math.round((netAmountCents * rule.perMille) / 1000);
    case 'fixed':
      return rule.cents;
  }
}

export interface Breach {
  /** Stable identity: the same breach recomputed must give the same key (no double counting). */
  key: string;
  clock: ClockName;
  priority: Priority;
  breachedByMs: number;
}

export interface Proposal {
  key: string;
  amountCents: number;
  /** Before the cap clipped it. */
  computedCents: number;
  clippedByCap: boolean;
}

/**
 * Proposals for breaches, given what the contract already owes (applied + open proposals):
 * never past the cap; a breach whose key is already counted is skipped.
 */
export function proposePenalties(
  breaches: readonly Breach[],
  rules: readonly PenaltyRule[],
  netAmountCents: number,
  limits: LegalLimits,
  alreadyCents: number,
  countedKeys: ReadonlySet<string>,
): Proposal[] {
  let room = Math.max(0, capCents(netAmountCents, limits) - alreadyCents);
  const out: Proposal[] = [];
  for (const b of breaches) {
    if (countedKeys.has(b.key)) continue;
    const rule = rules.find((r) => isClockRule(r) && r.clock === b.clock && r.priority === b.priority);
    if (!rule) continue;
    const computed = breachAmount(rule, b.breachedByMs, netAmountCents);
    if (computed <= 0) continue;
    const amount = Math.min(computed, room);
    room -= amount;
    out.push({ key: b.key, amountCents: amount, computedCents: computed, clippedByCap: amount < computed });
  }
  return out;
}

export const PENALTY_STATES = ['proposed', 'contested', 'counter_argued', 'applied', 'reduced', 'waived', 'withdrawn'] as const;
export type PenaltyState = (typeof PENALTY_STATES)[number];

export interface PenaltyContext {
  now: string;
  /** End of the term for counter-arguments (ISO), set when contested. */
  termEndsAt: string | null;
  proposedCents: number;
  /** The contractor has counter-argued. */
  answered: boolean;
}

/**
 * The formal procedure; deciding is possible once the contractor answered or the term expired.
 * A proposal may be dropped (withdraw, with a reason) before the formal notice only: once
 * contested, the procedure's own decisions (waive) are the way out.
 */
export const PENALTY_TRANSITIONS: readonly Transition<PenaltyState, PenaltyContext>[] = [
  {
    action: 'contest',
    from: ['proposed'],
    to: 'contested',
    roles: ['building_manager', 'service_head'],
    fields: [{ field: 'note', kind: 'text', optional: true }],
    notices: [],
  },
  {
    action: 'counter_argue',
    from: ['contested'],
    to: 'counter_argued',
    roles: ['contractor'],
    fields: [{ field: 'text', kind: 'text' }],
    guard: (_f, c) => (c.termEndsAt && c.now > c.termEndsAt ? { reason: 'term_expired', params: { termEndsAt: c.termEndsAt } } : null),
    notices: [],
  },
  ...(['apply', 'reduce', 'waive'] as const).map((action) => ({
    action,
    from: ['contested', 'counter_argued'] as PenaltyState[],
    to: ({ apply: 'applied', reduce: 'reduced', waive: 'waived' } as const)[action],
    roles: ['building_manager', 'service_head'] as const,
    fields:
      action === 'reduce'
        ? [
            { field: 'amountCents', kind: 'number' as const },
            { field: 'reason', kind: 'text' as const },
          ]
        : [{ field: 'reason', kind: 'text' as const }],
    guard: (f: Record<string, unknown>, c: PenaltyContext) => {
      // The contractor's right to answer: no decision while the term runs, unless it answered.
      if (!c.answered && c.termEndsAt && c.now <= c.termEndsAt) return { reason: 'term_running', params: { termEndsAt: c.termEndsAt } };
      if (
        action === 'reduce' &&
        !(Number.isInteger(f.amountCents) && (f.amountCents as number) > 0 && (f.amountCents as number) < c.proposedCents)
      ) {
        return { reason: 'reduce_amount', params: { max: c.proposedCents } };
      }
      return null;
    },
    notices: [],
  })),
  {
    action: 'withdraw',
    from: ['proposed'],
    to: 'withdrawn',
    roles: ['building_manager', 'service_head'],
    fields: [{ field: 'reason', kind: 'text' }],
    notices: [],
  },
];
