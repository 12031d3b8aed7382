import type { EntityManager } from 'typeorm';
import { LIVE_EVENT_TYPES } from '@doorway/contracts';
import type { LiveEvent, LiveEventType } from '@doorway/contracts';

/** The channel every API instance LISTENs on; the payload names the row, which holds the event. */
export const LIVE_CHANNEL = 'doorway_live';

/** Omit over each member of a union (the built-in Omit would keep only the keys they share). */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What a writer says happened; the sequence number, time and document slug are added when it is recorded. */
export type LiveEventInput = DistributiveOmit<LiveEvent, 'id' | 'at' | 'documentSlug'>;

/** The NOTIFY payload: small and fixed, whatever the event (NOTIFY payloads are capped at 8000 bytes). */
export interface LiveNotice {
  id: string;
  document_id: string;
}

/** A live_events row joined to its document's slug, as LiveService reads it. */
export interface LiveEventRow {
  id: string;
  document_id: string;
  slug: string;
  type: string;
  payload: Record<string, unknown>;
  created_at: Date;
}

/** Columns of LiveEventRow, from `live_events e JOIN documents d ON d.id = e.document_id`. */
export const LIVE_EVENT_COLUMNS = `e.id::text AS id, e.document_id, d.slug, e.type, e.payload, e.created_at`;

export function isLiveEventType(value: string): value is LiveEventType {
  return (LIVE_EVENT_TYPES as readonly string[]).includes(value);
}

/** The event as clients receive it; null for a row of a type this build does not know. */
export function toLiveEvent(row: LiveEventRow): LiveEvent | null {
  if (!isLiveEventType(row.type)) return null;
  // The payload was written by publishLiveEvent from a LiveEventInput of this very type.
  return { ...row.payload, type: row.type, id: row.id, documentSlug: row.slug, at: row.created_at.toISOString() } as LiveEvent;
}

export function parseLiveNotice(payload: string | undefined): LiveNotice | null {
  if (!payload) return null;
  try {
    const parsed: unknown = JSON.parse(payload);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { id, document_id } = parsed as Record<string, unknown>;
    if (typeof id !== 'string' || !/^\d+$/.test(id) || typeof document_id !== 'string') return null;
    return { id, document_id };
  } catch {
    return null;
  }
}

/**
 * SQL that announces the live_events row aliased `e` in the statement, on the channel in parameter
 * `channelParam`, as a LiveNotice (what parseLiveNotice reads). NOTIFY is delivered at commit.
 */
export function liveNoticeSql(channelParam: string): string {
  return `pg_notify(${channelParam}, json_build_object('id', e.id::text, 'document_id', e.document_id)::text)`;
}

/**
 * Records a live event inside the caller's transaction and announces it, in one statement.
 * PostgreSQL delivers NOTIFY only at commit, so a write that is rolled back announces nothing,
 * and its row is gone with it. Returns the event's sequence number.
 */
export async function publishLiveEvent(manager: EntityManager, documentId: string, event: LiveEventInput): Promise<string> {
  const [row]: { id: string; created_at: Date }[] = await manager.query(
    `WITH e AS (
       INSERT INTO live_events (document_id, type, payload) VALUES ($1, $2, $3::jsonb) RETURNING id, document_id, created_at
     )
     SELECT e.id::text AS id, e.created_at, ${liveNoticeSql('$4')}
       FROM e`,
    [documentId, event.type, JSON.stringify(event), LIVE_CHANNEL],
  );
  if (!row) throw new Error('live event insert returned no row');
  return row.id;
}

/** How many of the oldest events one cleanup round reads. */
const CLEANUP_BATCH = 5_000;

/**
 * Deletes the events older than `keepFor` (an interval, '24 hours') and answers how many went.
 * Sequence numbers grow with time, so the events old enough to go are the lowest: each round reads
 * the oldest `batch` by the primary key and deletes those past the limit, until a round finds a
 * younger one. Filtering the table on created_at instead read all of it every minute on every
 * instance: 88 ms and 75 MB of pages for the benchmark's 327,000 events, while comments were being
 * written. An old event behind a younger one (a long transaction's) goes a round or two later.
 */
export async function deleteOldLiveEvents(
  db: { query(text: string, values: unknown[]): Promise<{ rowCount: number | null }> },
  keepFor: string,
  batch = CLEANUP_BATCH,
): Promise<number> {
  let deleted = 0;
  for (;;) {
    const result = await db.query(
      `WITH oldest AS (SELECT id, created_at FROM live_events ORDER BY id LIMIT $1)
       DELETE FROM live_events e USING oldest WHERE e.id = oldest.id AND oldest.created_at < now() - $2::interval`,
      [batch, keepFor],
    );
    const count = result.rowCount ?? 0;
    deleted += count;
    if (count < batch) return deleted;
  }
}
