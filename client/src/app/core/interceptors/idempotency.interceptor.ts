import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import type { HttpInterceptorFn } from '@angular/common/http';
import { retry, throwError, timer } from 'rxjs';

/** The header that makes a POST safe to retry: the server answers a retry with the first response. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** Waits before each retry: at most four retries, doubling from half a second. */
export const RETRY_DELAYS_MS: readonly number[] = [500, 1000, 2000, 4000];

/** Network down (0) and gateway failures: the request may or may not have reached the API. */
const RETRYABLE_STATUSES = new Set([0, 502, 503, 504]);

/** A fresh key for one submission; its retries reuse it. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/** Headers for one submission of a POST that creates something: a fresh Idempotency-Key. */
export function idempotencyHeaders(headers: HttpHeaders = new HttpHeaders()): HttpHeaders {
  return headers.set(IDEMPOTENCY_HEADER, newIdempotencyKey());
}

export function isRetryable(error: unknown): boolean {
  if (!(error instanceof HttpErrorResponse)) return false;
  if (RETRYABLE_STATUSES.has(error.status)) return true;
  // An earlier attempt of this very submission is still running on the server (e.g. behind a 504).
  const body: unknown = error.error;
  return error.status === 409 && typeof body === 'object' && body !== null && (body as Record<string, unknown>)['error'] === 'IDEMPOTENCY_KEY_IN_FLIGHT';
}

/**
 * Retries the requests that carry an Idempotency-Key (the services add it, one per submission)
 * with exponential backoff, on network failure, 502, 503 or 504: the same request, so the same
 * key, so the server creates the comment once and answers the retries with it. Any other error
 * (4xx, 500) is passed on at once; after the last retry the last error is.
 */
export const idempotencyInterceptor: HttpInterceptorFn = (request, next) => {
  if (!request.headers.has(IDEMPOTENCY_HEADER)) return next(request);
  return next(request).pipe(
    retry({
      count: RETRY_DELAYS_MS.length,
      delay: (error: unknown, retryCount: number) =>
        isRetryable(error) ? timer(RETRY_DELAYS_MS[retryCount - 1] ?? 0) : throwError(() => error),
    }),
  );
};
