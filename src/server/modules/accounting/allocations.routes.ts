import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, problemResponses } from '../../../shared/schemas/common.ts';
import { principalOf } from '../../plugins/auth.ts';
import * as s from './allocations.schemas.ts';
import * as allocations from './allocations.service.ts';

const RULE_WHO = 'Read: admin, accounting, service head; write: admin; other roles 403 FORBIDDEN.';
const READ_WHO =
  'Scope: accounting, service head and admin all; a building manager the allocations of its buildings; other roles 403 FORBIDDEN.';
const FILES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** Cost allocation (#10 item 3): rules per contract and building, the stored allocations and the report. */
export async function allocationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['cost-allocation'];

  for (const [kind, path] of [
    ['contract', '/api/contracts/:id/allocation-rule'],
    ['building', '/api/buildings/:id/allocation-rule'],
  ] as const) {
    const owner = (id: string) => (kind === 'contract' ? { contractId: id } : { buildingId: id });
    const what = kind === 'contract' ? "The contract's" : "The building's (it overrides the contracts' rules for its work orders)";
    r.get(
      path,
      {
        schema: {
          tags,
          summary: `${what} cost-allocation rule; method null and version 0 when there is none`,
          description: `${RULE_WHO} ${s.METHOD_DOC}`,
          params: IdParams,
          response: { 200: s.RuleSchema, ...problemResponses },
        },
      },
      async (request) => allocations.getRule(app.ctx, principalOf(request), owner(request.params.id)),
    );
    r.put(
      path,
      {
        schema: {
          tags,
          summary: `Replace ${kind === 'contract' ? "the contract's" : "the building's"} cost-allocation rule whole (version 0 creates it)`,
          description:
            `${RULE_WHO} ${s.METHOD_DOC} Refusals: 409 VERSION_CONFLICT (stale version, with current), ` +
            '400 VALIDATION_FAILED (shares: sharesNotWhole, duplicatePayer, sharesOnlyForPercentages), 422 INVALID_REFERENCE (unknown department); nothing saved.',
          params: IdParams,
          body: s.RuleBody,
          response: { 200: s.RuleSchema, ...problemResponses },
        },
      },
      async (request) => allocations.putRule(app.ctx, principalOf(request), owner(request.params.id), request.body),
    );
    r.delete(
      path,
      {
        schema: {
          tags,
          summary: `Remove ${kind === 'contract' ? "the contract's" : "the building's"} cost-allocation rule`,
          description: `${RULE_WHO} Send the version you read; a stale one (or no rule) gets 409 VERSION_CONFLICT.`,
          params: IdParams,
          querystring: s.RuleDeleteQuery,
          response: { 204: { type: 'null', description: 'removed' }, ...problemResponses },
        },
      },
      async (request, reply) => {
        await allocations.deleteRule(app.ctx, principalOf(request), owner(request.params.id), request.query.version);
        return reply.code(204).send(null);
      },
    );
  }

  r.get(
    '/api/allocations/report',
    {
      schema: {
        tags,
        summary: 'Cost allocation per department (the central budget first), building, technology class or month, with totals to the cent',
        description:
          `${READ_WHO} from/to: months (YYYY-MM) of approval, inclusive. format=xlsx (with the allocations behind the figures) or pdf ` +
          'returns the file as an attachment. `unallocated` counts approved final accounts with a cost and no allocation (POST /api/allocations/recompute).',
        querystring: s.ReportQuery,
        produces: ['application/json', FILES.xlsx, FILES.pdf],
        response: {
          200: {
            description: 'the report (JSON), or the file',
            content: {
              'application/json': { schema: s.ReportSchema },
              [FILES.xlsx]: { schema: { type: 'string', format: 'binary' } },
              [FILES.pdf]: { schema: { type: 'string', format: 'binary' } },
            },
          },
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const format = request.query.format ?? 'json';
      if (format === 'json') return reply.send(await allocations.report(app.ctx, p, request.query));
      const f = await allocations.reportFile(app.ctx, p, request.query, format);
      return reply
        .type(f.contentType)
        .header('content-disposition', `attachment; filename="${f.filename}"`)
        .header('cache-control', 'no-store')
        .send(f.body);
    },
  );

  r.get(
    '/api/allocations',
    {
      schema: {
        tags,
        summary: 'The allocations behind a figure of the report: each with its final account and work order, payer, rule and share',
        description: `${READ_WHO} departmentId=central: the central budget. Oldest month first; at most \`limit\` (default 500).`,
        querystring: s.AllocationListQuery,
        response: { 200: s.AllocationPage, ...problemResponses },
      },
    },
    async (request) => allocations.listAllocations(app.ctx, principalOf(request), request.query),
  );

  r.post(
    '/api/allocations/recompute',
    {
      schema: {
        tags,
        summary: 'Allocate the approved final accounts with no allocation by a rule (approved before the rules existed); idempotent',
        description:
          'Admin and accounting; other roles 403. Accounts already allocated by a rule are left as they are. ' +
          'One that cannot be allocated is listed in `problems` with the reason; the others are allocated.',
        body: s.RecomputeBody,
        response: { 200: s.RecomputeResult, ...problemResponses },
      },
    },
    async (request) => allocations.recompute(app.ctx, principalOf(request), request.body ?? {}),
  );
}
