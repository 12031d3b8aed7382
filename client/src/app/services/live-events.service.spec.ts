import { TestBed } from '@angular/core/testing';
import type { LiveCommentEvent, LiveEvent } from '@doorway/contracts';
import { dropEarlyStream, openEarlyStream } from '../core/startup/early-live-stream';
import { FakeEventSource, installFakeEventSource } from '../testing/fake-event-source';
import { LIVE_BACKOFF, LiveEventsService, defaultLiveBackoff, parseLiveEvent } from './live-events.service';

const comment = (id: string, paragraphKeys = ['k5']): LiveCommentEvent => ({
  type: 'comment',
  id,
  documentSlug: 'bpf',
  at: '2026-11-25T10:00:00.000Z',
  contributionId: `c${id}`,
  parentId: null,
  kind: 'comment',
  paragraphKeys,
  stakeholderGroup: 'civil_society',
});

describe('LiveEventsService', () => {
  let restore: () => void;
  let service: LiveEventsService;

  beforeEach(() => {
    restore = installFakeEventSource();
    TestBed.configureTestingModule({ providers: [{ provide: LIVE_BACKOFF, useValue: (attempt: number) => attempt * 1000 }] });
    service = TestBed.inject(LiveEventsService);
  });

  afterEach(() => {
    jest.useRealTimers();
    dropEarlyStream();
    restore();
  });

  it('opens one same-origin stream for the document and emits the four event types', () => {
    const received: LiveEvent[] = [];
    const subscription = service.events('bpf 2016').subscribe((event) => received.push(event));
    expect(FakeEventSource.instances).toHaveLength(1);
    const source = FakeEventSource.latest();
    expect(source.url).toBe('/api/documents/bpf%202016/events');
    expect(source.listenedTypes()).toEqual(expect.arrayContaining(['comment', 'endorsement', 'disposition', 'phase']));

    source.emit('comment', comment('1'));
    source.emit('endorsement', { id: '2', documentSlug: 'bpf', at: '', contributionId: 'c1', paragraphKeys: ['k5'], total: 3 });
    source.emit('disposition', {
      id: '3',
      documentSlug: 'bpf',
      at: '',
      contributionId: 'c1',
      caseStudyId: null,
      disposition: 'accepted',
      paragraphKeys: ['k5'],
    });
    source.emit('phase', { id: '4', documentSlug: 'bpf', at: '', phase: 'closed', commentDeadline: null });
    expect(received.map((e) => [e.type, e.id])).toEqual([
      ['comment', '1'],
      ['endorsement', '2'],
      ['disposition', '3'],
      ['phase', '4'],
    ]);
    subscription.unsubscribe();
  });

  it('starts after the cursor it is given: asks for what came since, and drops what it already reflects', () => {
    const received: LiveEvent[] = [];
    service.events('bpf', '41').subscribe((event) => received.push(event));
    const source = FakeEventSource.latest();
    expect(source.url).toBe('/api/documents/bpf/events?since=41');
    source.emit('comment', comment('41'));
    source.emit('comment', comment('42'));
    expect(received.map((e) => e.id)).toEqual(['42']);
  });

  it('ignores malformed data and events it has already seen', () => {
    const received: LiveEvent[] = [];
    service.events('bpf').subscribe((event) => received.push(event));
    const source = FakeEventSource.latest();
    source.emitRaw('comment', 'not json', '1');
    source.emit('comment', comment('9'));
    source.emit('comment', comment('9'));
    source.emit('comment', comment('8'));
    source.emit('comment', comment('10'));
    expect(received.map((e) => e.id)).toEqual(['9', '10']);
  });

  it('closes the stream on unsubscribe', () => {
    const subscription = service.events('bpf').subscribe();
    const source = FakeEventSource.latest();
    subscription.unsubscribe();
    expect(source.readyState).toBe(FakeEventSource.CLOSED);
    expect(source.listenedTypes()).toEqual([]);
  });

  it('leaves reconnecting to EventSource while it is retrying by itself', () => {
    jest.useFakeTimers();
    service.events('bpf').subscribe();
    const source = FakeEventSource.latest();
    source.fail(FakeEventSource.CONNECTING);
    jest.advanceTimersByTime(60_000);
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it('reconnects with ?since=<last id> after a growing backoff once EventSource gives up', () => {
    jest.useFakeTimers();
    const received: LiveEvent[] = [];
    const subscription = service.events('bpf').subscribe((event) => received.push(event));
    FakeEventSource.latest().emit('comment', comment('41'));
    FakeEventSource.latest().fail(FakeEventSource.CLOSED);

    jest.advanceTimersByTime(999);
    expect(FakeEventSource.instances).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(FakeEventSource.latest().url).toBe('/api/documents/bpf/events?since=41');

    // Fails again: waits longer (2 s).
    FakeEventSource.latest().fail(FakeEventSource.CLOSED);
    jest.advanceTimersByTime(1999);
    expect(FakeEventSource.instances).toHaveLength(2);
    jest.advanceTimersByTime(1);
    expect(FakeEventSource.instances).toHaveLength(3);

    // Connected: the missed events arrive on the new stream; the backoff starts over.
    FakeEventSource.latest().open();
    FakeEventSource.latest().emit('comment', comment('42'));
    expect(received.map((e) => e.id)).toEqual(['41', '42']);
    FakeEventSource.latest().fail(FakeEventSource.CLOSED);
    jest.advanceTimersByTime(1000);
    expect(FakeEventSource.instances).toHaveLength(4);
    expect(FakeEventSource.latest().url).toBe('/api/documents/bpf/events?since=42');

    subscription.unsubscribe();
    expect(FakeEventSource.instances.every((s) => s.readyState === FakeEventSource.CLOSED)).toBe(true);
  });

  it('does not reconnect after unsubscribing during a backoff', () => {
    jest.useFakeTimers();
    const subscription = service.events('bpf').subscribe();
    FakeEventSource.latest().fail(FakeEventSource.CLOSED);
    subscription.unsubscribe();
    jest.advanceTimersByTime(60_000);
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it("takes over the stream the page opened before the app started, with what it held, once", () => {
    const early = jest.fn();
    openEarlyStream('/api/documents/bpf/events?since=41', early);
    const opened = FakeEventSource.latest();
    opened.emit('comment', comment('42'));
    expect(early).toHaveBeenCalledTimes(1);

    const received: LiveEvent[] = [];
    const subscription = service.events('bpf', '41').subscribe((event) => received.push(event));
    // No second connection: the held event first, then what the same stream brings next.
    expect(FakeEventSource.instances).toEqual([opened]);
    expect(received.map((e) => e.id)).toEqual(['42']);
    opened.emit('comment', comment('43'));
    expect(received.map((e) => e.id)).toEqual(['42', '43']);
    expect(early).toHaveBeenCalledTimes(1);

    // The early stream is given once: the next subscriber opens its own.
    service.events('bpf', '41').subscribe();
    expect(FakeEventSource.instances).toHaveLength(2);
    subscription.unsubscribe();
    expect(opened.readyState).toBe(FakeEventSource.CLOSED);
  });

  it('closes an early stream opened from another cursor, or one the browser closed, and opens its own', () => {
    openEarlyStream('/api/documents/bpf/events?since=40', jest.fn());
    const stale = FakeEventSource.latest();
    service.events('bpf', '41').subscribe();
    expect(stale.readyState).toBe(FakeEventSource.CLOSED);
    expect(FakeEventSource.latest().url).toBe('/api/documents/bpf/events?since=41');

    openEarlyStream('/api/documents/bpf/events?since=41', jest.fn());
    const failed = FakeEventSource.latest();
    failed.fail(FakeEventSource.CLOSED);
    service.events('bpf', '41').subscribe();
    expect(FakeEventSource.instances).toHaveLength(4);
    expect(FakeEventSource.latest()).not.toBe(failed);
  });

  it('does nothing without EventSource', () => {
    restore();
    const saved = globalThis.EventSource;
    Reflect.deleteProperty(globalThis, 'EventSource');
    try {
      const next = jest.fn();
      const subscription = service.events('bpf').subscribe(next);
      subscription.unsubscribe();
      expect(next).not.toHaveBeenCalled();
    } finally {
      if (saved !== undefined) globalThis.EventSource = saved;
      restore = installFakeEventSource();
    }
  });
});

describe('live event helpers', () => {
  it('backs off 1, 2, 4 … 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(defaultLiveBackoff)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it('takes the type from the event name and the id from the SSE id when the data lacks them', () => {
    expect(parseLiveEvent('phase', JSON.stringify({ phase: 'open' }), '7')).toEqual({ type: 'phase', id: '7', phase: 'open' });
    expect(parseLiveEvent('message', '{}', '7')).toBeNull();
    expect(parseLiveEvent('comment', JSON.stringify({ type: 'phase' }), '7')).toBeNull();
    expect(parseLiveEvent('comment', 'null', '7')).toBeNull();
  });
});
