import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Shards writers use; shard 0 is the compactor's. */
const WRITER_SHARDS = 7;

/**
 * The compactor (CountersCompactor, once a minute) folded shards into shard 0 while comments were
 * being written. It deleted every shard row, waiting on any a writer held, and upserted shard 0,
 * which writers also used; writers in turn waited on the rows it had deleted. Under a sustained
 * 150 comments/s that stalled posting for up to a few hundred milliseconds each minute (and, with
 * a short deadlock_timeout, deadlocked a comment into a 500).
 *
 * Now it never waits on a writer, so writers only ever wait for its own few milliseconds:
 * - writers use shards 1..7 (one per transaction, as before); shard 0 is written only by the
 *   compactor, which runs one at a time under its advisory lock;
 * - it folds only the shard rows no writer holds (FOR UPDATE SKIP LOCKED); the rest wait for the
 *   next round;
 * - it drops only emptied shard-0 rows.
 */
export class CompactorNeverWaits1765555200000 implements MigrationInterface {
  name = 'CompactorNeverWaits1765555200000';

  async up(q: QueryRunner): Promise<void> {
    await defineBumps(q, `(1 + txid_current() % ${WRITER_SHARDS})::smallint`);
    await q.query(`CREATE OR REPLACE FUNCTION compact_contribution_counters() RETURNS void LANGUAGE sql AS $$
        WITH free AS (
          SELECT paragraph_id, stakeholder_group, shard FROM paragraph_group_counts WHERE shard <> 0 FOR UPDATE SKIP LOCKED
        ), gone AS (
          DELETE FROM paragraph_group_counts c USING free
           WHERE (c.paragraph_id, c.stakeholder_group, c.shard) = (free.paragraph_id, free.stakeholder_group, free.shard)
          RETURNING c.paragraph_id, c.stakeholder_group, c.document_id, c.n
        )
        INSERT INTO paragraph_group_counts (paragraph_id, stakeholder_group, shard, document_id, n)
        SELECT paragraph_id, stakeholder_group, 0, document_id, sum(n) FROM gone GROUP BY paragraph_id, stakeholder_group, document_id
        ON CONFLICT (paragraph_id, stakeholder_group, shard) DO UPDATE SET n = paragraph_group_counts.n + EXCLUDED.n;
        WITH free AS (
          SELECT document_id, shard FROM document_contribution_counts WHERE shard <> 0 FOR UPDATE SKIP LOCKED
        ), gone AS (
          DELETE FROM document_contribution_counts c USING free
           WHERE (c.document_id, c.shard) = (free.document_id, free.shard)
          RETURNING c.document_id, c.n
        )
        INSERT INTO document_contribution_counts (document_id, shard, n)
        SELECT document_id, 0, sum(n) FROM gone GROUP BY document_id
        ON CONFLICT (document_id, shard) DO UPDATE SET n = document_contribution_counts.n + EXCLUDED.n;
        DELETE FROM paragraph_group_counts WHERE shard = 0 AND n = 0;
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await defineBumps(q, `(txid_current() % 8)::smallint`);
    await q.query(`CREATE OR REPLACE FUNCTION compact_contribution_counters() RETURNS void LANGUAGE sql AS $$
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
}

/** The three counter bumps the triggers call, with `shard` as the shard expression (WiderCounterShards reuses it). */
export async function defineBumps(q: QueryRunner, shard: string): Promise<void> {
  await q.query(`CREATE OR REPLACE FUNCTION bump_paragraph_count(p_paragraph uuid, p_group stakeholder_group, p_document uuid, delta int)
    RETURNS void LANGUAGE sql AS $$
      INSERT INTO paragraph_group_counts (paragraph_id, stakeholder_group, shard, document_id, n)
      VALUES (p_paragraph, p_group, ${shard}, p_document, delta)
      ON CONFLICT (paragraph_id, stakeholder_group, shard) DO UPDATE SET n = paragraph_group_counts.n + EXCLUDED.n
    $$`);
  await q.query(`CREATE OR REPLACE FUNCTION bump_document_count(p_document uuid, delta int) RETURNS void LANGUAGE sql AS $$
      INSERT INTO document_contribution_counts (document_id, shard, n)
      VALUES (p_document, ${shard}, delta)
      ON CONFLICT (document_id, shard) DO UPDATE SET n = document_contribution_counts.n + EXCLUDED.n
    $$`);
  await q.query(`CREATE OR REPLACE FUNCTION bump_document_view(p_document uuid) RETURNS void LANGUAGE sql AS $$
      INSERT INTO document_view_changes (document_id, shard, n)
      SELECT p_document, ${shard}, 1 WHERE p_document IS NOT NULL
      ON CONFLICT (document_id, shard) DO UPDATE SET n = document_view_changes.n + 1
    $$`);
}
