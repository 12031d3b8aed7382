import type { MigrationInterface, QueryRunner } from 'typeorm';
import { defineBumps } from './1765555200000-CompactorNeverWaits';

/** Shards writers use (1..WRITER_SHARDS); shard 0 stays the compactor's. */
export const WRITER_SHARDS = 31;
const BEFORE = 7;

/**
 * Thirty-one writer shards for the counters instead of seven. A comment's transaction takes one
 * shard (its id modulo the count) of its document's count, its paragraph's count and the view
 * stamp, and holds those rows until it commits, flush included. Transactions in flight together
 * have neighbouring ids, so with seven shards the eighth one queued behind the first. Measured
 * with pg_stat_statements under 300 comments/s on the benchmark dataset: the document count's
 * upsert took 0.61 ms on average, nearly all of it waiting for another comment's commit, and the
 * whole comment statement 2.35 ms; with 31 shards, 0.14 ms and 1.33 ms. Reads sum the shards of
 * one document (at most 32 rows), and the compactor folds them as before.
 */
export class WiderCounterShards1765728000000 implements MigrationInterface {
  name = 'WiderCounterShards1765728000000';

  async up(q: QueryRunner): Promise<void> {
    await defineBumps(q, writerShard(WRITER_SHARDS));
  }

  async down(q: QueryRunner): Promise<void> {
    // Rows of shards above the old count stay valid: the compactor folds any shard but 0.
    await defineBumps(q, writerShard(BEFORE));
  }
}

/** A writer's shard, 1..shards, the same for every bump of one transaction. */
export function writerShard(shards: number): string {
  return `(1 + txid_current() % ${shards})::smallint`;
}
