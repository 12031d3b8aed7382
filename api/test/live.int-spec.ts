import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import type { ApiError, CommentView, DocumentVersionView, LiveEvent } from '@doorway/contracts';

/**
 * Live updates across API instances: two real API processes on the test database, a write on
 * one and an event stream read from the other, over real sockets (light-my-request cannot do SSE).
 */
const ROOT = resolve(__dirname, '../..');
const SLUG = 'bpf-cybersecurity-2016';
const KEY = 'intro-core-finding';
const PASSWORD = 'doorway-demo-2016';
const JWT_SECRET = 'live-int-spec-secret-0123456789abcdefghij';
const DRAFT_SLUG = `live-draft-${process.pid}`;
/** The promise: every open browser hears of a change within a second. */
const WITHIN_MS = 1_000;

interface Instance {
  name: string;
  base: string;
  child: ChildProcess;
  output: string[];
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

async function startInstance(name: string, databaseUrl: string): Promise<Instance> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'api/src/main.ts'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        TS_NODE_PROJECT: 'api/tsconfig.spec.json',
        DATABASE_URL: databaseUrl,
        NODE_ENV: 'test',
        JWT_SECRET,
        PORT: String(port),
        HOST: '127.0.0.1',
        CLIENT_DIR: '',
        LOG_LEVEL: 'warn',
        SEED_DEMO: '0',
        // One author posts many comments here: the per-user rate limit is not what is tested.
        COMMENT_RATE_LIMIT_PER_MINUTE: '100000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const instance = { name, base: `http://127.0.0.1:${port}`, child, output };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`API ${name} exited with ${child.exitCode}:\n${output.join('')}`);
    try {
      const response = await fetch(`${instance.base}/api/health`);
      if (response.ok) return instance;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`API ${name} did not become healthy:\n${output.join('')}`);
}

async function stopInstance(instance: Instance | undefined): Promise<void> {
  if (!instance || instance.child.exitCode !== null) return;
  const exited = new Promise<void>((done) => instance.child.once('exit', () => done()));
  instance.child.kill('SIGTERM');
  const timer = setTimeout(() => instance.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

interface Reply<T> {
  status: number;
  body: T;
}

/** A browser-like client over a real socket: keeps cookies and echoes the CSRF token, as http-client.ts does. */
class SocketClient {
  private readonly cookies = new Map<string, string>();

  constructor(readonly base: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request<T = unknown>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, payload?: unknown): Promise<Reply<T>> {
    if (method !== 'GET' && !this.cookies.has('XSRF-TOKEN')) await this.request('GET', '/api/auth/me');
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers['cookie'] = this.cookieHeader;
    const csrf = this.cookies.get('XSRF-TOKEN');
    if (method !== 'GET' && csrf) headers['x-xsrf-token'] = csrf;
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = cookie.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = text;
    }
    return { status: response.status, body: body as T };
  }

  async signIn(email: string): Promise<void> {
    const response = await this.request('POST', '/api/auth/sign-in', { email, password: PASSWORD });
    if (response.status !== 200) throw new Error(`sign-in of ${email} failed: ${response.status}`);
  }

  async register(): Promise<void> {
    const response = await this.request('POST', '/api/auth/register', {
      email: `live.${process.pid}.${Date.now()}@test.doorway`,
      password: 'correct horse battery',
      displayName: 'Live Tester',
      organisation: 'Test org',
      country: 'MX',
      stakeholderGroup: 'academia',
    });
    if (response.status !== 201) throw new Error(`register failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
}

interface Received {
  /** The SSE fields, and the event as parsed from `data`. */
  id: string;
  type: string;
  event: LiveEvent;
  at: number;
}

/** An open event stream, read as it arrives. */
class EventStream {
  readonly events: Received[] = [];
  readonly comments: string[] = [];
  private readonly waiters = new Set<() => void>();
  private ended = false;

  private constructor(
    readonly status: number,
    readonly contentType: string,
    private readonly abort: AbortController,
  ) {}

  static async open(base: string, path: string, headers: Record<string, string> = {}): Promise<EventStream> {
    const abort = new AbortController();
    const response = await fetch(`${base}${path}`, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
    const stream = new EventStream(response.status, response.headers.get('content-type') ?? '', abort);
    if (!response.ok || !response.body) {
      stream.body = await response.text();
      stream.ended = true;
      return stream;
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            stream.frame(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf('\n\n');
          }
        }
      } catch {
        // Closed by the test.
      } finally {
        stream.ended = true;
        stream.wake();
      }
    })();
    return stream;
  }

  body = '';

  get isEnded(): boolean {
    return this.ended;
  }

  private frame(text: string): void {
    let id = '';
    let type = 'message';
    const data: string[] = [];
    for (const line of text.split('\n')) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
      else if (line.startsWith('id: ')) id = line.slice(4);
      else if (line.startsWith('event: ')) type = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length) this.events.push({ id, type, event: JSON.parse(data.join('\n')) as LiveEvent, at: performance.now() });
    this.wake();
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** The first received event that matches, waiting for it up to `timeoutMs`. */
  async waitFor(match: (event: LiveEvent) => boolean, timeoutMs = 5_000): Promise<Received> {
    const found = (): Received | undefined => this.events.find((r) => match(r.event));
    const now = found();
    if (now) return now;
    return new Promise((done, fail) => {
      const waiter = (): void => {
        const hit = found();
        if (hit || this.ended) {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          if (hit) done(hit);
          else fail(new Error('the stream ended before the event came'));
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        fail(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(this.events.map((r) => r.event))}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  close(): void {
    this.abort.abort();
  }
}

const isComment = (id: string) => (e: LiveEvent) => e.type === 'comment' && e.contributionId === id;

describe('live updates across API instances', () => {
  let a: Instance | undefined;
  let b: Instance | undefined;
  let db: Client;
  let author: SocketClient;
  let endorser: SocketClient;
  let coordinator: SocketClient;
  const created: string[] = [];
  const streams: EventStream[] = [];
  const latencies: number[] = [];
  const events = (path = '', headers: Record<string, string> = {}) => {
    if (!b) throw new Error('instance B is not running');
    return EventStream.open(b.base, `/api/documents/${SLUG}/events${path}`, headers).then((s) => {
      streams.push(s);
      return s;
    });
  };
  const comment = async (body: string): Promise<{ id: string; respondedAt: number; sentAt: number }> => {
    const sentAt = performance.now();
    const response = await author.request<CommentView>('POST', `/api/documents/${SLUG}/paragraphs/${KEY}/comments`, { body });
    const respondedAt = performance.now();
    expect(response.status).toBe(201);
    created.push(response.body.id);
    return { id: response.body.id, respondedAt, sentAt };
  };

  beforeAll(async () => {
    const url = process.env['TEST_DATABASE_URL'];
    if (!url) throw new Error('TEST_DATABASE_URL is not set: run through jest.integration.config.ts');
    db = new Client({ connectionString: url });
    await db.connect();
    [a, b] = await Promise.all([startInstance('A', url), startInstance('B', url)]);
    author = new SocketClient(a.base);
    endorser = new SocketClient(a.base);
    coordinator = new SocketClient(a.base);
    await author.signIn('gov1@doorway.test');
    await coordinator.signIn('coordinator@doorway.test');
    await endorser.register();
  }, 120_000);

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await Promise.all([stopInstance(a), stopInstance(b)]);
    if (db) {
      // Replies first: a comment with replies cannot go before them.
      await db.query('DELETE FROM contributions WHERE parent_id = ANY($1::uuid[])', [created]);
      await db.query('DELETE FROM contributions WHERE id = ANY($1::uuid[])', [created]);
      await db.query('DELETE FROM documents WHERE slug = $1', [DRAFT_SLUG]);
      await db.query('DELETE FROM forums WHERE slug = $1', [`${DRAFT_SLUG}-forum`]);
      await db.end();
    }
    if (latencies.length) {
      console.log(`live delivery A -> B, ms after the POST's response: ${latencies.map((l) => l.toFixed(1)).join(', ')}`);
    }
  }, 30_000);

  it("delivers a comment posted on A to B's stream within a second of the response", async () => {
    const stream = await events();
    expect(stream.status).toBe(200);
    expect(stream.contentType).toContain('text/event-stream');
    for (let i = 0; i < 3; i += 1) {
      const posted = await comment(`Live test comment ${i} from instance A`);
      const received = await stream.waitFor(isComment(posted.id), 3_000);
      const latency = received.at - posted.respondedAt;
      latencies.push(latency);
      expect(latency).toBeLessThan(WITHIN_MS);
      expect(received.type).toBe('comment');
      expect(received.id).toBe(received.event.id);
      expect(received.event).toMatchObject({
        type: 'comment',
        documentSlug: SLUG,
        contributionId: posted.id,
        parentId: null,
        kind: 'comment',
        stakeholderGroup: 'government',
      });
      if (received.event.type === 'comment') expect(received.event.paragraphKeys[0]).toBe(KEY);
      expect(Number.isNaN(Date.parse(received.event.at))).toBe(false);
    }
    const ids = stream.events.map((r) => BigInt(r.id));
    expect(ids).toEqual([...ids].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
    stream.close();
  });

  it('announces replies and endorsements with the paragraphs and the new total', async () => {
    const stream = await events();
    const root = await comment('A comment to reply to and endorse');
    const reply = await author.request<CommentView>('POST', `/api/comments/${root.id}/replies`, { body: 'A reply, live' });
    expect(reply.status).toBe(201);
    created.push(reply.body.id);
    const replied = await stream.waitFor(isComment(reply.body.id));
    expect(replied.event).toMatchObject({ kind: 'reply', parentId: root.id, paragraphKeys: [KEY] });

    const endorsedAt = performance.now();
    expect((await endorser.request('POST', `/api/comments/${root.id}/endorsements`)).status).toBe(200);
    const respondedAt = performance.now();
    const endorsed = await stream.waitFor((e) => e.type === 'endorsement' && e.contributionId === root.id && e.total === 1);
    expect(endorsed.at - respondedAt).toBeLessThan(WITHIN_MS);
    expect(endorsed.at).toBeGreaterThan(endorsedAt);
    expect(endorsed.event).toMatchObject({ paragraphKeys: [KEY], total: 1 });

    expect((await endorser.request('DELETE', `/api/comments/${root.id}/endorsements`)).status).toBe(200);
    await stream.waitFor((e) => e.type === 'endorsement' && e.contributionId === root.id && e.total === 0);
    stream.close();
  });

  it('replays what a reconnecting client missed, in order and without duplicates, then goes on live', async () => {
    const first = await events();
    const before = await comment('Seen before the drop');
    const seen = await first.waitFor(isComment(before.id));
    first.close();

    const missed = [await comment('Missed 1'), await comment('Missed 2'), await comment('Missed 3')];
    const again = await events('', { 'last-event-id': seen.id });
    for (const m of missed) await again.waitFor(isComment(m.id));
    const after = await comment('After the reconnect');
    await again.waitFor(isComment(after.id));
    // Give a duplicate a moment to show up, if there were going to be one.
    await new Promise((done) => setTimeout(done, 300));

    const ids = again.events.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => BigInt(id) > BigInt(seen.id))).toBe(true);
    const sorted = [...ids].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1));
    expect(ids).toEqual(sorted);
    const contributions = again.events.flatMap((r) => (r.event.type === 'comment' ? [r.event.contributionId] : []));
    expect(contributions).toEqual([...missed.map((m) => m.id), after.id]);

    // ?since= does the same for clients that cannot set the header.
    const viaQuery = await events(`?since=${seen.id}`);
    await viaQuery.waitFor(isComment(after.id));
    expect(viaQuery.events.map((r) => r.id)).toEqual(ids);
    again.close();
    viaQuery.close();
  });

  it('announces dispositions, and nothing for a write that is refused or rolled back', async () => {
    const stream = await events();
    const one = await comment('To be triaged');
    const two = await comment('To be triaged as well');
    await stream.waitFor(isComment(two.id));

    const set = await coordinator.request('PATCH', `/api/contributions/${one.id}/disposition`, { disposition: 'noted' });
    expect(set.status).toBe(200);
    const triaged = await stream.waitFor((e) => e.type === 'disposition' && e.contributionId === one.id);
    expect(triaged.event).toMatchObject({ disposition: 'noted', caseStudyId: null, paragraphKeys: [KEY] });
    const count = stream.events.length;

    // Refused by validation: never written.
    const refused = await author.request<ApiError>('POST', `/api/documents/${SLUG}/paragraphs/${KEY}/comments`, { body: '' });
    expect(refused.status).toBe(400);
    // Rolled back: the first item's disposition (and its event) is written, then the second fails.
    const bulk = await coordinator.request<ApiError>('POST', `/api/documents/${SLUG}/triage/bulk`, {
      ids: [two.id, one.id],
      disposition: 'duplicate',
      duplicateOf: one.id,
    });
    expect(bulk.status).toBeGreaterThanOrEqual(400);
    const [row]: { disposition: string }[] = (await db.query('SELECT disposition FROM contributions WHERE id = $1', [two.id])).rows;
    expect(row?.disposition).toBe('pending');

    const marker = await comment('After the refused and rolled-back writes');
    await stream.waitFor(isComment(marker.id));
    await new Promise((done) => setTimeout(done, 300));
    const since = stream.events.slice(count).map((r) => r.event);
    expect(since).toEqual([expect.objectContaining({ type: 'comment', contributionId: marker.id })]);
    stream.close();
  });

  it("announces the coordinator's phase changes", async () => {
    const stream = await events();
    const current = await coordinator.request<DocumentVersionView>('GET', `/api/documents/${SLUG}`);
    expect(current.status).toBe(200);
    const { phase, commentDeadline } = current.body.document;
    try {
      const closedAt = performance.now();
      expect((await coordinator.request('PATCH', `/api/documents/${SLUG}/phase`, { phase: 'closed' })).status).toBe(200);
      const respondedAt = performance.now();
      const closed = await stream.waitFor((e) => e.type === 'phase' && e.phase === 'closed');
      expect(closed.at - respondedAt).toBeLessThan(WITHIN_MS);
      expect(closed.at).toBeGreaterThan(closedAt);
      expect(closed.event).toMatchObject({ documentSlug: SLUG, commentDeadline });
    } finally {
      expect((await coordinator.request('PATCH', `/api/documents/${SLUG}/phase`, { phase, commentDeadline })).status).toBe(200);
    }
    await stream.waitFor((e) => e.type === 'phase' && e.phase === phase);
    stream.close();
  });

  it("loses nothing when B's LISTEN connection drops: it reconnects and reads what it missed", async () => {
    const stream = await events();
    const warm = await comment('Before the connection drops');
    await stream.waitFor(isComment(warm.id));
    const pid = b?.child.pid;
    const { rows } = await db.query<{ terminated: boolean }>(
      'SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE application_name = $1',
      [`doorway-live-${pid}`],
    );
    expect(rows.map((r) => r.terminated)).toEqual([true]);
    // Written while B is not listening: B must find it when it is back.
    const during = await comment('While B is reconnecting');
    await stream.waitFor(isComment(during.id), 10_000);
    const later = await comment('After B is back');
    await stream.waitFor(isComment(later.id));
    const ids = stream.events.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(b?.output.join('')).toContain('LISTEN connection lost');
    stream.close();
  });

  it('hides the events of a draft-phase document from anonymous readers, as the document itself', async () => {
    const [forum]: { id: string }[] = (
      await db.query(`INSERT INTO forums (slug, name, year) VALUES ($1, 'Live draft forum', 2016) RETURNING id`, [`${DRAFT_SLUG}-forum`])
    ).rows;
    await db.query(`INSERT INTO documents (forum_id, slug, title, phase) VALUES ($1, $2, 'Not yet public', 'draft')`, [forum?.id, DRAFT_SLUG]);
    if (!b) throw new Error('instance B is not running');
    const anonymous = await EventStream.open(b.base, `/api/documents/${DRAFT_SLUG}/events`);
    expect(anonymous.status).toBe(404);
    expect(anonymous.contentType).toContain('application/json');
    const editorOnB = new SocketClient(b.base);
    await editorOnB.signIn('coordinator@doorway.test');
    const editor = await EventStream.open(b.base, `/api/documents/${DRAFT_SLUG}/events`, { cookie: editorOnB.cookieHeader });
    streams.push(editor);
    expect(editor.status).toBe(200);
    editor.close();
    const missing = await EventStream.open(b.base, '/api/documents/no-such-document/events');
    expect(missing.status).toBe(404);
  });

  it('refuses a since or Last-Event-ID that is not a positive integer, naming the field', async () => {
    if (!b) throw new Error('instance B is not running');
    const query = await EventStream.open(b.base, `/api/documents/${SLUG}/events?since=abc`);
    expect(query.status).toBe(400);
    const queryError = JSON.parse(query.body) as ApiError;
    expect(queryError.details?.map((d) => d.field)).toEqual(['since']);
    const header = await EventStream.open(b.base, `/api/documents/${SLUG}/events`, { 'last-event-id': '-3' });
    expect(header.status).toBe(400);
    const headerError = JSON.parse(header.body) as ApiError;
    expect(headerError.details?.map((d) => d.field)).toEqual(['Last-Event-ID']);
  });
});
