import { Logger } from '@nestjs/common';
import type { CommentView } from '@doorway/contracts';
import { WRITER_SHARDS } from '../src/database/migrations/1765728000000-WiderCounterShards';
import { CountersCompactor } from '../src/modules/documents/counters-compactor';
import { HttpClient } from './support/http-client';
import { startTestApp } from './support/test-app';
import type { TestApp } from './support/test-app';

const DOC = '/api/documents/bpf-cybersecurity-2016';
const PASSWORD = 'doorway-demo-2016';

/** Every paragraph×group count and every document count that differs between the triggers' counters and a recount. */
const DRIFT = `
  WITH kept AS (
    SELECT paragraph_id, stakeholder_group, sum(n)::int AS n FROM paragraph_group_counts GROUP BY 1, 2 HAVING sum(n) <> 0
  ), recount AS (
    SELECT cp.paragraph_id, c.author_group AS stakeholder_group, count(*)::int AS n
      FROM contribution_paragraphs cp JOIN contributions c ON c.id = cp.contribution_id
     WHERE c.kind IN ('comment', 'reply', 'suggestion') AND c.deleted_at IS NULL
     GROUP BY 1, 2
  ), docs_kept AS (
    SELECT document_id, sum(n)::int AS n FROM document_contribution_counts GROUP BY 1 HAVING sum(n) <> 0
  ), docs_recount AS (
    SELECT document_id, count(*)::int AS n FROM contributions c
     WHERE c.kind IN ('comment', 'reply', 'suggestion') AND c.deleted_at IS NULL GROUP BY 1
  )
  SELECT 'paragraph' AS what, coalesce(k.paragraph_id, r.paragraph_id)::text AS id, k.n AS kept, r.n AS counted
    FROM kept k FULL JOIN recount r USING (paragraph_id, stakeholder_group) WHERE k.n IS DISTINCT FROM r.n
  UNION ALL
  SELECT 'document', coalesce(k.document_id, r.document_id)::text, k.n, r.n
    FROM docs_kept k FULL JOIN docs_recount r USING (document_id) WHERE k.n IS DISTINCT FROM r.n`;

/** The draft's view stamp: what its ETag is made of, moved by every change a reader could see. */
async function viewStamp(db: TestApp['db']): Promise<number> {
  const rows = (await db.query(
    `SELECT coalesce(sum(v.n), 0)::int AS n FROM document_view_changes v JOIN documents d ON d.id = v.document_id WHERE d.slug = 'bpf-cybersecurity-2016'`,
  )) as { n: number }[];
  return rows[0]?.n ?? -1;
}

describe('comment counters kept by triggers', () => {
  let t: TestApp;
  let author: HttpClient;
  const drift = () => t.db.query(DRIFT) as Promise<unknown[]>;

  beforeAll(async () => {
    t = await startTestApp();
    author = new HttpClient(t.app);
    expect((await author.signIn('tech2@doorway.test', PASSWORD)).status).toBe(200);
  });

  afterAll(() => t.close());

  it('match a recount after the migration filled them', async () => {
    expect(await drift()).toEqual([]);
  });

  it('follow comments, replies, suggestions and multi-paragraph comments as they are written and deleted', async () => {
    const url = (key: string, what: string) => `${DOC}/paragraphs/${key}/${what}`;
    const multi = await author.post<CommentView>(url('intro-core-finding', 'comments'), {
      body: 'About three paragraphs at once.',
      alsoParagraphs: ['intro-purpose'],
    });
    expect(multi.status).toBe(201);
    const reply = await author.post<CommentView>(`/api/comments/${multi.body.id}/replies`, { body: 'And a reply, counted on both.' });
    expect(reply.status).toBe(201);
    const suggestion = await author.post<CommentView>(url('intro-core-finding', 'suggestions'), {
      body: 'Clearer.',
      proposedText: 'A clearer paragraph.',
    });
    expect(suggestion.status).toBe(201);
    expect(await drift()).toEqual([]);

    const view = await new HttpClient(t.app).get<{ sections: { paragraphs: { key: string; commentsByGroup: Record<string, number> }[] }[] }>(DOC);
    const counts = view.body.sections.flatMap((s) => s.paragraphs).find((p) => p.key === 'intro-purpose')?.commentsByGroup;
    expect(counts?.['technical_community']).toBeGreaterThanOrEqual(2);

    expect((await author.delete(`/api/comments/${multi.body.id}`)).status).toBe(200);
    expect(await drift()).toEqual([]);
  });

  it('move the document view stamp once per comment, however many counters the comment changes', async () => {
    const before = await viewStamp(t.db);
    const one = await author.post<CommentView>(`${DOC}/paragraphs/intro-core-finding/comments`, { body: 'One comment, one new ETag.' });
    expect(one.status).toBe(201);
    // Its paragraph's count and the document's count both changed, in one transaction.
    expect(await viewStamp(t.db)).toBe(before + 1);
    const multi = await author.post<CommentView>(`${DOC}/paragraphs/intro-core-finding/comments`, {
      body: 'About two paragraphs at once.',
      alsoParagraphs: ['intro-purpose'],
    });
    expect(multi.status).toBe(201);
    expect(await viewStamp(t.db)).toBe(before + 2);
    expect(await drift()).toEqual([]);
  });

  it('take 60 concurrent comments on one paragraph without a deadlock or a lost count', async () => {
    // Each comment bumps several sharded rows; with shards picked per change, two of these could
    // lock them in opposite orders and deadlock (a 500 for one of the two).
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        author.post<CommentView>(`${DOC}/paragraphs/intro-purpose/comments`, { body: `Concurrent comment ${i}.` }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 201));
    expect(await drift()).toEqual([]);
    await t.db.query(`DELETE FROM contributions WHERE body LIKE 'Concurrent comment %'`);
  });

  it('follow writes that bypass the API: bulk inserts, regrouping, restoring and hard deletes', async () => {
    await t.db.query(
      `INSERT INTO contributions (kind, document_id, version_id, paragraph_id, author_id, author_group, body)
       SELECT 'comment', d.id, d.current_version_id, p.id, u.id, 'academia', 'bulk ' || g
         FROM documents d JOIN paragraphs p ON p.document_id = d.id, users u, generate_series(1, 25) g
        WHERE d.slug = 'bpf-cybersecurity-2016' AND p.key IN ('intro-core-finding', 'intro-purpose') AND u.email = 'academia1@doorway.test'`,
    );
    expect(await drift()).toEqual([]);
    await t.db.query(`UPDATE contributions SET author_group = 'government' WHERE body LIKE 'bulk 1%'`);
    await t.db.query(`UPDATE contributions SET deleted_at = now() WHERE body LIKE 'bulk 2%'`);
    await t.db.query(`UPDATE contributions SET deleted_at = NULL WHERE body = 'bulk 21'`);
    expect(await drift()).toEqual([]);
    await t.db.query(`DELETE FROM contributions WHERE body LIKE 'bulk %'`);
    expect(await drift()).toEqual([]);
  });
});

describe('compacting the counters', () => {
  it('folds the shards into one row per counter and keeps every count', async () => {
    const t = await startTestApp();
    try {
      await t.db.query(
        `INSERT INTO contributions (kind, document_id, version_id, paragraph_id, author_id, author_group, body)
         SELECT 'comment', d.id, d.current_version_id, p.id, u.id, 'academia', 'shard ' || g
           FROM documents d JOIN paragraphs p ON p.document_id = d.id AND p.key = 'intro-purpose', users u, generate_series(1, 60) g
          WHERE d.slug = 'bpf-cybersecurity-2016' AND u.email = 'academia2@doorway.test'`,
      );
      const total = async () =>
        ((await t.db.query(`SELECT sum(n)::int AS n, count(*)::int AS rows FROM paragraph_group_counts`)) as { n: number; rows: number }[])[0];
      const before = await total();
      const stamp = await viewStamp(t.db);
      await t.app.get(CountersCompactor).compact();
      const after = await total();
      expect(after?.n).toBe(before?.n);
      // The same counts, so the same view: readers' cached copies (their ETags) stay good.
      expect(await viewStamp(t.db)).toBe(stamp);
      expect(after?.rows).toBeLessThan(before?.rows ?? 0);
      const [{ shards }]: { shards: number }[] = await t.db.query(`SELECT count(*)::int AS shards FROM paragraph_group_counts WHERE shard <> 0`);
      expect(shards).toBe(0);
      expect(await t.db.query(DRIFT)).toEqual([]);
      await t.db.query(`DELETE FROM contributions WHERE body LIKE 'shard %'`);
    } finally {
      await t.close();
    }
  });

  it('never waits on a comment being written, and folds its shard at the next round', async () => {
    const t = await startTestApp();
    const writer = t.db.createQueryRunner();
    try {
      const counts = async () =>
        ((await t.db.query(
          `SELECT sum(n)::int AS n, count(*) FILTER (WHERE shard <> 0)::int AS shards FROM paragraph_group_counts`,
        )) as { n: number; shards: number }[])[0];
      // Every writer shard of the counters this comment bumps exists already (as after any busy
      // minute), so that the writer updates, and locks, a row the compactor can see.
      await t.db.query(
        `INSERT INTO paragraph_group_counts (paragraph_id, stakeholder_group, shard, document_id, n)
         SELECT p.id, 'academia', s, d.id, 0 FROM documents d JOIN paragraphs p ON p.document_id = d.id AND p.key = 'intro-purpose',
                generate_series(1, $1::int) s WHERE d.slug = 'bpf-cybersecurity-2016'
         ON CONFLICT DO NOTHING`,
        [WRITER_SHARDS],
      );
      await t.db.query(
        `INSERT INTO document_contribution_counts (document_id, shard, n)
         SELECT d.id, s, 0 FROM documents d, generate_series(1, $1::int) s WHERE d.slug = 'bpf-cybersecurity-2016' ON CONFLICT DO NOTHING`,
        [WRITER_SHARDS],
      );
      const before = await counts();
      // A comment in flight: its transaction holds its counter shard rows until it commits.
      await writer.connect();
      await writer.startTransaction();
      await writer.query(
        `INSERT INTO contributions (kind, document_id, version_id, paragraph_id, author_id, author_group, body)
         SELECT 'comment', d.id, d.current_version_id, p.id, u.id, 'academia', 'in flight'
           FROM documents d JOIN paragraphs p ON p.document_id = d.id AND p.key = 'intro-purpose', users u
          WHERE d.slug = 'bpf-cybersecurity-2016' AND u.email = 'academia2@doorway.test'`,
      );
      const [{ shard }]: { shard: number }[] = await writer.query(`SELECT (1 + txid_current() % $1::int)::int AS shard`, [WRITER_SHARDS]);
      expect(shard).toBeGreaterThan(0);

      // With the old compactor this waited on the writer's rows until its lock timeout, and failed.
      const failed = jest.spyOn(Logger.prototype, 'warn');
      await t.app.get(CountersCompactor).compact();
      expect(failed).not.toHaveBeenCalled();
      failed.mockRestore();

      await writer.commitTransaction();
      const afterCommit = await counts();
      expect(afterCommit?.n).toBe((before?.n ?? 0) + 1);
      // The writer's shard was skipped, not lost; the next round folds it.
      expect(afterCommit?.shards).toBeGreaterThan(0);
      await t.app.get(CountersCompactor).compact();
      expect((await counts())?.shards).toBe(0);
      expect(await t.db.query(DRIFT)).toEqual([]);
      await t.db.query(`DELETE FROM contributions WHERE body = 'in flight'`);
    } finally {
      if (writer.isTransactionActive) await writer.rollbackTransaction();
      await writer.release();
      await t.close();
    }
  });
});
