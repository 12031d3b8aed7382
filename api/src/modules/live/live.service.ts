import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import type { Notification } from 'pg';
import { Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import type { LiveEvent, LiveEventType } from '@doorway/contracts';
import { LIVE_CHANNEL, LIVE_EVENT_COLUMNS, deleteOldLiveEvents, parseLiveNotice, toLiveEvent } from './live-events';
import type { LiveEventRow } from './live-events';

export const LIVE_DATABASE_URL = Symbol('LIVE_DATABASE_URL');

/** A reconnecting reader gets at most this many missed events. */
export const REPLAY_LIMIT = 1_000;
/** A comment this often keeps proxies from closing a quiet stream. */
export const HEARTBEAT_MS = 25_000;
/** Events are kept this long for readers who reconnect. */
const KEEP_FOR = '24 hours';
const CLEANUP_EVERY_MS = 60_000;
/** Reconnect after 0.25 s, doubling to at most 30 s. */
const BACKOFF_FIRST_MS = 250;
const BACKOFF_MAX_MS = 30_000;
/**
 * Transactions may commit out of sequence order, so after a reconnect the events of this last
 * stretch before the drop are read again too (those already delivered are recognised by id).
 */
const CATCH_UP_MARGIN_SECONDS = 60;
/** How many delivered ids are remembered to recognise an event seen twice. */
const SEEN_MAX = 10_000;

/** One server-sent event: an event of the document, or a comment that keeps the stream open. */
export type LiveMessage = { id: string; type: LiveEventType; data: LiveEvent } | { comment: string };

interface Subscriber {
  deliver(event: LiveEvent, documentId: string): void;
  close(): void;
}

/**
 * Live events across API instances. Writers record each event in their transaction and NOTIFY
 * (publishLiveEvent); every instance keeps ONE dedicated connection LISTENing, reads the rows
 * it is told about and hands them to the readers of that document. If that connection drops it
 * reconnects with backoff and reads what it missed, by id, so nothing is lost.
 */
@Injectable()
export class LiveService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Live');
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private client: Client | null = null;
  private connecting = false;
  private stopping = false;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private cleanupTimer: NodeJS.Timeout | null = null;
  /** Highest id handled, and when the connection was last known to be up (for the catch-up). */
  private lastId = '0';
  private lastUpAt: Date | null = null;
  private readonly seen = new Set<string>();
  /** Announced, not yet read; and read but failed (read again after a reconnect). */
  private readonly pending = new Set<string>();
  private readonly failed = new Set<string>();
  private flushing: Promise<void> | null = null;

  constructor(
    @Inject(LIVE_DATABASE_URL) private readonly databaseUrl: string,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.connect();
    this.cleanupTimer = setInterval(() => void this.cleanup(), CLEANUP_EVERY_MS);
    this.cleanupTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.cleanupTimer) clearInterval(this.cleanupTimer);
    for (const set of this.subscribers.values()) for (const subscriber of [...set]) subscriber.close();
    this.subscribers.clear();
    const client = this.client;
    this.client = null;
    await this.flushing?.catch(() => undefined);
    await client?.end().catch(() => undefined);
  }

  /** Whether the LISTEN connection is up (for tests and health). */
  get listening(): boolean {
    return this.client !== null && !this.connecting;
  }

  /**
   * The stream of one document for one reader: first what they missed since `since` (at most
   * REPLAY_LIMIT events, oldest first), then live events. It subscribes before reading the
   * backlog, so nothing committed meanwhile falls in between, and it drops the live events the
   * backlog already held. `closeOnDraft`: end the stream when the document goes back to the
   * draft phase, for readers who may not see drafts.
   */
  stream(documentId: string, since: string | null, closeOnDraft: boolean): Observable<LiveMessage> {
    return new Observable<LiveMessage>((out) => {
      let replaying = true;
      const buffered: LiveEvent[] = [];
      const replayed = new Set<string>();
      const emit = (event: LiveEvent): void => {
        out.next({ id: event.id, type: event.type, data: event });
        if (closeOnDraft && event.type === 'phase' && event.phase === 'draft') out.complete();
      };
      const fresh = (event: LiveEvent): boolean => !replayed.has(event.id) && (since === null || BigInt(event.id) > BigInt(since));
      const unsubscribe = this.subscribe(documentId, {
        deliver: (event) => {
          if (replaying) buffered.push(event);
          else if (fresh(event)) emit(event);
        },
        close: () => out.complete(),
      });
      const heartbeat = setInterval(() => out.next({ comment: 'keep-alive' }), HEARTBEAT_MS);
      heartbeat.unref();
      void (async () => {
        try {
          for (const event of since === null ? [] : await this.backlog(documentId, since)) {
            replayed.add(event.id);
            emit(event);
          }
        } catch (error) {
          out.error(error);
          return;
        }
        replaying = false;
        for (const event of buffered.splice(0)) if (fresh(event)) emit(event);
      })();
      return () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
    });
  }

  /** The events of a document after `since`, oldest first. */
  async backlog(documentId: string, since: string): Promise<LiveEvent[]> {
    const rows: LiveEventRow[] = await this.db.query(
      `SELECT ${LIVE_EVENT_COLUMNS} FROM live_events e JOIN documents d ON d.id = e.document_id
        WHERE e.document_id = $1 AND e.id > $2::bigint ORDER BY e.id LIMIT $3`,
      [documentId, since, REPLAY_LIMIT],
    );
    return rows.map(toLiveEvent).filter((event): event is LiveEvent => event !== null);
  }

  private subscribe(documentId: string, subscriber: Subscriber): () => void {
    let set = this.subscribers.get(documentId);
    if (!set) {
      set = new Set();
      this.subscribers.set(documentId, set);
    }
    set.add(subscriber);
    return () => {
      const current = this.subscribers.get(documentId);
      current?.delete(subscriber);
      if (current?.size === 0) this.subscribers.delete(documentId);
    };
  }

  private async connect(): Promise<void> {
    if (this.stopping || this.connecting) return;
    this.connecting = true;
    const client = new Client({ connectionString: this.databaseUrl, application_name: `doorway-live-${process.pid}` });
    let lost = false;
    const onLost = (error?: Error): void => {
      if (lost) return;
      lost = true;
      client.removeAllListeners('notification');
      if (this.client === client) this.client = null;
      void client.end().catch(() => undefined);
      if (this.stopping) return;
      this.logger.warn(`LISTEN connection lost${error ? `: ${error.message}` : ''}; reconnecting`);
      this.scheduleReconnect();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message: Notification) => this.onNotification(message));
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_CHANNEL}`);
      if (this.stopping || lost) {
        await client.end().catch(() => undefined);
        return;
      }
      const reconnected = this.lastUpAt !== null;
      this.client = client;
      this.attempt = 0;
      if (reconnected) await this.catchUp(client);
      else {
        const [row] = (await client.query<{ id: string }>('SELECT coalesce(max(id), 0)::text AS id FROM live_events')).rows;
        this.lastId = maxId(this.lastId, row?.id ?? '0');
      }
      this.lastUpAt = new Date();
    } catch (error) {
      this.logger.warn(`LISTEN connection failed: ${error instanceof Error ? error.message : String(error)}`);
      onLost();
    } finally {
      this.connecting = false;
    }
  }

  private scheduleReconnect(): void {
    if (this.stopping || this.reconnectTimer) return;
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** this.attempt);
    this.attempt += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, delay);
    this.reconnectTimer.unref();
  }

  /** After a reconnect: the events committed while nobody was listening, of the documents someone reads. */
  private async catchUp(client: Client): Promise<void> {
    const documents = [...this.subscribers.keys()];
    const failed = [...this.failed];
    if (!documents.length) {
      this.failed.clear();
      return;
    }
    const since = new Date((this.lastUpAt?.getTime() ?? Date.now()) - CATCH_UP_MARGIN_SECONDS * 1000);
    const { rows } = await client.query<LiveEventRow>(
      `SELECT ${LIVE_EVENT_COLUMNS} FROM live_events e JOIN documents d ON d.id = e.document_id
        WHERE e.document_id = ANY($1::uuid[]) AND (e.id > $2::bigint OR e.created_at > $3 OR e.id = ANY($4::bigint[]))
        ORDER BY e.id`,
      [documents, this.lastId, since, failed],
    );
    this.failed.clear();
    for (const row of rows) this.deliver(row);
  }

  private onNotification(message: Notification): void {
    if (message.channel !== LIVE_CHANNEL) return;
    const notice = parseLiveNotice(message.payload);
    if (!notice) return;
    this.lastUpAt = new Date();
    if (!this.subscribers.has(notice.document_id)) {
      // Nobody here reads that document: nothing to fetch.
      this.lastId = maxId(this.lastId, notice.id);
      return;
    }
    this.pending.add(notice.id);
    this.flushing ??= this.flush();
  }

  /** Reads the announced rows, in batches, and delivers them in sequence order. */
  private async flush(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      while (this.pending.size && this.client) {
        const ids = [...this.pending];
        this.pending.clear();
        try {
          const { rows } = await this.client.query<LiveEventRow>(
            `SELECT ${LIVE_EVENT_COLUMNS} FROM live_events e JOIN documents d ON d.id = e.document_id
              WHERE e.id = ANY($1::bigint[]) ORDER BY e.id`,
            [ids],
          );
          for (const row of rows) this.deliver(row);
        } catch (error) {
          for (const id of ids) this.failed.add(id);
          this.logger.warn(`Could not read live events ${ids.join(', ')}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      for (const id of this.pending) this.failed.add(id);
      this.pending.clear();
    } finally {
      this.flushing = null;
    }
  }

  private deliver(row: LiveEventRow): void {
    this.lastId = maxId(this.lastId, row.id);
    if (this.seen.has(row.id)) return;
    this.seen.add(row.id);
    if (this.seen.size > SEEN_MAX) {
      const oldest = this.seen.values().next();
      if (!oldest.done) this.seen.delete(oldest.value);
    }
    const event = toLiveEvent(row);
    if (!event) return;
    for (const subscriber of [...(this.subscribers.get(row.document_id) ?? [])]) subscriber.deliver(event, row.document_id);
  }

  /** Drops events older than a day; every instance does it now and then, on its own connection. */
  private async cleanup(): Promise<void> {
    if (!this.client || this.connecting) return;
    try {
      await deleteOldLiveEvents(this.client, KEEP_FOR);
      this.lastUpAt = new Date();
    } catch (error) {
      this.logger.warn(`Could not delete old live events: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function maxId(a: string, b: string): string {
  return BigInt(a) >= BigInt(b) ? a : b;
}
