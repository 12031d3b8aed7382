import { BadRequestException, NotFoundException } from '@nestjs/common';
import { toApiError } from './api-exception.filter';

describe('toApiError', () => {
  it('keeps a domain code and message', () => {
    expect(toApiError(new NotFoundException({ statusCode: 404, error: 'COMMENT_NOT_FOUND', message: 'No comment 1.' }))).toEqual({
      statusCode: 404,
      error: 'COMMENT_NOT_FOUND',
      message: 'No comment 1.',
    });
  });

  it('gives plain Nest exceptions a stable code', () => {
    expect(toApiError(new BadRequestException('nope'))).toMatchObject({ statusCode: 400, error: 'BAD_REQUEST', message: 'nope' });
  });

  it('maps Fastify body errors to 4xx without internals', () => {
    expect(toApiError({ statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE', message: 'Request body is too large' })).toEqual({
      statusCode: 413,
      error: 'PAYLOAD_TOO_LARGE',
      message: 'The request body is too large.',
    });
  });

  it('hides everything about an unexpected error', () => {
    const error = toApiError(new Error('relation "users" does not exist at /srv/app/x.js:1'));
    expect(error).toEqual({ statusCode: 500, error: 'INTERNAL', message: 'Something went wrong on our side. Nothing was saved.' });
  });
});
