import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, problemResponses } from '../../../shared/schemas/common.ts';
import { CalendarFeedBody, CalendarFeedListSchema, CalendarFeedSchema, CalendarTokenParams } from '../../../shared/schemas/programs.ts';
import { principalOf } from '../../plugins/auth.ts';
import { createFeed, feedIcs, listFeeds, revokeFeed } from './calendar-feeds.service.ts';

/** Secret calendar URLs of planned maintenance (docs/PLANNED.md "Calendar feeds"). */
export async function calendarFeedRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['calendar-feeds'];

  r.get(
    '/api/calendar-feeds',
    {
      schema: {
        tags,
        summary: "The caller's calendar feeds (admin: all), without their secrets",
        response: { 200: CalendarFeedListSchema, ...problemResponses },
      },
    },
    async (request) => listFeeds(app.ctx, principalOf(request)),
  );

  r.post(
    '/api/calendar-feeds',
    {
      schema: {
        tags,
        summary: 'Create a secret calendar URL for a contract or a building; the URL is in this answer only',
        description:
          'contractId: its contractor, building managers of its buildings, service head, admin. buildingId: its building managers, ' +
          'call center, service head, admin. Exactly one of them (rule feedTarget). The secret is stored as a hash and cannot be shown again.',
        body: CalendarFeedBody,
        response: { 201: CalendarFeedSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createFeed(app.ctx, principalOf(request), request.body)),
  );

  r.delete(
    '/api/calendar-feeds/:id',
    {
      schema: {
        tags,
        summary: 'Revoke a calendar URL (its creator or an admin); it then answers 404',
        params: IdParams,
        response: { 204: { type: 'null' }, ...problemResponses },
      },
    },
    async (request, reply) => {
      await revokeFeed(app.ctx, principalOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/calendar/:token',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'The iCalendar feed (public: the URL is the credential), `<secret>.ics`',
        description:
          "Published programs' items from last month to 12 months ahead, times in Europe/Rome. Unknown or revoked → 404 (one answer for both). " +
          '429 RATE_LIMITED per client address. The secret is redacted from the request log.',
        security: [],
        params: CalendarTokenParams,
        produces: ['text/calendar'],
        response: {
          200: { description: 'text/calendar', content: { 'text/calendar': { schema: { type: 'string' } } } },
          ...problemResponses,
          429: { $ref: 'Problem#' },
        },
      },
    },
    async (request, reply) => {
      try {
        const body = await feedIcs(app.ctx, request.params.token, request.ip);
        return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(body);
      } catch (e) {
        const retry = (e as { extra?: { retryAfterSeconds?: number } }).extra?.retryAfterSeconds;
        if (retry) reply.header('retry-after', String(retry));
        throw e;
      }
    },
  );
}
