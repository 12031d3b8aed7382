import { LIVE_EVENT_TYPES } from '@doorway/contracts';

/**
 * A document's live stream, opened before the app starts (start-on-intent.ts) so that a reader who
 * only reads still sees what changes. LiveEventsService adopts the connection when the app starts,
 * with the messages that came meanwhile: no second connection, nothing missed. Every reader of a
 * busy draft would otherwise reconnect at the same moment, the first time anything happened.
 */
interface EarlyStream {
  readonly url: string;
  readonly source: EventSource;
  readonly held: MessageEvent[];
  readonly stopHolding: () => void;
}

let early: EarlyStream | null = null;

/**
 * Opens the stream at `url`. `wake` runs for each live event that arrives before adoption, and if
 * the browser gives the stream up (the app's own reconnection, with its backoff, then takes over).
 */
export function openEarlyStream(url: string, wake: () => void): void {
  const EventSourceImpl = globalThis.EventSource as typeof EventSource | undefined;
  if (typeof EventSourceImpl !== 'function') return;
  dropEarlyStream();
  const source = new EventSourceImpl(url);
  const held: MessageEvent[] = [];
  const hold = (message: Event): void => {
    if (!(message instanceof MessageEvent)) return;
    held.push(message);
    wake();
  };
  const closed = (): void => {
    if (source.readyState === 2 /* CLOSED */) wake();
  };
  for (const type of LIVE_EVENT_TYPES) source.addEventListener(type, hold);
  source.addEventListener('error', closed);
  early = {
    url,
    source,
    held,
    stopHolding: () => {
      for (const type of LIVE_EVENT_TYPES) source.removeEventListener(type, hold);
      source.removeEventListener('error', closed);
    },
  };
}

/**
 * The early stream, if it was opened for exactly `url` and is still alive, with the messages it has
 * held; it is then the caller's to close. Given once: later calls get null.
 */
export function adoptEarlyStream(url: string): { source: EventSource; held: readonly MessageEvent[] } | null {
  const stream = early;
  if (!stream) return null;
  early = null;
  stream.stopHolding();
  if (stream.url !== url || stream.source.readyState === 2 /* CLOSED */) {
    stream.source.close();
    return null;
  }
  return { source: stream.source, held: stream.held };
}

/** Closes the early stream if nothing adopted it (the app started on a page that does not listen). */
export function dropEarlyStream(): void {
  const stream = early;
  early = null;
  if (!stream) return;
  stream.stopHolding();
  stream.source.close();
}
