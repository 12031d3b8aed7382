import type {
  ApiError,
  CommentPage,
  CommentView,
  DispositionChangeView,
  DocumentVersionView,
  MyCommentView,
  ParagraphView,
  TriageItem,
  TriagePage,
} from '@doorway/contracts';
import { HttpClient } from './support/http-client';
import { startTestApp } from './support/test-app';
import type { TestApp } from './support/test-app';

const SLUG = 'bpf-cybersecurity-2016';

describe('editor workflow: suggestions, endorsements, interventions and triage', () => {
  let t: TestApp;
  let paragraphs: ParagraphView[];
  let alice: HttpClient;
  let bob: HttpClient;
  let carol: HttpClient;
  let editor: HttpClient;
  let anonymous: HttpClient;

  beforeAll(async () => {
    t = await startTestApp();
    anonymous = new HttpClient(t.app);
    alice = new HttpClient(t.app);
    bob = new HttpClient(t.app);
    carol = new HttpClient(t.app);
    editor = new HttpClient(t.app);
    await alice.register('civil_society', { displayName: 'Alice Mwangi' });
    await bob.register('technical_community');
    await carol.register('government');
    await editor.signIn('editor2@doorway.test', 'doorway-demo-2016');
    paragraphs = (await anonymous.get<DocumentVersionView>(`/api/documents/${SLUG}`)).body.sections.flatMap((s) => s.paragraphs);
  });
  afterAll(() => t.close());

  const p = (n: number): ParagraphView => {
    const found = paragraphs[n - 1];
    if (!found) throw new Error(`no paragraph ${n}`);
    return found;
  };
  const url = (n: number, what = 'comments') => `/api/documents/${SLUG}/paragraphs/${p(n).key}/${what}`;
  const current = async (n: number) =>
    (await anonymous.get<DocumentVersionView>(`/api/documents/${SLUG}`)).body.sections.flatMap((s) => s.paragraphs)[n - 1];

  describe('suggested edits', () => {
    it('carries the proposed text and shows in the thread as a suggestion', async () => {
      const created = await alice.post<CommentView>(url(12, 'suggestions'), {
        proposedText: `${p(12).text} Travel support for remote participants should be budgeted from the start.`,
        body: 'Cost is the barrier we hear most about.',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ kind: 'suggestion', disposition: 'pending', body: 'Cost is the barrier we hear most about.' });
      expect(created.body.proposedText).toContain('Travel support for remote participants');
      const thread = await anonymous.get<CommentPage>(`${url(12)}?limit=100`);
      expect(thread.body.items.find((c) => c.id === created.body.id)?.kind).toBe('suggestion');
    });

    it('can be withdrawn by its author until it is triaged, and not after', async () => {
      const first = (await alice.post<CommentView>(url(13, 'suggestions'), { proposedText: 'Shorter text.', body: 'Too long.' })).body;
      expect((await bob.delete<ApiError>(`/api/comments/${first.id}`)).status).toBe(403);
      expect((await alice.delete<CommentView>(`/api/comments/${first.id}`)).body.deleted).toBe(true);

      const second = (await alice.post<CommentView>(url(13, 'suggestions'), { proposedText: 'Other text.', body: 'Clearer.' })).body;
      await editor.patch(`/api/contributions/${second.id}/disposition`, { disposition: 'noted' });
      const late = await alice.delete<ApiError>(`/api/comments/${second.id}`);
      expect(late.status).toBe(409);
      expect(late.body.error).toBe('SUGGESTION_TRIAGED');
    });

    it('needs both the proposed text and the reason', async () => {
      const response = await alice.post<ApiError>(url(12, 'suggestions'), { proposedText: '' });
      expect(response.status).toBe(400);
      expect(response.body.details?.map((d) => d.field).sort()).toEqual(['body', 'proposedText']);
    });
  });

  describe('comments on several paragraphs', () => {
    it('shows on each paragraph, counts on each, and is one contribution to triage', async () => {
      const before = await Promise.all([37, 39, 40].map(async (n) => (await current(n))?.commentsByGroup.government ?? 0));
      const created = await carol.post<CommentView>(url(37), {
        body: 'These three paragraphs repeat one another; merge them.',
        alsoParagraphs: [p(39).key, p(40).key],
      });
      expect(created.status).toBe(201);
      expect(created.body.paragraphKeys).toEqual([p(37).key, ...[p(39).key, p(40).key].sort()]);
      for (const n of [37, 39, 40]) {
        const thread = await anonymous.get<CommentPage>(`${url(n)}?limit=100`);
        expect({ n, shown: thread.body.items.some((c) => c.id === created.body.id) }).toEqual({ n, shown: true });
      }
      const after = await Promise.all([37, 39, 40].map(async (n) => (await current(n))?.commentsByGroup.government ?? 0));
      expect(after).toEqual(before.map((n) => n + 1));

      const queue = await editor.get<TriagePage>(`/api/documents/${SLUG}/triage?paragraph=${p(39).key}&limit=200`);
      expect(queue.body.items.filter((i) => i.id === created.body.id)).toHaveLength(1);
    });

    it('refuses unknown paragraphs and writes nothing', async () => {
      const before = (await t.db.query('SELECT count(*)::int AS n FROM contributions'))[0].n as number;
      const response = await carol.post<ApiError>(url(37), { body: 'x', alsoParagraphs: ['no-such-paragraph'] });
      expect(response.status).toBe(400);
      expect(response.body.details?.[0]?.field).toBe('alsoParagraphs');
      expect((await t.db.query('SELECT count(*)::int AS n FROM contributions'))[0].n).toBe(before);
    });
  });

  describe('endorsements', () => {
    it('counts each person once, by group, and never their own twice', async () => {
      const comment = (await alice.post<CommentView>(url(15), { body: 'Endorse me.' })).body;
      expect((await bob.post<CommentView>(`/api/comments/${comment.id}/endorsements`)).status).toBe(200);
      const twice = await bob.post<ApiError>(`/api/comments/${comment.id}/endorsements`);
      expect(twice.status).toBe(409);
      expect(twice.body.error).toBe('ALREADY_ENDORSED');
      const after = await carol.post<CommentView>(`/api/comments/${comment.id}/endorsements`);
      expect(after.body.endorsements.total).toBe(2);
      expect(after.body.endorsements.byGroup).toMatchObject({ technical_community: 1, government: 1, civil_society: 0 });
      expect(after.body.endorsedByMe).toBe(true);
      const seenBy = async (client: HttpClient) =>
        (await client.get<CommentPage>(`${url(15)}?limit=100`)).body.items.find((c) => c.id === comment.id)?.endorsedByMe;
      expect(await seenBy(bob)).toBe(true);
      expect(await seenBy(alice)).toBe(false);
      expect(await seenBy(anonymous)).toBe(false);
      expect((await anonymous.post<ApiError>(`/api/comments/${comment.id}/endorsements`)).status).toBe(401);
      const withdrawn = await carol.delete<CommentView>(`/api/comments/${comment.id}/endorsements`);
      expect(withdrawn.body.endorsements.total).toBe(1);

      const minimum = await editor.get<TriagePage>(`/api/documents/${SLUG}/triage?minEndorsements=1&limit=200`);
      expect(minimum.body.items.map((i) => i.id)).toContain(comment.id);
      expect(minimum.body.items.every((i) => i.endorsements.total >= 1)).toBe(true);
    });
  });

  describe('rapporteurs', () => {
    it('lets editors record an intervention on behalf of a named speaker and group', async () => {
      const created = await editor.post<CommentView>(url(20, 'interventions'), {
        body: 'Remote hubs in two countries asked for the captions to be kept online afterwards.',
        speakerName: 'A remote participant from Dhaka',
        stakeholderGroup: 'academia',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        recordedByRapporteur: true,
        stakeholderGroup: 'academia',
        author: { displayName: 'A remote participant from Dhaka' },
      });
      const refused = await alice.post<ApiError>(url(20, 'interventions'), {
        body: 'x',
        speakerName: 'Someone',
        stakeholderGroup: 'academia',
      });
      expect(refused.status).toBe(403);
    });
  });

  describe('triage', () => {
    it('records a disposition with a public note, keeps its history, and shows it to the author', async () => {
      const comment = (await alice.post<CommentView>(url(22), { body: 'Name the regional CERT networks.' })).body;
      const set = await editor.patch<TriageItem>(`/api/contributions/${comment.id}/disposition`, {
        disposition: 'partially_accepted',
        note: 'We name two networks; the list would date quickly.',
      });
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({ disposition: 'partially_accepted', dispositionNote: 'We name two networks; the list would date quickly.' });
      await editor.patch(`/api/contributions/${comment.id}/disposition`, { disposition: 'accepted' });
      const history = await editor.get<DispositionChangeView[]>(`/api/contributions/${comment.id}/dispositions`);
      expect(history.body.map((h) => `${h.from}>${h.to}`)).toEqual(['pending>partially_accepted', 'partially_accepted>accepted']);
      expect(history.body[0]?.by).toBeTruthy();

      const mine = await alice.get<MyCommentView[]>('/api/me/comments');
      expect(mine.body.find((c) => c.id === comment.id)).toMatchObject({ disposition: 'accepted', paragraphKey: p(22).key, paragraphNumber: 22 });
    });

    it('filters the one queue by paragraph, group, kind and disposition, case studies included', async () => {
      const queue = async (q: string) => (await editor.get<TriagePage>(`/api/documents/${SLUG}/triage?limit=200&${q}`)).body.items;
      expect((await queue('kind=suggestion')).every((i) => i.kind === 'suggestion')).toBe(true);
      expect((await queue('kind=case_study')).length).toBeGreaterThanOrEqual(8);
      expect((await queue('group=government')).every((i) => i.stakeholderGroup === 'government')).toBe(true);
      expect((await queue('disposition=accepted')).every((i) => i.disposition === 'accepted')).toBe(true);
      expect((await queue(`paragraph=${p(22).key}`)).every((i) => i.paragraphKeys.includes(p(22).key))).toBe(true);
      expect((await editor.get<ApiError>(`/api/documents/${SLUG}/triage?kind=poem`)).status).toBe(400);
    });

    it('marks duplicates against an original of the same document only', async () => {
      const original = (await bob.post<CommentView>(url(25), { body: 'Original point.' })).body;
      const copy = (await carol.post<CommentView>(url(25), { body: 'Same point again.' })).body;
      expect((await editor.patch<ApiError>(`/api/contributions/${copy.id}/disposition`, { disposition: 'duplicate' })).status).toBe(400);
      expect((await editor.patch<ApiError>(`/api/contributions/${copy.id}/disposition`, { disposition: 'duplicate', duplicateOf: copy.id })).status).toBe(400);
      const ok = await editor.patch<TriageItem>(`/api/contributions/${copy.id}/disposition`, { disposition: 'duplicate', duplicateOf: original.id });
      expect(ok.body.duplicateOfId).toBe(original.id);
    });

    it('applies bulk dispositions all or nothing', async () => {
      const a = (await bob.post<CommentView>(url(26), { body: 'Bulk one.' })).body;
      const b = (await bob.post<CommentView>(url(26), { body: 'Bulk two.' })).body;
      const bad = await editor.post<ApiError>(`/api/documents/${SLUG}/triage/bulk`, {
        ids: [a.id, b.id],
        disposition: 'duplicate',
        duplicateOf: a.id,
      });
      expect(bad.status).toBe(400);
      const unchanged: { disposition: string }[] = await t.db.query('SELECT disposition FROM contributions WHERE id = ANY($1)', [[a.id, b.id]]);
      expect(unchanged.map((r) => r.disposition)).toEqual(['pending', 'pending']);
      const good = await editor.post<{ updated: number }>(`/api/documents/${SLUG}/triage/bulk`, { ids: [a.id, b.id], disposition: 'out_of_scope' });
      expect(good.body.updated).toBe(2);
      const changes: { n: number }[] = await t.db.query('SELECT count(*)::int AS n FROM disposition_changes WHERE contribution_id = ANY($1)', [[a.id, b.id]]);
      expect(changes[0]?.n).toBe(2);
    });

    it('is for editors only', async () => {
      const comment = (await bob.post<CommentView>(url(27), { body: 'Mine.' })).body;
      expect((await bob.get<ApiError>(`/api/documents/${SLUG}/triage`)).status).toBe(403);
      expect((await bob.patch<ApiError>(`/api/contributions/${comment.id}/disposition`, { disposition: 'accepted' })).status).toBe(403);
      expect((await bob.post<ApiError>(`/api/documents/${SLUG}/triage/bulk`, { ids: [comment.id], disposition: 'accepted' })).status).toBe(403);
      expect((await bob.get<ApiError>(`/api/contributions/${comment.id}/dispositions`)).status).toBe(403);
      expect((await anonymous.get<ApiError>(`/api/documents/${SLUG}/triage`)).status).toBe(401);
      const sneaky = await bob.patch<ApiError>(`/api/comments/${comment.id}`, { body: 'x', disposition: 'accepted' });
      expect(sneaky.status).toBe(400);
    });
  });
});
