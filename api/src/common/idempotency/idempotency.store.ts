import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger } from '@nestjs/common';
import type { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { EntitySubscriberInterface, QueryRunner, TransactionCommitEvent } from 'typeorm';
import { IdempotencyKeyInFlightException, IdempotencyKeyReusedException, IdempotencyResponseLostException } from './idempotency.exceptions';

/** Keys are kept at least this long; older ones are deleted from time to time. */
export const KEEP_HOURS = 24;
/** A claim whose request has neither saved anything nor answered after this long is taken to be dead. */
export const STALE_CLAIM_SECONDS = 60;
const CLEANUP_EVERY_MS = 60 * 60 * 1000;

export interface IdempotentRequest {
  userId: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
}

/** A key this request holds: `token` is the claim's created_at, exact to the microsecond. */
export interface Claim extends IdempotentRequest {
  token: string;
  /** Set once a transaction of the request that wrote something has committed, with the key marked in it. */
  committed: boolean;
  /** The query runner whose commit is marking the key, between "before commit" and "after commit". */
  marking: QueryRunner | null;
}

export interface StoredResponse {
  statusCode: number;
  body: unknown;
}

export type ClaimOutcome = { kind: 'claimed'; claim: Claim } | { kind: 'replay'; response: StoredResponse };

interface KeyRow {
  method: string;
  path: string;
  request_hash: string;
  status_code: number | null;
  response: unknown;
  committed: boolean;
  stale: boolean;
}

/** TypeORM answers an UPDATE or DELETE on PostgreSQL with `[rows, affected]`, anything else with the rows. */
export function updatedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return Array.isArray(result) ? (result as T[]) : [];
}

/**
 * The idempotency keys, in PostgreSQL so that every API instance sees them.
 *
 * A request claims its key (INSERT … ON CONFLICT DO NOTHING) before the handler runs. Every
 * transaction the handler commits that wrote anything also marks the key done (`completed_at`), in
 * that same transaction, and only if the claim is still this request's: so a contribution is never
 * committed without its key saying so, and two requests can never both commit under one key (a
 * retry that took over a stale claim makes the old request's commit fail and roll back). The
 * response (status and body) is written just after; see the interceptor for the window between.
 */
@Injectable()
export class IdempotencyStore implements OnModuleInit, OnModuleDestroy, EntitySubscriberInterface {
  private readonly logger = new Logger('Idempotency');
  private readonly context = new AsyncLocalStorage<Claim>();
  private cleanupTimer: NodeJS.Timeout | null = null;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  onModuleInit(): void {
    if (!this.db.subscribers.includes(this)) this.db.subscribers.push(this);
    this.cleanupTimer = setInterval(() => void this.cleanup(), CLEANUP_EVERY_MS);
    this.cleanupTimer.unref();
    void this.cleanup();
  }

  onModuleDestroy(): void {
    if (this.cleanupTimer) clearInterval(this.cleanupTimer);
    const index = this.db.subscribers.indexOf(this);
    if (index >= 0) this.db.subscribers.splice(index, 1);
  }

  /** Deletes the keys older than KEEP_HOURS. */
  async cleanup(): Promise<void> {
    try {
      await this.db.query(`DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`, [KEEP_HOURS]);
    } catch (error) {
      this.logger.warn(`Could not delete old idempotency keys: ${String(error)}`);
    }
  }

  /** Claims the key for this request, or says what to answer instead (replay, 409, 422). */
  async claim(request: IdempotentRequest): Promise<ClaimOutcome> {
    const { userId, key, method, path, requestHash } = request;
    // A row can vanish between the statements (its request failed and released it): try again.
    for (let attempt = 0; attempt < 5; attempt++) {
      const inserted: { token: string }[] = await this.db.query(
        `INSERT INTO idempotency_keys (user_id, key, method, path, request_hash, created_at)
         VALUES ($1, $2, $3, $4, $5, clock_timestamp())
         ON CONFLICT DO NOTHING RETURNING created_at::text AS token`,
        [userId, key, method, path, requestHash],
      );
      if (inserted[0]) return { kind: 'claimed', claim: this.newClaim(request, inserted[0].token) };

      const [row]: KeyRow[] = await this.db.query(
        `SELECT method, path, request_hash, status_code, response, completed_at IS NOT NULL AS committed,
                created_at < now() - make_interval(secs => $3) AS stale
           FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
        [userId, key, STALE_CLAIM_SECONDS],
      );
      if (!row) continue;
      if (row.method !== method || row.path !== path || row.request_hash !== requestHash) throw new IdempotencyKeyReusedException();
      if (row.status_code !== null) return { kind: 'replay', response: { statusCode: row.status_code, body: row.response } };
      if (row.committed) {
        if (row.stale) throw new IdempotencyResponseLostException();
        throw new IdempotencyKeyInFlightException();
      }
      if (!row.stale) throw new IdempotencyKeyInFlightException();
      // Nothing saved, no answer, for a long time: the request died. Take the key over.
      const retaken = updatedRows<{ token: string }>(
        await this.db.query(
        `UPDATE idempotency_keys SET created_at = clock_timestamp()
          WHERE user_id = $1 AND key = $2 AND status_code IS NULL AND completed_at IS NULL
            AND created_at < now() - make_interval(secs => $3)
          RETURNING created_at::text AS token`,
          [userId, key, STALE_CLAIM_SECONDS],
        ),
      );
      if (retaken[0]) return { kind: 'claimed', claim: this.newClaim(request, retaken[0].token) };
    }
    throw new IdempotencyKeyInFlightException();
  }

  /** Runs the handler with the claim in context, so that its transactions mark the key. */
  run<T>(claim: Claim, handler: () => Promise<T>): Promise<T> {
    return this.context.run(claim, handler);
  }

  /** Records the response, for replays. False if the claim was lost meanwhile. */
  async complete(claim: Claim, response: StoredResponse): Promise<boolean> {
    const updated = updatedRows<unknown>(
      await this.db.query(
      `UPDATE idempotency_keys SET status_code = $4, response = $5::jsonb, completed_at = coalesce(completed_at, clock_timestamp())
        WHERE user_id = $1 AND key = $2 AND created_at = $3::timestamptz AND status_code IS NULL
        RETURNING 1`,
        [claim.userId, claim.key, claim.token, response.statusCode, JSON.stringify(response.body ?? null)],
      ),
    );
    return updated.length > 0;
  }

  /** Gives the key back when the request saved nothing, so that a retry runs it again. */
  async release(claim: Claim): Promise<void> {
    await this.db.query(
      `DELETE FROM idempotency_keys
        WHERE user_id = $1 AND key = $2 AND created_at = $3::timestamptz AND status_code IS NULL AND completed_at IS NULL`,
      [claim.userId, claim.key, claim.token],
    );
  }

  /**
   * Inside each committing transaction of a request that holds a key: if the transaction wrote
   * anything, mark the key done in it, or fail the commit (rolling everything back) when the key
   * is no longer this request's.
   */
  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const claim = this.context.getStore();
    if (!claim || event.queryRunner.dataSource !== this.db) return;
    const [state]: { wrote: boolean }[] = await event.queryRunner.query(`SELECT pg_current_xact_id_if_assigned() IS NOT NULL AS wrote`);
    if (!state?.wrote) return;
    const marked = updatedRows<unknown>(
      await event.queryRunner.query(
      `UPDATE idempotency_keys SET completed_at = coalesce(completed_at, clock_timestamp())
        WHERE user_id = $1 AND key = $2 AND created_at = $3::timestamptz AND status_code IS NULL
        RETURNING 1`,
        [claim.userId, claim.key, claim.token],
      ),
    );
    if (marked.length === 0) throw new IdempotencyKeyInFlightException();
    claim.marking = event.queryRunner;
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const claim = this.context.getStore();
    if (claim && claim.marking === event.queryRunner) {
      claim.committed = true;
      claim.marking = null;
    }
  }

  private newClaim(request: IdempotentRequest, token: string): Claim {
    return { ...request, token, committed: false, marking: null };
  }
}
