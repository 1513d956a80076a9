import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, Page, problemResponses } from '../../../shared/schemas/common.ts';
import {
  PriceListImportResultSchema,
  PriceListItemSchema,
  PriceListItemsQuery,
  PriceListQuery,
  PriceListSchema,
} from '../../../shared/schemas/workflow.ts';
import { AppError } from '../../errors.ts';
import { principalOf, requireRole } from '../../plugins/auth.ts';
import { readMultipart } from '../attachments/multipart.ts';
import { importPriceList, listItems, listPriceLists } from './price-lists.service.ts';

export async function priceListRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['price-lists'];

  r.post(
    '/api/price-lists',
    {
      schema: {
        tags,
        summary: 'Import a regional price list (CSV or XLSX, Regione Lazio layout) — admin',
        description:
          'multipart/form-data: "file" (UTF-8 CSV: part;code;description;unit;price, no header, "€ 19,01", "%" surcharge rows, ' +
          'heading rows without price; or an XLSX whose first sheet has the same columns), "code", "name", "year", optional "source", ' +
          'optional "contractId" (the lot whose quotes use it; none: every lot). All or nothing: 422 IMPORT_INVALID lists every bad row; ' +
          '409 DUPLICATE for a code in use; 400 on contractId for an unknown contract.',
        consumes: ['multipart/form-data'],
        response: { 201: PriceListImportResultSchema, ...problemResponses, 413: { $ref: 'Problem#' }, 415: { $ref: 'Problem#' } },
      },
    },
    async (request, reply) => {
      const p = requireRole(request, 'admin');
      const limit = app.ctx.config.uploadMaxBytes;
      const { fields, file } = await readMultipart(
        request,
        limit,
        () => new AppError('PAYLOAD_TOO_LARGE', { limit: `${Math.round(limit / 1024 / 1024)} MB` }),
      );
      return reply.code(201).send(await importPriceList(app.ctx, p, fields, file));
    },
  );

  r.get(
    '/api/price-lists',
    {
      schema: {
        tags,
        summary: 'Price lists (staff: all; a contractor: those of every lot and of its own lots); contractId: those its quotes may use',
        querystring: PriceListQuery,
        response: { 200: Type.Object({ items: Type.Array(PriceListSchema) }), ...problemResponses },
      },
    },
    async (request) => listPriceLists(app.ctx, principalOf(request), request.query),
  );

  r.get(
    '/api/price-lists/:id/items',
    {
      schema: {
        tags,
        summary: 'Items of a price list by code; q searches codes, and words by stem and prefix (for quote lines)',
        params: IdParams,
        querystring: PriceListItemsQuery,
        response: { 200: Page(PriceListItemSchema), ...problemResponses },
      },
    },
    async (request) => listItems(app.ctx, principalOf(request), request.params.id, request.query),
  );
}
