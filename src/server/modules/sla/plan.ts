// What the stored SLA columns of a work order say and when the watcher must look again, from its
// clocks (pure). See migration 0005 and src/server/jobs/sla-watcher.ts.
import type { WorkingCalendar } from '../../../domain/calendar.ts';
import type { Basis, ClockResult } from '../../../domain/sla.ts';

export type AlertLevel = 'warning' | 'breach';

/**
 * The alert a clock still counting deserves now: a breach, or a warning once it has used
 * `warnShare` of its limit (running or paused). Once breached, no warning follows. A stopped
 * clock raises nothing: alerts call for action (a late completion is handled by its penalty),
 * and history (work closed before the watcher saw it) stays quiet.
 */
export function alertLevel(c: ClockResult, warnShare: number): AlertLevel | null {
  if (c.stoppedAt !== null) return null;
  if (c.status === 'breached') return 'breach';
  if ((c.status === 'running' || c.status === 'paused') && c.share !== null && c.share >= warnShare) return 'warning';
  return null;
}

export interface SlaPlan {
  /** Earliest due instant of a clock still counting (breached ones included): overdue when ≤ now. */
  dueAt: number | null;
  breached: boolean;
  /** When something changes without a new event: the warning share, the due instant, a breach growing. */
  nextCheckAt: number | null;
}

const isPausedNow = (c: ClockResult) => c.pauses.some((p) => p.to === null);

/**
 * `regrowMs`: how often a running breach is looked at again (its penalty grows every started hour
 * or day while it is still only proposed).
 */
export function slaPlan(
  clocks: readonly ClockResult[],
  calendarOf: (basis: Basis) => WorkingCalendar,
  now: number,
  warnShare: number,
  regrowMs = 3600_000,
): SlaPlan {
  let dueAt: number | null = null;
  let next: number | null = null;
  const earliest = (a: number | null, b: number) => (a === null || b < a ? b : a);
  for (const c of clocks) {
    if (c.stoppedAt !== null || c.dueAt === null || c.limitMinutes === null || c.basis === null) continue;
    if (c.status === 'running' || c.status === 'breached') dueAt = earliest(dueAt, c.dueAt);
    if (c.status === 'running') {
      const limitMs = c.limitMinutes * 60_000;
      const warnAt = c.elapsedMs < warnShare * limitMs ? calendarOf(c.basis).add(now, warnShare * limitMs - c.elapsedMs) : c.dueAt;
      next = earliest(next, Math.max(now, warnAt));
    } else if (c.status === 'breached' && !isPausedNow(c)) {
      next = earliest(next, now + regrowMs);
    }
  }
  return { dueAt, breached: clocks.some((c) => c.status === 'breached'), nextCheckAt: next };
}

/** What a list row shows of a work order's clocks (stored: migration 2026-12-09T0008). */
export type SlaRowState = 'running' | 'paused' | 'met' | 'missed';

/**
 * The row state: `running` while some clock counts (its earliest due instant is the plan's
 * dueAt; overdue once that has passed, decided at read time); else `paused` with the state the
 * clock waits in; else, once every clock stopped, `missed` when one was breached, `met` when one
 * was kept; else none (no clock applies, or the work was cancelled before any breach).
 */
export function slaRowState(clocks: readonly ClockResult[], plan: SlaPlan): { state: SlaRowState | null; pausedFor: string | null } {
  if (plan.dueAt !== null) return { state: 'running', pausedFor: null };
  for (const c of clocks) {
    const open = c.stoppedAt === null ? c.pauses.find((p) => p.to === null) : undefined;
    if (open && (c.status === 'paused' || c.status === 'breached')) return { state: 'paused', pausedFor: open.state };
  }
  if (clocks.some((c) => c.status === 'breached')) return { state: 'missed', pausedFor: null };
  if (clocks.some((c) => c.status === 'met')) return { state: 'met', pausedFor: null };
  return { state: null, pausedFor: null };
}

/** A ticket's row state: its most pressing work order's (running, then paused, missed, met). */
export function ticketRowState(
  wos: ReadonlyArray<{ sla_state?: string | null; sla_due_at?: string | null; sla_paused_for?: string | null }>,
): { state: SlaRowState | null; dueAt: string | null; pausedFor: string | null } {
  const running = wos
    .filter((w) => w.sla_state === 'running' && w.sla_due_at)
    .map((w) => w.sla_due_at!)
    .sort();
  if (running.length) return { state: 'running', dueAt: running[0], pausedFor: null };
  const paused = wos.find((w) => w.sla_state === 'paused');
  if (paused) return { state: 'paused', dueAt: null, pausedFor: paused.sla_paused_for ?? null };
  for (const s of ['missed', 'met'] as const) if (wos.some((w) => w.sla_state === s)) return { state: s, dueAt: null, pausedFor: null };
  return { state: null, dueAt: null, pausedFor: null };
}
