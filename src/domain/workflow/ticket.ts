import type { Notice, Transition } from './types.ts';

export const TICKET_STATES = ['new', 'qualifying', 'qualified', 'in_progress', 'resolved', 'closed'] as const;
export type TicketState = (typeof TICKET_STATES)[number];

export const OPEN_TICKET_STATES: readonly TicketState[] = ['new', 'qualifying', 'qualified', 'in_progress', 'resolved'];

export interface TicketContext {
  /** The instant of the request, ISO. */
  now: string;
  /** When the requester last sent a reminder ("sollecito"), ISO, or null. */
  lastReminderAt: string | null;
  /** When the ticket was opened, ISO: the requester may remind only after the quiet time. */
  openedAt: string;
  /** Hours after opening before a reminder makes sense (config REMINDER_QUIET_HOURS, default 24). */
  reminderQuietHours: number;
  /** When the ticket was closed, ISO, or null: the requester's "not solved" counts from it. */
  closedAt: string | null;
  /** Days after closure in which the requester may say the problem is not solved (config REOPEN_DAYS, default 15). */
  reopenDays: number;
}

const DAY_MS = 24 * 3600_000;
export const LOW_RATING_MAX = 2;

/** Workflow 1, ticket level. Work-order moves that change the ticket are in `ticketAfterWorkOrders`. */
export const TICKET_TRANSITIONS: readonly Transition<TicketState, TicketContext>[] = [
  {
    action: 'request_inspection',
    from: ['new'],
    to: 'qualifying',
    roles: ['building_manager'],
    fields: [
      { field: 'inspectionAt', kind: 'instant', optional: true },
      { field: 'note', kind: 'text', optional: true },
    ],
    notices: [],
  },
  {
    action: 'qualify',
    from: ['new', 'qualifying'],
    to: 'qualified',
    roles: ['building_manager'],
    fields: [{ field: 'findings', kind: 'text', optional: true }],
    notices: [],
  },
  {
    action: 'issue',
    from: ['new', 'qualified', 'in_progress'],
    to: 'in_progress',
    roles: ['building_manager'],
    fields: [
      { field: 'technologyClassId', kind: 'text' },
      { field: 'priority', kind: 'priority' },
      { field: 'description', kind: 'text' },
      { field: 'spaceId', kind: 'text', optional: true },
      { field: 'assetId', kind: 'text', optional: true },
      { field: 'location', kind: 'text', optional: true },
    ],
    notices: [{ kind: 'work_order_issued', to: ['contractor'] }],
  },
  {
    action: 'dismiss',
    from: ['new', 'qualifying', 'qualified'],
    to: 'closed',
    roles: ['building_manager'],
    fields: [{ field: 'reason', kind: 'text' }],
    notices: [{ kind: 'ticket_update', to: ['requester', 'call_center'] }],
  },
  {
    action: 'close',
    from: ['resolved'],
    to: 'closed',
    roles: ['call_center', 'building_manager'],
    fields: [{ field: 'note', kind: 'text', optional: true }],
    notices: [{ kind: 'ticket_closed', to: ['requester'] }],
  },
  {
    action: 'rate',
    from: ['closed'],
    to: (f) => (f.workDone === false ? 'in_progress' : 'closed'),
    roles: ['requester'],
    fields: [
      { field: 'stars', kind: 'rating' },
      { field: 'workDone', kind: 'boolean' },
      { field: 'comment', kind: 'text', optional: true },
    ],
    notices: (f) => [
      ...(f.workDone === false ? [{ kind: 'ticket_reopened' as const, to: ['building_managers' as const, 'contractor' as const] }] : []),
      ...((f.stars as number) <= LOW_RATING_MAX ? [{ kind: 'low_rating' as const, to: ['building_managers' as const] }] : []),
    ],
  },
  {
    action: 'reopen',
    from: ['resolved', 'closed'],
    to: 'in_progress',
    roles: ['building_manager', 'call_center'],
    fields: [{ field: 'reason', kind: 'text' }],
    notices: [{ kind: 'ticket_reopened', to: ['building_managers', 'contractor', 'requester'] }],
  },
  {
    // #9: the requester's own way back from the ticket page (the rating link's "work not done" is the
    // other): within reopenDays of the closure, with a reason; the same reopen path follows.
    action: 'not_solved',
    from: ['closed'],
    to: 'in_progress',
    roles: ['requester'],
    fields: [{ field: 'reason', kind: 'text' }],
    guard: (_f, c) => {
      const until = c.closedAt ? Date.parse(c.closedAt) + c.reopenDays * DAY_MS : Number.NaN;
      return Number.isNaN(until) || Date.parse(c.now) > until
        ? {
            reason: 'reopen_window_over',
            params: { until: Number.isNaN(until) ? null : new Date(until).toISOString(), days: c.reopenDays },
          }
        : null;
    },
    notices: [{ kind: 'ticket_reopened', to: ['building_managers', 'contractor', 'call_center'] }],
  },
  {
    action: 'remind',
    from: ['new', 'qualifying', 'qualified', 'in_progress'],
    to: (_f, _c, from) => from,
    roles: ['requester'],
    fields: [{ field: 'note', kind: 'text', optional: true }],
    guard: (_f, c) => {
      const quietUntil = Date.parse(c.openedAt) + c.reminderQuietHours * 3600_000;
      if (Date.parse(c.now) < quietUntil) return { reason: 'reminder_too_early', params: { nextAt: new Date(quietUntil).toISOString() } };
      return c.lastReminderAt && Date.parse(c.now) - Date.parse(c.lastReminderAt) < DAY_MS
        ? { reason: 'reminder_once_a_day', params: { nextAt: new Date(Date.parse(c.lastReminderAt) + DAY_MS).toISOString() } }
        : null;
    },
    notices: [{ kind: 'reminder', to: ['building_managers', 'contractor'] }],
  },
  {
    action: 'complain',
    from: ['new', 'qualifying', 'qualified', 'in_progress', 'resolved', 'closed'],
    to: (_f, _c, from) => from,
    roles: ['requester'],
    fields: [{ field: 'text', kind: 'text' }],
    notices: [{ kind: 'complaint', to: ['building_managers'] }],
  },
];

export interface WorkOrderSummary {
  state: string;
}

/**
 * What the ticket becomes after one of its work orders moved: resolved when every work order is
 * finished and at least one was done; closed when every one ended without work (not manageable,
 * denied, in plan, cancelled). Otherwise unchanged.
 */
export function ticketAfterWorkOrders(state: TicketState, workOrders: readonly WorkOrderSummary[]): TicketState {
  if (state !== 'in_progress' || workOrders.length === 0) return state;
  const finished = workOrders.every((w) => w.state === 'verified' || w.state === 'closed');
  if (!finished) return state;
  return workOrders.some((w) => w.state === 'verified') ? 'resolved' : 'closed';
}

/**
 * What the ticket's own move after a work order's tells: a cancelled work order that closes the
 * ticket tells the requester and the call center why (notice 2; the other ways of ending without
 * work already tell them with the work order's own move).
 */
export function noticesAfterWorkOrders(cause: string, from: TicketState, to: TicketState): Notice[] {
  if (cause === 'cancel' && from !== 'closed' && to === 'closed') return [{ kind: 'ticket_update', to: ['requester', 'call_center'] }];
  return [];
}
