// Workflow 1 (fault maintenance) in the HTTP API: tickets, work orders, their actions, comments,
// attachments, timeline, quotes, rating links, price lists. Action bodies are generated from the
// domain's transition tables, so a field an action needs is required here and there alike.
import { Type, type Static, type TObject, type TProperties, type TSchema } from 'typebox';
import type { FieldRule } from '../../domain/workflow/types.ts';
import { PRIORITIES } from '../../domain/workflow/types.ts';
import { TICKET_STATES } from '../../domain/workflow/ticket.ts';
import { WORK_ORDER_STATES } from '../../domain/workflow/work-order.ts';
import { PLANNED_WORK_ORDER_STATES } from '../../domain/workflow/planned-work-order.ts';
import { Id, Instant, IsoDate, Nullable, ProblemSchema } from './common.ts';
import { ClocksSchema } from './sla.ts';
import { DOCUMENT_TYPE_CODES, WorkOrderDocumentSchema } from './as-built.ts';

/** A union of string literals, typed as the union of `values`. */
const Literals = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      description ? { description } : {},
    ),
  );
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
/** Response-side nullable (never validated against input, so anyOf is safe here). */
const OrNull = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Body = <P extends TProperties>(props: P) => Type.Object(props, { additionalProperties: false });

export const Priority = Literals(PRIORITIES);
export const TicketStatus = Literals(TICKET_STATES);
/** Both machines' states: corrective (workflow 1) and planned (workflow 2: planned, cancelled are its own). */
export const WorkOrderStatus = Literals([...new Set([...WORK_ORDER_STATES, ...PLANNED_WORK_ORDER_STATES])]);
export const ClosedOutcome = Literals(['in_plan', 'not_manageable', 'denied', 'cancelled'] as const);
export const Channel = Literals(['web', 'phone', 'email', 'staff', 'planned'] as const);
export const Visibility = Literals(['public', 'internal'] as const);
export const ATTACHMENT_KINDS = [
  'photo',
  'document',
  'conformity_declaration',
  'logbook_entry',
  'test_report',
  'as_built',
  'maintenance_tag',
  'fgas_register_entry',
] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];
export const AttachmentKindSchema = Literals(ATTACHMENT_KINDS);
/** The document kinds are the catalogue's codes (#10 item 1). */
export const DOCUMENT_KINDS = DOCUMENT_TYPE_CODES;
export const DocumentKind = Literals(DOCUMENT_KINDS);
export const LINE_CATEGORIES = ['works', 'safety', 'labour'] as const;
export const LineCategory = Literals(LINE_CATEGORIES, 'works: discountable; safety costs and labour: never discounted');

const Ref = Type.Object({ id: Id, code: Type.String(), name: Type.String() });
const Person = Type.Object({ id: OrNull(Id), label: Type.String() });

// --- tickets -------------------------------------------------------------------------------------

export const TicketOpenBody = Body({
  buildingId: Id,
  spaceId: Type.Optional(Nullable(Id)),
  assetId: Type.Optional(Nullable(Id)),
  subject: Type.Optional(Type.String({ maxLength: 200, description: 'defaults to the start of the description' })),
  description: Text(10_000),
  danger: Type.Optional(
    Type.Boolean({ default: false, description: 'a danger to people: priority emergency, and the answer carries the number to call' }),
  ),
  callerName: Type.Optional(Text(200)),
  callerPhone: Type.Optional(Type.String({ maxLength: 40 })),
  callerEmail: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
  requesterId: Type.Optional(Id),
});
export type TicketOpenInput = Static<typeof TicketOpenBody>;

/**
 * PATCH /api/tickets/{id}: the call center's triage before qualification. Only the fields sent
 * change; null clears an optional one. `priority` is a hint the building manager starts from.
 */
export const TicketPatchBody = Body({
  version: Type.Integer({ description: 'the version you read; a stale one gets 409 VERSION_CONFLICT' }),
  subject: Type.Optional(Text(200)),
  description: Type.Optional(Text(10_000)),
  buildingId: Type.Optional(Id),
  spaceId: Type.Optional(Nullable(Id)),
  assetId: Type.Optional(Nullable(Id)),
  requesterId: Type.Optional(
    Nullable({ ...Id, description: 'link the ticket to a known user (GET /api/callers): they become its requester' }),
  ),
  callerName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  callerPhone: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  callerEmail: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))),
  priority: Type.Optional(Nullable(Type.String({ description: `priority hint: ${PRIORITIES.join(' | ')}; emergency when danger` }))),
  danger: Type.Optional(Type.Boolean({ description: 'a danger to people: priority emergency' })),
});
export type TicketPatchInput = Static<typeof TicketPatchBody>;

export const WorkOrderSummarySchema = Type.Object({
  id: Id,
  number: Type.String(),
  status: WorkOrderStatus,
  outcome: OrNull(ClosedOutcome),
  priority: Priority,
  technologyClass: Type.Object({ id: Id, code: Type.String(), nameIt: Type.String(), nameEn: Type.String() }),
  contractor: Type.Optional(Type.Object({ id: Id, name: Type.String() })),
  inspectionAt: OrNull(Instant),
  scheduledAt: OrNull(Instant),
  expectedOn: OrNull(IsoDate),
  issuedAt: Instant,
});

export const AttachmentSchema = Type.Object({
  id: Id,
  ticketId: OrNull(Id),
  workOrderId: OrNull(Id),
  kind: AttachmentKindSchema,
  visibility: Visibility,
  filename: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  uploadedBy: OrNull(Person),
  createdAt: Instant,
  url: Type.String({ description: 'GET it to download (scope-checked)' }),
});
export type AttachmentDto = Static<typeof AttachmentSchema>;

export const TicketSchema = Type.Object({
  kind: Type.Optional(Type.String({ description: 'fault | planned (opened by a published program: no fault actions, comments only)' })),
  id: Id,
  number: Type.String({ description: 'YYYY-NNNNNN, unique per year' }),
  status: TicketStatus,
  channel: Channel,
  priority: OrNull(Priority),
  danger: Type.Boolean(),
  building: Ref,
  space: OrNull(Ref),
  asset: OrNull(Ref),
  subject: Type.String(),
  description: Type.String(),
  language: Type.String(),
  requester: OrNull(Person),
  caller: Type.Optional(OrNull(Type.Object({ name: OrNull(Type.String()), phone: OrNull(Type.String()), email: OrNull(Type.String()) }))),
  openedBy: Type.Optional(OrNull(Person)),
  reopenCount: Type.Integer(),
  reminderCount: Type.Integer(),
  lastReminderAt: OrNull(Instant),
  complaintCount: Type.Optional(Type.Integer()),
  reviewFlag: Type.Optional(Type.Boolean()),
  rating: OrNull(Type.Object({ stars: Type.Integer(), workDone: Type.Boolean(), comment: OrNull(Type.String()), ratedAt: Instant })),
  createdAt: Instant,
  updatedAt: Instant,
  closedAt: OrNull(Instant),
  version: Type.Integer(),
  availableActions: Type.Array(Type.String(), { description: 'what the caller may do now: POST /api/tickets/{id}/actions/{action}' }),
  workOrders: Type.Array(WorkOrderSummarySchema),
  attachments: Type.Array(AttachmentSchema),
  emergencyHint: Type.Optional(Type.Object({ phone: Type.String(), message: Type.String() })),
  editable: Type.Optional(Type.Boolean({ description: 'the caller may triage it now: PATCH /api/tickets/{id}' })),
});
export type TicketDto = Static<typeof TicketSchema>;

// --- work orders ---------------------------------------------------------------------------------

export const QuoteLineInput = Body({
  priceListItemId: Type.Optional(Id),
  code: Type.Optional(Type.String({ maxLength: 40 })),
  description: Type.Optional(Text(2000)),
  unit: Type.Optional(Text(20)),
  quantity: Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000, description: 'up to three decimals' }),
  unitPriceCents: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 100_000_000_00, description: 'free lines only; price-list lines take the list price' }),
  ),
  category: Type.Optional(LineCategory),
});
export type QuoteLineInputDto = Static<typeof QuoteLineInput>;

export const QuoteSchema = Type.Object({
  id: Id,
  status: Literals(['submitted', 'approved', 'denied'] as const),
  discountPercent: Type.Number(),
  vatPercent: Type.Number(),
  lines: Type.Array(
    Type.Object({
      id: Id,
      position: Type.Integer(),
      priceListItemId: OrNull(Id),
      code: OrNull(Type.String()),
      description: Type.String(),
      unit: Type.String(),
      quantity: Type.Number(),
      unitPriceCents: Type.Integer(),
      category: LineCategory,
      amountCents: Type.Integer(),
    }),
  ),
  discountableCents: Type.Integer(),
  discountCents: Type.Integer(),
  undiscountedCents: Type.Integer(),
  netCents: Type.Integer(),
  vatCents: Type.Integer(),
  totalCents: Type.Integer(),
  note: OrNull(Type.String()),
  decidedBy: OrNull(Person),
  decidedAt: OrNull(Instant),
  decisionReason: OrNull(Type.String()),
  createdAt: Instant,
});

export const CommentSchema = Type.Object({
  id: Id,
  ticketId: Id,
  workOrderId: OrNull(Id),
  author: Person,
  visibility: Visibility,
  source: Type.String({ description: 'web | email' }),
  body: Type.String(),
  createdAt: Instant,
});
export type CommentDto = Static<typeof CommentSchema>;

export const TimelineItemSchema = Type.Object({
  type: Literals(['event', 'comment', 'attachment', 'notice'] as const),
  id: Id,
  at: Instant,
  workOrderId: OrNull(Id),
  event: Type.Optional(
    Type.Object({
      object: Literals(['ticket', 'work_order'] as const),
      workOrderNumber: OrNull(Type.String()),
      actor: Person,
      action: Type.String(),
      from: OrNull(Type.String()),
      to: OrNull(Type.String()),
      data: Type.Object({}, { additionalProperties: true }),
    }),
  ),
  comment: Type.Optional(CommentSchema),
  attachment: Type.Optional(AttachmentSchema),
  notice: Type.Optional(
    Type.Object({
      kind: Type.String(),
      to: Type.String(),
      status: Type.String({ description: 'pending | sent | failed' }),
      sentAt: OrNull(Instant),
    }),
  ),
});
export type TimelineItem = Static<typeof TimelineItemSchema>;
export const TimelineSchema = Type.Object({ items: Type.Array(TimelineItemSchema) });

export const ChecklistItemSchema = Type.Object({
  key: Type.String(),
  label: Type.String(),
  kind: Type.Union([Type.Literal('yes_no'), Type.Literal('measure')]),
  unit: Type.Optional(Type.String()),
  min: Type.Optional(Type.Number()),
  max: Type.Optional(Type.Number()),
});
export const ChecklistResultSchema = Type.Object({
  key: Type.String(),
  ok: Type.Optional(Type.Boolean()),
  value: Type.Optional(Type.Number()),
  note: Type.Optional(Type.String()),
});

export const WorkOrderSchema = Type.Object({
  id: Id,
  number: Type.String({ description: 'ticket number / n' }),
  kind: Type.String({ description: 'corrective | planned' }),
  status: WorkOrderStatus,
  outcome: OrNull(ClosedOutcome),
  priority: Priority,
  description: Type.String(),
  location: OrNull(Type.String()),
  ticket: OrNull(Type.Object({ id: Id, number: Type.String(), subject: Type.String(), status: TicketStatus })),
  building: Ref,
  space: OrNull(Ref),
  asset: OrNull(Ref),
  technologyClass: Type.Object({
    id: Id,
    code: Type.String(),
    nameIt: Type.String(),
    nameEn: Type.String(),
    dm37Letter: OrNull(Type.String()),
  }),
  contract: Type.Object({ id: Id, lot: Type.String(), cig: Type.String(), discountPercent: Type.Number() }),
  contractor: Type.Object({ id: Id, name: Type.String() }),
  /** #9: the contractor's technician the work order is assigned to (POST /api/work-orders/{id}/assign). */
  assignee: OrNull(Type.Object({ id: Id, label: Type.String() })),
  canAssign: Type.Boolean({ description: 'the caller may assign it: a dispatcher of its contractor (not a technician), while it is open' }),
  extraFee: Type.Boolean(),
  changesInstallation: Type.Boolean(),
  inspectionAt: OrNull(Instant),
  scheduledAt: OrNull(Instant),
  expectedOn: OrNull(IsoDate),
  plannedActivity: OrNull(Type.String()),
  report: OrNull(Type.String()),
  hours: OrNull(Type.Number()),
  materials: OrNull(Type.String()),
  issuedBy: OrNull(Person),
  issuedAt: Instant,
  acknowledgedAt: OrNull(Instant),
  completedAt: OrNull(Instant),
  verifiedAt: OrNull(Instant),
  closedAt: OrNull(Instant),
  createdAt: Instant,
  updatedAt: Instant,
  version: Type.Integer(),
  availableActions: Type.Array(Type.String(), { description: 'what the caller may do now: POST /api/work-orders/{id}/actions/{action}' }),
  quote: OrNull(QuoteSchema),
  documents: Type.Object({
    required: Type.Array(DocumentKind),
    missing: Type.Array(DocumentKind),
    attached: Type.Array(Type.Object({ kind: DocumentKind, attachmentId: Id, filename: Type.String() })),
    /** Completed with documents to follow (#9): the Rome date the missing ones are due by; null otherwise. */
    dueOn: OrNull(IsoDate),
    /** #10 item 1: completed and every document accepted (documentsComplete); false before completion. */
    complete: Type.Boolean(),
    /** #10 item 1: the documents the work order carries (snapshot at completion), each with its check. */
    items: Type.Array(WorkOrderDocumentSchema),
  }),
  attachments: Type.Array(AttachmentSchema),
  timeline: Type.Array(TimelineItemSchema),
  clocks: Type.Optional(ClocksSchema),
  // Planned work orders (kind 'planned', workflow 2); null / empty on corrective ones.
  planId: OrNull(Id),
  programItemId: OrNull(Id),
  dueOn: OrNull(IsoDate),
  technician: OrNull(Type.String()),
  checklist: Type.Array(ChecklistItemSchema, { description: "the snapshot of the plan's checklist taken at publication" }),
  checklistResults: OrNull(Type.Array(ChecklistResultSchema)),
  /** Keys of the measurements outside their range (a follow-up fault may be opened). */
  outOfRange: Type.Array(Type.String()),
  requiredDocuments: Type.Array(Type.String(), { description: 'document kinds the plan requires before completion' }),
  missingDocuments: Type.Array(Type.String()),
  late: Type.Boolean(),
  lateAt: OrNull(Instant),
  followUpTicket: OrNull(Type.Object({ id: Id, number: Type.String() })),
  /** A fault closed "in plan": the planned work order that will do the job. */
  plannedWorkOrder: OrNull(Type.Object({ id: Id, number: Type.String(), date: OrNull(IsoDate) })),
});
export type WorkOrderDto = Static<typeof WorkOrderSchema>;

// --- actions -------------------------------------------------------------------------------------

export const ChecklistResultInput = Type.Object(
  {
    key: Type.String({ minLength: 1, maxLength: 100 }),
    ok: Type.Optional(Type.Boolean()),
    value: Type.Optional(Type.Number()),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

/** A meter read during a planned visit (complete): recorded with source 'visit'. */
export const MeterReadingInput = Type.Object(
  {
    meterId: Id,
    value: Type.Number({ minimum: 0 }),
  },
  { additionalProperties: false },
);

const fieldSchema = (rule: FieldRule): TSchema => {
  switch (rule.kind) {
    case 'text':
      return Type.String({ maxLength: 10_000 });
    case 'instant':
      return Type.String({ maxLength: 40, description: 'ISO-8601 instant with offset, e.g. 2026-03-12T09:00:00Z' });
    case 'date':
      return Type.String({ maxLength: 10, description: 'YYYY-MM-DD' });
    case 'priority':
      return Priority;
    case 'number':
      return Type.Number({ minimum: 0, maximum: 100_000 });
    case 'boolean':
      return Type.Boolean();
    case 'rating':
      return Type.Integer({ minimum: 1, maximum: 5 });
    case 'lines':
      return Type.Array(QuoteLineInput, { minItems: 1, maxItems: 200 });
    // #8: the shape only; blank keys, non-finite values and the limits are refused by the domain (fields.ts).
    case 'checklist':
      return Type.Array(
        Type.Object({
          key: Type.String({ maxLength: 200 }),
          ok: Type.Optional(Type.Boolean()),
          value: Type.Optional(Type.Number()),
          note: Type.Optional(Type.String({ maxLength: 2000 })),
        }),
        { maxItems: 200, description: 'checklist answers: ok for a yes/no item, value for a measurement' },
      );
  }
};

/**
 * The body of one action: the `version` the client read plus the action's own fields (required
 * unless optional in the domain table). Blank text and invalid instants/dates are refused by the
 * domain with the field named, so the rules live in one place.
 */
export function actionBody(fields: readonly FieldRule[]): TObject {
  const props: TProperties = {
    version: Type.Integer({ minimum: 1, description: 'the version you read; a stale one gets 409 VERSION_CONFLICT' }),
  };
  for (const f of fields) props[f.field] = f.optional ? Type.Optional(fieldSchema(f)) : fieldSchema(f);
  return Type.Object(props, { additionalProperties: false });
}

/**
 * A refused action: the problem+json body plus, for guards, `reason` (emergency_only,
 * documents_missing, reminder_once_a_day, reminder_too_early, same_priority) and its facts (`missing`, `nextAt`);
 * for INVALID_STATE the `action` and the `state` it was refused in.
 */
export const ActionProblemSchema = Type.Object(
  {
    ...ProblemSchema.properties,
    reason: Type.Optional(Type.String()),
    missing: Type.Optional(Type.Array(Type.String())),
    nextAt: Type.Optional(Type.String()),
    action: Type.Optional(Type.String()),
    state: Type.Optional(Type.String()),
  },
  { description: 'application/problem+json' },
);
export const actionProblems = { 409: ActionProblemSchema, 422: ActionProblemSchema } as const;

export const ActionParams = Type.Object({ id: Id }, { additionalProperties: false });

export const CommentBody = Body({
  body: Text(10_000),
  visibility: Type.Optional(
    Type.Union([Type.Literal('public'), Type.Literal('internal')], {
      default: 'public',
      description: 'internal: staff and contractor only (requesters may only write public)',
    }),
  ),
});
export type CommentInput = Static<typeof CommentBody>;

// --- rating links (public) -----------------------------------------------------------------------

export const RatingTokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export const RatingInfoSchema = Type.Object({
  ticketNumber: Type.String(),
  subject: Type.String(),
  building: Type.Object({ code: Type.String(), name: Type.String() }),
  closedAt: OrNull(Instant),
  expiresAt: Instant,
});
export const RatingBody = Body({
  stars: Type.Integer({ minimum: 1, maximum: 5 }),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
  workDone: Type.Boolean({ description: 'false reopens the ticket' }),
});
export const RatingResultSchema = Type.Object({
  ticketNumber: Type.String(),
  reopened: Type.Boolean(),
});

// --- price lists ---------------------------------------------------------------------------------

export const PriceListSchema = Type.Object({
  id: Id,
  code: Type.String(),
  name: Type.String(),
  source: OrNull(Type.String()),
  year: Type.Integer(),
  contract: OrNull(
    Type.Object({ id: Id, lot: Type.String(), cig: Type.String() }, { description: 'the lot whose quotes use it; null: every lot' }),
  ),
  active: Type.Boolean(),
  itemCount: Type.Integer(),
  createdAt: Instant,
  updatedAt: Instant,
  version: Type.Integer(),
});
export const PriceListItemSchema = Type.Object({
  id: Id,
  priceListId: Id,
  code: Type.String(),
  description: Type.String(),
  unit: Type.String(),
  priceCents: OrNull(Type.Integer()),
  surchargePercent: OrNull(Type.Number({ description: 'a % surcharge row (cannot be quoted on its own)' })),
});
export const PriceListQuery = Type.Object(
  {
    contractId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: "only the lists that contract's quotes may use: its own, then those of every lot",
      }),
    ),
  },
  { additionalProperties: false },
);
export const PriceListItemsQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({ maxLength: 200, description: 'a code fragment, or words matched by stem and prefix ("valvola" finds "valvole")' }),
    ),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);
export const PriceListImportResultSchema = Type.Object({
  priceList: PriceListSchema,
  items: Type.Integer(),
  headings: Type.Integer(),
  notes: Type.Integer({ description: 'note rows read and not imported' }),
});
