import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TSchema } from 'typebox';
import { problemResponses } from '../../../shared/schemas/common.ts';
import {
  KpiHeatmapSchema,
  KpiReportQuery,
  KpiReportSchema,
  KpiTrendSchema,
  KpiViewQuery,
  KpiWorkOrdersQuery,
  KpiWorkOrdersSchema,
} from '../../../shared/schemas/kpi.ts';
import { principalOf } from '../../plugins/auth.ts';
import * as files from './kpi.files.ts';
import * as svc from './kpi.service.ts';

const BINARY = { schema: { type: 'string', format: 'binary' } };

/** The 200 answer of a view: its JSON, or the file (`format`) as an attachment. */
const answer = (schema: TSchema, pdf = false) => ({
  200: {
    description: pdf ? 'the figures (JSON), or the file' : 'the figures (JSON), or the spreadsheet',
    content: {
      'application/json': { schema },
      [files.XLSX_TYPE]: BINARY,
      ...(pdf ? { [files.PDF_TYPE]: BINARY } : {}),
    },
  },
  ...problemResponses,
});

const send = (reply: FastifyReply, f: files.KpiFile) =>
  reply
    .type(f.contentType)
    .header('content-disposition', `attachment; filename="${f.filename}"`)
    .header('cache-control', 'no-store')
    .send(f.body);

/** Service indicators over the work orders the caller sees (the work-order list's scope). */
export async function kpiRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['indicators'];
  const scopeNote =
    'Over the work orders issued from `from` to `to` (Rome dates, at most 366 days) that the caller sees — a contractor only its own, ' +
    'a building manager only its buildings — narrowed by contract, building, technology class and priority; clocks computed now.';
  const xlsxNote =
    " format=xlsx returns the view as a spreadsheet attachment in the caller's language (text cells escaped against formulas); " +
    "with contractId, a contract outside the caller's contract scope answers 404.";

  r.get(
    '/api/kpi/report',
    {
      schema: {
        tags,
        querystring: KpiReportQuery,
        produces: ['application/json', files.XLSX_TYPE, files.PDF_TYPE],
        response: answer(KpiReportSchema, true),
        summary:
          'Service indicators: SLA compliance per clock and priority, MTTR, backlog, reopen rate, first-time fix, planned compliance, satisfaction, cost per m²',
        description:
          `${scopeNote}${xlsxNote} The spreadsheet has the figures (numerator, denominator, value; per priority too), the cost per m² ` +
          `and the work orders behind them (at most ${files.MAX_FILE_ROWS}). format=pdf: the one-page A4 report of one contract ` +
          '(contractId required, else 400 naming it) that a service head attaches to a letter.',
      },
    },
    async (request, reply) => {
      const { format = 'json', ...q } = request.query;
      const p = principalOf(request);
      if (format === 'json') return reply.send(await svc.report(app.ctx, p, q));
      return send(reply, await files.reportFile(app.ctx, p, q, format));
    },
  );

  r.get(
    '/api/kpi/work-orders',
    {
      schema: {
        tags,
        querystring: KpiWorkOrdersQuery,
        produces: ['application/json', files.XLSX_TYPE],
        response: answer(KpiWorkOrdersSchema),
        summary: 'The work orders behind one figure of the report: its basis, its hits or its misses',
        description:
          `${scopeNote} For backlog, hits are the work orders open for more than 30 days.${xlsxNote} ` +
          `The spreadsheet lists every work order of the set, not a page (limit and offset are ignored; at most ${files.MAX_FILE_ROWS}).`,
      },
    },
    async (request, reply) => {
      const { format = 'json', ...q } = request.query;
      const p = principalOf(request);
      if (format === 'json') return reply.send(await svc.workOrdersOf(app.ctx, p, q));
      return send(reply, await files.workOrdersFile(app.ctx, p, q));
    },
  );

  r.get(
    '/api/kpi/trend',
    {
      schema: {
        tags,
        querystring: KpiViewQuery,
        produces: ['application/json', files.XLSX_TYPE],
        response: answer(KpiTrendSchema),
        summary: 'The headline indicators month by month (month of issue)',
        description: `${scopeNote}${xlsxNote} The spreadsheet has one row per month.`,
      },
    },
    async (request, reply) => {
      const { format = 'json', ...q } = request.query;
      const p = principalOf(request);
      if (format === 'json') return reply.send(await svc.trend(app.ctx, p, q));
      return send(reply, await files.trendFile(app.ctx, p, q));
    },
  );

  r.get(
    '/api/kpi/heatmap',
    {
      schema: {
        tags,
        querystring: KpiViewQuery,
        produces: ['application/json', files.XLSX_TYPE],
        response: answer(KpiHeatmapSchema),
        summary: 'Faults by building and technology class',
        description: `${scopeNote}${xlsxNote} The spreadsheet is the buildings × classes matrix with totals.`,
      },
    },
    async (request, reply) => {
      const { format = 'json', ...q } = request.query;
      const p = principalOf(request);
      if (format === 'json') return reply.send(await svc.heatmap(app.ctx, p, q));
      return send(reply, await files.heatmapFile(app.ctx, p, q));
    },
  );
}
