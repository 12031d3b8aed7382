import type { MigrationInterface, QueryRunner } from 'typeorm';

/** compact_contribution_counters(): see CountersCompactor, which calls it once a minute. */
export class CompactCounters1764691200000 implements MigrationInterface {
  name = 'CompactCounters1764691200000';

  async up(q: QueryRunner): Promise<void> {
    // Folds every shard into shard 0 and drops empty counters, so reads sum few rows. Safe alongside
    // writers: an increment that finds its shard row deleted inserts it again.
    await q.query(`CREATE FUNCTION compact_contribution_counters() RETURNS void LANGUAGE sql AS $$
        WITH gone AS (DELETE FROM paragraph_group_counts WHERE shard <> 0 RETURNING paragraph_id, stakeholder_group, document_id, n)
        INSERT INTO paragraph_group_counts (paragraph_id, stakeholder_group, shard, document_id, n)
        SELECT paragraph_id, stakeholder_group, 0, document_id, sum(n) FROM gone GROUP BY paragraph_id, stakeholder_group, document_id
        ON CONFLICT (paragraph_id, stakeholder_group, shard) DO UPDATE SET n = paragraph_group_counts.n + EXCLUDED.n;
        WITH gone AS (DELETE FROM document_contribution_counts WHERE shard <> 0 RETURNING document_id, n)
        INSERT INTO document_contribution_counts (document_id, shard, n)
        SELECT document_id, 0, sum(n) FROM gone GROUP BY document_id
        ON CONFLICT (document_id, shard) DO UPDATE SET n = document_contribution_counts.n + EXCLUDED.n;
        DELETE FROM paragraph_group_counts WHERE n = 0;
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION compact_contribution_counters()`);
  }
}
