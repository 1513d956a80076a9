// Workflow 2, the planned work order: a row of work_orders with kind 'planned', born when its
// program is published. Its ticket (kind 'planned') follows its work orders: plannedTicketState.
import type { TicketState } from './ticket.ts';
import type { Notice, Transition } from './types.ts';

export const PLANNED_WORK_ORDER_STATES = [
  'planned',
  'scheduled',
  'waiting_materials',
  'in_progress',
  'completed',
  'verified',
  'cancelled',
] as const;
export type PlannedWorkOrderState = (typeof PLANNED_WORK_ORDER_STATES)[number];

/** Not yet done: the job is still ahead (a completed one waits only for verification). */
export const OPEN_PLANNED_STATES: readonly PlannedWorkOrderState[] = ['planned', 'scheduled', 'waiting_materials', 'in_progress'];

/** One line of a plan's checklist, snapshotted on the work order when it is created. */
export interface ChecklistItem {
  key: string;
  label: string;
  kind: 'yes_no' | 'measure';
  unit?: string;
  min?: number;
  max?: number;
}

/** One answer (field kind 'checklist'): `ok` for a yes/no item, `value` for a measurement. */
export interface ChecklistResult {
  key: string;
  ok?: boolean;
  value?: number;
  note?: string;
}

export interface PlannedWorkOrderContext {
  /** Document kinds the plan requires on completion. */
  requiredDocuments: readonly string[];
  /** Kinds of the documents attached so far. */
  attachedDocuments: readonly string[];
  /** The plan's checklist as snapshotted on the work order. */
  checklist: readonly ChecklistItem[];
  /** Whether the recorded results hold a measurement out of its range (measurementsOutOfRange). */
  outOfRange: boolean;
  /** The fault ticket already opened from this work order, if any. */
  followUpTicketId: string | null;
}

/** The checklist items the answers leave unanswered: a yes/no item needs `ok`, a measurement `value`. */
export function unansweredItems(checklist: readonly ChecklistItem[], results: readonly ChecklistResult[]): ChecklistItem[] {
  const byKey = new Map(results.map((r) => [r.key, r]));
  return checklist.filter((item) => {
    const r = byKey.get(item.key);
    if (!r) return true;
    return item.kind === 'yes_no' ? typeof r.ok !== 'boolean' : typeof r.value !== 'number' || !Number.isFinite(r.value);
  });
}

/**
 * The measurements outside their range (value < min or value > max; the bounds themselves are in
 * range). Yes/no items and unanswered measurements are never out of range.
 */
export function measurementsOutOfRange(checklist: readonly ChecklistItem[], results: readonly ChecklistResult[]): ChecklistItem[] {
  const byKey = new Map(results.map((r) => [r.key, r]));
  return checklist.filter((item) => {
    if (item.kind !== 'measure') return false;
    const v = byKey.get(item.key)?.value;
    if (typeof v !== 'number' || !Number.isFinite(v)) return false;
    return (item.min !== undefined && v < item.min) || (item.max !== undefined && v > item.max);
  });
}

const toDesk = ['building_managers', 'call_center'] as const;
// New dates also reach the occupants' contacts where the building asks (nobody when it does not).
const toDeskAndOccupants = [...toDesk, 'occupants'] as const;
const newDate: Notice[] = [{ kind: 'planned_new_date', to: [...toDeskAndOccupants] }];

/** Workflow 2, planned work order: one row per transition of the brief's table. */
export const PLANNED_WORK_ORDER_TRANSITIONS: readonly Transition<PlannedWorkOrderState, PlannedWorkOrderContext>[] = [
  {
    action: 'schedule',
    from: ['planned'],
    to: 'scheduled',
    roles: ['contractor'],
    fields: [
      { field: 'scheduledAt', kind: 'instant' },
      { field: 'technician', kind: 'text', optional: true },
    ],
    notices: [{ kind: 'planned_date', to: [...toDeskAndOccupants] }],
  },
  {
    action: 'reschedule',
    from: ['planned', 'scheduled'],
    to: 'scheduled',
    roles: ['contractor'],
    fields: [
      { field: 'scheduledAt', kind: 'instant' },
      { field: 'reason', kind: 'text' },
    ],
    notices: newDate,
  },
  {
    action: 'wait_materials',
    from: ['scheduled'],
    to: 'waiting_materials',
    roles: ['contractor'],
    fields: [
      { field: 'expectedOn', kind: 'date' },
      { field: 'note', kind: 'text', optional: true },
    ],
    notices: [{ kind: 'planned_waiting_materials', to: [...toDeskAndOccupants] }],
  },
  {
    action: 'resume',
    from: ['waiting_materials'],
    to: 'scheduled',
    roles: ['contractor'],
    fields: [{ field: 'scheduledAt', kind: 'instant' }],
    notices: newDate,
  },
  {
    action: 'start_work',
    from: ['scheduled'],
    to: 'in_progress',
    roles: ['contractor'],
    fields: [{ field: 'note', kind: 'text', optional: true }],
    notices: [],
  },
  {
    action: 'complete',
    from: ['in_progress'],
    to: 'completed',
    roles: ['contractor'],
    fields: [
      { field: 'report', kind: 'text' },
      { field: 'hours', kind: 'number' },
      { field: 'checklist', kind: 'checklist' },
      { field: 'materials', kind: 'text', optional: true },
    ],
    guard: (f, c) => {
      // Without answers (offered-actions check, fields not given yet) the checklist is not judged:
      // on submission the field is required, so the answers are always there by the guard.
      const unanswered = f.checklist === undefined ? [] : unansweredItems(c.checklist, f.checklist as ChecklistResult[]);
      if (unanswered.length) return { reason: 'checklist_incomplete', params: { missing: unanswered.map((i) => i.key) } };
      const missing = c.requiredDocuments.filter((d) => !c.attachedDocuments.includes(d));
      return missing.length ? { reason: 'documents_missing', params: { missing } } : null;
    },
    notices: [{ kind: 'planned_closed', to: [...toDesk] }],
  },
  {
    action: 'reject_completion',
    from: ['completed'],
    to: 'scheduled',
    roles: ['building_manager', 'call_center'],
    fields: [{ field: 'reason', kind: 'text' }],
    notices: [{ kind: 'completion_rejected', to: ['contractor'] }],
  },
  {
    action: 'verify',
    from: ['completed'],
    to: 'verified',
    roles: ['building_manager', 'call_center'],
    fields: [{ field: 'note', kind: 'text', optional: true }],
    notices: [],
  },
  {
    action: 'cancel',
    from: ['planned', 'scheduled', 'waiting_materials'],
    to: 'cancelled',
    roles: ['building_manager'],
    fields: [{ field: 'reason', kind: 'text' }],
    notices: [{ kind: 'work_order_cancelled', to: ['contractor'] }],
  },
  {
    // A measurement out of range opens a fault ticket (tickets.source_work_order_id); only one.
    action: 'open_follow_up',
    from: ['completed', 'verified'],
    to: (_f, _c, from) => from,
    roles: ['building_manager', 'call_center', 'contractor'],
    fields: [{ field: 'note', kind: 'text', optional: true }],
    guard: (_f, c) => (!c.outOfRange ? { reason: 'no_out_of_range' } : c.followUpTicketId ? { reason: 'follow_up_exists' } : null),
    notices: [],
  },
];

/**
 * The state of a planned ticket after its work orders move: in progress while any is open;
 * resolved when none is open and at least one completed awaits verification; closed when all are
 * verified or cancelled. A ticket without work orders has nothing done yet: in progress.
 */
export function plannedTicketState(states: readonly PlannedWorkOrderState[]): Extract<TicketState, 'in_progress' | 'resolved' | 'closed'> {
  if (states.length === 0 || states.some((s) => OPEN_PLANNED_STATES.includes(s))) return 'in_progress';
  return states.includes('completed') ? 'resolved' : 'closed';
}
