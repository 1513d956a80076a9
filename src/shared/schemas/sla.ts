// SLA tables, working calendars, closures, clocks, penalty rules and penalties, SLA reports in the
// HTTP API (docs/API.md "SLA and penalties"). Clock names and priorities are the domain's values
// (take_charge, on_site, resolution; emergency, urgent, ordinary, deferrable), also as object keys.
import { Type, type Static, type TProperties, type TSchema } from 'typebox';
import { CLOCKS } from '../../domain/sla.ts';
import { PRIORITIES } from '../../domain/workflow/types.ts';
import { Id, Instant, IsoDate, Nullable, ProblemSchema } from './common.ts';

const Literals = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      description ? { description } : {},
    ),
  );
const OrNull = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Body = <P extends TProperties>(props: P, description?: string) =>
  Type.Object(props, { additionalProperties: false, ...(description ? { description } : {}) });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Person = Type.Object({ id: OrNull(Id), label: Type.String() });

// Not imported from workflow.ts: workflow.ts imports ClocksSchema from here.
const Priority = Literals(PRIORITIES);
const AttachmentSchema = Type.Object({
  id: Id,
  kind: Type.String(),
  filename: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  createdAt: Instant,
  url: Type.String({ description: 'GET it: /api/attachments/{id}' }),
});

export const ClockNameSchema = Literals(CLOCKS, 'take_charge | on_site | resolution');
export const BasisSchema = Literals(['solar', 'working'] as const, "solar: 24/7; working: the contract's working calendar");

// --- SLA versions ----------------------------------------------------------------------------------

const LimitIn = Nullable(
  Type.Object(
    {
      minutes: Type.Integer({
        minimum: 1,
        maximum: 525_600,
        description: 'limit in minutes of solar or working time (a working day of the default calendar is 600)',
      }),
      basis: BasisSchema,
    },
    { additionalProperties: false },
  ),
);
const LimitOut = OrNull(Type.Object({ minutes: Type.Integer(), basis: BasisSchema }));

const perClock = <T extends TSchema>(t: T) => Type.Object({ take_charge: t, on_site: t, resolution: t }, { additionalProperties: false });
const perPriority = <T extends TSchema>(t: T) =>
  Type.Object(Object.fromEntries(PRIORITIES.map((p) => [p, t])) as Record<(typeof PRIORITIES)[number], T>, { additionalProperties: false });
const PauseStates = Type.Array(Type.String({ maxLength: 40 }), {
  maxItems: 13,
  description: 'work-order states in which the clock does not run',
});

export const SlaDefinitionSchema = Type.Object({
  limits: perPriority(perClock(LimitOut)),
  pauses: perClock(PauseStates),
});
export type SlaDefinitionDto = Static<typeof SlaDefinitionSchema>;

export const SlaVersionSchema = Type.Object({
  id: OrNull(Id),
  number: Type.Integer({ description: '1, 2, … per contract; 0 = the defaults (no version saved yet)' }),
  isDefault: Type.Boolean(),
  effectiveFrom: OrNull(
    Type.String({
      description: 'ISO-8601 UTC instant it takes effect: 00:00 in Rome of the day chosen, or when saved for today; null for the defaults',
    }),
  ),
  status: Literals(
    ['in_force', 'scheduled', 'superseded'] as const,
    'in_force: applies now; scheduled: from a later day; superseded: replaced',
  ),
  note: OrNull(Type.String()),
  createdBy: OrNull(Person),
  createdAt: OrNull(Instant),
  workOrders: Type.Integer({ description: 'work orders issued under this version' }),
  limits: perPriority(perClock(LimitOut)),
  pauses: perClock(PauseStates),
});
export type SlaVersionDto = Static<typeof SlaVersionSchema>;

export const ContractSlaSchema = Type.Object({
  contractId: Id,
  current: SlaVersionSchema,
  history: Type.Array(SlaVersionSchema, {
    description: 'every saved version, newest first (a scheduled one may be newer than the one in force)',
  }),
});
export type ContractSlaDto = Static<typeof ContractSlaSchema>;

export const SlaVersionBody = Body({
  version: Type.Integer({
    minimum: 0,
    description: 'the number of the newest version you read (history[0]; 0 for the defaults); another → 409 VERSION_CONFLICT',
  }),
  limits: perPriority(perClock(LimitIn)),
  pauses: perClock(PauseStates),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
  effectiveFrom: Type.Optional(
    Type.String({
      format: 'date',
      description:
        'the day it takes effect (Europe/Rome; default today = from when it is saved; a later day: from 00:00). ' +
        'An earlier day only while no work order of the contract was issued since (400 slaEffectivePast); never before the newest version (400 slaEffectiveBeforeLatest)',
    }),
  ),
});
export type SlaVersionInput = Static<typeof SlaVersionBody>;

// --- preview: when a ticket opened at an instant would be due, per priority and clock -------------

export const SlaPreviewBody = Body(
  {
    limits: Type.Optional(perPriority(perClock(LimitIn))),
    at: Type.Optional(Type.String({ format: 'date-time', description: 'the instant the work order would be issued (default: now)' })),
    siteId: Type.Optional(Id),
  },
  "limits: a draft table (default: the version in force); siteId: whose patron saint and closures count (default: the first site, by code, of the contract's buildings)",
);
export type SlaPreviewInput = Static<typeof SlaPreviewBody>;

const SiteRef = Type.Object({ id: Id, code: Type.String(), name: Type.String() });
export const SlaPreviewSchema = Type.Object(
  {
    contractId: Id,
    at: Instant,
    slaVersion: OrNull(
      Type.Object(
        { number: Type.Integer(), effectiveFrom: OrNull(Instant) },
        { description: 'the version in force at `at` whose limits were used (number 0: the defaults); null for a draft' },
      ),
    ),
    site: OrNull(SiteRef),
    sites: Type.Array(SiteRef, { description: "the sites of the contract's buildings, to preview another" }),
    items: Type.Array(
      Type.Object({
        priority: Priority,
        clock: ClockNameSchema,
        limitMinutes: OrNull(Type.Integer()),
        basis: OrNull(BasisSchema),
        dueAt: OrNull(Instant),
      }),
      { description: 'every priority × clock; dueAt null when the clock has no limit' },
    ),
  },
  {
    description:
      "computed with the domain's clocks, the contract's working week, national holidays, the site's patron saint and closures: what a work order issued at `at` gets",
  },
);
export type SlaPreviewDto = Static<typeof SlaPreviewSchema>;

// --- working calendar ------------------------------------------------------------------------------

const Range = Type.Object(
  {
    from: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:mm' }),
    to: Type.String({ pattern: '^(([01]\\d|2[0-3]):[0-5]\\d|24:00)$', description: 'HH:mm, up to 24:00' }),
  },
  { additionalProperties: false },
);
const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
const Week = Type.Object(
  Object.fromEntries(WEEKDAYS.map((d) => [d, Type.Optional(Type.Array(Range, { maxItems: 6 }))])) as unknown as Record<
    (typeof WEEKDAYS)[number],
    TSchema
  >,
  {
    additionalProperties: false,
    description: 'working ranges per ISO weekday (1 = Monday … 7 = Sunday); a missing or empty day is closed',
  },
);

export const CalendarSchema = Type.Object({
  contractId: Id,
  zone: Type.String(),
  week: Type.Record(Type.String(), Type.Array(Type.Object({ from: Type.String(), to: Type.String() }))),
  isDefault: Type.Boolean({ description: 'true: Mon–Fri 08:00–18:00, nothing saved yet' }),
  version: Type.Integer({ description: '0 while the default applies' }),
  updatedAt: OrNull(Instant),
  holidays: Type.String({ description: "what else is not working time: national holidays, the site's patron saint, closures" }),
});
export type CalendarDto = Static<typeof CalendarSchema>;

export const CalendarBody = Body({
  version: Type.Integer({ minimum: 0, description: 'the version you read (0 for the default)' }),
  week: Week,
});
export type CalendarInput = { version: number; week: Partial<Record<(typeof WEEKDAYS)[number], Array<{ from: string; to: string }>>> };

export const HolidaysQuery = Type.Object(
  {
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: 'the calendar year (default: this year in Rome)' })),
  },
  { additionalProperties: false },
);
export const HolidaysSchema = Type.Object(
  {
    contractId: Id,
    year: Type.Integer(),
    items: Type.Array(
      Type.Object({
        date: IsoDate,
        kind: Literals(['national', 'patron_saint', 'closure'] as const),
        name: OrNull(
          Type.String({ description: "the holiday in the caller's language (national), the closure's reason; null for a patron saint" }),
        ),
        site: OrNull(Type.Object({ id: Id, code: Type.String(), name: Type.String() }, { description: 'null: every site' })),
      }),
    ),
  },
  {
    description:
      "the days that are not working time for the contract in a year besides its week: national holidays, its sites' patron saints, closures; by date",
  },
);
export type HolidaysDto = Static<typeof HolidaysSchema>;

// --- closures --------------------------------------------------------------------------------------

export const ClosureSchema = Type.Object({
  id: Id,
  siteId: OrNull(Id),
  siteCode: OrNull(Type.String()),
  date: IsoDate,
  dateTo: IsoDate,
  days: Type.Integer({ description: 'days closed, date to dateTo included' }),
  reason: Type.String(),
  createdAt: Instant,
});
export type ClosureDto = Static<typeof ClosureSchema>;
export const ClosureBody = Body({
  siteId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64, description: 'a site, or null for every site' }))),
  date: IsoDate,
  dateTo: Type.Optional(IsoDate),
  reason: Text(500),
});
export const ClosurePatchBody = Body({
  siteId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
  date: Type.Optional(IsoDate),
  dateTo: Type.Optional(IsoDate),
  reason: Type.Optional(Text(500)),
});
export const ClosureListQuery = Type.Object(
  {
    siteId: Type.Optional(Id),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);

// --- clocks of a work order ------------------------------------------------------------------------

export const ClockSchema = Type.Object({
  clock: ClockNameSchema,
  status: Literals(['running', 'paused', 'met', 'breached', 'not_applicable', 'cancelled'] as const),
  limitMinutes: OrNull(Type.Integer()),
  basis: OrNull(BasisSchema),
  startedAt: OrNull(Instant),
  dueAt: OrNull(Instant),
  stoppedAt: OrNull(Instant),
  elapsedMs: Type.Integer({ description: 'counted time (solar or working per basis), pauses excluded' }),
  pausedMs: Type.Integer(),
  pauses: Type.Array(Type.Object({ from: Instant, to: OrNull(Instant), state: Type.String() })),
  remainingMs: OrNull(Type.Integer()),
  breachedByMs: Type.Integer(),
  share: OrNull(Type.Number({ description: 'elapsed / limit (≥ 1: breached)' })),
  explanation: Type.String({ description: "the clock in words, in the caller's language" }),
  headline: Type.String({
    description:
      "the card's first line in the caller's language: the due instant first, the time left (working time named as such) and, when the calendar makes it differ from clock time, why",
  }),
});
export type ClockDto = Static<typeof ClockSchema>;

export const ClocksSchema = Type.Object(
  {
    slaVersion: OrNull(Type.Object({ id: Id, number: Type.Integer() })),
    computedAt: Instant,
    items: Type.Array(ClockSchema),
  },
  { description: 'SLA clocks computed now from the timeline (docs/SLA.md)' },
);
export type ClocksDto = Static<typeof ClocksSchema>;

// --- penalty rules ---------------------------------------------------------------------------------

export const PENALTY_RULE_KINDS = ['per_hour', 'per_day', 'per_mille_per_day', 'fixed'] as const;
export const FIXED_EVENTS = ['late_planned_activity', 'late_documents'] as const;

export const PenaltyRuleSchema = Type.Object({
  id: Id,
  contractId: Id,
  kind: Literals(PENALTY_RULE_KINDS),
  clock: OrNull(ClockNameSchema),
  priority: OrNull(Priority),
  event: OrNull(Literals(FIXED_EVENTS)),
  amountCents: OrNull(Type.Integer({ description: 'per started hour (per_hour), per started day (per_day), per event (fixed)' })),
  perMille: OrNull(Type.Number({ description: '‰ of the net contract amount per started day (per_mille_per_day)' })),
  dailyPerMille: OrNull(Type.Number({ description: 'the rule as ‰ a day of the net amount (per_hour: over 24 hours)' })),
  active: Type.Boolean(),
  version: Type.Integer(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type PenaltyRuleDto = Static<typeof PenaltyRuleSchema>;

export const PenaltyRuleBody = Body(
  {
    kind: Literals(PENALTY_RULE_KINDS),
    clock: Type.Optional(ClockNameSchema),
    priority: Type.Optional(Priority),
    event: Type.Optional(Literals(FIXED_EVENTS)),
    amountCents: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000_000 })),
    perMille: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000 })),
  },
  'per_hour / per_day: clock, priority, amountCents; per_mille_per_day: clock, priority, perMille; fixed: event, amountCents; ' +
    'per_day / per_mille_per_day with event late_planned_activity and no clock or priority: whole days a planned activity is late',
);
export type PenaltyRuleInput = Static<typeof PenaltyRuleBody>;

export const PenaltyRulePatchBody = Body({
  version: Type.Integer({ minimum: 1 }),
  amountCents: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000_000 })),
  perMille: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000 })),
  active: Type.Optional(Type.Boolean()),
});
export type PenaltyRulePatch = Static<typeof PenaltyRulePatchBody>;

export const RuleParams = Type.Object({ id: Id, ruleId: Id }, { additionalProperties: false });

export const PenaltySummarySchema = Type.Object({
  contractId: Id,
  netAmountCents: Type.Integer(),
  capPercent: Type.Number(),
  capCents: Type.Integer(),
  appliedCents: Type.Integer({ description: 'applied and reduced penalties (final amounts)' }),
  openCents: Type.Integer({ description: 'proposed, contested and counter-argued penalties' }),
  waivedCents: Type.Integer(),
  remainingCents: Type.Integer({ description: 'cap − applied − open (never below 0)' }),
  usedPercent: Type.Number({ description: '(applied + open) / cap × 100' }),
  counts: Type.Record(Type.String(), Type.Integer()),
  legalRange: Type.Object({
    minDailyPerMille: Type.Number(),
    maxDailyPerMille: Type.Number(),
    minDailyCents: Type.Integer(),
    maxDailyCents: Type.Integer(),
  }),
});
export type PenaltySummaryDto = Static<typeof PenaltySummarySchema>;

// --- penalties -------------------------------------------------------------------------------------

export const PENALTY_STATUSES = ['proposed', 'contested', 'counter_argued', 'applied', 'reduced', 'waived', 'withdrawn'] as const;
export const PenaltyStatusSchema = Literals(PENALTY_STATUSES);

export const PenaltySchema = Type.Object({
  id: Id,
  status: PenaltyStatusSchema,
  contract: Type.Object({ id: Id, lot: Type.String(), cig: Type.String(), title: Type.String() }),
  contractor: Type.Object({ id: Id, name: Type.String() }),
  workOrder: OrNull(
    Type.Object({
      id: Id,
      number: Type.String(),
      priority: Priority,
      building: Type.Object({ id: Id, code: Type.String(), name: Type.String() }),
    }),
  ),
  clock: OrNull(ClockNameSchema),
  breachKey: Type.String(),
  breachedByMs: OrNull(Type.Integer()),
  rule: OrNull(PenaltyRuleSchema),
  computedCents: Type.Integer({ description: 'what the rule gives for the breach' }),
  proposedCents: Type.Integer({ description: 'after the cap' }),
  finalCents: OrNull(Type.Integer({ description: 'applied or reduced amount' })),
  clippedByCap: Type.Boolean(),
  termEndsAt: OrNull(Instant),
  period: Type.String({ description: 'YYYY-MM of the breach' }),
  createdAt: Instant,
  updatedAt: Instant,
  version: Type.Integer(),
});
export type PenaltyDto = Static<typeof PenaltySchema>;

export const PenaltyEventSchema = Type.Object({
  id: Id,
  at: Instant,
  actor: Person,
  action: Type.String(),
  from: OrNull(Type.String()),
  to: OrNull(Type.String()),
  data: Type.Record(Type.String(), Type.Unknown()),
});

export const PenaltyDetailSchema = Type.Object({
  ...PenaltySchema.properties,
  availableActions: Type.Array(Type.String()),
  explanation: OrNull(Type.String({ description: 'the breached clock in words, computed now' })),
  timeline: Type.Array(PenaltyEventSchema),
  attachments: Type.Array(AttachmentSchema, { description: "the formal notice (PDF) and the contractor's files" }),
});
export type PenaltyDetailDto = Static<typeof PenaltyDetailSchema>;

export const PenaltyListQuery = Type.Object(
  {
    contractId: Type.Optional(Id),
    workOrderId: Type.Optional(Id),
    status: Type.Optional(PenaltyStatusSchema),
    period: Type.Optional(Type.String({ pattern: '^\\d{4}(-(0[1-9]|1[0-2]))?$', description: 'YYYY-MM or YYYY' })),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);
export const PenaltyPage = Type.Object({ items: Type.Array(PenaltySchema), nextCursor: OrNull(Type.String()) });

const versionField = Type.Integer({ minimum: 1, description: 'the version you read; a stale one gets 409 VERSION_CONFLICT' });
export const PENALTY_ACTION_BODIES = {
  contest: Body({ version: versionField, note: Type.Optional(Type.String({ maxLength: 10_000 })) }),
  counter_argue: Body({
    version: versionField,
    text: Text(10_000),
    attachmentIds: Type.Optional(
      Type.Array(Id, { maxItems: 20, description: 'files uploaded first to the work order (POST /api/work-orders/{id}/attachments)' }),
    ),
  }),
  apply: Body({ version: versionField, reason: Text(10_000) }),
  reduce: Body({
    version: versionField,
    amountCents: Type.Integer({ minimum: 1, description: 'the reduced amount, below the proposal' }),
    reason: Text(10_000),
  }),
  waive: Body({ version: versionField, reason: Text(10_000) }),
  withdraw: Body({ version: versionField, reason: Text(10_000) }),
} as const;

export const ManualPenaltyBody = Body(
  {
    contractId: Id,
    workOrderId: Type.Optional(Id),
    amountCents: Type.Integer({ minimum: 1, description: "the amount asked; clipped to what the contract's cap leaves (clippedByCap)" }),
    reason: Text(10_000),
    evidence: Type.Optional(Type.String({ maxLength: 10_000, description: 'text evidence' })),
    attachmentIds: Type.Optional(
      Type.Array(Id, {
        maxItems: 20,
        description: 'files uploaded first to the work order (POST /api/work-orders/{id}/attachments); needs workOrderId',
      }),
    ),
  },
  'A penalty proposed by hand',
);
export type ManualPenaltyInput = Static<typeof ManualPenaltyBody>;

/** A refused penalty action: problem+json with `reason` (term_expired, term_running) and `termEndsAt`, or `action` and `state`. */
export const PenaltyProblemSchema = Type.Object(
  {
    ...ProblemSchema.properties,
    reason: Type.Optional(Type.String()),
    termEndsAt: Type.Optional(Type.String()),
    action: Type.Optional(Type.String()),
    state: Type.Optional(Type.String()),
  },
  { description: 'application/problem+json' },
);

export const RegisterQuery = Type.Object(
  {
    contractId: Id,
    period: Type.String({ pattern: '^\\d{4}(-(0[1-9]|1[0-2]))?$', description: 'YYYY-MM or YYYY' }),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx'), Type.Literal('pdf')], { default: 'json' })),
  },
  { additionalProperties: false },
);

export const RegisterSchema = Type.Object({
  contract: Type.Object({
    id: Id,
    lot: Type.String(),
    cig: Type.String(),
    title: Type.String(),
    contractor: Type.String(),
    netAmountCents: Type.Integer(),
  }),
  period: Type.String(),
  rows: Type.Array(
    Type.Object({
      id: Id,
      period: Type.String(),
      workOrderNumber: OrNull(Type.String()),
      building: OrNull(Type.String()),
      priority: OrNull(Priority),
      clock: OrNull(ClockNameSchema),
      breachedByMs: OrNull(Type.Integer()),
      rule: OrNull(Type.String()),
      computedCents: Type.Integer(),
      proposedCents: Type.Integer(),
      finalCents: OrNull(Type.Integer()),
      status: PenaltyStatusSchema,
      contestedAt: OrNull(Instant),
      decidedAt: OrNull(Instant),
    }),
  ),
  totals: Type.Object({
    proposedCents: Type.Integer(),
    openCents: Type.Integer(),
    appliedCents: Type.Integer(),
    waivedCents: Type.Integer(),
  }),
});
export type RegisterDto = Static<typeof RegisterSchema>;

// --- reports ---------------------------------------------------------------------------------------

export const REPORT_GROUPS = ['contract', 'priority', 'technologyClass', 'month'] as const;
export const ComplianceQuery = Type.Object(
  {
    from: IsoDate,
    to: IsoDate,
    groupBy: Type.Optional(
      Type.Union(
        REPORT_GROUPS.map((g) => Type.Literal(g)),
        { default: 'contract' },
      ),
    ),
    contractId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

const Counts = {
  clocks: Type.Integer({ description: 'clocks with a limit (not cancelled before their limit)' }),
  met: Type.Integer(),
  breached: Type.Integer(),
  open: Type.Integer({ description: 'still running or paused, not yet breached' }),
  metShare: OrNull(Type.Number({ description: 'met / (met + breached), 0..1' })),
  breachedByMsTotal: Type.Integer(),
};
export const ComplianceSchema = Type.Object({
  from: IsoDate,
  to: IsoDate,
  groupBy: Type.String(),
  computedAt: Instant,
  workOrders: Type.Integer(),
  groups: Type.Array(
    Type.Object({
      key: Type.String(),
      label: Type.String(),
      ...Counts,
      byClock: Type.Record(Type.String(), Type.Object(Counts)),
    }),
  ),
  total: Type.Object({ ...Counts, byClock: Type.Record(Type.String(), Type.Object(Counts)) }),
});
export type ComplianceDto = Static<typeof ComplianceSchema>;

export const BreachesQuery = Type.Object(
  {
    from: IsoDate,
    to: IsoDate,
    contractId: Type.Optional(Id),
    clock: Type.Optional(ClockNameSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 1000 })),
  },
  { additionalProperties: false },
);
export const BreachesSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      workOrder: Type.Object({ id: Id, number: Type.String(), status: Type.String(), priority: Priority }),
      contract: Type.Object({ id: Id, lot: Type.String() }),
      building: Type.Object({ id: Id, code: Type.String() }),
      clock: ClockNameSchema,
      dueAt: Instant,
      stoppedAt: OrNull(Instant),
      breachedByMs: Type.Integer(),
      explanation: Type.String(),
      penalty: OrNull(
        Type.Object({ id: Id, status: PenaltyStatusSchema, proposedCents: Type.Integer(), finalCents: OrNull(Type.Integer()) }),
      ),
    }),
  ),
  truncated: Type.Boolean(),
});
export type BreachesDto = Static<typeof BreachesSchema>;

export const PenaltiesVsCapSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      contract: Type.Object({ id: Id, lot: Type.String(), cig: Type.String(), contractor: Type.String() }),
      ...PenaltySummarySchema.properties,
    }),
  ),
});
