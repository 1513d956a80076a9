import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { problemResponses } from '../../../shared/schemas/common.ts';
import { BreachesQuery, BreachesSchema, ComplianceQuery, ComplianceSchema, PenaltiesVsCapSchema } from '../../../shared/schemas/sla.ts';
import { principalOf } from '../../plugins/auth.ts';
import * as svc from './reports.service.ts';

/** SLA reports over the work orders the caller sees (the work-order list's scope). */
export async function reportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['reports'];
  const scopeNote =
    'Over the work orders issued from `from` to `to` (Rome dates, at most 366 days) that the caller sees; clocks computed now.';

  r.get(
    '/api/reports/sla-compliance',
    {
      schema: {
        tags,
        querystring: ComplianceQuery,
        response: { 200: ComplianceSchema, ...problemResponses },
        summary: 'Share of SLA clocks met, with counts and breaches, per contract, priority, technology class or month',
        description: scopeNote,
      },
    },
    async (request) => svc.slaCompliance(app.ctx, principalOf(request), request.query),
  );

  r.get(
    '/api/reports/breaches',
    {
      schema: {
        tags,
        querystring: BreachesQuery,
        response: { 200: BreachesSchema, ...problemResponses },
        summary: 'Breached clocks, oldest due first, with their explanation and penalty',
        description: scopeNote,
      },
    },
    async (request) => svc.breaches(app.ctx, principalOf(request), request.query),
  );

  r.get(
    '/api/reports/penalties-vs-cap',
    {
      schema: {
        tags,
        response: { 200: PenaltiesVsCapSchema, ...problemResponses },
        summary: 'Per contract the caller sees: applied and open penalties against the cap',
      },
    },
    async (request) => svc.penaltiesVsCap(app.ctx, principalOf(request)),
  );
}
