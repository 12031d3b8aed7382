import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { acceptedLanguages } from '@doorway/contracts';
import { SESSION_COOKIE } from '../../modules/auth/strategies/jwt.strategy';
import { compressedForms, preferredEncoding } from './content-encoding';
import type { ContentEncoding } from './content-encoding';

/** What the client's server build (client/src/server.ts) exports. */
export interface ServerRenderer {
  renderPage(apiOrigin: string, path: string, acceptLanguage: string | null): Promise<Response | null>;
}

function isServerRenderer(value: unknown): value is ServerRenderer {
  return typeof value === 'object' && value !== null && typeof (value as { renderPage?: unknown }).renderPage === 'function';
}

/**
 * The server renderer built beside the client (dist/client/server/server.mjs next to
 * dist/client/browser), or null when the client was built without one.
 */
export async function loadServerRenderer(clientDir: string): Promise<ServerRenderer | null> {
  const entry = join(dirname(clientDir), 'server', 'server.mjs');
  if (!existsSync(entry)) return null;
  // The renderer is an ES module; this CommonJS build would turn a plain import() into require().
  const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;
  const loaded = await importModule(pathToFileURL(entry).href);
  return isServerRenderer(loaded) ? loaded : null;
}

/** The document page's own address, as the client's router and server routes name it. */
export const RENDERED_PAGE = '/documents/:slug';

/**
 * A rendered page is kept until its document changes (its view's ETag moves), and sent again as it
 * is for this long (ms) even when the document has changed meanwhile. A render costs the API tens
 * of milliseconds of CPU (60–90 ms for the 300-paragraph benchmark document); readers arriving
 * together share one, and a document receiving many comments a second is rendered at most once a
 * second. A page up to this old is still right: the browser's live stream starts from the view's
 * liveCursor embedded in it, so it replays whatever came after.
 */
export const PAGE_FRESH_MS = 1000;
/** Pages kept (address × Accept-Language); past this, the least recently used goes. */
const MAX_PAGES = 64;
/**
 * Renders running at once, across all pages. Past this, a page that has no usable render gets
 * the client-rendered shell: a burst of requests for many documents at once then costs what the
 * shell costs, not a render each.
 */
export const MAX_RENDERS_AT_ONCE = 2;

/**
 * A rendered page's HTML, its brotli and gzip forms (each made once, when first asked for), and
 * the Content-Security-Policy hashes of its inline scripts.
 */
export interface RenderedPage {
  html: Buffer;
  encoded(encoding: ContentEncoding): Promise<Buffer>;
  scriptHashes: readonly string[];
}

function renderedPage(html: Buffer): RenderedPage {
  return { html, encoded: compressedForms(html), scriptHashes: inlineScriptHashes(html.toString('utf8')) };
}

/** Script types a browser runs; any other type (the page's JSON state) is data, which CSP does not govern. */
const RUNNABLE_SCRIPT_TYPE = /^(text\/javascript|application\/javascript|module)$/i;

/**
 * The CSP source expressions ('sha256-…') of the inline scripts in a rendered page. Those are
 * Angular's event replay: a small recorder and the call that starts it, which keep the taps and
 * keys a reader makes before the app has taken the page over and play them once it has. Allowing
 * exactly these by hash keeps `script-src` closed to any other inline script, without a nonce per
 * response, which would mean compressing a kept page again for every reader.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const [, attributes = '', body = ''] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\ssrc\s*=/i.test(attributes)) continue;
    const type = /\stype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1];
    if (type !== undefined && !RUNNABLE_SCRIPT_TYPE.test(type)) continue;
    hashes.push(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return [...new Set(hashes)];
}

/** `policy` with `sources` added to its script-src (made from default-src when it has none). */
export function allowScripts(policy: string, sources: readonly string[]): string {
  if (!sources.length) return policy;
  const directives = policy.split(';').map((directive) => directive.trim()).filter(Boolean);
  const at = directives.findIndex((directive) => /^script-src(\s|$)/i.test(directive));
  if (at >= 0) {
    directives[at] = `${directives[at]} ${sources.join(' ')}`;
  } else {
    const fallback = directives.find((directive) => /^default-src(\s|$)/i.test(directive))?.replace(/^default-src/i, '').trim() ?? '';
    directives.push(`script-src ${[fallback, ...sources].filter(Boolean).join(' ')}`);
  }
  return directives.join('; ');
}

/** Rendered pages, each rendered once per document change (and once per PAGE_FRESH_MS at most). */
export class RenderedPages {
  private readonly pages = new Map<string, { page: RenderedPage; version: string; at: number }>();
  private readonly rendering = new Map<string, Promise<RenderedPage | null>>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * The page for `key` at `version` (the document view's ETag): the kept one if it was rendered
   * at that version or less than PAGE_FRESH_MS ago, else a new one from `renderPage`. Null when
   * it cannot be rendered, or not now (MAX_RENDERS_AT_ONCE).
   */
  get(key: string, version: string, renderPage: () => Promise<Buffer | null>): Promise<RenderedPage | null> {
    const kept = this.pages.get(key);
    if (kept && (kept.version === version || this.now() - kept.at < PAGE_FRESH_MS)) return Promise.resolve(kept.page);
    const pending = this.rendering.get(key);
    if (pending) return pending;
    if (this.rendering.size >= MAX_RENDERS_AT_ONCE) return Promise.resolve(null);
    const promise = renderPage()
      .then((html) => {
        if (!html) return null;
        const page = renderedPage(html);
        // Labelled with the version asked for: the render may have read a newer one, never an older.
        this.keep(key, { page, version, at: this.now() });
        return page;
      })
      .finally(() => this.rendering.delete(key));
    this.rendering.set(key, promise);
    return promise;
  }

  private keep(key: string, entry: { page: RenderedPage; version: string; at: number }): void {
    this.pages.delete(key);
    this.pages.set(key, entry);
    while (this.pages.size > MAX_PAGES) {
      const oldest = this.pages.keys().next().value;
      if (oldest === undefined) break;
      this.pages.delete(oldest);
    }
  }
}

/**
 * Renders a document's page on the server for readers without a session: the text paints with the
 * HTML, and the client takes over the same DOM (hydration) instead of building it again. A signed-in
 * reader gets the client-rendered shell as before: what the page shows them depends on who they are,
 * and the server renders as nobody. Whatever goes wrong in rendering, the reader still gets the shell.
 */
export function registerServerRendering(
  fastify: FastifyInstance,
  options: {
    renderer: ServerRenderer;
    /** The ETag of the document's current view as an anonymous reader gets it; null when they get none (missing, draft). */
    versionOf: (slug: string) => Promise<string | null>;
    sendShell: (reply: FastifyReply) => FastifyReply;
    logger: Pick<Logger, 'warn'>;
  },
): void {
  const { renderer, versionOf, sendShell, logger } = options;
  const pages = new RenderedPages();
  fastify.get<{ Params: { slug: string } }>(RENDERED_PAGE, async (request, reply) => {
    if (request.cookies[SESSION_COOKIE]) return sendShell(reply);
    // A document nobody may read anonymously gets the shell, which says so: no render for it.
    const version = await versionOf(request.params.slug).catch(() => null);
    if (version === null) return sendShell(reply);
    const acceptLanguage = header(request.headers['accept-language']);
    // The page reads no query parameters: rendered and kept by path, so made-up queries share it.
    const path = request.url.split('?')[0] ?? request.url;
    const page = await pages
      .get(`${path}\n${languageKey(acceptLanguage)}`, version, async () => {
        const response = await renderer.renderPage(ownOrigin(request), path, acceptLanguage);
        return response?.status === 200 ? Buffer.from(await response.arrayBuffer()) : null;
      })
      .catch((error: unknown) => {
        logger.warn(`server rendering of ${path} failed, sent the client shell: ${error instanceof Error ? error.message : String(error)}`);
        return null;
      });
    if (!page) return sendShell(reply);
    // The policy was set for every response (bootstrap.ts); this page also runs its own inline scripts.
    const policy = reply.raw.getHeader('content-security-policy');
    if (typeof policy === 'string') reply.raw.setHeader('content-security-policy', allowScripts(policy, page.scriptHashes));
    void reply
      .header('content-type', 'text/html; charset=utf-8')
      // Counts move with every comment, and the language follows the reader's header.
      .header('cache-control', 'no-cache')
      .header('vary', 'Cookie, Accept-Language, Accept-Encoding');
    const encoding = preferredEncoding(request.headers['accept-encoding']);
    if (encoding === null) return reply.send(page.html);
    return reply.header('content-encoding', encoding).send(await page.encoded(encoding));
  });
}

/**
 * What of an Accept-Language header decides the page's language: its primary subtags in order of
 * preference ("en-US,en;q=0.9" and "en-GB" are both "en"), as the client picks the first it has.
 * Readers with the same preferences share a page, however their browsers spell them.
 */
export function languageKey(header: string | null): string {
  return [...new Set(acceptedLanguages(header).map((tag) => tag.toLowerCase().split('-')[0]))].join(',');
}

function header(value: string | string[] | undefined): string | null {
  return Array.isArray(value) ? value.join(', ') : (value ?? null);
}

/** This process's address as the request reached it: the renderer's calls to the API come back here. */
function ownOrigin(request: FastifyRequest): string {
  const { localAddress = '127.0.0.1', localPort } = request.raw.socket;
  const host = isIP(localAddress) === 6 ? `[${localAddress}]` : localAddress;
  return `http://${host}:${localPort ?? 80}`;
}
