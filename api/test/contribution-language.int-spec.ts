import type { ApiError, CaseStudyView, CommentView, OpenDataContributionPage } from '@doorway/contracts';
import { copySeededDocument } from './support/document-copy';
import { HttpClient } from './support/http-client';
import { startTestApp } from './support/test-app';
import type { TestApp } from './support/test-app';

/**
 * Contributions keep the language they were written in: the tag is validated, stored, returned in
 * every view and published in the open data. Runs on a private copy of the seeded document.
 */
const COPY = `language-test-${process.pid}`;

describe('the language of contributions', () => {
  let t: TestApp;
  let client: HttpClient;
  let keys: string[];
  let documentId: string;
  const commentsUrl = (key: string) => `/api/documents/${COPY}/paragraphs/${key}/comments`;

  beforeAll(async () => {
    t = await startTestApp();
    ({ documentId, keys } = await copySeededDocument(t.db, COPY, 'l-'));
    client = new HttpClient(t.app);
    await client.register('civil_society');
  });
  afterAll(async () => {
    // The copy is private, but the rows go anyway: other suites count contributions and users' work.
    await t.db.query('DELETE FROM case_study_transitions WHERE case_study_id IN (SELECT id FROM case_studies WHERE document_id = $1)', [documentId]);
    await t.db.query('DELETE FROM case_studies WHERE document_id = $1', [documentId]);
    await t.db.query('DELETE FROM contributions WHERE document_id = $1 AND parent_id IS NOT NULL', [documentId]);
    await t.db.query('DELETE FROM contributions WHERE document_id = $1', [documentId]);
    await t.close();
  });

  const key = (n: number): string => {
    const found = keys[n - 1];
    if (!found) throw new Error(`no paragraph ${n}`);
    return found;
  };

  it('stores the tag a comment names, and "en" when it names none', async () => {
    const french = await client.post<CommentView>(commentsUrl(key(2)), { body: 'Il manque les coûts de déplacement.', language: 'fr' });
    expect(french.status).toBe(201);
    expect(french.body.language).toBe('fr');
    const plain = await client.post<CommentView>(commentsUrl(key(2)), { body: 'Travel costs are missing here.' });
    expect(plain.body.language).toBe('en');
    const [row]: { language: string }[] = await t.db.query('SELECT language FROM contributions WHERE id = $1', [french.body.id]);
    expect(row?.language).toBe('fr');

    const reply = await client.post<CommentView>(`/api/comments/${french.body.id}/replies`, { body: 'La traducción llega mañana.', language: 'es-419' });
    expect(reply.status).toBe(201);
    expect(reply.body.language).toBe('es-419');
  });

  it('refuses what is not a language tag, naming the field, and writes nothing', async () => {
    const [before]: { n: number }[] = await t.db.query('SELECT count(*)::int AS n FROM contributions WHERE document_id = $1', [documentId]);
    for (const language of ['french', 'FR', 'e', 'en_US', 'ar-', 123, null]) {
      const response = await client.post<ApiError>(commentsUrl(key(3)), { body: 'A comment with a bad tag.', language });
      expect(response.status).toBe(400);
      expect(response.body.details?.map((d) => d.field)).toEqual(['language']);
    }
    const [after]: { n: number }[] = await t.db.query('SELECT count(*)::int AS n FROM contributions WHERE document_id = $1', [documentId]);
    expect(after?.n).toBe(before?.n);
  });

  it('keeps the language of a case study, and changes it on an autosave', async () => {
    const created = await client.post<CaseStudyView>(`/api/documents/${COPY}/case-studies`, { title: 'Puertas abiertas', language: 'es' });
    expect(created.status).toBe(201);
    expect(created.body.language).toBe('es');
    const saved = await client.patch<CaseStudyView>(`/api/case-studies/${created.body.id}`, { language: 'pt-BR' });
    expect(saved.body.language).toBe('pt-BR');
    const refused = await client.patch<ApiError>(`/api/case-studies/${created.body.id}`, { language: 'portuguese' });
    expect(refused.status).toBe(400);
    expect(refused.body.details?.map((d) => d.field)).toEqual(['language']);
  });

  it('publishes the language in the open data', async () => {
    const page = await new HttpClient(t.app).get<OpenDataContributionPage>(`/api/documents/${COPY}/open-data/contributions`);
    expect(page.status).toBe(200);
    expect(page.body.items.map((item) => item.language).sort()).toEqual(['en', 'es-419', 'fr']);
    const csv = await new HttpClient(t.app).get<string>(`/api/documents/${COPY}/open-data/contributions.csv`);
    expect(String(csv.body).split('\n')[0]).toMatch(/,language\r?$/);
  });
});
