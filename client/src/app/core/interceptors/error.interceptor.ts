import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { catchError, throwError } from 'rxjs';
import { toApiError } from '../http/api-error';

/** Statuses that the page asking knows how to explain (forms, "not found" pages, draft conflicts): no snackbar for them. */
const HANDLED_BY_CALLER = new Set([400, 401, 404, 409, 412, 428]);

export function shouldNotify(error: unknown): boolean {
  if (!(error instanceof HttpErrorResponse)) return true;
  return !HANDLED_BY_CALLER.has(error.status);
}

/**
 * The one place that tells people about failures nobody else handles: network down (0), server
 * errors (5xx) and anything unexpected. Every error is rethrown so callers still see it.
 */
export const errorInterceptor: HttpInterceptorFn = (request, next) => {
  const snackBar = inject(MatSnackBar);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (shouldNotify(error)) {
        snackBar.open(toApiError(error).message, 'Dismiss', { duration: 8000, politeness: 'assertive' });
      }
      return throwError(() => error);
    }),
  );
};
