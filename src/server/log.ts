// What the request log may say (#7 item 10). A URL can itself be a credential: the rating link
// (/rate/<token>, /api/ratings/<token>) lets whoever holds it rate and reopen a ticket; the
// calendar feed (/api/calendar/<token>.ics) lets them read the planned work. Such path segments
// and secret-looking query values are replaced before anything is written; headers that carry
// credentials are redacted by pino.
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Config } from './config.ts';

/** Paths whose segment after the prefix is a credential; add new capability links here. */
const SECRET_PATH_PREFIXES = ['/rate/', '/api/ratings/', '/api/calendar/'];
/** Query parameters whose value is a credential, whatever the route. */
const SECRET_QUERY = /^(token|access_token|refresh_token|api_key|apikey|key|secret|password|code|signature|sig)$/i;

export const REDACTED = '[redacted]';

/** Where log lines go (tests collect them). */
export interface LogStream {
  write(line: string): void;
}

/** The request URL as it may be logged: credential path segments and query values replaced. */
export function redactRequestUrl(url: string): string {
  const q = url.indexOf('?');
  let path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? '' : url.slice(q + 1);
  for (const prefix of SECRET_PATH_PREFIXES) {
    if (path.startsWith(prefix) && path.length > prefix.length) {
      const rest = path.slice(prefix.length);
      const slash = rest.indexOf('/');
      path = prefix + REDACTED + (slash < 0 ? '' : rest.slice(slash));
      break;
    }
  }
  if (!query) return q < 0 ? path : `${path}?`;
  const parts = query.split('&').map((p) => {
    const eq = p.indexOf('=');
    const name = eq < 0 ? p : p.slice(0, eq);
    let decoded = name;
    try {
      decoded = decodeURIComponent(name.replace(/\+/g, ' '));
    } catch {
      // a malformed name is logged as it came
    }
    return eq >= 0 && SECRET_QUERY.test(decoded) ? `${name}=${REDACTED}` : p;
  });
  return `${path}?${parts.join('&')}`;
}

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  headers?: Record<string, unknown>;
  socket?: { remotePort?: number };
}

/** Fastify's logger options: level, redacted credential headers, and a req serializer without secret URLs. */
export function loggerOptions(config: Pick<Config, 'logLevel'>, stream?: LogStream) {
  return {
    level: config.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
    serializers: {
      // Fastify's default fields, with the URL redacted.
      req: (req: LoggedRequest) => ({
        method: req.method,
        url: redactRequestUrl(req.url),
        version: req.headers?.['accept-version'] as string | undefined,
        host: req.host,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
    ...(stream ? { stream } : {}),
  };
}

/**
 * One log line per request, when it is answered: Fastify's own pair ("incoming request" and
 * "request completed") doubled the logging cost of every short request (#12, docs/BENCHMARKS.md
 * "HTTP path"). The one line keeps what both said: the request (redacted URL), status, time.
 * Errors and the other framework lines stay as Fastify writes them.
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}
