import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { IDEMPOTENCY_HEADER } from './idempotency.exceptions';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * Makes a POST safe to retry: with an `Idempotency-Key` header (a UUID), a retry returns the
 * first response instead of creating again. The route's module imports IdempotencyModule.
 */
export function Idempotent(): MethodDecorator {
  return applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_HEADER,
      required: false,
      description:
        'A UUID chosen by the client per submission and reused for its retries: a retry returns the first response ' +
        '(header Idempotent-Replayed: true) and creates nothing. Kept at least 24 hours, per user.',
      schema: { type: 'string', format: 'uuid' },
    }),
    ApiConflictResponse({ description: 'IDEMPOTENCY_KEY_IN_FLIGHT: the first request with this key is still running; retry later' }),
    ApiUnprocessableEntityResponse({ description: 'IDEMPOTENCY_KEY_REUSED: this key was used for a different request' }),
  );
}
