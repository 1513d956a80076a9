// The contract's penalty/reward scheme (#11 item 2, "sistema premiante/penalizzante"): each
// indicator's value scores points by threshold bands, the total points pick a band of the period's
// flat fee (negative: a penalty, positive: a reward), and the contract may add the acceleration
// bonus of D.Lgs. 36/2023 art. 126 c. 2 for works finished early. Pure: the server gives the figures,
// the period's fee and the room the legal cap leaves.
import { applyBp } from '../money.ts';

export const SCHEME_INDICATORS = [
  'takeCharge',
  'onSite',
  'resolution',
  'reopenRate',
  'firstTimeFix',
  'plannedCompliance',
  'satisfactionAverage',
  'satisfactionResponse',
  'satisfactionLow',
] as const;
export type SchemeIndicator = (typeof SCHEME_INDICATORS)[number];

/**
 * The unit of an indicator's value in a scheme: shares in basis points (0..10000, 9500 = 95 %),
 * the average satisfaction score in hundredths (100..500, 425 = 4.25). Integers, so a threshold is
 * exact.
 */
export const valueMax = (i: SchemeIndicator) => (i === 'satisfactionAverage' ? 500 : 10_000);

/** A value of the engine (a share 0..1, or the average score 1..5) in the scheme's unit; null stays null. */
export function toSchemeValue(i: SchemeIndicator, v: number | null): number | null {
  if (v === null) return null;
  return Math.round(v * (i === 'satisfactionAverage' ? 100 : 10_000));
}

/** From `from` (inclusive) up to the next band's `from`, the indicator scores `points`. */
export interface ThresholdBand {
  from: number;
  points: number;
}
export interface IndicatorRule {
  indicator: SchemeIndicator;
  bands: ThresholdBand[];
}
/** From `fromPoints` (inclusive) total points up, the adjustment is `bp` of the period's flat fee. */
export interface AdjustmentBand {
  fromPoints: number;
  bp: number;
}
export type SchemePeriod = 'month' | 'quarter';
export interface Scheme {
  period: SchemePeriod;
  indicators: IndicatorRule[];
  bands: AdjustmentBand[];
  /** The most the period's reward may be, in bp of its flat fee (the acceleration bonus included). */
  maxRewardBp: number;
  /** Art. 126 c. 2: a bonus per day works finish early, in bp of the period's flat fee, up to maxBp. */
  acceleration: { enabled: boolean; bpPerDay: number; maxBp: number };
}

export interface SchemeIssue {
  field: string;
  rule: string;
  params?: Record<string, unknown>;
}

const isInt = (n: unknown, min: number, max: number) => Number.isInteger(n) && (n as number) >= min && (n as number) <= max;

/** What is wrong with a scheme, each problem on its field (indices in the path). */
export function checkScheme(s: Scheme): SchemeIssue[] {
  const out: SchemeIssue[] = [];
  const seen = new Set<string>();
  s.indicators.forEach((r, i) => {
    if (seen.has(r.indicator)) out.push({ field: `indicators.${i}.indicator`, rule: 'kpiDuplicate' });
    seen.add(r.indicator);
    if (r.bands.length === 0) out.push({ field: `indicators.${i}.bands`, rule: 'minItems', params: { limit: 1 } });
    const froms = new Set<number>();
    r.bands.forEach((b, j) => {
      const max = valueMax(r.indicator);
      if (!isInt(b.from, 0, max)) out.push({ field: `indicators.${i}.bands.${j}.from`, rule: 'kpiRange', params: { min: 0, max } });
      else if (froms.has(b.from)) out.push({ field: `indicators.${i}.bands.${j}.from`, rule: 'kpiDuplicate' });
      froms.add(b.from);
      if (!isInt(b.points, -100, 100))
        out.push({ field: `indicators.${i}.bands.${j}.points`, rule: 'kpiRange', params: { min: -100, max: 100 } });
    });
  });
  const fromPoints = new Set<number>();
  s.bands.forEach((b, j) => {
    if (!isInt(b.fromPoints, -10_000, 10_000))
      out.push({ field: `bands.${j}.fromPoints`, rule: 'kpiRange', params: { min: -10_000, max: 10_000 } });
    else if (fromPoints.has(b.fromPoints)) out.push({ field: `bands.${j}.fromPoints`, rule: 'kpiDuplicate' });
    fromPoints.add(b.fromPoints);
    if (!isInt(b.bp, -10_000, 10_000)) out.push({ field: `bands.${j}.bp`, rule: 'kpiRange', params: { min: -10_000, max: 10_000 } });
  });
  if (!isInt(s.maxRewardBp, 0, 10_000)) out.push({ field: 'maxRewardBp', rule: 'kpiRange', params: { min: 0, max: 10_000 } });
  if (!isInt(s.acceleration.bpPerDay, 0, 10_000))
    out.push({ field: 'acceleration.bpPerDay', rule: 'kpiRange', params: { min: 0, max: 10_000 } });
  if (!isInt(s.acceleration.maxBp, 0, 10_000)) out.push({ field: 'acceleration.maxBp', rule: 'kpiRange', params: { min: 0, max: 10_000 } });
  return out;
}

/** The band with the greatest `from` not above `value`; none (below every band): 0 points. */
export function pointsOf(bands: readonly ThresholdBand[], value: number): number {
  let best: ThresholdBand | null = null;
  for (const b of bands) if (b.from <= value && (best === null || b.from > best.from)) best = b;
  return best?.points ?? 0;
}

/** The adjustment band of a total: the greatest `fromPoints` not above it; none: 0 bp. */
export function bandBp(bands: readonly AdjustmentBand[], points: number): number {
  let best: AdjustmentBand | null = null;
  for (const b of bands) if (b.fromPoints <= points && (best === null || b.fromPoints > best.fromPoints)) best = b;
  return best?.bp ?? 0;
}

export interface AssessInput {
  /** Each indicator's value in the scheme's unit (toSchemeValue); null or missing: no data. */
  values: Partial<Record<SchemeIndicator, number | null>>;
  periodFeeCents: number;
  /** What the legal cap leaves for penalties: cap − penalties applied or open (the register's count). */
  capRoomCents: number;
  /** Days works finished ahead of their planned day in the period, summed (acceleration bonus). */
  daysEarly: number;
}

const DAY_MS = 86_400_000;

/**
 * The acceleration bonus's measure (D.Lgs. 36/2023 art. 126 c. 2): whole days each planned work was
 * done ahead of its planned day, summed. Work done on the day or late adds nothing, never less.
 * Dates are calendar days (YYYY-MM-DD).
 */
export function daysEarly(works: readonly { doneOn: string; dueOn: string }[]): number {
  return works.reduce((sum, w) => (w.doneOn >= w.dueOn ? sum : sum + Math.round((Date.parse(w.dueOn) - Date.parse(w.doneOn)) / DAY_MS)), 0);
}

export interface Scored {
  indicator: SchemeIndicator;
  value: number | null;
  /** null: no data — the indicator scores neither way (0 points), it is shown as such. */
  points: number | null;
}

export interface Assessment {
  scoring: Scored[];
  points: number;
  bp: number;
  /** The band's amount: negative a penalty, positive a reward (cents). */
  scoreCents: number;
  accelerationCents: number;
  /** scoreCents + accelerationCents, before the cap and the maximum reward. */
  computedCents: number;
  /** The adjustment proposed: a penalty never beyond the cap's room, a reward never beyond maxRewardBp. */
  proposedCents: number;
  clippedBy: 'cap' | 'maxReward' | null;
  maxRewardCents: number;
}

const signedBp = (cents: number, bp: number) => Math.sign(bp) * applyBp(cents, Math.abs(bp));

/**
 * Figures → points → adjustment. An indicator without data (nothing to measure in the period)
 * scores 0 points: a quiet period neither penalises nor rewards the contractor. The acceleration
 * bonus offsets a penalty of the same period before the cap applies.
 */
export function assess(s: Scheme, input: AssessInput): Assessment {
  const scoring = s.indicators.map((r): Scored => {
    const value = input.values[r.indicator] ?? null;
    return { indicator: r.indicator, value, points: value === null ? null : pointsOf(r.bands, value) };
  });
  const points = scoring.reduce((a, x) => a + (x.points ?? 0), 0);
  const bp = bandBp(s.bands, points);
  const fee = Math.max(0, input.periodFeeCents);
  const scoreCents = signedBp(fee, bp);
  const accelerationCents = s.acceleration.enabled
    ? Math.min(applyBp(fee, s.acceleration.bpPerDay * Math.max(0, input.daysEarly)), applyBp(fee, s.acceleration.maxBp))
    : 0;
  const computedCents = scoreCents + accelerationCents;
  const maxRewardCents = applyBp(fee, s.maxRewardBp);
  const room = Math.max(0, input.capRoomCents);
  let proposedCents = computedCents;
  let clippedBy: Assessment['clippedBy'] = null;
  if (computedCents < 0 && -computedCents > room) {
    proposedCents = -room;
    clippedBy = 'cap';
  } else if (computedCents > maxRewardCents) {
    proposedCents = maxRewardCents;
    clippedBy = 'maxReward';
  }
  return { scoring, points, bp, scoreCents, accelerationCents, computedCents, proposedCents, clippedBy, maxRewardCents };
}

/** The service head's final adjustment: a penalty within the cap's room, a reward within the maximum. */
export function checkFinal(finalCents: number, room: number, maxRewardCents: number): SchemeIssue | null {
  if (finalCents < 0 && -finalCents > Math.max(0, room))
    return { field: 'finalCents', rule: 'penaltyCapReached', params: { remaining: room } };
  if (finalCents > maxRewardCents) return { field: 'finalCents', rule: 'maximum', params: { limit: maxRewardCents } };
  return null;
}

/** A period's label: YYYY-MM for a month, YYYY-Qn for a quarter; its months and first/last day. */
export function periodRange(kind: SchemePeriod, label: string): { months: string[]; from: string; to: string } | null {
  const m = kind === 'month' ? /^(\d{4})-(0[1-9]|1[0-2])$/.exec(label) : /^(\d{4})-Q([1-4])$/.exec(label);
  if (!m) return null;
  const year = Number(m[1]);
  const first = kind === 'month' ? Number(m[2]) : (Number(m[2]) - 1) * 3 + 1;
  const count = kind === 'month' ? 1 : 3;
  const months = Array.from({ length: count }, (_, i) => `${year}-${String(first + i).padStart(2, '0')}`);
  const last = months[months.length - 1];
  const [y, mo] = last.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return { months, from: `${months[0]}-01`, to: `${last}-${String(lastDay).padStart(2, '0')}` };
}
