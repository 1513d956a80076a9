// SLA clocks of a work order as a pure function of its timeline, its SLA version and calendars.
// See docs/SLA.md for the rules (what starts, stops and pauses each clock; reopen; priority change).
import type { WorkingCalendar } from './calendar.ts';
import type { Priority } from './workflow/types.ts';

export const CLOCKS = ['take_charge', 'on_site', 'resolution'] as const;
export type ClockName = (typeof CLOCKS)[number];
export type Basis = 'solar' | 'working';

export interface ClockLimit {
  minutes: number;
  basis: Basis;
}

export interface SlaVersion {
  /** Per priority and clock; null = no limit (e.g. deferrable work, done by the agreed date). */
  limits: Record<Priority, Record<ClockName, ClockLimit | null>>;
  /** Work-order states during which each clock does not run. */
  pauses: Record<ClockName, readonly string[]>;
}

const WD = 10 * 60; // one working day of the default calendar (08:00–18:00), in minutes

/** DOMAIN.md's defaults; a working "day" is the default calendar's 10 working hours. */
export const DEFAULT_SLA: SlaVersion = {
  limits: {
    emergency: {
      take_charge: { minutes: 30, basis: 'solar' },
      on_site: { minutes: 120, basis: 'solar' },
      resolution: { minutes: 480, basis: 'solar' },
    },
    urgent: {
      take_charge: { minutes: 120, basis: 'working' },
      on_site: { minutes: 480, basis: 'working' },
      resolution: { minutes: 2 * WD, basis: 'working' },
    },
    ordinary: {
      take_charge: { minutes: WD, basis: 'working' },
      on_site: { minutes: 3 * WD, basis: 'working' },
      resolution: { minutes: 10 * WD, basis: 'working' },
    },
    deferrable: { take_charge: null, on_site: null, resolution: null },
  },
  pauses: { take_charge: [], on_site: [], resolution: ['waiting_materials', 'awaiting_authorization'] },
};

/** One entry of a work order's timeline, as the events table holds it. */
export interface TimelineEvent {
  at: number;
  action: string;
  from: string | null;
  to: string | null;
  /** change_priority carries the new priority. */
  priority?: Priority;
}

export interface PauseInterval {
  from: number;
  to: number | null;
  state: string;
}

export type ClockStatus = 'running' | 'paused' | 'met' | 'breached' | 'not_applicable' | 'cancelled';

export interface ClockResult {
  clock: ClockName;
  status: ClockStatus;
  limitMinutes: number | null;
  basis: Basis | null;
  startedAt: number | null;
  /** When the clock is (or was) due; while paused, the due instant if it resumed now. */
  dueAt: number | null;
  stoppedAt: number | null;
  /** Counted time (working or solar per basis), pauses excluded. */
  elapsedMs: number;
  pausedMs: number;
  pauses: PauseInterval[];
  remainingMs: number | null;
  breachedByMs: number;
  /** Reached the warning share of the limit (0..1 of elapsed over limit). */
  share: number | null;
}

export class TimelineOrderError extends Error {
  constructor(readonly index: number) {
    super(`timeline event ${index} is earlier than the one before it`);
  }
}

const STOP_ACTIONS: Record<ClockName, (e: TimelineEvent) => boolean> = {
  // Any move by the contractor out of "issued" is taking charge (work done before acknowledging counts too).
  take_charge: (e) => e.from === 'issued' && e.to !== null && e.to !== 'issued',
  on_site: (e) => e.action === 'record_inspection' || e.action === 'start_work' || e.action === 'complete',
  resolution: (e) => e.action === 'complete' || (e.to === 'closed' && e.action !== 'cancel'),
};
const RESUME_ACTIONS: Record<ClockName, (e: TimelineEvent) => boolean> = {
  take_charge: () => false,
  on_site: () => false,
  // A rejected completion was never a completion; a reopen starts a new resolution cycle.
  resolution: (e) => e.action === 'reject_completion',
};
const RESTART_ACTIONS: Record<ClockName, (e: TimelineEvent) => boolean> = {
  take_charge: () => false,
  on_site: () => false,
  resolution: (e) => e.action === 'reopen',
};

export interface ClockInput {
  events: readonly TimelineEvent[];
  initialPriority: Priority;
  sla: SlaVersion;
  working: WorkingCalendar;
  solar: WorkingCalendar;
  now: number;
  warnShare?: number;
}

/** Computes every clock of one work order. Throws TimelineOrderError on events out of order. */
export function computeClocks(input: ClockInput): ClockResult[] {
  const { events } = input;
  for (let i = 1; i < events.length; i++) if (events[i].at < events[i - 1].at) throw new TimelineOrderError(i);
  return CLOCKS.map((c) => computeClock(c, input));
}

function computeClock(clock: ClockName, input: ClockInput): ClockResult {
  const { events, sla, now } = input;
  const issue = events.find((e) => e.action === 'issue');
  let priority = input.initialPriority;
  for (const e of events) if (e.action === 'change_priority' && e.priority) priority = e.priority;
  const limit = sla.limits[priority][clock];
  const empty: ClockResult = {
    clock,
    status: 'not_applicable',
    limitMinutes: null,
    basis: null,
    startedAt: null,
    dueAt: null,
    stoppedAt: null,
    elapsedMs: 0,
    pausedMs: 0,
    pauses: [],
    remainingMs: null,
    breachedByMs: 0,
    share: null,
  };
  if (!issue || !limit) return empty;
  const cal = limit.basis === 'solar' ? input.solar : input.working;
  const limitMs = limit.minutes * 60_000;
  const pauseStates = new Set(sla.pauses[clock]);

  // Walk the timeline: the clock runs from its start, pauses in pause states, stops on its stop action.
  let start = issue.at;
  let stoppedAt: number | null = null;
  let cancelled = false;
  let pausedSince: number | null = null;
  let pauseState = '';
  const pauses: PauseInterval[] = [];
  for (const e of events) {
    if (e.at < start) continue;
    if (RESTART_ACTIONS[clock](e)) {
      start = e.at;
      stoppedAt = null;
      pauses.length = 0;
      pausedSince = null;
      continue;
    }
    if (stoppedAt !== null) {
      if (RESUME_ACTIONS[clock](e)) stoppedAt = null;
      else continue;
    }
    const entersPause = e.to !== null && pauseStates.has(e.to);
    if (pausedSince !== null && !entersPause) {
      pauses.push({ from: pausedSince, to: e.at, state: pauseState });
      pausedSince = null;
    }
    if (e.action === 'cancel') {
      cancelled = true;
      stoppedAt = e.at;
      continue;
    }
    if (STOP_ACTIONS[clock](e)) {
      stoppedAt = e.at;
      continue;
    }
    if (entersPause && pausedSince === null) {
      pausedSince = e.at;
      pauseState = e.to!;
    }
  }
  if (pausedSince !== null) pauses.push({ from: pausedSince, to: null, state: pauseState });

  const end = stoppedAt ?? now;
  const pausedMs = pauses.reduce((sum, p) => sum + cal.between(p.from, Math.min(p.to ?? end, end)), 0);
  const elapsedMs = cal.between(start, end) - pausedMs;

  // Due: the instant the counted time reaches the limit, skipping pauses (a running pause is
  // treated as ending now, so the due date reads "if work resumed now").
  const dueAt = dueInstant(cal, start, limitMs, pauses, now);

  const breachedByMs = Math.max(0, elapsedMs - limitMs);
  const status: ClockStatus = cancelled
    ? breachedByMs > 0
      ? 'breached'
      : 'cancelled'
    : stoppedAt !== null
      ? breachedByMs > 0
        ? 'breached'
        : 'met'
      : breachedByMs > 0
        ? 'breached'
        : pausedSince !== null
          ? 'paused'
          : 'running';
  return {
    clock,
    status,
    limitMinutes: limit.minutes,
    basis: limit.basis,
    startedAt: start,
    dueAt,
    stoppedAt,
    elapsedMs,
    pausedMs,
    pauses,
    remainingMs: stoppedAt === null ? Math.max(0, limitMs - elapsedMs) : null,
    breachedByMs,
    share: limitMs > 0 ? elapsedMs / limitMs : null,
  };
}

function dueInstant(cal: WorkingCalendar, start: number, limitMs: number, pauses: readonly PauseInterval[], now: number): number {
  let left = limitMs;
  let cursor = start;
  for (const p of pauses) {
    const segment = cal.between(cursor, p.from);
    if (segment >= left) return cal.add(cursor, left);
    left -= segment;
    cursor = p.to ?? Math.max(now, p.from);
  }
  return cal.add(cursor, left);
}
