import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, problemResponses } from '../../../shared/schemas/common.ts';
import { principalOf } from '../../plugins/auth.ts';
import * as s from './worklists.schemas.ts';
import { counts, listTickets, listWorkOrders, type ListInput } from './worklists.service.ts';
import { exportList, type ExportFile } from './worklists.export.ts';
import { workOrderSheet } from './worklists.sheet.ts';

const file = (description: string, types: string[]) => ({
  description,
  content: Object.fromEntries(types.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
});
const EXPORT_TYPES = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

function sendFile(reply: FastifyReply, f: ExportFile) {
  return reply
    .type(f.contentType)
    .header('content-disposition', `attachment; filename="${f.filename}"`)
    .header('cache-control', 'no-store')
    .send(f.body);
}

/** GET /api/tickets, GET /api/work-orders, their exports, the work-order sheet, the badge counts. */
export async function worklistRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/tickets',
    {
      schema: {
        tags: ['tickets'],
        summary: 'List tickets in scope: filters, named work lists (view), sort, keyset pages, optional count',
        querystring: s.TicketListQuery,
        response: { 200: s.TicketPage, ...problemResponses },
      },
    },
    async (request) => listTickets(app.ctx, principalOf(request), request.query as ListInput),
  );

  r.get(
    '/api/work-orders',
    {
      schema: {
        tags: ['work-orders'],
        summary: 'List work orders in scope: filters, named work lists (view), sort, keyset pages, optional count',
        querystring: s.WorkOrderListQuery,
        response: { 200: s.WorkOrderPage, ...problemResponses },
      },
    },
    async (request) => listWorkOrders(app.ctx, principalOf(request), request.query as ListInput),
  );

  r.get(
    '/api/tickets/export',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Export the tickets of a list (CSV or XLSX)',
        description: s.ExportDoc,
        querystring: s.TicketExportQuery,
        produces: EXPORT_TYPES,
        response: { 200: file('the file, as an attachment', EXPORT_TYPES), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { format, ...input } = request.query;
      return sendFile(reply, await exportList(app.ctx, principalOf(request), 'tickets', input as ListInput, format));
    },
  );

  r.get(
    '/api/work-orders/export',
    {
      schema: {
        tags: ['work-orders'],
        summary: 'Export the work orders of a list (CSV or XLSX)',
        description: s.ExportDoc,
        querystring: s.WorkOrderExportQuery,
        produces: EXPORT_TYPES,
        response: { 200: file('the file, as an attachment', EXPORT_TYPES), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { format, ...input } = request.query;
      return sendFile(reply, await exportList(app.ctx, principalOf(request), 'workOrders', input as ListInput, format));
    },
  );

  r.get(
    '/api/work-orders/:id/sheet.pdf',
    {
      schema: {
        tags: ['work-orders'],
        summary: "Printable work-order sheet (PDF, in the caller's language); 404 when out of scope",
        params: IdParams,
        produces: ['application/pdf'],
        response: { 200: file('A4 PDF', ['application/pdf']), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { filename, pdf } = await workOrderSheet(app.ctx, principalOf(request), request.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );

  r.get(
    '/api/worklists/counts',
    {
      schema: {
        tags: ['work-orders', 'tickets'],
        summary:
          "How many rows each of the caller's work lists holds (navigation badges), capped; call center and admin also get the held inbound e-mails",
        response: { 200: s.WorklistCounts, ...problemResponses },
      },
    },
    async (request) => counts(app.ctx, principalOf(request)),
  );
}
