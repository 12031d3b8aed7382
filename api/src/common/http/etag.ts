import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * ETags on successful API reads, and 304 when the client already has the same bytes.
 *
 * Not @fastify/etag: that plugin tags every response (writes and errors too) and answers 304
 * to any method. Here only a 200 to a GET, with the whole body in hand (not a stream), is
 * tagged, with Node's native SHA-1 (fast on the document's few hundred kilobytes). `private, no-cache` makes browsers
 * revalidate each time (a cheap 304) and keeps shared caches out of per-user answers.
 */
export function registerEtags(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (request.method !== 'GET' || reply.statusCode !== 200 || !request.url.startsWith('/api/')) return payload;
    if (!(typeof payload === 'string' || Buffer.isBuffer(payload))) return payload;
    // A handler that knows its body's ETag already (the cached document view) has set it.
    const known = reply.getHeader('etag');
    const etag = typeof known === 'string' ? known : `W/"${createHash('sha1').update(payload).digest('base64url')}"`;
    void reply.header('etag', etag);
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'private, no-cache');
    if (etagMatches(request.headers['if-none-match'], etag)) {
      void reply.code(304);
      return '';
    }
    return payload;
  });
}

/** If-None-Match against our (weak) ETag, by weak comparison: a tag sent without its W/ matches too. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  return header !== undefined && header.split(',').some((tag) => tag.trim() === etag || `W/${tag.trim()}` === etag);
}
