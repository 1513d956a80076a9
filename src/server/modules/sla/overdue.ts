// "Overdue by SLA" as a predicate on a work-orders alias, for the work lists: a clock still
// counting whose due instant has passed (migration 0005's sla_due_at, kept by the SLA watcher;
// index work_orders_sla_due_idx). Fresh to within SLA_WATCH_INTERVAL_SECONDS after an event,
// and at once by every work-order action (refreshWorkOrderSla in the action's transaction).
import { expressionBuilder, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const eb: ExpressionBuilder<any, any> = expressionBuilder<any, any>();

export const slaOverdue =
  (nowIso: string) =>
  (alias: string): Expression<SqlBool> =>
    eb.and([eb(eb.ref(`${alias}.sla_due_at`), '<=', nowIso), eb(eb.ref(`${alias}.status`), 'not in', ['verified', 'closed'])]);

/** What a list row shows of the SLA (API `sla.state`, filter `sla`): running split by now into due and overdue. */
export const SLA_ROW_STATES = ['due', 'overdue', 'paused', 'met', 'missed'] as const;
export type SlaRowFilter = (typeof SLA_ROW_STATES)[number];

/**
 * One row state as a predicate on an alias of work_orders or tickets (both carry sla_state and
 * sla_due_at, migration 2026-12-09T0008): the stored state, with "running" split at `nowIso`.
 */
export const slaStateIs =
  (state: SlaRowFilter, nowIso: string) =>
  (alias: string): Expression<SqlBool> => {
    const st = eb.ref(`${alias}.sla_state`);
    const due = eb.ref(`${alias}.sla_due_at`);
    if (state === 'overdue') return eb.and([eb(st, '=', 'running'), eb(due, '<=', nowIso)]);
    if (state === 'due') return eb.and([eb(st, '=', 'running'), eb(due, '>', nowIso)]);
    return eb(st, '=', state);
  };

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
