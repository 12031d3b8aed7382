import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../config/config';
import type { AppConfig } from '../../config/config';
import type { UserEntity } from '../users/entities/user.entity';

export const COMMENT_RATE_WINDOW_SECONDS = 60;

export class CommentRateLimitedException extends HttpException {
  constructor(
    readonly limit: number,
    readonly retryAfterSeconds: number,
  ) {
    super(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        error: 'COMMENT_RATE_LIMITED',
        message:
          `You can post at most ${limit} comments, replies and suggestions a minute. ` +
          `Try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}; your text is kept.`,
        // Read by the exception filter, which sends it as the Retry-After header.
        retryAfter: retryAfterSeconds,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * The per-user limit on new comments, replies and suggestions (COMMENT_RATE_LIMIT_PER_MINUTE), over
 * a sliding minute. It counts the user's own contributions in PostgreSQL, so every API instance sees
 * the same count, and a replayed idempotent retry (answered before the handler runs, creating
 * nothing) is never counted. Interventions that editors record for speakers in the room are not
 * the editor's own words and are not counted.
 *
 * The check takes no lock, to keep the common path at one indexed query. Comments without an
 * idempotency key are written one author at a time (see GroupCommit's keys), so their limit is
 * exact within an API process; two keyed requests of one user arriving at the very same instant,
 * or two sent to different processes, may both pass at the limit. A flood is still stopped one row later.
 */
@Injectable()
export class CommentRateLimiter {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Throws CommentRateLimitedException when the user has already posted the limit within the last minute. */
  async check(user: UserEntity): Promise<void> {
    const [row]: { retry: number | null }[] = await this.db.query(`SELECT ${this.retrySql('$1')} AS retry`, [user.id]);
    this.assertBelowLimit(row?.retry ?? null);
  }

  /**
   * The check as a scalar subquery on the author id in `authorParam`, for a statement that already
   * runs on the write path (a new comment's paragraph lookup): the seconds until the user may post
   * again, or NULL while they are below the limit. The limit-th newest contribution of the window:
   * while it exists the user is at the limit, and once it leaves the window they are below it
   * again, which gives Retry-After. The limit is a validated integer, written into the text.
   */
  retrySql(authorParam: string): string {
    const offset = Math.trunc(this.config.commentRateLimitPerMinute) - 1;
    return `(SELECT ceil(extract(epoch FROM rl.created_at + make_interval(secs => ${COMMENT_RATE_WINDOW_SECONDS}) - now()))::int
               FROM contributions rl
              WHERE rl.author_id = ${authorParam} AND rl.created_at > now() - make_interval(secs => ${COMMENT_RATE_WINDOW_SECONDS})
                AND rl.kind IN ('comment', 'reply', 'suggestion') AND rl.recorded_by_id IS NULL
              ORDER BY rl.created_at DESC
             OFFSET ${offset} LIMIT 1)`;
  }

  /** Throws CommentRateLimitedException for a `retrySql` answer that is not NULL. */
  assertBelowLimit(retry: number | null): void {
    if (retry !== null) throw new CommentRateLimitedException(this.config.commentRateLimitPerMinute, Math.max(1, retry));
  }
}
