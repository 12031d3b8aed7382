import { BadRequestException } from '@nestjs/common';

export class InvalidDateFilterException extends BadRequestException {
  constructor(field: 'from' | 'to') {
    super({
      statusCode: 400,
      error: 'VALIDATION_FAILED',
      message: `${field}: must be a date between 2000 and 9999`,
      details: [{ field, problems: ['must be a date between 2000 and 9999'] }],
    });
  }
}
