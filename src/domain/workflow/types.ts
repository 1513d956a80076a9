// Shared vocabulary of the fault-maintenance workflow (DOMAIN.md, workflow 1).

export type Role = 'requester' | 'call_center' | 'building_manager' | 'service_head' | 'contractor' | 'accounting' | 'admin';

export const PRIORITIES = ['emergency', 'urgent', 'ordinary', 'deferrable'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Who a notice goes to; the service turns these into people and addresses. */
export type Audience =
  | 'requester'
  | 'call_center'
  | 'building_managers'
  | 'contractor'
  | 'service_heads'
  /** The contractor's certified e-mail (PEC), the legal channel of formal notices (penalty contestations). */
  | 'contractor_pec'
  /** The building's occupants' contacts (active users of its departments with an e-mail), when the building asks (#8). */
  | 'occupants';

/** The numbered notices of Annex C plus the internal ones the workflow needs. */
export type NoticeKind =
  | 'ticket_opened' // notice 1
  | 'ticket_update' // notice 2
  | 'ticket_closed' // notice 3, with the rating link
  | 'work_order_issued'
  | 'quote_submitted'
  | 'quote_decided'
  | 'completion_to_verify'
  | 'completion_rejected'
  | 'ticket_reopened'
  | 'low_rating'
  | 'rating_reminder' // #11: the one reminder to a requester who has not rated, with a new link
  | 'reminder'
  | 'complaint'
  | 'priority_changed'
  | 'work_order_cancelled'
  | 'sla_warning' // a clock reached the warning share of its limit (SLA_WARN_SHARE)
  | 'sla_breach' // a clock passed its limit
  | 'penalty_contested' // formal notice to the contractor, by PEC, with the PDF
  | 'penalty_counter_argued' // the contractor answered: the building managers and service heads decide
  | 'penalty_decided' // applied, reduced or waived
  | 'email_change_confirm' // #7: the link that makes a requested address the user's, sent to that address
  | 'email_change_requested' // #7: warning to the current address that a change was asked for
  // #8, workflow 2 (planned maintenance): the monthly program and its planned work orders
  | 'program_submitted' // the contractor submitted the month's program: the building managers review it
  | 'program_returned' // returned to the contractor with remarks
  | 'program_approved'
  | 'program_published' // published: planned tickets and work orders exist from now on
  | 'planned_date' // a planned work order got its date (and technician)
  | 'planned_new_date' // rescheduled, or resumed after a materials wait
  | 'planned_waiting_materials'
  | 'planned_closed' // the contractor completed a planned work order: to verify
  | 'planned_late' // a planned work order passed its due date undone
  | 'in_plan_date' // a fault requester told the date of the planned work order that will do the job
  | 'spend_threshold' // #10 item 6: a contract's spend reached 80 % or 100 % of its amount or of the lot ceiling
  | 'document_returned'; // #10 item 1: the building manager returned a closing document to the contractor, with the reason

export interface Notice {
  kind: NoticeKind;
  to: Audience[];
}

/** A field an action needs, and the rule it must satisfy. */
export interface FieldRule {
  field: string;
  /** 'checklist': the answers to a planned work order's checklist (see fields.ts, CHECKLIST_LIMITS). */
  kind: 'text' | 'instant' | 'date' | 'priority' | 'number' | 'lines' | 'boolean' | 'rating' | 'checklist';
  optional?: boolean;
}

export type RefusalCode = 'UNKNOWN_ACTION' | 'ROLE_NOT_ALLOWED' | 'STATE_NOT_ALLOWED' | 'FIELD_REQUIRED' | 'FIELD_INVALID' | 'GUARD_FAILED';

export interface Refusal {
  ok: false;
  code: RefusalCode;
  /** The field at fault, for FIELD_* refusals. */
  field?: string;
  /** A stable reason key for GUARD_FAILED (e.g. 'emergency_only', 'documents_missing'). */
  reason?: string;
  /** Extra facts for the message (e.g. the missing documents). */
  params?: Record<string, unknown>;
}

export interface Decision<S extends string> {
  ok: true;
  from: S;
  to: S;
  action: string;
  /** The validated fields the event records. */
  data: Record<string, unknown>;
  notices: Notice[];
}

export type Outcome<S extends string> = Decision<S> | Refusal;

export interface Transition<S extends string, C> {
  action: string;
  from: readonly S[];
  /** The next state; a function when it depends on the fields or context. */
  to: S | ((fields: Record<string, unknown>, ctx: C, from: S) => S);
  roles: readonly Role[];
  fields: readonly FieldRule[];
  /** Extra rule beyond state and role: returns a reason key when the action may not be taken. */
  guard?: (fields: Record<string, unknown>, ctx: C) => { reason: string; params?: Record<string, unknown> } | null;
  notices: readonly Notice[] | ((fields: Record<string, unknown>, ctx: C) => readonly Notice[]);
}
