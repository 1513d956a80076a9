import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { DEFAULT_WEEK, WorkingCalendar, solarCalendar } from '../calendar.ts';
import { DEFAULT_SLA, computeClocks, type ClockName, type TimelineEvent } from '../sla.ts';
import { PRIORITIES, type Priority } from '../workflow/types.ts';
import {
  backlog,
  correctiveShare,
  costPerSquareMetre,
  firstTimeFix,
  percentile,
  plannedCompliance,
  reopenRate,
  resolutionTimes,
  satisfaction,
  slaCompliance,
  timelineFacts,
  type KpiWorkOrder,
} from './indicators.ts';

const ROME = 'Europe/Rome';
const H = 3_600_000;
const working = new WorkingCalendar({ zone: ROME, week: DEFAULT_WEEK, patronSaint: '12-07' });
const solar = solarCalendar();
const t = (local: string) => DateTime.fromISO(local, { zone: ROME }).toMillis();
const ev = (local: string, action: string, from: string | null, to: string | null): TimelineEvent => ({ at: t(local), action, from, to });
const NOW = '2026-03-31T18:00';

/** A corrective work order as the engine sees it: facts and clocks from its timeline. */
function fromTimeline(id: string, priority: Priority, events: TimelineEvent[]): KpiWorkOrder {
  const clocks = Object.fromEntries(
    computeClocks({ events, initialPriority: priority, sla: DEFAULT_SLA, working, solar, now: t(NOW) }).map((c) => [c.clock, c]),
  ) as KpiWorkOrder['clocks'];
  const last = events[events.length - 1];
  return { id, kind: 'corrective', priority, status: last.to ?? 'issued', issuedAt: events[0].at, clocks, ...timelineFacts(events) };
}

// Week of Monday 9 March 2026; ordinary work: take charge in 1 working day, resolve in 10.
const done = fromTimeline('done', 'ordinary', [
  ev('2026-03-09T09:00', 'issue', null, 'issued'),
  ev('2026-03-09T11:00', 'acknowledge', 'issued', 'acknowledged'),
  ev('2026-03-10T09:00', 'schedule_work', 'acknowledged', 'scheduled'),
  ev('2026-03-10T10:00', 'start_work', 'scheduled', 'in_progress'),
  ev('2026-03-10T12:00', 'complete', 'in_progress', 'completed'),
  ev('2026-03-11T09:00', 'verify', 'completed', 'verified'),
]);
// Emergency (8 solar hours to resolve) waiting 10 hours for materials: the pause does not count.
const paused = fromTimeline('paused', 'emergency', [
  ev('2026-03-12T08:00', 'issue', null, 'issued'),
  ev('2026-03-12T08:10', 'acknowledge', 'issued', 'acknowledged'),
  ev('2026-03-12T09:00', 'start_work', 'acknowledged', 'in_progress'),
  ev('2026-03-12T10:00', 'wait_materials', 'in_progress', 'waiting_materials'),
  ev('2026-03-12T20:00', 'resume', 'waiting_materials', 'in_progress'),
  ev('2026-03-12T23:00', 'complete', 'in_progress', 'completed'),
]);
// Urgent, taken late (2 working hours allowed), completed, rejected, done again at a second visit.
const late = fromTimeline('late', 'urgent', [
  ev('2026-03-16T09:00', 'issue', null, 'issued'),
  ev('2026-03-16T14:00', 'acknowledge', 'issued', 'acknowledged'),
  ev('2026-03-16T15:00', 'start_work', 'acknowledged', 'in_progress'),
  ev('2026-03-16T16:00', 'complete', 'in_progress', 'completed'),
  ev('2026-03-17T09:00', 'reject_completion', 'completed', 'in_progress'),
  ev('2026-03-17T10:00', 'start_work', 'in_progress', 'in_progress'),
  ev('2026-03-17T11:00', 'complete', 'in_progress', 'completed'),
]);
// In plan: closed without a breach, even if the clock ran out before.
const inPlan = fromTimeline('inPlan', 'ordinary', [
  ev('2026-03-02T09:00', 'issue', null, 'issued'),
  ev('2026-03-04T09:00', 'acknowledge', 'issued', 'acknowledged'),
  ev('2026-03-04T10:00', 'mark_in_plan', 'acknowledged', 'in_plan_proposed'),
  ev('2026-03-05T10:00', 'confirm_in_plan', 'in_plan_proposed', 'closed'),
]);
const cancelled = fromTimeline('cancelled', 'ordinary', [
  ev('2026-03-02T09:00', 'issue', null, 'issued'),
  ev('2026-03-20T09:00', 'cancel', 'issued', 'closed'),
]);
// Still open, issued 40 days before NOW.
const open = fromTimeline('open', 'deferrable', [ev('2026-02-19T09:00', 'issue', null, 'issued')]);
const ALL = [done, paused, late, inPlan, cancelled, open];

describe('facts from the timeline', () => {
  it('reads completions, rejections, visits and outcomes', () => {
    expect(timelineFacts([])).toEqual({ completedAt: null, reopened: 0, rejectedCompletions: 0, visits: 0, closedOutcome: null });
    expect(late).toMatchObject({ completedAt: t('2026-03-16T16:00'), rejectedCompletions: 1, visits: 2, closedOutcome: null });
    expect(inPlan.closedOutcome).toBe('in_plan');
    expect(cancelled.closedOutcome).toBe('cancelled');
  });
});

describe('SLA compliance', () => {
  it('counts only decided clocks of work that is the contractor’s to do', () => {
    expect(done.clocks.take_charge?.status).toBe('met');
    expect(late.clocks.take_charge?.status).toBe('breached');
    expect(inPlan.clocks.take_charge?.status).toBe('breached'); // but closed in plan: not a failure
    const take = slaCompliance(ALL, 'take_charge');
    expect(take).toMatchObject({ numerator: 2, denominator: 3, hits: ['done', 'paused'], basis: ['done', 'paused', 'late'] });
    expect(take.value).toBeCloseTo(2 / 3);
    expect(slaCompliance(ALL, 'take_charge', 'urgent')).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    // Deferrable work has no limit, and nothing is decided: no data, not 0 %.
    expect(slaCompliance(ALL, 'resolution', 'deferrable')).toMatchObject({ value: null, denominator: 0 });
  });

  it('does not count a pause for materials against the emergency', () => {
    // 1 h before the wait and 3 h after it, from 08:00 issue: 15 h wall clock, 5 h counted.
    expect(paused.clocks.resolution).toMatchObject({ status: 'met', elapsedMs: 5 * H });
    expect(slaCompliance([paused], 'resolution')).toMatchObject({ value: 1 });
  });
});

describe('time to resolve', () => {
  it('mean and 90th percentile of the counted resolution time', () => {
    const r = resolutionTimes(ALL);
    // done: Mon 09:00 → Tue 12:00 = 10 + 3 working hours; paused: 5 h; late: rejected, so Mon 09:00 → Tue 11:00.
    expect(done.clocks.resolution?.elapsedMs).toBe(13 * H);
    expect(late.clocks.resolution?.elapsedMs).toBe(12 * H);
    expect(r).toMatchObject({ count: 3, meanMs: 10 * H, p90Ms: 13 * H });
    expect(r.basis.sort()).toEqual(['done', 'late', 'paused']);
    expect(resolutionTimes([open])).toEqual({ meanMs: null, p90Ms: null, count: 0, basis: [] });
  });

  it('takes the nearest rank', () => {
    expect(percentile([], 90)).toBeNull();
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([5], 90)).toBe(5);
  });
});

describe('backlog, reopen rate, first-time fix, shares', () => {
  it('open work by age', () => {
    expect(backlog(ALL, t(NOW))).toEqual({
      total: 3,
      byAge: { upTo7Days: [], upTo30Days: ['paused', 'late'], over30Days: ['open'] },
    });
  });

  it('work sent back, and work fixed at the first visit', () => {
    expect(reopenRate(ALL)).toMatchObject({ numerator: 1, denominator: 3, hits: ['late'] });
    expect(firstTimeFix(ALL)).toMatchObject({ numerator: 2, denominator: 3, hits: ['done', 'paused'] });
  });

  it('planned compliance: done by the plan’s day ÷ due; nothing due is no data', () => {
    const planned = (id: string, dueOn: string, doneOn: string | null, cancel = false): KpiWorkOrder => ({
      id,
      kind: 'planned',
      priority: null,
      status: doneOn ? 'closed' : 'planned',
      closedOutcome: cancel ? 'cancelled' : null,
      issuedAt: t('2026-03-01T08:00'),
      completedAt: null,
      clocks: {},
      reopened: 0,
      rejectedCompletions: 0,
      visits: 0,
      planned: { dueOn, doneOn },
    });
    const p = [
      planned('onTime', '2026-03-10', '2026-03-09'),
      planned('lateDone', '2026-03-10', '2026-03-12'),
      planned('undone', '2026-03-20', null),
      planned('future', '2026-04-10', null),
      planned('dropped', '2026-03-05', null, true),
    ];
    expect(plannedCompliance(p, '2026-03-31')).toMatchObject({ numerator: 1, denominator: 3, hits: ['onTime'] });
    expect(plannedCompliance(ALL, '2026-03-31')).toMatchObject({ value: null, denominator: 0 });
    expect(correctiveShare([...ALL, ...p])).toMatchObject({ numerator: 5, denominator: 9 });
  });

  it('cost per m² per building, none without an area', () => {
    expect(
      costPerSquareMetre([
        { buildingId: 'a', costCents: 1_000_000, areaCm2: 2_000 * 10_000 },
        { buildingId: 'b', costCents: 5_000, areaCm2: null },
      ]),
    ).toEqual([
      { buildingId: 'a', centsPerM2: 500 },
      { buildingId: 'b', centsPerM2: null },
    ]);
  });

  it('satisfaction: average, response rate, low scores and their follow-up', () => {
    const s = satisfaction([
      { workOrderId: 'a', sent: true, score: 5, followUp: null },
      { workOrderId: 'b', sent: true, score: 2, followUp: 'done' },
      { workOrderId: 'c', sent: true, score: 1, followUp: 'open' },
      { workOrderId: 'd', sent: true, score: null, followUp: null },
      { workOrderId: 'e', sent: false, score: null, followUp: null },
    ]);
    expect(s.average).toBeCloseTo(8 / 3);
    expect(s.responseRate).toMatchObject({ numerator: 3, denominator: 4 });
    expect(s.lowScores).toMatchObject({ numerator: 2, denominator: 3, hits: ['b', 'c'] });
    expect(s.followedUp).toMatchObject({ numerator: 1, denominator: 2, hits: ['b'] });
  });
});

describe('drill-down (property)', () => {
  const STATUSES = ['met', 'breached', 'running', 'paused', 'not_applicable', 'cancelled'] as const;
  const clock = fc.record({ status: fc.constantFrom(...STATUSES), elapsedMs: fc.nat(100 * H) });
  const wo = fc.record({
    id: fc.uuid(),
    kind: fc.constantFrom('corrective' as const, 'planned' as const),
    priority: fc.constantFrom(...PRIORITIES),
    status: fc.constantFrom('issued', 'in_progress', 'completed', 'verified', 'closed'),
    closedOutcome: fc.constantFrom(null, 'in_plan' as const, 'not_manageable' as const, 'denied' as const, 'cancelled' as const),
    issuedAt: fc.nat(10_000_000_000),
    completedAt: fc.option(fc.nat(10_000_000_000)),
    clocks: fc.record({ take_charge: clock, on_site: clock, resolution: clock }),
    reopened: fc.nat(3),
    rejectedCompletions: fc.nat(3),
    visits: fc.nat(4),
  });

  it('the numerator is the hits, the denominator the basis, and per-priority figures add up to the whole', () => {
    fc.assert(
      fc.property(fc.uniqueArray(wo, { selector: (w) => w.id, maxLength: 60 }), (wos) => {
        for (const c of ['take_charge', 'on_site', 'resolution'] as ClockName[]) {
          const all = slaCompliance(wos, c);
          expect(all.hits.every((id) => all.basis.includes(id))).toBe(true);
          expect([all.numerator, all.denominator]).toEqual([all.hits.length, all.basis.length]);
          const parts = PRIORITIES.map((p) => slaCompliance(wos, c, p));
          expect(parts.reduce((n, f) => n + f.numerator, 0)).toBe(all.numerator);
          expect(parts.reduce((n, f) => n + f.denominator, 0)).toBe(all.denominator);
          if (all.denominator > 0) expect(all.value).toBeCloseTo(all.numerator / all.denominator);
          else expect(all.value).toBeNull();
        }
        const b = backlog(wos, 10_000_000_000);
        expect(Object.values(b.byAge).reduce((n, ids) => n + ids.length, 0)).toBe(b.total);
        for (const f of [reopenRate(wos), firstTimeFix(wos)]) expect(f.hits.every((id) => f.basis.includes(id))).toBe(true);
      }),
    );
  });
});
