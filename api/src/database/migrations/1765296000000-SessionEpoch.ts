import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * users.session_epoch: every session cookie carries the epoch it was issued under, and a session
 * whose epoch is no longer the user's is refused. Changing the password or signing out everywhere
 * bumps it, which ends every other session at once, on every instance.
 *
 * Also the index behind the per-user comment rate limit: it reads a user's newest contributions of
 * the last minute, and the existing index on author_id alone would read all of them for a prolific
 * author.
 */
export class SessionEpoch1765296000000 implements MigrationInterface {
  name = 'SessionEpoch1765296000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN session_epoch integer NOT NULL DEFAULT 0`);
    await q.query(`CREATE INDEX contributions_author_recent_idx ON contributions (author_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX contributions_author_recent_idx`);
    await q.query(`ALTER TABLE users DROP COLUMN session_epoch`);
  }
}
