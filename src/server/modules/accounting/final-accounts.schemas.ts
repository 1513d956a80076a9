// HTTP shapes of final accounts (#10 item 2): the contractor's lines (price-list items, free lines,
// new prices by analysis), the actions and the account as read. Money is integer euro cents.
import { Type, type Static } from 'typebox';
import { Id, Instant, Nullable, ProblemSchema } from '../../../shared/schemas/common.ts';
import { LineCategory, QuoteLineInput } from '../../../shared/schemas/workflow.ts';

export const FINAL_ACCOUNT_STATES = ['draft', 'needs_service_head', 'submitted', 'approved', 'returned'] as const;
export type FinalAccountState = (typeof FINAL_ACCOUNT_STATES)[number];
export const FINAL_ACCOUNT_ACTIONS = ['submit', 'approve_variance', 'return_variance', 'approve', 'return'] as const;
export type FinalAccountAction = (typeof FINAL_ACCOUNT_ACTIONS)[number];

const State = Type.Unsafe<FinalAccountState>(Type.Union(FINAL_ACCOUNT_STATES.map((s) => Type.Literal(s))));
const OrNull = Nullable;
const Cents = (description: string) => Type.Integer({ description: `${description}; integer euro cents` });

export const AnalysisInput = Type.Object(
  {
    materialsCents: Type.Integer({ minimum: 0, maximum: 100_000_000_00 }),
    labourCents: Type.Integer({ minimum: 0, maximum: 100_000_000_00 }),
    equipmentCents: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000_00, description: 'equipment and transport' })),
    overheadsBp: Type.Optional(Type.Integer({ description: 'overheads, 1300–1700 bp (13–17 %); default 1500' })),
  },
  {
    additionalProperties: false,
    description: 'a new price by analysis (DPR 207/2010 art. 32): cost of one unit; overheads on it, then 10 % profit',
  },
);

export const FinalAccountLineInput = Type.Object(
  {
    ...QuoteLineInput.properties,
    analysis: Type.Optional(AnalysisInput),
  },
  { additionalProperties: false },
);
export type FinalAccountLineInputDto = Static<typeof FinalAccountLineInput>;

const Lines = Type.Array(FinalAccountLineInput, {
  maxItems: 200,
  description: 'the actual lines, quantities measured on site (up to three decimals, above zero)',
});
const Hours = Type.Number({ minimum: 0, maximum: 10_000, description: 'hours worked (flat-fee work records them), two decimals' });
const Materials = Type.String({ maxLength: 4000, description: 'materials used, as text' });

export const FinalAccountCreateBody = Type.Object(
  {
    lines: Type.Optional(Lines),
    hours: Type.Optional(Hours),
    materials: Type.Optional(Materials),
  },
  { additionalProperties: false, description: 'lines omitted: extra-fee work starts from the approved quote, flat-fee work from none' },
);

export const FinalAccountEditBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'the version you read; a stale one gets 409 VERSION_CONFLICT' }),
    lines: Type.Optional(Lines),
    hours: Type.Optional(Nullable(Hours)),
    materials: Type.Optional(Nullable(Materials)),
  },
  { additionalProperties: false },
);
export type FinalAccountEditInput = Static<typeof FinalAccountEditBody>;

export const FinalAccountActionBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    reason: Type.Optional(Type.String({ maxLength: 2000, description: 'return, return_variance: required' })),
    varianceReason: Type.Optional(
      Type.String({ maxLength: 2000, description: 'submit: required when the net differs from the approved quote' }),
    ),
  },
  { additionalProperties: false },
);
export type FinalAccountActionInput = Static<typeof FinalAccountActionBody>;

export const FinalAccountListQuery = Type.Object(
  {
    state: Type.Optional(State),
    contractorId: Type.Optional(Id),
    contractId: Type.Optional(Id),
    workOrderId: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'page size, default 100' })),
    cursor: Type.Optional(Type.String({ maxLength: 500, description: "the previous page's nextCursor" })),
  },
  { additionalProperties: false },
);
export type FinalAccountListInput = Static<typeof FinalAccountListQuery>;

const Person = Type.Object({ id: Id, label: Type.String() });

export const FinalAccountLineSchema = Type.Object({
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
  analysis: OrNull(
    Type.Object({
      materialsCents: Type.Integer(),
      labourCents: Type.Integer(),
      equipmentCents: Type.Integer(),
      overheadsBp: Type.Integer(),
      profitBp: Type.Integer(),
    }),
  ),
});

export const FinalAccountSchema = Type.Object({
  id: Id,
  workOrder: Type.Object({ id: Id, number: Type.String(), status: Type.String(), description: Type.String() }),
  contract: Type.Object({ id: Id, lot: Type.String(), cig: Type.String(), varianceThresholdBp: Type.Integer() }),
  contractor: Type.Object({ id: Id, name: Type.String() }),
  building: Type.Object({ id: Id, code: Type.String(), name: Type.String() }),
  basis: Type.Union([Type.Literal('flat_fee'), Type.Literal('extra_fee')]),
  status: State,
  quoteId: OrNull(Id),
  approvedNetCents: OrNull(Cents('the approved quote after the discount, before VAT')),
  discountBp: Type.Integer(),
  vatBp: Type.Integer(),
  lines: Type.Array(FinalAccountLineSchema),
  discountableCents: Cents('works lines'),
  discountCents: Cents("the contract's tender discount on the works lines"),
  undiscountedCents: Cents('safety and labour lines'),
  netCents: Cents('after the discount, before VAT'),
  vatCents: Cents('VAT'),
  totalCents: Cents('net plus VAT'),
  chargeableNetCents: Cents('what the work adds to the statement: the net for extra-fee work, 0 for flat-fee work'),
  varianceCents: OrNull(Cents('net minus the approved quote net (extra fee)')),
  varianceBp: OrNull(Type.Integer({ description: '|variance| over the approved net, basis points rounded up' })),
  varianceReason: OrNull(Type.String()),
  hours: OrNull(Type.Number()),
  materials: OrNull(Type.String()),
  submittedAt: OrNull(Instant),
  serviceHead: OrNull(Person),
  serviceHeadAt: OrNull(Instant),
  decidedBy: OrNull(Person),
  decidedAt: OrNull(Instant),
  returnReason: OrNull(Type.String()),
  availableActions: Type.Array(Type.String()),
  canEdit: Type.Boolean(),
  version: Type.Integer(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type FinalAccountDto = Static<typeof FinalAccountSchema>;

export const FinalAccountPage = Type.Object({
  items: Type.Array(FinalAccountSchema),
  nextCursor: Nullable(Type.String({ description: 'pass as `cursor` for the next page; null on the last one' })),
});

/** 422 DOCUMENTS_INCOMPLETE: the work order's closing documents not accepted yet, by type code and state. */
export const DocumentsIncompleteProblem = Type.Object(
  {
    ...ProblemSchema.properties,
    missing: Type.Optional(Type.Array(Type.String(), { description: 'document types not accepted yet (codes of /api/document-types)' })),
    states: Type.Optional(
      Type.Record(Type.String(), Type.String(), { description: 'their states: missing, uploaded (to check) or returned' }),
    ),
  },
  { description: 'application/problem+json' },
);
