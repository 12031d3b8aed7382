import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Failures allowed per account and per address within the window. */
export const SIGN_IN_MAX_FAILURES = 10;
export const SIGN_IN_WINDOW_SECONDS = 15 * 60;

export class TooManySignInsException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        error: 'TOO_MANY_SIGN_INS',
        // The same words whether or not the account exists: the throttle must not reveal it.
        message: `Too many failed sign-ins. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
        retryAfter: retryAfterSeconds,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * Throttles sign-in: 10 failures in 15 minutes for one account, or from one address, and further
 * attempts get 429 with Retry-After until the oldest of those failures leaves the window. A
 * success clears the account's failures (not the address's). Kept in PostgreSQL, so every
 * instance counts the same failures.
 */
@Injectable()
export class SignInThrottle {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Throws TooManySignInsException when the account or the address is over the limit. */
  async check(email: string, ip: string | null): Promise<void> {
    const [row]: { retry: number | null }[] = await this.db.query(
      `SELECT ceil(extract(epoch FROM max(oldest) + make_interval(secs => $3) - now()))::int AS retry
         FROM (
           SELECT (array_agg(at ORDER BY at DESC))[$4] AS oldest FROM sign_in_failures
            WHERE email = lower($1) AND at > now() - make_interval(secs => $3)
           HAVING count(*) >= $4
           UNION ALL
           SELECT (array_agg(at ORDER BY at DESC))[$4] FROM sign_in_failures
            WHERE $2::inet IS NOT NULL AND ip = $2::inet AND at > now() - make_interval(secs => $3)
           HAVING count(*) >= $4
         ) over_limit`,
      [email, ip, SIGN_IN_WINDOW_SECONDS, SIGN_IN_MAX_FAILURES],
    );
    if (row?.retry !== null && row?.retry !== undefined) throw new TooManySignInsException(Math.max(1, row.retry));
  }

  async failed(email: string, ip: string | null): Promise<void> {
    await this.db.query(
      `WITH old AS (DELETE FROM sign_in_failures WHERE at < now() - make_interval(secs => $3))
       INSERT INTO sign_in_failures (email, ip) VALUES (lower($1), $2::inet)`,
      [email, ip, SIGN_IN_WINDOW_SECONDS],
    );
  }

  async succeeded(email: string): Promise<void> {
    await this.db.query(`DELETE FROM sign_in_failures WHERE email = lower($1)`, [email]);
  }
}
