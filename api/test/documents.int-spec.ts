import type { ApiError, DocumentSummary, DocumentVersionView } from '@doorway/contracts';
import { STAKEHOLDER_GROUPS } from '@doorway/contracts';
import { HttpClient } from './support/http-client';
import { startTestApp } from './support/test-app';
import type { TestApp } from './support/test-app';

const SLUG = 'bpf-cybersecurity-2016';

describe('reading documents', () => {
  let t: TestApp;
  let client: HttpClient;
  beforeAll(async () => {
    t = await startTestApp();
    client = new HttpClient(t.app);
  });
  afterAll(() => t.close());

  it('answers the health check once the database is reachable', async () => {
    const response = await client.get<{ status: string }>('/api/health');
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('ok');
  });

  it('lists the seeded BPF 2016 draft', async () => {
    const response = await client.get<DocumentSummary[]>('/api/documents');
    expect(response.status).toBe(200);
    const doc = response.body.find((d) => d.slug === SLUG);
    expect(doc?.title).toBe('Creating spaces for multistakeholder dialogue in cybersecurity processes');
    expect(doc?.currentVersion?.number).toBe(1);
    expect(doc?.commentCount).toBeGreaterThanOrEqual(20);
    // The draft's own language, which the page puts on its text inside any interface language.
    expect(doc?.language).toBe('en');
  });

  it('refuses a document language that is not a language tag, in the database itself', async () => {
    await expect(t.db.query(`UPDATE documents SET language = 'english' WHERE slug = $1`, [SLUG])).rejects.toThrow(/documents_language_tag_chk/);
  });

  it('serves the current version in sections, numbered 1..N, with comment counts by group that match the database', async () => {
    const response = await client.get<DocumentVersionView>(`/api/documents/${SLUG}`);
    expect(response.status).toBe(200);
    const { sections } = response.body;
    expect(sections.map((s) => s.key)).toEqual([
      'introduction', 'methodology', 'barriers', 'doors-opened', 'recommendations', 'annex-case-studies',
    ]);
    const paragraphs = sections.flatMap((s) => s.paragraphs);
    expect(paragraphs.length).toBeGreaterThanOrEqual(40);
    expect(paragraphs.length).toBeLessThanOrEqual(80);
    expect(paragraphs.map((p) => p.number)).toEqual(paragraphs.map((_, i) => i + 1));

    const rows: { key: string; author_group: string; n: number }[] = await t.db.query(
      `SELECT p.key, c.author_group, count(*)::int AS n
         FROM contributions c
         JOIN contribution_paragraphs cp ON cp.contribution_id = c.id
         JOIN paragraphs p ON p.id = cp.paragraph_id
        WHERE c.deleted_at IS NULL AND c.kind IN ('comment', 'reply', 'suggestion') GROUP BY 1, 2`,
    );
    for (const paragraph of paragraphs) {
      for (const group of STAKEHOLDER_GROUPS) {
        const expected = rows.find((r) => r.key === paragraph.key && r.author_group === group)?.n ?? 0;
        expect({ key: paragraph.key, group, n: paragraph.commentsByGroup[group] }).toEqual({ key: paragraph.key, group, n: expected });
      }
      expect(paragraph.commentCount).toBe(Object.values(paragraph.commentsByGroup).reduce((a, b) => a + b, 0));
    }
    expect(paragraphs.some((p) => p.commentCount >= 3)).toBe(true);
  });

  it('reads the whole document in a fixed number of SQL statements', async () => {
    t.queries.reset();
    await client.get(`/api/documents/${SLUG}`);
    expect(t.queries.statements.length).toBeLessThanOrEqual(2);
  });

  it('answers 404 for an unknown document and 400 for a malformed slug', async () => {
    const missing = await client.get<ApiError>('/api/documents/no-such-document');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ statusCode: 404, error: 'DOCUMENT_NOT_FOUND', message: 'No document "no-such-document".' });
    const malformed = await client.get<ApiError>('/api/documents/Bad%20Slug!');
    expect(malformed.status).toBe(400);
    expect(malformed.body.details?.[0]?.field).toBe('slug');
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const response = await client.get<ApiError>('/api/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body.statusCode).toBe(404);
  });

  it('publishes its OpenAPI document', async () => {
    const response = await client.get<{ openapi: string; paths: Record<string, unknown> }>('/api/docs-json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/api/documents', '/api/documents/{slug}/paragraphs/{key}/comments', '/api/health']),
    );
  });
});
