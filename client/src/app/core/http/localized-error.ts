import { HttpErrorResponse } from '@angular/common/http';
import { isApiErrorCode } from '@doorway/contracts';
import type { ApiError } from '@doorway/contracts';
import { formatShortList, localeOf } from '../i18n/languages';
import type { Translate, UiLanguage } from '../i18n/languages';
import { toApiError } from './api-error';

/**
 * An error's sentence in the interface language. The API writes its messages in English, often with
 * specifics (the field, the paragraph, the limit), so the English interface shows them as sent. The
 * other languages show the translation of the error's code (`apiErrors.<CODE>`), naming the refused
 * fields of a validation error; a code the client does not know keeps the API's sentence.
 */
export function apiErrorText(error: ApiError, language: UiLanguage, t: Translate): string {
  if (error.error === 'NETWORK') return t('errors.network');
  if (error.error === 'UNEXPECTED') return t('errors.unexpected');
  if (language === 'en' || !isApiErrorCode(error.error)) return error.message;
  if (error.error === 'VALIDATION_FAILED') {
    const fields = [...new Set((error.details ?? []).map((detail) => detail.field))];
    // Without details the sentence still reads, naming nothing in particular.
    return t('apiErrors.VALIDATION_FAILED', { fields: fields.length ? formatShortList(fields, localeOf(language)) : '…' });
  }
  return t(`apiErrors.${error.error}`);
}

/**
 * The same failure with its body's message in the interface language (status, headers and error
 * code unchanged), so that every page showing `toApiError(error).message` speaks the reader's
 * language. A body that is not an ApiError (network down, a proxy's HTML page) becomes one.
 */
export function localizeHttpError(error: HttpErrorResponse, language: UiLanguage, t: Translate): HttpErrorResponse {
  const apiError = toApiError(error);
  const body: ApiError = { ...apiError, message: apiErrorText(apiError, language, t) };
  return new HttpErrorResponse({
    error: body,
    headers: error.headers,
    status: error.status,
    statusText: error.statusText,
    url: error.url ?? undefined,
  });
}
