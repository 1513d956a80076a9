// HTTP shapes of spend against the ceiling (#10 item 6) and of accounting's home (#10 item 7).
// Money is integer euro cents; shares are basis points (10,000 = 100 %).
import { Type, type Static } from 'typebox';
import { Id, Instant, Nullable } from '../../../shared/schemas/common.ts';

const Cents = (description: string) => Type.Integer({ description: `${description}; integer euro cents` });
const Bp = (description: string) => Nullable(Type.Integer({ description: `${description}; basis points, floored (8000 = 80 %)` }));

const Alert = Type.Object({
  basis: Type.Union([Type.Literal('amount'), Type.Literal('ceiling')]),
  thresholdBp: Type.Integer({ description: '8000 or 10000' }),
});

export const ContractSpendSchema = Type.Object({
  contract: Type.Object({
    id: Id,
    lot: Type.String(),
    cig: Type.String(),
    title: Type.String(),
    startsOn: Type.String(),
    endsOn: Type.String(),
  }),
  contractor: Type.Object({ id: Id, name: Type.String() }),
  amountCents: Cents("the contract's net amount (flat fee of the term + extra-fee work)"),
  ceilingCents: Nullable(Cents("the framework agreement's maximum for the lot (null: not recorded)")),
  flatFeeTermCents: Cents('flat fee of the whole term (yearly fee × months / 12)'),
  flatFeeAccruedCents: Cents('flat fee of the months of the term closed before today'),
  quotesCents: Cents('net of approved quotes whose final account is not approved yet'),
  finalAccountsCents: Cents('chargeable net of approved final accounts'),
  committedCents: Cents('flat fee still to accrue + open approved quotes'),
  spentCents: Cents('flat fee accrued + approved final accounts'),
  usedCents: Cents('committed + spent'),
  amountUsedBp: Bp('used share of the contract amount'),
  ceilingUsedBp: Bp('used share of the lot ceiling'),
  quoteCount: Type.Integer(),
  finalAccountCount: Type.Integer(),
  alerts: Type.Array(Alert, { description: 'thresholds already announced to the service heads' }),
});
export type ContractSpendDto = Static<typeof ContractSpendSchema>;

export const ContractSpendList = Type.Object({ items: Type.Array(ContractSpendSchema) });

const SpendWorkOrder = Type.Object({
  id: Id,
  number: Type.String(),
  description: Type.String(),
  buildingCode: Type.String(),
  amountCents: Cents('quote net (committed) or chargeable net of the final account (spent)'),
  approvedAt: Nullable(Instant),
  finalAccountId: Nullable(Id),
});

export const ContractSpendDetail = Type.Object({
  ...ContractSpendSchema.properties,
  committedWorkOrders: Type.Array(SpendWorkOrder, { description: 'work orders behind the open approved quotes' }),
  spentWorkOrders: Type.Array(SpendWorkOrder, { description: 'work orders behind the approved final accounts' }),
});
export type ContractSpendDetailDto = Static<typeof ContractSpendDetail>;

// --- accounting's home ---------------------------------------------------------------------------

const Counted = <T extends ReturnType<typeof Type.Object>>(item: T, description: string) =>
  Type.Object({ count: Type.Integer(), items: Type.Array(item, { description: `${description}; the first ten` }) });

export const AccountingHomeSchema = Type.Object({
  /** The last closed month (YYYY-MM) the statements are due for. */
  period: Type.String({ description: 'the last closed month, YYYY-MM (Europe/Rome)' }),
  finalAccounts: Counted(
    Type.Object({
      id: Id,
      workOrderNumber: Type.String(),
      lot: Type.String(),
      contractorName: Type.String(),
      netCents: Type.Integer(),
      submittedAt: Nullable(Instant),
    }),
    'final accounts submitted, oldest first',
  ),
  statements: Counted(
    Type.Object({
      contractId: Id,
      lot: Type.String(),
      contractorName: Type.String(),
      period: Type.String(),
      statementId: Nullable(Id),
      status: Type.Union([Type.Literal('missing'), Type.Literal('draft')]),
    }),
    'contracts without a statement for the last closed month, and draft statements',
  ),
  invoices: Counted(
    Type.Object({
      id: Id,
      number: Type.String(),
      issueDate: Type.String(),
      contractorName: Type.String(),
      totalCents: Type.Integer(),
      mismatchCount: Type.Integer(),
    }),
    'invoices registered, not yet accepted or disputed',
  ),
  spendAlerts: Counted(
    Type.Object({ contractId: Id, lot: Type.String(), contractorName: Type.String(), amountUsedBp: Bp(''), ceilingUsedBp: Bp('') }),
    'contracts at 80 % or more of their amount or of the lot ceiling, highest first',
  ),
});
export type AccountingHomeDto = Static<typeof AccountingHomeSchema>;
