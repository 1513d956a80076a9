import { checkFields } from './fields.ts';
import type { Outcome, Role, Transition } from './types.ts';

/**
 * The one decision function of every state machine: given the table, the current state, the
 * action, the caller's roles ON THIS OBJECT (already narrowed by scope) and the fields, return the
 * next state with its event data and notices, or a typed refusal. Pure: no I/O, no clock.
 */
export function decide<S extends string, C>(
  table: readonly Transition<S, C>[],
  state: S,
  action: string,
  roles: ReadonlySet<Role>,
  fields: Record<string, unknown>,
  ctx: C,
): Outcome<S> {
  const candidates = table.filter((t) => t.action === action);
  if (candidates.length === 0) return { ok: false, code: 'UNKNOWN_ACTION' };
  const byRole = candidates.filter((t) => t.roles.some((r) => roles.has(r)));
  if (byRole.length === 0) return { ok: false, code: 'ROLE_NOT_ALLOWED' };
  const t = byRole.find((c) => c.from.includes(state));
  if (!t) return { ok: false, code: 'STATE_NOT_ALLOWED', params: { state } };
  const checked = checkFields(t.fields, fields);
  if ('ok' in checked) return checked;
  const blocked = t.guard?.(checked.data, ctx);
  if (blocked) return { ok: false, code: 'GUARD_FAILED', reason: blocked.reason, params: blocked.params };
  const to = typeof t.to === 'function' ? t.to(checked.data, ctx, state) : t.to;
  const notices = typeof t.notices === 'function' ? t.notices(checked.data, ctx) : t.notices;
  return { ok: true, from: state, to, action, data: checked.data, notices: [...notices] };
}

/**
 * The actions the caller may take now, for the UI's buttons. An action whose guard depends on
 * the fields (not yet given) is listed; its guard is checked again on submission.
 */
export function availableActions<S extends string, C>(
  table: readonly Transition<S, C>[],
  state: S,
  roles: ReadonlySet<Role>,
  ctx: C,
  contextGuard?: (action: string, ctx: C) => boolean,
): string[] {
  const out: string[] = [];
  for (const t of table) {
    if (out.includes(t.action)) continue;
    if (!t.from.includes(state) || !t.roles.some((r) => roles.has(r))) continue;
    if (contextGuard && !contextGuard(t.action, ctx)) continue;
    out.push(t.action);
  }
  return out;
}

/** The field rules of an action in a state, for forms. */
export function fieldsOf<S extends string, C>(table: readonly Transition<S, C>[], action: string) {
  return table.find((t) => t.action === action)?.fields ?? [];
}
