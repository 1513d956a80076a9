import { describe, expect, it } from 'vitest';
import { ART_126_2023 } from '../../../domain/penalties.ts';
import { reconcilePenalties, type BreachIn, type ExistingPenalty, type RuleIn } from './reconcile.ts';

const H = 3600_000;
const NET = 100_000_000; // € 1,000,000: cap € 100,000; 1‰ a day = € 1,000
const rules: RuleIn[] = [
  { id: 'r1', active: true, rule: { kind: 'per_hour', clock: 'resolution', priority: 'urgent', centsPerHour: 2_000 } },
];
const breach = (key: string, hours: number, dueAt = 0): BreachIn => ({
  key,
  clock: 'resolution',
  priority: 'urgent',
  breachedByMs: hours * H,
  dueAt,
});
const base = { rules, netAmountCents: NET, limits: ART_126_2023, alreadyCents: 0 };
const proposed = (key: string, cents: number, hours: number, over: Partial<ExistingPenalty> = {}): ExistingPenalty => ({
  id: `p-${key}`,
  key,
  status: 'proposed',
  ruleId: 'r1',
  computedCents: cents,
  proposedCents: cents,
  breachedByMs: hours * H,
  ...over,
});

describe('reconcilePenalties', () => {
  it('a new breach is proposed once; the same state again changes nothing', () => {
    const first = reconcilePenalties({ ...base, breaches: [breach('w:resolution:t0', 2.5)], existing: [] });
    expect(first).toEqual([
      expect.objectContaining({ type: 'insert', key: 'w:resolution:t0', ruleId: 'r1', computedCents: 6_000, proposedCents: 6_000 }),
    ]);
    const again = reconcilePenalties({
      ...base,
      breaches: [breach('w:resolution:t0', 2.5)],
      existing: [proposed('w:resolution:t0', 6_000, 2.5)],
      alreadyCents: 6_000,
    });
    expect(again).toEqual([]);
  });

  it('a growing breach updates the still-proposed amount; a contested one is left alone', () => {
    const grown = reconcilePenalties({ ...base, breaches: [breach('k', 4.2)], existing: [proposed('k', 6_000, 2.5)], alreadyCents: 6_000 });
    expect(grown).toEqual([
      expect.objectContaining({ type: 'update', id: 'p-k', computedCents: 10_000, proposedCents: 10_000, fromCents: 6_000 }),
    ]);
    const contested = reconcilePenalties({
      ...base,
      breaches: [breach('k', 4.2)],
      existing: [proposed('k', 6_000, 2.5, { status: 'contested' })],
      alreadyCents: 6_000,
    });
    expect(contested).toEqual([]);
  });

  it('a breach that disappears withdraws its proposal; when it comes back it is proposed again', () => {
    expect(reconcilePenalties({ ...base, breaches: [], existing: [proposed('k', 6_000, 2.5)], alreadyCents: 6_000 })).toEqual([
      { type: 'withdraw', id: 'p-k', fromCents: 6_000, reason: 'breach_gone' },
    ]);
    const back = reconcilePenalties({
      ...base,
      breaches: [breach('k', 1)],
      existing: [proposed('k', 6_000, 2.5, { status: 'withdrawn' })],
    });
    expect(back).toEqual([expect.objectContaining({ type: 'update', id: 'p-k', fromStatus: 'withdrawn', proposedCents: 2_000 })]);
  });

  it("a priority change applies the new priority's rule; a deactivated rule still counts for its proposals", () => {
    const withEmergency: RuleIn[] = [
      ...rules,
      { id: 'r2', active: true, rule: { kind: 'per_hour', clock: 'resolution', priority: 'emergency', centsPerHour: 5_000 } },
    ];
    const raised = reconcilePenalties({
      ...base,
      rules: withEmergency,
      breaches: [{ ...breach('k', 2.5), priority: 'emergency' }],
      existing: [proposed('k', 6_000, 2.5)],
      alreadyCents: 6_000,
    });
    expect(raised).toEqual([expect.objectContaining({ type: 'update', ruleId: 'r2', computedCents: 15_000, proposedCents: 15_000 })]);
    const inactive = reconcilePenalties({
      ...base,
      rules: [{ ...rules[0], active: false }],
      breaches: [breach('k', 3.5)],
      existing: [proposed('k', 6_000, 2.5)],
      alreadyCents: 6_000,
    });
    expect(inactive).toEqual([expect.objectContaining({ type: 'update', ruleId: 'r1', computedCents: 8_000 })]);
    expect(reconcilePenalties({ ...base, rules: [{ ...rules[0], active: false }], breaches: [breach('new', 3)], existing: [] })).toEqual(
      [],
    );
  });

  it('no matching rule, no proposal', () => {
    expect(reconcilePenalties({ ...base, breaches: [{ ...breach('k', 3), priority: 'ordinary' }], existing: [] })).toEqual([]);
  });

  it('never past the cap: the last proposal is clipped, then nothing', () => {
    const cap = 10_000_000;
    const changes = reconcilePenalties({
      ...base,
      breaches: [breach('a', 2, 1), breach('b', 5, 2), breach('c', 1, 3)],
      existing: [],
      alreadyCents: cap - 7_000,
    });
    expect(changes).toEqual([
      expect.objectContaining({ type: 'insert', key: 'a', proposedCents: 4_000 }),
      expect.objectContaining({ type: 'insert', key: 'b', computedCents: 10_000, proposedCents: 3_000 }),
    ]);
    // Growing a proposal may not pass the cap either.
    const grown = reconcilePenalties({
      ...base,
      breaches: [breach('a', 9)],
      existing: [proposed('a', 4_000, 2)],
      alreadyCents: cap - 1_000,
    });
    expect(grown).toEqual([expect.objectContaining({ type: 'update', computedCents: 18_000, proposedCents: 5_000 })]);
  });

  it('room freed by a withdrawal is available to the other breaches of the same run', () => {
    const cap = 10_000_000;
    const changes = reconcilePenalties({
      ...base,
      breaches: [breach('new', 2)],
      existing: [proposed('gone', 4_000, 2)],
      alreadyCents: cap,
    });
    expect(changes).toEqual([
      { type: 'withdraw', id: 'p-gone', fromCents: 4_000, reason: 'breach_gone' },
      expect.objectContaining({ type: 'insert', key: 'new', proposedCents: 4_000 }),
    ]);
  });
});
