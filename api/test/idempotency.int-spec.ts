import { createHash, randomUUID } from 'node:crypto';
import type { ApiError, CaseStudyView, CommentView, DocumentVersionView, DraftView, ParagraphView } from '@doorway/contracts';
import { canonicalJson } from '../src/common/idempotency/idempotency.interceptor';
import { IdempotencyStore } from '../src/common/idempotency/idempotency.store';
import { copySeededDocument } from './support/document-copy';
import { HttpClient } from './support/http-client';
import type { Response } from './support/http-client';
import { startTestApp } from './support/test-app';
import type { TestApp } from './support/test-app';

const SLUG = 'bpf-cybersecurity-2016';
/** Our own copy of the seeded document (keys prefixed `i-`), so that publishing leaves the seeded one at version 1. */
const COPY = `idempotency-test-${process.pid}`;
const PASSWORD = 'doorway-demo-2016';

type Method = 'POST';

describe('idempotency keys on the POSTs that create contributions', () => {
  let t: TestApp;
  let alice: HttpClient;
  let aliceId: string;
  let bob: HttpClient;
  let bobId: string;
  let editor: HttpClient;
  let paragraphs: ParagraphView[];
  let copyId: string;

  const commentsUrl = (n: number, kind: 'comments' | 'suggestions' = 'comments') =>
    `/api/documents/${SLUG}/paragraphs/${paragraphs[n - 1]?.key ?? ''}/${kind}`;
  const send = <T>(client: HttpClient, url: string, body: unknown, key?: string, headers: Record<string, string> = {}) =>
    client.request<T>('POST' as Method, url, body, { headers: key === undefined ? headers : { ...headers, 'idempotency-key': key } });
  const count = async (sql: string, params: unknown[]): Promise<number> =>
    ((await t.db.query(sql, params)) as { n: number }[])[0]?.n ?? -1;
  const contributionsBy = (userId: string) => count('SELECT count(*)::int AS n FROM contributions WHERE author_id = $1', [userId]);
  const hashOf = (body: unknown) => createHash('sha256').update(canonicalJson(body)).digest('hex');

  /** Sends twice with one key: the retry answers exactly as the first, and `rows` does not change. */
  const expectReplayed = async <T>(first: Response<T>, retry: () => Promise<Response<T>>, rows: () => Promise<number>, status: number) => {
    expect(first.status).toBe(status);
    const before = await rows();
    const second = await retry();
    expect(second.status).toBe(first.status);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await rows()).toBe(before);
  };

  beforeAll(async () => {
    t = await startTestApp();
    alice = new HttpClient(t.app);
    bob = new HttpClient(t.app);
    editor = new HttpClient(t.app);
    aliceId = (await alice.register('civil_society')).id;
    bobId = (await bob.register('government')).id;
    expect((await editor.signIn('editor1@doorway.test', PASSWORD)).status).toBe(200);
    const doc = await new HttpClient(t.app).get<DocumentVersionView>(`/api/documents/${SLUG}`);
    paragraphs = doc.body.sections.flatMap((s) => s.paragraphs);

    // Publishing is tested on a private copy, so the other suites keep their version 1.
    copyId = (await copySeededDocument(t.db, COPY, 'i-')).documentId;
  });
  afterAll(() => t.close());

  it('replays a comment: same status and body, no second comment, and the key records the response', async () => {
    const key = randomUUID();
    const body = { body: 'Travel costs keep civil society out of the room.' };
    const first = await send<CommentView>(alice, commentsUrl(3), body, key);
    await expectReplayed(first, () => send<CommentView>(alice, commentsUrl(3), body, key), () => contributionsBy(aliceId), 201);
    const [row]: { status_code: number; done: boolean; response: CommentView }[] = await t.db.query(
      `SELECT status_code, completed_at IS NOT NULL AS done, response FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [aliceId, key],
    );
    expect(row).toMatchObject({ status_code: 201, done: true, response: { id: first.body.id } });
  });

  it('replays a reply and a suggestion', async () => {
    const parent = await send<CommentView>(alice, commentsUrl(4), { body: 'A comment to reply to.' });
    expect(parent.status).toBe(201);
    const replyKey = randomUUID();
    const reply = { body: 'I agree, and would add visas.' };
    const replyUrl = `/api/comments/${parent.body.id}/replies`;
    const first = await send<CommentView>(bob, replyUrl, reply, replyKey);
    await expectReplayed(first, () => send<CommentView>(bob, replyUrl, reply, replyKey), () => contributionsBy(bobId), 201);

    const suggestionKey = randomUUID();
    const suggestion = { body: 'Name the costs.', proposedText: 'Travel and visa costs keep civil society out of the room.' };
    const suggested = await send<CommentView>(bob, commentsUrl(4, 'suggestions'), suggestion, suggestionKey);
    await expectReplayed(
      suggested,
      () => send<CommentView>(bob, commentsUrl(4, 'suggestions'), suggestion, suggestionKey),
      () => contributionsBy(bobId),
      201,
    );
  });

  it('replays an endorsement instead of answering "already endorsed"', async () => {
    const target = await send<CommentView>(alice, commentsUrl(5), { body: 'Worth endorsing.' });
    const url = `/api/comments/${target.body.id}/endorsements`;
    const endorsements = () => count('SELECT count(*)::int AS n FROM endorsements WHERE contribution_id = $1', [target.body.id]);
    const key = randomUUID();
    const first = await send<CommentView>(bob, url, undefined, key);
    await expectReplayed(first, () => send<CommentView>(bob, url, undefined, key), endorsements, 200);
    expect(await endorsements()).toBe(1);
    // A new key is a new request: the second endorsement is refused as before.
    expect((await send<ApiError>(bob, url, undefined, randomUUID())).body.error).toBe('ALREADY_ENDORSED');
  });

  it('replays the creation of a case study', async () => {
    const key = randomUUID();
    const url = `/api/documents/${SLUG}/case-studies`;
    const body = { title: 'Briefings that opened the CERT' };
    const caseStudies = () => count('SELECT count(*)::int AS n FROM case_studies WHERE author_id = $1', [aliceId]);
    const first = await send<CaseStudyView>(alice, url, body, key);
    await expectReplayed(first, () => send<CaseStudyView>(alice, url, body, key), caseStudies, 201);
  });

  it('replays a publication instead of answering 412 to the retry', async () => {
    const draft = await editor.get<DraftView>(`/api/documents/${COPY}/draft`);
    expect(draft.status).toBe(200);
    const url = `/api/documents/${COPY}/draft/publish`;
    const ifMatch = { 'if-match': `"${draft.body.lockVersion}"` };
    const versions = () => count('SELECT count(*)::int AS n FROM document_versions WHERE document_id = $1', [copyId]);
    const key = randomUUID();
    const body = { label: 'Second draft' };
    const first = await send<DocumentVersionView>(editor, url, body, key, ifMatch);
    await expectReplayed(first, () => send<DocumentVersionView>(editor, url, body, key, ifMatch), versions, 200);
    expect(first.body.version.number).toBe(2);
    // Without the key, the same request is refused: the draft it read is gone.
    expect((await send<ApiError>(editor, url, body, undefined, ifMatch)).status).toBe(412);
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED to the same key with another body, creating nothing', async () => {
    const key = randomUUID();
    expect((await send(alice, commentsUrl(6), { body: 'First version of my comment.' }, key)).status).toBe(201);
    const before = await contributionsBy(aliceId);
    const reused = await send<ApiError>(alice, commentsUrl(6), { body: 'Another comment entirely.' }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.error).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(reused.body.message).toContain('Idempotency-Key');
    // Another path with the same key is another request too.
    expect((await send<ApiError>(alice, commentsUrl(7), { body: 'First version of my comment.' }, key)).status).toBe(422);
    expect(await contributionsBy(aliceId)).toBe(before);
  });

  it('answers 400 naming the header to a key that is not a UUID, creating nothing', async () => {
    const before = await contributionsBy(aliceId);
    for (const key of ['not-a-uuid', '12345', '']) {
      const response = await send<ApiError>(alice, commentsUrl(6), { body: 'A comment.' }, key);
      expect(response.status).toBe(400);
      expect(response.body.message).toContain('Idempotency-Key');
    }
    expect(await contributionsBy(aliceId)).toBe(before);
  });

  it('keeps keys per user: another user with the same key creates their own comment', async () => {
    const key = randomUUID();
    const body = { body: 'The same words, from two people.' };
    const mine = await send<CommentView>(alice, commentsUrl(8), body, key);
    const before = await contributionsBy(bobId);
    const theirs = await send<CommentView>(bob, commentsUrl(8), body, key);
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(await contributionsBy(bobId)).toBe(before + 1);
  });

  it('works as before without the header: two posts, two comments', async () => {
    const before = await contributionsBy(aliceId);
    const body = { body: 'Posted twice on purpose.' };
    const first = await send<CommentView>(alice, commentsUrl(9), body);
    const second = await send<CommentView>(alice, commentsUrl(9), body);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).not.toBe(first.body.id);
    expect(await contributionsBy(aliceId)).toBe(before + 2);
  });

  it('creates exactly one comment for 20 concurrent requests with one key; the others replay it or answer 409', async () => {
    const client = new HttpClient(t.app);
    const user = await client.register('academia');
    const key = randomUUID();
    const body = { body: 'Sent on a flaky connection.' };
    const responses = await Promise.all(Array.from({ length: 20 }, () => send<CommentView & ApiError>(client, commentsUrl(10), body, key)));
    expect(await contributionsBy(user.id)).toBe(1);
    const created = responses.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    for (const r of responses.filter((r) => r.status !== 201)) {
      expect([r.status, r.body.error]).toEqual([409, 'IDEMPOTENCY_KEY_IN_FLIGHT']);
    }
    // Once the first is done, a retry replays it.
    const retry = await send<CommentView>(client, commentsUrl(10), body, key);
    expect([retry.status, retry.body.id]).toEqual([201, created[0]?.body.id]);
  });

  it('answers 409 while the first request is running, and takes over a claim whose request died', async () => {
    const body = { body: 'Claimed by a request that is still running, then by one that died.' };
    const url = commentsUrl(11);
    const key = randomUUID();
    await t.db.query(`INSERT INTO idempotency_keys (user_id, key, method, path, request_hash) VALUES ($1, $2, 'POST', $3, $4)`, [
      aliceId,
      key,
      url,
      hashOf(body),
    ]);
    const before = await contributionsBy(aliceId);
    const running = await send<ApiError>(alice, url, body, key);
    expect([running.status, running.body.error]).toEqual([409, 'IDEMPOTENCY_KEY_IN_FLIGHT']);
    expect(await contributionsBy(aliceId)).toBe(before);

    await t.db.query(`UPDATE idempotency_keys SET created_at = now() - interval '10 minutes' WHERE user_id = $1 AND key = $2`, [aliceId, key]);
    const retaken = await send<CommentView>(alice, url, body, key);
    expect(retaken.status).toBe(201);
    expect(await contributionsBy(aliceId)).toBe(before + 1);
    await expectReplayed(retaken, () => send<CommentView>(alice, url, body, key), () => contributionsBy(aliceId), 201);
  });

  it('answers a retry after a stale claim with the stored 2xx when the first attempt committed', async () => {
    // What a process killed just after its commit leaves behind: the key row, old, with its response.
    const body = { body: 'Saved, then the process died before answering.' };
    const url = commentsUrl(12);
    const key = randomUUID();
    const stored = { id: randomUUID(), body: body.body };
    await t.db.query(
      `INSERT INTO idempotency_keys (user_id, key, method, path, request_hash, created_at, completed_at, status_code, response)
       VALUES ($1, $2, 'POST', $3, $4, now() - interval '10 minutes', now() - interval '10 minutes', 201, $5::jsonb)`,
      [aliceId, key, url, hashOf(body), JSON.stringify(stored)],
    );
    const before = await contributionsBy(aliceId);
    const response = await send<{ id: string; body: string }>(alice, url, body, key);
    expect([response.status, response.body, response.headers['idempotent-replayed']]).toEqual([201, stored, 'true']);
    expect(await contributionsBy(aliceId)).toBe(before);
  });

  it('releases the key when the request fails without saving, so that a corrected retry runs', async () => {
    const key = randomUUID();
    const url = commentsUrl(13);
    const invalid = await send<ApiError>(alice, url, { body: '' }, key);
    expect(invalid.status).toBe(400);
    expect(await count('SELECT count(*)::int AS n FROM idempotency_keys WHERE user_id = $1 AND key = $2', [aliceId, key])).toBe(0);
    expect((await send(alice, url, { body: 'Now with words.' }, key)).status).toBe(201);
  });

  it('saves the write and its response in one transaction, and rolls both back if the claim was taken over; what waits for the commit runs only after one', async () => {
    const store = t.app.get(IdempotencyStore);
    const claimFor = async () => {
      const outcome = await store.claim({ userId: aliceId, key: randomUUID(), method: 'POST', path: '/test', requestHash: hashOf(null) });
      if (outcome.kind !== 'claimed') throw new Error('not claimed');
      return outcome.claim;
    };
    const forum = `${COPY}-marker-${randomUUID()}`;
    const forums = (slug: string) => count('SELECT count(*)::int AS n FROM forums WHERE slug = $1', [slug]);
    const responseOf = async (key: string) =>
      ((await t.db.query(`SELECT status_code FROM idempotency_keys WHERE user_id = $1 AND key = $2`, [aliceId, key])) as { status_code: number | null }[])[0]
        ?.status_code;
    // A connection of its own, opened outside the request, sees only what is committed.
    const outside = t.db.createQueryRunner();
    await outside.connect();
    const seenOutside = async (slug: string) =>
      ((await outside.query('SELECT count(*)::int AS n FROM forums WHERE slug = $1', [slug])) as { n: number }[])[0]?.n;
    try {
      const claim = await claimFor();
      let duringRun: number | undefined;
      // What waits for the commit (a comment's live notice) runs after it, once, and never on a rollback.
      const afterCommit: string[] = [];
      const result = await store.execute(
        claim,
        async () => {
          // Both the service's own transaction and a plain query afterwards run on the request's connection.
          await t.db.transaction((tx) => tx.query(`INSERT INTO forums (slug, name, year) VALUES ($1, 'Marker', 2016)`, [forum]));
          store.afterCommit(() => afterCommit.push('saved'));
          duringRun = await seenOutside(forum);
          expect(afterCommit).toEqual([]);
          return { created: await forums(forum) };
        },
        (body) => ({ statusCode: 201, body }),
      );
      expect([duringRun, result, afterCommit]).toEqual([0, { created: 1 }, ['saved']]);
      expect([await seenOutside(forum), await responseOf(claim.key)]).toEqual([1, 201]);
      // Outside a request's transaction there is nothing to wait for.
      store.afterCommit(() => afterCommit.push('at once'));
      expect(afterCommit).toEqual(['saved', 'at once']);

      // The handler fails after writing: nothing stays, neither the row nor a response.
      const failing = await claimFor();
      await expect(
        store.execute(failing, () => t.db.query(`INSERT INTO forums (slug, name, year) VALUES ($1, 'Failed', 2016)`, [`${forum}-failed`]).then(() => {
          store.afterCommit(() => afterCommit.push('failed'));
          throw new Error('after the write');
        }), () => ({ statusCode: 201, body: null })),
      ).rejects.toThrow('after the write');
      expect([await forums(`${forum}-failed`), await responseOf(failing.key)]).toEqual([0, null]);

      // Another request took the key over meanwhile (a retry after the claim went stale): the write is rolled back.
      const lost = await claimFor();
      await t.db.query(`UPDATE idempotency_keys SET created_at = created_at - interval '1 second' WHERE user_id = $1 AND key = $2`, [aliceId, lost.key]);
      await expect(
        store.execute(lost, async () => {
          await t.db.query(`INSERT INTO forums (slug, name, year) VALUES ($1, 'Lost', 2016)`, [`${forum}-lost`]);
          store.afterCommit(() => afterCommit.push('lost'));
        }, () => ({ statusCode: 201, body: null })),
      ).rejects.toThrow();
      expect(await forums(`${forum}-lost`)).toBe(0);
      expect(afterCommit).toEqual(['saved', 'at once']);
    } finally {
      await outside.release();
      await t.db.query(`DELETE FROM forums WHERE slug LIKE $1`, [`${forum}%`]);
    }
  });
});
