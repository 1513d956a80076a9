import { ERROR_STATUS, type ErrorCode } from '../shared/errors.ts';

/** A field-level problem before translation: `rule` names a message, `params` fill it in. */
export interface FieldIssue {
  field: string;
  rule: string;
  params?: Record<string, unknown>;
  row?: number;
}

/** The one error type services throw; the errors plugin turns it into problem+json. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, unknown> = {},
    readonly issues: FieldIssue[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = () => new AppError('NOT_FOUND');
export const forbidden = () => new AppError('FORBIDDEN');
export const invalid = (issues: FieldIssue[]) => new AppError('VALIDATION_FAILED', {}, issues);
export const conflict = (current: unknown) => new AppError('VERSION_CONFLICT', {}, [], { current });
