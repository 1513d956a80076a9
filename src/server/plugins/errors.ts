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
    else if (['minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems'].includes(e.keyword)) {
      params.limit = e.params.limit;
    } else if (e.keyword === 'anyOf' || e.keyword === 'oneOf') rule = 'type';
    const field = path.join('.') || (context === 'body' ? 'body' : context ?? 'body');
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

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  params: Record<string, unknown> = {},
  issues: FieldIssue[] = [],
  extra: Record<string, unknown> = {},
) {
  const lang = requestLang(request);
  const status = ERROR_STATUS[code];
  const body: Problem = {
    type: `https://presidio.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: translate(lang, 'title', code),
    status,
    code,
    detail: translate(lang, 'detail', code, params),
    ...(issues.length ? { errors: fieldErrors(lang, issues) } : {}),
    ...extra,
  };
  return reply.code(status).type('application/problem+json; charset=utf-8').send(body);
}

const byStatus: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND',
  409: 'DUPLICATE', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE', 429: 'RATE_LIMITED',
};

export function registerErrorHandling(app: FastifyInstance, uploadLimitMb: number) {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      return sendProblem(request, reply, error.code, error.params, error.issues, error.extra);
    }
    const fe = error as FastifyError & { validation?: AjvError[]; validationContext?: string };
    if (fe.validation) {
      return sendProblem(request, reply, 'VALIDATION_FAILED', {}, ajvIssues(fe.validation, fe.validationContext));
    }
    const status = fe.statusCode ?? 500;
    if (status === 413 || fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendProblem(request, reply, 'PAYLOAD_TOO_LARGE', { limit: `${uploadLimitMb} MB` });
    }
    if (status >= 400 && status < 500) {
      const code = byStatus[status] ?? 'BAD_REQUEST';
      return sendProblem(request, reply, code, { reason: fe.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, 'INTERNAL');
  });
}
