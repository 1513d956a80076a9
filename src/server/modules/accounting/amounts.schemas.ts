// HTTP shapes of the accounting work-order list (GET /api/accounting/work-orders and its export):
// the work-order list's own query and row, plus the row's money.
import { Type } from 'typebox';
import { Nullable } from '../../../shared/schemas/common.ts';
import { ExportDoc, WorkOrderExportQuery, WorkOrderListItem, WorkOrderListQuery } from '../worklists/worklists.schemas.ts';
import { COUNT_CAP } from '../worklists/worklists.views.ts';

const Cents = (description: string) => Nullable(Type.Integer({ description: `${description}; integer euro cents` }));

export const WorkOrderAmounts = Type.Object({
  quoteStatus: Nullable(
    Type.String({ enum: ['submitted', 'approved', 'denied'], description: "the latest quote's state; null: no quote" }),
  ),
  quoteNetCents: Cents('the latest quote after the tender discount, before VAT'),
  quoteTotalCents: Cents('the latest quote with VAT'),
  authorizedCents: Cents("the total (with VAT) the service head authorised: the approved quote's, else null"),
  extraFee: Type.Boolean({ description: 'true: billed beyond the yearly flat fee (an authorised quote); false: within the flat fee' }),
});

export const AmountListItem = Type.Object({ ...WorkOrderListItem.properties, amounts: WorkOrderAmounts });

export const AmountPage = Type.Object({
  items: Type.Array(AmountListItem),
  nextCursor: Nullable(Type.String()),
  count: Type.Optional(Type.Integer({ description: `matching rows, ignoring the cursor; at most ${COUNT_CAP}` })),
  countCapped: Type.Optional(Type.Boolean({ description: `true when more than ${COUNT_CAP} rows match` })),
});

export { WorkOrderListQuery as AmountListQuery };

/** XLSX only: its euro cells are numbers with a currency format; a CSV would need a locale to read them. */
export const AmountExportQuery = Type.Object(
  { ...WorkOrderExportQuery.properties, format: Type.Literal('xlsx') },
  { additionalProperties: false, description: 'from/to: calendar days (Europe/Rome), inclusive, on issued' },
);

export const AmountExportDoc = `${ExportDoc} Columns: the work-order export's, then fee, quote state, quote net, quote total, authorised (euro).`;
