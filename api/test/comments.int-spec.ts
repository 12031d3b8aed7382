import type { ApiError, CommentPage, CommentView, DocumentVersionView, ParagraphView } from '@doorway/contracts';
import { LIMITS } from '@doorway/contracts';
import { HttpClient } from './support/http-client';
import { startTestApp } from './support/test-app';
import type { TestApp } from './support/test-app';

const SLUG = 'bpf-cybersecurity-2016';

describe('commenting on paragraphs', () => {
  let t: TestApp;
  let paragraphs: ParagraphView[];
  beforeAll(async () => {
    t = await startTestApp();
    const doc = await new HttpClient(t.app).get<DocumentVersionView>(`/api/documents/${SLUG}`);
    paragraphs = doc.body.sections.flatMap((s) => s.paragraphs);
  });
  afterAll(() => t.close());

  const paragraph = (n: number): ParagraphView => {
    const found = paragraphs[n - 1];
    if (!found) throw new Error(`no paragraph ${n}`);
    return found;
  };
  const commentsUrl = (p: ParagraphView) => `/api/documents/${SLUG}/paragraphs/${p.key}/comments`;
  const countContributions = async () =>
    ((await t.db.query('SELECT count(*)::int AS n FROM contributions')) as { n: number }[])[0]?.n;
  const currentParagraph = async (key: string) => {
    const doc = await new HttpClient(t.app).get<DocumentVersionView>(`/api/documents/${SLUG}`);
    return doc.body.sections.flatMap((s) => s.paragraphs).find((p) => p.key === key);
  };

  it('lets a participant comment on paragraph 5 quoting a passage, and counts it for their group', async () => {
    const p5 = paragraph(5);
    const before = (await currentParagraph(p5.key))?.commentsByGroup.civil_society ?? 0;
    const client = new HttpClient(t.app);
    const user = await client.register('civil_society');
    const exact = p5.text.slice(20, 60);
    const response = await client.post<CommentView>(commentsUrl(p5), {
      body: 'This passage should name the cost of travel as well.',
      quote: { exact, prefix: p5.text.slice(0, 20), suffix: p5.text.slice(60, 92) },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      paragraphKey: p5.key,
      stakeholderGroup: 'civil_society',
      versionNumber: 1,
      quote: { exact },
      author: { id: user.id, displayName: user.displayName },
      deleted: false,
    });
    expect((await currentParagraph(p5.key))?.commentsByGroup.civil_society).toBe(before + 1);

    const anonymous = await new HttpClient(t.app).get<CommentPage>(commentsUrl(p5));
    expect(anonymous.body.items.map((c) => c.id)).toContain(response.body.id);
  });

  it('answers a new comment, suggestion and recorded intervention exactly as the thread reads them back', async () => {
    // The write path builds its answer from the request instead of reading the row back: prove they agree.
    const [p7, p8, p9] = [paragraph(7), paragraph(8), paragraph(9)];
    const author = new HttpClient(t.app);
    await author.register('academia', { organisation: 'A university' });
    const threadItem = async (client: HttpClient, p: ParagraphView, id: string): Promise<CommentView | undefined> => {
      const page = await client.get<CommentPage>(`${commentsUrl(p)}?limit=100`);
      const found = page.body.items.find((item) => item.id === id);
      if (!found) return undefined;
      const { replies: _replies, ...view } = found;
      return view;
    };

    const comment = await author.post<CommentView>(commentsUrl(p7), {
      body: 'Both later paragraphs repeat this point; one of them should go.',
      language: 'fr',
      attribution: 'organisation',
      quote: { exact: p7.text.slice(10, 40), prefix: p7.text.slice(0, 10), suffix: p7.text.slice(40, 60) },
      alsoParagraphs: [p9.key, p8.key],
    });
    expect(comment.status).toBe(201);
    expect(comment.body.paragraphKeys).toEqual([p7.key, ...[p8.key, p9.key].sort()]);
    expect(await threadItem(author, p7, comment.body.id)).toEqual(comment.body);

    const suggestion = await author.post<CommentView>(`/api/documents/${SLUG}/paragraphs/${p8.key}/suggestions`, {
      body: 'Shorter, and it says the same.',
      proposedText: 'A shorter paragraph that says the same.',
      attribution: 'anonymous',
    });
    expect(suggestion.status).toBe(201);
    expect(await threadItem(author, p8, suggestion.body.id)).toEqual(suggestion.body);

    const editor = new HttpClient(t.app);
    expect((await editor.signIn('editor1@doorway.test', 'doorway-demo-2016')).status).toBe(200);
    const intervention = await editor.post<CommentView>(`/api/documents/${SLUG}/paragraphs/${p9.key}/interventions`, {
      body: 'Said from the floor: add the regional forums.',
      speakerName: 'A speaker',
      speakerOrganisation: 'A ministry',
      stakeholderGroup: 'government',
    });
    expect(intervention.status).toBe(201);
    expect(await threadItem(editor, p9, intervention.body.id)).toEqual(intervention.body);
  });

  it('refuses anonymous writes with 401', async () => {
    const response = await new HttpClient(t.app).post<ApiError>(commentsUrl(paragraph(1)), { body: 'hello' });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('UNAUTHENTICATED');
  });

  it('rejects a quote that is not in the paragraph, naming the field, and writes nothing', async () => {
    const client = new HttpClient(t.app);
    await client.register('academia');
    const before = await countContributions();
    const response = await client.post<ApiError>(commentsUrl(paragraph(5)), {
      body: 'A comment',
      quote: { exact: 'words that are nowhere in the draft', prefix: '', suffix: '' },
    });
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([{ field: 'quote.exact', problems: ['does not occur in paragraph 5'] }]);
    expect(await countContributions()).toBe(before);
  });

  it('answers 404 for a comment or suggestion on a paragraph that does not exist, and writes nothing', async () => {
    const client = new HttpClient(t.app);
    await client.register('academia');
    const before = await countContributions();
    const url = `/api/documents/${SLUG}/paragraphs/no-such-paragraph`;
    const comment = await client.post<ApiError>(`${url}/comments`, { body: 'A comment' });
    const suggestion = await client.post<ApiError>(`${url}/suggestions`, { body: 'Why', proposedText: 'New text' });
    expect([comment.status, comment.body.error, suggestion.status, suggestion.body.error]).toEqual([
      404, 'PARAGRAPH_NOT_FOUND', 404, 'PARAGRAPH_NOT_FOUND',
    ]);
    expect(await countContributions()).toBe(before);
  });

  it('rejects empty, over-long and malformed comments with a 400 that names the field', async () => {
    const client = new HttpClient(t.app);
    await client.register('academia');
    const before = await countContributions();
    const empty = await client.post<ApiError>(commentsUrl(paragraph(2)), { body: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.details?.[0]?.field).toBe('body');
    const tooLong = await client.post<ApiError>(commentsUrl(paragraph(2)), { body: 'x'.repeat(LIMITS.comment.max + 1) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.message).toContain('body: must be 1 to 10000 characters long');
    const notString = await client.post<ApiError>(commentsUrl(paragraph(2)), { body: 42, authorId: 'me' });
    expect(notString.status).toBe(400);
    expect(notString.body.details?.map((d) => d.field).sort()).toEqual(['authorId', 'body']);
    const maxLength = await client.post<CommentView>(commentsUrl(paragraph(2)), { body: 'é'.repeat(LIMITS.comment.max) });
    expect(maxLength.status).toBe(201);
    expect(await countContributions()).toBe(before + 1);
  });

  it('answers an oversized body with 413 and broken JSON with 400, both as JSON errors', async () => {
    const client = new HttpClient(t.app);
    await client.register('academia');
    const huge = await client.request<ApiError>('POST', commentsUrl(paragraph(2)), undefined, {
      rawBody: JSON.stringify({ body: 'x'.repeat(LIMITS.bodyBytes) }),
    });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ statusCode: 413, error: 'PAYLOAD_TOO_LARGE' });
    const broken = await client.request<ApiError>('POST', commentsUrl(paragraph(2)), undefined, { rawBody: '{"body": ' });
    expect(broken.status).toBe(400);
    expect(broken.body.statusCode).toBe(400);
    expect(JSON.stringify(broken.body)).not.toMatch(/at .*\.js/);
  });

  it('stores markup as plain text, byte for byte', async () => {
    const client = new HttpClient(t.app);
    await client.register('technical_community', { displayName: '<img src=x onerror=alert(1)>' });
    const body = "<script>alert('x')</script> and <b>bold</b>";
    const created = await client.post<CommentView>(commentsUrl(paragraph(3)), { body });
    expect(created.body.body).toBe(body);
    expect(created.body.author?.displayName).toBe('<img src=x onerror=alert(1)>');
  });

  it('gives new contributions time-ordered ids (UUID version 7), so each lands at the end of the primary key', async () => {
    const client = new HttpClient(t.app);
    await client.register('academia');
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const created = await client.post<CommentView>(commentsUrl(paragraph(6)), { body: `Ordered comment ${n}` });
      expect(created.status).toBe(201);
      ids.push(created.body.id);
    }
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
  });

  it('keeps the group the author had when they wrote', async () => {
    const client = new HttpClient(t.app);
    const user = await client.register('private_sector');
    const created = await client.post<CommentView>(commentsUrl(paragraph(4)), { body: 'Written as private sector' });
    await t.db.query(`UPDATE users SET stakeholder_group = 'government' WHERE id = $1`, [user.id]);
    const page = await client.get<CommentPage>(`${commentsUrl(paragraph(4))}?limit=100`);
    expect(page.body.items.find((c) => c.id === created.body.id)?.stakeholderGroup).toBe('private_sector');
  });

  describe('threads', () => {
    const p = () => paragraph(7);
    let author: HttpClient;
    let other: HttpClient;
    let root: CommentView;

    beforeAll(async () => {
      author = new HttpClient(t.app);
      other = new HttpClient(t.app);
      await author.register('government');
      await other.register('intergovernmental');
      root = (await author.post<CommentView>(commentsUrl(p()), { body: 'Root comment' })).body;
    });

    it('threads replies one level deep: a reply to a reply joins the root', async () => {
      const first = await other.post<CommentView>(`/api/comments/${root.id}/replies`, { body: 'First reply' });
      expect(first.status).toBe(201);
      expect(first.body.parentId).toBe(root.id);
      const nested = await author.post<CommentView>(`/api/comments/${first.body.id}/replies`, { body: 'Reply to the reply' });
      expect(nested.body.parentId).toBe(root.id);
      const page = await other.get<CommentPage>(`${commentsUrl(p())}?limit=100`);
      const thread = page.body.items.find((c) => c.id === root.id);
      expect(thread?.replies.map((r) => r.body)).toEqual(['First reply', 'Reply to the reply']);
      expect(page.body.items.some((c) => c.id === first.body.id)).toBe(false);
    });

    it('lets only the author edit', async () => {
      const forbidden = await other.patch<ApiError>(`/api/comments/${root.id}`, { body: 'Hijacked' });
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.error).toBe('NOT_YOUR_COMMENT');
      const edited = await author.patch<CommentView>(`/api/comments/${root.id}`, { body: 'Root comment, clarified' });
      expect(edited.status).toBe(200);
      expect(edited.body.body).toBe('Root comment, clarified');
      expect(edited.body.editedAt).not.toBeNull();
    });

    it('deletes softly: replies survive, the comment reads as deleted, and counts drop', async () => {
      const before = (await currentParagraph(p().key))?.commentsByGroup.government ?? 0;
      expect((await other.delete<ApiError>(`/api/comments/${root.id}`)).status).toBe(403);
      const deleted = await author.delete<CommentView>(`/api/comments/${root.id}`);
      expect(deleted.status).toBe(200);
      expect(deleted.body).toMatchObject({ deleted: true, body: null, author: null, quote: null });
      const page = await other.get<CommentPage>(`${commentsUrl(p())}?limit=100`);
      const thread = page.body.items.find((c) => c.id === root.id);
      expect(thread?.deleted).toBe(true);
      expect(thread?.replies).toHaveLength(2);
      expect((await currentParagraph(p().key))?.commentsByGroup.government).toBe(before - 1);
      expect((await author.patch<ApiError>(`/api/comments/${root.id}`, { body: 'again' })).status).toBe(409);
    });

    it('answers 404 for an unknown comment and 400 for a malformed id', async () => {
      expect((await author.patch(`/api/comments/00000000-0000-4000-8000-000000000000`, { body: 'x' })).status).toBe(404);
      const malformed = await author.patch<ApiError>(`/api/comments/not-a-uuid`, { body: 'x' });
      expect(malformed.status).toBe(400);
      expect(malformed.body.details?.[0]?.field).toBe('id');
    });
  });

  describe('pagination', () => {
    const p = () => paragraph(9);
    const created: string[] = [];

    beforeAll(async () => {
      const groups = ['government', 'civil_society', 'academia'] as const;
      for (const [i, group] of groups.entries()) {
        const client = new HttpClient(t.app);
        await client.register(group);
        for (let n = 0; n < 9; n += 1) {
          const response = await client.post<CommentView>(commentsUrl(p()), { body: `${group} comment ${i}-${n}` });
          created.push(response.body.id);
        }
      }
    });

    const walk = async (query: string) => {
      const client = new HttpClient(t.app);
      const seen: CommentPage['items'] = [];
      let cursor: string | null = null;
      do {
        const url = `${commentsUrl(p())}?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page: { body: CommentPage } = await client.get<CommentPage>(url);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      return seen;
    };

    it('walks every comment exactly once, newest first', async () => {
      const items = await walk('limit=4');
      const ids = items.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(expect.arrayContaining(created));
      const times = items.map((c) => c.createdAt);
      expect([...times].sort().reverse()).toEqual(times);
    });

    it('walks oldest first in the reverse order', async () => {
      const newest = (await walk('limit=5')).map((c) => c.id);
      const oldest = (await walk('limit=7&order=oldest')).map((c) => c.id);
      expect(oldest).toEqual([...newest].reverse());
    });

    it('filters by stakeholder group', async () => {
      const items = await walk('limit=100&group=academia');
      expect(items.length).toBeGreaterThanOrEqual(9);
      expect(items.every((c) => c.stakeholderGroup === 'academia')).toBe(true);
    });

    it('reads any page in at most three SQL statements, however deep', async () => {
      const client = new HttpClient(t.app);
      let cursor: string | null = null;
      for (let page = 0; page < 5; page += 1) {
        t.queries.reset();
        const url = `${commentsUrl(p())}?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const response: { body: CommentPage } = await client.get<CommentPage>(url);
        expect(t.queries.statements.length).toBeLessThanOrEqual(3);
        cursor = response.body.nextCursor;
      }
    });

    it('rejects bad query parameters with 400', async () => {
      const client = new HttpClient(t.app);
      for (const query of ['limit=0', 'limit=1000', 'limit=ten', 'order=random', 'group=aliens', 'cursor=garbage']) {
        const response = await client.get<ApiError>(`${commentsUrl(p())}?${query}`);
        expect({ query, status: response.status }).toEqual({ query, status: 400 });
      }
    });

    it('answers 404 for a paragraph that does not exist', async () => {
      const response = await new HttpClient(t.app).get<ApiError>(`/api/documents/${SLUG}/paragraphs/no-such-paragraph/comments`);
      expect(response.status).toBe(404);
      expect(response.body.error).toBe('PARAGRAPH_NOT_FOUND');
    });
  });
});
