import { randomUUID } from 'node:crypto';
import type { CaseStudyGallery } from '@doorway/contracts';
import { LiveAnnouncer } from '../src/modules/live/live-announcer';
import { HttpClient } from './support/http-client';
import { startTestApp } from './support/test-app';
import type { TestApp } from './support/test-app';

const SLUG = 'bpf-cybersecurity-2016';
const PASSWORD = 'doorway-demo-2016';

/**
 * No N+1: each read costs the same number of SQL statements however many rows it returns. Every
 * endpoint is measured, then 40 more case studies and 40 more contributions are added, then it is
 * measured again. A signed-in request includes the one statement that loads the session's user.
 */
describe('SQL statements per request do not grow with the data', () => {
  let t: TestApp;
  let editor: HttpClient;
  let anonymous: HttpClient;
  let author: HttpClient;
  let someContribution: string;
  let someCaseStudy: string;

  const statements = async (client: HttpClient, url: string): Promise<number> => {
    t.queries.reset();
    const response = await client.get(url);
    expect(response.status).toBe(200);
    return t.queries.statements.length;
  };

  const endpoints = (): [string, HttpClient, string][] => [
    ['document', anonymous, `/api/documents/${SLUG}`],
    ['gallery', anonymous, '/api/case-studies'],
    ['gallery, searched and filtered', anonymous, '/api/case-studies?q=trust&group=civil_society'],
    ['one case study', anonymous, `/api/case-studies/${someCaseStudy}`],
    ['review queue', editor, '/api/case-studies/queue'],
    ['my case studies', author, '/api/me/case-studies'],
    ['triage queue', editor, `/api/documents/${SLUG}/triage`],
    ['disposition history', editor, `/api/contributions/${someContribution}/dispositions`],
    ['a page of a thread', anonymous, `/api/documents/${SLUG}/paragraphs/intro-core-finding/comments`],
  ];

  beforeAll(async () => {
    t = await startTestApp();
    anonymous = new HttpClient(t.app);
    editor = new HttpClient(t.app);
    author = new HttpClient(t.app);
    expect((await editor.signIn('editor2@doorway.test', PASSWORD)).status).toBe(200);
    expect((await author.signIn('civil1@doorway.test', PASSWORD)).status).toBe(200);
    const [row]: { id: string }[] = await t.db.query(
      `SELECT c.id FROM contributions c JOIN documents d ON d.id = c.document_id WHERE d.slug = $1 AND c.kind = 'comment' ORDER BY c.created_at LIMIT 1`,
      [SLUG],
    );
    someContribution = row?.id ?? '';
    const gallery = await anonymous.get<CaseStudyGallery>('/api/case-studies');
    someCaseStudy = gallery.body.items[0]?.id ?? '';
  });

  afterAll(async () => {
    // Other suites count the seeded document's case studies and comments: leave them as found.
    await t.db.query(`DELETE FROM case_studies WHERE title LIKE 'Counted trust study %'`);
    await t.db.query(`DELETE FROM contributions WHERE body LIKE 'counted comment %'`);
    await t.close();
  });

  it('stays flat from the seeded data to 40 more case studies and contributions', async () => {
    const before = new Map<string, number>();
    for (const [name, client, url] of endpoints()) before.set(name, await statements(client, url));

    await t.db.query(
      `INSERT INTO case_studies (document_id, author_id, author_group, status, title, region, year_from, domains, stakeholder_groups,
                                 closed_door, what_opened, outcome, lessons, consent_to_publish, attribution, paragraph_keys, submitted_at, decided_at)
       SELECT d.id, u.id, u.stakeholder_group, (CASE WHEN g % 2 = 0 THEN 'accepted' ELSE 'submitted' END)::case_study_status,
              'Counted trust study ' || g, '002', 2015, '{capacity_building}', '{civil_society,government}',
              'A closed door about trust.', 'Trust opened it.', 'An outcome.', 'A lesson.', true, 'named', '{intro-core-finding}', now(), now()
         FROM documents d, users u, generate_series(1, 40) g
        WHERE d.slug = $1 AND u.email = 'civil1@doorway.test'`,
      [SLUG],
    );
    await t.db.query(
      `INSERT INTO contributions (kind, document_id, version_id, paragraph_id, author_id, author_group, body, disposition)
       SELECT 'comment', d.id, d.current_version_id, p.id, u.id, u.stakeholder_group, 'counted comment ' || g, 'noted'
         FROM documents d JOIN paragraphs p ON p.document_id = d.id AND p.key = 'intro-core-finding', users u, generate_series(1, 40) g
        WHERE d.slug = $1 AND u.email = 'gov2@doorway.test'`,
      [SLUG],
    );

    const after = new Map<string, number>();
    for (const [name, client, url] of endpoints()) after.set(name, await statements(client, url));
    expect(Object.fromEntries(after)).toEqual(Object.fromEntries(before));
    // And the absolute budgets: a read is one or two statements, plus the session lookup when signed in.
    for (const [name, n] of after) expect([name, n <= 4]).toEqual([name, true]);
  });

  it('a new comment is one statement (the session, the paragraph, its checks and the insert), then a shared notice', async () => {
    const announcer = t.app.get(LiveAnnouncer);
    t.queries.reset();
    const posted = await author.post(`/api/documents/${SLUG}/paragraphs/intro-core-finding/comments`, {
      body: 'counted comment: the write path, statement by statement.',
    });
    expect(posted.status).toBe(201);
    // The request does not wait for its live notice, which goes out just after.
    await announcer.flushed();
    const texts = t.queries.statements.map((text) => text.replace(/\s+/g, ' '));
    expect(texts).toHaveLength(2);
    // The session's user is read inside the write, not by the guard beforehand.
    expect(texts[0]).toMatch(/^WITH u AS \( SELECT .* FROM users u WHERE u.id = \$3 AND u.session_epoch = \$5 \), t AS \( SELECT .* AS rate_limit_retry FROM documents d .* c AS \( INSERT INTO contributions/);
    // The insert commits without notifying: NOTIFY's lock, held through a commit's flush, made
    // concurrent comments wait for each other's fsync. The notice follows in its own transaction.
    expect(texts[0]).not.toMatch(/pg_notify/);
    expect(texts[1]).toMatch(/set_config\('synchronous_commit', 'off', true\), pg_notify\(\$1, payload\) FROM unnest\(\$2::text\[\]\)/);
  });

  it('with an Idempotency-Key (as the client sends), a new comment does not load the session user either', async () => {
    const announcer = t.app.get(LiveAnnouncer);
    t.queries.reset();
    const posted = await author.request('POST', `/api/documents/${SLUG}/paragraphs/intro-core-finding/comments`, {
      body: 'counted comment: the idempotent write path.',
    }, { headers: { 'idempotency-key': randomUUID() } });
    expect(posted.status).toBe(201);
    await announcer.flushed();
    const texts = t.queries.statements.map((text) => text.replace(/\s+/g, ' '));
    // Claim the key; in its transaction (BEGIN and COMMIT are not logged), the checked insert and
    // the stored answer; after the commit, the shared notice. The session is confirmed by the insert.
    expect(texts).toHaveLength(4);
    expect(texts[0]).toMatch(/^INSERT INTO idempotency_keys/);
    expect(texts[1]).toMatch(/^WITH u AS \( SELECT .* FROM users u WHERE u.id = \$3 AND u.session_epoch = \$5 /);
    // Not in the transaction: its commit would hold the database-wide notify lock through its flush.
    expect(texts[1]).not.toMatch(/pg_notify/);
    expect(texts[2]).toMatch(/^UPDATE idempotency_keys SET status_code/);
    expect(texts[3]).toMatch(/pg_notify\(\$1, payload\) FROM unnest/);
  });

  it('notices announced together share statements: the first goes at once, the others together in the next', async () => {
    const announcer = t.app.get(LiveAnnouncer);
    // An existing sequence number, for a document nobody reads: the live service only notes it as seen.
    const [latest]: { id: string }[] = await t.db.query(`SELECT coalesce(max(id), 0)::text AS id FROM live_events`);
    t.queries.reset();
    for (let i = 0; i < 5; i++) announcer.announce({ id: latest?.id ?? '0', document_id: '00000000-0000-4000-8000-000000000000' });
    await announcer.flushed();
    expect(t.queries.statements.filter((text) => text.includes('pg_notify'))).toHaveLength(2);
  });
});
