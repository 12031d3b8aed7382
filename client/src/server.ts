import { AngularNodeAppEngine } from '@angular/ssr/node';

/**
 * The server renderer, loaded by the API (api/src/common/http/server-render.ts) when the client was
 * built with it. The API builds each request itself, on its own address rather than the Host the
 * reader sent, so the engine's host check only ever sees that address. One engine per address
 * (in practice one), created on first use.
 */
const engines = new Map<string, AngularNodeAppEngine>();

function engineFor(hostname: string): AngularNodeAppEngine {
  let engine = engines.get(hostname);
  if (!engine) {
    engine = new AngularNodeAppEngine({ allowedHosts: [hostname] });
    engines.set(hostname, engine);
  }
  return engine;
}

/**
 * Renders the page at `path` (a /documents/<slug> address) in the reader's language (their
 * Accept-Language header). `apiOrigin` is where the API that asks listens (http://127.0.0.1:3000):
 * the app's relative requests (/api/…, /i18n/…) resolve against it. Null when no route matches.
 */
export function renderPage(apiOrigin: string, path: string, acceptLanguage: string | null): Promise<Response | null> {
  const headers = new Headers({ accept: 'text/html' });
  if (acceptLanguage) headers.set('accept-language', acceptLanguage);
  const url = new URL(path, apiOrigin);
  return engineFor(url.hostname).handle(new Request(url, { headers }));
}
