import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { etagMatches } from './etag';

export type ContentEncoding = 'br' | 'gzip';

/**
 * A body kept in memory between requests (the cached document view): its bytes, its ETag, and
 * its compressed forms, each made on first demand and then kept beside the bytes.
 */
export interface CachedBody {
  json: Buffer;
  etag: string;
  encoded(encoding: ContentEncoding): Promise<Buffer>;
}

/** Below this, compressing saves less than the headers cost. */
const MIN_BYTES = 1024;

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * Compresses off the main thread (zlib's thread pool). Brotli at quality 5, not the 11 used for the
 * static client files: measured on the large dataset's document (196 kB of JSON), 5 gives 47 kB in
 * 8 ms, 9 gives 46 kB in 35 ms and 11 gives 41 kB in 330 ms, and a busy consultation changes the
 * document (so recompresses it) every time a comment lands. Gzip at its default level 6: 51 kB in 5 ms.
 */
export function compress(body: Buffer, encoding: ContentEncoding): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 5,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      })
    : gzipped(body, { level: 6 });
}

/**
 * A body's compressed forms, each made on first demand and then kept with it. Concurrent first
 * requests share one compression; a failed one is forgotten, so the next request retries.
 */
export function compressedForms(body: Buffer): (encoding: ContentEncoding) => Promise<Buffer> {
  const forms = new Map<ContentEncoding, Promise<Buffer>>();
  return (encoding) => {
    let form = forms.get(encoding);
    if (!form) {
      form = compress(body, encoding);
      forms.set(encoding, form);
      form.catch(() => forms.delete(encoding));
    }
    return form;
  };
}

/**
 * The encoding to send for an Accept-Encoding header: brotli or gzip, whichever the client weighs
 * higher (brotli on a tie, as it is smaller), or null for the plain bytes. Hand-written rather than
 * @fastify/accept-negotiator because that package is only here as @fastify/static's dependency;
 * the grammar needed is small: `token[;q=weight]` items, `*` standing for the unnamed ones.
 */
export function preferredEncoding(header: string | string[] | undefined): ContentEncoding | null {
  if (header === undefined) return null;
  const weights = new Map<string, number>();
  for (const item of (Array.isArray(header) ? header.join(',') : header).split(',')) {
    const [name = '', ...params] = item.split(';').map((part) => part.trim().toLowerCase());
    if (!name) continue;
    const q = params.find((param) => param.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (encoding: ContentEncoding) => weights.get(encoding) ?? weights.get('*') ?? 0;
  const [br, gz] = [weightOf('br'), weightOf('gzip')];
  if (br <= 0 && gz <= 0) return null;
  return br >= gz ? 'br' : 'gzip';
}

/**
 * Sends a cached body in the encoding the client prefers, with its ETag. The ETag is weak, so one
 * tag serves every encoding of the same JSON and If-None-Match gives 304 whichever one the client
 * holds; `Vary: Accept-Encoding` keeps caches from handing one encoding to a client asking for another.
 * A matching revalidation becomes a bodiless 304 in etag.ts, so it is not compressed here.
 */
export function sendCached(request: FastifyRequest, reply: FastifyReply, body: CachedBody): Promise<Buffer> | Buffer {
  const vary = reply.getHeader('vary');
  void reply
    .header('content-type', 'application/json; charset=utf-8')
    .header('etag', body.etag)
    .header('vary', vary === undefined ? 'Accept-Encoding' : `${String(vary)}, Accept-Encoding`);
  if (body.json.length < MIN_BYTES || etagMatches(request.headers['if-none-match'], body.etag)) return body.json;
  const encoding = preferredEncoding(request.headers['accept-encoding']);
  if (encoding === null) return body.json;
  void reply.header('content-encoding', encoding);
  return body.encoded(encoding);
}
