import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { problemResponses } from '../../../shared/schemas/common.ts';
import { RatingBody, RatingInfoSchema, RatingResultSchema, RatingTokenParams } from '../../../shared/schemas/workflow.ts';
import { ratingInfo, submitRating } from './ratings.service.ts';

const responses = { ...problemResponses, 429: { $ref: 'Problem#' } };

export async function ratingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['ratings'];
  const withRetryAfter = async <T>(reply: { header(k: string, v: string): unknown }, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      const retry = (e as { extra?: { retryAfterSeconds?: number } }).extra?.retryAfterSeconds;
      if (retry) reply.header('retry-after', String(retry));
      throw e;
    }
  };

  r.get(
    '/api/ratings/:token',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'What the rating link is about (public; the link is the credential)',
        description:
          '404 RATING_LINK_INVALID for an unknown, expired, used or forged link (one answer for all). 429 RATE_LIMITED per client address.',
        security: [],
        params: RatingTokenParams,
        response: { 200: RatingInfoSchema, ...responses },
      },
    },
    async (request, reply) => withRetryAfter(reply, () => ratingInfo(app.ctx, request.params.token, request.ip)),
  );

  r.post(
    '/api/ratings/:token',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Rate the closed ticket once: stars 1–5, comment, was the work done? (false reopens it)',
        description:
          'Single use: the link is consumed in the same transaction as the rating. Stars ≤ 2 flag the ticket for review. ' +
          '404 RATING_LINK_INVALID for an unknown, expired, used or forged link. 429 RATE_LIMITED per client address.',
        security: [],
        params: RatingTokenParams,
        body: RatingBody,
        response: { 200: RatingResultSchema, ...responses },
      },
    },
    async (request, reply) => withRetryAfter(reply, () => submitRating(app.ctx, request.params.token, request.ip, request.body)),
  );
}
