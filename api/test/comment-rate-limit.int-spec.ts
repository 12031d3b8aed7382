import { randomUUID } from 'node:crypto';
import type { ApiError, CommentView } from '@doorway/contracts';
import { copySeededDocument } from './support/document-copy';
import { HttpClient } from './support/http-client';
import type { Response } from './support/http-client';
import { startTestApp } from './support/test-app';
import type { TestApp } from './support/test-app';

const COPY = `rate-limit-test-${process.pid}`;

describe('the per-user comment rate limit (COMMENT_RATE_LIMIT_PER_MINUTE=10)', () => {
  let t: TestApp;
  let keys: string[] = [];

  const commentsUrl = (n = 1, kind: 'comments' | 'suggestions' = 'comments') => `/api/documents/${COPY}/paragraphs/${keys[n] ?? ''}/${kind}`;
  const comment = (client: HttpClient, text: string, key?: string): Promise<Response<CommentView & ApiError>> =>
    client.request('POST', commentsUrl(), { body: text }, { headers: key ? { 'idempotency-key': key } : {} });
  const participant = async (): Promise<HttpClient> => {
    const client = new HttpClient(t.app);
    await client.register('technical_community');
    return client;
  };
  const expectLimited = (response: Response<ApiError>) => {
    expect(response.status).toBe(429);
    expect(response.body).toMatchObject({ statusCode: 429, error: 'COMMENT_RATE_LIMITED', message: expect.stringContaining('at most 10 ') });
    const retryAfter = Number(response.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
  };

  beforeAll(async () => {
    t = await startTestApp({ COMMENT_RATE_LIMIT_PER_MINUTE: '10' });
    keys = (await copySeededDocument(t.db, COPY, 'r-')).keys;
  });
  afterAll(() => t.close());

  it('counts comments, replies and suggestions together: the 11th in a minute gets 429 with Retry-After, creating nothing', async () => {
    const alice = new HttpClient(t.app);
    const aliceId = (await alice.register('civil_society')).id;
    const first = await comment(alice, 'Comment 1');
    expect(first.status).toBe(201);
    for (let i = 2; i <= 6; i++) expect((await comment(alice, `Comment ${i}`)).status).toBe(201);
    for (let i = 1; i <= 2; i++) expect((await alice.post(`/api/comments/${first.body.id}/replies`, { body: `Reply ${i}` })).status).toBe(201);
    for (let i = 1; i <= 2; i++) {
      expect((await alice.post(commentsUrl(2, 'suggestions'), { body: `Reason ${i}`, proposedText: `Better text ${i}.` })).status).toBe(201);
    }
    const [{ n: before }]: { n: number }[] = await t.db.query('SELECT count(*)::int AS n FROM contributions');

    expectLimited(await comment(alice, 'Comment 11'));
    expectLimited(await alice.post<ApiError>(`/api/comments/${first.body.id}/replies`, { body: 'Reply 3' }));
    expectLimited(await alice.post<ApiError>(commentsUrl(2, 'suggestions'), { body: 'Reason 3', proposedText: 'Better text 3.' }));
    const [{ n: after }]: { n: number }[] = await t.db.query('SELECT count(*)::int AS n FROM contributions');
    expect(after).toBe(before);

    // Another user is not affected by Alice's pace.
    expect((await comment(await participant(), 'Someone else')).status).toBe(201);

    // The window slides: once her contributions are more than a minute old she may post again.
    await t.db.query(`UPDATE contributions SET created_at = created_at - interval '2 minutes' WHERE author_id = $1`, [aliceId]);
    expect((await comment(alice, 'Comment 12')).status).toBe(201);
  });

  it('does not count a retry with the same idempotency key twice, and replays it even at the limit', async () => {
    const bob = await participant();
    const key = randomUUID();
    const first = await comment(bob, 'Sent on a flaky connection', key);
    expect(first.status).toBe(201);
    for (let i = 0; i < 3; i++) {
      const retry = await comment(bob, 'Sent on a flaky connection', key);
      expect([retry.status, retry.body.id, retry.headers['idempotent-replayed']]).toEqual([201, first.body.id, 'true']);
    }
    // Nine more fit: the retries above took none of the ten.
    for (let i = 2; i <= 10; i++) expect((await comment(bob, `Bob ${i}`, randomUUID())).status).toBe(201);
    expectLimited(await comment(bob, 'Bob 11', randomUUID()));
    const retry = await comment(bob, 'Sent on a flaky connection', key);
    expect([retry.status, retry.body.id]).toEqual([201, first.body.id]);
  });

  it('does not count the interventions an editor records for speakers in the room', async () => {
    const editor = new HttpClient(t.app);
    expect((await editor.signIn('editor1@doorway.test', 'doorway-demo-2016')).status).toBe(200);
    const url = `/api/documents/${COPY}/paragraphs/${keys[3] ?? ''}/interventions`;
    for (let i = 1; i <= 11; i++) {
      const response = await editor.post(url, { body: `Said in the room ${i}`, speakerName: `Speaker ${i}`, stakeholderGroup: 'government' });
      expect(response.status).toBe(201);
    }
  });
});
