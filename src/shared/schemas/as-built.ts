// API contract of as-built documents and certificates (#10 item 1).
import { Type } from 'typebox';
import { DOCUMENT_ACTIONS, DOCUMENT_STATES, REQUIRED_WHEN } from '../../domain/workflow/as-built.ts';
import { Id, Instant, IsoDate, Nullable } from './common.ts';

const Literals = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      description ? { description } : {},
    ),
  );

/** The catalogue's codes (also the attachment kinds the files are uploaded as). */
export const DOCUMENT_TYPE_CODES = [
  'conformity_declaration',
  'as_built',
  'test_report',
  'logbook_entry',
  'fgas_register_entry',
  'maintenance_tag',
] as const;
export type DocumentTypeCodeValue = (typeof DOCUMENT_TYPE_CODES)[number];
export const DocumentTypeCode = Literals(DOCUMENT_TYPE_CODES);
export const DocumentState = Literals(DOCUMENT_STATES);
export const RequiredWhen = Literals(REQUIRED_WHEN, 'always, or only on installation work (extra-fee or changing the installation)');

export const DocumentTypeList = Type.Object({
  items: Type.Array(Type.Object({ code: DocumentTypeCode, nameIt: Type.String(), nameEn: Type.String() })),
});

export const ClassRuleItem = Type.Object({ documentType: DocumentTypeCode, requiredWhen: RequiredWhen }, { additionalProperties: false });
export const ClassRules = Type.Object({
  technologyClassId: Id,
  version: Type.Integer({ description: "the technology class's version" }),
  items: Type.Array(ClassRuleItem),
});
export const ClassRulesBody = Type.Object(
  {
    version: Type.Integer({ description: "the technology class's version you read (stale → 409)" }),
    items: Type.Array(ClassRuleItem, { maxItems: 20 }),
  },
  { additionalProperties: false },
);

export const WorkOrderDocumentSchema = Type.Object({
  id: Id,
  documentType: DocumentTypeCode,
  nameIt: Type.String(),
  nameEn: Type.String(),
  state: DocumentState,
  attachment: Type.Union([Type.Object({ id: Id, filename: Type.String() }), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()], { description: 'why the building manager returned it' }),
  uploadedAt: Type.Union([Instant, Type.Null()]),
  decidedBy: Type.Union([Type.Object({ id: Id, label: Type.String() }), Type.Null()]),
  decidedAt: Type.Union([Instant, Type.Null()]),
  version: Type.Integer(),
  availableActions: Type.Array(Literals(DOCUMENT_ACTIONS), {
    description: 'POST /api/work-orders/{id}/documents/{documentType}/actions/{action}',
  }),
});

export const WorkOrderDocuments = Type.Object({
  complete: Type.Boolean({ description: 'documentsComplete: completed and every document accepted (what the final accounts require)' }),
  items: Type.Array(WorkOrderDocumentSchema, { description: 'snapshot taken at completion: the documents the work order must carry' }),
});

export const DocumentParams = Type.Object({ id: Id, documentType: DocumentTypeCode }, { additionalProperties: false });

export const DocumentActionBody = Type.Object(
  {
    version: Type.Integer({ description: "the document's version you read (stale → 409)" }),
    attachmentId: Type.Optional(Id),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const DocumentListQuery = Type.Object(
  {
    contractorId: Type.Optional(Id),
    buildingId: Type.Optional(Id),
    state: Type.Optional(DocumentState),
    cursor: Type.Optional(Type.String({ maxLength: 64 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);

export const DocumentListItem = Type.Object({
  id: Id,
  documentType: DocumentTypeCode,
  nameIt: Type.String(),
  nameEn: Type.String(),
  state: DocumentState,
  reason: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
  workOrder: Type.Object({
    id: Id,
    number: Type.String(),
    status: Type.String(),
    completedAt: Type.Union([Instant, Type.Null()]),
    documentsDueOn: Nullable(IsoDate),
  }),
  building: Type.Object({ id: Id, code: Type.String(), name: Type.String() }),
  contractor: Type.Object({ id: Id, name: Type.String() }),
  technologyClassCode: Type.String(),
});
export const DocumentList = Type.Object({ items: Type.Array(DocumentListItem), nextCursor: Type.Union([Type.String(), Type.Null()]) });
