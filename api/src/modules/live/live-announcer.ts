import { Injectable, Logger } from '@nestjs/common';
import type { OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LIVE_CHANNEL } from './live-events';
import type { LiveNotice } from './live-events';

/** At most this many notices per statement (each is about 70 bytes of payload). */
const BATCH_MAX = 500;

/**
 * Announces events that are already committed, many per statement, with one statement in flight
 * per process: the notices that arrive while one is being sent go together in the next.
 *
 * A notice used to be a statement of its own, awaited by its request: under the write benchmark's
 * load that was one of the four times a new comment took a pooled connection, and the pool (not
 * the database) was where requests queued. Now a comment does not wait for its notice, and a
 * burst of comments shares one statement.
 *
 * The statement's transaction does not wait for its commit record to reach the disk. NOTIFY takes a
 * database-wide lock at commit and keeps it until that record is flushed, so a notifying statement
 * that waited for the flush made every other writer wait for it too (the write benchmark's
 * pg_stat_activity: Lock:object waits behind IO:WalSync). It writes nothing but the notices, so a
 * crash can only lose notices, as a crash just before them would; the events themselves are in
 * live_events, where every reader catches up at its next reconnect.
 */
@Injectable()
export class LiveAnnouncer implements OnModuleDestroy {
  private readonly logger = new Logger('Live');
  private queue: LiveNotice[] = [];
  private sending: Promise<void> | null = null;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Queues the notice; it is sent with the next statement. Never throws: a failed send is logged. */
  announce(notice: LiveNotice): void {
    this.queue.push(notice);
    this.sending ??= this.drain();
  }

  /** Resolves once every notice queued so far has been sent (or has failed). */
  async flushed(): Promise<void> {
    while (this.sending) await this.sending;
  }

  async onModuleDestroy(): Promise<void> {
    await this.flushed();
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, BATCH_MAX);
        try {
          await this.db.query(
            `SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, payload) FROM unnest($2::text[]) AS payload`,
            [LIVE_CHANNEL, batch.map((notice) => JSON.stringify(notice))],
          );
        } catch (error) {
          // The comments are saved and were answered as such; open pages see them at their next reconnect.
          const ids = batch.map((notice) => notice.id).join(', ');
          this.logger.warn(`live notices for events ${ids} not sent: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    } finally {
      this.sending = null;
    }
  }
}
