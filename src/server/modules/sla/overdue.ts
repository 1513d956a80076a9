// What a list row shows of a work order's or ticket's SLA, from its stored columns (sla_state,
// sla_due_at, sla_paused_for; migration 2026-12-09T0008). The same states as SQL predicates, for
// the lists' filters and the "overdue" work list: sla.repository.ts (slaOverdue, slaStateIs).

/** What a list row shows of the SLA (API `sla.state`, filter `sla`): running split by now into due and overdue. */
export const SLA_ROW_STATES = ['due', 'overdue', 'paused', 'met', 'missed'] as const;
export type SlaRowFilter = (typeof SLA_ROW_STATES)[number];

/** A row's stored SLA columns as the API's `sla` (null: no clock to show). */
export function slaRowOf(
  r: { sla_state?: unknown; sla_due_at?: unknown; sla_paused_for?: unknown },
  nowIso: string,
): { state: SlaRowFilter; dueAt: string | null; pausedFor: string | null } | null {
  const dueAt = (r.sla_due_at ?? null) as string | null;
  switch (r.sla_state) {
    case 'running':
      return dueAt ? { state: dueAt <= nowIso ? 'overdue' : 'due', dueAt, pausedFor: null } : null;
    case 'paused':
      return { state: 'paused', dueAt: null, pausedFor: (r.sla_paused_for ?? null) as string | null };
    case 'met':
    case 'missed':
      return { state: r.sla_state, dueAt: null, pausedFor: null };
    default:
      return null;
  }
}
