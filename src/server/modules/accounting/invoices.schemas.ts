// HTTP shapes of the contractors' invoices (#10 item 5): the manual entry, the decisions, the
// invoice as read with each difference from its statement. Money is integer euro cents.
import { Type, type Static } from 'typebox';
import { Id, Instant, IsoDate, Nullable } from '../../../shared/schemas/common.ts';

export const INVOICE_STATES = ['registered', 'accepted', 'disputed'] as const;
export type InvoiceState = (typeof INVOICE_STATES)[number];
export const INVOICE_ACTIONS = ['accept', 'dispute'] as const;
export type InvoiceAction = (typeof INVOICE_ACTIONS)[number];
export const VAT_COLLECTABILITY = ['I', 'D', 'S'] as const;

const State = Type.Unsafe<InvoiceState>(Type.Union(INVOICE_STATES.map((s) => Type.Literal(s))));
const Collectability = Type.Unsafe<(typeof VAT_COLLECTABILITY)[number]>({
  type: 'string',
  enum: [...VAT_COLLECTABILITY],
  description: 'FatturaPA EsigibilitaIVA: I immediate, D deferred, S split payment (DPR 633/1972 art. 17-ter)',
});
const Cents = (description: string) =>
  Type.Integer({ minimum: 0, maximum: 100_000_000_000, description: `${description}; integer euro cents` });

export const InvoiceManualBody = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: 20, pattern: '\\S', description: 'the invoice number (FatturaPA Numero)' }),
    issueDate: IsoDate,
    supplierVatNumber: Type.String({
      minLength: 2,
      maxLength: 30,
      pattern: '^[A-Za-z]{0,2}\\s?[0-9A-Za-z]{2,28}$',
      description: 'the supplier VAT number, with or without the country code',
    }),
    cig: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 15, pattern: '^[0-9A-Za-z]+$', description: 'CIG (CodiceCIG)' }))),
    taxableCents: Cents('taxable amount (ImponibileImporto)'),
    vatCents: Cents('VAT (Imposta)'),
    totalCents: Cents('document total (ImportoTotaleDocumento)'),
    vatCollectability: Collectability,
  },
  { additionalProperties: false, description: 'an invoice entered by hand (when there is no FatturaPA file)' },
);
export type InvoiceManualInput = Static<typeof InvoiceManualBody>;

export const InvoiceActionBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'the version you read; a stale one gets 409 VERSION_CONFLICT' }),
    reason: Type.Optional(Type.String({ maxLength: 2000, description: 'dispute: required' })),
  },
  { additionalProperties: false },
);
export type InvoiceActionInput = Static<typeof InvoiceActionBody>;

export const InvoiceListQuery = Type.Object(
  {
    statementId: Type.Optional(Id),
    contractId: Type.Optional(Id),
    contractorId: Type.Optional(Id),
    status: Type.Optional(State),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);
export type InvoiceListInput = Static<typeof InvoiceListQuery>;

const Value = Type.Union([Type.String(), Type.Integer(), Type.Null()]);
const MISMATCH_FIELDS = ['supplierVatNumber', 'cig', 'taxableCents', 'vatCents', 'totalCents', 'vatCollectability'] as const;
export const MismatchSchema = Type.Object({
  field: Type.Unsafe<(typeof MISMATCH_FIELDS)[number]>(Type.Union(MISMATCH_FIELDS.map((f) => Type.Literal(f)))),
  expected: Value,
  actual: Value,
  differenceCents: Type.Optional(Type.Integer({ description: 'amounts: actual − expected, in cents' })),
});

const Person = Type.Object({ id: Id, label: Type.String() });
const StatementRef = Type.Object({ id: Id, period: Type.String(), number: Type.Integer(), status: Type.String() });

export const InvoiceSchema = Type.Object({
  id: Id,
  statement: StatementRef,
  contract: Type.Object({ id: Id, lot: Type.String(), cig: Type.String() }),
  contractor: Type.Object({ id: Id, name: Type.String(), vatNumber: Type.String() }),
  source: Type.Union([Type.Literal('fatturapa'), Type.Literal('manual')]),
  number: Type.String(),
  issueDate: IsoDate,
  supplierVatNumber: Type.String(),
  cig: Nullable(Type.String()),
  taxableCents: Type.Integer(),
  vatCents: Type.Integer(),
  totalCents: Type.Integer(),
  vatCollectability: Nullable(Type.String()),
  expected: Type.Object(
    {
      supplierVatNumber: Type.String(),
      cig: Type.String(),
      taxableCents: Type.Integer(),
      vatCents: Type.Integer(),
      totalCents: Type.Integer(),
      vatCollectability: Type.Literal('S'),
    },
    { description: "what the statement asks for: its taxable amount and VAT, the contract's CIG, the contractor's VAT number" },
  ),
  mismatches: Type.Array(MismatchSchema, { description: 'every difference from the statement; empty: matched' }),
  matched: Type.Boolean(),
  status: State,
  disputeReason: Nullable(Type.String()),
  file: Nullable(Type.Object({ name: Type.String(), sha256: Type.String(), url: Type.String() })),
  registeredBy: Nullable(Person),
  decidedBy: Nullable(Person),
  decidedAt: Nullable(Instant),
  availableActions: Type.Array(Type.String()),
  version: Type.Integer(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type InvoiceDto = Static<typeof InvoiceSchema>;

export const InvoicePage = Type.Object({ items: Type.Array(InvoiceSchema), nextCursor: Nullable(Type.String()) });

export const StatementToInvoiceSchema = Type.Object({
  id: Id,
  period: Type.String(),
  number: Type.Integer(),
  contract: Type.Object({ id: Id, lot: Type.String(), cig: Type.String() }),
  contractor: Type.Object({ id: Id, name: Type.String(), vatNumber: Type.String() }),
  taxableCents: Type.Integer(),
  vatCents: Type.Integer(),
  totalCents: Type.Integer(),
  invoices: Type.Integer({ description: 'invoices already registered against it (none accepted)' }),
});
export const StatementsToInvoicePage = Type.Object({ items: Type.Array(StatementToInvoiceSchema) });
