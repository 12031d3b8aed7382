import { Agent, createServer, request as upstreamRequest } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';

/**
 * A small round-robin reverse proxy standing in for Caddy (deploy/Caddyfile) in
 * api/test/topology.int-spec.ts, where there is no Docker. Written on node:http because the one
 * proxy library near at hand, http-proxy, has had no release since 2020, and what the test needs
 * is short: the next upstream for each request, X-Forwarded-* set as Caddy sets them, and every
 * response streamed through as it arrives, so server-sent events are never held back.
 */
export interface Upstream {
  /** Shown in the `x-upstream` response header, so a test can tell which replica answered. */
  name: string;
  /** e.g. http://127.0.0.1:3621 */
  base: string;
}

export interface RoundRobinProxy {
  base: string;
  /** How many requests each upstream was sent, by name. */
  readonly sent: Map<string, number>;
  close(): Promise<void>;
}

/** Headers about one connection, not the message (RFC 9110, 7.6.1): never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function endToEnd(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const named = new Set(
    String(headers['connection'] ?? '')
      .split(',')
      .map((token) => token.trim().toLowerCase())
      .filter(Boolean),
  );
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name) && !named.has(name)) out[name] = value;
  }
  return out;
}

export async function startRoundRobinProxy(port: number, upstreams: Upstream[]): Promise<RoundRobinProxy> {
  if (upstreams.length === 0) throw new Error('a proxy needs at least one upstream');
  const agent = new Agent({ keepAlive: true });
  const sent = new Map(upstreams.map((u) => [u.name, 0]));
  let next = 0;

  const forward = (req: IncomingMessage, res: ServerResponse): void => {
    const upstream = upstreams[next % upstreams.length] as Upstream;
    next += 1;
    sent.set(upstream.name, (sent.get(upstream.name) ?? 0) + 1);
    const target = new URL(req.url ?? '/', upstream.base);
    const headers = endToEnd(req.headers);
    // As Caddy does: the peer's address replaces any X-Forwarded-For the client sent, since this
    // proxy trusts no proxy in front of it.
    headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
    headers['x-forwarded-proto'] = 'http';
    headers['x-forwarded-host'] = req.headers.host ?? '';

    const outgoing = upstreamRequest(target, { method: req.method, headers, agent }, (answer) => {
      const back = endToEnd(answer.headers);
      back['x-upstream'] = upstream.name;
      res.writeHead(answer.statusCode ?? 502, back);
      // Headers now, body chunks as they come: an event stream's first bytes may be minutes away.
      res.flushHeaders();
      answer.pipe(res);
      answer.on('error', () => res.destroy());
    });
    outgoing.on('error', (error: Error) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(502, { 'content-type': 'application/json', 'x-upstream': upstream.name });
      res.end(JSON.stringify({ statusCode: 502, error: 'BAD_GATEWAY', message: `${upstream.name}: ${error.message}` }));
    });
    // A browser that leaves (an event stream closed) releases the upstream request too.
    res.on('close', () => {
      if (!res.writableFinished) outgoing.destroy();
    });
    req.pipe(outgoing);
  };

  // noDelay: each small SSE frame leaves at once instead of waiting to be coalesced (Nagle).
  const server: Server = createServer({ noDelay: true }, forward);
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done());
  });

  return {
    base: `http://127.0.0.1:${port}`,
    sent,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      agent.destroy();
    },
  };
}
