import { HttpErrorResponse } from '@angular/common/http';
import type { ApiError, FieldError } from '@doorway/contracts';

const NETWORK_MESSAGE = 'Could not reach Doorway. Check your connection and try again.';
const UNEXPECTED_MESSAGE = 'Something went wrong. Please try again.';

function isFieldError(value: unknown): value is FieldError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate['field'] === 'string' &&
    Array.isArray(candidate['problems']) &&
    candidate['problems'].every((p: unknown) => typeof p === 'string')
  );
}

/** True when a response body has the API's error shape. */
export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  const details = candidate['details'];
  return (
    typeof candidate['statusCode'] === 'number' &&
    typeof candidate['error'] === 'string' &&
    typeof candidate['message'] === 'string' &&
    (details === undefined || (Array.isArray(details) && details.every(isFieldError)))
  );
}

/** Whatever failed, an ApiError a person can read. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof HttpErrorResponse) {
    if (isApiError(error.error)) return error.error;
    if (error.status === 0) return { statusCode: 0, error: 'NETWORK', message: NETWORK_MESSAGE };
    return { statusCode: error.status, error: 'UNEXPECTED', message: UNEXPECTED_MESSAGE };
  }
  if (isApiError(error)) return error;
  return { statusCode: 0, error: 'UNEXPECTED', message: UNEXPECTED_MESSAGE };
}
