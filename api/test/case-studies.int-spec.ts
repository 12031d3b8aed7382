import type { ApiError, CaseStudyCard, CaseStudyGallery, CaseStudyView, DocumentVersionView, SaveCaseStudyRequest } from '@doorway/contracts';
import { HttpClient } from './support/http-client';
import { startTestApp } from './support/test-app';
import type { TestApp } from './support/test-app';

const SLUG = 'bpf-cybersecurity-2016';

const complete = (title: string): SaveCaseStudyRequest => ({
  title,
  region: 'KE',
  yearFrom: 2014,
  yearTo: 2016,
  domains: ['incident_response', 'capacity_building'],
  stakeholderGroups: ['government', 'technical_community'],
  closedDoor: 'The national CERT and the ministry had never met outside a crisis.',
  whatOpened: 'A monthly open briefing where operators could ask the ministry anything.',
  outcome: 'Incident reports doubled and the ministry consulted operators on its strategy.',
  lessons: 'Regular, boring meetings build the trust that crises cannot; zanzibarite is our codeword.',
  links: [{ url: 'https://example.org/briefings', title: 'Briefings' }],
  paragraphKeys: [],
  consentToPublish: true,
  attribution: 'organisation',
});

describe('case studies', () => {
  let t: TestApp;
  let submitter: HttpClient;
  let other: HttpClient;
  let editor: HttpClient;
  let anonymous: HttpClient;
  let paragraphKey: string;

  beforeAll(async () => {
    t = await startTestApp();
    submitter = new HttpClient(t.app);
    other = new HttpClient(t.app);
    editor = new HttpClient(t.app);
    anonymous = new HttpClient(t.app);
    await submitter.register('government', { displayName: 'Wanjiru Kamau', organisation: 'Ministry of ICT' });
    await other.register('civil_society');
    await editor.signIn('editor1@doorway.test', 'doorway-demo-2016');
    const doc = await anonymous.get<DocumentVersionView>(`/api/documents/${SLUG}`);
    paragraphKey = doc.body.sections[3]?.paragraphs[0]?.key ?? '';
  });
  afterAll(() => t.close());

  const start = async (body: SaveCaseStudyRequest = {}) => {
    const response = await submitter.post<CaseStudyView>(`/api/documents/${SLUG}/case-studies`, body);
    expect(response.status).toBe(201);
    return response.body;
  };

  it('runs the whole lifecycle, keeping every transition with who and when', async () => {
    const draft = await start({ title: 'Briefings that opened the CERT' });
    expect(draft.status).toBe('draft');

    const saved = await submitter.patch<CaseStudyView>(`/api/case-studies/${draft.id}`, { ...complete('Briefings that opened the CERT'), paragraphKeys: [paragraphKey] });
    expect(saved.status).toBe(200);
    expect(saved.body.paragraphKeys).toEqual([paragraphKey]);

    expect((await submitter.post<CaseStudyView>(`/api/case-studies/${draft.id}/submit`)).body.status).toBe('submitted');
    expect((await editor.post<CaseStudyView>(`/api/case-studies/${draft.id}/assign`)).body.status).toBe('in_review');
    const sentBack = await editor.post<CaseStudyView>(`/api/case-studies/${draft.id}/decision`, {
      decision: 'changes_requested',
      message: 'Please say which year the briefings started.',
    });
    expect(sentBack.body.status).toBe('changes_requested');

    const mine = await submitter.get<CaseStudyView>(`/api/case-studies/${draft.id}`);
    expect(mine.body.reviewMessage).toBe('Please say which year the briefings started.');
    await submitter.patch(`/api/case-studies/${draft.id}`, { yearFrom: 2013 });
    await submitter.post(`/api/case-studies/${draft.id}/submit`);
    await editor.post(`/api/case-studies/${draft.id}/assign`);
    const accepted = await editor.post<CaseStudyView>(`/api/case-studies/${draft.id}/decision`, { decision: 'accepted' });
    expect(accepted.body.status).toBe('accepted');

    const history = (await submitter.get<CaseStudyView>(`/api/case-studies/${draft.id}`)).body.transitions ?? [];
    expect(history.map((h) => `${h.from ?? '-'}>${h.to}`)).toEqual([
      '->draft', 'draft>submitted', 'submitted>in_review', 'in_review>changes_requested',
      'changes_requested>submitted', 'submitted>in_review', 'in_review>accepted',
    ]);
    expect(history[3]?.message).toBe('Please say which year the briefings started.');
    expect(history[2]?.by).not.toBe(history[1]?.by);

    // Public now, attributed as chosen (organisation only), without review internals.
    const shown = await anonymous.get<CaseStudyView>(`/api/case-studies/${draft.id}`);
    expect(shown.status).toBe(200);
    expect(shown.body.submittedBy).toEqual({ kind: 'organisation', name: null, organisation: 'Ministry of ICT' });
    expect(shown.body.transitions).toBeUndefined();
    expect(shown.body.reviewMessage).toBeNull();

    // The related paragraph shows it.
    const doc = await anonymous.get<DocumentVersionView>(`/api/documents/${SLUG}`);
    const related = doc.body.sections.flatMap((s) => s.paragraphs).find((p) => p.key === paragraphKey);
    expect(related?.caseStudies.map((c) => c.id)).toContain(draft.id);
  });

  it('refuses every transition that is not allowed', async () => {
    const draft = await start(complete('Refusals'));
    const url = `/api/case-studies/${draft.id}`;
    expect((await editor.post<ApiError>(`${url}/assign`)).status).toBe(409);
    expect((await editor.post<ApiError>(`${url}/decision`, { decision: 'accepted' })).status).toBe(409);
    await submitter.post(`${url}/submit`);
    expect((await submitter.post<ApiError>(`${url}/submit`)).status).toBe(409);
    expect((await submitter.patch<ApiError>(url, { title: 'Changed after submission' })).status).toBe(409);
    expect((await editor.post<ApiError>(`${url}/decision`, { decision: 'accepted' })).status).toBe(409);
    await editor.post(`${url}/assign`);
    const noReason = await editor.post<ApiError>(`${url}/decision`, { decision: 'declined' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details?.[0]?.field).toBe('message');
    const declined = await editor.post<CaseStudyView>(`${url}/decision`, { decision: 'declined', message: 'Out of scope for this forum.' });
    expect(declined.body.status).toBe('declined');
    expect((await editor.post<ApiError>(`${url}/decision`, { decision: 'accepted' })).status).toBe(409);
    expect((await submitter.post<ApiError>(`${url}/submit`)).status).toBe(409);
    expect((await anonymous.get<ApiError>(url)).status).toBe(404);
  });

  it('will not submit an incomplete case study, naming each missing field', async () => {
    const draft = await start({ title: 'Half done', consentToPublish: false });
    const response = await submitter.post<ApiError>(`/api/case-studies/${draft.id}/submit`);
    expect(response.status).toBe(400);
    const fields = (response.body.details ?? []).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['region', 'yearFrom', 'domains', 'stakeholderGroups', 'closedDoor', 'whatOpened', 'outcome', 'lessons', 'consentToPublish']));
    expect((await submitter.get<CaseStudyView>(`/api/case-studies/${draft.id}`)).body.status).toBe('draft');
  });

  it("hides a draft from everyone but its submitter and editors, and lets nobody else change it", async () => {
    const draft = await start(complete('Private draft'));
    const url = `/api/case-studies/${draft.id}`;
    expect((await other.get<ApiError>(url)).status).toBe(404);
    expect((await anonymous.get<ApiError>(url)).status).toBe(404);
    expect((await editor.get(url)).status).toBe(200);
    expect((await other.patch<ApiError>(url, { title: 'Mine now' })).status).toBe(404);
    expect((await other.post<ApiError>(`${url}/submit`)).status).toBe(404);
    expect((await editor.patch<ApiError>(url, { title: 'Editors do not rewrite' })).status).toBe(404);
    expect((await submitter.get<CaseStudyView>(url)).body.title).toBe('Private draft');
  });

  it('keeps review actions for editors, and status, author and verification out of reach', async () => {
    const draft = await start(complete('Self-acceptance attempt'));
    const url = `/api/case-studies/${draft.id}`;
    await submitter.post(`${url}/submit`);
    const assign = await submitter.post<ApiError>(`${url}/assign`);
    expect(assign.status).toBe(403);
    expect(assign.body.error).toBe('ROLE_REQUIRED');
    expect((await submitter.post<ApiError>(`${url}/decision`, { decision: 'accepted' })).status).toBe(403);
    expect((await submitter.get<ApiError>('/api/case-studies/queue')).status).toBe(403);
    const sneaky = await submitter.post<ApiError>(`/api/documents/${SLUG}/case-studies`, { title: 'x', status: 'accepted', authorId: 'someone' });
    expect(sneaky.status).toBe(400);
    expect(sneaky.body.details?.map((d) => d.field).sort()).toEqual(['authorId', 'status']);
    expect((await anonymous.post<ApiError>(`/api/documents/${SLUG}/case-studies`, {})).status).toBe(401);
  });

  it('validates fields by name: bad links, regions, years, unknown paragraphs', async () => {
    const draft = await start();
    const response = await submitter.patch<ApiError>(`/api/case-studies/${draft.id}`, {
      links: [{ url: 'javascript:alert(1)' }],
      region: 'Narnia',
      yearFrom: 1800,
      domains: ['astrology'],
    });
    expect(response.status).toBe(400);
    expect(response.body.details?.map((d) => d.field).sort()).toEqual(['domains', 'links.0.url', 'region', 'yearFrom']);
    const tooMany = await submitter.patch<ApiError>(`/api/case-studies/${draft.id}`, {
      links: Array.from({ length: 11 }, (_, i) => ({ url: `https://example.org/${i}` })),
    });
    expect(tooMany.body.details?.[0]?.field).toBe('links');
    const unknown = await submitter.patch<ApiError>(`/api/case-studies/${draft.id}`, { region: 'ZZ', paragraphKeys: ['no-such-paragraph'] });
    expect(unknown.body.details?.map((d) => d.field)).toEqual(['region', 'paragraphKeys']);
  });

  it('stores HTML as inert text', async () => {
    const draft = await start({ title: '<img src=x onerror=alert(1)> story' });
    expect((await submitter.get<CaseStudyView>(`/api/case-studies/${draft.id}`)).body.title).toBe('<img src=x onerror=alert(1)> story');
  });

  it('lists the editor queue and my case studies', async () => {
    const draft = await start(complete('Queued one'));
    await submitter.post(`/api/case-studies/${draft.id}/submit`);
    const queue = await editor.get<CaseStudyCard[]>('/api/case-studies/queue?status=submitted');
    expect(queue.body.map((c) => c.id)).toContain(draft.id);
    expect(queue.body.every((c) => c.status === 'submitted')).toBe(true);
    const mine = await submitter.get<CaseStudyCard[]>('/api/me/case-studies');
    expect(mine.body.map((c) => c.title)).toEqual(expect.arrayContaining(['Queued one', 'Private draft']));
    expect((await other.get<CaseStudyCard[]>('/api/me/case-studies')).body.map((c) => c.id)).not.toContain(draft.id);
  });

  describe('gallery', () => {
    it('searches accepted case studies by a word from their lessons, with facets', async () => {
      const found = await anonymous.get<CaseStudyGallery>('/api/case-studies?q=zanzibarite');
      expect(found.status).toBe(200);
      expect(found.body.items.map((c) => c.title)).toEqual(['Briefings that opened the CERT']);
      expect(found.body.total).toBe(1);
      expect(found.body.facets.region).toEqual([{ value: 'KE', count: 1 }]);
    });

    it('never shows what is not accepted', async () => {
      const all = await anonymous.get<CaseStudyGallery>('/api/case-studies?limit=100');
      expect(all.body.items.every((c) => c.status === 'accepted')).toBe(true);
      expect(all.body.items.map((c) => c.title)).not.toContain('Private draft');
    });

    it('filters by domain, region, group and year, and counts each facet without its own filter', async () => {
      const all = await anonymous.get<CaseStudyGallery>('/api/case-studies?limit=100');
      const filtered = await anonymous.get<CaseStudyGallery>('/api/case-studies?domain=incident_response&year=2015&group=technical_community');
      expect(filtered.body.items.length).toBeGreaterThan(0);
      for (const card of filtered.body.items) {
        expect(card.domains).toContain('incident_response');
        expect(card.stakeholderGroups).toContain('technical_community');
        expect(card.yearFrom ?? 0).toBeLessThanOrEqual(2015);
        expect(card.yearTo ?? card.yearFrom ?? 0).toBeGreaterThanOrEqual(2015);
      }
      // The domain facet ignores the domain filter, so other domains still show a count.
      expect(filtered.body.facets.domain.length).toBeGreaterThan(1);
      const sum = all.body.facets.region.reduce((n, f) => n + f.count, 0);
      expect(sum).toBe(all.body.total);
    });

    it('rejects bad filters with 400', async () => {
      for (const query of ['domain=astrology', 'group=aliens', 'year=abc', 'limit=0']) {
        expect({ query, status: (await anonymous.get(`/api/case-studies?${query}`)).status }).toEqual({ query, status: 400 });
      }
    });
  });
});
