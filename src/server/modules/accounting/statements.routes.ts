import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, problemResponses } from '../../../shared/schemas/common.ts';
import { principalOf } from '../../plugins/auth.ts';
import * as s from './statements.schemas.ts';
import * as statements from './statements.service.ts';
import { statementFile } from './statements.export.ts';

const WHO =
  'Scope: accounting, service head and admin read all; a contractor reads its own statements; other roles 403 FORBIDDEN. ' +
  'Only accounting prepares, refreshes, approves and discards. Out of scope reads as 404.';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const VERSION = 'Send the `version` you read; a stale one gets 409 VERSION_CONFLICT with `current`. ';

/** Monthly statements of a contract (#10 item 4, stato di avanzamento). */
export async function statementRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['statements'];

  r.get(
    '/api/statements',
    {
      schema: {
        tags,
        summary: "Statements in the caller's scope, newest month first, filtered by contract, contractor, month and state (keyset pages)",
        description: WHO,
        querystring: s.StatementListQuery,
        response: { 200: s.StatementPage, ...problemResponses },
      },
    },
    async (request) => statements.listStatements(app.ctx, principalOf(request), request.query),
  );

  r.get(
    '/api/statements/:id',
    {
      schema: {
        tags,
        summary: 'One statement: totals, DURC state, and every item with the work order, final account or penalty behind it',
        description: WHO,
        params: IdParams,
        response: { 200: s.StatementSchema, ...problemResponses },
      },
    },
    async (request) => statements.getStatement(app.ctx, principalOf(request), request.params.id),
  );

  r.get(
    '/api/statements/:id/export',
    {
      schema: {
        tags,
        summary: 'The statement as PDF (Italian, the formal document) or XLSX (the caller’s language)',
        description: WHO,
        params: IdParams,
        querystring: s.StatementExportQuery,
        produces: [XLSX, 'application/pdf'],
        response: {
          200: {
            description: 'the file as an attachment',
            content: {
              [XLSX]: { schema: { type: 'string', format: 'binary' } },
              'application/pdf': { schema: { type: 'string', format: 'binary' } },
            },
          },
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const f = await statementFile(app.ctx, principalOf(request), request.params.id, request.query.format);
      return reply
        .type(f.contentType)
        .header('content-disposition', `attachment; filename="${f.filename}"`)
        .header('cache-control', 'no-store')
        .send(f.body);
    },
  );

  r.post(
    '/api/contracts/:id/statements',
    {
      schema: {
        tags,
        summary: "Accounting prepares the contract's statement of a month (a draft)",
        description:
          "The draft holds the month's flat-fee instalment, the extra-fee final accounts approved by the month's end and the applied or " +
          'reduced penalties of the month or earlier that no statement holds yet, the penalties carried from the previous statement; ' +
          'final: true releases the withholding (needs the contract’s conformity check date). Months go in order: the first statement ' +
          'may be of any month of the contract up to the current one, each next one of the month after the last, once that is approved. ' +
          'Refusals: 403 FORBIDDEN (role), 404 (contract), 409 DUPLICATE (that month exists), 400 VALIDATION_FAILED naming `period` ' +
          '(statementNextPeriod, statementDraftOpen, statementAfterFinal, periodFuture, outsideContract) or `final` (conformityCheckMissing).',
        params: IdParams,
        body: s.StatementPrepareBody,
        response: { 201: s.StatementSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await statements.prepareStatement(app.ctx, principalOf(request), request.params.id, request.body)),
  );

  r.post(
    '/api/statements/:id/actions/refresh',
    {
      schema: {
        tags,
        summary: 'Accounting recomputes a draft: picks up the final accounts and penalties that arrived since',
        description: VERSION + 'An approved statement is frozen: 409 INVALID_STATE.',
        params: IdParams,
        body: s.StatementActionBody,
        response: { 200: s.StatementSchema, ...problemResponses },
      },
    },
    async (request) => statements.refreshStatement(app.ctx, principalOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/statements/:id/actions/approve',
    {
      schema: {
        tags,
        summary: "Accounting approves the draft: frozen from now on (what arrives later goes to the next month's statement)",
        description:
          VERSION +
          "Refused with 422 DURC_EXPIRED or DURC_MISSING when the contractor's DURC is not valid today (nothing changes); " +
          'a DURC expiring within 15 days is only a warning (durc.state = expiring). 409 INVALID_STATE when already approved.',
        params: IdParams,
        body: s.StatementActionBody,
        response: { 200: s.StatementSchema, ...problemResponses },
      },
    },
    async (request) => statements.approveStatement(app.ctx, principalOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/statements/:id/actions/discard',
    {
      schema: {
        tags,
        summary: 'Accounting discards a draft: its final accounts and penalties are free for the next preparation',
        description: VERSION + 'An approved statement cannot be discarded: 409 INVALID_STATE.',
        params: IdParams,
        body: s.StatementActionBody,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await statements.discardStatement(app.ctx, principalOf(request), request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );
}
