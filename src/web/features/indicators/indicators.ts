// The indicator dashboard's rules, apart from React: the filters read from the URL (so a view can
// be shared and reloaded), the targets that turn a figure red, and which work orders a click shows.
import type { KpiFigureName, KpiFilter, KpiSet } from '../../api/kpi';

export const PRIORITY_VALUES = ['emergency', 'urgent', 'ordinary', 'deferrable'] as const;
const ISO_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const isoDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/**
 * The default period: the last 12 months up to today (365 days, inclusive), so the view is never
 * empty in January and stays within the API's 366-day limit.
 */
export function defaultPeriod(today: Date): { from: string; to: string } {
  const from = new Date(today.getFullYear() - 1, today.getMonth(), today.getDate() + 1);
  return { from: isoDay(from), to: isoDay(today) };
}

/** The filters of the URL; a missing or malformed day falls back to the default period's. */
export function readFilter(params: URLSearchParams, today: Date): KpiFilter {
  const period = defaultPeriod(today);
  const day = (k: 'from' | 'to') => {
    const v = params.get(k) ?? '';
    return ISO_DAY.test(v) ? v : period[k];
  };
  const id = (k: string) => params.get(k) || undefined;
  const priority = params.get('priority') ?? '';
  return {
    from: day('from'),
    to: day('to'),
    contractId: id('contractId'),
    buildingId: id('buildingId'),
    technologyClassId: id('technologyClassId'),
    priority: (PRIORITY_VALUES as readonly string[]).includes(priority) ? priority : undefined,
  };
}

/**
 * Targets of the dashboard (not the contract's scheme, which has its own thresholds): a figure on
 * the wrong side is shown red with "fuori obiettivo". `min`: at least this share is expected (SLA
 * clocks 90 %, the usual threshold of Italian facility-service contracts); `max`: at most this share
 * (reopened, low scores). Figures without a target (corrective share, response rate) are never red.
 */
export const TARGETS: Partial<Record<KpiFigureName, { min?: number; max?: number }>> = {
  takeCharge: { min: 0.9 },
  onSite: { min: 0.9 },
  resolution: { min: 0.9 },
  plannedCompliance: { min: 0.9 },
  firstTimeFix: { min: 0.8 },
  reopenRate: { max: 0.1 },
  satisfactionLow: { max: 0.2 },
  satisfactionFollowedUp: { min: 0.9 },
};

export type Judgement = 'good' | 'bad' | 'neutral';

/** Whether a figure's value meets its target; no data and no target are neutral. */
export function judge(figure: KpiFigureName, value: number | null): Judgement {
  const target = TARGETS[figure];
  if (value === null || !target) return 'neutral';
  if (target.min !== undefined) return value < target.min ? 'bad' : 'good';
  if (target.max !== undefined) return value > target.max ? 'bad' : 'good';
  return 'neutral';
}

/**
 * The work orders to show for a figure: the failing ones of a red figure (misses where more is
 * better, hits where less is better, e.g. the reopened ones), the whole basis otherwise.
 */
export function drillSet(figure: KpiFigureName, value: number | null): KpiSet {
  if (judge(figure, value) !== 'bad') return 'basis';
  return TARGETS[figure]?.max !== undefined ? 'hits' : 'misses';
}

/** A share 0..1 as a percentage with one decimal (95.5), or null for no data. */
export const asPercent = (value: number | null): number | null => (value === null ? null : Math.round(value * 1000) / 10);

/**
 * The shade (0..5) of a heat-map cell: 0 for no fault, then five steps up to the busiest cell, so
 * the darkest colour always marks the most faults of the view.
 */
export function heatLevel(faults: number, max: number): number {
  if (faults <= 0 || max <= 0) return 0;
  return Math.max(1, Math.ceil((faults / max) * 5));
}
