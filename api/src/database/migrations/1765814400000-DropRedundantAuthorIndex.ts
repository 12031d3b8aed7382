import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drops `contributions (author_id)`: `contributions (author_id, created_at DESC)` (SessionEpoch)
 * serves every lookup by author, the foreign key's checks when a user is deleted included, so the
 * older index only cost every new contribution one more index entry to write and to log.
 */
export class DropRedundantAuthorIndex1765814400000 implements MigrationInterface {
  name = 'DropRedundantAuthorIndex1765814400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS contributions_author_id_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS contributions_author_id_idx ON contributions (author_id)`);
  }
}
