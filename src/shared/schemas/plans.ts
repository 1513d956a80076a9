// Maintenance plans and meters in the HTTP API (#8). Values a schema cannot judge (the RRULE,
// MM-DD windows, checklist consistency, asset/building/class agreement) are checked by the
// plans service, which names the field and the rule.
import { Type, type Static, type TProperties } from 'typebox';
import { AuditedFields, Id, Instant, IsoDate, ListQuery, Nullable } from './common.ts';

const Literals = <T extends string>(values: readonly T[]) => Type.Unsafe<T>(Type.Union(values.map((v) => Type.Literal(v))));
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Body = <P extends TProperties>(props: P) => Type.Object(props, { additionalProperties: false });

export const SCHEDULE_KINDS = ['calendar', 'floating', 'meter'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];
/** Documents a plan may require at completion; maintenance_tag is e.g. the extinguisher's "cartellino". */
export const PLAN_DOCUMENTS = ['conformity_declaration', 'logbook_entry', 'test_report', 'as_built', 'maintenance_tag'] as const;
export type PlanDocument = (typeof PLAN_DOCUMENTS)[number];

export const ChecklistItemSchema = Type.Object(
  {
    key: Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z0-9_]+$' }),
    label: Text(200),
    kind: Literals(['yes_no', 'measure'] as const),
    unit: Type.Optional(Type.String({ maxLength: 20 })),
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
  },
  { additionalProperties: false },
);
export type ChecklistItemDto = Static<typeof ChecklistItemSchema>;

const MonthDay = Type.String({ maxLength: 5, description: 'MM-DD' });

const planFields = {
  code: Text(50),
  activity: Text(300),
  description: Nullable(Type.String({ maxLength: 2000 })),
  buildingId: Id,
  technologyClassId: Id,
  assetId: Nullable(Id),
  scheduleKind: Literals(SCHEDULE_KINDS),
  rrule: Nullable(Type.String({ maxLength: 500, description: 'RFC 5545 RRULE body, no DTSTART (startsOn is it)' })),
  startsOn: IsoDate,
  endsOn: Nullable(IsoDate),
  seasonFrom: Nullable(MonthDay),
  seasonTo: Nullable(MonthDay),
  shift: Literals(['next', 'previous'] as const),
  lastDoneOn: Nullable(IsoDate),
  meterId: Nullable(Id),
  meterEvery: Nullable(Type.Number({ description: 'meter units between two activities (e.g. 2000 hours)' })),
  checklist: Type.Array(ChecklistItemSchema, { maxItems: 100 }),
  requiredDocuments: Type.Array(Literals(PLAN_DOCUMENTS), { maxItems: 5 }),
  regulation: Nullable(Type.String({ maxLength: 200 })),
  estimatedMinutes: Nullable(Type.Integer({ minimum: 1, maximum: 100_000 })),
};

const optional = <T extends TProperties>(fields: T) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Type.Optional(v)])) as {
    [K in keyof T]: ReturnType<typeof Type.Optional<T[K]>>;
  };

const { code, activity, buildingId, technologyClassId, scheduleKind, startsOn, ...rest } = planFields;
export const PlanCreate = Body({ code, activity, buildingId, technologyClassId, scheduleKind, startsOn, ...optional(rest) });
export const PlanPatch = Body({ ...optional(planFields), active: Type.Optional(Type.Boolean()), version: Type.Integer({ minimum: 1 }) });

export const PlanSchema = Type.Object({
  ...AuditedFields,
  ...planFields,
  buildingCode: Type.String(),
  buildingName: Type.String(),
  technologyClassCode: Type.String(),
  assetCode: Nullable(Type.String()),
  assetName: Nullable(Type.String()),
  meterName: Nullable(Type.String()),
  meterUnit: Nullable(Type.String()),
  meterLastTrigger: Nullable(Type.Number({ description: 'the highest meter threshold already opened' })),
  ruleText: Type.String({ description: "the schedule in words, in the caller's language" }),
  nextDue: Nullable(IsoDate),
});
export type PlanDto = Static<typeof PlanSchema>;

export const PlanQuery = Type.Object(
  {
    ...ListQuery,
    buildingId: Type.Optional(Id),
    technologyClassId: Type.Optional(Id),
    assetId: Type.Optional(Id),
    scheduleKind: Type.Optional(Literals(SCHEDULE_KINDS)),
  },
  { additionalProperties: false },
);

export const PlanPreviewQuery = Type.Object(
  {
    rrule: Type.String({ maxLength: 500 }),
    startsOn: IsoDate,
    endsOn: Type.Optional(IsoDate),
    seasonFrom: Type.Optional(MonthDay),
    seasonTo: Type.Optional(MonthDay),
    shift: Type.Optional(Literals(['next', 'previous'] as const)),
    scheduleKind: Type.Optional(Literals(SCHEDULE_KINDS)),
    count: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 })),
  },
  { additionalProperties: false },
);
export const PlanPreviewSchema = Type.Object({
  valid: Type.Boolean(),
  ruleText: Type.String(),
  dates: Type.Array(IsoDate, { description: 'the next dates from today (or from startsOn if later), before any working-day shift' }),
});

// --- meters ------------------------------------------------------------------------------------
export const MeterCreate = Body({ assetId: Id, name: Text(100), unit: Text(20) });
export const MeterSchema = Type.Object({
  ...AuditedFields,
  assetId: Id,
  assetCode: Type.String(),
  assetName: Type.String(),
  buildingId: Id,
  name: Type.String(),
  unit: Type.String(),
  lastValue: Nullable(Type.Number()),
  lastReadAt: Nullable(Instant),
});
export type MeterDto = Static<typeof MeterSchema>;
export const MeterQuery = Type.Object(
  {
    ...ListQuery,
    assetId: Type.Optional(Id),
    buildingId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

export const ReadingCreate = Body({
  value: Type.Number({ minimum: 0, maximum: 1e12 }),
  readAt: Type.String({ format: 'date-time' }),
});
export const ReadingSchema = Type.Object({
  id: Id,
  meterId: Id,
  value: Type.Number(),
  readAt: Instant,
  source: Type.String(),
  recordedById: Nullable(Id),
  createdAt: Instant,
});
export type ReadingDto = Static<typeof ReadingSchema>;
export const ReadingQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);
export const ReadingCreated = Type.Object({
  reading: ReadingSchema,
  /** The activities this reading opened (meter plans whose next threshold it passed). */
  opened: Type.Array(Type.Object({ planId: Id, thresholdMilli: Type.Number(), programId: Id, programItemId: Id, month: Type.String() })),
});
