import { performance } from 'node:perf_hooks';
import type { LiveEvent } from '@doorway/contracts';

/**
 * The status of an event stream over a real socket (light-my-request cannot hold an SSE stream
 * open): a 200 is aborted as soon as its headers arrive; an error's JSON body is read.
 */
export async function sseStatus(base: string, path: string, cookie: string): Promise<{ status: number; type: string; body: unknown }> {
  const controller = new AbortController();
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (cookie) headers['cookie'] = cookie;
  const response = await fetch(`${base}${path}`, { headers, signal: controller.signal });
  const type = response.headers.get('content-type') ?? '';
  if (response.status === 200 && type.startsWith('text/event-stream')) {
    controller.abort();
    return { status: 200, type, body: null };
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text for the assertion message.
  }
  return { status: response.status, type, body };
}

/** One server-sent event as it arrived: its SSE fields, the event parsed from `data`, and when it came. */
export interface ReceivedEvent {
  id: string;
  type: string;
  event: LiveEvent;
  at: number;
}

/**
 * An event stream held open over a real socket and read frame by frame as the bytes arrive, for
 * the suites that run the API as separate processes (live.int-spec.ts, topology.int-spec.ts).
 */
export class EventStream {
  readonly events: ReceivedEvent[] = [];
  /** The text of `:` comment lines (the server's heartbeats). */
  readonly comments: string[] = [];
  /** The body of a refused stream (an error's JSON), read in full. */
  body = '';
  private readonly waiters = new Set<() => void>();
  private ended = false;

  private constructor(
    readonly status: number,
    readonly contentType: string,
    /** Which replica answered, as support/proxy.ts says in `x-upstream` (empty without the proxy). */
    readonly upstream: string,
    private readonly abort: AbortController,
  ) {}

  static async open(base: string, path: string, headers: Record<string, string> = {}): Promise<EventStream> {
    const abort = new AbortController();
    const response = await fetch(`${base}${path}`, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
    const stream = new EventStream(response.status, response.headers.get('content-type') ?? '', response.headers.get('x-upstream') ?? '', abort);
    if (!response.ok || !response.body) {
      stream.body = await response.text();
      stream.ended = true;
      return stream;
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            stream.frame(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        }
      } catch {
        // Closed by the test.
      } finally {
        stream.ended = true;
        stream.wake();
      }
    })();
    return stream;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  private frame(text: string): void {
    let id = '';
    let type = 'message';
    const data: string[] = [];
    for (const line of text.split('\n')) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
      else if (line.startsWith('id: ')) id = line.slice(4);
      else if (line.startsWith('event: ')) type = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length) this.events.push({ id, type, event: JSON.parse(data.join('\n')) as LiveEvent, at: performance.now() });
    this.wake();
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** The first received event that matches, waiting for it up to `timeoutMs`; fails at once if the stream ends first. */
  async waitFor(match: (event: LiveEvent) => boolean, timeoutMs = 5_000): Promise<ReceivedEvent> {
    const found = (): ReceivedEvent | undefined => this.events.find((r) => match(r.event));
    const now = found();
    if (now) return now;
    return new Promise((done, fail) => {
      const waiter = (): void => {
        const hit = found();
        if (hit || this.ended) {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          if (hit) done(hit);
          else fail(new Error('the stream ended before the event came'));
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        fail(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(this.events.map((r) => r.event))}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  close(): void {
    this.abort.abort();
  }
}
