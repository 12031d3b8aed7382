import { BadRequestException, ConflictException, UnprocessableEntityException } from '@nestjs/common';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

export class InvalidIdempotencyKeyException extends BadRequestException {
  constructor() {
    super({ statusCode: 400, error: 'INVALID_IDEMPOTENCY_KEY', message: `The ${IDEMPOTENCY_HEADER} header must be a UUID.` });
  }
}

/** The key was first used for another request (another body, method or path). */
export class IdempotencyKeyReusedException extends UnprocessableEntityException {
  constructor() {
    super({
      statusCode: 422,
      error: 'IDEMPOTENCY_KEY_REUSED',
      message: `This ${IDEMPOTENCY_HEADER} was already used for a different request; send a new key for a new request.`,
    });
  }
}

/** The first request with this key is still running (or was taken over by a retry). */
export class IdempotencyKeyInFlightException extends ConflictException {
  constructor() {
    super({
      statusCode: 409,
      error: 'IDEMPOTENCY_KEY_IN_FLIGHT',
      message: `A request with this ${IDEMPOTENCY_HEADER} is still being processed; try again in a moment.`,
    });
  }
}

/**
 * The first request with this key was carried out (its changes are saved) but its response was not
 * recorded: it will not be carried out again, and cannot be replayed. Only keys written by releases
 * before the response was stored in the saving transaction can be in this state (kept 24 hours).
 */
export class IdempotencyResponseLostException extends ConflictException {
  constructor() {
    super({
      statusCode: 409,
      error: 'IDEMPOTENCY_RESPONSE_LOST',
      message: `The request with this ${IDEMPOTENCY_HEADER} was saved, but its response was lost; reload to see the result.`,
    });
  }
}
