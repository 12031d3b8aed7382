import { Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { VIEW_BUMPED_SETTING } from '../../database/migrations/1765900800000-OneViewBumpPerTransaction';

/** Often enough that a read sums about one row per counter; rarely enough to cost nothing. */
const EVERY_MS = 60_000;
/** Any instance may compact; the advisory lock lets only one do it at a time. */
const LOCK = 7_060_001;

/**
 * Folds the comment counters' shards (see migration ContributionCounters) back into one row each,
 * once a minute, so the document view keeps summing a few hundred rows however busy it was.
 */
@Injectable()
export class CountersCompactor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('CountersCompactor');
  private timer: NodeJS.Timeout | null = null;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.compact(), EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async compact(): Promise<void> {
    try {
      await this.db.transaction(async (tx) => {
        // Writers come first: rather than wait on a comment's counter rows (and risk a deadlock
        // that could fail the comment), give up at once and try again next minute.
        await tx.query(`SET LOCAL lock_timeout = '100ms'`);
        const [{ locked }]: { locked: boolean }[] = await tx.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [LOCK]);
        if (!locked) return;
        // Folding moves counts between rows that readers only ever see summed: the documents'
        // view stamps (their ETags) stay as they are, so cached copies stay good.
        await tx.query(`SELECT set_config('${VIEW_BUMPED_SETTING}', '*', true)`);
        await tx.query('SELECT compact_contribution_counters()');
      });
    } catch (error) {
      // Counts stay right without it, only a little slower to read: report and try again next time.
      this.logger.warn(`compacting the counters failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
