import { Injectable, InjectionToken, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { LIVE_EVENT_TYPES } from '@doorway/contracts';
import type { LiveEvent, LiveEventType } from '@doorway/contracts';
import { adoptEarlyStream } from '../core/startup/early-live-stream';

/** Waits before reconnecting an event stream the browser gave up on: attempt 1, 2, … → ms. */
export type LiveBackoff = (attempt: number) => number;

/** 1 s, 2 s, 4 s … up to 30 s. */
export const defaultLiveBackoff: LiveBackoff = (attempt) => Math.min(30_000, 1_000 * 2 ** Math.max(0, attempt - 1));

export const LIVE_BACKOFF = new InjectionToken<LiveBackoff>('LIVE_BACKOFF', {
  providedIn: 'root',
  factory: () => defaultLiveBackoff,
});

export const liveEventsUrl = (slug: string, since: string | null = null): string =>
  `/api/documents/${encodeURIComponent(slug)}/events${since === null ? '' : `?since=${encodeURIComponent(since)}`}`;

const isLiveEventType = (value: unknown): value is LiveEventType =>
  typeof value === 'string' && (LIVE_EVENT_TYPES as readonly string[]).includes(value);

/** The event carried by one SSE message, or null when it is not one (malformed, other type). */
export function parseLiveEvent(type: string, data: unknown, lastEventId: string): LiveEvent | null {
  if (!isLiveEventType(type) || typeof data !== 'string') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const event = parsed as Partial<LiveEvent>;
  if (event.type !== undefined && event.type !== type) return null;
  const id = typeof event.id === 'string' && event.id !== '' ? event.id : lastEventId;
  if (id === '') return null;
  // The SSE event name is the type; trust it over a missing field.
  return { ...event, type, id } as LiveEvent;
}

/** True when `id` comes after `last` (sequence numbers; non-numeric ids are never dropped). */
function isAfter(id: string, last: string | null): boolean {
  if (last === null || !/^\d+$/.test(id) || !/^\d+$/.test(last)) return true;
  return id.length !== last.length ? id.length > last.length : id > last;
}

/**
 * Live updates of one document, over server-sent events (GET /api/documents/:slug/events).
 * EventSource reconnects by itself after a network error (sending Last-Event-ID); when it gives up
 * (readyState CLOSED, e.g. the server answered 502), this reconnects after a backoff with
 * `?since=<last id>` so nothing is missed. Unsubscribing closes the stream.
 */
@Injectable({ providedIn: 'root' })
export class LiveEventsService {
  private readonly backoff = inject(LIVE_BACKOFF);

  /**
   * `since`: the last event the caller already reflects (DocumentVersionView.liveCursor); the
   * stream first replays what came after it. Null: from when the stream opens.
   */
  events(slug: string, since: string | null = null): Observable<LiveEvent> {
    return new Observable<LiveEvent>((subscriber) => {
      const EventSourceImpl = globalThis.EventSource as typeof EventSource | undefined;
      // No EventSource (server rendering, old test environments): no live updates, nothing breaks.
      if (typeof EventSourceImpl !== 'function') return undefined;

      let source: EventSource | null = null;
      let lastId: string | null = since;
      let attempt = 0;
      let retry: ReturnType<typeof setTimeout> | null = null;
      let stopped = false;

      const onMessage = (message: Event): void => {
        if (!(message instanceof MessageEvent)) return;
        const event = parseLiveEvent(message.type, message.data, message.lastEventId);
        if (!event || !isAfter(event.id, lastId)) return;
        lastId = event.id;
        subscriber.next(event);
      };
      const onOpen = (): void => {
        attempt = 0;
      };
      const onError = (): void => {
        // CONNECTING: the browser is retrying by itself (with Last-Event-ID); leave it.
        if (!source || source.readyState !== EventSourceImpl.CLOSED || stopped || retry !== null) return;
        detach();
        attempt += 1;
        retry = setTimeout(() => {
          retry = null;
          connect();
        }, this.backoff(attempt));
      };

      const connect = (): void => {
        if (stopped) return;
        const url = liveEventsUrl(slug, lastId);
        // The stream the page opened before the app started, if it is this one (same document, same cursor).
        const adopted = adoptEarlyStream(url);
        source = adopted?.source ?? new EventSourceImpl(url);
        source.addEventListener('open', onOpen);
        source.addEventListener('error', onError);
        for (const type of LIVE_EVENT_TYPES) source.addEventListener(type, onMessage);
        for (const message of adopted?.held ?? []) onMessage(message);
      };
      const detach = (): void => {
        if (!source) return;
        source.removeEventListener('open', onOpen);
        source.removeEventListener('error', onError);
        for (const type of LIVE_EVENT_TYPES) source.removeEventListener(type, onMessage);
        source.close();
        source = null;
      };

      connect();
      return () => {
        stopped = true;
        if (retry !== null) clearTimeout(retry);
        retry = null;
        detach();
      };
    });
  }
}
