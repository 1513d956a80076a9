// HTTP shapes of cost allocation (#10 item 3): the rule of a contract or building, the report per
// department, building, class or period, and the allocations behind a figure. Money is integer
// euro cents; shares are basis points (100 % = 10,000).
import { Type, type Static } from 'typebox';
import { ALLOCATION_RULE_KINDS, type AllocationRuleKind } from '../../../domain/accounting/allocation.ts';
import { Id, Instant, Nullable } from '../../../shared/schemas/common.ts';

const Method = Type.Unsafe<AllocationRuleKind>(Type.Union(ALLOCATION_RULE_KINDS.map((k) => Type.Literal(k))));
const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'a month, YYYY-MM' });
const Cents = (description: string) => Type.Integer({ description: `${description}; integer euro cents` });

export const METHOD_DOC =
  "requesting_department: all to the department of the ticket's requester; floor_area: by the departments' floor-area shares of the building " +
  '(building_occupancies); percentages: by the explicit shares (a null departmentId is the central budget), exactly 10,000 bp together; ' +
  "central_vs_department: ordinary maintenance of a department's own space (space kind department_own) to that department, teaching spaces, " +
  'common parts, extraordinary work (work that changes the installation) and work with no classified space to the central budget.';

export const RuleShareInput = Type.Object(
  {
    departmentId: Nullable(Id),
    shareBp: Type.Integer({ minimum: 0, maximum: 10_000, description: 'basis points: 2500 = 25 %' }),
  },
  { additionalProperties: false, description: 'a payer and its share; departmentId null: the central administration budget' },
);

export const RuleBody = Type.Object(
  {
    version: Type.Integer({ minimum: 0, description: 'the version you read (0: no rule yet); a stale one gets 409 VERSION_CONFLICT' }),
    method: Method,
    shares: Type.Optional(
      Type.Array(RuleShareInput, { maxItems: 50, description: 'percentages only: together exactly 10,000 bp, one entry per payer' }),
    ),
  },
  { additionalProperties: false },
);
export type RuleInput = Static<typeof RuleBody>;

export const RuleDeleteQuery = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

const Department = Type.Object({ id: Id, code: Type.String(), name: Type.String() });

export const RuleSchema = Type.Object({
  owner: Type.Union([Type.Literal('contract'), Type.Literal('building')]),
  ownerId: Id,
  method: Nullable(Type.String({ enum: [...ALLOCATION_RULE_KINDS], description: 'null: no rule (a building follows its contracts)' })),
  shares: Type.Array(Type.Object({ department: Nullable(Department), shareBp: Type.Integer() })),
  version: Type.Integer({ description: '0: no rule yet' }),
  updatedAt: Nullable(Instant),
  updatedBy: Nullable(Type.String()),
});
export type RuleDto = Static<typeof RuleSchema>;

export const GROUP_BYS = ['department', 'building', 'class', 'period'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export const ReportQuery = Type.Object(
  {
    groupBy: Type.Optional(Type.Unsafe<GroupBy>(Type.Union(GROUP_BYS.map((g) => Type.Literal(g))))),
    from: Type.Optional(Month),
    to: Type.Optional(Month),
    contractId: Type.Optional(Id),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx'), Type.Literal('pdf')])),
  },
  { additionalProperties: false },
);
export type ReportInput = Static<typeof ReportQuery>;

const Sums = {
  finalAccounts: Type.Integer({ description: 'final accounts with a part in the figure' }),
  netCents: Cents('net'),
  vatCents: Cents('VAT'),
  amountCents: Cents('net plus VAT: what the budget bears'),
};

export const ReportSchema = Type.Object({
  groupBy: Type.String(),
  from: Nullable(Type.String()),
  to: Nullable(Type.String()),
  rows: Type.Array(
    Type.Object({
      key: Nullable(Type.String({ description: 'the group: department, building, class id or period; null: the central budget' })),
      code: Nullable(Type.String()),
      label: Type.String(),
      ...Sums,
    }),
  ),
  totals: Type.Object(Sums, { description: 'the sum of the rows, to the cent' }),
  unallocated: Type.Integer({ description: 'approved final accounts with a cost and no allocation (recompute them)' }),
});
export type ReportDto = Static<typeof ReportSchema>;

export const AllocationListQuery = Type.Object(
  {
    departmentId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'a department id, or "central"' })),
    buildingId: Type.Optional(Id),
    classId: Type.Optional(Id),
    period: Type.Optional(Month),
    from: Type.Optional(Month),
    to: Type.Optional(Month),
    contractId: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export type AllocationListInput = Static<typeof AllocationListQuery>;

export const AllocationSchema = Type.Object({
  id: Id,
  finalAccountId: Id,
  workOrder: Type.Object({ id: Id, number: Type.String(), description: Type.String() }),
  department: Nullable(Department),
  payer: Type.String({ description: 'the department, or the central budget, as shown' }),
  building: Type.Object({ id: Id, code: Type.String(), name: Type.String() }),
  technologyClass: Type.Object({ id: Id, code: Type.String(), name: Type.String() }),
  contract: Type.Object({ id: Id, lot: Type.String() }),
  period: Type.String(),
  method: Type.String({ description: "the rule's method; 'none': no rule, central budget" }),
  ruleSource: Type.String({ description: 'building | contract | default' }),
  shareBp: Type.Integer(),
  netCents: Cents('net'),
  vatCents: Cents('VAT'),
  amountCents: Cents('net plus VAT'),
});
export type AllocationDto = Static<typeof AllocationSchema>;

export const AllocationPage = Type.Object({
  items: Type.Array(AllocationSchema),
  totals: Type.Object(Sums),
  truncated: Type.Boolean({ description: 'true when more rows match than `limit`' }),
});

export const RecomputeBody = Type.Object({ contractId: Type.Optional(Id) }, { additionalProperties: false });
export const RecomputeResult = Type.Object({
  allocated: Type.Integer({ description: 'final accounts allocated now' }),
  problems: Type.Array(Type.Object({ finalAccountId: Id, workOrderNumber: Type.String(), message: Type.String() })),
});
