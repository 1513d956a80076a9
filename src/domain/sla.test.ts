import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { DEFAULT_WEEK, WorkingCalendar, solarCalendar } from './calendar.ts';
import { DEFAULT_SLA, TimelineOrderError, computeClocks, type ClockName, type ClockResult, type TimelineEvent } from './sla.ts';
import type { Priority } from './workflow/types.ts';

const ROME = 'Europe/Rome';
const H = 3600_000;
const M = 60_000;
const working = new WorkingCalendar({ zone: ROME, week: DEFAULT_WEEK, patronSaint: '12-07' });
const solar = solarCalendar();
const t = (local: string) => DateTime.fromISO(local, { zone: ROME }).toMillis();
const ev = (local: string, action: string, from: string | null, to: string | null, priority?: Priority): TimelineEvent => ({
  at: t(local),
  action,
  from,
  to,
  priority,
});

function clocks(events: TimelineEvent[], priority: Priority, now: string) {
  const out = computeClocks({ events, initialPriority: priority, sla: DEFAULT_SLA, working, solar, now: t(now) });
  return Object.fromEntries(out.map((c) => [c.clock, c])) as Record<ClockName, ClockResult>;
}
const local = (ms: number | null) => (ms === null ? null : DateTime.fromMillis(ms, { zone: ROME }).toFormat('yyyy-MM-dd HH:mm'));

// Week of Monday 9 March 2026.
const issue = (at: string) => ev(at, 'issue', null, 'issued');

interface Case {
  name: string;
  priority: Priority;
  events: TimelineEvent[];
  now: string;
  expect: Partial<
    Record<ClockName, { status: string; due?: string; breachedBy?: number; paused?: number; elapsed?: number; remaining?: number }>
  >;
}

const cases: Case[] = [
  {
    name: 'urgent acknowledged in time, inspected late',
    priority: 'urgent',
    events: [
      issue('2026-03-09T09:00'),
      ev('2026-03-09T10:30', 'acknowledge', 'issued', 'acknowledged'),
      ev('2026-03-09T10:45', 'schedule_inspection', 'acknowledged', 'inspection_scheduled'),
      ev('2026-03-10T09:00', 'record_inspection', 'inspection_scheduled', 'inspected'),
    ],
    now: '2026-03-10T10:00',
    expect: {
      take_charge: { status: 'met', due: '2026-03-09 11:00', elapsed: 1.5 * H },
      on_site: { status: 'breached', due: '2026-03-09 17:00', breachedBy: 2 * H },
      resolution: { status: 'running', due: '2026-03-11 09:00', remaining: 20 * H - (9 * H + 2 * H) },
    },
  },
  {
    name: 'ordinary issued Friday 17:30: take charge due Monday 17:30',
    priority: 'ordinary',
    events: [issue('2026-03-13T17:30')],
    now: '2026-03-16T12:00',
    expect: { take_charge: { status: 'running', due: '2026-03-16 17:30', elapsed: 4.5 * H, remaining: 5.5 * H } },
  },
  {
    name: 'waiting for materials pauses resolution: due moves, breach measured without the pause',
    priority: 'urgent',
    events: [
      issue('2026-03-09T09:00'),
      ev('2026-03-09T09:10', 'acknowledge', 'issued', 'acknowledged'),
      ev('2026-03-09T09:20', 'schedule_inspection', 'acknowledged', 'inspection_scheduled'),
      ev('2026-03-09T11:00', 'record_inspection', 'inspection_scheduled', 'inspected'),
      ev('2026-03-09T12:00', 'schedule_work', 'inspected', 'scheduled'),
      ev('2026-03-10T09:00', 'wait_materials', 'scheduled', 'waiting_materials'),
      ev('2026-03-12T09:00', 'resume', 'waiting_materials', 'scheduled'),
      ev('2026-03-12T10:00', 'start_work', 'scheduled', 'in_progress'),
      ev('2026-03-13T12:00', 'complete', 'in_progress', 'completed'),
    ],
    now: '2026-03-13T13:00',
    expect: { resolution: { status: 'breached', due: '2026-03-13 09:00', paused: 20 * H, breachedBy: 3 * H, elapsed: 23 * H } },
  },
  {
    name: 'a running pause: the due date reads "if work resumed now"',
    priority: 'urgent',
    events: [
      issue('2026-03-09T09:00'),
      ev('2026-03-09T09:10', 'acknowledge', 'issued', 'acknowledged'),
      ev('2026-03-09T09:20', 'schedule_inspection', 'acknowledged', 'inspection_scheduled'),
      ev('2026-03-09T10:00', 'record_inspection', 'inspection_scheduled', 'inspected'),
      ev('2026-03-09T11:00', 'submit_quote', 'inspected', 'awaiting_authorization'),
    ],
    now: '2026-03-10T11:00',
    expect: { resolution: { status: 'paused', paused: 10 * H, elapsed: 2 * H, remaining: 18 * H, due: '2026-03-12 09:00' } },
  },
  {
    name: 'consecutive pauses (quote authorisation, later materials) each excluded once',
    priority: 'ordinary',
    events: [
      issue('2026-03-09T09:00'),
      ev('2026-03-09T09:30', 'acknowledge', 'issued', 'acknowledged'),
      ev('2026-03-09T10:00', 'schedule_inspection', 'acknowledged', 'inspection_scheduled'),
      ev('2026-03-09T12:00', 'record_inspection', 'inspection_scheduled', 'inspected'),
      ev('2026-03-09T13:00', 'submit_quote', 'inspected', 'awaiting_authorization'),
      ev('2026-03-11T13:00', 'approve_quote', 'awaiting_authorization', 'authorized'),
      ev('2026-03-11T14:00', 'schedule_work', 'authorized', 'scheduled'),
      ev('2026-03-12T08:00', 'wait_materials', 'scheduled', 'waiting_materials'),
      ev('2026-03-16T08:00', 'resume', 'waiting_materials', 'scheduled'),
      ev('2026-03-16T09:00', 'start_work', 'scheduled', 'in_progress'),
      ev('2026-03-16T17:00', 'complete', 'in_progress', 'completed'),
    ],
    now: '2026-03-17T09:00',
    expect: { resolution: { status: 'met', paused: 20 * H + 20 * H, elapsed: 4 * H + 5 * H + 9 * H } },
  },
  {
    name: 'a rejected completion was no completion: resolution keeps running through it',
    priority: 'urgent',
    events: [
      issue('2026-03-09T09:00'),
      ev('2026-03-09T09:10', 'acknowledge', 'issued', 'acknowledged'),
      ev('2026-03-09T09:20', 'schedule_inspection', 'acknowledged', 'inspection_scheduled'),
      ev('2026-03-09T10:00', 'record_inspection', 'inspection_scheduled', 'inspected'),
      ev('2026-03-09T10:30', 'schedule_work', 'inspected', 'scheduled'),
      ev('2026-03-09T11:00', 'start_work', 'scheduled', 'in_progress'),
      ev('2026-03-09T12:00', 'complete', 'in_progress', 'completed'),
      ev('2026-03-10T09:00', 'reject_completion', 'completed', 'scheduled'),
      ev('2026-03-10T10:00', 'start_work', 'scheduled', 'in_progress'),
    ],
    now: '2026-03-10T12:00',
    expect: { resolution: { status: 'running', elapsed: 9 * H + 4 * H } },
  },
  {
    name: 'reopen restarts resolution from the reopening with a full limit',
    priority: 'urgent',
    events: [
      issue('2026-03-09T09:00'),
      ev('2026-03-09T09:10', 'acknowledge', 'issued', 'acknowledged'),
      ev('2026-03-09T09:20', 'schedule_inspection', 'acknowledged', 'inspection_scheduled'),
      ev('2026-03-09T10:00', 'record_inspection', 'inspection_scheduled', 'inspected'),
      ev('2026-03-09T10:30', 'schedule_work', 'inspected', 'scheduled'),
      ev('2026-03-09T11:00', 'start_work', 'scheduled', 'in_progress'),
      ev('2026-03-09T12:00', 'complete', 'in_progress', 'completed'),
      ev('2026-03-09T13:00', 'verify', 'completed', 'verified'),
      ev('2026-03-11T09:00', 'reopen', 'verified', 'scheduled'),
    ],
    now: '2026-03-11T10:00',
    expect: { resolution: { status: 'running', due: '2026-03-13 09:00', elapsed: 1 * H }, take_charge: { status: 'met' } },
  },
  {
    name: 'priority change recomputes from the issue with the new limits',
    priority: 'ordinary',
    events: [issue('2026-03-09T09:00'), ev('2026-03-09T10:00', 'change_priority', 'issued', 'issued', 'urgent')],
    now: '2026-03-09T12:00',
    expect: { take_charge: { status: 'breached', due: '2026-03-09 11:00', breachedBy: 1 * H } },
  },
  {
    name: 'work done before acknowledgement stops take-charge and on-site',
    priority: 'urgent',
    events: [
      issue('2026-03-09T09:00'),
      ev('2026-03-09T09:40', 'start_work', 'issued', 'in_progress'),
      ev('2026-03-09T11:00', 'complete', 'in_progress', 'completed'),
    ],
    now: '2026-03-09T12:00',
    expect: {
      take_charge: { status: 'met', elapsed: 40 * M },
      on_site: { status: 'met', elapsed: 40 * M },
      resolution: { status: 'met', elapsed: 2 * H },
    },
  },
  {
    name: 'emergency runs on solar time through the night',
    priority: 'emergency',
    events: [
      issue('2026-03-14T22:00'),
      ev('2026-03-14T22:20', 'acknowledge', 'issued', 'acknowledged'),
      ev('2026-03-15T01:00', 'start_work', 'acknowledged', 'in_progress'),
    ],
    now: '2026-03-15T02:00',
    expect: {
      take_charge: { status: 'met' },
      on_site: { status: 'breached', breachedBy: 1 * H, due: '2026-03-15 00:00' },
      resolution: { status: 'running', due: '2026-03-15 06:00' },
    },
  },
  {
    name: 'a cancelled work order stops its clocks without a breach',
    priority: 'urgent',
    events: [issue('2026-03-09T09:00'), ev('2026-03-09T09:30', 'cancel', 'issued', 'closed')],
    now: '2026-03-20T09:00',
    expect: { take_charge: { status: 'cancelled' }, resolution: { status: 'cancelled' } },
  },
  {
    name: 'deferrable work has no clock',
    priority: 'deferrable',
    events: [issue('2026-03-09T09:00')],
    now: '2026-03-20T09:00',
    expect: { take_charge: { status: 'not_applicable' }, on_site: { status: 'not_applicable' }, resolution: { status: 'not_applicable' } },
  },
];

describe('SLA clocks', () => {
  for (const c of cases) {
    it(c.name, () => {
      const out = clocks(c.events, c.priority, c.now);
      for (const [name, exp] of Object.entries(c.expect)) {
        const r = out[name as ClockName];
        expect({ clock: name, status: r.status }).toEqual({ clock: name, status: exp.status });
        if (exp.due !== undefined) expect(local(r.dueAt), `${name} due`).toBe(exp.due);
        if (exp.breachedBy !== undefined) expect(r.breachedByMs, `${name} breached by`).toBe(exp.breachedBy);
        if (exp.paused !== undefined) expect(r.pausedMs, `${name} paused`).toBe(exp.paused);
        if (exp.elapsed !== undefined) expect(r.elapsedMs, `${name} elapsed`).toBe(exp.elapsed);
        if (exp.remaining !== undefined) expect(r.remainingMs, `${name} remaining`).toBe(exp.remaining);
      }
    });
  }

  it('refuses events out of order', () => {
    expect(() =>
      clocks([issue('2026-03-09T09:00'), ev('2026-03-09T08:00', 'acknowledge', 'issued', 'acknowledged')], 'urgent', '2026-03-09T10:00'),
    ).toThrow(TimelineOrderError);
  });
});
