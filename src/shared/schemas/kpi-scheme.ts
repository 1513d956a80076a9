// The contract's penalty/reward scheme and its period reports (#11 item 2) in the HTTP API
// (docs/API.md "Penalty/reward scheme"). Values of indicators: shares in basis points (0..10000),
// the average satisfaction score in hundredths (100..500); money in integer cents, signed (a
// negative adjustment is a penalty, a positive one a reward).
import { Type, type Static } from 'typebox';
import { SCHEME_INDICATORS } from '../../domain/kpi/scheme.ts';
import { Id, Instant, IsoDate, Nullable } from './common.ts';

const Literals = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      description ? { description } : {},
    ),
  );

export const KPI_REPORT_STATES = ['generated', 'reviewed', 'signed_off'] as const;
export type KpiReportState = (typeof KPI_REPORT_STATES)[number];
const Period = Literals(['month', 'quarter'] as const, 'the period the scheme is assessed on');

export const KpiSchemeBody = Type.Object(
  {
    version: Type.Integer({ minimum: 0, description: 'the version read; 0 to create the scheme' }),
    period: Period,
    indicators: Type.Array(
      Type.Object(
        {
          indicator: Literals(SCHEME_INDICATORS),
          bands: Type.Array(
            Type.Object(
              {
                from: Type.Integer({ description: 'the threshold (inclusive) in the indicator’s unit' }),
                points: Type.Integer(),
              },
              { additionalProperties: false },
            ),
            { maxItems: 20 },
          ),
        },
        { additionalProperties: false },
      ),
      { maxItems: 20 },
    ),
    bands: Type.Array(
      Type.Object(
        {
          fromPoints: Type.Integer({ description: 'total points from which (inclusive) the band applies' }),
          bp: Type.Integer({ description: 'adjustment in bp of the period’s flat fee: negative a penalty, positive a reward' }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 20 },
    ),
    maxRewardBp: Type.Integer({ description: 'the most a period’s reward may be, in bp of its flat fee' }),
    acceleration: Type.Object(
      {
        enabled: Type.Boolean({ description: 'D.Lgs. 36/2023 art. 126 c. 2: bonus for works finished early' }),
        bpPerDay: Type.Integer({ description: 'bp of the period’s flat fee per day early' }),
        maxBp: Type.Integer({ description: 'the most the bonus may be, in bp of the period’s flat fee' }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type KpiSchemeInput = Static<typeof KpiSchemeBody>;

export const KpiSchemeSchema = Type.Object({
  contractId: Id,
  /** false: no scheme yet (version 0, the defaults an editor starts from). */
  exists: Type.Boolean(),
  period: Period,
  indicators: KpiSchemeBody.properties.indicators,
  bands: KpiSchemeBody.properties.bands,
  maxRewardBp: Type.Integer(),
  acceleration: KpiSchemeBody.properties.acceleration,
  version: Type.Integer(),
  updatedAt: Nullable(Instant),
});
export type KpiSchemeDto = Static<typeof KpiSchemeSchema>;

export const KpiReportCreateBody = Type.Object(
  {
    contractId: Id,
    period: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2]|Q[1-4])$', description: 'YYYY-MM (monthly scheme) or YYYY-Qn (quarterly)' }),
  },
  { additionalProperties: false },
);
export const KpiReviewBody = Type.Object(
  { version: Type.Integer(), note: Type.Optional(Type.String({ maxLength: 4000 })) },
  { additionalProperties: false },
);
export const KpiSignOffBody = Type.Object(
  {
    version: Type.Integer(),
    finalCents: Type.Integer({ description: 'the adjustment signed off (signed cents); defaults to the proposal' }),
    reason: Type.Optional(Type.String({ maxLength: 4000, description: 'required when finalCents differs from the proposal' })),
  },
  { additionalProperties: false },
);
export const KpiReportListQuery = Type.Object(
  {
    contractId: Type.Optional(Id),
    status: Type.Optional(Literals(KPI_REPORT_STATES)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);

const Who = Nullable(Type.Object({ id: Id, label: Type.String() }));
export const KpiReportSchema = Type.Object({
  id: Id,
  contract: Type.Object({ id: Id, lot: Type.String(), cig: Type.String(), title: Type.String(), contractor: Type.String() }),
  period: Type.String(),
  from: IsoDate,
  to: IsoDate,
  status: Literals(KPI_REPORT_STATES),
  scoring: Type.Array(
    Type.Object({
      indicator: Literals(SCHEME_INDICATORS),
      value: Nullable(Type.Integer({ description: 'in the indicator’s unit; null: no data (scores 0)' })),
      numerator: Nullable(Type.Integer()),
      denominator: Nullable(Type.Integer()),
      points: Nullable(Type.Integer()),
    }),
  ),
  workOrders: Type.Integer(),
  points: Type.Integer(),
  bandBp: Type.Integer(),
  daysEarly: Type.Integer(),
  periodFeeCents: Type.Integer(),
  capRoomCents: Type.Integer({ description: 'what the legal cap left for penalties when generated' }),
  maxRewardCents: Type.Integer(),
  computedCents: Type.Integer({ description: 'before the cap and the maximum reward' }),
  proposedCents: Type.Integer(),
  finalCents: Nullable(Type.Integer()),
  reviewNote: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  penaltyId: Nullable(Id),
  statementId: Nullable(Id),
  generatedBy: Who,
  reviewedBy: Who,
  reviewedAt: Nullable(Instant),
  signedOffBy: Who,
  signedOffAt: Nullable(Instant),
  availableActions: Type.Array(Literals(['review', 'sign_off'] as const)),
  version: Type.Integer(),
  createdAt: Instant,
});
export type KpiPeriodReportDto = Static<typeof KpiReportSchema>;
export const KpiReportPage = Type.Object({ items: Type.Array(KpiReportSchema) });
