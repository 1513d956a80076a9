// application/problem+json, as the server sends it (docs/API.md "Conventions").

export interface ProblemFieldError {
  /** A body field (camelCase, possibly a path like `occupancies/0/sharePercent`). */
  field?: string;
  /** Import errors point at a file row and column instead of a field. */
  row?: number;
  column?: string;
  code: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  code: string;
  detail?: string;
  errors?: ProblemFieldError[];
  /** On 409 VERSION_CONFLICT: the object as stored now. */
  current?: unknown;
}

/** Codes the client makes up itself when the server could not answer with a problem. */
export const NETWORK_ERROR = 'NETWORK_ERROR';
export const UNEXPECTED_RESPONSE = 'UNEXPECTED_RESPONSE';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string | undefined;
  readonly errors: ProblemFieldError[];
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? problem.code);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
    this.problem = problem;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export function isVersionConflict(error: unknown): error is ApiError {
  return isApiError(error) && error.status === 409 && error.code === 'VERSION_CONFLICT';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseFieldError(value: unknown): ProblemFieldError | null {
  if (!isRecord(value)) return null;
  const message = typeof value.message === 'string' ? value.message : '';
  const code = typeof value.code === 'string' ? value.code : 'INVALID';
  const out: ProblemFieldError = { code, message };
  if (typeof value.field === 'string') out.field = value.field;
  if (typeof value.row === 'number') out.row = value.row;
  if (typeof value.column === 'string') out.column = value.column;
  return out;
}

/** Turns any JSON error body into a Problem, tolerating missing members. */
export function toProblem(status: number, body: unknown): Problem {
  if (!isRecord(body)) return { status, code: status >= 500 ? 'INTERNAL' : UNEXPECTED_RESPONSE };
  const problem: Problem = {
    status: typeof body.status === 'number' ? body.status : status,
    code: typeof body.code === 'string' ? body.code : status >= 500 ? 'INTERNAL' : UNEXPECTED_RESPONSE,
  };
  if (typeof body.type === 'string') problem.type = body.type;
  if (typeof body.title === 'string') problem.title = body.title;
  if (typeof body.detail === 'string') problem.detail = body.detail;
  if (Array.isArray(body.errors)) {
    problem.errors = body.errors.map(parseFieldError).filter((e): e is ProblemFieldError => e !== null);
  }
  if ('current' in body) problem.current = body.current;
  return problem;
}

/**
 * Normalises a server field path to the dotted path @mantine/form uses:
 * `/occupancies/0/sharePercent`, `occupancies[0].sharePercent` and `body.name` all become
 * `occupancies.0.sharePercent` / `name`.
 */
export function fieldPath(field: string): string {
  return field
    .replace(/^\/+/, '')
    .replace(/^body[./]/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/\//g, '.');
}
