import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { problemResponses } from '../../../shared/schemas/common.ts';
import { principalOf } from '../../plugins/auth.ts';
import type { ListInput } from '../worklists/worklists.service.ts';
import * as s from './amounts.schemas.ts';
import { exportAmounts, listAmounts } from './amounts.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** GET /api/accounting/work-orders and its XLSX: the work-order list with its money (#9 item 16). */
export async function accountingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const who = 'Accounting, service head and admin (all money records); other roles 403 FORBIDDEN.';

  r.get(
    '/api/accounting/work-orders',
    {
      schema: {
        tags: ['work-orders'],
        summary:
          "Work orders with their amounts (latest quote, authorised amount, flat or extra fee): the work-order list's filters, order and pages",
        description: who,
        querystring: s.AmountListQuery,
        response: { 200: s.AmountPage, ...problemResponses },
      },
    },
    async (request) => listAmounts(app.ctx, principalOf(request), request.query as ListInput),
  );

  r.get(
    '/api/accounting/work-orders/export',
    {
      schema: {
        tags: ['work-orders'],
        summary: 'Export the work orders with their amounts (XLSX, euro cells as numbers)',
        description: `${who} ${s.AmountExportDoc}`,
        querystring: s.AmountExportQuery,
        produces: [XLSX],
        response: {
          200: { description: 'the file, as an attachment', content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } },
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const { format: _format, ...input } = request.query;
      const f = await exportAmounts(app.ctx, principalOf(request), input as ListInput);
      return reply
        .type(f.contentType)
        .header('content-disposition', `attachment; filename="${f.filename}"`)
        .header('cache-control', 'no-store')
        .send(f.body);
    },
  );
}
