/** Stable error codes of the API and the HTTP status each maps to. Clients switch on `code`. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CSRF_INVALID: 403,
  NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  DUPLICATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IMPORT_INVALID: 422,
  CONTRACT_NOT_FOUND: 422,
  CONTRACT_AMBIGUOUS: 422,
  INVALID_REFERENCE: 422,
  INVALID_STATE: 409,
  EMERGENCY_ONLY: 409,
  REMINDER_TOO_SOON: 409,
  ACTION_REFUSED: 409,
  DOCUMENTS_MISSING: 422,
  // #9: the requester's "not solved" after its window; a verification while documents are still to follow.
  REOPEN_WINDOW_OVER: 409,
  DOCUMENTS_PENDING: 422,
  // #10: a final account only for a work order whose closing documents are all accepted.
  DOCUMENTS_INCOMPLETE: 422,
  // #8: planned work orders.
  CHECKLIST_INCOMPLETE: 422,
  NO_OUT_OF_RANGE: 409,
  FOLLOW_UP_EXISTS: 409,
  SAME_PRIORITY: 422,
  PENALTY_TERM_EXPIRED: 409,
  PENALTY_TERM_RUNNING: 409,
  RATING_LINK_INVALID: 404,
  LOGIN_BACKOFF: 429,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  // #7 (account security)
  EMAIL_LINK_INVALID: 400,
  SESSION_REQUIRED: 403,
  // #7: limits of the HTTP layer and of imports.
  HEADERS_TOO_LARGE: 431,
  REQUEST_TIMEOUT: 408,
  IMPORT_TOO_LARGE: 413,
  // #10 item 3: a final account whose allocation rule cannot apply is not approved.
  ALLOCATION_IMPOSSIBLE: 422,
  // #10 item 4: a statement is not approved without the contractor's valid contributions certificate.
  DURC_EXPIRED: 422,
  DURC_MISSING: 422,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  errors?: FieldError[];
  current?: unknown;
}
