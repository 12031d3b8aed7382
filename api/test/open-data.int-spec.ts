import type {
  ApiError,
  CommentView,
  OpenDataCaseStudy,
  OpenDataContribution,
  OpenDataContributionPage,
  OpenDataSchema,
} from '@doorway/contracts';
import { OPEN_DATA_CASE_STUDY_COLUMNS, OPEN_DATA_CONTRIBUTION_COLUMNS } from '@doorway/contracts';
import { HttpClient } from './support/http-client';
import { startTestApp } from './support/test-app';
import type { TestApp } from './support/test-app';

const SLUG = 'bpf-cybersecurity-2016';
const BASE = `/api/documents/${SLUG}/open-data`;
const PASSWORD = 'doorway-demo-2016';
const BOM = '\uFEFF';

/** A small RFC 4180 reader: quoted fields may hold commas, doubled quotes and newlines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

describe('open data', () => {
  let t: TestApp;
  let anonymous: HttpClient;
  let participant: HttpClient;
  let editor: HttpClient;
  let kept: CommentView;
  let deleted: CommentView;
  let recorded: CommentView;
  let suggestion: CommentView;
  let participantEmail: string;

  beforeAll(async () => {
    t = await startTestApp();
    anonymous = new HttpClient(t.app);
    participant = new HttpClient(t.app);
    editor = new HttpClient(t.app);
    const me = await participant.register('civil_society', { displayName: 'Open Data Tester', organisation: 'Datos Abiertos' });
    participantEmail = (
      (await t.db.query('SELECT email FROM users WHERE id = $1', [me.id])) as { email: string }[]
    )[0]?.email ?? '';
    expect((await editor.signIn('editor1@doorway.test', PASSWORD)).status).toBe(200);
    const url = (what: string) => `/api/documents/${SLUG}/paragraphs/intro-core-finding/${what}`;
    kept = (await participant.post<CommentView>(url('comments'), { body: 'Kept for open data: "quotes", commas, and\na second line.' })).body;
    deleted = (await participant.post<CommentView>(url('comments'), { body: 'A comment its author regrets and deletes.' })).body;
    expect((await participant.delete(`/api/comments/${deleted.id}`)).status).toBe(200);
    suggestion = (
      await participant.post<CommentView>(url('suggestions'), { body: 'Say it more plainly.', proposedText: 'Dialogue needs trust and a purpose.' })
    ).body;
    const intervention = await editor.post<CommentView>(url('interventions'), {
      body: 'Spoken from the floor: a remote hub asked for captions.',
      speakerName: 'Speaker From The Floor',
      speakerOrganisation: 'Remote Hub Kathmandu',
      stakeholderGroup: 'academia',
    });
    expect(intervention.status).toBe(201);
    recorded = intervention.body;
    expect(kept.id && deleted.id && suggestion.id).toBeTruthy();
  });
  afterAll(() => t.close());

  const publicIds = async (): Promise<string[]> =>
    (
      (await t.db.query(
        `SELECT c.id FROM contributions c JOIN documents d ON d.id = c.document_id
          WHERE d.slug = $1 AND c.kind IN ('comment', 'reply', 'suggestion') AND c.deleted_at IS NULL`,
        [SLUG],
      )) as { id: string }[]
    ).map((r) => r.id);

  it('streams contributions.csv to an anonymous reader: BOM, documented header, one row per public contribution', async () => {
    const response = await anonymous.get<string>(`${BASE}/contributions.csv`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${SLUG}-contributions.csv"`);
    const text = response.body;
    expect(text.startsWith(BOM)).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual(OPEN_DATA_CONTRIBUTION_COLUMNS.map((c) => c.name));
    for (const row of rows) expect(row).toHaveLength(OPEN_DATA_CONTRIBUTION_COLUMNS.length);
    const ids = await publicIds();
    expect(rows).toHaveLength(ids.length);
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(ids));

    const col = (name: string) => OPEN_DATA_CONTRIBUTION_COLUMNS.findIndex((c) => c.name === name);
    const bodies = rows.map((r) => r[col('body')]);
    expect(bodies.some((b) => b?.includes("<script>alert('x')</script>"))).toBe(true);
    expect(bodies.some((b) => b?.startsWith('Coincido con el diagnóstico') && b.includes('añadir'))).toBe(true);
    expect(bodies.some((b) => b?.startsWith('Ce constat correspond tout à fait à notre expérience'))).toBe(true);

    const keptRow = rows.find((r) => r[0] === kept.id);
    expect(keptRow?.[col('body')]).toBe('Kept for open data: "quotes", commas, and\na second line.');
    expect(keptRow?.[col('author_name')]).toBe('Open Data Tester');
    expect(keptRow?.[col('stakeholder_group')]).toBe('civil_society');
    expect(keptRow?.[col('paragraph_keys')]).toBe('intro-core-finding');
    expect(keptRow?.[col('created_at')]).toBe(kept.createdAt);

    const recordedRow = rows.find((r) => r[0] === recorded.id);
    expect(recordedRow?.[col('author_name')]).toBe('Speaker From The Floor');
    expect(recordedRow?.[col('author_organisation')]).toBe('Remote Hub Kathmandu');
    expect(recordedRow?.[col('recorded_by_rapporteur')]).toBe('true');
    expect(recordedRow?.[col('stakeholder_group')]).toBe('academia');

    const suggestionRow = rows.find((r) => r[0] === suggestion.id);
    expect(suggestionRow?.[col('kind')]).toBe('suggestion');
    expect(suggestionRow?.[col('proposed_text')]).toBe('Dialogue needs trust and a purpose.');
    expect(JSON.parse(suggestionRow?.[col('endorsements_by_group')] ?? 'null')).toEqual({});

    const reply = rows.find((r) => r[col('kind')] === 'reply');
    expect(reply?.[col('parent_id')]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never exports emails, password hashes, deleted comments, or the editor behind a recorded intervention', async () => {
    const [editorRow] = (await t.db.query(`SELECT display_name FROM users WHERE email = 'editor1@doorway.test'`)) as {
      display_name: string;
    }[];
    const outputs = await Promise.all(
      ['contributions.csv', 'contributions.json', 'case-studies.csv', 'case-studies.json', 'contributions?limit=500'].map(
        async (file) => {
          const response = await anonymous.get<unknown>(`${BASE}/${file}`);
          expect(response.status).toBe(200);
          return typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
        },
      ),
    );
    for (const text of outputs) {
      expect(text).not.toContain('@doorway.test');
      expect(text).not.toContain(participantEmail);
      expect(text).not.toContain('$argon2');
      expect(text).not.toContain(deleted.id);
      expect(text).not.toContain('regrets and deletes');
    }
    const json = await anonymous.get<OpenDataContribution[]>(`${BASE}/contributions.json`);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    const recordedItem = json.body.find((c) => c.id === recorded.id);
    expect(recordedItem?.author_name).toBe('Speaker From The Floor');
    expect(recordedItem?.author_name).not.toBe(editorRow?.display_name);
    expect(Object.keys(json.body[0] ?? {})).toEqual(OPEN_DATA_CONTRIBUTION_COLUMNS.map((c) => c.name));
    expect(json.body.map((c) => c.id).sort()).toEqual((await publicIds()).sort());
    expect(json.body.find((c) => c.body.includes('Coincido'))?.body).toContain('diagnóstico');
  });

  it('exports accepted case studies only, credited as their submitters chose', async () => {
    const rows = (await t.db.query(
      `SELECT cs.id, cs.title, cs.status, cs.attribution, u.display_name, u.organisation
         FROM case_studies cs JOIN documents d ON d.id = cs.document_id JOIN users u ON u.id = cs.author_id
        WHERE d.slug = $1`,
      [SLUG],
    )) as { id: string; title: string; status: string; attribution: string; display_name: string; organisation: string | null }[];
    const accepted = rows.filter((r) => r.status === 'accepted');
    const others = rows.filter((r) => r.status !== 'accepted');
    expect(accepted.length).toBeGreaterThan(0);
    expect(others.map((r) => r.status)).toEqual(expect.arrayContaining(['draft', 'submitted']));

    const json = await anonymous.get<OpenDataCaseStudy[]>(`${BASE}/case-studies.json`);
    expect(json.status).toBe(200);
    expect(json.body.map((c) => c.id).sort()).toEqual(accepted.map((r) => r.id).sort());
    expect(Object.keys(json.body[0] ?? {})).toEqual(OPEN_DATA_CASE_STUDY_COLUMNS.map((c) => c.name));
    for (const study of json.body) {
      const source = accepted.find((r) => r.id === study.id);
      const expected =
        source?.attribution === 'named' ? source.display_name : source?.attribution === 'organisation' ? source.organisation : 'Anonymous';
      expect(study.submitted_by).toBe(expected);
    }
    expect(json.body.some((c) => c.submitted_by === 'Anonymous')).toBe(true);

    const csv = await anonymous.get<string>(`${BASE}/case-studies.csv`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="${SLUG}-case-studies.csv"`);
    expect(csv.body.startsWith(BOM)).toBe(true);
    const [header, ...records] = parseCsv(csv.body.slice(1));
    expect(header).toEqual(OPEN_DATA_CASE_STUDY_COLUMNS.map((c) => c.name));
    expect(records.map((r) => r[0]).sort()).toEqual(accepted.map((r) => r.id).sort());
    for (const other of others) {
      expect(csv.body).not.toContain(other.id);
      expect(JSON.stringify(json.body)).not.toContain(other.id);
    }
  });

  it('walks every public contribution exactly once through the cursor pages, ties on created_at included', async () => {
    // Four contributions written in the same microsecond: the id breaks the tie, and pages of 3 must cut through them.
    await t.db.query(`UPDATE contributions SET created_at = '2016-11-05T10:00:00.123456Z' WHERE id = ANY($1::uuid[])`, [
      [kept.id, suggestion.id, recorded.id, deleted.id],
    ]);
    const tied = (
      (await t.db.query(
        `SELECT c.id FROM contributions c JOIN documents d ON d.id = c.document_id
          WHERE d.slug = $1 AND c.deleted_at IS NULL AND c.kind <> 'case_study' AND c.created_at = '2016-11-05T10:00:00.123456Z'`,
        [SLUG],
      )) as unknown[]
    ).length;
    expect(tied).toBeGreaterThanOrEqual(3);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=3&cursor=${encodeURIComponent(cursor)}` : '?limit=3';
      const page = await anonymous.get<OpenDataContributionPage>(`${BASE}/contributions${query}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((i) => i.id));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10_000);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual((await publicIds()).sort());
    expect(pages).toBeGreaterThan(1);
  });

  it('validates the query: bad cursor, over-large limit and unknown parameters are 400s that name the field', async () => {
    const bad = await anonymous.get<ApiError>(`${BASE}/contributions?cursor=not-a-cursor`);
    expect(bad.status).toBe(400);
    expect(bad.body.details?.map((d) => d.field)).toEqual(['cursor']);
    const big = await anonymous.get<ApiError>(`${BASE}/contributions?limit=501`);
    expect(big.status).toBe(400);
    expect(big.body.details?.map((d) => d.field)).toEqual(['limit']);
    const unknownPaged = await anonymous.get<ApiError>(`${BASE}/contributions?include=emails`);
    expect(unknownPaged.status).toBe(400);
    expect(unknownPaged.body.details?.map((d) => d.field)).toEqual(['include']);
    for (const file of ['contributions.csv', 'contributions.json', 'case-studies.csv', 'case-studies.json']) {
      const unknown = await anonymous.get<ApiError>(`${BASE}/${file}?fields=email`);
      expect(unknown.status).toBe(400);
      expect(unknown.body.details?.map((d) => d.field)).toEqual(['fields']);
    }
    expect((await anonymous.get(`/api/documents/no-such-document/open-data/contributions.csv`)).status).toBe(404);
  });

  it('answers only GET', async () => {
    const client = new HttpClient(t.app);
    for (const file of ['contributions.csv', 'contributions.json', 'case-studies.csv', 'case-studies.json', 'contributions']) {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
        const response = await client.request(method, `${BASE}/${file}`, {});
        expect([404, 405]).toContain(response.status);
      }
    }
    expect([404, 405]).toContain((await client.request('POST', '/api/open-data/schema', {})).status);
  });

  it('hides a draft-phase document from everyone but editors, like reading it', async () => {
    const [before] = (await t.db.query('SELECT phase FROM documents WHERE slug = $1', [SLUG])) as { phase: string }[];
    await t.db.query(`UPDATE documents SET phase = 'draft' WHERE slug = $1`, [SLUG]);
    try {
      for (const file of ['contributions.csv', 'contributions.json', 'case-studies.csv', 'case-studies.json', 'contributions']) {
        const hidden = await anonymous.get<ApiError>(`${BASE}/${file}`);
        expect(hidden.status).toBe(404);
        expect(hidden.body.error).toBe('DOCUMENT_NOT_FOUND');
        expect((await participant.get(`${BASE}/${file}`)).status).toBe(404);
        expect((await editor.get(`${BASE}/${file}`)).status).toBe(200);
      }
    } finally {
      await t.db.query(`UPDATE documents SET phase = $2::consultation_phase WHERE slug = $1`, [SLUG, before?.phase ?? 'open']);
    }
  });

  it('publishes the documented columns at /api/open-data/schema', async () => {
    const response = await anonymous.get<OpenDataSchema>('/api/open-data/schema');
    expect(response.status).toBe(200);
    expect(response.body.contributions.map((c) => c.name)).toEqual([
      'id', 'kind', 'document', 'paragraph_keys', 'parent_id', 'created_at', 'edited_at', 'stakeholder_group',
      'author_name', 'author_organisation', 'recorded_by_rapporteur', 'body', 'proposed_text', 'quote_exact',
      'version_number', 'disposition', 'disposition_note', 'answered_in_version', 'endorsements_total', 'endorsements_by_group',
      'language',
    ]);
    expect(response.body.caseStudies.map((c) => c.name)).toEqual([
      'id', 'title', 'region', 'year_from', 'year_to', 'domains', 'stakeholder_groups', 'closed_door', 'what_opened',
      'outcome', 'lessons', 'links', 'paragraph_keys', 'submitted_by', 'submitter_group', 'accepted_at', 'included_in_version',
      'language',
    ]);
    for (const column of [...response.body.contributions, ...response.body.caseStudies]) expect(column.description.length).toBeGreaterThan(5);
  });
});
