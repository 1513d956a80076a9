import type { Notice, Priority, Transition } from './types.ts';

export const WORK_ORDER_STATES = [
  'issued',
  'acknowledged',
  'inspection_scheduled',
  'inspected',
  'in_plan_proposed',
  'awaiting_authorization',
  'authorized',
  'scheduled',
  'waiting_materials',
  'in_progress',
  'completed',
  'verified',
  'closed',
] as const;
export type WorkOrderState = (typeof WORK_ORDER_STATES)[number];

/** Why a closed work order closed. */
export type ClosedOutcome = 'in_plan' | 'not_manageable' | 'denied' | 'cancelled';

export const OPEN_WORK_ORDER_STATES: readonly WorkOrderState[] = WORK_ORDER_STATES.filter((s) => s !== 'verified' && s !== 'closed');

export type DocumentKind =
  'conformity_declaration' | 'logbook_entry' | 'test_report' | 'as_built' | 'maintenance_tag' | 'fgas_register_entry';

export interface WorkOrderContext {
  priority: Priority;
  /** Documents the class and the work require on completion (see requiredDocuments). */
  requiredDocuments: readonly DocumentKind[];
  /** Kinds of the documents attached to the work order so far. */
  attachedDocuments: readonly DocumentKind[];
  /** Completed with documents to follow (#9): the Rome date they are due by, else null. */
  documentsDueOn?: string | null;
}

const missingDocuments = (c: WorkOrderContext) => c.requiredDocuments.filter((d) => !c.attachedDocuments.includes(d));

export const DM37_LETTERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'] as const;

/**
 * DM 37/2008: installation work in classes a–g that is extraordinary (extra-fee) or changes the
 * installation needs a conformity declaration; a class may also ask for logbook entries or tests.
 */
export function requiredDocuments(
  technologyClass: { dm37Letter: string | null; requiresLogbook?: boolean; requiresTestReport?: boolean },
  work: { extraordinary: boolean; changesInstallation: boolean },
): DocumentKind[] {
  const docs: DocumentKind[] = [];
  const regulated = technologyClass.dm37Letter !== null && (DM37_LETTERS as readonly string[]).includes(technologyClass.dm37Letter);
  if (regulated && (work.extraordinary || work.changesInstallation)) docs.push('conformity_declaration');
  if (technologyClass.requiresLogbook) docs.push('logbook_entry');
  if (technologyClass.requiresTestReport) docs.push('test_report');
  return docs;
}

const update: Notice = { kind: 'ticket_update', to: ['requester', 'call_center'] };
/** States where work is still to be done: a completed (to verify), verified or closed order takes no new priority and cannot be cancelled. */
export const UNDONE_WORK_ORDER_STATES: readonly WorkOrderState[] = OPEN_WORK_ORDER_STATES.filter((s) => s !== 'completed');
const UNDONE = UNDONE_WORK_ORDER_STATES;

/** Workflow 1, corrective work order: DOMAIN.md's table, one row per transition. */
export const WORK_ORDER_TRANSITIONS: readonly Transition<WorkOrderState, WorkOrderContext>[] = [
  {
    action: 'acknowledge',
    from: ['issued'],
    to: 'acknowledged',
    roles: ['contractor'],
    fields: [{ field: 'note', kind: 'text', optional: true }],
    notices: [],
  },
  {
    action: 'schedule_inspection',
    from: ['acknowledged'],
    to: 'inspection_scheduled',
    roles: ['contractor'],
    fields: [{ field: 'inspectionAt', kind: 'instant' }],
    notices: [],
  },
  {
    action: 'start_work',
    from: ['acknowledged'],
    to: 'in_progress',
    roles: ['contractor'],
    fields: [{ field: 'note', kind: 'text', optional: true }],
    guard: (_f, c) => (c.priority === 'emergency' ? null : { reason: 'emergency_only' }),
    notices: [],
  },
  {
    action: 'record_inspection',
    from: ['inspection_scheduled'],
    to: 'inspected',
    roles: ['contractor'],
    fields: [
      { field: 'findings', kind: 'text' },
      { field: 'changesInstallation', kind: 'boolean', optional: true },
    ],
    notices: [update],
  },
  {
    action: 'mark_in_plan',
    from: ['inspected'],
    to: 'in_plan_proposed',
    roles: ['contractor'],
    fields: [
      { field: 'plannedActivity', kind: 'text' },
      { field: 'plannedWorkOrderId', kind: 'text', optional: true },
      { field: 'note', kind: 'text', optional: true },
    ],
    notices: [{ kind: 'ticket_update', to: ['building_managers'] }],
  },
  {
    action: 'mark_in_plan',
    from: ['inspected'],
    to: 'closed',
    roles: ['building_manager'],
    fields: [
      { field: 'plannedActivity', kind: 'text' },
      { field: 'plannedWorkOrderId', kind: 'text', optional: true },
      { field: 'note', kind: 'text', optional: true },
    ],
    notices: [update],
  },
  {
    action: 'confirm_in_plan',
    from: ['in_plan_proposed'],
    to: 'closed',
    roles: ['building_manager'],
    fields: [
      { field: 'plannedWorkOrderId', kind: 'text', optional: true },
      { field: 'note', kind: 'text', optional: true },
    ],
    notices: [update],
  },
  {
    action: 'reject_in_plan',
    from: ['in_plan_proposed'],
    to: 'inspected',
    roles: ['building_manager'],
    fields: [{ field: 'reason', kind: 'text' }],
    notices: [{ kind: 'ticket_update', to: ['contractor'] }],
  },
  {
    action: 'mark_not_manageable',
    from: ['inspected'],
    to: 'closed',
    roles: ['contractor', 'building_manager'],
    fields: [{ field: 'reason', kind: 'text' }],
    notices: [update],
  },
  {
    action: 'submit_quote',
    from: ['inspected'],
    to: 'awaiting_authorization',
    roles: ['contractor'],
    fields: [
      { field: 'lines', kind: 'lines' },
      { field: 'note', kind: 'text', optional: true },
    ],
    notices: [{ kind: 'quote_submitted', to: ['service_heads', 'building_managers'] }],
  },
  {
    action: 'approve_quote',
    from: ['awaiting_authorization'],
    to: 'authorized',
    roles: ['service_head'],
    fields: [{ field: 'note', kind: 'text', optional: true }],
    notices: [{ kind: 'quote_decided', to: ['contractor', 'building_managers'] }],
  },
  {
    action: 'deny_quote',
    from: ['awaiting_authorization'],
    to: 'closed',
    roles: ['service_head'],
    fields: [{ field: 'reason', kind: 'text' }],
    notices: [update, { kind: 'quote_decided', to: ['contractor', 'building_managers'] }],
  },
  {
    action: 'schedule_work',
    from: ['inspected', 'authorized'],
    to: 'scheduled',
    roles: ['contractor'],
    fields: [
      { field: 'scheduledAt', kind: 'instant' },
      { field: 'changesInstallation', kind: 'boolean', optional: true },
    ],
    notices: [update],
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
    notices: [update],
  },
  {
    action: 'resume',
    from: ['waiting_materials'],
    to: 'scheduled',
    roles: ['contractor'],
    fields: [{ field: 'scheduledAt', kind: 'instant' }],
    notices: [update],
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
      { field: 'materials', kind: 'text', optional: true },
      // #9: the required documents declared "to follow" (due the contract's documents_due_days after completion);
      // verification waits for them, and a late one costs the contract's late_documents penalty.
      { field: 'documentsToFollow', kind: 'boolean', optional: true },
    ],
    guard: (f, c) => {
      const missing = missingDocuments(c);
      return missing.length && f.documentsToFollow !== true ? { reason: 'documents_missing', params: { missing } } : null;
    },
    notices: [{ kind: 'completion_to_verify', to: ['building_managers', 'call_center'] }],
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
    action: 'reopen',
    from: ['verified'],
    to: 'scheduled',
    roles: ['building_manager', 'call_center'],
    fields: [{ field: 'reason', kind: 'text' }],
    notices: [{ kind: 'ticket_reopened', to: ['contractor'] }],
  },
  {
    action: 'verify',
    from: ['completed'],
    to: 'verified',
    roles: ['building_manager', 'call_center'],
    fields: [{ field: 'note', kind: 'text', optional: true }],
    // Documents declared "to follow" at completion: no verification until every one is attached.
    guard: (_f, c) => {
      const missing = missingDocuments(c);
      return missing.length ? { reason: 'documents_pending', params: { missing, dueOn: c.documentsDueOn ?? null } } : null;
    },
    notices: [],
  },
  {
    action: 'change_priority',
    from: UNDONE,
    to: (_f, _c, from) => from,
    roles: ['building_manager'],
    fields: [
      { field: 'priority', kind: 'priority' },
      { field: 'reason', kind: 'text' },
    ],
    guard: (f, c) => (f.priority === c.priority ? { reason: 'same_priority' } : null),
    notices: [{ kind: 'priority_changed', to: ['contractor'] }],
  },
  {
    action: 'cancel',
    from: UNDONE,
    to: 'closed',
    roles: ['building_manager'],
    fields: [{ field: 'reason', kind: 'text' }],
    notices: [{ kind: 'work_order_cancelled', to: ['contractor'] }],
  },
];

/** The outcome a closing action gives the work order. */
export const CLOSED_OUTCOME: Record<string, ClosedOutcome> = {
  mark_in_plan: 'in_plan',
  confirm_in_plan: 'in_plan',
  mark_not_manageable: 'not_manageable',
  deny_quote: 'denied',
  cancel: 'cancelled',
};
