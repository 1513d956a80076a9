// Service indicators (#11 item 1): pure functions of each work order's facts, which come from its
// timeline and the SLA clocks computed from it (src/domain/sla.ts), never from hand-kept counters.
// Every figure carries the work orders behind it: `basis` (the denominator's) and `hits` (the
// numerator's), so a dashboard can open the list behind any number.
import type { ClockName, ClockResult, ClockStatus, TimelineEvent } from '../sla.ts';
import type { ClosedOutcome } from '../workflow/work-order.ts';
import type { Priority } from '../workflow/types.ts';

/** What the indicators need of one work order. */
export interface KpiWorkOrder {
  id: string;
  kind: 'corrective' | 'planned';
  priority: Priority | null;
  /** Current state; 'verified' and 'closed' are done. */
  status: string;
  /** Why it closed without the work being done by this order (null: worked, or still open). */
  closedOutcome: ClosedOutcome | null;
  issuedAt: number;
  /** The first completion, null while never completed. */
  completedAt: number | null;
  clocks: Partial<Record<ClockName, Pick<ClockResult, 'status' | 'elapsedMs'>>>;
  /** Times the work was sent back: reopened tickets and rejected completions. */
  reopened: number;
  rejectedCompletions: number;
  /** Times work started on site (start_work). */
  visits: number;
  /** Planned work: the plan's day and the day it was done (Rome dates), null while undone. */
  planned?: { dueOn: string; doneOn: string | null };
}

export interface Figure {
  /** numerator ÷ denominator, null when there is nothing to measure ("no data", never 0 % or 100 %). */
  value: number | null;
  numerator: number;
  denominator: number;
  /** The work orders counted in the denominator. */
  basis: string[];
  /** The work orders counted in the numerator (a subset of basis). */
  hits: string[];
}

const figure = (basis: readonly KpiWorkOrder[], hit: (w: KpiWorkOrder) => boolean): Figure => {
  const hits = basis.filter(hit).map((w) => w.id);
  return {
    value: basis.length === 0 ? null : hits.length / basis.length,
    numerator: hits.length,
    denominator: basis.length,
    basis: basis.map((w) => w.id),
    hits,
  };
};

/** Outcomes that are not the contractor's failures: in plan, not manageable, denied, cancelled. */
export const countsForService = (w: KpiWorkOrder) => w.closedOutcome === null;

/** The timeline facts of one work order: completions, reopenings, rejected completions, visits, outcome. */
export function timelineFacts(
  events: readonly TimelineEvent[],
): Pick<KpiWorkOrder, 'completedAt' | 'reopened' | 'rejectedCompletions' | 'visits' | 'closedOutcome'> {
  let completedAt: number | null = null;
  let reopened = 0;
  let rejectedCompletions = 0;
  let visits = 0;
  let closedOutcome: ClosedOutcome | null = null;
  for (const e of events) {
    if (e.action === 'complete' && completedAt === null) completedAt = e.at;
    else if (e.action === 'reopen') reopened += 1;
    else if (e.action === 'reject_completion') rejectedCompletions += 1;
    else if (e.action === 'start_work') visits += 1;
    else if (e.action === 'cancel') closedOutcome = 'cancelled';
    else if (e.action === 'confirm_in_plan') closedOutcome = 'in_plan';
    else if (e.action === 'mark_not_manageable') closedOutcome = 'not_manageable';
    else if (e.action === 'deny_quote' && e.to === 'closed') closedOutcome = 'denied';
  }
  return { completedAt, reopened, rejectedCompletions, visits, closedOutcome };
}

const DECIDED: readonly ClockStatus[] = ['met', 'breached'];

/**
 * Share of work orders whose `clock` was met, among those where it is decided (met or breached):
 * running and paused clocks are not yet a result, deferrable work has no limit, and work orders
 * closed in plan, not manageable, denied or cancelled are not the contractor's failures.
 */
export function slaCompliance(wos: readonly KpiWorkOrder[], clock: ClockName, priority?: Priority): Figure {
  const basis = wos.filter(
    (w) =>
      w.kind === 'corrective' &&
      countsForService(w) &&
      (priority === undefined || w.priority === priority) &&
      DECIDED.includes(w.clocks[clock]?.status as ClockStatus),
  );
  return figure(basis, (w) => w.clocks[clock]?.status === 'met');
}

/** The nearest-rank percentile (p in 0..100) of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export interface Durations {
  /** Mean and 90th percentile of the resolution clock's counted time (pauses excluded), in ms. */
  meanMs: number | null;
  p90Ms: number | null;
  count: number;
  basis: string[];
}

/** A corrective work order whose resolution clock decided (met or breached) counts in the time to resolve. */
export const resolutionDecided = (w: KpiWorkOrder, priority?: Priority) =>
  w.kind === 'corrective' &&
  countsForService(w) &&
  (priority === undefined || w.priority === priority) &&
  DECIDED.includes(w.clocks.resolution?.status as ClockStatus);

/** Mean (rounded) and nearest-rank 90th percentile of counted times in ms. */
export function durations(timesMs: readonly number[]): Omit<Durations, 'basis'> {
  const times = [...timesMs].sort((a, b) => a - b);
  return {
    meanMs: times.length === 0 ? null : Math.round(times.reduce((a, b) => a + b, 0) / times.length),
    p90Ms: percentile(times, 90),
    count: times.length,
  };
}

/** Time to resolve (MTTR): the resolution clock of the corrective work orders it decided. */
export function resolutionTimes(wos: readonly KpiWorkOrder[], priority?: Priority): Durations {
  const basis = wos.filter((w) => resolutionDecided(w, priority));
  return { ...durations(basis.map((w) => w.clocks.resolution!.elapsedMs)), basis: basis.map((w) => w.id) };
}

const DAY = 86_400_000;
export const BACKLOG_AGES = ['upTo7Days', 'upTo30Days', 'over30Days'] as const;
export type BacklogAge = (typeof BACKLOG_AGES)[number];

/** Open work orders (not verified nor closed) by age since issue; the buckets add up to the total. */
export function backlog(wos: readonly KpiWorkOrder[], now: number): { total: number; byAge: Record<BacklogAge, string[]> } {
  const byAge: Record<BacklogAge, string[]> = { upTo7Days: [], upTo30Days: [], over30Days: [] };
  let total = 0;
  for (const w of wos) {
    if (w.status === 'verified' || w.status === 'closed') continue;
    total += 1;
    const age = now - w.issuedAt;
    byAge[age <= 7 * DAY ? 'upTo7Days' : age <= 30 * DAY ? 'upTo30Days' : 'over30Days'].push(w.id);
  }
  return { total, byAge };
}

const completedCorrective = (wos: readonly KpiWorkOrder[]) =>
  wos.filter((w) => w.kind === 'corrective' && countsForService(w) && w.completedAt !== null);

/** Share of completed corrective work sent back: a reopened ticket or a rejected completion. */
export const reopenRate = (wos: readonly KpiWorkOrder[]): Figure =>
  figure(completedCorrective(wos), (w) => w.reopened > 0 || w.rejectedCompletions > 0);

/** Share of completed corrective work fixed at the first visit and never sent back. */
export const firstTimeFix = (wos: readonly KpiWorkOrder[]): Figure =>
  figure(completedCorrective(wos), (w) => w.reopened === 0 && w.rejectedCompletions === 0 && w.visits <= 1);

/**
 * Planned-maintenance compliance: done by the plan's day ÷ due by `onDay` (Rome date). Cancelled
 * planned work is not scheduled work any more; with nothing due the figure is "no data".
 */
export function plannedCompliance(wos: readonly KpiWorkOrder[], onDay: string): Figure {
  const basis = wos.filter((w) => w.kind === 'planned' && w.planned && countsForService(w) && w.planned.dueOn <= onDay);
  return figure(basis, (w) => w.planned!.doneOn !== null && w.planned!.doneOn <= w.planned!.dueOn);
}

/** Share of corrective work among the work orders of the period (cancelled ones left out). */
export const correctiveShare = (wos: readonly KpiWorkOrder[]): Figure =>
  figure(
    wos.filter((w) => w.closedOutcome !== 'cancelled'),
    (w) => w.kind === 'corrective',
  );

export interface BuildingCost {
  buildingId: string;
  costCents: number;
  /** Floor area in cm² (the registry's unit); null or 0: not recorded. */
  areaCm2: number | null;
}

/** Cost per m² per building, in cents (rounded); null where the area is not recorded. */
export function costPerSquareMetre(rows: readonly BuildingCost[]): Array<{ buildingId: string; centsPerM2: number | null }> {
  return rows.map((r) => ({
    buildingId: r.buildingId,
    centsPerM2: r.areaCm2 ? Math.round((r.costCents * 10_000) / r.areaCm2) : null,
  }));
}

export interface RatingFact {
  workOrderId: string;
  /** A rating link was sent (the ticket closed with a requester to ask). */
  sent: boolean;
  /** 1..5 when rated, null when not (yet). */
  score: number | null;
  /** For low scores: the follow-up's state. */
  followUp: 'open' | 'done' | null;
}

export interface Satisfaction {
  average: number | null;
  responseRate: Figure;
  lowScores: Figure;
  followedUp: Figure;
}

/** Satisfaction: average score, response rate to the link, share of low scores and of those followed up. */
export function satisfaction(ratings: readonly RatingFact[], lowAtMost = 2): Satisfaction {
  const asWo = (r: RatingFact) => ({ id: r.workOrderId }) as KpiWorkOrder;
  const byId = new Map(ratings.map((r) => [r.workOrderId, r]));
  const sent = ratings.filter((r) => r.sent);
  const rated = sent.filter((r) => r.score !== null);
  const low = rated.filter((r) => r.score! <= lowAtMost);
  return {
    average: rated.length === 0 ? null : rated.reduce((a, r) => a + r.score!, 0) / rated.length,
    responseRate: figure(sent.map(asWo), (w) => byId.get(w.id)!.score !== null),
    lowScores: figure(rated.map(asWo), (w) => byId.get(w.id)!.score! <= lowAtMost),
    followedUp: figure(low.map(asWo), (w) => byId.get(w.id)!.followUp === 'done'),
  };
}
