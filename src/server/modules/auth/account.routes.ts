// #7: own password, own sessions, and the public confirmation of a new e-mail address.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, problemResponses } from '../../../shared/schemas/common.ts';
import { EmailConfirmBody, PasswordChangeBody, PasswordChangeResult, SessionSchema } from '../../../shared/schemas/auth.ts';
import { principalOf } from '../../plugins/auth.ts';
import * as account from './account.service.ts';

export async function accountRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['session'];

  r.post(
    '/api/me/password',
    {
      schema: {
        tags,
        summary: 'Change own password; closes the other sessions and revokes every API token',
        body: PasswordChangeBody,
        response: { 200: PasswordChangeResult, ...problemResponses, 429: { $ref: 'Problem#' } },
      },
    },
    async (request, reply) => {
      try {
        return await account.changePassword(app.ctx, principalOf(request), request.body.currentPassword, request.body.newPassword);
      } catch (e) {
        const retry = (e as { extra?: { retryAfterSeconds?: number } }).extra?.retryAfterSeconds;
        if (retry) reply.header('retry-after', String(retry));
        throw e;
      }
    },
  );

  r.get(
    '/api/me/sessions',
    {
      schema: {
        tags,
        summary: 'Own open sessions',
        response: { 200: Type.Object({ items: Type.Array(SessionSchema) }), ...problemResponses },
      },
    },
    async (request) => ({ items: await account.listSessions(app.ctx, principalOf(request)) }),
  );

  r.delete(
    '/api/me/sessions',
    {
      schema: {
        tags,
        summary: 'Close every other own session ("log out everywhere else")',
        response: { 200: Type.Object({ revoked: Type.Integer() }), ...problemResponses },
      },
    },
    async (request) => account.revokeOtherSessions(app.ctx, principalOf(request)),
  );

  r.delete(
    '/api/me/sessions/:id',
    {
      schema: { tags, summary: 'Close one own session', params: IdParams, response: { 204: Type.Null(), ...problemResponses } },
    },
    async (request, reply) => {
      await account.revokeSession(app.ctx, principalOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/me/email/confirm',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Confirm a new e-mail address with the link sent to it (public: the token is the proof)',
        body: EmailConfirmBody,
        response: { 200: Type.Object({ email: Type.String() }), ...problemResponses },
      },
    },
    async (request) => account.confirmEmail(app.ctx, request.body.token),
  );
}
