// Cost allocation (ripartizione oneri): who pays a work order's cost, the central budget or which
// departments, by the rule of its contract or building. Pure: the caller brings the facts (the
// requesting department, the building's occupancies, the space's kind) and stores the parts.
import { splitByWeights, WHOLE_BP } from './split.ts';

export const ALLOCATION_RULE_KINDS = ['requesting_department', 'floor_area', 'percentages', 'central_vs_department'] as const;
export type AllocationRuleKind = (typeof ALLOCATION_RULE_KINDS)[number];

/** Who bears a part of the cost. */
export type Payer = { kind: 'central' } | { kind: 'department'; departmentId: string };

export type AllocationRule =
  | { kind: 'requesting_department' }
  | { kind: 'floor_area' }
  | { kind: 'percentages'; shares: ReadonlyArray<{ payer: Payer; shareBp: number }> }
  | { kind: 'central_vs_department' };

/** What a space is used for, as the central-vs-department rule reads it. */
export type SpaceKind = 'department_own' | 'teaching' | 'common';

export interface AllocationFacts {
  totalCents: number;
  /** The department of the person who asked (the ticket's requester), when known. */
  requestingDepartmentId: string | null;
  /** The building's departments and their floor-area shares in basis points (sum 10,000). */
  occupancies: ReadonlyArray<{ departmentId: string; shareBp: number }>;
  /** The space of the work, when the ticket names one, with the department whose own space it is. */
  space: { kind: SpaceKind | null; departmentId: string | null } | null;
  /** Extraordinary work (changes the installation, not keeping it as it is). */
  extraordinary: boolean;
}

export interface AllocationPart {
  payer: Payer;
  cents: number;
  /** The basis points of the whole this part stands for (10,000 when one payer takes all). */
  shareBp: number;
}

/** Why a rule could not allocate: the cost waits for a person to choose (never silently to central). */
export type AllocationProblem = 'noRequestingDepartment' | 'noOccupancies' | 'sharesNotWhole' | 'negativeShare' | 'duplicatePayer';

export type AllocationResult = { ok: true; parts: AllocationPart[] } | { ok: false; problem: AllocationProblem };

const central: Payer = { kind: 'central' };
const department = (departmentId: string): Payer => ({ kind: 'department', departmentId });
const payerKey = (p: Payer) => (p.kind === 'central' ? 'central' : `department:${p.departmentId}`);

/** Checks explicit shares: each ≥ 0, one entry per payer, together exactly 100 %. */
export function checkShares(shares: ReadonlyArray<{ payer: Payer; shareBp: number }>): AllocationProblem | null {
  if (shares.some((s) => !Number.isInteger(s.shareBp) || s.shareBp < 0)) return 'negativeShare';
  if (new Set(shares.map((s) => payerKey(s.payer))).size !== shares.length) return 'duplicatePayer';
  if (shares.reduce((a, s) => a + s.shareBp, 0) !== WHOLE_BP) return 'sharesNotWhole';
  return null;
}

function byShares(totalCents: number, shares: ReadonlyArray<{ payer: Payer; shareBp: number }>): AllocationResult {
  const problem = checkShares(shares);
  if (problem) return { ok: false, problem };
  const cents = splitByWeights(
    totalCents,
    shares.map((s) => s.shareBp),
  );
  return { ok: true, parts: shares.map((s, i) => ({ payer: s.payer, shareBp: s.shareBp, cents: cents[i] })) };
}

const whole = (payer: Payer, totalCents: number): AllocationResult => ({
  ok: true,
  parts: [{ payer, cents: totalCents, shareBp: WHOLE_BP }],
});

/**
 * Splits the cost by the rule. The central-vs-department rule: ordinary maintenance of a
 * department's own spaces goes to that department; teaching spaces, common parts, extraordinary
 * work, and work whose space is not known, to the central budget.
 */
export function allocate(rule: AllocationRule, facts: AllocationFacts): AllocationResult {
  switch (rule.kind) {
    case 'requesting_department':
      return facts.requestingDepartmentId
        ? whole(department(facts.requestingDepartmentId), facts.totalCents)
        : { ok: false, problem: 'noRequestingDepartment' };
    case 'floor_area':
      if (facts.occupancies.length === 0) return { ok: false, problem: 'noOccupancies' };
      return byShares(
        facts.totalCents,
        facts.occupancies.map((o) => ({ payer: department(o.departmentId), shareBp: o.shareBp })),
      );
    case 'percentages':
      return byShares(facts.totalCents, rule.shares);
    case 'central_vs_department': {
      const s = facts.space;
      if (!facts.extraordinary && s?.kind === 'department_own' && s.departmentId)
        return whole(department(s.departmentId), facts.totalCents);
      return whole(central, facts.totalCents);
    }
  }
}

export interface PartWithVat extends AllocationPart {
  /** The part of the net (the rule's split of the net: `cents`). */
  netCents: number;
  vatCents: number;
  /** Net plus VAT: what the payer's budget bears (a public body cannot deduct the VAT). */
  amountCents: number;
}

/**
 * Adds the VAT to parts of a net split: the VAT split by the same shares (largest remainder), so the
 * nets add up to the net, the VATs to the VAT and the amounts to the total, each to the cent.
 */
export function withVat(netParts: readonly AllocationPart[], vatCents: number): PartWithVat[] {
  const vat = splitByWeights(
    vatCents,
    netParts.map((p) => p.shareBp),
  );
  return netParts.map((p, i) => ({ ...p, netCents: p.cents, vatCents: vat[i], amountCents: p.cents + vat[i] }));
}
