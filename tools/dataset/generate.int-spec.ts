import type { CommentPage } from '@doorway/contracts';
import { hashPassword } from '../../api/src/modules/auth/password';
import { HttpClient } from '../../api/test/support/http-client';
import { startTestApp } from '../../api/test/support/test-app';
import type { TestApp } from '../../api/test/support/test-app';
import { SMALL, generateDataset } from './generate';

/** The benchmark dataset at test size, and the query budget it exists to check. */
describe('benchmark dataset (small)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('builds the skewed consultation it promises', async () => {
    const report = await generateDataset(t.db, SMALL, await hashPassword('bench-password'));
    expect(report.counts).toMatchObject({
      users: SMALL.users,
      paragraphs: SMALL.paragraphs,
      versions: SMALL.versions,
      contributions: SMALL.comments,
      endorsements: SMALL.endorsements,
      case_studies: SMALL.caseStudies,
    });
    expect(report.counts['hot_paragraph']).toBe(SMALL.hotParagraphComments);
    expect(report.counts['replies']).toBeGreaterThan(SMALL.comments * 0.15);
    expect(report.counts['suggestions']).toBeGreaterThan(SMALL.comments * 0.03);

    // A deep page of the hottest paragraph costs three statements, however far down it is.
    const client = new HttpClient(t.app);
    let cursor: string | null = null;
    let pages = 0;
    do {
      t.queries.reset();
      const url = `/api/documents/${report.documentSlug}/paragraphs/${report.hotParagraphKey}/comments?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page: { status: number; body: CommentPage } = await client.get<CommentPage>(url);
      expect(page.status).toBe(200);
      expect(t.queries.statements.length).toBeLessThanOrEqual(3);
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 12);
    expect(pages).toBe(12);
  }, 120_000);
});
