// Service indicators (#11) in the HTTP API (docs/API.md "Service indicators"): the figures of the
// work orders issued in a period that the caller sees, the work orders behind any figure, the
// trend by month and the faults by building and technology class. Every figure is computed by
// src/domain/kpi/indicators.ts; "no data" is null, never 0 %.
import { Type, type Static } from 'typebox';
import { PRIORITIES } from '../../domain/workflow/types.ts';
import { Id, Instant, IsoDate } from './common.ts';

const Literals = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      description ? { description } : {},
    ),
  );
const OrNull = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const KPI_FIGURES = [
  'takeCharge',
  'onSite',
  'resolution',
  'reopenRate',
  'firstTimeFix',
  'plannedCompliance',
  'correctiveShare',
  'backlog',
  'satisfactionResponse',
  'satisfactionLow',
  'satisfactionFollowedUp',
] as const;
export type KpiFigureName = (typeof KPI_FIGURES)[number];

/** What every KPI request filters by; the period is at most 366 days (Rome dates, inclusive). */
const KpiFilter = {
  from: IsoDate,
  to: IsoDate,
  contractId: Type.Optional(Id),
  buildingId: Type.Optional(Id),
  technologyClassId: Type.Optional(Id),
  priority: Type.Optional(Literals(PRIORITIES)),
};
export const KpiQuery = Type.Object(KpiFilter, { additionalProperties: false });
export type KpiQueryDto = Static<typeof KpiQuery>;

export const KpiFormat = Type.Optional(Literals(['json', 'xlsx', 'pdf'] as const, 'json (default), xlsx or pdf'));
/** The views other than the report have no printed form: a spreadsheet or JSON. */
const KpiSheetFormat = Type.Optional(Literals(['json', 'xlsx'] as const, 'json (default) or xlsx'));

/** The report's query: the filter and the answer's form (pdf needs contractId). */
export const KpiReportQuery = Type.Object({ ...KpiFilter, format: KpiFormat }, { additionalProperties: false });
/** The trend's and the heat map's query: the filter and the answer's form. */
export const KpiViewQuery = Type.Object({ ...KpiFilter, format: KpiSheetFormat }, { additionalProperties: false });

export const FigureSchema = Type.Object({
  value: OrNull(Type.Number({ description: 'numerator ÷ denominator, 0..1; null: no data' })),
  numerator: Type.Integer(),
  denominator: Type.Integer(),
});
export type FigureDto = Static<typeof FigureSchema>;

const Clocks = Type.Object({ takeCharge: FigureSchema, onSite: FigureSchema, resolution: FigureSchema });

export const KpiReportSchema = Type.Object({
  from: IsoDate,
  to: IsoDate,
  computedAt: Instant,
  /** Work orders issued in the period, in scope and filters. */
  workOrders: Type.Integer(),
  sla: Clocks,
  byPriority: Type.Array(Type.Intersect([Type.Object({ priority: Literals(PRIORITIES) }), Clocks])),
  mttr: Type.Object({
    meanMs: OrNull(Type.Integer()),
    p90Ms: OrNull(Type.Integer()),
    count: Type.Integer(),
  }),
  backlog: Type.Object({ total: Type.Integer(), upTo7Days: Type.Integer(), upTo30Days: Type.Integer(), over30Days: Type.Integer() }),
  reopenRate: FigureSchema,
  firstTimeFix: FigureSchema,
  plannedCompliance: FigureSchema,
  correctiveShare: FigureSchema,
  satisfaction: Type.Object({
    average: OrNull(Type.Number()),
    responseRate: FigureSchema,
    lowScores: FigureSchema,
    followedUp: FigureSchema,
  }),
  costPerM2: Type.Array(
    Type.Object({
      building: Type.Object({ id: Id, code: Type.String(), name: Type.String() }),
      costCents: Type.Integer({ description: 'approved final accounts (net) of the period’s work orders in the building' }),
      areaM2: OrNull(Type.Number()),
      centsPerM2: OrNull(Type.Integer()),
    }),
  ),
});
export type KpiReportDto = Static<typeof KpiReportSchema>;

export const KpiWorkOrdersQuery = Type.Object(
  {
    ...KpiFilter,
    figure: Literals(KPI_FIGURES),
    set: Type.Optional(
      Literals(
        ['basis', 'hits', 'misses'] as const,
        "basis: the figure's denominator (default); hits: its numerator; misses: basis minus hits",
      ),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
    format: KpiSheetFormat,
  },
  { additionalProperties: false },
);

export const KpiWorkOrderItem = Type.Object({
  id: Id,
  number: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  priority: Type.String(),
  issuedAt: Instant,
  building: Type.Object({ id: Id, code: Type.String() }),
  technologyClass: Type.Object({ id: Id, code: Type.String() }),
  contract: Type.Object({ id: Id, lot: Type.String() }),
});
export const KpiWorkOrdersSchema = Type.Object({ items: Type.Array(KpiWorkOrderItem), total: Type.Integer() });
export type KpiWorkOrdersDto = Static<typeof KpiWorkOrdersSchema>;

export const KpiTrendSchema = Type.Object({
  months: Type.Array(
    Type.Object({
      month: Type.String({ description: 'YYYY-MM (Rome) of issue' }),
      workOrders: Type.Integer(),
      takeCharge: FigureSchema,
      onSite: FigureSchema,
      resolution: FigureSchema,
      mttrMeanMs: OrNull(Type.Integer()),
      reopenRate: FigureSchema,
      satisfactionAverage: OrNull(Type.Number()),
    }),
  ),
});
export type KpiTrendDto = Static<typeof KpiTrendSchema>;

export const KpiHeatmapSchema = Type.Object({
  buildings: Type.Array(Type.Object({ id: Id, code: Type.String(), name: Type.String() })),
  classes: Type.Array(Type.Object({ id: Id, code: Type.String(), name: Type.String() })),
  cells: Type.Array(Type.Object({ buildingId: Id, technologyClassId: Id, faults: Type.Integer() }), {
    description: 'corrective work orders issued in the period; cells with none are left out',
  }),
});
export type KpiHeatmapDto = Static<typeof KpiHeatmapSchema>;
