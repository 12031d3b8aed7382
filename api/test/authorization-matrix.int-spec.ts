import type { CaseStudyView, CommentView, DraftView, ExportJobView, StakeholderGroup } from '@doorway/contracts';
import { copySeededDocument, SEEDED_SLUG } from './support/document-copy';
import { HttpClient, uniqueEmail } from './support/http-client';
import type { Response } from './support/http-client';
import { loadOpenApi } from './support/openapi';
import type { Endpoint, HttpMethod } from './support/openapi';
import { sseStatus } from './support/sse';
import { startTestApp } from './support/test-app';
import type { TestApp } from './support/test-app';

/**
 * Who may call what: every operation of the app's OpenAPI document, tried as each kind of actor
 * on realistic objects (another participant's comment, a draft case study, an export job, …).
 * A new endpoint fails the completeness test until it has a row here.
 *
 * Anything that publishes, opens a draft or changes the phase happens on a private copy of the
 * seeded document, so the other suites (same database) still see it at version 1 and open.
 */
const PASSWORD = 'doorway-demo-2016';
const COPY = `authz-matrix-${process.pid}`;
const ACTORS = ['anonymous', 'participant', 'other', 'editor', 'coordinator'] as const;
type Actor = (typeof ACTORS)[number];
const SIGNED_IN = ACTORS.filter((a) => a !== 'anonymous');

interface Request {
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Row {
  expect: Record<Actor, number>;
  /** Builds the request each actor sends; may create the objects it needs first. */
  request: (actor: Actor) => Promise<Request> | Request;
  /** Signs in/out or registers: sent from a throwaway client signed in as the actor. */
  session?: boolean;
  /** A server-sent event stream: read over a real socket. */
  sse?: boolean;
  /** Ends every session of the actor: the actor's own client signs in again afterwards. */
  endsSessions?: boolean;
}

/** Shorthands for the expected statuses. */
const all = (status: number): Record<Actor, number> => ({ anonymous: status, participant: status, other: status, editor: status, coordinator: status });
const signedIn = (status: number): Record<Actor, number> => ({ ...all(status), anonymous: 401 });
const editors = (status: number): Record<Actor, number> => ({ anonymous: 401, participant: 403, other: 403, editor: status, coordinator: status });
/** Only the owner (the participant) and, for `staff`, editors; others get `refused`. */
const owner = (status: number, refused: number, staff = refused): Record<Actor, number> => ({
  anonymous: 401,
  participant: status,
  other: refused,
  editor: staff,
  coordinator: staff,
});

const COMPLETE_CASE_STUDY = {
  title: 'A door that opened',
  region: 'NG',
  yearFrom: 2015,
  yearTo: 2016,
  domains: ['human_rights_encryption'],
  stakeholderGroups: ['government', 'civil_society'],
  closedDoor: 'Security policy was drafted behind closed doors.',
  whatOpened: 'An invitation to a round table on the draft bill.',
  outcome: 'Civil society drafted the rights chapter of the bill.',
  lessons: 'Arrive with a concrete text that others can work on.',
  links: [{ url: 'https://example.org/report' }],
  paragraphKeys: [],
  consentToPublish: true,
  attribution: 'named',
};

describe('authorization matrix: every endpoint of the OpenAPI document × every actor', () => {
  let t: TestApp;
  let base: string;
  let endpoints: Endpoint[] = [];
  const clients = {} as Record<Actor, HttpClient>;
  const emails = {} as Record<Actor, string>;
  const ids = {} as Record<Actor, string>;
  let key = '';
  let copyKey = '';
  let seededKey = '';
  let exportJob = '';
  let cases = 0;

  const copy = (path = '') => `/api/documents/${COPY}${path}`;
  const expectStatus = (response: Response, status: number) => {
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  };

  /** A comment by `author` on the copy, for the rows that edit, delete or endorse one. */
  const comment = async (author: Actor = 'participant'): Promise<string> => {
    const response = await clients[author].post<CommentView>(copy(`/paragraphs/${copyKey}/comments`), { body: `A comment by ${author}.` });
    expectStatus(response, 201);
    return response.body.id;
  };
  const caseStudy = async (fields: object = { title: 'A draft of mine' }): Promise<string> => {
    const response = await clients.participant.post<CaseStudyView>(copy('/case-studies'), fields);
    expectStatus(response, 201);
    return response.body.id;
  };
  const submitted = async (): Promise<string> => {
    const id = await caseStudy(COMPLETE_CASE_STUDY);
    expectStatus(await clients.participant.post(`/api/case-studies/${id}/submit`), 200);
    return id;
  };
  const inReview = async (actor: Actor): Promise<string> => {
    const id = await submitted();
    expectStatus(await clients[actor === 'coordinator' ? 'coordinator' : 'editor'].post(`/api/case-studies/${id}/assign`), 200);
    return id;
  };
  /** The If-Match of the copy's draft, opening one if needed (editors only; others get the editor's). */
  const draftTag = async (actor: Actor): Promise<string> => {
    const reader = actor === 'coordinator' ? clients.coordinator : clients.editor;
    const response = await reader.get<DraftView>(copy('/draft'));
    expectStatus(response, 200);
    return `"${response.body.lockVersion}"`;
  };
  const draftBody = async (): Promise<object> => {
    const view = (await clients.editor.get<DraftView>(copy('/draft'))).body;
    return {
      sections: view.sections.map((s) => ({
        key: s.key,
        title: s.title,
        paragraphs: s.paragraphs.map((p) => ({ key: p.key, text: p.text, provenance: [...p.provenance], caseStudyId: p.caseStudyId ?? null })),
      })),
    };
  };
  const draftNumber = async (): Promise<number> => {
    await draftTag('editor');
    const [row]: { number: number }[] = await t.db.query(
      `SELECT v.number FROM document_versions v JOIN documents d ON d.id = v.document_id WHERE d.slug = $1 AND v.status = 'draft'`,
      [COPY],
    );
    return row?.number ?? 0;
  };
  const waitForJob = async (client: HttpClient, id: string): Promise<void> => {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const job = await client.get<ExportJobView>(`/api/exports/${id}`);
      if (job.body.status === 'done') return;
      if (job.body.status === 'failed') throw new Error(`export job ${id} failed`);
      await new Promise((done) => setTimeout(done, 100));
    }
    throw new Error(`export job ${id} did not finish`);
  };

  const rows: Record<string, Row> = {
    'POST /api/auth/register': {
      expect: all(201),
      session: true,
      request: () => ({
        url: '/api/auth/register',
        body: { email: uniqueEmail('matrix'), password: 'correct horse battery', displayName: 'Matrix user', stakeholderGroup: 'academia' },
      }),
    },
    'POST /api/auth/sign-in': {
      expect: all(200),
      session: true,
      request: (actor) => ({ url: '/api/auth/sign-in', body: { email: emails[actor === 'anonymous' ? 'participant' : actor], password: PASSWORD } }),
    },
    'POST /api/auth/sign-out': { expect: all(200), session: true, request: () => ({ url: '/api/auth/sign-out' }) },
    'GET /api/auth/me': { expect: all(200), request: () => ({ url: '/api/auth/me' }) },
    // A wrong current password: past the session check, nothing changes (sessions.int-spec.ts covers success).
    'POST /api/auth/password': {
      expect: signedIn(400),
      request: () => ({ url: '/api/auth/password', body: { currentPassword: 'not the password at all', newPassword: 'another long password' } }),
    },
    'POST /api/auth/sign-out-everywhere': {
      expect: signedIn(200),
      session: true,
      endsSessions: true,
      request: () => ({ url: '/api/auth/sign-out-everywhere' }),
    },
    'GET /api/documents': { expect: all(200), request: () => ({ url: '/api/documents' }) },
    'GET /api/documents/{slug}': { expect: all(200), request: () => ({ url: `/api/documents/${SEEDED_SLUG}` }) },
    // Same phase again: past the role check, nothing changes.
    'PATCH /api/documents/{slug}/phase': {
      expect: { anonymous: 401, participant: 403, other: 403, editor: 403, coordinator: 200 },
      request: () => ({ url: copy('/phase'), body: { phase: 'open' } }),
    },
    'GET /api/documents/{slug}/paragraphs/{key}/comments': { expect: all(200), request: () => ({ url: `/api/documents/${SEEDED_SLUG}/paragraphs/${seededKey}/comments` }) },
    'POST /api/documents/{slug}/paragraphs/{key}/comments': {
      expect: signedIn(201),
      request: () => ({ url: copy(`/paragraphs/${copyKey}/comments`), body: { body: 'A matrix comment.' } }),
    },
    'GET /api/me/comments': { expect: signedIn(200), request: () => ({ url: '/api/me/comments' }) },
    'POST /api/documents/{slug}/paragraphs/{key}/suggestions': {
      expect: signedIn(201),
      request: () => ({ url: copy(`/paragraphs/${copyKey}/suggestions`), body: { proposedText: 'Better text.', body: 'Because.' } }),
    },
    'POST /api/documents/{slug}/paragraphs/{key}/interventions': {
      expect: editors(201),
      request: () => ({
        url: copy(`/paragraphs/${copyKey}/interventions`),
        body: { body: 'Said in the room.', speakerName: 'A speaker', stakeholderGroup: 'government' },
      }),
    },
    'POST /api/comments/{id}/replies': { expect: signedIn(201), request: async () => ({ url: `/api/comments/${await comment()}/replies`, body: { body: 'A reply.' } }) },
    // Only the author edits; editors moderate by deleting, not by rewriting.
    'PATCH /api/comments/{id}': { expect: owner(200, 403), request: async () => ({ url: `/api/comments/${await comment()}`, body: { body: 'Edited.' } }) },
    'DELETE /api/comments/{id}': { expect: owner(200, 403, 200), request: async () => ({ url: `/api/comments/${await comment()}` }) },
    'POST /api/comments/{id}/endorsements': { expect: signedIn(200), request: async () => ({ url: `/api/comments/${await comment('other')}/endorsements` }) },
    'DELETE /api/comments/{id}/endorsements': {
      expect: signedIn(200),
      request: async (actor) => {
        const id = await comment('other');
        if (actor !== 'anonymous') expectStatus(await clients[actor].post(`/api/comments/${id}/endorsements`), 200);
        return { url: `/api/comments/${id}/endorsements` };
      },
    },
    'GET /api/case-studies': { expect: all(200), request: () => ({ url: '/api/case-studies' }) },
    'GET /api/case-studies/queue': { expect: editors(200), request: () => ({ url: '/api/case-studies/queue' }) },
    'GET /api/me/case-studies': { expect: signedIn(200), request: () => ({ url: '/api/me/case-studies' }) },
    // A draft: its submitter and editors see it; anyone else is told it does not exist.
    'GET /api/case-studies/{id}': {
      expect: { anonymous: 404, participant: 200, other: 404, editor: 200, coordinator: 200 },
      request: async () => ({ url: `/api/case-studies/${await caseStudy()}` }),
    },
    'PATCH /api/case-studies/{id}': { expect: owner(200, 404), request: async () => ({ url: `/api/case-studies/${await caseStudy()}`, body: { title: 'Renamed' } }) },
    'POST /api/documents/{slug}/case-studies': { expect: signedIn(201), request: () => ({ url: copy('/case-studies'), body: { title: 'Started' } }) },
    'POST /api/case-studies/{id}/submit': { expect: owner(200, 404), request: async () => ({ url: `/api/case-studies/${await caseStudy(COMPLETE_CASE_STUDY)}/submit` }) },
    'POST /api/case-studies/{id}/assign': { expect: editors(200), request: async () => ({ url: `/api/case-studies/${await submitted()}/assign` }) },
    // changes_requested, not accepted: the public gallery (shared by every suite) stays as it was.
    'POST /api/case-studies/{id}/decision': {
      expect: editors(200),
      request: async (actor) => ({
        url: `/api/case-studies/${await inReview(actor)}/decision`,
        body: { decision: 'changes_requested', message: 'Please add a source.' },
      }),
    },
    'GET /api/health': { expect: all(200), request: () => ({ url: '/api/health' }) },
    'GET /api/ready': { expect: all(200), request: () => ({ url: '/api/ready' }) },
    'GET /api/documents/{slug}/triage': { expect: editors(200), request: () => ({ url: copy('/triage') }) },
    'POST /api/documents/{slug}/triage/bulk': {
      expect: editors(200),
      request: async () => ({ url: copy('/triage/bulk'), body: { ids: [await comment()], disposition: 'noted' } }),
    },
    'PATCH /api/contributions/{id}/disposition': {
      expect: editors(200),
      request: async () => ({ url: `/api/contributions/${await comment()}/disposition`, body: { disposition: 'noted' } }),
    },
    'GET /api/contributions/{id}/dispositions': { expect: editors(200), request: async () => ({ url: `/api/contributions/${await comment()}/dispositions` }) },
    'GET /api/documents/{slug}/versions': { expect: all(200), request: () => ({ url: `/api/documents/${SEEDED_SLUG}/versions` }) },
    'GET /api/documents/{slug}/versions/{number}': { expect: all(200), request: () => ({ url: `/api/documents/${SEEDED_SLUG}/versions/1` }) },
    'GET /api/documents/{slug}/diff': { expect: all(200), request: () => ({ url: copy('/diff?from=1&to=1') }) },
    'GET /api/documents/{slug}/paragraphs/{key}/history': { expect: all(200), request: () => ({ url: `/api/documents/${SEEDED_SLUG}/paragraphs/${seededKey}/history` }) },
    'GET /api/documents/{slug}/draft': { expect: editors(200), request: () => ({ url: copy('/draft') }) },
    // The current ETag and the draft unchanged: allowed roles save for real.
    'PUT /api/documents/{slug}/draft': {
      expect: editors(200),
      request: async (actor) => ({ url: copy('/draft'), headers: { 'if-match': await draftTag(actor) }, body: await draftBody() }),
    },
    'POST /api/documents/{slug}/draft/publish': {
      expect: editors(200),
      request: async (actor) => ({ url: copy('/draft/publish'), headers: { 'if-match': await draftTag(actor) }, body: { label: `Published by ${actor}` } }),
    },
    'GET /api/open-data/schema': { expect: all(200), request: () => ({ url: '/api/open-data/schema' }) },
    'GET /api/documents/{slug}/open-data/contributions': { expect: all(200), request: () => ({ url: `/api/documents/${SEEDED_SLUG}/open-data/contributions` }) },
    'GET /api/documents/{slug}/open-data/contributions.csv': { expect: all(200), request: () => ({ url: `/api/documents/${SEEDED_SLUG}/open-data/contributions.csv` }) },
    'GET /api/documents/{slug}/open-data/contributions.json': { expect: all(200), request: () => ({ url: `/api/documents/${SEEDED_SLUG}/open-data/contributions.json` }) },
    'GET /api/documents/{slug}/open-data/case-studies.csv': { expect: all(200), request: () => ({ url: `/api/documents/${SEEDED_SLUG}/open-data/case-studies.csv` }) },
    'GET /api/documents/{slug}/open-data/case-studies.json': { expect: all(200), request: () => ({ url: `/api/documents/${SEEDED_SLUG}/open-data/case-studies.json` }) },
    'GET /api/documents/{slug}/versions/{number}/export': { expect: all(200), request: () => ({ url: copy('/versions/1/export?format=md') }) },
    'POST /api/documents/{slug}/versions/{number}/exports': { expect: signedIn(202), request: () => ({ url: copy('/versions/1/exports'), body: { format: 'md', annexes: [] } }) },
    // The participant's finished job: nobody else's business, editors included.
    'GET /api/exports/{id}': { expect: owner(200, 404), request: () => ({ url: `/api/exports/${exportJob}` }) },
    'GET /api/exports/{id}/events': { expect: owner(200, 404), sse: true, request: () => ({ url: `/api/exports/${exportJob}/events` }) },
    'GET /api/exports/{id}/file': { expect: owner(200, 404), request: () => ({ url: `/api/exports/${exportJob}/file` }) },
    'GET /api/documents/{slug}/events': { expect: all(200), sse: true, request: () => ({ url: `/api/documents/${SEEDED_SLUG}/events` }) },
    // Moderation: anyone signed in reports someone else's comment (not their own: `other` wrote it).
    'POST /api/comments/{id}/reports': {
      expect: { anonymous: 401, participant: 201, other: 403, editor: 201, coordinator: 201 },
      request: async () => ({ url: `/api/comments/${await comment('other')}/reports`, body: { reason: 'Not about the paragraph.' } }),
    },
    'GET /api/moderation/queue': { expect: editors(200), request: () => ({ url: `/api/moderation/queue?document=${COPY}` }) },
    'POST /api/contributions/{id}/hide': {
      expect: editors(200),
      request: async () => ({ url: `/api/contributions/${await comment()}/hide`, body: { reason: 'Hidden by the matrix.' } }),
    },
    'POST /api/contributions/{id}/restore': {
      expect: editors(200),
      request: async () => {
        const id = await comment();
        expectStatus(await clients.editor.post(`/api/contributions/${id}/hide`, { reason: 'Hidden to be restored.' }), 200);
        return { url: `/api/contributions/${id}/restore`, body: { reason: 'Restored by the matrix.' } };
      },
    },
    // Coordinators only: the audit log and the users; the participant is the target, so the
    // refusals are also the participant changing their own role or verification.
    'GET /api/audit': { expect: { ...editors(403), coordinator: 200 }, request: () => ({ url: `/api/audit?document=${COPY}` }) },
    'GET /api/users': { expect: { ...editors(403), coordinator: 200 }, request: () => ({ url: '/api/users?limit=5' }) },
    'PATCH /api/users/{id}/role': {
      expect: { ...editors(403), coordinator: 200 },
      request: () => ({ url: `/api/users/${ids.participant}/role`, body: { role: 'participant' } }),
    },
    'PATCH /api/users/{id}/verification': {
      expect: { ...editors(403), coordinator: 200 },
      request: () => ({ url: `/api/users/${ids.participant}/verification`, body: { verified: false } }),
    },
  };

  /** Sends one row's request as `actor` and returns the status. */
  const send = async (method: HttpMethod, row: Row, actor: Actor): Promise<Response> => {
    const request = await row.request(actor);
    if (row.sse) {
      const { status, body } = await sseStatus(base, request.url, clients[actor].cookieHeader);
      return { status, body, headers: {} };
    }
    let client = clients[actor];
    if (row.session) {
      client = new HttpClient(t.app);
      if (actor !== 'anonymous') expectStatus(await client.signIn(emails[actor], PASSWORD), 200);
    }
    const response = await client.request(method, request.url, request.body, { headers: request.headers });
    if (row.endsSessions && actor !== 'anonymous') expectStatus(await clients[actor].signIn(emails[actor], PASSWORD), 200);
    return response;
  };

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = await t.app.getUrl();
    for (const actor of ACTORS) clients[actor] = new HttpClient(t.app);
    emails.editor = 'editor1@doorway.test';
    emails.coordinator = 'coordinator@doorway.test';
    for (const [actor, group] of [['participant', 'civil_society'], ['other', 'government']] as [Actor, StakeholderGroup][]) {
      emails[actor] = uniqueEmail(`matrix-${actor}`);
      await clients[actor].register(group, { email: emails[actor], password: PASSWORD });
    }
    for (const actor of ['editor', 'coordinator'] as const) expectStatus(await clients[actor].signIn(emails[actor], PASSWORD), 200);
    for (const actor of SIGNED_IN) {
      const [row]: { id: string }[] = await t.db.query('SELECT id FROM users WHERE email = $1', [emails[actor]]);
      ids[actor] = row?.id ?? '';
    }
    const copied = await copySeededDocument(t.db, COPY, 'm-');
    expect(copied.keys).toHaveLength(61);
    copyKey = copied.keys[1] ?? '';
    const [seeded]: { key: string }[] = await t.db.query(
      `SELECT p.key FROM paragraph_revisions r JOIN paragraphs p ON p.id = r.paragraph_id
         JOIN document_versions v ON v.id = r.version_id AND v.number = 1 JOIN documents d ON d.id = v.document_id AND d.slug = $1
        ORDER BY r.position LIMIT 1 OFFSET 1`,
      [SEEDED_SLUG],
    );
    seededKey = seeded?.key ?? '';
    key = copyKey;
    const job = await clients.participant.post<ExportJobView>(copy('/versions/1/exports'), { format: 'md', annexes: [] });
    expectStatus(job, 202);
    exportJob = job.body.id;
    await waitForJob(clients.participant, exportJob);
    endpoints = (await loadOpenApi(clients.anonymous)).endpoints;
  });
  afterAll(async () => {
    // Give the export jobs this suite started a moment to finish (workers run one after another);
    // any still queued are marked failed by the runner on shutdown, which concerns only our copy.
    const deadline = Date.now() + 8_000;
    for (;;) {
      const [pending]: { n: number }[] = await t.db.query(
        `SELECT count(*)::int AS n FROM export_jobs j JOIN documents d ON d.id = j.document_id WHERE d.slug = $1 AND j.status IN ('queued', 'running')`,
        [COPY],
      );
      if (!pending?.n || Date.now() > deadline) break;
      await new Promise((done) => setTimeout(done, 100));
    }
    // The seeded document is untouched (only the copy was published and phased); check it.
    const [seeded]: { phase: string; versions: number }[] = await t.db.query(
      `SELECT d.phase, (SELECT count(*)::int FROM document_versions v WHERE v.document_id = d.id) AS versions FROM documents d WHERE d.slug = $1`,
      [SEEDED_SLUG],
    );
    console.log(`authorization matrix: ${Object.keys(rows).length} endpoints, ${cases} (endpoint, actor) cases`);
    await t.close();
    expect(seeded).toEqual({ phase: 'open', versions: 1 });
  });

  it('has a row for every endpoint of the OpenAPI document, and none for an endpoint that is gone', () => {
    const documented = endpoints.map((e) => e.key).sort();
    expect(documented.length).toBeGreaterThan(40);
    expect({ missingRows: documented.filter((k) => !(k in rows)), staleRows: Object.keys(rows).filter((k) => !documented.includes(k)) }).toEqual({
      missingRows: [],
      staleRows: [],
    });
  });

  for (const [name, row] of Object.entries(rows)) {
    it(`${name}: ${ACTORS.map((a) => `${a} ${row.expect[a]}`).join(', ')}`, async () => {
      const method = name.split(' ')[0] as HttpMethod;
      const seen = {} as Record<Actor, number>;
      const bodies: Partial<Record<Actor, string>> = {};
      // One actor after another: the rows that publish or open drafts depend on the order.
      for (const actor of ACTORS) {
        const response = await send(method, row, actor);
        seen[actor] = response.status;
        if (response.status !== row.expect[actor]) bodies[actor] = JSON.stringify(response.body).slice(0, 300);
        if (response.status >= 400) {
          expect(response.body).toEqual(expect.objectContaining({ statusCode: response.status, error: expect.any(String), message: expect.any(String) }));
        }
        cases += 1;
      }
      expect({ seen, bodies }).toEqual({ seen: row.expect, bodies: {} });
    });
  }

  describe('IDOR and privilege escalation, by name', () => {
    it("another participant cannot edit the participant's comment, and its text stays", async () => {
      const id = await comment('participant');
      const response = await clients.other.patch(`/api/comments/${id}`, { body: 'Hijacked.' });
      expect(response.status).toBe(403);
      const [row]: { body: string }[] = await t.db.query('SELECT body FROM contributions WHERE id = $1', [id]);
      expect(row?.body).toBe('A comment by participant.');
    });

    it("another participant cannot delete the participant's comment", async () => {
      const id = await comment('participant');
      expect((await clients.other.delete(`/api/comments/${id}`)).status).toBe(403);
      const [row]: { deleted_at: Date | null }[] = await t.db.query('SELECT deleted_at FROM contributions WHERE id = $1', [id]);
      expect(row?.deleted_at).toBeNull();
    });

    it("another participant cannot read, edit or submit the participant's draft case study (404: not even its existence)", async () => {
      const id = await caseStudy({ title: 'My private draft' });
      expect((await clients.other.get(`/api/case-studies/${id}`)).status).toBe(404);
      expect((await clients.anonymous.get(`/api/case-studies/${id}`)).status).toBe(404);
      expect((await clients.other.patch(`/api/case-studies/${id}`, { title: 'Hijacked' })).status).toBe(404);
      expect((await clients.other.post(`/api/case-studies/${id}/submit`)).status).toBe(404);
      const gallery = await clients.other.get<{ items?: { id: string }[] }>('/api/case-studies');
      expect(JSON.stringify(gallery.body)).not.toContain(id);
      const [row]: { title: string; status: string }[] = await t.db.query('SELECT title, status FROM case_studies WHERE id = $1', [id]);
      expect(row).toEqual({ title: 'My private draft', status: 'draft' });
    });

    it('endorsing twice is refused and counts once', async () => {
      const id = await comment('participant');
      expect((await clients.other.post(`/api/comments/${id}/endorsements`)).status).toBe(200);
      const again = await clients.other.post(`/api/comments/${id}/endorsements`);
      expect(again.status).toBe(409);
      const [row]: { n: number }[] = await t.db.query('SELECT count(*)::int AS n FROM endorsements WHERE contribution_id = $1', [id]);
      expect(row?.n).toBe(1);
    });

    it('a participant cannot export an unpublished draft version, directly or as a job; an editor can', async () => {
      const number = await draftNumber();
      expect(number).toBeGreaterThan(1);
      for (const actor of ['anonymous', 'participant', 'other'] as const) {
        expect((await clients[actor].get(copy(`/versions/${number}/export?format=md`))).status).toBe(404);
        expect((await clients[actor].post(copy(`/versions/${number}/exports`), { format: 'md', annexes: [] })).status).toBe(actor === 'anonymous' ? 401 : 404);
        expect((await clients[actor].get(copy(`/versions/${number}`))).status).toBe(404);
      }
      expect((await clients.editor.get(copy(`/versions/${number}/export?format=md`))).status).toBe(200);
      expect((await clients.editor.post(copy(`/versions/${number}/exports`), { format: 'md', annexes: [] })).status).toBe(202);
    });

    it("cannot read another participant's export job or its file", async () => {
      expect((await clients.other.get(`/api/exports/${exportJob}`)).status).toBe(404);
      expect((await clients.other.get(`/api/exports/${exportJob}/file`)).status).toBe(404);
    });

    it('roles and group verification change only through the coordinators\' endpoints; nobody changes their own role', async () => {
      const writable = endpoints.filter((e) => e.method !== 'GET').map((e) => e.path);
      expect(writable.filter((p) => /\/(users|me|profile)(\/|$)/.test(p)).sort()).toEqual(['/api/users/{id}/role', '/api/users/{id}/verification']);
      for (const actor of ['participant', 'other', 'editor'] as const) {
        expect((await clients[actor].patch(`/api/users/${ids[actor]}/role`, { role: 'coordinator' })).status).toBe(403);
        expect((await clients[actor].patch(`/api/users/${ids[actor]}/verification`, { verified: true })).status).toBe(403);
      }
      expect((await clients.coordinator.patch(`/api/users/${ids.coordinator}/role`, { role: 'participant' })).status).toBe(403);
      const rows: { role: string; group_verified: boolean }[] = await t.db.query(
        'SELECT role, group_verified FROM users WHERE id = ANY($1::uuid[]) ORDER BY array_position($1::uuid[], id)',
        [[ids.participant, ids.other, ids.editor, ids.coordinator]],
      );
      expect(rows.map((r) => [r.role, r.group_verified])).toEqual([
        ['participant', false],
        ['participant', false],
        ['editor', expect.any(Boolean)],
        ['coordinator', expect.any(Boolean)],
      ]);
    });

    it('registration refuses role, groupVerified and other mass-assigned fields, and the account stays a participant', async () => {
      const email = uniqueEmail('escalate');
      const client = new HttpClient(t.app);
      const base = { email, password: 'correct horse battery', displayName: 'Escalator', stakeholderGroup: 'academia' };
      for (const extra of [{ role: 'coordinator' }, { groupVerified: true }, { role: 'editor', groupVerified: true }, { id: ids.coordinator }]) {
        const response = await client.post('/api/auth/register', { ...base, ...extra });
        expect(response.status).toBe(400);
      }
      const [none]: { n: number }[] = await t.db.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [email]);
      expect(none?.n).toBe(0);
      expect((await client.post('/api/auth/register', base)).status).toBe(201);
      const [row]: { role: string; group_verified: boolean }[] = await t.db.query('SELECT role, group_verified FROM users WHERE email = $1', [email]);
      expect(row).toEqual({ role: 'participant', group_verified: false });
    });

    it('user-writable bodies refuse role, groupVerified and stakeholderGroup; the stored user is unchanged', async () => {
      const commentId = await comment('participant');
      const studyId = await caseStudy();
      const escalations = { role: 'coordinator', groupVerified: true, stakeholderGroup: 'government' };
      const attempts: [HttpMethod, string, object][] = [
        ['POST', copy(`/paragraphs/${key}/comments`), { body: 'Hello.' }],
        ['POST', copy(`/paragraphs/${key}/suggestions`), { proposedText: 'x', body: 'y' }],
        ['POST', `/api/comments/${commentId}/replies`, { body: 'Hello.' }],
        ['PATCH', `/api/comments/${commentId}`, { body: 'Hello.' }],
        ['POST', copy('/case-studies'), { title: 'x' }],
        ['PATCH', `/api/case-studies/${studyId}`, { title: 'x' }],
        ['POST', copy('/versions/1/exports'), { format: 'md', annexes: [] }],
      ];
      for (const [method, url, body] of attempts) {
        for (const [field, value] of Object.entries(escalations)) {
          const response = await clients.participant.request(method, url, { ...body, [field]: value });
          expect({ url, field, status: response.status }).toEqual({ url, field, status: 400 });
        }
      }
      // Sign-in is checked by the local strategy, not the validation pipe: extra fields are ignored.
      for (const [field, value] of Object.entries(escalations)) {
        const response = await clients.participant.post<{ user: { role: string; stakeholderGroup: string } }>('/api/auth/sign-in', {
          email: emails.participant,
          password: PASSWORD,
          [field]: value,
        });
        expect(response.status).toBe(200);
        expect([response.body.user.role, response.body.user.stakeholderGroup]).toEqual(['participant', 'civil_society']);
      }
      const [row]: { role: string; group_verified: boolean; stakeholder_group: string }[] = await t.db.query(
        'SELECT role, group_verified, stakeholder_group FROM users WHERE id = $1',
        [ids.participant],
      );
      expect(row).toEqual({ role: 'participant', group_verified: false, stakeholder_group: 'civil_society' });
      const me = await clients.participant.get<{ user: { role: string } }>('/api/auth/me');
      expect(me.body.user.role).toBe('participant');
    });
  });
});
