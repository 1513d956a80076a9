// Penalty proposals of one work order brought in line with its breaches, recomputed as often as
// wanted without double counting (pure; the caller reads and writes the rows):
//
// - a breach is identified by its key (work order + clock + cycle start): one penalty per key;
// - a new breach with a matching active rule is proposed, clipped to what the cap leaves;
// - a still-proposed penalty follows its breach: amount updated (a running breach grows every
//   started hour or day; a priority change applies the new priority's rule), withdrawn when the
//   breach is gone (a corrected timeline: priority lowered, completion accepted) or no rule gives
//   anything for it any more (a deactivated rule keeps counting for the proposals made with it);
// - a withdrawn penalty whose breach is back is proposed again — unless a person withdrew it
//   (status 'withdrawn_by_hand' here): its key stays handled;
// - contested, counter-argued and decided penalties are never touched: the procedure owns them.
// The cap counts applied and reduced penalties (final amounts) and every open one (proposed,
// contested, counter-argued), across the whole contract.
import {
  breachAmount,
  capCents,
  isClockRule,
  proposePenalties,
  type Breach,
  type LegalLimits,
  type PenaltyRule,
} from '../../../domain/penalties.ts';

export interface BreachIn extends Breach {
  /** When the clock was due (the breach began), ms; orders the proposals and gives the period. */
  dueAt: number;
}

export interface RuleIn {
  id: string;
  active: boolean;
  rule: PenaltyRule;
}

export interface ExistingPenalty {
  id: string;
  key: string;
  status: string;
  ruleId: string | null;
  computedCents: number;
  proposedCents: number;
  breachedByMs: number | null;
}

export type PenaltyChange =
  | { type: 'insert'; key: string; breach: BreachIn; ruleId: string; computedCents: number; proposedCents: number }
  | {
      type: 'update';
      id: string;
      breach: BreachIn;
      ruleId: string;
      computedCents: number;
      proposedCents: number;
      fromStatus: 'proposed' | 'withdrawn';
      fromCents: number;
    }
  | { type: 'withdraw'; id: string; fromCents: number; reason: 'breach_gone' | 'rule_gone' };

export interface ReconcileInput {
  breaches: readonly BreachIn[];
  /** This work order's penalties, any status. */
  existing: readonly ExistingPenalty[];
  /** The contract's rules, inactive ones too (a proposal keeps the rule it was made with). */
  rules: readonly RuleIn[];
  netAmountCents: number;
  limits: LegalLimits;
  /** Applied + reduced (final) + open (proposed, contested, counter-argued) of the whole contract, this work order's included. */
  alreadyCents: number;
}

const matching = (rules: readonly RuleIn[], b: Breach) =>
  rules.find((r) => r.active && isClockRule(r.rule) && r.rule.clock === b.clock && r.rule.priority === b.priority);

export function reconcilePenalties(input: ReconcileInput): PenaltyChange[] {
  const { breaches, existing, rules, netAmountCents, limits } = input;
  let room = Math.max(0, capCents(netAmountCents, limits) - input.alreadyCents);
  const byKey = new Map(breaches.map((b) => [b.key, b]));
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const changes: PenaltyChange[] = [];

  // 1. Proposals whose breach is gone give their room back first.
  for (const p of existing) {
    if (p.status === 'proposed' && !byKey.has(p.key)) {
      changes.push({ type: 'withdraw', id: p.id, fromCents: p.proposedCents, reason: 'breach_gone' });
      room += p.proposedCents;
    }
  }
  // 2. Proposals whose breach is still there follow it (their own rule, else a matching active one).
  const ordered = [...breaches].sort((a, b) => a.dueAt - b.dueAt || a.key.localeCompare(b.key));
  for (const b of ordered) {
    const p = existing.find((x) => x.key === b.key && x.status === 'proposed');
    if (!p) continue;
    // The active rule for the breach's clock and priority (a priority change brings its own rule);
    // failing that, the rule the proposal was made with if it still fits (a rule deactivated since).
    const own = p.ruleId ? ruleById.get(p.ruleId) : undefined;
    const r =
      matching(rules, b) ??
      (own && isClockRule(own.rule) && own.rule.clock === b.clock && own.rule.priority === b.priority ? own : undefined);
    const computed = r ? breachAmount(r.rule, b.breachedByMs, netAmountCents) : 0;
    if (!r || computed <= 0) {
      changes.push({ type: 'withdraw', id: p.id, fromCents: p.proposedCents, reason: 'rule_gone' });
      room += p.proposedCents;
      continue;
    }
    const proposed = Math.min(computed, p.proposedCents + room);
    room += p.proposedCents - proposed;
    if (proposed !== p.proposedCents || computed !== p.computedCents || b.breachedByMs !== p.breachedByMs || r.id !== p.ruleId) {
      changes.push({
        type: 'update',
        id: p.id,
        breach: b,
        ruleId: r.id,
        computedCents: computed,
        proposedCents: proposed,
        fromStatus: 'proposed',
        fromCents: p.proposedCents,
      });
    }
  }
  // 3. New breaches, and withdrawn ones that are back, within what the cap leaves.
  const counted = new Set(existing.filter((p) => p.status !== 'withdrawn').map((p) => p.key));
  const active = rules.filter((r) => r.active).map((r) => r.rule);
  const proposals = proposePenalties(ordered, active, netAmountCents, limits, capCents(netAmountCents, limits) - room, counted);
  for (const prop of proposals) {
    if (prop.amountCents <= 0) continue; // the cap is reached: nothing more is proposed
    const b = byKey.get(prop.key)!;
    const ruleId = matching(rules, b)!.id;
    const withdrawn = existing.find((x) => x.key === prop.key && x.status === 'withdrawn');
    if (withdrawn) {
      changes.push({
        type: 'update',
        id: withdrawn.id,
        breach: b,
        ruleId,
        computedCents: prop.computedCents,
        proposedCents: prop.amountCents,
        fromStatus: 'withdrawn',
        fromCents: 0,
      });
    } else {
      changes.push({
        type: 'insert',
        key: prop.key,
        breach: b,
        ruleId,
        computedCents: prop.computedCents,
        proposedCents: prop.amountCents,
      });
    }
  }
  return changes;
}

/** The rule stored in penalty_rules as the domain's PenaltyRule. */
export function ruleOf(r: {
  kind: string;
  clock: string | null;
  priority: string | null;
  event: string | null;
  amount_cents: number | string | null;
  per_mille_micro: number | string | null;
}): PenaltyRule {
  // A daily rule with an event (no clock): late planned activities (workflow 2).
  if (r.event === 'late_planned_activity' && r.kind === 'per_day')
    return { kind: 'per_day', event: 'late_planned_activity', centsPerDay: Number(r.amount_cents) };
  if (r.event === 'late_planned_activity' && r.kind === 'per_mille_per_day')
    return { kind: 'per_mille_per_day', event: 'late_planned_activity', perMille: Number(r.per_mille_micro) / 1_000_000 };
  switch (r.kind) {
    case 'per_hour':
      return { kind: 'per_hour', clock: r.clock as never, priority: r.priority as never, centsPerHour: Number(r.amount_cents) };
    case 'per_day':
      return { kind: 'per_day', clock: r.clock as never, priority: r.priority as never, centsPerDay: Number(r.amount_cents) };
    case 'per_mille_per_day':
      return {
        kind: 'per_mille_per_day',
        clock: r.clock as never,
        priority: r.priority as never,
        perMille: Number(r.per_mille_micro) / 1_000_000,
      };
    default:
      return { kind: 'fixed', event: r.event as never, cents: Number(r.amount_cents) };
  }
}
