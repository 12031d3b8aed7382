import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * contributions.duplicate_of_id is a foreign key (ON DELETE SET NULL) with no index: deleting one
 * contribution scanned all 100,000 of them to clear references, and deleting a thousand took
 * minutes. Few rows are duplicates, so a partial index serves the lookup.
 */
export class DuplicateOfIndex1765123200000 implements MigrationInterface {
  name = 'DuplicateOfIndex1765123200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX contributions_duplicate_of_idx ON contributions (duplicate_of_id) WHERE duplicate_of_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX contributions_duplicate_of_idx`);
  }
}
