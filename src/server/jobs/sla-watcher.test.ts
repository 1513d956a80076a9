// The watcher's decisions, pure: which alert a clock deserves and when to look at a work order again.
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { DEFAULT_WEEK, WorkingCalendar, solarCalendar } from '../../domain/calendar.ts';
import { DEFAULT_SLA, computeClocks, type ClockName, type ClockResult, type TimelineEvent } from '../../domain/sla.ts';
import type { Priority } from '../../domain/workflow/types.ts';
import { alertLevel, slaPlan } from '../modules/sla/plan.ts';

const ROME = 'Europe/Rome';
const t = (local: string) => DateTime.fromISO(local, { zone: ROME }).toMillis();
const local = (ms: number | null) => (ms === null ? null : DateTime.fromMillis(ms, { zone: ROME }).toFormat('yyyy-MM-dd HH:mm'));
const ev = (at: string, action: string, from: string | null, to: string | null): TimelineEvent => ({ at: t(at), action, from, to });
const working = new WorkingCalendar({ zone: ROME, week: DEFAULT_WEEK, patronSaint: '12-07' });
const solar = solarCalendar();
const calendarOf = (b: 'solar' | 'working') => (b === 'solar' ? solar : working);

function clocks(events: TimelineEvent[], priority: Priority, now: string): Record<ClockName, ClockResult> & { all: ClockResult[] } {
  const all = computeClocks({ events, initialPriority: priority, sla: DEFAULT_SLA, working, solar, now: t(now) });
  return Object.assign(Object.fromEntries(all.map((c) => [c.clock, c])) as Record<ClockName, ClockResult>, { all });
}

const issued = [ev('2026-03-09T09:00', 'issue', null, 'issued')]; // Monday

describe('alertLevel', () => {
  it('nothing before the warning share, a warning from 75%, a breach past the limit', () => {
    expect(alertLevel(clocks(issued, 'urgent', '2026-03-09T10:00').take_charge, 0.75)).toBeNull(); // 50% of 2 h
    expect(alertLevel(clocks(issued, 'urgent', '2026-03-09T10:30').take_charge, 0.75)).toBe('warning');
    expect(alertLevel(clocks(issued, 'urgent', '2026-03-09T11:01').take_charge, 0.75)).toBe('breach');
  });

  it('a stopped clock raises nothing, even when it was late', () => {
    const late = clocks([...issued, ev('2026-03-09T12:00', 'acknowledge', 'issued', 'acknowledged')], 'urgent', '2026-03-09T13:00');
    expect(late.take_charge.status).toBe('breached');
    expect(alertLevel(late.take_charge, 0.75)).toBeNull();
  });

  it('deferrable work has no clock to warn about', () => {
    expect(alertLevel(clocks(issued, 'deferrable', '2026-04-09T10:00').resolution, 0.75)).toBeNull();
  });
});

describe('slaPlan', () => {
  it("looks again at the warning share of the earliest clock, in that clock's time", () => {
    const c = clocks(issued, 'urgent', '2026-03-09T09:30');
    const plan = slaPlan(c.all, calendarOf, t('2026-03-09T09:30'), 0.75);
    expect(local(plan.dueAt)).toBe('2026-03-09 11:00'); // take charge, 2 working hours
    expect(local(plan.nextCheckAt)).toBe('2026-03-09 10:30'); // 75% of 2 h
    expect(plan.breached).toBe(false);
  });

  it('past the warning share: at the due instant; working time skips the night', () => {
    const c = clocks([...issued, ev('2026-03-09T09:10', 'acknowledge', 'issued', 'acknowledged')], 'urgent', '2026-03-09T16:00');
    // on site: 8 working hours → due 17:00; 75% (6 h) reached at 15:00 → next is the due instant.
    const plan = slaPlan(c.all, calendarOf, t('2026-03-09T16:00'), 0.75);
    expect(local(plan.nextCheckAt)).toBe('2026-03-09 17:00');
    const early = slaPlan(
      clocks([...issued, ev('2026-03-09T09:10', 'acknowledge', 'issued', 'acknowledged')], 'ordinary', '2026-03-09T17:30').all,
      calendarOf,
      t('2026-03-09T17:30'),
      0.75,
    );
    // ordinary on site: 30 working hours; 75% = 22.5 h → 8.5 h counted by Mon 17:30, 14 h more:
    // Mon 17:30–18:00, Tue 08:00–18:00, Wed 08:00–11:30.
    expect(local(early.nextCheckAt)).toBe('2026-03-11 11:30');
  });

  it('a breach still running is looked at every hour (its penalty grows); a paused clock waits for an event', () => {
    const late = clocks(issued, 'urgent', '2026-03-09T12:00');
    const plan = slaPlan(late.all, calendarOf, t('2026-03-09T12:00'), 0.75);
    expect(plan.breached).toBe(true);
    expect(local(plan.dueAt)).toBe('2026-03-09 11:00');
    expect(local(plan.nextCheckAt)).toBe('2026-03-09 13:00');
    const quoted = clocks(
      [
        ...issued,
        ev('2026-03-09T09:10', 'acknowledge', 'issued', 'acknowledged'),
        ev('2026-03-09T09:20', 'schedule_inspection', 'acknowledged', 'inspection_scheduled'),
        ev('2026-03-09T10:00', 'record_inspection', 'inspection_scheduled', 'inspected'),
        ev('2026-03-09T10:30', 'submit_quote', 'inspected', 'awaiting_authorization'),
      ],
      'urgent',
      '2026-03-09T12:00',
    );
    const waiting = slaPlan(quoted.all, calendarOf, t('2026-03-09T12:00'), 0.75);
    expect(quoted.resolution.status).toBe('paused');
    expect(waiting).toEqual({ dueAt: null, breached: false, nextCheckAt: null });
  });
});
