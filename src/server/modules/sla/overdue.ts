// "Overdue by SLA" as a predicate on a work-orders alias, for the work lists: a clock still
// counting whose due instant has passed (migration 0005's sla_due_at, kept by the SLA watcher;
// index work_orders_sla_due_idx). Fresh to within SLA_WATCH_INTERVAL_SECONDS after an event,
// or at once when the work-order action calls refreshWorkOrderSla.
import { expressionBuilder, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const eb: ExpressionBuilder<any, any> = expressionBuilder<any, any>();

export const slaOverdue =
  (nowIso: string) =>
  (alias: string): Expression<SqlBool> =>
    eb.and([eb(eb.ref(`${alias}.sla_due_at`), '<=', nowIso), eb(eb.ref(`${alias}.status`), 'not in', ['verified', 'closed'])]);
