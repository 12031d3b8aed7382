import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError, FieldError } from '@doorway/contracts';
import { UserEntity } from '../../modules/users/entities/user.entity';
import type { SessionToken } from '../../modules/users/users.service';
import { signInRequired } from '../guards/jwt-auth.guard';

/** Fastify's own errors (bad JSON, body too large, …) carry a status and a code. */
interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

const STATUS_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
};

/** Turns every error into `{ statusCode, error, message, details? }`; a 500 never carries internals. */
export function toApiError(exception: unknown): ApiError {
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    if (typeof response === 'object' && response !== null) {
      const body = response as Partial<ApiError> & { message?: string | string[] };
      const message = Array.isArray(body.message) ? body.message.join('; ') : (body.message ?? exception.message);
      const error = typeof body.error === 'string' && /^[A-Z_]+$/.test(body.error)
        ? body.error
        : (STATUS_CODES[statusCode] ?? 'ERROR');
      const details = body.details as FieldError[] | undefined;
      const apiError: ApiError = details ? { statusCode, error, message, details } : { statusCode, error, message };
      // A 412 on a draft also carries the draft as it now stands (an object, or null when there is none).
      const current = (body as { current?: unknown }).current;
      return typeof current === 'object' ? ({ ...apiError, current } as ApiError) : apiError;
    }
    return { statusCode, error: STATUS_CODES[statusCode] ?? 'ERROR', message: String(response) };
  }
  const fastifyError = exception as FastifyLikeError;
  if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    const statusCode = fastifyError.statusCode;
    return {
      statusCode,
      error: STATUS_CODES[statusCode] ?? 'BAD_REQUEST',
      message: describeFastifyError(fastifyError),
    };
  }
  if (isUnstorableInput(exception)) {
    return { statusCode: 400, error: 'BAD_REQUEST', message: 'The request contains a character that cannot be stored (a null character).' };
  }
  return { statusCode: 500, error: 'INTERNAL', message: 'Something went wrong on our side. Nothing was saved.' };
}

/**
 * PostgreSQL refused a character of the input itself (22021, e.g. a null character in text) on a
 * path the validation pipe does not guard, such as the sign-in strategy: the request's fault.
 */
function isUnstorableInput(exception: unknown): boolean {
  const driverError = (exception as { driverError?: { code?: unknown } } | null)?.driverError;
  return typeof driverError === 'object' && driverError !== null && driverError.code === '22021';
}

function describeFastifyError(error: FastifyLikeError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is too large.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Send the body as application/json.';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The JSON body is empty.';
    default:
      if (error.message && /JSON/i.test(error.message)) return 'The body is not valid JSON.';
      return error.message ?? 'Bad request.';
  }
}

/** Whether a session token still stands for a user (UsersService.findSessionUser), for refusals on token routes. */
export type SessionCheck = (session: SessionToken) => Promise<boolean>;

/**
 * The session a request carries when only its cookie's signature was checked (@AuthenticatedByToken);
 * null when there is none, or when the guard already confirmed it against the user's row.
 */
function unconfirmedSession(request: FastifyRequest): SessionToken | null {
  const user = (request as FastifyRequest & { user?: unknown }).user;
  if (typeof user !== 'object' || user === null || user instanceof UserEntity) return null;
  const { id, sessionEpoch } = user as Partial<SessionToken>;
  return typeof id === 'string' && typeof sessionEpoch === 'number' ? { id, sessionEpoch } : null;
}

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  /**
   * @param spaIndex the client's index.html, sent for page URLs the API does not know; null when no client is served.
   * @param sessionLives confirms an unconfirmed session before a refusal goes out (see catch).
   */
  constructor(
    private readonly spaIndex: string | null = null,
    private readonly sessionLives: SessionCheck | null = null,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const body = toApiError(exception);
    if (body.statusCode === HttpStatus.NOT_FOUND && this.spaIndex && isPageRequest(request)) {
      void reply.header('cache-control', 'no-cache').sendFile(this.spaIndex);
      return;
    }
    // A route under @AuthenticatedByToken confirms the session only in its service's statement, so
    // a request refused before that (a body that fails validation, a malformed Idempotency-Key)
    // would tell an ended session 400. Such a refusal confirms the session first, and an ended one
    // gets 401, as on every other signed-in route. Here, not in an interceptor: it costs one query
    // on that error path and nothing on the write path.
    const session = unconfirmedSession(request);
    const refusal = body.statusCode >= 400 && body.statusCode < 500 && body.statusCode !== HttpStatus.UNAUTHORIZED;
    if (session && refusal && this.sessionLives) {
      void this.sessionLives(session)
        .catch(() => true) // Could not tell: the refusal as it was is still true.
        .then((lives) => this.send(reply, lives ? exception : signInRequired()));
      return;
    }
    this.send(reply, exception, body);
  }

  private send(reply: FastifyReply, exception: unknown, body: ApiError = toApiError(exception)): void {
    if (body.statusCode === HttpStatus.INTERNAL_SERVER_ERROR) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    // A 429 says when to try again, in the header clients and proxies understand.
    const retryAfter = exception instanceof HttpException ? (exception.getResponse() as { retryAfter?: unknown }).retryAfter : undefined;
    if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}

/** A browser navigating to a client route, as opposed to a call to the API or a missing asset. */
function isPageRequest(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  return request.method === 'GET' && !path.startsWith('/api') && !/\.[a-z0-9]+$/i.test(path);
}
