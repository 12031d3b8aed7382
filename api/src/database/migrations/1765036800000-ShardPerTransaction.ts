import type { MigrationInterface, QueryRunner } from 'typeorm';

const SHARDS = 8;

/**
 * Counter shards chosen per transaction instead of per change. A comment bumps several sharded
 * rows (its paragraph's count, the document's count, the view stamp twice); picking each shard at
 * random let two concurrent comments lock the same rows in opposite orders and deadlock, which
 * the write benchmark found. With one shard per transaction (its id modulo the shard count),
 * every transaction takes its rows in the same order, and two that share a shard queue instead.
 */
export class ShardPerTransaction1765036800000 implements MigrationInterface {
  name = 'ShardPerTransaction1765036800000';

  async up(q: QueryRunner): Promise<void> {
    await this.define(q, `(txid_current() % ${SHARDS})::smallint`);
  }

  async down(q: QueryRunner): Promise<void> {
    await this.define(q, `floor(random() * ${SHARDS})::smallint`);
  }

  private async define(q: QueryRunner, shard: string): Promise<void> {
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
}
