import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TSchema } from 'typebox';
import { IdParams, Page, problemResponses } from '../../../shared/schemas/common.ts';
import { principalOf } from '../../plugins/auth.ts';
import * as crud from './crud.service.ts';
import type { EntityDef, ListQueryInput } from './crud.service.ts';

export interface CollectionRoutes {
  /** e.g. /api/sites */
  path: string;
  /** OpenAPI tag, and the noun of the summaries */
  tag: string;
  entity: EntityDef;
  schemas: { item: TSchema; create: TSchema; patch: TSchema; query: TSchema };
}

/** GET list, GET one, POST, PATCH of one registry collection (no DELETE: deactivate instead). */
export function collectionRoutes(app: FastifyInstance, c: CollectionRoutes) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = [c.tag];
  const { item } = c.schemas;

  r.get(
    c.path,
    {
      schema: {
        tags,
        summary: `List ${c.tag} (keyset pages; active only unless active=false|all)`,
        querystring: c.schemas.query,
        response: { 200: Page(item), ...problemResponses },
      },
    },
    async (request) => crud.list(app.ctx, principalOf(request), c.entity, request.query as ListQueryInput),
  );

  r.get(
    `${c.path}/:id`,
    {
      schema: { tags, summary: `One of the ${c.tag}`, params: IdParams, response: { 200: item, ...problemResponses } },
    },
    async (request) => crud.get(app.ctx, principalOf(request), c.entity, request.params.id),
  );

  r.post(
    c.path,
    {
      schema: { tags, summary: `Create one of the ${c.tag}`, body: c.schemas.create, response: { 201: item, ...problemResponses } },
    },
    async (request, reply) =>
      reply.code(201).send(await crud.create(app.ctx, principalOf(request), c.entity, request.body as Record<string, unknown>)),
  );

  r.patch(
    `${c.path}/:id`,
    {
      schema: {
        tags,
        summary: `Change one of the ${c.tag} (send the version you read; {active: false} deactivates)`,
        params: IdParams,
        body: c.schemas.patch,
        response: { 200: item, ...problemResponses },
      },
    },
    async (request) =>
      crud.patch(app.ctx, principalOf(request), c.entity, request.params.id, request.body as Record<string, unknown> & { version: number }),
  );
}
