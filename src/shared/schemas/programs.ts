// Monthly programs of planned maintenance, the planned-work calendar data and the calendar feeds
// (docs/PLANNED.md "Monthly programs", "Calendar feeds").
import { Type, type Static } from 'typebox';
import { Id, Instant, IsoDate, Nullable } from './common.ts';

const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
const Hhmm = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM' });
const ProgramStatus = Type.Union(['draft', 'submitted', 'returned', 'approved', 'published'].map((s) => Type.Literal(s)));

export const ProgramItemSchema = Type.Object({
  id: Id,
  planId: Id,
  activity: Type.String(),
  buildingId: Id,
  buildingCode: Type.String(),
  buildingName: Type.String(),
  assetId: Nullable(Type.String()),
  assetName: Nullable(Type.String()),
  technologyClassId: Id,
  dueOn: IsoDate,
  plannedOn: IsoDate,
  shiftReason: Nullable(Type.String({ description: 'holiday | patron_saint | closure | weekend: why the due date moved' })),
  windowFrom: Nullable(Type.String()),
  windowTo: Nullable(Type.String()),
  technician: Nullable(Type.String()),
  source: Type.String({ description: 'calendar | floating | meter | manual' }),
  ticketId: Nullable(Type.String()),
  ticketNumber: Nullable(Type.String()),
  workOrderId: Nullable(Type.String()),
  workOrderNumber: Nullable(Type.String()),
  workOrderStatus: Nullable(Type.String()),
  scheduledAt: Nullable(Type.String()),
  late: Type.Boolean(),
  version: Type.Integer(),
});
export type ProgramItemDto = Static<typeof ProgramItemSchema>;

export const ProgramEventSchema = Type.Object({
  id: Id,
  at: Instant,
  actor: Type.Object({ id: Nullable(Type.String()), label: Type.String() }),
  action: Type.String(),
  from: Nullable(Type.String()),
  to: Nullable(Type.String()),
  data: Type.Record(Type.String(), Type.Unknown()),
});

export const ProgramSchema = Type.Object({
  id: Id,
  contractId: Id,
  contractTitle: Type.String(),
  lot: Type.String(),
  contractorId: Id,
  contractorName: Type.String(),
  month: Month,
  status: ProgramStatus,
  remarks: Nullable(Type.String()),
  grouping: Type.String({ description: 'activity | building_day: one planned ticket per item, or per (building, day)' }),
  submittedAt: Nullable(Type.String()),
  approvedAt: Nullable(Type.String()),
  publishedAt: Nullable(Type.String()),
  createdAt: Instant,
  updatedAt: Instant,
  version: Type.Integer(),
  availableActions: Type.Array(Type.String()),
  /** Only the caller's buildings' items for a building manager. */
  items: Type.Array(ProgramItemSchema),
  compliance: Type.Object({ due: Type.Integer(), doneOnTime: Type.Integer(), late: Type.Integer(), pct: Nullable(Type.Number()) }),
  timeline: Type.Array(ProgramEventSchema),
});
export type ProgramDto = Static<typeof ProgramSchema>;

export const ProgramListItemSchema = Type.Object({
  id: Id,
  contractId: Id,
  contractTitle: Type.String(),
  lot: Type.String(),
  contractorId: Id,
  contractorName: Type.String(),
  month: Month,
  status: ProgramStatus,
  itemCount: Type.Integer(),
  updatedAt: Instant,
  version: Type.Integer(),
});
export const ProgramListSchema = Type.Object({ items: Type.Array(ProgramListItemSchema), nextCursor: Nullable(Type.String()) });

export const ProgramListQuery = Type.Object(
  {
    contractId: Type.Optional(Id),
    month: Type.Optional(Month),
    status: Type.Optional(ProgramStatus),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);

export const ProgramGenerateBody = Type.Object({ contractId: Id, month: Month }, { additionalProperties: false });
export type ProgramGenerateInput = Static<typeof ProgramGenerateBody>;

export const ProgramItemParams = Type.Object({ id: Id, itemId: Id }, { additionalProperties: false });

export const ProgramItemPatchBody = Type.Object(
  {
    plannedOn: Type.Optional(IsoDate),
    windowFrom: Type.Optional(Nullable(Hhmm)),
    windowTo: Type.Optional(Nullable(Hhmm)),
    technician: Type.Optional(Nullable(Type.String({ maxLength: 120 }))),
    version: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);
export type ProgramItemPatch = Static<typeof ProgramItemPatchBody>;

export const ProgramActionBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'the version you read; a stale one gets 409 VERSION_CONFLICT' }),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    remarks: Type.Optional(Type.String({ maxLength: 4000 })),
    grouping: Type.Optional(Type.String({ maxLength: 20, description: 'publish: activity | building_day' })),
  },
  { additionalProperties: false },
);

// --- the calendar of planned work -------------------------------------------------------------------

export const PlannedWorkQuery = Type.Object(
  {
    from: IsoDate,
    to: IsoDate,
    buildingId: Type.Optional(Id),
    contractId: Type.Optional(Id),
    contractorId: Type.Optional(Id),
    status: Type.Optional(
      Type.String({ maxLength: 40, description: 'the work order status, or unpublished (program items not yet published)' }),
    ),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export type PlannedWorkFilter = Static<typeof PlannedWorkQuery>;

export const PlannedWorkItemSchema = Type.Object({
  programItemId: Id,
  programId: Id,
  programStatus: Type.String(),
  month: Type.String(),
  workOrderId: Nullable(Type.String()),
  workOrderNumber: Nullable(Type.String()),
  workOrderStatus: Nullable(Type.String()),
  ticketId: Nullable(Type.String()),
  activity: Type.String(),
  buildingId: Id,
  buildingCode: Type.String(),
  buildingName: Type.String(),
  assetName: Nullable(Type.String()),
  contractId: Id,
  contractorId: Id,
  date: IsoDate,
  windowFrom: Nullable(Type.String()),
  windowTo: Nullable(Type.String()),
  technician: Nullable(Type.String()),
  scheduledAt: Nullable(Type.String()),
  late: Type.Boolean(),
  version: Type.Integer(),
});
export const PlannedWorkListSchema = Type.Object({ items: Type.Array(PlannedWorkItemSchema), nextCursor: Nullable(Type.String()) });

// --- calendar feeds ---------------------------------------------------------------------------------

export const CalendarFeedBody = Type.Object(
  {
    contractId: Type.Optional(Id),
    buildingId: Type.Optional(Id),
    name: Type.String({ minLength: 1, maxLength: 120 }),
  },
  { additionalProperties: false },
);
export type CalendarFeedInput = Static<typeof CalendarFeedBody>;

export const CalendarFeedSchema = Type.Object({
  id: Id,
  name: Type.String(),
  contractId: Nullable(Type.String()),
  buildingId: Nullable(Type.String()),
  prefix: Type.String({ description: 'the first characters of the secret, to tell feeds apart' }),
  createdAt: Instant,
  revokedAt: Nullable(Type.String()),
  url: Type.Optional(Type.String({ description: 'only in the answer to POST: the secret URL, shown once' })),
});
export const CalendarFeedListSchema = Type.Object({ items: Type.Array(CalendarFeedSchema), nextCursor: Nullable(Type.String()) });
export const CalendarTokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
