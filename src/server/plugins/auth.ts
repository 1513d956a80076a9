import type { FastifyInstance, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.ts';
import { hasRole, type Principal, type Role } from '../auth/principal.ts';
import { authenticate, SECURE_SESSION_COOKIE, SESSION_COOKIE } from '../modules/auth/auth.service.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

function sameSecret(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Resolves the caller on every request; refuses anonymous calls to non-public routes and
 * cookie-authenticated writes without the session's CSRF token (double submit via header).
 * Both decisions read the matched route (its pattern and config), never the raw URL: the router
 * decodes `/%61pi/me/tokens` to the `/api/me/tokens` handler, so a prefix test on `request.url`
 * let such a write through without the token. Every route is private unless marked public
 * (app.ts marks the docs and the web app's GET files); a request matching no route is answered
 * 404 by the not-found handler and never reaches a handler.
 */
export function registerAuth(app: FastifyInstance) {
  app.decorateRequest('principal', null);
  // One onRequest hook: access is decided before the body is read or validated, so an anonymous
  // or forged write costs no parsing and never learns how its body would have been judged.
  app.addHook('onRequest', async (request) => {
    request.principal = await authenticate(app.ctx, request.cookies[sessionCookieName(request)], request.headers.authorization);
    if (request.routeOptions.url === undefined || request.routeOptions.config?.public) return;
    const p = request.principal;
    if (!p) throw new AppError('UNAUTHENTICATED');
    if (p.via === 'session' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !p.csrfToken || !sameSecret(sent, p.csrfToken)) throw new AppError('CSRF_INVALID');
    }
  });
}

/**
 * HTTPS as the browser sees it: TLS on this socket, X-Forwarded-Proto from a TRUST_PROXY address
 * (Fastify ignores it from anyone else), or COOKIE_SECURE for a TLS front end not listed there.
 */
export function servedOverHttps(request: FastifyRequest): boolean {
  return request.server.ctx.config.cookieSecure || request.protocol === 'https';
}

/** Only the name matching the scheme is read: over HTTPS a plain cookie planted by HTTP is ignored. */
export function sessionCookieName(request: FastifyRequest): string {
  return servedOverHttps(request) ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/** The caller, known to be logged in (the onRequest hook guarantees it on non-public routes). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('UNAUTHENTICATED');
  return request.principal;
}

export function requireRole(request: FastifyRequest, ...roles: Role[]): Principal {
  const p = principalOf(request);
  if (!hasRole(p, ...roles)) throw new AppError('FORBIDDEN');
  return p;
}
