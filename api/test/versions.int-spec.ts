import { performance } from 'node:perf_hooks';
import type {
  ApiError,
  CommentPage,
  DocumentVersionView,
  DraftParagraphView,
  DraftView,
  MyCommentView,
  ParagraphHistory,
  ParagraphView,
  SaveDraftRequest,
  SessionResponse,
  StakeholderGroup,
  VersionDiff,
  VersionSummary,
} from '@doorway/contracts';
import { copySeededDocument } from './support/document-copy';
import { HttpClient } from './support/http-client';
import type { Response } from './support/http-client';
import { startTestApp } from './support/test-app';
import type { TestApp } from './support/test-app';

/**
 * Our own copy of the BPF 2016 draft (61 paragraphs, keys prefixed `v-` so that no query by key
 * across documents mixes them up): the seeded document must stay at version 1 and open for the
 * other test files, which share this database.
 */
const SLUG = `versions-test-${process.pid}`;
const SEEDED = 'bpf-cybersecurity-2016';
const PASSWORD = 'doorway-demo-2016';
/** Longer than an excerpt (160 characters). */
const LONG_BODY = 'Travel costs keep civil society out of the rooms where cybersecurity norms are written. '.repeat(3);

const PUT = 'PUT';

interface Draft412 extends ApiError {
  current: DraftView | null;
}

const toSave = (view: DraftView, label?: string): SaveDraftRequest => ({
  ...(label ? { label } : {}),
  sections: view.sections.map((s) => ({
    key: s.key,
    title: s.title,
    paragraphs: s.paragraphs.map((p) => ({ key: p.key, text: p.text, provenance: [...p.provenance], caseStudyId: p.caseStudyId ?? null })),
  })),
});
const paragraphsOf = (view: { sections: { paragraphs: ParagraphView[] }[] }) => view.sections.flatMap((s) => s.paragraphs);
const draftParagraphs = (view: DraftView): DraftParagraphView[] => view.sections.flatMap((s) => s.paragraphs);

describe('versions: drafts, publication, provenance, diff and history', () => {
  let t: TestApp;
  let editor: HttpClient;
  let coordinator: HttpClient;
  let participant: HttpClient;
  let anonymous: HttpClient;
  let documentId: string;
  /** v1 keys by reader number (1-based). */
  let keyAt: (n: number) => string;
  const ids: Record<string, string> = {};
  let foreignContribution: string;
  let caseStudyTitle: string;
  let freshKeys: { recommendation: string; annex: string };

  const url = (path = '') => `/api/documents/${SLUG}${path}`;
  const put = (client: HttpClient, body: unknown, ifMatch?: string) =>
    client.request<DraftView>(PUT, url('/draft'), body, ifMatch === undefined ? {} : { headers: { 'if-match': ifMatch } });
  const publish = (client: HttpClient, ifMatch: string | undefined, body: object = {}) =>
    client.request<DocumentVersionView>('POST', url('/draft/publish'), body, ifMatch === undefined ? {} : { headers: { 'if-match': ifMatch } });
  const openDraft = async () => {
    const response = await editor.get<DraftView>(url('/draft'));
    expect(response.status).toBe(200);
    return response.body;
  };
  const column = async <T>(sql: string, params: unknown[]): Promise<T | undefined> =>
    ((await t.db.query(sql, params)) as { v: T }[])[0]?.v;
  const answeredIn = (id: string) => column<number | null>('SELECT answered_in_version AS v FROM contributions WHERE id = $1', [ids[id]]);
  const draftRows = () =>
    t.db.query(`SELECT number, status, lock_version FROM document_versions WHERE document_id = $1 AND status = 'draft'`, [documentId]) as Promise<
      { number: number; status: string; lock_version: number }[]
    >;

  beforeAll(async () => {
    t = await startTestApp();
    editor = new HttpClient(t.app);
    coordinator = new HttpClient(t.app);
    participant = new HttpClient(t.app);
    anonymous = new HttpClient(t.app);
    expect((await editor.signIn('editor1@doorway.test', PASSWORD)).status).toBe(200);
    expect((await coordinator.signIn('coordinator@doorway.test', PASSWORD)).status).toBe(200);
    await participant.register('government');
    // Case studies are public across documents (the gallery): ours come from an account of our own, complete.
    const storyteller = new HttpClient(t.app);
    const author = await storyteller.register('civil_society', { displayName: 'Awa Diallo', organisation: 'Dakar Digital Rights Hub' });

    // Our own copy of the seeded version 1 (keys prefixed `v-`), free to publish and open drafts on.
    const copy = await copySeededDocument(t.db, SLUG, 'v-');
    documentId = copy.documentId;
    const v1 = { id: copy.versionId };
    expect(copy.keys).toHaveLength(61);
    keyAt = (n) => copy.keys[n - 1] ?? '';

    const user = async (email: string) => column<string>('SELECT id AS v FROM users WHERE email = $1', [email]);
    const editorId = await user('editor1@doorway.test');
    const contribute = async (
      name: string,
      fields: { kind: string; email: string; group: StakeholderGroup; n: number; disposition?: string; parent?: string; deleted?: boolean;
        speaker?: string; minutes?: number },
    ) => {
      const [row]: { id: string }[] = await t.db.query(
        `INSERT INTO contributions (kind, document_id, version_id, paragraph_id, parent_id, author_id, author_group, body, proposed_text,
                                    disposition, recorded_by_id, speaker_name, deleted_at, created_at)
         SELECT $1::contribution_kind, $2, $3, p.id, $5, u.id, $6, $7, $8, $9::disposition, $10, $11,
                CASE WHEN $12::boolean THEN now() END, now() - make_interval(mins => $13::int)
           FROM paragraphs p, users u WHERE p.document_id = $2 AND p.key = $4 AND u.email = $14
         RETURNING id`,
        [fields.kind, documentId, v1.id, keyAt(fields.n), fields.parent ? ids[fields.parent] : null, fields.group,
          `${name}: what ${fields.group} asked of paragraph ${fields.n}, in enough words to be worth an excerpt.`,
          fields.kind === 'suggestion' ? `A rewritten paragraph ${fields.n}.` : null, fields.disposition ?? 'pending',
          fields.speaker ? editorId : null, fields.speaker ?? null, fields.deleted ?? false, fields.minutes ?? 60, fields.email],
      );
      ids[name] = row?.id ?? '';
    };
    // Five contributions on ¶ 12, oldest first; one recorded by a rapporteur for a speaker in the room.
    await contribute('accepted', { kind: 'comment', email: 'civil1@doorway.test', group: 'civil_society', n: 12, disposition: 'accepted', minutes: 50 });
    await t.db.query('UPDATE contributions SET body = $2 WHERE id = $1', [ids['accepted'], LONG_BODY]);
    await contribute('accepted2', { kind: 'comment', email: 'civil2@doorway.test', group: 'civil_society', n: 12, disposition: 'accepted', minutes: 49 });
    await contribute('suggestion', { kind: 'suggestion', email: 'gov1@doorway.test', group: 'government', n: 12, disposition: 'partially_accepted', minutes: 48 });
    await contribute('noted', { kind: 'comment', email: 'tech1@doorway.test', group: 'technical_community', n: 12, disposition: 'noted', minutes: 47 });
    await contribute('spoken', {
      kind: 'comment', email: 'editor1@doorway.test', group: 'private_sector', n: 12, disposition: 'accepted', speaker: 'Amara Okafor', minutes: 46,
    });
    await contribute('keep', { kind: 'comment', email: 'academia1@doorway.test', group: 'academia', n: 5 });
    // One comment about ¶ 37, 39 and 40; a reply on 37; a deleted suggestion on 37.
    await contribute('multi', { kind: 'comment', email: 'igo1@doorway.test', group: 'intergovernmental', n: 37 });
    await t.db.query(
      `INSERT INTO contribution_paragraphs (contribution_id, paragraph_id, created_at, is_root)
       SELECT $1, p.id, now(), true FROM paragraphs p WHERE p.document_id = $2 AND p.key = ANY($3::varchar[])`,
      [ids['multi'], documentId, [keyAt(39), keyAt(40)]],
    );
    await contribute('reply', { kind: 'reply', email: 'private2@doorway.test', group: 'private_sector', n: 37, parent: 'multi' });
    await contribute('deleted', { kind: 'suggestion', email: 'private1@doorway.test', group: 'private_sector', n: 37, deleted: true });
    await contribute('later', { kind: 'comment', email: 'gov2@doorway.test', group: 'government', n: 45, disposition: 'accepted' });
    await contribute('half', { kind: 'comment', email: 'gov3@doorway.test', group: 'government', n: 2, disposition: 'accepted' });
    foreignContribution =
      (await column<string>(
        `SELECT c.id AS v FROM contributions c JOIN documents d ON d.id = c.document_id WHERE d.slug = $1 AND c.kind = 'comment' LIMIT 1`,
        [SEEDED],
      )) ?? '';

    const caseStudy = async (name: string, status: string, attribution: string, title: string) => {
      const [row]: { id: string }[] = await t.db.query(
        `INSERT INTO case_studies (document_id, author_id, author_group, status, title, region, year_from, year_to, domains,
                                   stakeholder_groups, closed_door, what_opened, outcome, lessons, consent_to_publish, attribution, disposition)
         SELECT $1, u.id, u.stakeholder_group, $2::case_study_status, $3, 'SN', 2014, 2016, '{capacity_building}',
                '{civil_society,government}', 'The ministry met nobody outside government.', 'A standing briefing open to all.',
                'The strategy was consulted on.', 'Meet often, before any crisis.', true, $4::attribution,
                CASE WHEN $2 = 'accepted' THEN 'accepted' ELSE 'pending' END::disposition
           FROM users u WHERE u.id = $5
         RETURNING id`,
        [documentId, status, title, attribution, author.id],
      );
      ids[name] = row?.id ?? '';
    };
    caseStudyTitle = 'Briefings that opened the national CERT';
    await caseStudy('study', 'accepted', 'organisation', caseStudyTitle);
    await caseStudy('study2', 'accepted', 'anonymous', 'A roundtable that outlived its sponsor');
    await caseStudy('submitted', 'submitted', 'named', 'Still under review');
  });
  afterAll(() => t.close());

  it('counts a contribution on every paragraph it concerns, suggestions included and deleted ones not', async () => {
    const view = await anonymous.get<DocumentVersionView>(url());
    expect(view.status).toBe(200);
    const paragraphs = paragraphsOf(view.body);
    expect(paragraphs).toHaveLength(61);
    const at = (n: number) => paragraphs[n - 1];
    expect(at(12)?.commentsByGroup).toMatchObject({ civil_society: 2, government: 1, technical_community: 1, private_sector: 1 });
    expect(at(12)?.commentCount).toBe(5);
    expect(at(37)?.commentsByGroup).toMatchObject({ intergovernmental: 1, private_sector: 1 });
    expect(at(37)?.commentCount).toBe(2);
    for (const n of [39, 40]) expect([at(n)?.commentCount, at(n)?.commentsByGroup.intergovernmental]).toEqual([1, 1]);
    expect(at(38)?.commentCount).toBe(0);
    // The document's own count takes each contribution once.
    expect(view.body.document.commentCount).toBe(10);
    expect(view.body.document.phase).toBe('open');
    expect(paragraphs.every((p) => p.shapedBy === null)).toBe(true);
  });

  it('refuses every draft write to participants (403) and anonymous readers (401), and the draft itself to participants', async () => {
    const body = { sections: [{ key: 'introduction', title: 'Introduction', paragraphs: [{ key: keyAt(1), text: 'Hijacked.', provenance: [] }] }] };
    for (const [client, status] of [[participant, 403], [anonymous, 401]] as const) {
      const read = await client.get<ApiError>(url('/draft'));
      expect([read.status, read.body.error]).toEqual([status, status === 403 ? 'ROLE_REQUIRED' : 'UNAUTHENTICATED']);
      expect((await put(client, body, '"1"')).status).toBe(status);
      expect((await publish(client, '"1"')).status).toBe(status);
    }
    expect(await draftRows()).toEqual([]);
    const listed = await participant.get<VersionSummary[]>(url('/versions'));
    expect(listed.body.map((v) => [v.number, v.status])).toEqual([[1, 'published']]);
  });

  it('opens the draft of version 2 as a copy of version 1, once, for editors only', async () => {
    const draft = await openDraft();
    expect(draft).toMatchObject({ documentSlug: SLUG, number: 2, baseNumber: 1, lockVersion: 1, label: '', generatedChangelog: '', deleted: [] });
    const paragraphs = draftParagraphs(draft);
    expect(paragraphs).toHaveLength(61);
    expect(paragraphs.map((p) => p.number)).toEqual(paragraphs.map((_, i) => i + 1));
    expect(paragraphs.every((p) => p.change === 'kept' && p.baseNumber === p.number && p.baseText === p.text)).toBe(true);
    expect(paragraphs[0]?.key).toBe(keyAt(1));

    expect(await openDraft()).toEqual(draft);
    const coordinatorView = await coordinator.get<DraftView>(url('/draft'));
    expect(coordinatorView.body.lockVersion).toBe(1);
    expect(await draftRows()).toEqual([{ number: 2, status: 'draft', lock_version: 1 }]);

    const forEditors = await editor.get<VersionSummary[]>(url('/versions'));
    expect(forEditors.body.map((v) => [v.number, v.status])).toEqual([[1, 'published'], [2, 'draft']]);
    expect((await anonymous.get<VersionSummary[]>(url('/versions'))).body.map((v) => v.number)).toEqual([1]);
    // A draft is never served as a version, not even to editors.
    expect((await editor.get<ApiError>(url('/versions/2'))).body.error).toBe('VERSION_NOT_FOUND');
  });

  it('answers 428 to a save or publication without a usable If-Match, changing nothing', async () => {
    const body = toSave(await openDraft());
    for (const header of [undefined, '*', 'yesterday']) {
      const saved = await put(editor, body, header);
      expect([saved.status, (saved.body as unknown as ApiError).error]).toEqual([428, 'PRECONDITION_REQUIRED']);
      const published = await publish(editor, header);
      expect([published.status, (published.body as unknown as ApiError).error]).toEqual([428, 'PRECONDITION_REQUIRED']);
    }
    expect(await draftRows()).toEqual([{ number: 2, status: 'draft', lock_version: 1 }]);
  });

  it('validates the draft against the document, naming each offending field, and saves nothing', async () => {
    const body = toSave(await openDraft());
    const section = (i: number) => body.sections[i]?.paragraphs ?? [];
    const paragraph = (s: number, p: number) => {
      const found = section(s)[p];
      if (!found) throw new Error(`no paragraph ${s}.${p}`);
      return found;
    };
    paragraph(0, 1).key = 'no-such-paragraph';
    paragraph(1, 0).key = paragraph(0, 0).key;
    paragraph(2, 4).provenance = [ids['accepted'] ?? '', foreignContribution];
    paragraph(3, 0).caseStudyId = ids['submitted'] ?? null;
    const sectionKey = body.sections[5]?.key ?? '';
    if (body.sections[4]) body.sections[4].key = sectionKey;
    const response = await put(editor, body, '"1"');
    expect(response.status).toBe(400);
    const error = response.body as unknown as ApiError;
    expect(error.error).toBe('VALIDATION_FAILED');
    expect(error.details?.map((d) => d.field)).toEqual([
      'sections.5.key',
      'sections.0.paragraphs.1.key',
      'sections.1.paragraphs.0.key',
      'sections.2.paragraphs.4.provenance.1',
      'sections.3.paragraphs.0.caseStudyId',
    ]);

    const blank = toSave(await openDraft());
    const first = blank.sections[0]?.paragraphs[0];
    if (first) first.text = '   ';
    const pipe = await put(editor, { ...blank, sections: [...blank.sections, { key: 'Bad Key', title: '', paragraphs: [] }] }, '"1"');
    expect(pipe.status).toBe(400);
    expect((pipe.body as unknown as ApiError).details?.map((d) => d.field)).toEqual(
      expect.arrayContaining(['sections.0.paragraphs.0.text', 'sections.6.key', 'sections.6.title']),
    );
    expect(await draftRows()).toEqual([{ number: 2, status: 'draft', lock_version: 1 }]);
  });

  it('saves version 2: an edit answering five contributions, a move, a deletion and two new paragraphs', async () => {
    const body = toSave(await openDraft(), 'Second draft');
    const find = (key: string) => {
      for (const section of body.sections) {
        const index = section.paragraphs.findIndex((p) => p.key === key);
        if (index >= 0) return { section, index };
      }
      throw new Error(`no ${key}`);
    };
    const edited = find(keyAt(12));
    const editedParagraph = edited.section.paragraphs[edited.index];
    if (!editedParagraph) throw new Error('no ¶ 12');
    editedParagraph.text = `${editedParagraph.text} Dialogue also needs funding for travel, which donors can provide.`;
    editedParagraph.provenance = ['noted', 'spoken', 'accepted', 'suggestion', 'accepted2'].map((n) => ids[n] ?? '');
    const moving = find(keyAt(20));
    const [moved] = moving.section.paragraphs.splice(moving.index, 1);
    const removing = find(keyAt(30));
    removing.section.paragraphs.splice(removing.index, 1);
    const recommendations = body.sections.find((s) => s.key === 'recommendations');
    const annex = body.sections.find((s) => s.key === 'annex-case-studies');
    if (!moved || !recommendations || !annex) throw new Error('unexpected seed layout');
    recommendations.paragraphs.unshift({ key: null, text: 'Donors should fund the travel of under-represented groups.', provenance: [ids['accepted'] ?? ''] });
    recommendations.paragraphs.push(moved);
    annex.paragraphs.push({ key: null, text: 'Case study: monthly open briefings between a CERT and its ministry.', provenance: [], caseStudyId: ids['study'] ?? null });

    const started = performance.now();
    const response = await put(editor, body, '"1"');
    console.log(`saving the 62-paragraph draft of version 2 took ${(performance.now() - started).toFixed(0)} ms`);
    expect(response.status).toBe(200);
    const draft = response.body;
    expect(draft).toMatchObject({ number: 2, baseNumber: 1, lockVersion: 2, label: 'Second draft' });
    const paragraphs = draftParagraphs(draft);
    expect(paragraphs).toHaveLength(62);
    expect(paragraphs.map((p) => p.number)).toEqual(paragraphs.map((_, i) => i + 1));
    const byKey = new Map(paragraphs.map((p) => [p.key, p]));

    const twelve = byKey.get(keyAt(12));
    expect(twelve).toMatchObject({ number: 12, baseNumber: 12, change: 'edited', baseSection: 'methodology' });
    expect(twelve?.provenance).toEqual(['accepted', 'accepted2', 'suggestion', 'noted', 'spoken'].map((n) => ids[n]));
    expect(twelve?.provenanceRefs.map((r) => [r.kind, r.stakeholderGroup, r.authorName, r.disposition])).toEqual([
      ['comment', 'civil_society', 'Chiamaka Eze', 'accepted'],
      ['comment', 'civil_society', 'Priya Raghavan', 'accepted'],
      ['suggestion', 'government', 'Kwabena Asante-Boateng', 'partially_accepted'],
      ['comment', 'technical_community', 'Jonas Lindqvist', 'noted'],
      ['comment', 'private_sector', 'Amara Okafor', 'accepted'],
    ]);
    expect(twelve?.provenanceRefs[0]?.excerpt).toBe(LONG_BODY.slice(0, 160));

    const movedView = byKey.get(keyAt(20));
    expect(movedView).toMatchObject({ change: 'moved', baseSection: 'barriers', baseNumber: 20 });
    expect(draft.sections.find((s) => s.key === 'recommendations')?.paragraphs.at(-1)?.key).toBe(keyAt(20));
    expect(draft.deleted).toEqual([{ key: keyAt(30), text: expect.any(String), baseNumber: 30 }]);

    const added = paragraphs.filter((p) => p.change === 'added');
    expect(added).toHaveLength(2);
    for (const p of added) expect(p).toMatchObject({ key: expect.stringMatching(/^p-[0-9a-f]{8}$/), baseText: null, baseNumber: null });
    const [recommendation, annexed] = added;
    freshKeys = { recommendation: recommendation?.key ?? '', annex: annexed?.key ?? '' };
    expect(annexed?.caseStudyId).toBe(ids['study']);
    expect(annexed?.provenanceRefs).toEqual([
      {
        id: ids['study'], kind: 'case_study', stakeholderGroup: 'civil_society', authorName: 'Dakar Digital Rights Hub',
        disposition: 'accepted', excerpt: caseStudyTitle,
      },
    ]);
    // Everything else is kept, in order.
    expect(paragraphs.filter((p) => p.change === 'kept')).toHaveLength(58);

    expect(draft.generatedChangelog.split('\n')).toEqual([
      '¶ 12 edited, answering 5 contributions (2 civil society, 1 government, 1 technical community, 1 private sector)',
      '¶ 30 deleted',
      `New ¶ ${recommendation?.number} in Recommendations, answering 1 contribution (1 civil society)`,
      `¶ ${movedView?.number} moved to Recommendations (was ¶ 20)`,
      `New ¶ ${annexed?.number} in Annex: case studies: case study “${caseStudyTitle}”`,
    ]);
    // The save is what the next reader gets.
    expect(await openDraft()).toEqual(draft);
  });

  it('publishes version 2 in one go: current version, shapedBy, answered_in_version for accepted contributions only', async () => {
    const started = performance.now();
    const response = await publish(editor, '"2"');
    const elapsed = performance.now() - started;
    console.log(`publishing version 2 of a 61-paragraph document (62 after edits) took ${elapsed.toFixed(0)} ms`);
    expect(response.status).toBe(200);
    expect(response.body.version).toMatchObject({ number: 2, label: 'Second draft', publishedAt: expect.any(String) });
    expect(response.body.document.currentVersion?.number).toBe(2);
    expect(elapsed).toBeLessThan(2_000);

    const current = await anonymous.get<DocumentVersionView>(url());
    expect(current.body.version.number).toBe(2);
    const byKey = new Map(paragraphsOf(current.body).map((p) => [p.key, p]));
    expect(byKey.get(keyAt(12))?.shapedBy).toEqual({
      count: 5,
      byGroup: { government: 1, civil_society: 2, technical_community: 1, private_sector: 1, academia: 0, intergovernmental: 0 },
    });
    expect(byKey.get(freshKeys.annex)?.shapedBy).toMatchObject({ count: 1, byGroup: { civil_society: 1 } });
    expect(byKey.get(freshKeys.recommendation)?.shapedBy).toMatchObject({ count: 1, byGroup: { civil_society: 1 } });
    expect([...byKey.values()].filter((p) => p.shapedBy !== null)).toHaveLength(3);
    expect(byKey.has(keyAt(30))).toBe(false);

    expect(await answeredIn('accepted')).toBe(2);
    expect(await answeredIn('accepted2')).toBe(2);
    expect(await answeredIn('spoken')).toBe(2);
    expect(await answeredIn('suggestion')).toBe(2);
    expect(await answeredIn('noted')).toBeNull();
    expect(await answeredIn('later')).toBeNull();
    expect(await column('SELECT included_in_version AS v FROM case_studies WHERE id = $1', [ids['study']])).toBe(2);

    const versions = await anonymous.get<VersionSummary[]>(url('/versions'));
    expect(versions.body.map((v) => [v.number, v.status])).toEqual([[1, 'published'], [2, 'published']]);
    expect(versions.body[1]?.changelog).toMatch(/^¶ 12 edited, answering 5 contributions/);
    expect(await draftRows()).toEqual([]);
  });

  it('opens version 3 from version 2 with provenance carried along, and publishes it with the given changelog', async () => {
    const draft = await openDraft();
    expect(draft).toMatchObject({ number: 3, baseNumber: 2, lockVersion: 1, generatedChangelog: '', deleted: [] });
    const paragraphs = draftParagraphs(draft);
    expect(paragraphs.every((p) => p.change === 'kept')).toBe(true);
    expect(paragraphs.find((p) => p.key === keyAt(12))?.provenance).toHaveLength(5);

    const body = toSave(draft);
    const target = body.sections.flatMap((s) => s.paragraphs).find((p) => p.key === keyAt(45));
    if (!target) throw new Error('no ¶ 45');
    target.text = `${target.text} National coordination should include regional networks.`;
    target.provenance = [ids['later'] ?? ''];
    const saved = await put(editor, body, '"1"');
    expect(saved.status).toBe(200);
    const number = draftParagraphs(saved.body).find((p) => p.key === keyAt(45))?.number;
    expect(saved.body.generatedChangelog).toBe(`¶ ${number} edited, answering 1 contribution (1 government)`);

    const published = await publish(editor, `"${saved.body.lockVersion}"`, { label: 'Third draft', changelog: 'One more answer.' });
    expect(published.status).toBe(200);
    expect(published.body.version).toMatchObject({ number: 3, label: 'Third draft' });
    const versions = await anonymous.get<VersionSummary[]>(url('/versions'));
    expect(versions.body.at(-1)).toMatchObject({ number: 3, status: 'published', changelog: 'One more answer.' });

    expect(await answeredIn('later')).toBe(3);
    // The version that first answered keeps the credit.
    expect(await answeredIn('accepted')).toBe(2);
    const twelve = paragraphsOf(published.body).find((p) => p.key === keyAt(12));
    expect(twelve?.shapedBy?.count).toBe(5);
  });

  it('keeps every surviving key across three versions, and comments on version 1 stay on their key', async () => {
    const v1 = await anonymous.get<DocumentVersionView>(url('/versions/1'));
    const v3 = await anonymous.get<DocumentVersionView>(url());
    expect(v1.status).toBe(200);
    expect(v1.body.version.number).toBe(1);
    expect(v1.body.document.currentVersion?.number).toBe(3);
    const v1Keys = paragraphsOf(v1.body).map((p) => p.key);
    const v3Keys = paragraphsOf(v3.body).map((p) => p.key);
    expect(v1Keys).toHaveLength(61);
    expect(paragraphsOf(v1.body).every((p) => p.shapedBy === null)).toBe(true);
    expect(v3Keys).toHaveLength(62);
    expect(new Set(v3Keys)).toEqual(new Set([...v1Keys.filter((k) => k !== keyAt(30)), freshKeys.recommendation, freshKeys.annex]));
    const v3Numbers = paragraphsOf(v3.body).map((p) => p.number);
    expect(v3Numbers).toEqual(v3Numbers.map((_, i) => i + 1));

    const keep = paragraphsOf(v3.body).find((p) => p.key === keyAt(5));
    expect(keep).toMatchObject({ number: 5, commentCount: 1 });
    const thread = await anonymous.get<CommentPage>(url(`/paragraphs/${keyAt(5)}/comments`));
    expect(thread.status).toBe(200);
    expect(thread.body.items.map((c) => c.id)).toContain(ids['keep']);
    for (const n of [37, 39, 40]) expect(paragraphsOf(v3.body).find((p) => p.key === keyAt(n))?.commentsByGroup.intergovernmental).toBe(1);
  });

  it("numbers an author's own comments by the current version, and says when their paragraph is gone", async () => {
    const me = (await participant.get<SessionResponse>('/api/auth/me')).body.user;
    const written: string[] = [];
    for (const n of [5, 30]) {
      const [row]: { id: string }[] = await t.db.query(
        `INSERT INTO contributions (kind, document_id, version_id, paragraph_id, author_id, author_group, body)
         SELECT 'comment', $1, v.id, p.id, $2, 'government', $3
           FROM paragraphs p, document_versions v
          WHERE p.document_id = $1 AND p.key = $4 AND v.document_id = $1 AND v.number = 1
         RETURNING id`,
        [documentId, me?.id, `On paragraph ${n} of version 1.`, keyAt(n)],
      );
      written.push(row?.id ?? '');
    }
    try {
      const mine = (await participant.get<MyCommentView[]>('/api/me/comments')).body;
      expect(mine.find((c) => c.id === written[0])).toMatchObject({ paragraphKey: keyAt(5), paragraphNumber: 5, versionNumber: 1 });
      // ¶ 30 was deleted in version 2: its comment stays the author's, without a number to link to.
      expect(mine.find((c) => c.id === written[1])).toMatchObject({ paragraphKey: keyAt(30), paragraphNumber: null });
    } finally {
      await t.db.query('DELETE FROM contributions WHERE id = ANY($1::uuid[])', [written]);
    }
  });

  it('tells the history of a paragraph: every published revision, whether it changed, and who shaped it', async () => {
    const twelve = await anonymous.get<ParagraphHistory>(url(`/paragraphs/${keyAt(12)}/history`));
    expect(twelve.status).toBe(200);
    expect(twelve.body.entries.map((e) => [e.versionNumber, e.number, e.section, e.changed])).toEqual([
      [1, 12, 'methodology', false],
      [2, 12, 'methodology', true],
      [3, 12, 'methodology', false],
    ]);
    expect(twelve.body.entries[0]?.provenance).toEqual([]);
    expect(twelve.body.entries[1]?.provenance.map((r) => r.id)).toEqual(['accepted', 'accepted2', 'suggestion', 'noted', 'spoken'].map((n) => ids[n]));
    expect(twelve.body.entries[1]?.provenance.at(-1)?.authorName).toBe('Amara Okafor');
    expect(twelve.body.entries[1]?.text).toContain('funding for travel');

    const moved = (await anonymous.get<ParagraphHistory>(url(`/paragraphs/${keyAt(20)}/history`))).body.entries;
    expect(moved.map((e) => [e.versionNumber, e.section, e.changed])).toEqual([
      [1, 'barriers', false],
      [2, 'recommendations', false],
      [3, 'recommendations', false],
    ]);
    const deleted = (await anonymous.get<ParagraphHistory>(url(`/paragraphs/${keyAt(30)}/history`))).body.entries;
    expect(deleted.map((e) => e.versionNumber)).toEqual([1]);
    const fresh = (await anonymous.get<ParagraphHistory>(url(`/paragraphs/${freshKeys.recommendation}/history`))).body.entries;
    expect(fresh.map((e) => [e.versionNumber, e.changed])).toEqual([[2, true], [3, false]]);
    const missing = await anonymous.get<ApiError>(url('/paragraphs/no-such-paragraph/history'));
    expect([missing.status, missing.body.error]).toEqual([404, 'PARAGRAPH_NOT_FOUND']);
  });

  it('diffs two versions by key: changed with word-level changes, moved, deleted in place, added', async () => {
    const response = await anonymous.get<VersionDiff>(url('/diff?from=1&to=2'));
    expect(response.status).toBe(200);
    const { paragraphs } = response.body;
    expect(response.body).toMatchObject({ from: 1, to: 2 });
    const at = (key: string) => paragraphs.find((p) => p.key === key);

    const changed = at(keyAt(12));
    expect(changed?.change).toBe('changed');
    // diffWords keeps whitespace "as far as possible": each side reads back the same, spacing aside.
    const squeeze = (text: string | undefined) => text?.replace(/\s+/g, ' ').trim();
    expect(squeeze(changed?.words.filter((w) => !w.added).map((w) => w.value).join(''))).toBe(squeeze(changed?.from?.text));
    expect(squeeze(changed?.words.filter((w) => !w.removed).map((w) => w.value).join(''))).toBe(squeeze(changed?.to?.text));
    expect(changed?.words.every((w) => Object.keys(w).every((k) => ['value', 'added', 'removed'].includes(k)))).toBe(true);
    expect(changed?.words.some((w) => w.added && w.value.includes('funding'))).toBe(true);

    expect(at(keyAt(20))).toMatchObject({ change: 'moved', from: { number: 20, section: 'barriers' }, to: { section: 'recommendations' }, words: [] });
    expect(at(keyAt(30))).toMatchObject({ change: 'deleted', from: { number: 30 }, to: null });
    // The deleted paragraph sits where it was: right after the one it followed.
    expect(paragraphs.findIndex((p) => p.key === keyAt(30))).toBe(paragraphs.findIndex((p) => p.key === keyAt(29)) + 1);
    expect(paragraphs.filter((p) => p.change === 'added').map((p) => p.key)).toEqual([freshKeys.recommendation, freshKeys.annex]);
    expect(paragraphs.filter((p) => p.change === 'unchanged')).toHaveLength(58);
    expect(paragraphs.filter((p) => p.to).map((p) => p.to?.number)).toEqual(Array.from({ length: 62 }, (_, i) => i + 1));

    const next = await anonymous.get<VersionDiff>(url('/diff?from=2&to=3'));
    expect(next.body.paragraphs.filter((p) => p.change !== 'unchanged').map((p) => [p.key, p.change])).toEqual([[keyAt(45), 'changed']]);
    const missing = await anonymous.get<ApiError>(url('/diff?from=1&to=9'));
    expect([missing.status, missing.body.error]).toEqual([404, 'VERSION_NOT_FOUND']);
    expect((await anonymous.get<ApiError>(url('/diff?from=1'))).status).toBe(400);
  });

  it('lets exactly one of 20 parallel saves with the same If-Match win; the 19 others get 412 with the winner’s draft', async () => {
    const draft = await openDraft();
    expect(draft).toMatchObject({ number: 4, lockVersion: 1 });
    const bodies = Array.from({ length: 20 }, (_, i) => {
      const body = toSave(draft);
      const first = body.sections[0]?.paragraphs[0];
      if (first) first.text = `Variant ${i}: ${first.text}`;
      return body;
    });
    const responses: Response<DraftView | Draft412>[] = await Promise.all(bodies.map((body) => put(editor, body, '"1"')));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(19);
    const winner = statuses.indexOf(200);
    const winningText = `Variant ${winner}: `;

    for (const response of responses.filter((r) => r.status === 412)) {
      const body = response.body as Draft412;
      expect(body).toMatchObject({ statusCode: 412, error: 'DRAFT_CHANGED' });
      expect(body.details).toBeUndefined();
      expect(body.current?.lockVersion).toBe(2);
      expect(body.current?.sections[0]?.paragraphs[0]?.text.startsWith(winningText)).toBe(true);
    }
    const after = await openDraft();
    expect(after.lockVersion).toBe(2);
    expect(draftParagraphs(after)[0]?.text.startsWith(winningText)).toBe(true);
    expect(draftParagraphs(after)).toHaveLength(62);
    expect(await column('SELECT count(*)::int AS v FROM paragraph_revisions r JOIN document_versions v ON v.id = r.version_id WHERE v.document_id = $1 AND v.status = $2', [documentId, 'draft'])).toBe(62);
  });

  it('refuses a stale If-Match with 412 and accepts the current one quoted, bare or weak', async () => {
    const body = toSave(await openDraft());
    const stale = await put(editor, body, '"1"');
    expect(stale.status).toBe(412);
    expect((stale.body as unknown as Draft412).current?.lockVersion).toBe(2);
    expect((await put(editor, body, 'W/"2"')).body.lockVersion).toBe(3);
    expect((await put(editor, body, '3')).body.lockVersion).toBe(4);
    expect((await publish(editor, '"3"')).status).toBe(412);
  });

  it('lets exactly one of 20 parallel publications win: one new version, 19 × 412', async () => {
    const responses = await Promise.all(Array.from({ length: 20 }, () => publish(editor, '"4"')));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(19);
    for (const response of responses.filter((r) => r.status === 412)) {
      expect((response.body as unknown as Draft412).error).toBe('DRAFT_CHANGED');
    }
    const versions: { number: number; status: string }[] = await t.db.query(
      'SELECT number, status FROM document_versions WHERE document_id = $1 ORDER BY number',
      [documentId],
    );
    expect(versions).toEqual([1, 2, 3, 4].map((number) => ({ number, status: 'published' })));
    expect((await anonymous.get<DocumentVersionView>(url())).body.version.number).toBe(4);
  });

  it('leaves nothing behind when a publication fails halfway: no version 5, the draft intact, nothing marked answered', async () => {
    const draft = await openDraft();
    expect(draft).toMatchObject({ number: 5, lockVersion: 1 });
    const body = toSave(draft);
    const second = body.sections[0]?.paragraphs[1];
    if (!second) throw new Error('no ¶ 2');
    second.text = `${second.text} Governments should publish their consultation calendars.`;
    second.provenance = [ids['half'] ?? ''];
    body.sections.at(-1)?.paragraphs.push({ key: null, text: 'Case study: a roundtable that outlived its sponsor.', provenance: [], caseStudyId: ids['study2'] ?? null });
    const saved = await put(editor, body, '"1"');
    expect(saved.status).toBe(200);

    // Between the save and the publication, the case study is taken back into review.
    await t.db.query(`UPDATE case_studies SET status = 'in_review' WHERE id = $1`, [ids['study2']]);
    const failed = await publish(editor, '"2"');
    expect(failed.status).toBe(409);
    expect((failed.body as unknown as ApiError).error).toBe('PUBLISH_REFUSED');

    expect(await column('SELECT count(*)::int AS v FROM document_versions WHERE document_id = $1 AND status = $2', [documentId, 'published'])).toBe(4);
    expect(await draftRows()).toEqual([{ number: 5, status: 'draft', lock_version: 2 }]);
    expect(await column('SELECT published_at AS v FROM document_versions WHERE document_id = $1 AND number = 5', [documentId])).toBeNull();
    expect((await anonymous.get<DocumentVersionView>(url())).body.version.number).toBe(4);
    expect(await answeredIn('half')).toBeNull();
    expect(await column('SELECT included_in_version AS v FROM case_studies WHERE id = $1', [ids['study2']])).toBeNull();

    // Accepted again, the same draft publishes.
    await t.db.query(`UPDATE case_studies SET status = 'accepted' WHERE id = $1`, [ids['study2']]);
    const published = await publish(editor, '"2"');
    expect(published.status).toBe(200);
    expect(published.body.version.number).toBe(5);
    expect(await answeredIn('half')).toBe(5);
    expect(await column('SELECT included_in_version AS v FROM case_studies WHERE id = $1', [ids['study2']])).toBe(5);
    const anonymousStudy = paragraphsOf(published.body).at(-1);
    expect(anonymousStudy?.shapedBy?.count).toBe(1);
    const history = await anonymous.get<ParagraphHistory>(url(`/paragraphs/${anonymousStudy?.key}/history`));
    expect(history.body.entries[0]?.provenance[0]).toMatchObject({ kind: 'case_study', authorName: null });
  });

  it('creates one draft however many editors open it at once', async () => {
    const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? editor : coordinator).get<DraftView>(url('/draft'))));
    expect(responses.map((r) => r.status)).toEqual(Array.from({ length: 10 }, () => 200));
    expect(new Set(responses.map((r) => `${r.body.number}/${r.body.lockVersion}`))).toEqual(new Set(['6/1']));
    expect(await draftRows()).toEqual([{ number: 6, status: 'draft', lock_version: 1 }]);
    expect(draftParagraphs(responses[0]?.body as DraftView)).toHaveLength(63);
  });
});
