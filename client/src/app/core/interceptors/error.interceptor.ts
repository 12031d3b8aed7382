import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { catchError, throwError } from 'rxjs';
import { toApiError } from '../http/api-error';
import { localizeHttpError } from '../http/localized-error';
import { LanguageService } from '../i18n/language.service';

/** Statuses that the page asking knows how to explain (forms, "not found" pages, draft conflicts): no snackbar for them. */
const HANDLED_BY_CALLER = new Set([400, 401, 404, 409, 412, 428]);

/** Seconds from a Retry-After header (delay-seconds form), or null. */
export function retryAfterSeconds(error: HttpErrorResponse): number | null {
  const seconds = Number(error.headers?.get('Retry-After'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : null;
}

export function shouldNotify(error: unknown): boolean {
  if (!(error instanceof HttpErrorResponse)) return true;
  return !HANDLED_BY_CALLER.has(error.status);
}

/**
 * Too fast: when to try again, and for comments that the text is still there (the comment form
 * clears its saved draft only once the comment is posted).
 */
function tooManyRequests(i18n: LanguageService, code: string, seconds: number | null): string {
  const key = code === 'COMMENT_RATE_LIMITED' ? 'errors.commentRateLimited' : 'errors.tooManyRequests';
  return seconds === null ? i18n.t(`${key}Later`) : i18n.t(key, { seconds });
}

/**
 * The one place that tells people about failures nobody else handles: network down (0), server
 * errors (5xx) and anything unexpected. Every error is rethrown so callers still see it.
 */
export const errorInterceptor: HttpInterceptorFn = (request, next) => {
  const snackBar = inject(MatSnackBar);
  const i18n = inject(LanguageService);
  return next(request).pipe(
    catchError((error: unknown) => {
      // Callers read the message from the error they get back: give it to them in the reader's language.
      const failure = error instanceof HttpErrorResponse ? localizeHttpError(error, i18n.language(), (key, params) => i18n.t(key, params)) : error;
      if (shouldNotify(failure)) {
        const apiError = toApiError(failure);
        const message = failure instanceof HttpErrorResponse && failure.status === 429
          ? tooManyRequests(i18n, apiError.error, retryAfterSeconds(failure))
          : apiError.message;
        snackBar.open(message, i18n.t('common.dismiss'), { duration: 8000, politeness: 'assertive' });
      }
      return throwError(() => failure);
    }),
  );
};
