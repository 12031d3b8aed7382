import { BadRequestException } from '@nestjs/common';

/** A `cursor` query parameter that no list of this API handed out (tampered with, or from another list). */
export class InvalidCursorException extends BadRequestException {
  constructor() {
    super({
      statusCode: 400,
      error: 'VALIDATION_FAILED',
      message: 'cursor: is not a cursor this API gave out',
      details: [{ field: 'cursor', problems: ['is not a cursor this API gave out'] }],
    });
  }
}
