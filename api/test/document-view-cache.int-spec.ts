import type { DocumentVersionView } from '@doorway/contracts';
import { HttpClient } from './support/http-client';
import { startTestApp } from './support/test-app';
import type { TestApp } from './support/test-app';

const SLUG = 'bpf-cybersecurity-2016';
const DOC = `/api/documents/${SLUG}`;
const PASSWORD = 'doorway-demo-2016';

/**
 * The document view is served from memory until the document changes; every change the view
 * shows must reach readers at once (the change stamp is read in the same statement as the
 * document), whichever instance made it. Here "another instance" is a write made straight in SQL.
 */
describe('the cached document view', () => {
  let t: TestApp;
  let reader: HttpClient;
  let coordinator: HttpClient;

  const read = async (): Promise<{ view: DocumentVersionView; statements: number; etag: string }> => {
    t.queries.reset();
    const response = await reader.get<DocumentVersionView>(DOC);
    expect(response.status).toBe(200);
    return { view: response.body, statements: t.queries.statements.length, etag: String(response.headers['etag']) };
  };
  const paragraph = (view: DocumentVersionView, key: string) => view.sections.flatMap((s) => s.paragraphs).find((p) => p.key === key);

  beforeAll(async () => {
    t = await startTestApp();
    reader = new HttpClient(t.app);
    coordinator = new HttpClient(t.app);
    expect((await coordinator.signIn('coordinator@doorway.test', PASSWORD)).status).toBe(200);
  });

  afterAll(() => t.close());

  it('answers from memory in one statement while nothing changes, with the same bytes and ETag', async () => {
    const first = await read();
    const second = await read();
    expect(second.statements).toBe(1);
    expect(second.etag).toBe(first.etag);
    expect(second.view).toEqual(first.view);
  });

  it('shows a new comment, a deletion and a regrouping at the next read', async () => {
    const before = (await read()).view;
    const count = paragraph(before, 'intro-purpose')?.commentsByGroup.private_sector ?? 0;
    const [inserted]: { id: string }[] = await t.db.query(
      `INSERT INTO contributions (kind, document_id, version_id, paragraph_id, author_id, author_group, body)
       SELECT 'comment', d.id, d.current_version_id, p.id, u.id, 'private_sector', 'cache test'
         FROM documents d JOIN paragraphs p ON p.document_id = d.id AND p.key = 'intro-purpose', users u
        WHERE d.slug = $1 AND u.email = 'private1@doorway.test' RETURNING id`,
      [SLUG],
    );
    const afterInsert = await read();
    expect(afterInsert.statements).toBe(2);
    expect(paragraph(afterInsert.view, 'intro-purpose')?.commentsByGroup.private_sector).toBe(count + 1);
    expect(afterInsert.view.document.commentCount).toBe(before.document.commentCount + 1);

    await t.db.query(`UPDATE contributions SET author_group = 'academia' WHERE id = $1`, [inserted?.id]);
    const regrouped = (await read()).view;
    expect(paragraph(regrouped, 'intro-purpose')?.commentsByGroup.private_sector).toBe(count);
    await t.db.query(`UPDATE contributions SET deleted_at = now() WHERE id = $1`, [inserted?.id]);
    expect((await read()).view.document.commentCount).toBe(before.document.commentCount);
  });

  it('shows a phase change, a new title and an accepted case study at the next read', async () => {
    await read();
    const phase = await coordinator.request('PATCH', `${DOC}/phase`, { phase: 'closed' });
    expect(phase.status).toBe(200);
    expect((await read()).view.document.phase).toBe('closed');
    expect((await coordinator.request('PATCH', `${DOC}/phase`, { phase: 'open' })).status).toBe(200);

    const [{ title }]: { title: string }[] = await t.db.query('SELECT title FROM documents WHERE slug = $1', [SLUG]);
    await t.db.query(`UPDATE documents SET title = title || ' (cached?)' WHERE slug = $1`, [SLUG]);
    expect((await read()).view.document.title).toBe(`${title} (cached?)`);
    await t.db.query(`UPDATE documents SET title = $2 WHERE slug = $1`, [SLUG, title]);

    await t.db.query(
      `INSERT INTO case_studies (document_id, author_id, author_group, status, title, consent_to_publish, paragraph_keys)
       SELECT d.id, u.id, 'academia', 'accepted', 'Cache test study', true, '{intro-purpose}'
         FROM documents d, users u WHERE d.slug = $1 AND u.email = 'academia1@doorway.test'`,
      [SLUG],
    );
    expect(paragraph((await read()).view, 'intro-purpose')?.caseStudies.map((c) => c.title)).toContain('Cache test study');
    await t.db.query(`DELETE FROM case_studies WHERE title = 'Cache test study'`);
    expect(paragraph((await read()).view, 'intro-purpose')?.caseStudies.map((c) => c.title)).not.toContain('Cache test study');
  });

  it('still hides a draft-phase document from readers, cached or not', async () => {
    await read();
    expect((await coordinator.request('PATCH', `${DOC}/phase`, { phase: 'draft' })).status).toBe(200);
    expect((await reader.get(DOC)).status).toBe(404);
    expect((await coordinator.get(DOC)).status).toBe(200);
    expect((await coordinator.request('PATCH', `${DOC}/phase`, { phase: 'open' })).status).toBe(200);
    expect((await reader.get(DOC)).status).toBe(200);
  });
});
