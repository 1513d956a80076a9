import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, problemResponses } from '../../../shared/schemas/common.ts';
import * as s from '../../../shared/schemas/satisfaction.ts';
import { principalOf } from '../../plugins/auth.ts';
import * as svc from './satisfaction.service.ts';

const RATINGS_WHO =
  'Service head and admin: every rating; a building manager: its buildings\u2019; a contractor: the tickets with a work order of its own. ' +
  'Call center, accounting and requesters: 403.';
const FOLLOW_UPS_WHO =
  'Service head and admin: every follow-up; a building manager: its buildings\u2019 (one outside answers 404 like a missing one). Everybody else: 403.';

/** The satisfaction loop (#11 item 4): comments stream, follow-ups of low ratings, response rate per building. */
export async function satisfactionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['satisfaction'];

  r.get(
    '/api/ratings',
    {
      schema: {
        tags,
        summary: 'The comments stream: ratings newest first, keyset paged, by building, contract, score, with a comment, period',
        description: `${RATINGS_WHO} \`from\`/\`to\` are Rome dates of the rating, inclusive.`,
        querystring: s.RatingsQuery,
        response: { 200: s.RatingListSchema, ...problemResponses },
      },
    },
    async (request) => svc.listRatings(app.ctx, principalOf(request), request.query),
  );

  r.get(
    '/api/ratings/response-rate',
    {
      schema: {
        tags,
        summary: 'Per building: rating links sent, ratings given, response rate, average score, low scores',
        description: `${RATINGS_WHO} Over the tickets whose first rating link went from \`from\` to \`to\` (Rome dates, at most 366 days).`,
        querystring: s.ResponseRateQuery,
        response: { 200: s.ResponseRateSchema, ...problemResponses },
      },
    },
    async (request) => svc.responseRate(app.ctx, principalOf(request), request.query),
  );

  r.get(
    '/api/rating-follow-ups',
    {
      schema: {
        tags,
        summary: 'Follow-ups of low ratings (≤ 2 stars, or work not done): open ones first, the longest waiting first',
        description: FOLLOW_UPS_WHO,
        querystring: s.FollowUpsQuery,
        response: { 200: s.FollowUpListSchema, ...problemResponses },
      },
    },
    async (request) => svc.listFollowUps(app.ctx, principalOf(request), request.query),
  );

  r.get(
    '/api/rating-follow-ups/:id',
    {
      schema: {
        tags,
        summary: 'One follow-up of a low rating',
        description: FOLLOW_UPS_WHO,
        params: IdParams,
        response: { 200: s.FollowUpSchema, ...problemResponses },
      },
    },
    async (request) => svc.getFollowUp(app.ctx, principalOf(request), request.params.id),
  );

  r.patch(
    '/api/rating-follow-ups/:id',
    {
      schema: {
        tags,
        summary: 'Assign a follow-up, write its outcome, and with done: true close it',
        description:
          `${FOLLOW_UPS_WHO} \`assignedToId\`: an active building manager of the ticket\u2019s building or a service head (else 400 followUpAssignee). ` +
          '`done: true` needs an outcome, given now or before (400 outcome required). A done follow-up is not changed (400 followUpDone). ' +
          'Stale `version` → 409 VERSION_CONFLICT with the current follow-up.',
        params: IdParams,
        body: s.FollowUpPatch,
        response: { 200: s.FollowUpSchema, ...problemResponses },
      },
    },
    async (request) => svc.patchFollowUp(app.ctx, principalOf(request), request.params.id, request.body),
  );
}
