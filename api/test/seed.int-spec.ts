import { seed, BPF_2016 } from '@doorway/seeds';
import { hashPassword } from '../src/modules/auth/password';
import { startTestApp } from './support/test-app';
import type { TestApp } from './support/test-app';

const TABLES = ['users', 'forums', 'documents', 'document_versions', 'version_sections', 'paragraphs', 'paragraph_revisions', 'case_study_transitions'];

describe('the seed', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  const counts = async () => {
    const result: Record<string, number> = {};
    for (const table of TABLES) {
      result[table] = ((await t.db.query(`SELECT count(*)::int AS n FROM ${table}`)) as { n: number }[])[0]?.n ?? -1;
    }
    result['seeded comments'] = ((await t.db.query(
      `SELECT count(*)::int AS n FROM contributions c JOIN users u ON u.id = c.author_id WHERE u.email LIKE '%@doorway.test'`,
    )) as { n: number }[])[0]?.n ?? -1;
    return result;
  };

  it('is idempotent: a second run adds and changes nothing', async () => {
    const before = await counts();
    const report = await seed(t.db, { demo: true, hashPassword });
    expect(report).toEqual({ forums: 0, documents: 0, paragraphs: 0, users: 0, comments: 0, caseStudies: 0 });
    expect(await counts()).toEqual(before);
  });

  it('holds what the foundation promises: 40-80 paragraphs, staff, two people per group, 20+ comments with replies and quotes', () => {
    const paragraphs = BPF_2016.document.sections.flatMap((s) => s.paragraphs);
    expect(paragraphs.length).toBeGreaterThanOrEqual(40);
    expect(paragraphs.length).toBeLessThanOrEqual(80);
    const people = BPF_2016.people;
    expect(people.filter((p) => p.role === 'coordinator')).toHaveLength(1);
    expect(people.filter((p) => p.role === 'editor')).toHaveLength(2);
    for (const group of ['government', 'civil_society', 'technical_community', 'private_sector', 'academia', 'intergovernmental']) {
      expect(people.filter((p) => p.role === 'participant' && p.stakeholderGroup === group).length).toBeGreaterThanOrEqual(2);
    }
    expect(BPF_2016.comments.length).toBeGreaterThanOrEqual(20);
    expect(BPF_2016.comments.some((c) => c.replyTo)).toBe(true);
    expect(BPF_2016.comments.some((c) => c.quote)).toBe(true);
  });

  it('seeds 8 to 12 accepted case studies, and a few drafts, submissions and refusals, each with its history', async () => {
    const rows: { status: string; n: number; transitions: number }[] = await t.db.query(
      `SELECT cs.status, count(DISTINCT cs.id)::int AS n, count(t.id)::int AS transitions
         FROM case_studies cs JOIN users u ON u.id = cs.author_id LEFT JOIN case_study_transitions t ON t.case_study_id = cs.id
        WHERE u.email LIKE '%@doorway.test' GROUP BY cs.status`,
    );
    const byStatus = Object.fromEntries(rows.map((r) => [r.status, r]));
    expect(byStatus['accepted']?.n).toBeGreaterThanOrEqual(8);
    expect(byStatus['accepted']?.n).toBeLessThanOrEqual(12);
    for (const status of ['draft', 'submitted', 'declined']) expect(byStatus[status]?.n).toBeGreaterThanOrEqual(1);
    expect(byStatus['accepted']?.transitions).toBe((byStatus['accepted']?.n ?? 0) * 4);
  });
});
