import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { defer, lastValueFrom } from 'rxjs';
import type { Observable } from 'rxjs';
import { UserEntity } from '../../modules/users/entities/user.entity';
import { UsersService } from '../../modules/users/users.service';
import type { SessionToken } from '../../modules/users/users.service';
import { signInRequired } from '../guards/jwt-auth.guard';
import { InvalidIdempotencyKeyException } from './idempotency.exceptions';
import { IdempotencyStore } from './idempotency.store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Set on a response that is the stored answer to an earlier request with the same key. */
export const REPLAYED_HEADER = 'idempotent-replayed';

/** JSON with the keys of every object sorted, so that the same body always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * `Idempotency-Key` on the POSTs that create contributions (see @Idempotent()). Without the header
 * the request runs as before. With it, per user:
 * - the first request claims the key, runs, and its response (status and body) is stored;
 * - a retry (same method, path and body) gets the stored response, and nothing is created again;
 * - the same key with another body, method or path gets 422 IDEMPOTENCY_KEY_REUSED;
 * - while the first request is still running, a retry gets 409 IDEMPOTENCY_KEY_IN_FLIGHT at once
 *   (it does not wait); the client retries later;
 * - the handler runs in one transaction that also stores its response (see IdempotencyStore.execute),
 *   so a request that saved always has its response stored, even if the process dies just after;
 * - when the request fails (any 4xx or 5xx), everything it wrote is rolled back and the key is
 *   released: a retry runs again (and meets the same 4xx if nothing changed);
 * - a claim whose request neither saved nor answered within STALE_CLAIM_SECONDS (the process
 *   died) is taken over by the next retry.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly store: IdempotencyStore,
    private readonly users: UsersService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { user?: UserEntity | SessionToken | null }>();
    const reply = http.getResponse<FastifyReply>();
    const header = request.headers['idempotency-key'];
    if (header === undefined) return next.handle();
    if (typeof header !== 'string' || !UUID.test(header.trim())) throw new InvalidIdempotencyKeyException();
    const user = request.user;
    if (!user) return next.handle();
    // Runs to its end even if the client goes away: the response must be stored for its retry.
    return defer(() =>
      this.handle(next, reply, user, {
        userId: user.id,
        key: header.trim().toLowerCase(),
        method: request.method,
        path: request.url.split('?')[0] ?? request.url,
        requestHash: createHash('sha256').update(canonicalJson(request.body)).digest('hex'),
      }),
    );
  }

  /**
   * On a route under @AuthenticatedByToken the session is still unconfirmed here. A request that
   * runs has it confirmed by its service (and a refusal releases the key), but a stored answer
   * must not be replayed to an ended session: for a replay the user is loaded first.
   */
  private async confirmSession(user: UserEntity | SessionToken): Promise<void> {
    if (user instanceof UserEntity) return;
    if (!(await this.users.findSessionUser(user))) throw signInRequired();
  }

  private async handle(
    next: CallHandler,
    reply: FastifyReply,
    user: UserEntity | SessionToken,
    request: Parameters<IdempotencyStore['claim']>[0],
  ): Promise<unknown> {
    const outcome = await this.store.claim(request);
    if (outcome.kind === 'replay') {
      await this.confirmSession(user);
      reply.status(outcome.response.statusCode);
      reply.header(REPLAYED_HEADER, 'true');
      return outcome.response.body;
    }
    const claim = outcome.claim;
    try {
      // Nest sets the route's status before the interceptors run, so it is known here.
      return await this.store.execute(
        claim,
        () => lastValueFrom(next.handle(), { defaultValue: undefined }),
        (body) => ({ statusCode: reply.statusCode, body }),
      );
    } catch (error) {
      // Nothing was saved (the transaction rolled back): free the key so that a retry runs again.
      await this.store.release(claim).catch((releasing: unknown) => {
        // The stale-claim rule frees the key later; the original error is what the client sees.
        this.logger.warn(`Could not release idempotency key ${claim.key}: ${String(releasing)}`);
      });
      throw error;
    }
  }
}
