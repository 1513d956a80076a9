// HTTP shapes of the work lists: GET /api/tickets, GET /api/work-orders, their exports, the
// counts for the navigation badges. Query schemas refuse unknown parameters (a typo in a filter
// must not silently widen a list).
import { Type, type Static, type TSchema } from 'typebox';
import { TICKET_STATES } from '../../../domain/workflow/ticket.ts';
import { WORK_ORDER_STATES } from '../../../domain/workflow/work-order.ts';
import { PLANNED_WORK_ORDER_STATES } from '../../../domain/workflow/planned-work-order.ts';
import { PRIORITIES } from '../../../domain/workflow/types.ts';
import { Id, Instant, IsoDate, Nullable } from '../../../shared/schemas/common.ts';
import { SLA_ROW_STATES } from '../sla/overdue.ts';
import { COUNT_CAP, EXPORT_MAX_ROWS, VIEWS } from './worklists.views.ts';

const literals = <T extends string>(values: readonly T[], description?: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    description ? { description } : {},
  );

export const TicketStatus = literals(TICKET_STATES);
/** Both machines' states: planned work orders (#8) add planned and cancelled. */
export const WorkOrderStatus = literals([...new Set<string>([...WORK_ORDER_STATES, ...PLANNED_WORK_ORDER_STATES])]);
export const Priority = literals(PRIORITIES);

const VIEW_DOC =
  'named work list: mine (requester: own open tickets, i.e. not closed; contractor: its open work orders; other staff: open tickets they opened), ' +
  'to_qualify (tickets new|qualifying|qualified), awaiting_my_action (per role: contractor issued…in_progress; ' +
  'building manager completed + in_plan_proposed; service head awaiting_authorization; call center resolved tickets), ' +
  'awaiting_authorization, waiting_materials, past_planned_date (scheduled with scheduled_at in the past, or waiting ' +
  'for materials with expected_on before today; not the SLA clocks), overdue (an SLA clock past its due instant), ' +
  'due_soon (an SLA clock due within 4 hours), planned_this_month (planned work orders still planned, due this ' +
  'month in Rome), planned_due_this_week (planned work orders open, due from today to Sunday), planned_late ' +
  '(planned work orders open past their due date). On tickets, a work-order list means "tickets having ' +
  'such a work order"; on work orders, a ticket list means "work orders of such tickets".';

const common = {
  view: Type.Optional(literals(VIEWS, VIEW_DOC)),
  buildingId: Type.Optional(Id),
  technologyClassId: Type.Optional(Id),
  priority: Type.Optional(Type.Array(Priority, { maxItems: 4, description: 'repeat for several' })),
  contractorId: Type.Optional(Id),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  sla: Type.Optional(
    Type.Array(literals(SLA_ROW_STATES), {
      maxItems: 5,
      description:
        'SLA state of the row, repeat for several: due (a clock counting, due instant ahead), overdue (past it), ' +
        'paused (waiting for materials or an authorization), met (every clock stopped in time), missed (stopped, one late). ' +
        'A ticket has the state of its most pressing work order.',
    }),
  ),
  q: Type.Optional(
    Type.String({
      maxLength: 200,
      description:
        'a number (2026-000123, ODL 2026-000123/1: exact or prefix) or words: each word must start a word of ' +
        'the subject or description (tickets) or of the description or location (work orders)',
    }),
  ),
};
const paging = {
  cursor: Type.Optional(Type.String({ maxLength: 1000, description: 'opaque; the nextCursor of the previous page' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  count: Type.Optional(Type.Boolean({ description: `true adds count (exact up to ${COUNT_CAP}, then countCapped)` })),
};
const ticketOnly = {
  kind: Type.Optional(literals(['fault', 'planned'] as const, 'fault (workflow 1) or planned (opened by a published program)')),
  status: Type.Optional(Type.Array(TicketStatus, { maxItems: 20, description: 'repeat for several: status=new&status=qualifying' })),
  sort: Type.Optional(
    literals(
      ['created', 'priority', 'number', 'due'] as const,
      'priority: emergency first, then by creation; due: SLA due instant, rows without one last; id breaks ties',
    ),
  ),
  order: Type.Optional(literals(['asc', 'desc'] as const, 'default desc (asc for priority and due)')),
};
const workOrderOnly = {
  status: Type.Optional(Type.Array(WorkOrderStatus, { maxItems: 20, description: 'repeat for several' })),
  ticketId: Type.Optional(Id),
  kind: Type.Optional(literals(['corrective', 'planned'] as const)),
  sort: Type.Optional(
    literals(
      ['issued', 'priority', 'number', 'due'] as const,
      'priority: emergency first, then by issue; due: SLA due instant, rows without one last; id breaks ties',
    ),
  ),
  order: Type.Optional(literals(['asc', 'desc'] as const, 'default desc (asc for priority and due)')),
};

const strict = { additionalProperties: false } as const;
const dateDoc = { description: 'from/to: calendar days (Europe/Rome), inclusive, on created (tickets) or issued (work orders)' };

export const TicketListQuery = Type.Object({ ...common, ...ticketOnly, ...paging }, { ...strict, ...dateDoc });
export const WorkOrderListQuery = Type.Object({ ...common, ...workOrderOnly, ...paging }, { ...strict, ...dateDoc });
const ExportFormat = Type.Object({ format: literals(['csv', 'xlsx'] as const) });
export const TicketExportQuery = Type.Object({ ...common, ...ticketOnly, ...ExportFormat.properties }, { ...strict, ...dateDoc });
export const WorkOrderExportQuery = Type.Object({ ...common, ...workOrderOnly, ...ExportFormat.properties }, { ...strict, ...dateDoc });

export type TicketListQueryInput = Static<typeof TicketListQuery>;
export type WorkOrderListQueryInput = Static<typeof WorkOrderListQuery>;

const Ref = Type.Object({ id: Id, code: Type.String(), name: Type.String() });

/** What a row shows of the SLA, from the stored state (kept in the transaction of every work-order action). */
export const SlaRow = Nullable(
  Type.Object(
    {
      state: literals(SLA_ROW_STATES),
      /** due and overdue: the earliest due instant of a clock still counting */
      dueAt: Nullable(Instant),
      pausedFor: Nullable(Type.String({ description: 'paused: the state the clock waits in (waiting_materials, awaiting_authorization)' })),
    },
    { description: 'null: no SLA clock (planned work, deferrable priority, cancelled before any breach)' },
  ),
);
const Named = Type.Object({ id: Id, name: Type.String() });

export const TicketWorkOrderSummary = Type.Object({
  id: Id,
  number: Type.String(),
  status: Type.String(),
  priority: Type.String(),
  technologyClass: Ref,
  contractor: Type.Optional(Type.Object({ id: Id, name: Type.String() }, { description: 'absent for requesters' })),
  scheduledAt: Nullable(Instant),
  expectedOn: Nullable(IsoDate),
  sla: SlaRow,
});

export const TicketListItem = Type.Object({
  id: Id,
  number: Type.String(),
  kind: Type.String({ description: 'fault | planned' }),
  status: Type.String(),
  priority: Nullable(Type.String()),
  danger: Type.Boolean(),
  channel: Type.String(),
  subject: Type.String(),
  building: Ref,
  space: Nullable(Ref),
  requesterName: Nullable(Type.String({ description: 'the requester, or the caller for phone tickets' })),
  createdAt: Instant,
  updatedAt: Instant,
  closedAt: Nullable(Instant),
  reopenCount: Type.Integer(),
  reminderCount: Type.Integer(),
  sla: SlaRow,
  workOrders: Type.Array(TicketWorkOrderSummary, { description: 'the work orders of the ticket the caller may see' }),
});

export const WorkOrderListItem = Type.Object({
  id: Id,
  number: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  outcome: Nullable(Type.String()),
  priority: Type.String(),
  description: Type.String({ description: 'at most 300 characters here; the export and the sheet carry it whole' }),
  location: Nullable(Type.String()),
  ticket: Nullable(Type.Object({ id: Id, number: Type.String(), subject: Type.String() })),
  building: Ref,
  space: Nullable(Ref),
  technologyClass: Ref,
  contractor: Named,
  contract: Type.Object({ id: Id, lot: Type.String(), cig: Type.String() }),
  assignee: Type.Union([Type.Object({ id: Id, label: Type.String() }), Type.Null()], {
    description: "#9: the contractor's technician it is assigned to",
  }),
  issuedAt: Instant,
  acknowledgedAt: Nullable(Instant),
  inspectionAt: Nullable(Instant),
  scheduledAt: Nullable(Instant),
  expectedOn: Nullable(IsoDate),
  completedAt: Nullable(Instant),
  closedAt: Nullable(Instant),
  sla: SlaRow,
});

const ListPage = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    nextCursor: Nullable(Type.String()),
    count: Type.Optional(Type.Integer({ description: `matching rows, ignoring the cursor; at most ${COUNT_CAP}` })),
    countCapped: Type.Optional(Type.Boolean({ description: `true when more than ${COUNT_CAP} rows match` })),
  });

export const TicketPage = ListPage(TicketListItem);
export const WorkOrderPage = ListPage(WorkOrderListItem);

export const WorklistCounts = Type.Object({
  items: Type.Array(
    Type.Object({
      resource: literals(['tickets', 'work-orders', 'inbound-messages'] as const),
      view: Type.String({ description: 'a work list; for inbound-messages: held (e-mails from unknown senders waiting to be handled)' }),
      count: Type.Integer(),
      capped: Type.Boolean({ description: `true when more than ${COUNT_CAP} (show "${COUNT_CAP}+")` }),
    }),
  ),
});

export const ExportDoc =
  `CSV (UTF-8 with BOM, ";" separator, CRLF: opens in Italian Excel) or XLSX; headers and labels in the caller's ` +
  `language; same filters and order as the list; at most ${EXPORT_MAX_ROWS} rows, else 400 BAD_REQUEST (code ` +
  '`exportTooLarge` in errors) asking to narrow the filters.';
