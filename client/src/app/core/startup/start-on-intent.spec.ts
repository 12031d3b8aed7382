import { LANGUAGE_STORAGE_KEY } from '../i18n/languages';
import { FakeEventSource, installFakeEventSource } from '../../testing/fake-event-source';
import { dropEarlyStream } from './early-live-stream';
import { INTENT_EVENTS, readServerPage, startNowBecause, startOnIntent } from './start-on-intent';
import type { ServerPage } from './start-on-intent';

const page: ServerPage = { slug: 'bpf 2016', cursor: '41', complete: true };

/** The rendered page as the server sends it: the marker on the document page's root. */
function renderServerPage(marker: ServerPage | string | null): void {
  document.body.innerHTML = '<app-root><div class="document-page"><p>Paragraph one.</p></div></app-root>';
  const root = document.querySelector('.document-page');
  if (root && marker !== null) root.setAttribute('data-server-page', typeof marker === 'string' ? marker : JSON.stringify(marker));
}

function setPageHeight(px: number): void {
  Object.defineProperty(document.documentElement, 'scrollHeight', { value: px, configurable: true });
}

describe('starting the app on the reader\'s first action', () => {
  let restoreEventSource: () => void;
  const start = jest.fn();
  const prefetch = jest.fn(() => Promise.resolve());

  beforeEach(() => {
    jest.useFakeTimers();
    restoreEventSource = installFakeEventSource();
    start.mockClear();
    prefetch.mockClear();
    document.documentElement.lang = 'en';
    localStorage.clear();
    history.replaceState(null, '', '/documents/bpf');
    setPageHeight(5000);
  });

  afterEach(() => {
    // Every listener a test left waiting fires now, so that the next test starts clean.
    window.dispatchEvent(new Event('pointerdown'));
    jest.runOnlyPendingTimers();
    jest.useRealTimers();
    dropEarlyStream();
    restoreEventSource();
    document.body.innerHTML = '';
  });

  it('reads the marker the server wrote, and nothing else', () => {
    renderServerPage(page);
    expect(readServerPage(document)).toEqual(page);
    renderServerPage({ ...page, cursor: null, complete: false });
    expect(readServerPage(document)).toEqual({ slug: 'bpf 2016', cursor: null, complete: false });
    for (const bad of ['', 'not json', 'null', '{"slug":1,"cursor":null,"complete":true}', '{"slug":"a","cursor":2,"complete":true}', '{"slug":"a","cursor":null}']) {
      renderServerPage(bad);
      expect(readServerPage(document)).toBeNull();
    }
    renderServerPage(null);
    expect(readServerPage(document)).toBeNull();
  });

  it('starts at once on a client-rendered page', () => {
    renderServerPage(null);
    startOnIntent(window, start, prefetch);
    expect(start).toHaveBeenCalledTimes(1);
    expect(FakeEventSource.instances).toHaveLength(0);
    expect(prefetch).not.toHaveBeenCalled();
  });

  it('starts at once for a deep link, a language the server could not know, a partial render already at its end, or a reader who acted', () => {
    expect(startNowBecause(window, page)).toBeNull();

    history.replaceState(null, '', '/documents/bpf#p-12');
    expect(startNowBecause(window, page)).toBe('deep-link');
    history.replaceState(null, '', '/documents/bpf');

    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'fr');
    expect(startNowBecause(window, page)).toBe('language');
    document.documentElement.lang = 'fr';
    expect(startNowBecause(window, page)).toBeNull();
    localStorage.clear();
    document.documentElement.lang = 'en';

    const partial = { ...page, complete: false };
    expect(startNowBecause(window, partial)).toBeNull();
    setPageHeight(window.innerHeight);
    expect(startNowBecause(window, partial)).toBe('short-render');
    // A whole render may be short: there is nothing more to show.
    expect(startNowBecause(window, page)).toBeNull();

    // Focus already moved (a Tab before the script arrived): the reader is using the page.
    renderServerPage(page);
    const link = document.createElement('a');
    link.href = '#';
    document.querySelector('.document-page')?.append(link);
    link.focus();
    expect(startNowBecause(window, page)).toBe('acted');
    link.blur();
    expect(startNowBecause(window, page)).toBeNull();

    history.replaceState(null, '', '/documents/bpf#section-2');
    startOnIntent(window, start, prefetch);
    expect(start).toHaveBeenCalledTimes(1);
  });

  it.each(INTENT_EVENTS)('waits on a rendered page, and starts once after the first %s', (type) => {
    renderServerPage(page);
    startOnIntent(window, start, prefetch);
    jest.runOnlyPendingTimers();
    expect(start).not.toHaveBeenCalled();
    // The live stream is open from the rendered view's cursor, and the page's code is on its way.
    expect(FakeEventSource.latest().url).toBe('/api/documents/bpf%202016/events?since=41');
    expect(prefetch).toHaveBeenCalledTimes(1);

    // Heard on the way down (capture), whether or not the event bubbles.
    document.querySelector('p')?.dispatchEvent(new Event(type));
    // Not inside the event itself: a click made meanwhile is left for the page's event replay.
    expect(start).not.toHaveBeenCalled();
    jest.runOnlyPendingTimers();
    expect(start).toHaveBeenCalledTimes(1);

    window.dispatchEvent(new Event('keydown'));
    window.dispatchEvent(new Event('scroll'));
    jest.runOnlyPendingTimers();
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('starts when the draft changes live, for a reader who only reads', () => {
    renderServerPage(page);
    startOnIntent(window, start, prefetch);
    const stream = FakeEventSource.latest();
    stream.emit('comment', { id: '42', documentSlug: 'bpf 2016' });
    stream.emit('comment', { id: '43', documentSlug: 'bpf 2016' });
    jest.runOnlyPendingTimers();
    expect(start).toHaveBeenCalledTimes(1);
    // The stream stays open for the app to take over (LiveEventsService).
    expect(stream.readyState).not.toBe(FakeEventSource.CLOSED);
  });

  it('starts when the browser gives the live stream up, so that the app reconnects it, not while it retries', () => {
    renderServerPage(page);
    startOnIntent(window, start, prefetch);
    const stream = FakeEventSource.latest();
    stream.fail(FakeEventSource.CONNECTING);
    jest.runOnlyPendingTimers();
    expect(start).not.toHaveBeenCalled();
    stream.fail(FakeEventSource.CLOSED);
    jest.runOnlyPendingTimers();
    expect(start).toHaveBeenCalledTimes(1);
  });
});
