import { LANGUAGE_STORAGE_KEY, initialLanguage } from '../i18n/languages';
import { liveEventsUrl } from '../../services/live-events.service';
import { openEarlyStream } from './early-live-stream';

/**
 * What the server writes into a document's page it rendered (DocumentPage, `data-server-page`): the
 * page can be read as it is, and the app may start later. The attribute is gone once the app runs.
 */
export interface ServerPage {
  readonly slug: string;
  /** The last live event the rendered counts include (DocumentVersionView.liveCursor). */
  readonly cursor: string | null;
  /** False when a long draft was rendered in part (its first screen): the rest needs the app. */
  readonly complete: boolean;
}

/**
 * What a reader does just before they need the app: press, type, tab, click, scroll, and on a
 * computer move the mouse, so that a desktop's quick start is over before the first click lands.
 */
export const INTENT_EVENTS = ['pointerdown', 'touchstart', 'keydown', 'click', 'focusin', 'scroll', 'wheel', 'pointermove'] as const;

export const SERVER_PAGE_ATTRIBUTE = 'data-server-page';

/** The chunk the router loads for a document's page (the same one early-requests.ts asks for). */
const loadDocumentPage = (): Promise<unknown> => import('../../pages/document/document.routes');

export function readServerPage(doc: Document): ServerPage | null {
  const raw = doc.querySelector(`[${SERVER_PAGE_ATTRIBUTE}]`)?.getAttribute(SERVER_PAGE_ATTRIBUTE);
  if (!raw) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { slug, cursor, complete } = parsed as Record<string, unknown>;
  if (typeof slug !== 'string' || typeof complete !== 'boolean' || !(typeof cursor === 'string' || cursor === null)) return null;
  return { slug, cursor, complete };
}

/** The language the app would start in (LanguageService.startLanguage, without Angular). */
function appLanguage(win: Window): string {
  let stored: string | null = null;
  try {
    stored = win.localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    // Storage blocked: the browser's languages decide, as in the app.
  }
  const browser = win.navigator.languages?.length ? win.navigator.languages : [win.navigator.language];
  return initialLanguage(stored, browser);
}

/**
 * Why the app must start now rather than on the reader's first action, or null when it can wait.
 * Waiting is only for a page the server rendered whole enough to read, as the app would show it.
 */
export function startNowBecause(win: Window, page: ServerPage): string | null {
  // #p-12, #section-2: only the app opens that paragraph (or renders it, in a long draft).
  if (win.location.hash) return 'deep-link';
  // A language chosen on an earlier visit, which the server could not know.
  if (appLanguage(win) !== win.document.documentElement.lang) return 'language';
  // A long draft's first screen whose end is already in view: the rest must come now.
  if (!page.complete && win.document.documentElement.scrollHeight < win.innerHeight * 2) return 'short-render';
  // The reader acted before this script arrived (a slow network): the click waits in the page's
  // event replay, and nothing else would start the app for it.
  if (actedAlready(win)) return 'acted';
  return null;
}

/** Any input, scroll or focus since the page opened (Event Timing's first input, where supported). */
function actedAlready(win: Window): boolean {
  const active = win.document.activeElement;
  if (win.scrollY > 0 || (active !== null && active !== win.document.body)) return true;
  try {
    return win.performance.getEntriesByType('first-input').length > 0;
  } catch {
    return false;
  }
}

/**
 * Starts the app (`start`, once) now, or on the reader's first action or the first live event.
 *
 * An anonymous reader's document page arrives rendered by the server, readable and current. Starting
 * Angular on it (providers, translations, the router, hydrating the header and the paragraphs) is
 * about a second of main-thread work on a mid-range phone, spent while the reader is reading. It is
 * done when they first need it: their first press, key, click, scroll or mouse move (event replay
 * keeps a click made meanwhile and plays it once the app runs), or the first live change to the
 * draft, whose stream (early-live-stream.ts) is open from the start and handed to the app.
 */
export function startOnIntent(win: Window, start: () => void, prefetchPage: () => Promise<unknown> = loadDocumentPage): void {
  const page = readServerPage(win.document);
  // No such page (a client-rendered one): nothing is on screen until the app runs.
  if (!page || startNowBecause(win, page) !== null) {
    start();
    return;
  }
  let started = false;
  const go = (): void => {
    if (started) return;
    started = true;
    for (const type of INTENT_EVENTS) win.removeEventListener(type, go, true);
    // After the event that asked for it has been dispatched: a click made meanwhile is replayed.
    win.setTimeout(start, 0);
  };
  for (const type of INTENT_EVENTS) win.addEventListener(type, go, { capture: true, passive: true });
  openEarlyStream(liveEventsUrl(page.slug, page.cursor), go);
  // The page's code, fetched now so that the first action does not wait for it.
  prefetchPage().catch(() => undefined);
}
