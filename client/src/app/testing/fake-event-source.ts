/** Stands in for the browser's EventSource: records listeners, and lets a test open, fail and emit. */
export class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];
  static latest(): FakeEventSource {
    const source = FakeEventSource.instances.at(-1);
    if (!source) throw new Error('no EventSource was opened');
    return source;
  }

  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSED = 2;
  readyState = FakeEventSource.CONNECTING;
  readonly withCredentials = false;
  private readonly listeners = new Map<string, number>();

  constructor(readonly url: string) {
    super();
    FakeEventSource.instances.push(this);
  }

  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void {
    this.listeners.set(type, (this.listeners.get(type) ?? 0) + 1);
    super.addEventListener(type, listener);
  }

  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void {
    const count = (this.listeners.get(type) ?? 0) - 1;
    if (count > 0) this.listeners.set(type, count);
    else this.listeners.delete(type);
    super.removeEventListener(type, listener);
  }

  listenedTypes(): string[] {
    return [...this.listeners.keys()];
  }

  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }

  open(): void {
    this.readyState = FakeEventSource.OPEN;
    this.dispatchEvent(new Event('open'));
  }

  fail(readyState: number): void {
    this.readyState = readyState;
    this.dispatchEvent(new Event('error'));
  }

  emit<T extends { id: string }>(type: string, data: T): void {
    this.emitRaw(type, JSON.stringify({ ...data, type }), data.id);
  }

  emitRaw(type: string, data: string, lastEventId: string): void {
    this.dispatchEvent(new MessageEvent(type, { data, lastEventId }));
  }
}

/** Puts FakeEventSource on globalThis; returns what puts the original back. */
export function installFakeEventSource(): () => void {
  const had = 'EventSource' in globalThis;
  const original = globalThis.EventSource;
  FakeEventSource.instances = [];
  Object.defineProperty(globalThis, 'EventSource', { value: FakeEventSource, configurable: true, writable: true });
  return () => {
    if (had) Object.defineProperty(globalThis, 'EventSource', { value: original, configurable: true, writable: true });
    else Reflect.deleteProperty(globalThis, 'EventSource');
  };
}
