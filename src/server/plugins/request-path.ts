import type { FastifyRequest } from 'fastify';

/**
 * The path a request is about, for access and header decisions. The raw URL cannot be trusted for
 * that: the router decodes `/%61pi/…` to `/api/…`, so a check on `request.url` and the handler would
 * disagree. The matched route's pattern is what the handler serves; without a match (the not-found
 * handler) the path is normalised the way a lenient reader would (dot segments resolved,
 * percent-decoded, slashes collapsed, lower case), so every spelling of `/api/…` counts as API.
 */
export function requestPath(request: FastifyRequest): string {
  return request.routeOptions.url ?? normalisePath(request.url);
}

export function normalisePath(rawUrl: string): string {
  let path: string;
  try {
    path = new URL(rawUrl.replace(/^\/+/, '/'), 'http://x').pathname;
  } catch {
    path = rawUrl.split('?')[0];
  }
  try {
    path = decodeURIComponent(path);
  } catch {
    // a malformed escape stays as it is
  }
  return path.replace(/\/{2,}/g, '/').toLowerCase();
}

export const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');
