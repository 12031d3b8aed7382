/** One field's problems, as the API reports them in a 400. */
export interface FieldError {
  /** Dotted path of the offending field, e.g. `quote.exact` or `query.limit`. */
  field: string;
  problems: string[];
}

/** The shape of every error the API returns. */
export interface ApiError {
  statusCode: number;
  /** A stable machine-readable code, e.g. `VALIDATION_FAILED`, `COMMENT_NOT_FOUND`. */
  error: string;
  /** A sentence a person can read. */
  message: string;
  details?: FieldError[];
}

/**
 * Every code the API puts in `ApiError.error`. The API writes its messages in English; the client
 * shows a translation of each code in the other interface languages (`apiErrors.<CODE>` in its
 * catalogs). tools/checks/api-error-codes.spec.ts fails on a code the API uses that is not listed.
 */
export const API_ERROR_CODES = [
  'ALREADY_ENDORSED',
  'ALREADY_HIDDEN',
  'ALREADY_REPORTED',
  'BAD_REQUEST',
  'CASE_STUDY_NOT_FOUND',
  'CASE_STUDY_WRONG_STATUS',
  'COMMENT_DELETED',
  'COMMENT_NOT_FOUND',
  'COMMENT_RATE_LIMITED',
  'CONFLICT',
  'CONSULTATION_CLOSED',
  'CONTRIBUTION_NOT_FOUND',
  'CSRF_TOKEN_INVALID',
  'DOCUMENT_NOT_FOUND',
  'DRAFT_BUSY',
  'DRAFT_CHANGED',
  'DRAFT_EMPTY',
  'EMAIL_TAKEN',
  'ERROR',
  'EXPORT_NOT_FOUND',
  'EXPORT_NOT_READY',
  'EXPORT_TOO_LARGE',
  'FORBIDDEN',
  'IDEMPOTENCY_KEY_IN_FLIGHT',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_RESPONSE_LOST',
  'INTERNAL',
  'INVALID_CREDENTIALS',
  'INVALID_IDEMPOTENCY_KEY',
  'NOTHING_TO_RESTORE',
  'NOT_FOUND',
  'NOT_YOUR_COMMENT',
  'NO_PUBLISHED_VERSION',
  'OWN_CONTRIBUTION',
  'OWN_ROLE',
  'PARAGRAPH_NOT_FOUND',
  'PAYLOAD_TOO_LARGE',
  'PRECONDITION_REQUIRED',
  'PUBLISH_REFUSED',
  'ROLE_REQUIRED',
  'SUGGESTION_TRIAGED',
  'TOO_MANY_REQUESTS',
  'TOO_MANY_SIGN_INS',
  'UNAUTHENTICATED',
  'UNPROCESSABLE',
  'UNSUPPORTED_MEDIA_TYPE',
  'USER_NOT_FOUND',
  'VALIDATION_FAILED',
  'VERSION_NOT_FOUND',
  'WRONG_PASSWORD',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export function isApiErrorCode(code: string): code is ApiErrorCode {
  return (API_ERROR_CODES as readonly string[]).includes(code);
}
