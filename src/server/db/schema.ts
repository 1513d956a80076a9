// Row types of the tables, as both engines return them before repositories normalise them:
// booleans are integers 0/1; bigint columns may come back as strings from pg.
import type { Generated } from 'kysely';

interface Audited {
  id: string;
  active: Generated<number>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface SiteRow extends Audited {
  code: string;
  name: string;
  city: string;
  patron_saint: string | null;
}
export interface DepartmentRow extends Audited {
  code: string;
  name: string;
  cost_centre: string;
}
export interface ContractorRow extends Audited {
  name: string;
  vat_number: string;
  pec: string;
  email: string | null;
  phone: string | null;
  /** From migration 2026-12-12T0001 (#10 item 4): the DURC's last valid day (YYYY-MM-DD), null: not recorded. */
  durc_valid_until: string | null;
}
export interface UserRow extends Audited {
  username: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  language: Generated<string>;
  password_hash: string | null;
  failed_logins: Generated<number>;
  locked_until: string | null;
  contractor_id: string | null;
  department_id: string | null;
  /** From migration 2026-12-09T0007 (#9): 1 = one of its contractor's technicians (field staff). */
  technician: Generated<number>;
}
export interface UserRoleRow {
  user_id: string;
  role: string;
}
export interface SessionRow {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  /** From migration 2026-12-06T0002 (#7): shown in the user's list of sessions. */
  last_seen_at?: string | null;
  user_agent?: string | null;
  client_address?: string | null;
}
export interface ApiTokenRow {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** From migration 2026-12-06T0002 (#7): null only for rows that migration could not see. */
  expires_at?: string | null;
}
/** A requested e-mail change, waiting for the link sent to the new address (#7). */
export interface EmailChangeRow {
  id: string;
  user_id: string;
  new_email: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}
/** #11 item 4: the follow-up of a low rating. */
export interface RatingFollowUpRow {
  id: string;
  ticket_id: string;
  status: string; // open | done
  assigned_to_id: string | null;
  assigned_at: string | null;
  outcome: string | null;
  done_by_id: string | null;
  done_at: string | null;
  created_at: string;
  version: Generated<number>;
}
/** #11 (migration 2026-12-13T0002): the KPI facts of one corrective work order, derived from its timeline. */
/** One row per work order (migrations 2026-12-13T0002, 2026-12-14T0003): see modules/kpi/facts.ts. */
export interface WorkOrderKpiFactsRow {
  contract_id: string;
  issued_at: string;
  work_order_id: string;
  // Mirrored from work_orders and the ticket's rating by database triggers (never written by the app).
  number: string;
  kind: string;
  status: string;
  outcome: string | null;
  priority: string;
  /** The work order's version. */
  version: number;
  contractor_id: string;
  building_id: string;
  technology_class_id: string;
  ticket_id: string | null;
  wo_completed_at: string | null;
  due_on: string | null;
  rating_stars: number | null;
  /** 1: a rating link went to the requester. */
  rating_link: number;
  /** The low score's follow-up: open | done. */
  follow_up: string | null;
  // The KPI engine's facts, written by the app (null until computed).
  /** The work order's version they were computed from. */
  facts_version: number | null;
  /** 1: no clock was counting (each stopped or without limit), so time alone cannot change them. */
  final: number | null;
  take_charge_status: string | null;
  take_charge_ms: number | null;
  on_site_status: string | null;
  on_site_ms: number | null;
  resolution_status: string | null;
  resolution_ms: number | null;
  /** The first completion (ISO instant). */
  completed_at: string | null;
  reopened: number | null;
  rejected_completions: number | null;
  visits: number | null;
  closed_outcome: string | null;
  computed_at: string | null;
}
export interface RateLimitRow {
  key: string;
  window_start: string;
  count: number;
}
export interface BuildingRow extends Audited {
  site_id: string;
  code: string;
  name: string;
  address: string;
  competence: string;
  competence_department_id: string | null;
  /** From migration 2026-12-07T0006 (#8): 1 = planned dates also go to the occupants' contacts. */
  notify_occupants_planned: Generated<number>;
  /** From migration 2026-12-09T0001 (#9): which new tickets reach the building's managers — 'all' | 'danger' | 'none'. */
  new_ticket_notices: Generated<string>;
}
export interface BuildingManagerRow {
  building_id: string;
  user_id: string;
}
export interface BuildingOccupancyRow {
  building_id: string;
  department_id: string;
  share_bp: number;
}
export interface FloorRow extends Audited {
  building_id: string;
  code: string;
  name: string;
  level: number;
}
export interface SpaceRow extends Audited {
  building_id: string;
  floor_id: string;
  code: string;
  name: string;
  use: string | null;
  area_cm2: number | null;
  /** From migration 2026-12-12T0002 (#10 item 3): department_own | teaching | common; null: not classified. */
  allocation_kind?: string | null;
  /** From migration 2026-12-12T0002: the department whose own space it is. */
  department_id?: string | null;
}
export interface TechnologyClassRow extends Audited {
  code: string;
  name_it: string;
  name_en: string;
  dm37_letter: string | null;
}
export interface ContractRow extends Audited {
  lot: string;
  cig: string;
  title: string;
  contractor_id: string;
  starts_on: string;
  ends_on: string;
  net_amount_cents: number | string;
  yearly_fee_cents: number | string;
  discount_bp: number;
  /** The framework agreement's maximum for the lot (#9); null: not recorded. */
  lot_ceiling_cents: number | string | null;
  /** Days to attach the documents declared "to follow" at completion (#9 item 7a), 1..365. */
  documents_due_days: Generated<number>;
  /** #10 item 2: share of the approved quote (bp) above which a final account goes back to the service head. */
  variance_threshold_bp: Generated<number>;
  /** From migration 2026-12-12T0004 (#10 item 4): the conformity check's day; the final statement needs it. */
  conformity_checked_on: string | null;
}
export interface ContractClassRow {
  contract_id: string;
  technology_class_id: string;
}
export interface ContractBuildingRow {
  contract_id: string;
  building_id: string;
}
export interface AssetRow extends Audited {
  code: string;
  name: string;
  technology_class_id: string;
  building_id: string;
  space_id: string | null;
  serial_number: string | null;
}

export interface TicketCounterRow {
  year: number;
  last: number;
}
export interface TicketRow {
  id: string;
  number: string;
  status: string;
  channel: string;
  requester_id: string | null;
  caller_name: string | null;
  caller_phone: string | null;
  caller_email: string | null;
  opened_by_id: string | null;
  building_id: string;
  space_id: string | null;
  asset_id: string | null;
  subject: string;
  description: string;
  danger: Generated<number>;
  priority: string | null;
  language: Generated<string>;
  reopen_count: Generated<number>;
  reminder_count: Generated<number>;
  last_reminder_at: string | null;
  complaint_count: Generated<number>;
  rating_stars: number | null;
  rating_work_done: number | null;
  rating_comment: string | null;
  rated_at: string | null;
  review_flag: Generated<number>;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  version: Generated<number>;
  /** From migration 2026-12-07T0001 (#8): 'fault' (workflow 1) or 'planned' (opened by a published program). */
  kind: Generated<string>;
  /** A follow-up fault opened from a planned work order's out-of-range measurement. */
  source_work_order_id: string | null;
  /** From migration 2026-12-09T0008: the SLA row state over the ticket's work orders (see refresh.ts). */
  sla_state?: string | null;
  sla_due_at?: string | null;
  sla_paused_for?: string | null;
}
export interface WorkOrderRow {
  id: string;
  number: string;
  kind: string;
  ticket_id: string | null;
  status: string;
  outcome: string | null;
  building_id: string;
  space_id: string | null;
  asset_id: string | null;
  technology_class_id: string;
  contract_id: string;
  contractor_id: string;
  priority: string;
  description: string;
  location: string | null;
  extra_fee: Generated<number>;
  changes_installation: Generated<number>;
  inspection_at: string | null;
  scheduled_at: string | null;
  expected_on: string | null;
  planned_activity: string | null;
  report: string | null;
  hours_centi: number | null;
  materials: string | null;
  issued_by_id: string | null;
  issued_at: string;
  acknowledged_at: string | null;
  completed_at: string | null;
  verified_at: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
  /** From migration 0004; null until SLA versions exist for the contract. */
  sla_version_id?: string | null;
  /** From migration 2026-12-09T0002 (#9): completed with documents to follow — the Rome date they are due by; null otherwise. */
  documents_due_on: Generated<string | null>;
  /** From migration 2026-12-09T0002: when the late-documents check ran after the due date (once). */
  documents_checked_at: Generated<string | null>;
  /** From migration 0005, kept by the SLA watcher (src/server/modules/sla/refresh.ts). */
  sla_due_at?: string | null;
  sla_breached?: number;
  sla_next_check_at?: string | null;
  sla_checked_version?: number | null;
  /** From migration 2026-12-09T0008: what a list row shows (running | paused | met | missed) and a pause's state. */
  sla_state?: string | null;
  sla_paused_for?: string | null;
  /** From migration 2026-12-07T0001 (#8): planned work orders (kind = 'planned'). */
  program_item_id: string | null;
  plan_id: string | null;
  /** The agreed date (Rome, YYYY-MM-DD): late when not completed by it. */
  due_on: string | null;
  technician: string | null;
  /** JSON snapshots of the plan's checklist and required documents, and the results at completion. */
  checklist: string | null;
  checklist_results: string | null;
  required_documents: string | null;
  late_at: string | null;
  /** A fault closed as "in plan": the planned work order that will do the job. */
  planned_work_order_id: string | null;
  /** From migration 2026-12-09T0007 (#9): the contractor's technician the work order is assigned to. */
  technician_id: Generated<string | null>;
}
export interface EventRow {
  id: string;
  ticket_id: string | null;
  work_order_id: string | null;
  at: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  from_state: string | null;
  to_state: string | null;
  data: Generated<string>;
  penalty_id?: string | null;
  /** From migration 2026-12-07T0003 (#8): the program's timeline (programs have no ticket). */
  program_id?: string | null;
}
export interface CommentRow {
  id: string;
  ticket_id: string;
  work_order_id: string | null;
  author_id: string | null;
  author_label: string;
  visibility: string;
  source: string;
  body: string;
  created_at: string;
}
export interface InboundMessageRow {
  id: string;
  message_id: string;
  from_address: string;
  from_name: string | null;
  subject: string;
  body: string;
  received_at: string;
  via: string;
  status: string;
  reason: string | null;
  ticket_id: string | null;
  handled_by_id: string | null;
  handled_at: string | null;
  version: Generated<number>;
  /** How the sender was proven: 'token' (a reply token bound to them and the ticket), or null. */
  sender_proof: string | null;
}
export interface MailInSecretRow {
  name: string;
  value: string;
  created_at: string;
}
/** #10 item 1: the catalogue of closing documents, per-class requirements, per-work-order states. */
export interface DocumentTypeRow {
  code: string;
  name_it: string;
  name_en: string;
  position: number;
}
export interface TechnologyClassDocumentRow {
  technology_class_id: string;
  document_type: string;
  required_when: string;
}
export interface WorkOrderDocumentRow {
  id: string;
  work_order_id: string;
  document_type: string;
  state: string;
  attachment_id: string | null;
  reason: string | null;
  uploaded_at: string | null;
  decided_by_id: string | null;
  decided_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}
export interface AttachmentRow {
  id: string;
  ticket_id: string | null;
  work_order_id: string | null;
  comment_id: string | null;
  inbound_message_id: string | null;
  kind: string;
  visibility: Generated<string>;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  storage_key: string;
  uploaded_by_id: string | null;
  created_at: string;
}
export interface PriceListRow {
  id: string;
  code: string;
  name: string;
  source: string | null;
  year: number;
  active: Generated<number>;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
  /** The lot it prices (#9); null: every lot. */
  contract_id: string | null;
}
export interface PriceListItemRow {
  id: string;
  price_list_id: string;
  code: string;
  description: string;
  unit: string;
  price_cents: number | null;
  surcharge_bp: number | null;
  /** The description's stems between spaces (src/domain/stem.ts), matched with LIKE '% stem%'. */
  search_stems: string;
}
export interface QuoteRow {
  id: string;
  work_order_id: string;
  status: string;
  discount_bp: number;
  vat_bp: number;
  discountable_cents: number;
  discount_cents: number;
  undiscounted_cents: number;
  net_cents: number;
  vat_cents: number;
  total_cents: number;
  note: string | null;
  decided_by_id: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  created_at: string;
}
export interface QuoteLineRow {
  id: string;
  quote_id: string;
  position: number;
  price_list_item_id: string | null;
  code: string | null;
  description: string;
  unit: string;
  quantity_milli: number;
  unit_price_cents: number;
  category: string;
  amount_cents: number;
}
/** #10 item 2: the final account (consuntivo) of one work order. */
export interface FinalAccountRow {
  id: string;
  work_order_id: string;
  contract_id: string;
  contractor_id: string;
  building_id: string;
  basis: string;
  status: string;
  quote_id: string | null;
  approved_net_cents: number | null;
  discount_bp: number;
  vat_bp: number;
  discountable_cents: number;
  discount_cents: number;
  undiscounted_cents: number;
  net_cents: number;
  vat_cents: number;
  total_cents: number;
  chargeable_net_cents: number;
  variance_cents: number | null;
  variance_bp: number | null;
  variance_reason: string | null;
  hours_centi: number | null;
  materials: string | null;
  submitted_at: string | null;
  service_head_id: string | null;
  service_head_at: string | null;
  decided_by_id: string | null;
  decided_at: string | null;
  return_reason: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}
export interface FinalAccountLineRow {
  id: string;
  final_account_id: string;
  position: number;
  price_list_item_id: string | null;
  code: string | null;
  description: string;
  unit: string;
  quantity_milli: number;
  unit_price_cents: number;
  category: string;
  amount_cents: number;
  materials_cents: number | null;
  labour_cents: number | null;
  equipment_cents: number | null;
  overheads_bp: number | null;
  profit_bp: number | null;
}
/** #11 item 2: a contract's penalty/reward scheme (src/domain/kpi/scheme.ts). */
export interface KpiSchemeRow {
  contract_id: string;
  period: string;
  indicators: string;
  bands: string;
  max_reward_bp: number;
  acceleration_enabled: Generated<number>;
  acceleration_bp_per_day: Generated<number>;
  acceleration_max_bp: Generated<number>;
  updated_by_id: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}
/** #11 item 2: a contract's indicator report of one period: generated → reviewed → signed_off. */
export interface KpiPeriodReportRow {
  id: string;
  contract_id: string;
  period: string;
  from_on: string;
  to_on: string;
  status: string;
  scheme: string;
  figures: string;
  scoring: string;
  points: number;
  band_bp: number;
  days_early: number;
  period_fee_cents: number | string;
  cap_room_cents: number | string;
  computed_cents: number | string;
  proposed_cents: number | string;
  final_cents: number | string | null;
  review_note: string | null;
  reason: string | null;
  penalty_id: string | null;
  generated_by_id: string | null;
  reviewed_by_id: string | null;
  reviewed_at: string | null;
  signed_off_by_id: string | null;
  signed_off_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}
/** #10 item 4: the monthly statement of a contract (stato di avanzamento); frozen once approved. */
export interface StatementRow {
  id: string;
  contract_id: string;
  contractor_id: string;
  period: string;
  number: number;
  final: Generated<number>;
  status: string;
  flat_fee_cents: number | string;
  extra_fee_cents: number | string;
  gross_cents: number | string;
  penalties_cents: number | string;
  penalties_deducted_cents: number | string;
  penalties_carried_cents: number | string;
  net_cents: number | string;
  progressive_net_cents: number | string;
  withheld_cents: number | string;
  released_cents: number | string;
  taxable_cents: number | string;
  vat_bp: number;
  vat_cents: number | string;
  total_cents: number | string;
  /** #11 item 2: rewards of signed-off indicator reports added to the gross. */
  rewards_cents: Generated<number | string>;
  durc_valid_until: string | null;
  prepared_by_id: string | null;
  approved_by_id: string | null;
  approved_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}
/** #10 item 4: what a statement is made of, each with the work order or penalty behind it. */
export interface StatementItemRow {
  id: string;
  statement_id: string;
  position: number;
  kind: string;
  final_account_id: string | null;
  penalty_id: string | null;
  work_order_id: string | null;
  /** #11 item 2: a reward of a signed-off indicator report (migration 2026-12-13T0003). */
  kpi_report_id?: string | null;
  description: string;
  amount_cents: number | string;
}
/** #10 item 5: a contractor's invoice registered against a statement. */
/** #10 item 6: a spend threshold of a contract announced to the service heads (once each). */
export interface ContractSpendAlertRow {
  contract_id: string;
  basis: string; // amount | ceiling
  threshold_bp: number;
  used_cents: number | string;
  base_cents: number | string;
  notified_at: string;
}
export interface InvoiceRow {
  id: string;
  statement_id: string;
  contract_id: string;
  contractor_id: string;
  source: string;
  number: string;
  issue_date: string;
  supplier_vat_number: string;
  cig: string | null;
  taxable_cents: number | string;
  vat_cents: number | string;
  total_cents: number | string;
  vat_collectability: string | null;
  mismatches: string;
  status: string;
  dispute_reason: string | null;
  file_name: string | null;
  file_storage_key: string | null;
  file_sha256: string | null;
  registered_by_id: string | null;
  decided_by_id: string | null;
  decided_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}
/** #10 item 3: how a contract's (or, overriding it, a building's) approved final accounts are allocated. */
export interface AllocationRuleRow {
  id: string;
  contract_id: string | null;
  building_id: string | null;
  method: string;
  updated_by_id: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}
/** #10 item 3: the explicit shares of a 'percentages' rule; a null department is the central budget. */
export interface AllocationRuleShareRow {
  rule_id: string;
  position: number;
  department_id: string | null;
  share_bp: number;
}
/** #10 item 3: one payer's part of an approved final account; a null department is the central budget. */
export interface CostAllocationRow {
  id: string;
  final_account_id: string;
  position: number;
  department_id: string | null;
  share_bp: number;
  net_cents: number | string;
  vat_cents: number | string;
  amount_cents: number | string;
  method: string;
  rule_source: string;
  work_order_id: string;
  contract_id: string;
  building_id: string;
  technology_class_id: string;
  period: string;
  created_at: string;
}
/** From migration 2026-12-14T0002 (#12): which instance runs a scheduled job's pass, until when. */
export interface JobLeaseRow {
  name: string;
  owner: string;
  acquired_at: string;
  expires_at: string;
}
export interface OutboxRow {
  id: string;
  idempotency_key: string;
  kind: string;
  to_address: string;
  to_user_id: string | null;
  language: string;
  subject: string;
  text_body: string;
  html_body: string;
  ticket_id: string | null;
  work_order_id: string | null;
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  /** From migration 0005: a file sent with the message (the formal penalty notice). */
  attachment_id?: string | null;
  /** From migration 2026-12-06T0005: when the bodies were replaced after OUTBOX_RETENTION_DAYS (null: kept). */
  body_redacted_at?: string | null;
  /** From migration 2026-12-08T0001: the key of its Message-ID (noticeMessageKey), for replies that carry only In-Reply-To. */
  message_key?: string | null;
  /** From migration 2026-12-14T0002: the instance holding the lease (locked_until); null: nobody. */
  locked_by?: string | null;
}
export interface NotificationRow {
  id: string;
  user_id: string;
  kind: string;
  ticket_id: string | null;
  work_order_id: string | null;
  title: string;
  body: string;
  created_at: string;
  read_at: string | null;
}
export interface RatingTokenRow {
  id: string;
  ticket_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** From migration 2026-12-13T0001 (#11): when the one reminder to rate went. */
  reminded_at: Generated<string | null>;
}
export interface SlaVersionRow {
  id: string;
  contract_id: string;
  number: number;
  definition: string;
  note: string | null;
  created_by_id: string | null;
  created_at: string;
  /** From migration 2026-12-10T0003 (#9): the instant it takes effect (older versions: created_at). */
  effective_from: string;
}
export interface ContractCalendarRow {
  contract_id: string;
  week: string;
  updated_at: string;
  version: Generated<number>;
}
export interface ClosureRow {
  id: string;
  site_id: string | null;
  /** The first day closed (YYYY-MM-DD, Rome). */
  date: string;
  /** From migration 2026-12-10T0004 (#9): the last day closed, included (older closures: = date). */
  date_to: string;
  reason: string;
  created_at: string;
}
export interface SlaAlertRow {
  id: string;
  work_order_id: string;
  clock: string;
  level: string;
  cycle_started_at: string;
  created_at: string;
}
export interface PenaltyRuleRow {
  id: string;
  contract_id: string;
  kind: string;
  clock: string | null;
  priority: string | null;
  event: string | null;
  amount_cents: number | null;
  per_mille_micro: number | null;
  active: Generated<number>;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}
export interface PenaltyRow {
  id: string;
  contract_id: string;
  work_order_id: string | null;
  breach_key: string;
  rule_id: string | null;
  clock: string | null;
  breached_by_ms: number | null;
  computed_cents: number;
  proposed_cents: number;
  final_cents: number | null;
  status: string;
  term_ends_at: string | null;
  period: string;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

/** #8, workflow 2: a meter of an asset (operating hours, cycles) and its readings (value × 1,000). */
export interface MeterRow {
  id: string;
  asset_id: string;
  name: string;
  unit: string;
  active: Generated<number>;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}
export interface MeterReadingRow {
  id: string;
  meter_id: string;
  value_milli: number | string;
  read_at: string;
  source: string;
  work_order_id: string | null;
  recorded_by_id: string | null;
  created_at: string;
}
export interface MaintenancePlanRow {
  id: string;
  code: string;
  activity: string;
  description: string | null;
  building_id: string;
  technology_class_id: string;
  asset_id: string | null;
  /** calendar | floating | meter */
  schedule_kind: string;
  rrule: string | null;
  starts_on: string;
  ends_on: string | null;
  season_from: string | null;
  season_to: string | null;
  /** next | previous: where an occurrence on a non-working day moves. */
  shift: Generated<string>;
  last_done_on: string | null;
  meter_id: string | null;
  meter_every_milli: number | string | null;
  meter_last_trigger_milli: number | string | null;
  checklist: Generated<string>;
  required_documents: Generated<string>;
  regulation: string | null;
  estimated_minutes: number | null;
  active: Generated<number>;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}
export interface ProgramRow {
  id: string;
  contract_id: string;
  month: string;
  /** draft | submitted | returned | approved | published */
  status: string;
  remarks: string | null;
  grouping: Generated<string>;
  submitted_at: string | null;
  approved_at: string | null;
  published_at: string | null;
  published_by_id: string | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}
export interface ProgramItemRow {
  id: string;
  program_id: string;
  plan_id: string;
  occurrence_key: string;
  source: string;
  building_id: string;
  asset_id: string | null;
  technology_class_id: string;
  activity: string;
  due_on: string;
  planned_on: string;
  shift_reason: string | null;
  window_from: string | null;
  window_to: string | null;
  technician: string | null;
  ticket_id: string | null;
  work_order_id: string | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}
export interface CalendarFeedRow {
  id: string;
  contract_id: string | null;
  building_id: string | null;
  name: string;
  token_hash: string;
  prefix: string;
  created_by_id: string | null;
  created_at: string;
  revoked_at: string | null;
}

export interface Database {
  meters: MeterRow;
  meter_readings: MeterReadingRow;
  maintenance_plans: MaintenancePlanRow;
  programs: ProgramRow;
  program_items: ProgramItemRow;
  calendar_feeds: CalendarFeedRow;
  sla_versions: SlaVersionRow;
  contract_calendars: ContractCalendarRow;
  closures: ClosureRow;
  sla_alerts: SlaAlertRow;
  penalty_rules: PenaltyRuleRow;
  penalties: PenaltyRow;
  ticket_counters: TicketCounterRow;
  tickets: TicketRow;
  work_orders: WorkOrderRow;
  events: EventRow;
  comments: CommentRow;
  inbound_messages: InboundMessageRow;
  attachments: AttachmentRow;
  document_types: DocumentTypeRow;
  technology_class_documents: TechnologyClassDocumentRow;
  work_order_documents: WorkOrderDocumentRow;
  price_lists: PriceListRow;
  price_list_items: PriceListItemRow;
  quotes: QuoteRow;
  quote_lines: QuoteLineRow;
  final_accounts: FinalAccountRow;
  final_account_lines: FinalAccountLineRow;
  statements: StatementRow;
  statement_items: StatementItemRow;
  invoices: InvoiceRow;
  contract_spend_alerts: ContractSpendAlertRow;
  allocation_rules: AllocationRuleRow;
  allocation_rule_shares: AllocationRuleShareRow;
  cost_allocations: CostAllocationRow;
  outbox: OutboxRow;
  job_leases: JobLeaseRow;
  notifications: NotificationRow;
  rating_tokens: RatingTokenRow;
  rating_follow_ups: RatingFollowUpRow;
  kpi_schemes: KpiSchemeRow;
  kpi_period_reports: KpiPeriodReportRow;
  work_order_kpi_facts: WorkOrderKpiFactsRow;
  sites: SiteRow;
  departments: DepartmentRow;
  contractors: ContractorRow;
  users: UserRow;
  user_roles: UserRoleRow;
  sessions: SessionRow;
  api_tokens: ApiTokenRow;
  email_changes: EmailChangeRow;
  rate_limits: RateLimitRow;
  buildings: BuildingRow;
  building_managers: BuildingManagerRow;
  building_occupancies: BuildingOccupancyRow;
  floors: FloorRow;
  spaces: SpaceRow;
  technology_classes: TechnologyClassRow;
  contracts: ContractRow;
  contract_classes: ContractClassRow;
  contract_buildings: ContractBuildingRow;
  assets: AssetRow;
  demo_marker: DemoMarkerRow;
  mail_in_secrets: MailInSecretRow;
}

/** The password hash(es) the demo seed wrote: accounts still holding one log in with the published password. */
export interface DemoMarkerRow {
  password_hash: string;
  seeded_at: string;
}
