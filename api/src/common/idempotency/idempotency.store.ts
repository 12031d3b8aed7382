import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger } from '@nestjs/common';
import type { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { QueryRunner } from 'typeorm';
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
 * A request claims its key (INSERT … ON CONFLICT DO NOTHING, committed at once, so that a retry sees
 * it is in flight). The handler then runs inside ONE transaction on one connection: every query it
 * makes through the DataSource, and every transaction it opens (as a savepoint), goes to that
 * connection. When it returns, its response (status and body) is written to the key row in that same
 * transaction, which then commits. So the contribution and the response that announces it are saved
 * together or not at all: a retry either replays the stored response or, if nothing was saved, runs
 * again. There is no moment at which the write is saved and its response is not.
 */
@Injectable()
export class IdempotencyStore implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Idempotency');
  /**
   * The connection that the running idempotent request holds (`runner` is cleared once it is done),
   * and what is to run once its transaction has committed (see afterCommit).
   */
  private readonly context = new AsyncLocalStorage<HeldRequest>();
  private cleanupTimer: NodeJS.Timeout | null = null;
  private originalCreateQueryRunner: DataSource['createQueryRunner'] | null = null;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  onModuleInit(): void {
    // TypeORM has no ambient transaction: routing createQueryRunner is the one place through which
    // DataSource.query, repositories, managers and DataSource.transaction all obtain a connection.
    if (!this.originalCreateQueryRunner) {
      const original = this.db.createQueryRunner.bind(this.db);
      this.originalCreateQueryRunner = original;
      this.db.createQueryRunner = (mode) => {
        const held = this.context.getStore()?.runner;
        return held ? borrowed(held) : original(mode);
      };
    }
    this.cleanupTimer = setInterval(() => void this.cleanup(), CLEANUP_EVERY_MS);
    this.cleanupTimer.unref();
    void this.cleanup();
  }

  onModuleDestroy(): void {
    if (this.cleanupTimer) clearInterval(this.cleanupTimer);
    if (this.originalCreateQueryRunner) {
      this.db.createQueryRunner = this.originalCreateQueryRunner;
      this.originalCreateQueryRunner = null;
    }
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
      if (inserted[0]) return { kind: 'claimed', claim: { ...request, token: inserted[0].token } };

      const [row]: KeyRow[] = await this.db.query(
        `SELECT method, path, request_hash, status_code, response, completed_at IS NOT NULL AS committed,
                created_at < now() - make_interval(secs => $3) AS stale
           FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
        [userId, key, STALE_CLAIM_SECONDS],
      );
      if (!row) continue;
      if (row.method !== method || row.path !== path || row.request_hash !== requestHash) throw new IdempotencyKeyReusedException();
      if (row.status_code !== null) return { kind: 'replay', response: { statusCode: row.status_code, body: row.response } };
      // Only rows written by an older release can be saved without their response.
      if (row.committed) throw new IdempotencyResponseLostException();
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
      if (retaken[0]) return { kind: 'claimed', claim: { ...request, token: retaken[0].token } };
    }
    throw new IdempotencyKeyInFlightException();
  }

  /**
   * Runs the handler in one transaction and stores `respond(result)` in it before committing. Throws
   * (and rolls everything back) when the handler throws, or when the claim was taken over meanwhile.
   */
  async execute<T>(claim: Claim, handler: () => Promise<T>, respond: (result: T) => StoredResponse): Promise<T> {
    const create = this.originalCreateQueryRunner ?? this.db.createQueryRunner.bind(this.db);
    const runner = create('master');
    const held: HeldRequest = { runner, committed: [] };
    try {
      await runner.startTransaction();
      const result = await this.context.run(held, handler);
      const response = respond(result);
      const stored = updatedRows<unknown>(
        await runner.query(
          `UPDATE idempotency_keys SET status_code = $4, response = $5::jsonb, completed_at = clock_timestamp()
            WHERE user_id = $1 AND key = $2 AND created_at = $3::timestamptz AND status_code IS NULL
            RETURNING 1`,
          [claim.userId, claim.key, claim.token, response.statusCode, JSON.stringify(response.body ?? null)],
        ),
      );
      // A retry took the key over (this request looked dead): its run, not this one, may save.
      if (stored.length === 0) throw new IdempotencyKeyInFlightException();
      await runner.commitTransaction();
      for (const run of held.committed) this.runCommitted(run);
      return result;
    } catch (error) {
      if (runner.isTransactionActive) {
        await runner.rollbackTransaction().catch((rollback: unknown) => this.logger.warn(`Rollback failed: ${String(rollback)}`));
      }
      throw error;
    } finally {
      // Anything the handler left running after it answered gets its own connections again.
      held.runner = null;
      await runner.release();
    }
  }

  /**
   * Runs `run` once what the caller has written is committed: at once outside an idempotent
   * request, and inside one when its transaction commits (never, if it rolls back). For what must
   * follow the commit without being part of it, such as a comment's live notice: a NOTIFY inside
   * the request's transaction would hold PostgreSQL's database-wide notify lock through the
   * commit's flush, so that every other notifying commit waited for this one's fsync.
   */
  afterCommit(run: () => void): void {
    const held = this.context.getStore();
    if (held?.runner) held.committed.push(run);
    else this.runCommitted(run);
  }

  /** Whether the caller runs inside an idempotent request's transaction (its statements go there). */
  inRequestTransaction(): boolean {
    return Boolean(this.context.getStore()?.runner);
  }

  /** The write is committed whatever `run` does, so its failure is logged, not thrown. */
  private runCommitted(run: () => void): void {
    try {
      run();
    } catch (error) {
      this.logger.warn(`After a commit: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Gives the key back when the request saved nothing, so that a retry runs it again. */
  async release(claim: Claim): Promise<void> {
    await this.db.query(
      `DELETE FROM idempotency_keys
        WHERE user_id = $1 AND key = $2 AND created_at = $3::timestamptz AND status_code IS NULL AND completed_at IS NULL`,
      [claim.userId, claim.key, claim.token],
    );
  }
}

/** An idempotent request in its transaction: its connection, and what waits for its commit. */
interface HeldRequest {
  runner: QueryRunner | null;
  committed: (() => void)[];
}

/** The held connection, as the handler's code sees it: releasing it is left to execute(). */
function borrowed(runner: QueryRunner): QueryRunner {
  return new Proxy(runner, {
    get(target, property, receiver) {
      if (property === 'release') return () => Promise.resolve();
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}
