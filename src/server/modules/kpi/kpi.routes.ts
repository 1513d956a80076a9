import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { problemResponses } from '../../../shared/schemas/common.ts';
import {
  KpiHeatmapSchema,
  KpiQuery,
  KpiReportSchema,
  KpiTrendSchema,
  KpiWorkOrdersQuery,
  KpiWorkOrdersSchema,
} from '../../../shared/schemas/kpi.ts';
import { principalOf } from '../../plugins/auth.ts';
import * as svc from './kpi.service.ts';

/** Service indicators over the work orders the caller sees (the work-order list's scope). */
export async function kpiRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['indicators'];
  const scopeNote =
    'Over the work orders issued from `from` to `to` (Rome dates, at most 366 days) that the caller sees — a contractor only its own, ' +
    'a building manager only its buildings — narrowed by contract, building, technology class and priority; clocks computed now.';

  r.get(
    '/api/kpi/report',
    {
      schema: {
        tags,
        querystring: KpiQuery,
        response: { 200: KpiReportSchema, ...problemResponses },
        summary:
          'Service indicators: SLA compliance per clock and priority, MTTR, backlog, reopen rate, first-time fix, planned compliance, satisfaction, cost per m²',
        description: scopeNote,
      },
    },
    async (request) => svc.report(app.ctx, principalOf(request), request.query),
  );

  r.get(
    '/api/kpi/work-orders',
    {
      schema: {
        tags,
        querystring: KpiWorkOrdersQuery,
        response: { 200: KpiWorkOrdersSchema, ...problemResponses },
        summary: 'The work orders behind one figure of the report: its basis, its hits or its misses',
        description: `${scopeNote} For backlog, hits are the work orders open for more than 30 days.`,
      },
    },
    async (request) => svc.workOrdersOf(app.ctx, principalOf(request), request.query),
  );

  r.get(
    '/api/kpi/trend',
    {
      schema: {
        tags,
        querystring: KpiQuery,
        response: { 200: KpiTrendSchema, ...problemResponses },
        summary: 'The headline indicators month by month (month of issue)',
        description: scopeNote,
      },
    },
    async (request) => svc.trend(app.ctx, principalOf(request), request.query),
  );

  r.get(
    '/api/kpi/heatmap',
    {
      schema: {
        tags,
        querystring: KpiQuery,
        response: { 200: KpiHeatmapSchema, ...problemResponses },
        summary: 'Faults by building and technology class',
        description: scopeNote,
      },
    },
    async (request) => svc.heatmap(app.ctx, principalOf(request), request.query),
  );
}
