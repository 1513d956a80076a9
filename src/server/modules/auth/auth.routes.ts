import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, problemResponses } from '../../../shared/schemas/common.ts';
import { LoginBody, MePatchBody, MeSchema, NewTokenSchema, TokenBody, TokenSchema } from '../../../shared/schemas/auth.ts';
import { principalOf, servedOverHttps, sessionCookieName } from '../../plugins/auth.ts';
import * as auth from './auth.service.ts';
import { accountRoutes } from './account.routes.ts';
import { recordSessionClient } from './account.service.ts';

export async function authRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['session'];

  r.post(
    '/api/session',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Log in',
        security: [],
        body: LoginBody,
        response: { 200: MeSchema, ...problemResponses, 429: { $ref: 'Problem#' } },
      },
    },
    async (request, reply) => {
      try {
        const { cookieValue, expiresAt, principal } = await auth.login(app.ctx, request.body.username, request.body.password, request.ip);
        reply.setCookie(sessionCookieName(request), cookieValue, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: servedOverHttps(request),
          expires: expiresAt,
        });
        request.principal = principal;
        await recordSessionClient(app.ctx, principal.sessionId, request.headers['user-agent'], request.ip);
        return auth.me(app.ctx, principal);
      } catch (e) {
        const retry = (e as { extra?: { retryAfterSeconds?: number } }).extra?.retryAfterSeconds;
        if (retry) reply.header('retry-after', String(retry));
        throw e;
      }
    },
  );

  r.delete('/api/session', { config: { public: true }, schema: { tags, summary: 'Log out', security: [] } }, async (request, reply) => {
    await auth.logout(app.ctx, request.principal);
    reply.clearCookie(sessionCookieName(request), { path: '/', httpOnly: true, sameSite: 'lax', secure: servedOverHttps(request) });
    return reply.code(204).send();
  });

  r.get('/api/me', { schema: { tags, summary: 'The logged-in user', response: { 200: MeSchema, ...problemResponses } } }, async (request) =>
    auth.me(app.ctx, principalOf(request)),
  );

  r.patch(
    '/api/me',
    {
      schema: {
        tags,
        summary: 'Update own profile (a new e-mail address waits for the link sent to it)',
        body: MePatchBody,
        response: { 200: MeSchema, ...problemResponses, 429: { $ref: 'Problem#' } },
      },
    },
    async (request, reply) => {
      try {
        return await auth.updateMe(app.ctx, principalOf(request), request.body);
      } catch (e) {
        const retry = (e as { extra?: { retryAfterSeconds?: number } }).extra?.retryAfterSeconds;
        if (retry) reply.header('retry-after', String(retry));
        throw e;
      }
    },
  );

  r.get(
    '/api/me/tokens',
    {
      schema: {
        tags,
        summary: 'Own personal API tokens',
        response: { 200: Type.Object({ items: Type.Array(TokenSchema) }), ...problemResponses },
      },
    },
    async (request) => ({ items: await auth.listTokens(app.ctx, principalOf(request)) }),
  );

  r.post(
    '/api/me/tokens',
    {
      schema: {
        tags,
        summary: 'Create a personal API token (shown once)',
        body: TokenBody,
        response: { 201: NewTokenSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await auth.createToken(app.ctx, principalOf(request), request.body.name, request.body.expiresInDays)),
  );

  r.delete(
    '/api/me/tokens/:id',
    { schema: { tags, summary: 'Revoke a personal API token', params: IdParams, response: { 204: Type.Null(), ...problemResponses } } },
    async (request, reply) => {
      await auth.revokeToken(app.ctx, principalOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  // #7: own password, sessions and e-mail confirmation.
  await accountRoutes(app);
}
