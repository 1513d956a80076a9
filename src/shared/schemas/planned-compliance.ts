// #8: planned-maintenance compliance (EN 15341 style: PM done on time ÷ PM due), per contract,
// building and month of the due date.
import { Type, type Static } from 'typebox';
import { Id, IsoDate } from './common.ts';

export const PlannedComplianceQuery = Type.Object(
  {
    contractId: Type.Optional(Id),
    buildingId: Type.Optional(Id),
    from: Type.Optional(
      Type.String({
        format: 'date',
        description: 'first due date counted (Rome, YYYY-MM-DD); default: the first day of the current month',
      }),
    ),
    to: Type.Optional(Type.String({ format: 'date', description: 'last due date counted (inclusive); default: today in Rome' })),
  },
  { additionalProperties: false },
);
export type PlannedComplianceQueryDto = Static<typeof PlannedComplianceQuery>;

export const PlannedComplianceRow = Type.Object({
  contractId: Id,
  lot: Type.String(),
  contractorName: Type.String(),
  buildingId: Id,
  buildingCode: Type.String(),
  buildingName: Type.String(),
  month: Type.String({ description: 'YYYY-MM of the due dates' }),
  due: Type.Integer({ description: 'activities due (deadline past, or done); cancelled ones do not count' }),
  doneOnTime: Type.Integer(),
  late: Type.Integer(),
  pct: Type.Union([Type.Number(), Type.Null()], { description: 'doneOnTime ÷ due, percent with one decimal; null when nothing was due' }),
});
export type PlannedComplianceRowDto = Static<typeof PlannedComplianceRow>;

export const PlannedCompliancePage = Type.Object({ items: Type.Array(PlannedComplianceRow), from: IsoDate, to: IsoDate });
