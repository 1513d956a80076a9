// HTTP shapes of the monthly statements of a contract (#10 item 4, stato di avanzamento). Money is
// integer euro cents; penalties are negative amounts on the items.
import { Type, type Static } from 'typebox';
import { Id, Instant, IsoDate, Nullable } from '../../../shared/schemas/common.ts';

export const STATEMENT_STATES = ['draft', 'approved'] as const;
export type StatementState = (typeof STATEMENT_STATES)[number];
export const STATEMENT_ITEM_KINDS = ['flat_fee', 'extra_fee', 'kpi_reward', 'penalty', 'penalty_carried', 'withholding_release'] as const;
export type StatementItemKind = (typeof STATEMENT_ITEM_KINDS)[number];
export const DURC_STATES = ['valid', 'expiring', 'expired', 'missing'] as const;

const Period = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'the month, YYYY-MM' });
const Cents = (description: string) => Type.Integer({ description: `${description}; integer euro cents` });
const Literals = <T extends readonly string[]>(xs: T) => Type.Unsafe<T[number]>(Type.Union(xs.map((x) => Type.Literal(x))));

export const StatementPrepareBody = Type.Object(
  {
    period: Period,
    final: Type.Optional(
      Type.Boolean({ description: "the final statement: releases the withholding; needs the contract's conformity check date" }),
    ),
  },
  { additionalProperties: false },
);
export type StatementPrepareInput = Static<typeof StatementPrepareBody>;

export const StatementActionBody = Type.Object(
  { version: Type.Integer({ minimum: 1, description: 'the version you read; a stale one gets 409 VERSION_CONFLICT' }) },
  { additionalProperties: false },
);
export type StatementActionInput = Static<typeof StatementActionBody>;

export const StatementListQuery = Type.Object(
  {
    contractId: Type.Optional(Id),
    contractorId: Type.Optional(Id),
    period: Type.Optional(Period),
    status: Type.Optional(Literals(STATEMENT_STATES)),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);
export type StatementListInput = Static<typeof StatementListQuery>;

export const StatementExportQuery = Type.Object(
  { format: Type.Union([Type.Literal('pdf'), Type.Literal('xlsx')]) },
  { additionalProperties: false },
);

export const StatementItemSchema = Type.Object({
  id: Id,
  position: Type.Integer(),
  kind: Literals(STATEMENT_ITEM_KINDS),
  description: Type.String({ description: 'the work order, the month or the earlier statement the item stands for' }),
  amountCents: Cents('signed: penalties negative'),
  workOrder: Nullable(Type.Object({ id: Id, number: Type.String(), description: Type.String() })),
  finalAccountId: Nullable(Id),
  finalAccountApprovedAt: Nullable(Instant),
  penaltyId: Nullable(Id),
  penaltyPeriod: Nullable(Type.String()),
  kpiReportId: Nullable(Id),
});

export const StatementTotalsSchema = Type.Object({
  flatFeeCents: Cents("the period's flat-fee instalment"),
  extraFeeCents: Cents('approved extra-fee final accounts'),
  rewardsCents: Cents('rewards of signed-off indicator reports (penalty/reward scheme)'),
  grossCents: Cents('instalment + extra fee + rewards'),
  penaltiesCents: Cents("the period's penalties plus those carried in"),
  penaltiesDeductedCents: Cents('deducted here, never more than the gross'),
  penaltiesCarriedCents: Cents('left for the next statement'),
  netCents: Cents('gross − penalties deducted'),
  previousNetCents: Cents('progressive net of the earlier approved statements'),
  progressiveNetCents: Cents('progressive net after this statement'),
  withheldCents: Cents('0.50 % withheld here (D.Lgs. 36/2023 art. 11 c. 6)'),
  releasedCents: Cents('withholding released (final statement only)'),
  taxableCents: Cents('net − withheld + released'),
  vatBp: Type.Integer({ description: 'VAT rate, basis points' }),
  vatCents: Cents('VAT'),
  totalCents: Cents('taxable + VAT'),
});

export const StatementSchema = Type.Object({
  id: Id,
  contract: Type.Object({ id: Id, lot: Type.String(), cig: Type.String(), title: Type.String(), conformityCheckedOn: Nullable(IsoDate) }),
  contractor: Type.Object({ id: Id, name: Type.String(), vatNumber: Type.String() }),
  period: Type.String(),
  number: Type.Integer(),
  final: Type.Boolean(),
  status: Literals(STATEMENT_STATES),
  totals: StatementTotalsSchema,
  durc: Type.Object({
    validUntil: Nullable(IsoDate),
    state: Literals(DURC_STATES),
    /** Approved: the date recorded at approval; draft: the contractor's today. */
    recorded: Type.Boolean({ description: 'true: the date copied at approval; false: the contractor’s current date' }),
  }),
  items: Type.Optional(Type.Array(StatementItemSchema)),
  preparedBy: Nullable(Type.Object({ id: Id, label: Type.String() })),
  approvedBy: Nullable(Type.Object({ id: Id, label: Type.String() })),
  approvedAt: Nullable(Instant),
  availableActions: Type.Array(Type.String({ description: 'refresh, approve, discard' })),
  version: Type.Integer(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type StatementDto = Static<typeof StatementSchema>;

export const StatementPage = Type.Object({ items: Type.Array(StatementSchema), nextCursor: Nullable(Type.String()) });
