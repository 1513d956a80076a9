import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_STATUS, type ErrorCode, type FieldError, type Problem } from '../../shared/errors.ts';
import { AppError, type FieldIssue } from '../errors.ts';
import { langFromHeader, translate, type Lang } from '../i18n/messages.ts';

export function requestLang(request: FastifyRequest): Lang {
  return request.principal?.language ?? langFromHeader(request.headers['accept-language']);
}

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** Ajv's error objects → our field issues, keyed by the API's field names. */
export function ajvIssues(errors: AjvError[], context?: string): FieldIssue[] {
  return errors.map((e) => {
    const path = e.instancePath.split('/').filter(Boolean);
    let rule = e.keyword;
    const params: Record<string, unknown> = {};
    if (e.keyword === 'required') path.push(String(e.params.missingProperty));
    else if (e.keyword === 'additionalProperties') {
      path.push(String(e.params.additionalProperty));
      rule = 'unknownField';
    } else if (e.keyword === 'type') params.expected = e.params.type;
    else if (e.keyword === 'enum') params.allowed = (e.params.allowedValues as unknown[] | undefined)?.join(', ');
    else if (e.keyword === 'const') {
      rule = 'enum';
      params.allowed = e.params.allowedValue;
    } else if (e.keyword === 'format') params.format = e.params.format;
    else if (
      ['minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minItems', 'maxItems'].includes(e.keyword)
    ) {
      params.limit = e.params.limit;
    } else if (e.keyword === 'anyOf' || e.keyword === 'oneOf') rule = 'type';
    const field = path.join('.') || (context === 'body' ? 'body' : (context ?? 'body'));
    return { field, rule, params };
  });
}

export function fieldErrors(lang: Lang, issues: FieldIssue[]): FieldError[] {
  return issues.map((i) => {
    const params = { ...i.params };
    if (i.rule === 'format' && typeof params.format === 'string') {
      params.format = translate(lang, 'format', params.format);
    }
    const out: FieldError & { row?: number } = { field: i.field, code: i.rule, message: translate(lang, 'rule', i.rule, params) };
    if (i.row !== undefined) out.row = i.row;
    return out;
  });
}

/** The problem+json body of a code in a language (shared by replies and the raw-socket writer). */
export function problemBody(
  lang: Lang,
  code: ErrorCode,
  params: Record<string, unknown> = {},
  issues: FieldIssue[] = [],
  extra: Record<string, unknown> = {},
): Problem {
  return {
    type: `https://presidio.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: translate(lang, 'title', code),
    status: ERROR_STATUS[code],
    code,
    detail: translate(lang, 'detail', code, params),
    ...(issues.length ? { errors: fieldErrors(lang, issues) } : {}),
    ...extra,
  };
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  params: Record<string, unknown> = {},
  issues: FieldIssue[] = [],
  extra: Record<string, unknown> = {},
) {
  const body = problemBody(requestLang(request), code, params, issues, extra);
  return reply.code(body.status).type('application/problem+json; charset=utf-8').send(body);
}

const byStatus: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  408: 'REQUEST_TIMEOUT',
  409: 'DUPLICATE',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  431: 'HEADERS_TOO_LARGE',
};

/**
 * Why Fastify, its content-type parsers or @fastify/multipart refused a request, in words a user
 * reads (Fastify's own messages are English and name internals). Keyed by their error codes.
 */
const HTTP_REASONS: Record<Lang, Record<string, string>> = {
  it: {
    FST_ERR_CTP_INVALID_JSON_BODY: 'il corpo non è JSON valido',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'il corpo è vuoto ma il Content-Type dichiara JSON',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'la lunghezza dichiarata non corrisponde al corpo',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'il Content-Type «{type}» non è accettato qui (usa application/json, o multipart/form-data per i file)',
    FST_ERR_CTP_EMPTY_TYPE: 'il Content-Type è vuoto',
    FST_ERR_BAD_URL: "l'indirizzo non è valido",
    FST_PROTO_VIOLATION: 'il caricamento multipart contiene un nome di campo non ammesso',
    FST_PARTS_LIMIT: 'il caricamento multipart ha troppe parti',
    FST_FILES_LIMIT: 'il caricamento multipart contiene troppi file (al massimo uno)',
    FST_FIELDS_LIMIT: 'il caricamento multipart ha troppi campi',
    FST_INVALID_MULTIPART_CONTENT_TYPE: 'la richiesta non è multipart/form-data',
    brokenMultipart: 'il caricamento multipart è interrotto o malformato',
    badRequest: 'la richiesta è malformata',
  },
  en: {
    FST_ERR_CTP_INVALID_JSON_BODY: 'the body is not valid JSON',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'the body is empty but the Content-Type says JSON',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'the declared length does not match the body',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Content-Type "{type}" is not accepted here (send application/json, or multipart/form-data for files)',
    FST_ERR_CTP_EMPTY_TYPE: 'the Content-Type is empty',
    FST_ERR_BAD_URL: 'the address is not valid',
    FST_PROTO_VIOLATION: 'the multipart upload has a field name that is not allowed',
    FST_PARTS_LIMIT: 'the multipart upload has too many parts',
    FST_FILES_LIMIT: 'the multipart upload has too many files (one at most)',
    FST_FIELDS_LIMIT: 'the multipart upload has too many fields',
    FST_INVALID_MULTIPART_CONTENT_TYPE: 'the request is not multipart/form-data',
    brokenMultipart: 'the multipart upload is cut short or malformed',
    badRequest: 'the request is malformed',
  },
};

/** The translated reason for an HTTP-layer error code (a generic one for codes not listed). */
export function httpReason(lang: Lang, key: string | undefined, params: Record<string, string> = {}): string {
  const template = (key && HTTP_REASONS[lang][key]) || HTTP_REASONS[lang].badRequest;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (params[name] ?? '').slice(0, 100));
}

/** Multipart limits that are about the number of parts, not bytes: the user fixes them differently. */
const PART_COUNT_LIMITS = new Set(['FST_PARTS_LIMIT', 'FST_FILES_LIMIT', 'FST_FIELDS_LIMIT']);

export interface ErrorLimits {
  /** UPLOAD_MAX_MB, for files. */
  uploadLimitMb: number;
  /** Fastify's bodyLimit, for JSON bodies. */
  bodyLimitBytes: number;
}

export function registerErrorHandling(app: FastifyInstance, limits: ErrorLimits) {
  const mb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024 / 1024))} MB`;
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      return sendProblem(request, reply, error.code, error.params, error.issues, error.extra);
    }
    const fe = error as FastifyError & { validation?: AjvError[]; validationContext?: string };
    if (fe.validation) {
      return sendProblem(request, reply, 'VALIDATION_FAILED', {}, ajvIssues(fe.validation, fe.validationContext));
    }
    const lang = requestLang(request);
    const status = fe.statusCode ?? 500;
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return sendProblem(request, reply, 'PAYLOAD_TOO_LARGE', { limit: mb(limits.bodyLimitBytes) });
    if (PART_COUNT_LIMITS.has(fe.code)) return sendProblem(request, reply, 'BAD_REQUEST', { reason: httpReason(lang, fe.code) });
    if (status === 413 || fe.code === 'FST_REQ_FILE_TOO_LARGE') {
      return sendProblem(request, reply, 'PAYLOAD_TOO_LARGE', { limit: `${limits.uploadLimitMb} MB` });
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendProblem(request, reply, 'UNSUPPORTED_MEDIA_TYPE', {
        reason: httpReason(lang, fe.code, { type: String(request.headers['content-type'] ?? '') }),
      });
    }
    if (status >= 400 && status < 500) {
      const code = byStatus[status] ?? 'BAD_REQUEST';
      return sendProblem(request, reply, code, { reason: httpReason(lang, fe.code) });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, 'INTERNAL');
  });
}

/**
 * PATCH is a partial change: a body with nothing to change (`{}`, or only `version`) is refused
 * with a rule naming it, instead of bumping the version for nothing or reaching the database
 * with an empty SET (one place for every PATCH route, present and future).
 */
export function registerEmptyChangeCheck(app: FastifyInstance) {
  app.addHook('preHandler', async (request) => {
    // Only a matched PATCH route: an unmatched path is the not-found handler's 404, whatever its body.
    if (request.method !== 'PATCH' || request.routeOptions.url === undefined) return;
    const body = request.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return;
    if (Object.keys(body).every((k) => k === 'version')) {
      throw new AppError('VALIDATION_FAILED', {}, [{ field: 'body', rule: 'emptyChange' }]);
    }
  });
}

/** Fastify's frameworkErrors: a malformed URL (bad percent-encoding) before any route runs. */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(request, reply, 'BAD_REQUEST', { reason: httpReason(requestLang(request), error.code) });
}

/** The caller's language from the raw bytes Node's parser gave up on (bounded: at most the header limit). */
function langFromRaw(raw: unknown): Lang {
  if (!Buffer.isBuffer(raw)) return langFromHeader(undefined);
  const m = /\r\naccept-language:[ \t]*([^\r\n]{0,200})/i.exec(raw.subarray(0, 64 * 1024).toString('latin1'));
  return langFromHeader(m?.[1]);
}

/**
 * Fastify's clientErrorHandler: errors of Node's HTTP parser, before Fastify has a request
 * (headers over the limit 431, a request line it cannot read 400, a slow request 408). There is
 * no reply object, so the problem+json is written on the socket by hand, then the socket closes.
 */
export function clientErrorHandler(maxHeaderBytes: number) {
  return (err: NodeJS.ErrnoException & { rawPacket?: unknown }, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const lang = langFromRaw(err.rawPacket);
    const body =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? problemBody(lang, 'HEADERS_TOO_LARGE', { limit: `${Math.round(maxHeaderBytes / 1024)} KB` })
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? problemBody(lang, 'REQUEST_TIMEOUT')
          : problemBody(lang, 'BAD_REQUEST', { reason: httpReason(lang, 'badRequest') });
    const json = JSON.stringify(body);
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${body.status} ${STATUS_CODES[body.status] ?? 'Error'}\r\n` +
          'Content-Type: application/problem+json; charset=utf-8\r\n' +
          `Content-Language: ${lang}\r\n` +
          `Content-Length: ${Buffer.byteLength(json)}\r\n` +
          'Connection: close\r\n\r\n' +
          json,
      );
    }
    socket.destroy();
  };
}
