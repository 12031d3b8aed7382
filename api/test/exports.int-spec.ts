import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import type { ApiError, ExportJobView, StakeholderGroup } from '@doorway/contracts';
import { DIRECT_EXPORT_MAX_CONTRIBUTIONS } from '@doorway/contracts';
import { loadExportModel } from '../src/modules/exports/export-loader';
import { typeormSql } from '../src/modules/exports/sql-client';
import { HttpClient } from './support/http-client';
import { startTestApp } from './support/test-app';
import type { TestApp } from './support/test-app';

const run = promisify(execFile);
const SLUG = 'exports-test-2016';
const PASSWORD = 'doorway-demo-2016';
const ARABIC = 'الحوار بين أصحاب المصلحة المتعددين يبني الثقة';

/** The file's bytes, however the test client decoded the body. */
async function fileOf(client: HttpClient, url: string): Promise<{ status: number; data: Buffer; type: string; disposition: string }> {
  const response = await client.raw('GET', url);
  return {
    status: response.statusCode,
    data: response.rawPayload,
    type: String(response.headers['content-type'] ?? ''),
    disposition: String(response.headers['content-disposition'] ?? ''),
  };
}

async function documentXml(docx: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file('word/document.xml')?.async('string');
  if (xml === undefined) throw new Error('no word/document.xml in the DOCX');
  return xml;
}

/**
 * Reads an event stream over a real socket (light-my-request has no keep-alive socket for SSE)
 * until the server ends it; returns the status, content type and the parsed data lines.
 */
async function readEvents(base: string, client: HttpClient, path: string): Promise<{ status: number; type: string; events: ExportJobView[]; body: string }> {
  const response = await fetch(`${base}${path}`, { headers: { cookie: client.cookieHeader, accept: 'text/event-stream' } });
  const body = await response.text();
  const events = body
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice(6)) as ExportJobView);
  return { status: response.status, type: response.headers.get('content-type') ?? '', events, body };
}

/** The generated timestamp is the only thing allowed to differ between two exports. */
const withoutTimestamp = (text: string): string => text.replace(/^generated: .*$/m, 'generated: <t>');

describe('exports of the consolidated document', () => {
  let t: TestApp;
  let anonymous: HttpClient;
  let participant: HttpClient;
  let otherParticipant: HttpClient;
  let editor: HttpClient;
  let coordinator: HttpClient;
  let documentId: string;
  let base: string;
  const emails: string[] = [];
  const url = (path: string) => `/api/documents/${SLUG}${path}`;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = await t.app.getUrl();
    anonymous = new HttpClient(t.app);
    participant = new HttpClient(t.app);
    otherParticipant = new HttpClient(t.app);
    editor = new HttpClient(t.app);
    coordinator = new HttpClient(t.app);
    expect((await editor.signIn('editor1@doorway.test', PASSWORD)).status).toBe(200);
    expect((await coordinator.signIn('coordinator@doorway.test', PASSWORD)).status).toBe(200);
    await participant.register('private_sector', { displayName: 'Pat Export', organisation: 'Export Corp' });
    await otherParticipant.register('academia');

    // Three people, each shown differently: by name (verified), by organisation only, anonymously.
    const people: Record<string, { id: string; group: StakeholderGroup }> = {};
    for (const [name, group, displayName, organisation] of [
      ['named', 'government', 'Nadia Named', 'Ministry of Trust'],
      ['org', 'civil_society', 'Olga Hidden', 'Open Doors Network'],
      ['anon', 'technical_community', 'Arturo Unseen', 'Quiet Labs'],
      // A second government contributor, unnamed beside a named one: "1 more contributor…".
      ['govanon', 'government', 'Gita Hidden', 'Ministry Unseen'],
    ] as const) {
      const client = new HttpClient(t.app);
      const user = await client.register(group, { displayName, organisation });
      people[name] = { id: user.id, group };
      const [row]: { email: string }[] = await t.db.query('SELECT email FROM users WHERE id = $1', [user.id]);
      emails.push(row?.email ?? '');
    }
    await t.db.query('UPDATE users SET group_verified = true WHERE id = $1', [people['named']?.id]);

    const [forum]: { id: string }[] = await t.db.query(
      `INSERT INTO forums (slug, name, year) VALUES ('exports-forum', 'Exports test forum', 2016) RETURNING id`,
    );
    const [doc]: { id: string }[] = await t.db.query(
      `INSERT INTO documents (forum_id, slug, title, summary, consultation_opens_at, consultation_closes_at)
       VALUES ($1, $2, 'Doors that opened: an export test', 'What the export must hold.', '2016-10-01', '2016-10-28') RETURNING id`,
      [forum?.id, SLUG],
    );
    documentId = doc?.id ?? '';
    const version = async (number: number, status: 'draft' | 'published', basedOn: string | null) =>
      ((await t.db.query(
        `INSERT INTO document_versions (document_id, number, label, status, published_at, based_on_version_id)
         VALUES ($1, $2, $3, $4::version_status, CASE WHEN $4::version_status = 'published' THEN timestamptz '2016-11-0${number} 12:00Z' END, $5)
         RETURNING id`,
        [documentId, number, `Label ${number}`, status, basedOn],
      )) as { id: string }[])[0]?.id ?? '';
    const v1 = await version(1, 'published', null);
    const v2 = await version(2, 'published', v1);
    const v3 = await version(3, 'draft', v2);
    await t.db.query('UPDATE documents SET current_version_id = $1 WHERE id = $2', [v2, documentId]);
    const paragraph = async (key: string) =>
      ((await t.db.query('INSERT INTO paragraphs (document_id, key) VALUES ($1, $2) RETURNING id', [documentId, key])) as { id: string }[])[0]?.id ?? '';
    const p = { a: await paragraph('para-a'), b: await paragraph('para-b'), c: await paragraph('para-c') };
    const texts: [string, string, string, [keyof typeof p, string][]][] = [
      [v1, 'intro', 'Introduction', [['a', 'Dialogue needs every stakeholder.'], ['b', 'Trust takes time.']]],
      [v2, 'intro', 'Introduction', [['a', 'Dialogue needs every stakeholder.'], ['b', `Trust takes time and regular meetings. ${ARABIC}`], ['c', 'Newly added: fund travel.']]],
      [v3, 'intro', 'Introduction', [['a', 'Draft-only wording that nobody outside may read.'], ['b', 'Trust takes time.']]],
    ];
    const revisions: Record<string, string> = {};
    for (const [versionId, key, title, paragraphs] of texts) {
      const [section]: { id: string }[] = await t.db.query(
        'INSERT INTO version_sections (version_id, key, title, position) VALUES ($1, $2, $3, 1) RETURNING id',
        [versionId, key, title],
      );
      for (const [i, [which, text]] of paragraphs.entries()) {
        const [rev]: { id: string }[] = await t.db.query(
          'INSERT INTO paragraph_revisions (version_id, paragraph_id, section_id, position, text) VALUES ($1, $2, $3, $4, $5) RETURNING id',
          [versionId, p[which], section?.id, i + 1, text],
        );
        revisions[`${versionId}/${which}`] = rev?.id ?? '';
      }
    }
    const contribute = async (who: keyof typeof people, paragraphKey: keyof typeof p, body: string, extra: Record<string, string | null> = {}) => {
      const person = people[who];
      const [row]: { id: string }[] = await t.db.query(
        `INSERT INTO contributions (kind, document_id, version_id, paragraph_id, author_id, author_group, body, attribution, disposition,
                                    disposition_note, answered_in_version, deleted_at, created_at)
         VALUES ('comment', $1, $2, $3, $4, $5, $6, $7::attribution, $8::disposition, $9, $10::int, $11::timestamptz,
                 now() - make_interval(secs => $12::int)) RETURNING id`,
        [documentId, v1, p[paragraphKey], person?.id, person?.group, body, who === 'named' ? 'named' : who === 'org' ? 'organisation' : 'anonymous',
          extra['disposition'] ?? 'pending', extra['note'] ?? null, extra['answered'] ?? null, extra['deleted'] ?? null, 1000 - Object.keys(revisions).length - body.length],
      );
      return row?.id ?? '';
    };
    const accepted = await contribute('named', 'b', 'Say how often they meet.', { disposition: 'accepted', note: 'Now says regular meetings.', answered: '2' });
    const partial = await contribute('org', 'b', 'Mention the trust built in the room.', { disposition: 'partially_accepted', answered: '2' });
    await contribute('anon', 'a', '<script>alert("export")</script> plain text only', { disposition: 'noted' });
    await contribute('anon', 'a', 'A withdrawn remark that must not appear.', { deleted: new Date().toISOString() });
    await contribute('org', 'c', ARABIC);
    await contribute('govanon', 'c', 'A government view, given anonymously.');
    await t.db.query('INSERT INTO revision_provenance (revision_id, contribution_id) VALUES ($1, $2), ($1, $3)', [revisions[`${v2}/b`], accepted, partial]);
  });

  afterAll(() => t.close());

  const waitFor = async (client: HttpClient, id: string): Promise<ExportJobView> => {
    for (let i = 0; i < 600; i += 1) {
      const job = (await client.get<ExportJobView>(`/api/exports/${id}`)).body;
      if (job.status === 'done' || job.status === 'failed') return job;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the export job did not finish in 60 s');
  };

  describe('who may export', () => {
    it('serves published versions to anyone who can read the document', async () => {
      for (const client of [anonymous, participant, editor]) {
        const file = await fileOf(client, url('/versions/2/export?format=md'));
        expect(file.status).toBe(200);
        expect(file.type).toContain('text/markdown');
        expect(file.disposition).toContain(`${SLUG}-v2.md`);
      }
    });

    it('hides an unpublished draft from participants and anonymous readers, directly and as a job', async () => {
      for (const client of [anonymous, participant]) {
        const direct = await client.get<ApiError>(url('/versions/3/export?format=md'));
        expect([direct.status, direct.body.error]).toEqual([404, 'VERSION_NOT_FOUND']);
        expect(JSON.stringify(direct.body)).not.toContain('Draft-only');
      }
      const job = await participant.post<ApiError>(url('/versions/3/exports'), { format: 'docx', annexes: [] });
      expect([job.status, job.body.error]).toEqual([404, 'VERSION_NOT_FOUND']);
      expect((await anonymous.post(url('/versions/2/exports'), { format: 'docx', annexes: [] })).status).toBe(401);
      const [{ n }]: { n: number }[] = await t.db.query('SELECT count(*)::int AS n FROM export_jobs WHERE document_id = $1', [documentId]);
      expect(n).toBe(0);
    });

    it('lets editors and coordinators export the draft', async () => {
      for (const client of [editor, coordinator]) {
        const file = await fileOf(client, url('/versions/3/export?format=md'));
        expect(file.status).toBe(200);
        expect(file.data.toString('utf8')).toContain('Draft-only wording');
        expect(file.data.toString('utf8')).toContain('Unpublished draft');
      }
    });

    it('keeps a job to the person who started it', async () => {
      const started = await participant.post<ExportJobView>(url('/versions/2/exports'), { format: 'md', annexes: ['A'] });
      expect(started.status).toBe(202);
      for (const path of ['', '/file']) {
        const other = await otherParticipant.get<ApiError>(`/api/exports/${started.body.id}${path}`);
        expect([other.status, other.body.error]).toEqual([404, 'EXPORT_NOT_FOUND']);
        expect((await anonymous.get(`/api/exports/${started.body.id}${path}`)).status).toBe(401);
      }
      const events = `/api/exports/${started.body.id}/events`;
      const other = await readEvents(base, otherParticipant, events);
      expect([other.status, other.type, JSON.parse(other.body).error]).toEqual([404, 'application/json; charset=utf-8', 'EXPORT_NOT_FOUND']);
      expect((await readEvents(base, anonymous, events)).status).toBe(401);
      const own = await readEvents(base, participant, events);
      expect([own.status, own.events.at(-1)?.status]).toEqual([200, 'done']);
    });
  });

  describe('bad requests', () => {
    it('names the field and the problem, and starts nothing', async () => {
      const cases: [unknown, string][] = [
        [{ format: 'exe', annexes: [] }, 'format'],
        [{ format: 'pdf', annexes: ['Z'] }, 'annexes'],
        [{ format: 'pdf', annexes: ['A', 'A'] }, 'annexes'],
        [{ format: 'pdf' }, 'annexes'],
        [{ format: 'pdf', annexes: [], status: 'done' }, 'status'],
      ];
      const before: { n: number }[] = await t.db.query('SELECT count(*)::int AS n FROM export_jobs');
      for (const [body, field] of cases) {
        const response = await coordinator.post<ApiError>(url('/versions/2/exports'), body);
        expect(response.status).toBe(400);
        expect(response.body.details?.map((d) => d.field)).toContain(field);
      }
      const direct = await anonymous.get<ApiError>(url('/versions/2/export?format=md&annexes=A,Q'));
      expect([direct.status, direct.body.details?.[0]?.field]).toEqual([400, 'annexes']);
      expect((await coordinator.get<ApiError>('/api/exports/not-a-uuid')).status).toBe(400);
      const after: { n: number }[] = await t.db.query('SELECT count(*)::int AS n FROM export_jobs');
      expect(after).toEqual(before);
    });
  });

  describe('what the document says', () => {
    let markdown: string;

    beforeAll(async () => {
      markdown = (await fileOf(anonymous, url('/versions/2/export?format=md&annexes=A,B,C,D'))).data.toString('utf8');
    });

    it('has the title page, numbered paragraphs and a note on each changed paragraph', () => {
      expect(markdown).toContain('Exports test forum');
      expect(markdown).toContain('Version 2: Label 2');
      expect(markdown).toContain('Published 2 November 2016');
      expect(markdown).toContain('Consultation open 1 October 2016 to 28 October 2016');
      expect(markdown).toContain('Trust takes time and regular meetings.');
      expect(markdown).toContain(ARABIC);
      expect(markdown).toContain('Changed in version 2 after 2 contributions (Government 1, Civil society 1). Dispositions: accepted 1, partially accepted 1.');
      expect(markdown).toContain('Added in version 2 by the editors; no contribution is linked to this change.');
      expect(markdown).not.toContain('Draft-only');
    });

    it('shows each author as they chose, and nothing private', () => {
      expect(markdown).toContain('Nadia Named (Ministry of Trust)');
      expect(markdown).toContain('Open Doors Network');
      expect(markdown).not.toContain('Olga Hidden');
      expect(markdown).not.toContain('Arturo Unseen');
      expect(markdown).not.toContain('Quiet Labs');
      expect(markdown).toContain('Anonymous');
      expect(markdown).not.toContain('withdrawn remark');
      for (const email of emails) expect(markdown).not.toContain(email);
      expect(markdown).not.toContain('@');
    });

    it('has the synthesis table, the disposition of every contribution and the contributors by group', () => {
      expect(markdown).toMatch(/Annex A\. Synthesis of comments by stakeholder group/);
      expect(markdown).toMatch(/\| 2 \| 1 \| 1 \| 0 \| 0 \| 0 \| 0 \| 2 \|/);
      expect(markdown).toMatch(/Annex B\. Disposition of every contribution/);
      expect(markdown).toContain('Now says regular meetings.');
      expect(markdown).toMatch(/Partially accepted/);
      expect(markdown).toMatch(/Annex D\. Contributors by stakeholder group/);
      expect(markdown).toMatch(/Nadia Named, Ministry of Trust \(verified\)/);
      expect(markdown).toMatch(/1 more contributor chose not to be named/);
    });

    it('renders a script in a comment as text', async () => {
      const html = (await fileOf(anonymous, url('/versions/2/export?format=html&annexes=A'))).data.toString('utf8');
      expect(html).toContain('&lt;script&gt;alert(&quot;export&quot;)&lt;/script&gt;');
      expect(html).not.toMatch(/<script/i);
    });
  });

  describe('determinism', () => {
    it('loads the same model twice, apart from the time it was made', async () => {
      const [v2]: { id: string }[] = await t.db.query('SELECT id FROM document_versions WHERE document_id = $1 AND number = 2', [documentId]);
      const sql = typeormSql(t.db);
      const first = await loadExportModel(sql, v2?.id ?? '', ['A', 'B', 'C', 'D'], new Date(0));
      const second = await loadExportModel(sql, v2?.id ?? '', ['A', 'B', 'C', 'D'], new Date(1000));
      expect(second).toEqual({ ...first, generatedAt: new Date(1000).toISOString() });
    });

    it('gives the same Markdown, HTML and DOCX content for the same version', async () => {
      const get = (format: string) => fileOf(coordinator, url(`/versions/2/export?format=${format}&annexes=A,B,C,D`));
      const [md1, md2] = [await get('md'), await get('md')];
      expect(withoutTimestamp(md1.data.toString())).toBe(withoutTimestamp(md2.data.toString()));
      const stamp = /<meta name="dcterms.created" content="[^"]*">/;
      const [html1, html2] = [await get('html'), await get('html')];
      expect(html1.data.toString().replace(stamp, '')).toBe(html2.data.toString().replace(stamp, ''));
      const [docx1, docx2] = [await get('docx'), await get('docx')];
      expect(await documentXml(docx1.data)).toBe(await documentXml(docx2.data));
    });
  });

  describe('jobs', () => {
    it('builds a DOCX with annexes A and B in a worker, reports progress as events, and serves the file', async () => {
      const started = await coordinator.post<ExportJobView>(url('/versions/2/exports'), { format: 'docx', annexes: ['B', 'A'] });
      expect(started.status).toBe(202);
      expect(started.body).toMatchObject({ status: 'queued', progress: 0, format: 'docx', annexes: ['A', 'B'], downloadUrl: null });
      const again = await coordinator.post<ExportJobView>(url('/versions/2/exports'), { format: 'docx', annexes: ['A', 'B'] });
      expect(again.body.id).toBe(started.body.id);

      // The stream ends once the job is done, so the whole body can be read at once.
      const stream = await readEvents(base, coordinator, `/api/exports/${started.body.id}/events`);
      expect([stream.status, stream.type]).toEqual([200, 'text/event-stream']);
      const events = stream.events;
      expect(events.length).toBeGreaterThanOrEqual(2);
      const progress = events.map((e) => e.progress);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      const last = events.at(-1);
      expect(last).toMatchObject({ status: 'done', progress: 1, downloadUrl: `/api/exports/${started.body.id}/file` });
      expect(last?.fileName).toBe(`${SLUG}-v2-annexes-AB.docx`);

      const file = await fileOf(coordinator, last?.downloadUrl ?? '');
      expect(file.status).toBe(200);
      expect(file.data.length).toBe(last?.byteSize);
      const xml = await documentXml(file.data);
      expect(xml).toContain('Trust takes time and regular meetings.');
      expect(xml).toContain('Annex A. Synthesis of comments by stakeholder group');
      expect(xml).toContain('Annex B. Disposition of every contribution');
      expect(xml).not.toContain('Annex C');
    });

    it('builds a PDF that pdftotext reads, Arabic included', async () => {
      const started = await coordinator.post<ExportJobView>(url('/versions/2/exports'), { format: 'pdf', annexes: ['A'] });
      const job = await waitFor(coordinator, started.body.id);
      expect(job.status).toBe('done');
      const file = await fileOf(coordinator, `/api/exports/${job.id}/file`);
      expect(file.data.subarray(0, 5).toString()).toBe('%PDF-');
      const dir = await mkdtemp(join(tmpdir(), 'doorway-pdf-'));
      try {
        await writeFile(join(dir, 'export.pdf'), file.data);
        const { stdout } = await run('pdftotext', [join(dir, 'export.pdf'), '-']);
        const text = stdout.replace(/\s+/g, ' ');
        expect(text).toContain('Trust takes time and regular meetings.');
        expect(text).toContain('Doors that opened: an export test');
        expect(text.normalize('NFKC')).toContain(ARABIC);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('refuses the file until the job is done, and reports a job whose server died as failed', async () => {
      const [row]: { id: string }[] = await t.db.query(
        `INSERT INTO export_jobs (document_id, version_id, requested_by_id, format, status, stage, updated_at)
         SELECT $1, v.id, u.id, 'pdf', 'running', 'writing the file', now() - interval '10 minutes'
           FROM document_versions v, users u WHERE v.document_id = $1 AND v.number = 2 AND u.email = 'coordinator@doorway.test'
         RETURNING id`,
        [documentId],
      );
      const job = await coordinator.get<ExportJobView>(`/api/exports/${row?.id}`);
      expect(job.body).toMatchObject({ status: 'failed', downloadUrl: null });
      expect(job.body.error).toContain('try again');
      await t.db.query(`UPDATE export_jobs SET updated_at = now() WHERE id = $1`, [row?.id]);
      const file = await coordinator.get<ApiError>(`/api/exports/${row?.id}/file`);
      expect([file.status, file.body.error]).toEqual([409, 'EXPORT_NOT_READY']);
    });
  });

  it('sends a large document to a job instead of building it during the request', async () => {
    await t.db.query(
      `INSERT INTO contributions (kind, document_id, version_id, paragraph_id, author_id, author_group, body)
       SELECT 'comment', d.id, v.id, p.id, u.id, 'academia', 'bulk comment ' || g
         FROM documents d JOIN document_versions v ON v.document_id = d.id AND v.number = 1
         JOIN paragraphs p ON p.document_id = d.id AND p.key = 'para-a'
         JOIN users u ON u.email = 'academia1@doorway.test', generate_series(1, $2::int) g
        WHERE d.id = $1`,
      [documentId, DIRECT_EXPORT_MAX_CONTRIBUTIONS],
    );
    const response = await anonymous.get<ApiError>(url('/versions/2/export?format=md'));
    expect([response.status, response.body.error]).toEqual([409, 'EXPORT_TOO_LARGE']);

    // Past the digest threshold, paged formats abridge annexes A and B; Markdown keeps every comment.
    const docxJob = await coordinator.post<ExportJobView>(url('/versions/2/exports'), { format: 'docx', annexes: ['A', 'B'] });
    const md = await coordinator.post<ExportJobView>(url('/versions/2/exports'), { format: 'md', annexes: ['A', 'B'] });
    expect((await waitFor(coordinator, docxJob.body.id)).status).toBe('done');
    expect((await waitFor(coordinator, md.body.id)).status).toBe('done');
    const xml = await documentXml((await fileOf(coordinator, `/api/exports/${docxJob.body.id}/file`)).data);
    expect(xml).toContain('The table counts every one');
    expect(xml).toContain('more contributions from this group on this paragraph');
    expect(xml.match(/bulk comment \d+/g)?.length).toBe(5);
    expect(xml).toContain('too many to list one by one');
    const markdown = (await fileOf(coordinator, `/api/exports/${md.body.id}/file`)).data.toString('utf8');
    expect(markdown.match(/bulk comment \d+/g)?.length).toBe(DIRECT_EXPORT_MAX_CONTRIBUTIONS);
    // Two worker jobs over more than 5,000 contributions: a busy machine needs more than the default 30 s.
  }, 120_000);
});
