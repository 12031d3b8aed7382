import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import type { ApiError, CommentView, DocumentVersionView, LiveEvent } from '@doorway/contracts';
import { freePort, startApi, stopProcess } from './support/app-process';
import type { ApiInstance } from './support/app-process';
import { SocketClient } from './support/http-client';
import { EventStream } from './support/sse';
import { deleteOldLiveEvents } from '../src/modules/live/live-events';

/**
 * Live updates across API instances: two real API processes on the test database, a write on
 * one and an event stream read from the other, over real sockets (light-my-request cannot do SSE).
 */
const SLUG = 'bpf-cybersecurity-2016';
const KEY = 'intro-core-finding';
const PASSWORD = 'doorway-demo-2016';
const JWT_SECRET = 'live-int-spec-secret-0123456789abcdefghij';
const DRAFT_SLUG = `live-draft-${process.pid}`;
/** The promise: every open browser hears of a change within a second. */
const WITHIN_MS = 1_000;

const isComment = (id: string) => (e: LiveEvent) => e.type === 'comment' && e.contributionId === id;

describe('live updates across API instances', () => {
  let a: ApiInstance | undefined;
  let b: ApiInstance | undefined;
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
    const start = async (name: string) =>
      startApi(name, url, await freePort(), {
        JWT_SECRET,
        // One author posts many comments here: the per-user rate limit is not what is tested.
        COMMENT_RATE_LIMIT_PER_MINUTE: '100000',
      });
    [a, b] = await Promise.all([start('A'), start('B')]);
    author = new SocketClient(a.base);
    endorser = new SocketClient(a.base);
    coordinator = new SocketClient(a.base);
    await author.signIn('gov1@doorway.test', PASSWORD);
    await coordinator.signIn('coordinator@doorway.test', PASSWORD);
    await endorser.register('academia');
  }, 120_000);

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await Promise.all([stopProcess(a?.child), stopProcess(b?.child)]);
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

  it('delivers an idempotent POST too, whose statement notifies when its transaction commits', async () => {
    const stream = await events();
    const response = await author.request<CommentView>(
      'POST',
      `/api/documents/${SLUG}/paragraphs/${KEY}/comments`,
      { body: 'Live test comment sent with an idempotency key' },
      { headers: { 'idempotency-key': randomUUID() } },
    );
    expect(response.status).toBe(201);
    created.push(response.body.id);
    const received = await stream.waitFor(isComment(response.body.id), 3_000);
    expect(received.event).toMatchObject({ type: 'comment', contributionId: response.body.id });
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

  it("starts a page's stream after what its document view already counts: nothing in between is lost or counted twice", async () => {
    const counted = await comment('Counted in the view');
    const read = await author.request<DocumentVersionView>('GET', `/api/documents/${SLUG}`);
    expect(read.status).toBe(200);
    const view = read.body;
    const last = await db.query<{ id: string }>(
      'SELECT max(id)::text AS id FROM live_events WHERE document_id = (SELECT id FROM documents WHERE slug = $1)',
      [SLUG],
    );
    // The view names the last event of its own snapshot: the comment it counts is at or before it.
    expect(view.liveCursor).toBe(last.rows[0]?.id);
    const countedEvent = await db.query<{ id: string }>("SELECT id::text FROM live_events WHERE payload->>'contributionId' = $1", [counted.id]);
    expect(BigInt(countedEvent.rows[0]?.id ?? 'x')).toBeLessThanOrEqual(BigInt(view.liveCursor ?? '0'));

    // Posted after the read, before the page's stream opens: the stream replays it, and only it.
    const between = await comment('Posted between the read and the stream');
    const stream = await events(`?since=${view.liveCursor}`);
    await stream.waitFor(isComment(between.id));
    await new Promise((done) => setTimeout(done, 300));
    const contributions = stream.events.flatMap((r) => (r.event.type === 'comment' ? [r.event.contributionId] : []));
    expect(contributions).toEqual([between.id]);
    stream.close();
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
    await editorOnB.signIn('coordinator@doorway.test', PASSWORD);
    const editor = await EventStream.open(b.base, `/api/documents/${DRAFT_SLUG}/events`, { cookie: editorOnB.cookieHeader });
    streams.push(editor);
    expect(editor.status).toBe(200);
    editor.close();
    const missing = await EventStream.open(b.base, '/api/documents/no-such-document/events');
    expect(missing.status).toBe(404);
  });

  it('deletes events older than a day from the oldest sequence numbers up, and keeps every younger one', async () => {
    const [{ id: documentId }] = (await db.query('SELECT id FROM documents WHERE slug = $1', [SLUG])).rows as { id: string }[];
    // Five events two days old, below every real sequence number (no reader asks for ids under 1).
    await db.query(
      `INSERT INTO live_events (id, document_id, type, payload, created_at) OVERRIDING SYSTEM VALUE
       SELECT -n, $1, 'comment', '{}'::jsonb, now() - interval '2 days' FROM generate_series(1, 5) AS n`,
      [documentId],
    );
    const young = (await db.query('SELECT id FROM live_events WHERE id > 0 ORDER BY id LIMIT 3')).rows as { id: string }[];
    expect(young).toHaveLength(3);

    // Batches of two: two rounds find old events only, the third reaches the young ones and stops.
    expect(await deleteOldLiveEvents(db, '24 hours', 2)).toBe(5);
    expect((await db.query('SELECT count(*)::int AS n FROM live_events WHERE id < 0')).rows).toEqual([{ n: 0 }]);
    const kept = (await db.query('SELECT id FROM live_events WHERE id = ANY($1::bigint[])', [young.map((r) => r.id)])).rows;
    expect(kept).toHaveLength(3);
    expect(await deleteOldLiveEvents(db, '24 hours')).toBe(0);
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
