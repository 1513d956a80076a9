import type { FastifyInstance } from 'fastify';
import { isApiPath, requestPath } from './request-path.ts';
import { servedOverHttps } from './auth.ts';

// Mantine injects style attributes, hence 'unsafe-inline' for styles only; scripts stay 'self'.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

export function registerSecurityHeaders(app: FastifyInstance) {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    // The matched route, not the raw URL: /%61pi/me is the /api/me handler and must not be cached.
    const path = requestPath(request);
    // Swagger UI sets its own CSP for its static files (staticCSP).
    if (!path.startsWith('/api/docs') && !reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', CSP);
    }
    if (isApiPath(path)) reply.header('cache-control', 'no-store');
    const hsts = request.server.ctx.config.hstsMaxAge;
    if (hsts > 0 && servedOverHttps(request)) reply.header('strict-transport-security', `max-age=${hsts}`);
    return payload;
  });
}
