import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import type { ApiError } from '@doorway/contracts';
import ar from '../../../../public/i18n/ar.json';
import es from '../../../../public/i18n/es.json';
import { testTranslate } from '../../testing/transloco';
import { apiErrorText, localizeHttpError } from './localized-error';

const roleRequired: ApiError = { statusCode: 403, error: 'ROLE_REQUIRED', message: 'Only coordinators can change roles.' };

describe('apiErrorText', () => {
  it('keeps the API’s own English sentence in the English interface', () => {
    expect(apiErrorText(roleRequired, 'en', testTranslate())).toBe('Only coordinators can change roles.');
  });

  it('says a known code in Spanish and in Arabic', () => {
    expect(apiErrorText(roleRequired, 'es', testTranslate('es', es))).toBe('Tu rol no lo permite.');
    expect(apiErrorText(roleRequired, 'ar', testTranslate('ar', ar))).toBe('دورك لا يسمح بذلك.');
  });

  it('names the refused fields of a validation error, each once', () => {
    const error: ApiError = {
      statusCode: 400,
      error: 'VALIDATION_FAILED',
      message: 'body: must be shorter; quote.exact: does not occur in paragraph 3',
      details: [
        { field: 'body', problems: ['must be shorter'] },
        { field: 'quote.exact', problems: ['does not occur in paragraph 3'] },
        { field: 'body', problems: ['must be text'] },
      ],
    };
    expect(apiErrorText(error, 'es', testTranslate('es', es))).toBe('Parte de lo que enviaste fue rechazado. Revisa: body y quote.exact.');
  });

  it('keeps the sentence of a code it does not know', () => {
    const error: ApiError = { statusCode: 418, error: 'SOMETHING_NEW', message: 'A new kind of refusal.' };
    expect(apiErrorText(error, 'es', testTranslate('es', es))).toBe('A new kind of refusal.');
  });
});

describe('localizeHttpError', () => {
  it('translates the body’s message and keeps the status, code, details and headers', () => {
    const original = new HttpErrorResponse({
      status: 409,
      statusText: 'Conflict',
      url: '/api/comments/1/endorsements',
      headers: new HttpHeaders({ 'Retry-After': '5' }),
      error: { statusCode: 409, error: 'ALREADY_ENDORSED', message: 'You have already endorsed this.' },
    });
    const localized = localizeHttpError(original, 'es', testTranslate('es', es));
    expect(localized.status).toBe(409);
    expect(localized.url).toBe('/api/comments/1/endorsements');
    expect(localized.headers.get('Retry-After')).toBe('5');
    expect(localized.error).toEqual({ statusCode: 409, error: 'ALREADY_ENDORSED', message: 'Ya has respaldado esto.' });
  });

  it('gives a network failure an error body in the reader’s language', () => {
    const original = new HttpErrorResponse({ status: 0, error: new ProgressEvent('error') });
    const localized = localizeHttpError(original, 'es', testTranslate('es', es));
    expect(localized.error).toEqual({ statusCode: 0, error: 'NETWORK', message: es.errors.network });
  });
});
