// The one place that talks HTTP: credentials, JSON, CSRF header, problem+json → ApiError.
import i18n from '../i18n';
import { ApiError, NETWORK_ERROR, toProblem } from './problem';

export type QueryValue = string | number | boolean | null | undefined | readonly string[];
export type QueryParams = Record<string, QueryValue>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** A plain value is sent as JSON; FormData is sent as multipart. */
  body?: unknown;
  query?: QueryParams;
  signal?: AbortSignal;
}

let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

/** The CSRF token of the current session, from GET /api/me (or the login answer). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when an authenticated request answers 401 (session expired or logged out elsewhere). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

/** Requests whose 401 is an answer, not an expired session. */
const AUTH_PROBES = new Set(['/api/session', '/api/me']);

export function buildUrl(path: string, query?: QueryParams): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    // Arrays repeat the parameter: status=new&status=qualifying.
    if (Array.isArray(value)) for (const v of value) params.append(key, v);
    else params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': i18n.language || 'it',
  };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  try {
    return await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0, code: NETWORK_ERROR });
  }
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function refreshCsrfToken(): Promise<boolean> {
  const response = await send('/api/me', {});
  if (!response.ok) return false;
  const me = (await readBody(response)) as { csrfToken?: unknown } | undefined;
  if (typeof me?.csrfToken !== 'string') return false;
  csrfToken = me.csrfToken;
  return true;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let response = await send(path, options);
  if (response.status === 403 && (options.method ?? 'GET') !== 'GET') {
    // A rotated session gives a new CSRF token: fetch it once and try again.
    const problem = toProblem(403, await readBody(response.clone()));
    if (problem.code === 'CSRF_INVALID' && (await refreshCsrfToken())) response = await send(path, options);
  }
  const data = await readBody(response);
  if (response.ok) return data as T;
  const error = new ApiError(toProblem(response.status, data));
  if (response.status === 401 && !AUTH_PROBES.has(path)) unauthorizedHandler?.();
  throw error;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'POST', body }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
  put: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PUT', body }),
  delete: <T = void>(path: string) => apiRequest<T>(path, { method: 'DELETE' }),
};
