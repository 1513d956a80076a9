import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DOCUMENT_ACTIONS } from '../../../domain/workflow/as-built.ts';
import {
  ClassRules,
  ClassRulesBody,
  DocumentActionBody,
  DocumentList,
  DocumentListQuery,
  DocumentParams,
  DocumentTypeList,
  WorkOrderDocuments,
} from '../../../shared/schemas/as-built.ts';
import { IdParams, problemResponses } from '../../../shared/schemas/common.ts';
import { principalOf } from '../../plugins/auth.ts';
import * as asBuilt from './as-built.service.ts';

const SUMMARY = {
  upload: "Contractor: this attachment of the work order (its kind the document's type) is the document (missing/returned → uploaded)",
  accept: 'Building manager of the building: accept the uploaded document (→ accepted)',
  return: 'Building manager of the building: return the uploaded document with a reason (→ returned; the contractor uploads again)',
} as const;

export async function asBuiltRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['as-built documents'];

  r.get(
    '/api/document-types',
    {
      schema: {
        tags,
        summary: 'The catalogue of closing documents (codes are the attachment kinds)',
        response: { 200: DocumentTypeList, ...problemResponses },
      },
    },
    async () => asBuilt.listDocumentTypes(app.ctx),
  );

  r.get(
    '/api/technology-classes/:id/required-documents',
    {
      schema: {
        tags,
        summary: "What a class's work orders must carry besides the DM 37/2008 declaration (always, or on installation work)",
        params: IdParams,
        response: { 200: ClassRules, ...problemResponses },
      },
    },
    async (request) => asBuilt.getClassRules(app.ctx.db, request.params.id),
  );

  // PUT: the body is the whole list (an empty list is a valid answer, not an empty change).
  r.put(
    '/api/technology-classes/:id/required-documents',
    {
      schema: {
        tags,
        summary:
          "Admin: replace the list of a class's required documents (the whole list); send the class's version (stale → 409 VERSION_CONFLICT)",
        params: IdParams,
        body: ClassRulesBody,
        response: { 200: ClassRules, ...problemResponses },
      },
    },
    async (request) => asBuilt.setClassRules(app.ctx, principalOf(request), request.params.id, request.body),
  );

  for (const action of DOCUMENT_ACTIONS) {
    r.post(
      `/api/work-orders/:id/documents/:documentType/actions/${action}`,
      {
        schema: {
          tags,
          summary: SUMMARY[action],
          description:
            "Send the document's `version`; a stale one gets 409 VERSION_CONFLICT with `current`. 403 FORBIDDEN (role), " +
            "409 INVALID_STATE (state), 400 VALIDATION_FAILED naming attachmentId (upload) or reason (return). Answers the work order's documents.",
          params: DocumentParams,
          body: DocumentActionBody,
          response: { 200: WorkOrderDocuments, ...problemResponses },
        },
      },
      async (request) =>
        asBuilt.documentAction(app.ctx, principalOf(request), request.params.id, request.params.documentType, action, request.body),
    );
  }

  r.get(
    '/api/as-built-documents',
    {
      schema: {
        tags,
        summary:
          'Documents still owed (default: missing and returned) of the work orders the caller sees: a contractor its own, a building manager its buildings, staff all',
        querystring: DocumentListQuery,
        response: { 200: DocumentList, ...problemResponses },
      },
    },
    async (request) => asBuilt.listDocuments(app.ctx, principalOf(request), request.query),
  );
}
