import type { ApiError, CommentView, CurrentUser } from '@doorway/contracts';
import { copySeededDocument } from './support/document-copy';
import { HttpClient } from './support/http-client';
import type { Response } from './support/http-client';
import { startTestApp } from './support/test-app';
import type { TestApp } from './support/test-app';

const COPY = `group-commit-test-${process.pid}`;

/**
 * Concurrent comments without an idempotency key share one statement (CommentsService's group
 * commit). Each request must still get its own answer, its own row and its own checks: the rate
 * limit of its author, its session, its paragraph, its quote.
 */
describe('comments posted at once are written together, each checked and answered on its own', () => {
  let t: TestApp;
  let keys: string[] = [];
  /** The number of requests in each run of the checked insert, in order. */
  let batches: number[] = [];

  const url = (key: string) => `/api/documents/${COPY}/paragraphs/${key}/comments`;
  const post = (client: HttpClient, key: string, payload: object): Promise<Response<CommentView & ApiError>> =>
    client.post<CommentView & ApiError>(url(key), payload);
  const participants = async (n: number): Promise<{ client: HttpClient; user: CurrentUser }[]> => {
    const all: { client: HttpClient; user: CurrentUser }[] = [];
    for (let i = 0; i < n; i++) {
      const client = new HttpClient(t.app);
      all.push({ client, user: await client.register(i % 2 ? 'government' : 'civil_society') });
    }
    return all;
  };

  beforeAll(async () => {
    t = await startTestApp({ COMMENT_RATE_LIMIT_PER_MINUTE: '5' });
    keys = (await copySeededDocument(t.db, COPY, 'gc-')).keys;
    const count = t.queries.logQuery.bind(t.queries);
    t.queries.logQuery = (query: string, parameters?: unknown[]) => {
      // A batch's statement takes arrays (one element per request); one request's, plain values.
      if (query.includes('WITH checked AS') && Array.isArray(parameters?.[0])) batches.push(parameters[0].length);
      else if (query.startsWith('WITH u AS') && query.includes('INSERT INTO contributions')) batches.push(1);
      count(query);
    };
  });
  afterAll(() => t.close());
  beforeEach(() => {
    batches = [];
  });

  it('writes 16 authors’ comments in fewer statements than comments, each answered with its own row', async () => {
    const authors = await participants(16);
    const key = keys[2] ?? '';
    const responses = await Promise.all(authors.map(({ client }, i) => post(client, key, { body: `together ${i}: one of sixteen at once.` })));

    expect(responses.map((r) => r.status)).toEqual(authors.map(() => 201));
    responses.forEach((response, i) => {
      expect(response.body.body).toBe(`together ${i}: one of sixteen at once.`);
      expect(response.body.author?.id).toBe(authors[i]?.user.id);
    });
    // Each answer names the row its own request wrote.
    const rows: { id: string; author_id: string; body: string; author_group: string }[] = await t.db.query(
      `SELECT id, author_id, body, author_group FROM contributions WHERE id = ANY($1::uuid[])`,
      [responses.map((r) => r.body.id)],
    );
    expect(rows).toHaveLength(16);
    for (const [i, response] of responses.entries()) {
      const row = rows.find((r) => r.id === response.body.id);
      expect(row).toMatchObject({ author_id: authors[i]?.user.id, body: `together ${i}: one of sixteen at once.`, author_group: authors[i]?.user.stakeholderGroup });
    }
    // One live event per comment, naming it.
    const [events]: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM live_events WHERE type = 'comment' AND payload->>'contributionId' = ANY($1::text[])`,
      [responses.map((r) => r.body.id)],
    );
    expect(events?.n).toBe(16);
    expect(batches.reduce((sum, n) => sum + n, 0)).toBe(16);
    expect(batches.length).toBeLessThan(16);
    expect(Math.max(...batches)).toBeGreaterThan(1);
  });

  it("keeps one author's comments apart, so the rate limit still stops the sixth of a minute", async () => {
    const [{ client }] = (await participants(1)) as [{ client: HttpClient; user: CurrentUser }];
    const key = keys[3] ?? '';
    const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => post(client, key, { body: `one author, comment ${i}` })));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(5);
    expect(responses.filter((r) => r.status === 429)).toHaveLength(3);
    expect(batches.every((n) => n === 1)).toBe(true);
  });

  it('answers each request of a batch by its own checks: an ended session, a missing paragraph, a wrong quote', async () => {
    const [ended, lost, misquoting, ...fine] = await participants(6);
    await t.db.query(`UPDATE users SET session_epoch = session_epoch + 1 WHERE id = $1`, [ended?.user.id]);
    const key = keys[4] ?? '';
    const requests: [HttpClient, string, object][] = [
      [ended?.client as HttpClient, key, { body: 'from a session that has ended' }],
      [lost?.client as HttpClient, 'gc-no-such-paragraph', { body: 'on a paragraph that is not there' }],
      [misquoting?.client as HttpClient, key, { body: 'on a passage', quote: { exact: 'words that are nowhere in the draft', prefix: '', suffix: '' } }],
      ...fine.map((f, i): [HttpClient, string, object] => [f.client, key, { body: `fine ${i}` }]),
    ];
    const before: { n: number }[] = await t.db.query(`SELECT count(*)::int AS n FROM contributions c JOIN documents d ON d.id = c.document_id WHERE d.slug = $1`, [COPY]);
    const responses = await Promise.all(requests.map(([client, k, payload]) => post(client, k, payload)));

    expect(responses.map((r) => r.status)).toEqual([401, 404, 400, 201, 201, 201]);
    expect(responses[2]?.body.message).toEqual(expect.stringMatching(/quote/i));
    expect(responses.slice(3).map((r) => r.body.body)).toEqual(['fine 0', 'fine 1', 'fine 2']);
    const after: { n: number }[] = await t.db.query(`SELECT count(*)::int AS n FROM contributions c JOIN documents d ON d.id = c.document_id WHERE d.slug = $1`, [COPY]);
    expect((after[0]?.n ?? 0) - (before[0]?.n ?? 0)).toBe(3);
    expect(Math.max(...batches)).toBeGreaterThan(1);
  });
});
