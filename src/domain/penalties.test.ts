import { describe, expect, it } from 'vitest';
import {
  ART_126_2023,
  breachAmount,
  capCents,
  checkRules,
  isClockRule,
  isPlannedDailyRule,
  lateDays,
  plannedDailyAmount,
  proposePenalties,
  PENALTY_TRANSITIONS,
  type PenaltyContext,
  type PenaltyRule,
  type PlannedDailyRule,
} from './penalties.ts';
import { decide } from './workflow/machine.ts';

const NET = 100_000_000; // € 1,000,000.00
const H = 3600_000;

describe('legal range (art. 126: 0.3‰–1‰ a day) and cap (10 %)', () => {
  it('refuses daily rates outside the range and hourly rates above it', () => {
    const rules: PenaltyRule[] = [
      { kind: 'per_mille_per_day', clock: 'resolution', priority: 'urgent', perMille: 0.5 }, // ok
      { kind: 'per_mille_per_day', clock: 'resolution', priority: 'ordinary', perMille: 1.5 }, // above
      { kind: 'per_day', clock: 'resolution', priority: 'emergency', centsPerDay: 20_000 }, // € 200 = 0.2‰: below
      { kind: 'per_day', clock: 'on_site', priority: 'urgent', centsPerDay: 50_000 }, // 0.5‰ ok
      { kind: 'per_hour', clock: 'take_charge', priority: 'emergency', centsPerHour: 5_000 }, // 24 × € 50 = 1.2‰: above
      { kind: 'per_hour', clock: 'take_charge', priority: 'urgent', centsPerHour: 1_000 }, // 0.24‰: fine for hours
      { kind: 'fixed', event: 'late_documents', cents: 0 },
    ];
    expect(checkRules(rules, NET, ART_126_2023).map((p) => [p.index, p.reason])).toEqual([
      [1, 'above_range'],
      [2, 'below_range'],
      [4, 'above_range'],
      [6, 'not_positive'],
    ]);
  });
  it('computes the cap as 10 % of the net amount', () => {
    expect(capCents(NET, ART_126_2023)).toBe(10_000_000);
  });
});

describe('breach amounts', () => {
  it('counts every started hour or day', () => {
    expect(breachAmount({ kind: 'per_hour', clock: 'resolution', priority: 'urgent', centsPerHour: 1000 }, 2 * H + 1, NET)).toBe(3000);
    expect(breachAmount({ kind: 'per_day', clock: 'resolution', priority: 'urgent', centsPerDay: 50_000 }, 25 * H, NET)).toBe(100_000);
    expect(breachAmount({ kind: 'per_mille_per_day', clock: 'resolution', priority: 'urgent', perMille: 0.5 }, 3 * H, NET)).toBe(50_000);
    expect(breachAmount({ kind: 'per_hour', clock: 'resolution', priority: 'urgent', centsPerHour: 1000 }, 0, NET)).toBe(0);
  });
});

describe('proposals', () => {
  const rules: PenaltyRule[] = [{ kind: 'per_day', clock: 'resolution', priority: 'urgent', centsPerDay: 100_000 }];
  it('one proposal per breach; a breach already counted is not counted again', () => {
    const b = [{ key: 'wo1:resolution:1', clock: 'resolution' as const, priority: 'urgent' as const, breachedByMs: 2 * H }];
    expect(proposePenalties(b, rules, NET, ART_126_2023, 0, new Set())).toEqual([
      { key: 'wo1:resolution:1', amountCents: 100_000, computedCents: 100_000, clippedByCap: false },
    ]);
    expect(proposePenalties(b, rules, NET, ART_126_2023, 0, new Set(['wo1:resolution:1']))).toEqual([]);
  });
  it('stops at the cap: clips the last one, proposes nothing once reached', () => {
    const b = [
      { key: 'a', clock: 'resolution' as const, priority: 'urgent' as const, breachedByMs: 2 * 24 * H }, // € 2,000
      { key: 'b', clock: 'resolution' as const, priority: 'urgent' as const, breachedByMs: 24 * H }, // € 1,000
    ];
    const out = proposePenalties(b, rules, NET, ART_126_2023, 10_000_000 - 250_000, new Set());
    expect(out.map((p) => [p.key, p.amountCents, p.clippedByCap])).toEqual([
      ['a', 200_000, false],
      ['b', 50_000, true],
    ]);
    expect(proposePenalties(b, rules, NET, ART_126_2023, 10_000_000, new Set()).map((p) => p.amountCents)).toEqual([0, 0]);
  });
});

describe('procedure', () => {
  const ctx: PenaltyContext = { now: '2026-03-20T10:00:00Z', termEndsAt: '2026-03-30T23:59:59Z', proposedCents: 100_000, answered: false };
  const bm = new Set(['building_manager'] as const);
  it('contest → counter-argue within the term → reduce with an amount below the proposal', () => {
    expect(decide(PENALTY_TRANSITIONS, 'proposed', 'contest', bm, {}, ctx)).toMatchObject({ ok: true, to: 'contested' });
    expect(
      decide(
        PENALTY_TRANSITIONS,
        'contested',
        'counter_argue',
        new Set(['contractor'] as const),
        { text: 'the lift part was out of stock' },
        ctx,
      ),
    ).toMatchObject({ ok: true, to: 'counter_argued' });
    const answered = { ...ctx, answered: true };
    expect(decide(PENALTY_TRANSITIONS, 'counter_argued', 'reduce', bm, { amountCents: 150_000, reason: 'x' }, answered)).toMatchObject({
      code: 'GUARD_FAILED',
      reason: 'reduce_amount',
    });
    expect(
      decide(PENALTY_TRANSITIONS, 'counter_argued', 'reduce', bm, { amountCents: 40_000, reason: 'partly justified' }, answered),
    ).toMatchObject({ ok: true, to: 'reduced' });
  });
  it('no decision while the term runs unanswered; after it, apply or waive', () => {
    expect(decide(PENALTY_TRANSITIONS, 'contested', 'apply', bm, { reason: 'late' }, ctx)).toMatchObject({
      code: 'GUARD_FAILED',
      reason: 'term_running',
    });
    const later = { ...ctx, now: '2026-04-01T09:00:00Z' };
    expect(decide(PENALTY_TRANSITIONS, 'contested', 'apply', bm, { reason: 'late' }, later)).toMatchObject({ ok: true, to: 'applied' });
    expect(
      decide(PENALTY_TRANSITIONS, 'contested', 'counter_argue', new Set(['contractor'] as const), { text: 'late answer' }, later),
    ).toMatchObject({ reason: 'term_expired' });
    expect(
      decide(PENALTY_TRANSITIONS, 'contested', 'waive', new Set(['service_head'] as const), { reason: 'force majeure' }, later),
    ).toMatchObject({ ok: true, to: 'waived' });
  });
  it('the contractor cannot decide, the building manager cannot counter-argue', () => {
    expect(decide(PENALTY_TRANSITIONS, 'counter_argued', 'apply', new Set(['contractor'] as const), { reason: 'x' }, ctx)).toMatchObject({
      code: 'ROLE_NOT_ALLOWED',
    });
    expect(decide(PENALTY_TRANSITIONS, 'contested', 'counter_argue', bm, { text: 'x' }, ctx)).toMatchObject({ code: 'ROLE_NOT_ALLOWED' });
  });
});

describe('planned lateness per day (lateDays, plannedDailyAmount)', () => {
  it.each([
    ['completion on the deadline', '2026-03-31', '2026-03-31', 0],
    ['completion before the deadline', '2026-03-31', '2026-03-15', 0],
    ['the day after the deadline', '2026-03-31', '2026-04-01', 1],
    ["deadline at February's end (not leap)", '2026-02-28', '2026-03-01', 1],
    ["deadline at February's end (leap year)", '2028-02-29', '2028-03-02', 2],
    ['across the spring DST change (29 March 2026)', '2026-03-28', '2026-03-30', 2],
    ['across the autumn DST change (25 October 2026)', '2026-10-24', '2026-10-26', 2],
    ['across the year end', '2026-12-31', '2027-01-10', 10],
  ])('%s: %s → %s = %i days', (_what, deadline, endOn, days) => {
    expect(lateDays(deadline, endOn)).toBe(days);
  });

  it("whole days × the daily amount, clipped to the cap's room", () => {
    const perDay: PlannedDailyRule = { kind: 'per_day', event: 'late_planned_activity', centsPerDay: 50_000 };
    const perMille: PlannedDailyRule = { kind: 'per_mille_per_day', event: 'late_planned_activity', perMille: 0.5 };
    expect(plannedDailyAmount(perDay, 3, NET, 1_000_000)).toEqual({ computedCents: 150_000, amountCents: 150_000 });
    expect(plannedDailyAmount(perMille, 3, NET, 1_000_000)).toEqual({ computedCents: 150_000, amountCents: 150_000 });
    expect(plannedDailyAmount(perDay, 3, NET, 120_000)).toEqual({ computedCents: 150_000, amountCents: 120_000 });
    expect(plannedDailyAmount(perDay, 0, NET, 1_000_000)).toEqual({ computedCents: 0, amountCents: 0 });
    expect(plannedDailyAmount(perDay, 3, NET, 0)).toEqual({ computedCents: 150_000, amountCents: 0 });
  });

  it('a planned daily rule has the legal range of any daily rule, and no clock', () => {
    const rules: PenaltyRule[] = [
      { kind: 'per_day', event: 'late_planned_activity', centsPerDay: 50_000 }, // 0.5‰ ok
      { kind: 'per_day', event: 'late_planned_activity', centsPerDay: 20_000 }, // 0.2‰ below
      { kind: 'per_mille_per_day', event: 'late_planned_activity', perMille: 1.5 }, // above
    ];
    expect(checkRules(rules, NET, ART_126_2023).map((p) => [p.index, p.reason])).toEqual([
      [1, 'below_range'],
      [2, 'above_range'],
    ]);
    expect(rules.map(isPlannedDailyRule)).toEqual([true, true, true]);
    expect(isClockRule({ kind: 'per_day', clock: 'resolution', priority: 'urgent', centsPerDay: 1 })).toBe(true);
    expect(isPlannedDailyRule({ kind: 'fixed', event: 'late_planned_activity', cents: 1 })).toBe(false);
    // An SLA breach never matches a planned daily rule.
    expect(
      proposePenalties(
        [{ key: 'k', clock: 'resolution', priority: 'urgent', breachedByMs: 3 * 24 * H }],
        rules,
        NET,
        ART_126_2023,
        0,
        new Set(),
      ),
    ).toEqual([]);
  });
});
