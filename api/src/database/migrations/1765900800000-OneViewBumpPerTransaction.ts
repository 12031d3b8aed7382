import type { MigrationInterface, QueryRunner } from 'typeorm';
import { defineBumps } from './1765555200000-CompactorNeverWaits';
import { WRITER_SHARDS, writerShard } from './1765728000000-WiderCounterShards';

/**
 * The transaction-local setting in which bump_document_view remembers the document whose view
 * stamp this transaction has already moved; '*' tells it that nothing the transaction does changes
 * what readers see (the counters' compactor sets it).
 */
export const VIEW_BUMPED_SETTING = 'doorway.view_bumped';

/**
 * A document's view stamp (its ETag) moves once per transaction, not once per changed row. A
 * comment changed it twice, from its paragraph's count and from the document's count, each an
 * upsert of the same stamp row and the second a foreign-key check more; readers see a transaction
 * whole, so one move is enough. The compactor's folding no longer moves it at all: shards summed
 * before and after give the same counts, and a new ETag every minute sent full responses to
 * readers whose copy was still good.
 */
export class OneViewBumpPerTransaction1765900800000 implements MigrationInterface {
  name = 'OneViewBumpPerTransaction1765900800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION bump_document_view(p_document uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF p_document IS NULL OR current_setting('${VIEW_BUMPED_SETTING}', true) IN (p_document::text, '*') THEN
          RETURN;
        END IF;
        INSERT INTO document_view_changes (document_id, shard, n) VALUES (p_document, ${writerShard(WRITER_SHARDS)}, 1)
        ON CONFLICT (document_id, shard) DO UPDATE SET n = document_view_changes.n + 1;
        PERFORM set_config('${VIEW_BUMPED_SETTING}', p_document::text, true);
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The one-row-one-bump function, as WiderCounterShards left it (the other two bumps are unchanged).
    await defineBumps(q, writerShard(WRITER_SHARDS));
  }
}
