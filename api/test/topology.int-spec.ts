import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import type { ApiError, CommentView, SessionResponse } from '@doorway/contracts';
import { precompressClient } from '../src/common/http/static-assets';
import { startApi, stopProcess, waitUntilOk } from './support/app-process';
import type { ApiInstance } from './support/app-process';
import { SocketClient } from './support/http-client';
import type { SocketResponse } from './support/http-client';
import { startRoundRobinProxy } from './support/proxy';
import type { RoundRobinProxy } from './support/proxy';
import { EventStream } from './support/sse';

/**
 * The production topology of docker-compose.yml without Docker: one PostgreSQL (this run's), two
 * API processes on it, and a proxy in front. First support/proxy.ts, which sends each request to
 * the next replica in turn and says which one answered in `x-upstream` (the tests assert that
 * header rather than assume the turn); then Caddy itself with deploy/Caddyfile (Debian's caddy,
 * which .ci/run installs), for what the deployment's own proxy must do: serve the client files
 * with the API's headers, and pass event streams through unbuffered.
 */
const ROOT = resolve(__dirname, '../..');
const SLUG = 'bpf-cybersecurity-2016';
const KEY = 'intro-core-finding';
const PASSWORD = 'doorway-demo-2016';
const JWT_SECRET = 'topology-int-spec-secret-0123456789abcdef';
/** This suite's ports (3620-3639 are set aside for it): the proxy, then replicas A and B. */
const PROXY_PORT = 3620;
const PORTS = { A: 3621, B: 3622 } as const;
/** Caddy with deploy/Caddyfile, when the suite runs the real proxy. */
const CADDY_PORT = 3630;
/** The promise: every open browser hears of a change within a second. */
const WITHIN_MS = 1_000;
/** The security headers helmet adds in api/src/bootstrap.ts, which deploy/Caddyfile repeats for the client files. */
const SECURITY_HEADERS = [
  'content-security-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
];

/** One API process, as live.int-spec.ts starts its two, but on a fixed port and behind the proxy. */
function startReplica(name: keyof typeof PORTS, databaseUrl: string, clientDir: string): Promise<ApiInstance> {
  return startApi(name, databaseUrl, PORTS[name], {
    JWT_SECRET,
    // As in the api image: the client, with its server renderer beside it, for the draft's page.
    CLIENT_DIR: clientDir,
    // As in docker-compose.yml: the proxy is one hop away, and cookies are marked Secure.
    TRUST_PROXY: '1',
    SECURE_COOKIES: '1',
  });
}

/** The client's shell, in a stand-in for the built client (the build comes after the integration tests). */
const SHELL = '<!doctype html><html lang="en"><head><title>Doorway</title></head><body><app-root></app-root></body></html>';
/** A hashed bundle name as Angular writes them, big enough to be precompressed. */
const BUNDLE = 'main-TOPO2345.js';
/**
 * A stand-in for dist/client/server/server.mjs with the real one's contract (renderPage): it reads
 * the draft from the API origin it is given, as Angular's renderer does, and marks its page.
 */
const STAND_IN_RENDERER = `export async function renderPage(apiOrigin, path) {
  const slug = path.split('/')[2];
  const view = await (await fetch(apiOrigin + '/api/documents/' + slug)).json();
  return new Response('<!doctype html><html lang="en"><head><title>Doorway</title></head><body><app-root data-rendered="stand-in">' + view.document.title + '</app-root></body></html>', { headers: { 'content-type': 'text/html; charset=utf-8' } });
}
`;

/** dist/client as the build lays it out: browser/ (the files Caddy serves) and server/ (the renderer). */
async function standInClient(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'doorway-topology-client-'));
  mkdirSync(join(root, 'browser'));
  mkdirSync(join(root, 'server'));
  writeFileSync(join(root, 'browser', 'index.html'), SHELL);
  writeFileSync(join(root, 'browser', BUNDLE), `console.log(${JSON.stringify('Doorway '.repeat(400))});\n`);
  writeFileSync(join(root, 'server', 'server.mjs'), STAND_IN_RENDERER);
  // Compressed by the same routine as the image's build stage.
  await precompressClient(join(root, 'browser'), new Logger('topology'));
  return root;
}

describe('two API replicas behind a round-robin proxy on one PostgreSQL', () => {
  let clientRoot = '';
  let a: ApiInstance | undefined;
  let b: ApiInstance | undefined;
  let proxy: RoundRobinProxy | undefined;
  let db: Client;
  let author: SocketClient;
  const created: string[] = [];
  const streams: EventStream[] = [];
  const latencies: number[] = [];
  const caddyLatencies: number[] = [];
  const commentsUrl = `/api/documents/${SLUG}/paragraphs/${KEY}/comments`;

  beforeAll(async () => {
    const url = process.env['TEST_DATABASE_URL'];
    if (!url) throw new Error('TEST_DATABASE_URL is not set: run through jest.integration.config.ts');
    db = new Client({ connectionString: url });
    await db.connect();
    clientRoot = await standInClient();
    const clientDir = join(clientRoot, 'browser');
    [a, b] = await Promise.all([startReplica('A', url, clientDir), startReplica('B', url, clientDir)]);
    proxy = await startRoundRobinProxy(PROXY_PORT, [
      { name: 'A', base: a.base },
      { name: 'B', base: b.base },
    ]);
    author = new SocketClient(proxy.base);
    await author.request('GET', '/api/auth/me');
    await author.signIn('gov1@doorway.test', PASSWORD);
  }, 120_000);

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await proxy?.close();
    await Promise.all([stopProcess(a?.child), stopProcess(b?.child)]);
    if (clientRoot) rmSync(clientRoot, { recursive: true, force: true });
    if (db) {
      await db.query('DELETE FROM contributions WHERE id = ANY($1::uuid[])', [created]);
      await db.end();
    }
    const ms = (list: number[]) => list.map((l) => l.toFixed(1)).join(', ');
    if (latencies.length) console.log(`topology: event delivery through the node proxy, ms after the POST was sent: ${ms(latencies)}`);
    if (caddyLatencies.length) console.log(`topology: event delivery through Caddy, ms after the POST was sent: ${ms(caddyLatencies)}`);
  }, 30_000);

  it('has both replicas ready (database reachable, migrations current), as Caddy checks them', async () => {
    for (const replica of [a, b]) {
      const ready = await fetch(`${replica?.base ?? ''}/api/ready`);
      expect(ready.status).toBe(200);
    }
    const seen = new Set<string>();
    for (let i = 0; i < 4; i += 1) seen.add((await author.request('GET', '/api/health')).upstream);
    expect([...seen].sort()).toEqual(['A', 'B']);
  });

  it("delivers a comment posted through one replica to an event stream held by the other within a second", async () => {
    for (let i = 0; i < 3; i += 1) {
      const stream = await EventStream.open(proxy?.base ?? '', `/api/documents/${SLUG}/events`, { cookie: author.cookieHeader });
      streams.push(stream);
      expect(stream.status).toBe(200);
      const sentAt = performance.now();
      const posted = await author.request<CommentView>('POST', commentsUrl, { body: `Topology test comment ${i}, posted through the proxy` });
      const respondedAt = performance.now();
      expect(posted.status).toBe(201);
      created.push(posted.body.id);
      // The write and the stream were served by different replicas: only LISTEN/NOTIFY connects them.
      expect(['A', 'B']).toContain(stream.upstream);
      expect(posted.upstream).not.toBe(stream.upstream);
      const received = await stream.waitFor((e) => e.type === 'comment' && e.contributionId === posted.body.id, 3_000);
      latencies.push(received.at - sentAt);
      expect(received.at - respondedAt).toBeLessThan(WITHIN_MS);
      stream.close();
    }
  });

  it('stores a keyed POST once when its retry reaches the other replica, and both answer alike', async () => {
    const key = randomUUID();
    const body = { body: `Topology idempotency ${key}` };
    const first = await author.request<CommentView>('POST', commentsUrl, body, { headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    created.push(first.body.id);
    const retry = await author.request<CommentView>('POST', commentsUrl, body, { headers: { 'idempotency-key': key } });
    expect(new Set([first.upstream, retry.upstream])).toEqual(new Set(['A', 'B']));
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM contributions WHERE body = $1', [body.body]);
    expect(rows[0]?.n).toBe(1);
  });

  it('keeps a session signed in on one replica valid on the other, and signs out and checks CSRF alike', async () => {
    const visitor = new SocketClient(proxy?.base ?? '');
    // The CSRF cookies come from one replica; the sign-in they protect is checked by the other.
    const armed = await visitor.request<SessionResponse>('GET', '/api/auth/me');
    expect(armed.body.user).toBeNull();
    const signIn = await visitor.request<SessionResponse>('POST', '/api/auth/sign-in', { email: 'civil1@doorway.test', password: PASSWORD });
    expect(signIn.status).toBe(200);
    expect(signIn.upstream).not.toBe(armed.upstream);
    const session = visitor.cookies.get('doorway_session');
    expect(session).toBeTruthy();

    // The session signed by one replica is read by each.
    const seenBy = new Map<string, string | undefined>();
    for (let i = 0; i < 2; i += 1) {
      const me = await visitor.request<SessionResponse>('GET', '/api/auth/me');
      expect(me.status).toBe(200);
      seenBy.set(me.upstream, me.body.user?.email);
    }
    expect(Object.fromEntries(seenBy)).toEqual({ A: 'civil1@doorway.test', B: 'civil1@doorway.test' });

    // A write without the CSRF header, then with a forged one: each replica refuses both the same way.
    const refusals: SocketResponse<ApiError>[] = [];
    for (const token of [undefined, undefined, 'forged-token', 'forged-token']) {
      const extra: Record<string, string> = token ? { 'x-xsrf-token': token } : {};
      refusals.push(await visitor.request<ApiError>('POST', commentsUrl, { body: 'Never stored' }, { headers: extra, csrf: false }));
    }
    expect(refusals.map((r) => r.upstream).sort()).toEqual(['A', 'A', 'B', 'B']);
    for (const refusal of refusals) {
      expect(refusal.status).toBe(403);
      expect(refusal.body).toEqual(refusals[0]?.body);
    }
    expect(refusals[0]?.body.error).toBe('CSRF_TOKEN_INVALID');

    // Signing out on either replica gives the same answer and clears the same cookie.
    const outs: SocketResponse<SessionResponse>[] = [];
    for (let i = 0; i < 2; i += 1) {
      visitor.cookies.set('doorway_session', session ?? '');
      outs.push(await visitor.request<SessionResponse>('POST', '/api/auth/sign-out'));
    }
    expect(outs.map((o) => o.upstream).sort()).toEqual(['A', 'B']);
    for (const out of outs) {
      expect(out.status).toBe(200);
      expect(out.body).toEqual({ user: null });
      expect(out.headers.getSetCookie().some((c) => c.startsWith('doorway_session=;'))).toBe(true);
    }
    expect(visitor.cookies.has('doorway_session')).toBe(false);
    for (let i = 0; i < 2; i += 1) expect((await visitor.request<SessionResponse>('GET', '/api/auth/me')).body.user).toBeNull();
  });

  describe('the real deploy/Caddyfile in front of the same replicas', () => {
    let caddy: ChildProcess | undefined;
    let caddyBase = '';
    let caddyHome = '';
    const caddyOutput: string[] = [];

    beforeAll(async () => {
      if (!a || !b) throw new Error('the replicas are not running');
      caddyHome = mkdtempSync(join(tmpdir(), 'doorway-topology-caddy-'));
      const home = caddyHome;
      caddyBase = `http://127.0.0.1:${CADDY_PORT}`;
      caddy = spawn('caddy', ['run', '--adapter', 'caddyfile', '--config', resolve(ROOT, 'deploy/Caddyfile')], {
        env: {
          PATH: process.env['PATH'],
          HOME: home,
          XDG_DATA_HOME: join(home, 'data'),
          XDG_CONFIG_HOME: join(home, 'config'),
          DOORWAY_SITE: caddyBase,
          DOORWAY_API_UPSTREAMS: `127.0.0.1:${PORTS.A} 127.0.0.1:${PORTS.B}`,
          // The proxy image's copy of the client: the same build the replicas have.
          DOORWAY_CLIENT_ROOT: join(clientRoot, 'browser'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const started = new Promise<void>((done, fail) => {
        caddy?.once('error', (error: NodeJS.ErrnoException) =>
          fail(error.code === 'ENOENT' ? new Error('caddy is not installed: apt-get install caddy (.ci/run installs it)') : error),
        );
        caddy?.once('spawn', () => done());
      });
      caddy.stdout?.on('data', (chunk: Buffer) => caddyOutput.push(chunk.toString()));
      caddy.stderr?.on('data', (chunk: Buffer) => caddyOutput.push(chunk.toString()));
      await started;
      await waitUntilOk(`${caddyBase}/api/health`, caddy, () => `caddy:\n${caddyOutput.join('')}`, 20_000);
    }, 30_000);

    afterAll(async () => {
      // deploy/Caddyfile's grace_period is 5 s; past 10 s, something is stuck.
      await stopProcess(caddy, 10_000);
      if (caddyHome) rmSync(caddyHome, { recursive: true, force: true });
    }, 20_000);

    it('serves the client files with the API security headers, the cache rules and precompression', async () => {
      const health = await fetch(`${caddyBase}/api/health`);
      expect(health.status).toBe(200);
      const page = await fetch(`${caddyBase}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toBe(SHELL);
      expect(page.headers.get('cache-control')).toBe('no-cache');
      // A route of the client that is no file gets the page, as from the API.
      const route = await fetch(`${caddyBase}/documents/${SLUG}/versions`);
      expect([route.status, await route.text()]).toEqual([200, SHELL]);
      for (const name of SECURITY_HEADERS) {
        const fromApi = health.headers.get(name);
        expect([name, fromApi === null ? 'missing from the API' : 'sent by the API']).toEqual([name, 'sent by the API']);
        // A policy's directives may come in any order.
        const normal = (value: string | null) =>
          name === 'content-security-policy' ? (value ?? '').split(';').map((d) => d.trim()).sort().join(';') : value;
        expect([name, normal(page.headers.get(name))]).toEqual([name, normal(fromApi)]);
      }
      const asset = await fetch(`${caddyBase}/${BUNDLE}`, { headers: { 'accept-encoding': 'br' } });
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-encoding')).toBe('br');
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(await asset.text()).toContain('Doorway Doorway');
    });

    it("sends a draft's page to the replicas: rendered on the server without a session, the shell with one", async () => {
      const anonymous = await fetch(`${caddyBase}/documents/${SLUG}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(anonymous.status).toBe(200);
      const rendered = await anonymous.text();
      expect(rendered).toContain('data-rendered="stand-in"');
      expect(rendered).toContain('Creating spaces for multistakeholder dialogue in cybersecurity processes');
      // The API's own policy, which Caddy's file routes repeat.
      expect(anonymous.headers.get('content-security-policy')).toContain("script-src 'self'");
      // Signed in, what the page shows depends on who is reading: the shell, from the replica.
      const signedIn = await fetch(`${caddyBase}/documents/${SLUG}`, { headers: { cookie: 'doorway_session=any' } });
      expect([signedIn.status, await signedIn.text()]).toEqual([200, SHELL]);
    });

    it('passes the API through and its events unbuffered: a comment reaches the stream within a second', async () => {
      const viaCaddy = new SocketClient(caddyBase);
      await viaCaddy.request('GET', '/api/auth/me');
      expect((await viaCaddy.request('POST', '/api/auth/sign-in', { email: 'gov2@doorway.test', password: PASSWORD })).status).toBe(200);
      for (let i = 0; i < 3; i += 1) {
        const stream = await EventStream.open(caddyBase, `/api/documents/${SLUG}/events`, { cookie: viaCaddy.cookieHeader });
        streams.push(stream);
        expect(stream.status).toBe(200);
        const sentAt = performance.now();
        const posted = await viaCaddy.request<CommentView>('POST', commentsUrl, { body: `Topology test comment ${i}, posted through Caddy` });
        const respondedAt = performance.now();
        expect(posted.status).toBe(201);
        created.push(posted.body.id);
        const received = await stream.waitFor((e) => e.type === 'comment' && e.contributionId === posted.body.id, 3_000);
        caddyLatencies.push(received.at - sentAt);
        expect(received.at - respondedAt).toBeLessThan(WITHIN_MS);
        stream.close();
      }
    });

    it("keeps the API's ETag revalidation working through the compressing proxy", async () => {
      const url = `${caddyBase}/api/documents/${SLUG}`;
      const first = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
      expect(first.status).toBe(200);
      expect(first.headers.get('content-encoding')).toBe('gzip');
      const etag = first.headers.get('etag');
      expect(etag).toBeTruthy();
      await first.arrayBuffer();
      // Twice, so that each replica is asked once.
      for (let i = 0; i < 2; i += 1) {
        const again = await fetch(url, { headers: { 'accept-encoding': 'gzip', 'if-none-match': etag ?? '' } });
        expect(again.status).toBe(304);
      }
    });

    // Last, since it stops a replica: Caddy retries a failed connection on the other replica, so a
    // replica's restart does not reach the browser.
    it('keeps answering when one replica stops', async () => {
      await stopProcess(b?.child);
      const viaCaddy = new SocketClient(caddyBase);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) statuses.push((await viaCaddy.request('GET', '/api/auth/me')).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
      const signIn = await viaCaddy.request('POST', '/api/auth/sign-in', { email: 'gov3@doorway.test', password: PASSWORD });
      expect(signIn.status).toBe(200);
    });
  });
});
