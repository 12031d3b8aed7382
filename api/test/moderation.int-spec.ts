import type {
  AuditPage,
  CommentPage,
  CommentView,
  CurrentUser,
  DocumentVersionView,
  ManagedUser,
  ManagedUserPage,
  ModerationItem,
  ModerationPage,
  ReportResult,
} from '@doorway/contracts';
import { copySeededDocument } from './support/document-copy';
import { HttpClient } from './support/http-client';
import { startTestApp } from './support/test-app';
import type { TestApp } from './support/test-app';

/**
 * Moderation and trust: reports and their threshold, the editors' queue, hiding and restoring,
 * verification and roles, and the audit log. Everything happens on a private copy of the seeded
 * document (and on freshly registered users), so the other suites see their data unchanged.
 */
const PASSWORD = 'doorway-demo-2016';
const COPY = `moderation-${process.pid}`;
const SECRET = 'This sentence must never reach a participant once hidden.';

describe('moderation and trust', () => {
  let t: TestApp;
  let documentId: string;
  let keys: string[] = [];
  let coordinator: HttpClient;
  let editor: HttpClient;
  let anonymous: HttpClient;
  let author: HttpClient;
  let authorUser: CurrentUser;
  let coordinatorId: string;
  let editorId: string;
  const reporters: HttpClient[] = [];
  let paragraphCounter = 0;

  const docUrl = `/api/documents/${COPY}`;
  /** Writers take turns, so that no one of them comes near the per-user comment rate limit. */
  const writers: HttpClient[] = [];
  /** A fresh comment on its own paragraph of the copy, by `by` (one of the writers unless given). */
  const comment = async (by?: HttpClient, body = SECRET): Promise<CommentView> => {
    paragraphCounter += 1;
    const writer = by ?? writers[paragraphCounter % writers.length] ?? author;
    const response = await writer.post<CommentView>(`${docUrl}/paragraphs/${keys[paragraphCounter]}/comments`, { body });
    expect(response.status).toBe(201);
    return response.body;
  };
  const thread = async (client: HttpClient, view: CommentView): Promise<CommentPage> => {
    const response = await client.get<CommentPage>(`${docUrl}/paragraphs/${view.paragraphKey}/comments`);
    expect(response.status).toBe(200);
    return response.body;
  };
  const report = (client: HttpClient, id: string, reason = 'Personal attack on another participant.') =>
    client.post<ReportResult>(`/api/comments/${id}/reports`, { reason });
  const auditRows = async (action: string, targetId: string): Promise<{ actor_id: string | null; reason: string | null; details: Record<string, unknown>; document_id: string | null }[]> =>
    t.db.query('SELECT actor_id, reason, details, document_id FROM audit_log WHERE action = $1 AND target_id = $2 ORDER BY id', [action, targetId]);
  const newParticipant = async (group: 'civil_society' | 'government' | 'academia' = 'academia'): Promise<{ client: HttpClient; user: CurrentUser }> => {
    const client = new HttpClient(t.app);
    const user = await client.register(group);
    return { client, user };
  };

  beforeAll(async () => {
    t = await startTestApp();
    const copied = await copySeededDocument(t.db, COPY, 'mod-');
    documentId = copied.documentId;
    keys = copied.keys;
    coordinator = new HttpClient(t.app);
    editor = new HttpClient(t.app);
    anonymous = new HttpClient(t.app);
    expect((await coordinator.signIn('coordinator@doorway.test', PASSWORD)).status).toBe(200);
    expect((await editor.signIn('editor1@doorway.test', PASSWORD)).status).toBe(200);
    coordinatorId = (await coordinator.get<{ user: CurrentUser }>('/api/auth/me')).body.user.id;
    editorId = (await editor.get<{ user: CurrentUser }>('/api/auth/me')).body.user.id;
    ({ client: author, user: authorUser } = await newParticipant('civil_society'));
    writers.push(author, (await newParticipant('civil_society')).client, (await newParticipant('government')).client);
    for (let i = 0; i < 4; i += 1) reporters.push((await newParticipant(i % 2 ? 'government' : 'academia')).client);
  });

  afterAll(async () => {
    await t.close();
  });

  describe('reporting', () => {
    it('takes one report per person, with a bounded reason, and refuses the rest', async () => {
      const target = await comment(author);
      const [first] = reporters;
      if (!first) throw new Error('no reporter');
      const ok = await report(first, target.id);
      expect([ok.status, ok.body]).toEqual([201, { contributionId: target.id, reportCount: 1, hidden: false, hiddenReason: null }]);
      const again = await report(first, target.id, 'Reported once more, by the same person.');
      expect([again.status, (again.body as unknown as { error: string }).error]).toEqual([409, 'ALREADY_REPORTED']);

      for (const reason of [undefined, '', '  ', 'x'.repeat(501)]) {
        const bad = await reporters[1]?.post<{ details: { field: string }[] }>(`/api/comments/${target.id}/reports`, reason === undefined ? {} : { reason });
        expect(bad?.status).toBe(400);
        expect(bad?.body.details.map((d) => d.field)).toContain('reason');
      }
      expect((await report(author, target.id)).status).toBe(403);
      expect((await report(anonymous, target.id)).status).toBe(401);
      expect((await report(first, '00000000-0000-4000-8000-000000000000')).status).toBe(404);

      const [row]: { n: number }[] = await t.db.query('SELECT count(*)::int AS n FROM contribution_reports WHERE contribution_id = $1', [target.id]);
      expect(row?.n).toBe(1);
      const seen = await thread(first, target);
      expect(seen.items.find((c) => c.id === target.id)).toEqual(expect.objectContaining({ reportedByMe: true, hidden: false, body: SECRET }));
    });

    it('repeated reports by one person never reach the threshold; two people do not either', async () => {
      const target = await comment();
      const [a, b] = reporters;
      if (!a || !b) throw new Error('no reporters');
      expect((await report(a, target.id)).status).toBe(201);
      for (let i = 0; i < 3; i += 1) expect((await report(a, target.id)).status).toBe(409);
      const second = await report(b, target.id);
      expect(second.body).toEqual({ contributionId: target.id, reportCount: 2, hidden: false, hiddenReason: null });
      const [row]: { hidden_at: Date | null }[] = await t.db.query('SELECT hidden_at FROM contributions WHERE id = $1', [target.id]);
      expect(row?.hidden_at).toBeNull();
      expect(await auditRows('report_threshold_hide', target.id)).toEqual([]);
    });

    it('hides at 3 distinct reporters: participants get the reason without the text, editors see it marked hidden', async () => {
      const target = await comment(author);
      const results: ReportResult[] = [];
      for (const reporter of reporters.slice(0, 3)) results.push((await report(reporter, target.id)).body);
      expect(results.map((r) => [r.reportCount, r.hidden])).toEqual([
        [1, false],
        [2, false],
        [3, true],
      ]);

      for (const reader of [anonymous, reporters[3] as HttpClient, author]) {
        const raw = await reader.get<CommentPage>(`${docUrl}/paragraphs/${target.paragraphKey}/comments`);
        expect(JSON.stringify(raw.body)).not.toContain(SECRET);
        const seen = raw.body.items.find((c) => c.id === target.id);
        expect(seen).toEqual(expect.objectContaining({ hidden: true, body: null, author: null, quote: null, deleted: false }));
        expect(seen?.hiddenReason).toMatch(/Reported by 3 participants/);
      }
      // Its author, too, sees the moderators' reason in place of it among their own contributions.
      const mine = (await author.get<CommentView[]>('/api/me/comments')).body.find((c) => c.id === target.id);
      expect(mine).toEqual(expect.objectContaining({ hidden: true, body: null }));
      expect(JSON.stringify(mine)).not.toContain(SECRET);

      const asEditor = (await thread(editor, target)).items.find((c) => c.id === target.id);
      expect(asEditor).toEqual(expect.objectContaining({ hidden: true, body: SECRET }));

      const audit = await auditRows('report_threshold_hide', target.id);
      expect(audit).toEqual([expect.objectContaining({ actor_id: null, document_id: documentId, details: { reportCount: 3, threshold: 3 } })]);
      // A fourth report is taken, but hides nothing twice.
      expect((await report(reporters[3] as HttpClient, target.id)).body).toEqual({ contributionId: target.id, reportCount: 4, hidden: true, hiddenReason: expect.stringMatching(/Reported by 3 participants/) });
      expect(await auditRows('report_threshold_hide', target.id)).toHaveLength(1);
    });
  });

  describe('the moderation queue, hiding and restoring', () => {
    it('is open to editors and coordinators only', async () => {
      expect((await anonymous.get('/api/moderation/queue')).status).toBe(401);
      expect((await author.get('/api/moderation/queue')).status).toBe(403);
      expect((await reporters[0]?.get('/api/moderation/queue'))?.status).toBe(403);
      for (const moderator of [editor, coordinator]) {
        const queue = await moderator.get<ModerationPage>(`/api/moderation/queue?document=${COPY}`);
        expect(queue.status).toBe(200);
        expect(queue.body.items.length).toBeGreaterThan(0);
        expect(queue.body.items.every((i) => i.documentSlug === COPY)).toBe(true);
      }
      expect((await editor.get('/api/moderation/queue?state=nonsense')).status).toBe(400);
    });

    it('lists reported and hidden items with their reports; filters by state', async () => {
      const reported = await comment(author, 'Reported, still shown.');
      expect((await report(reporters[0] as HttpClient, reported.id, 'Looks like spam to me.')).status).toBe(201);
      const hidden = await editor.get<ModerationPage>(`/api/moderation/queue?document=${COPY}&state=hidden`);
      const open = await editor.get<ModerationPage>(`/api/moderation/queue?document=${COPY}&state=reported`);
      expect(hidden.body.items.every((i) => i.state === 'hidden')).toBe(true);
      const item = open.body.items.find((i) => i.id === reported.id);
      expect(item).toEqual(
        expect.objectContaining({ state: 'reported', body: 'Reported, still shown.', reports: [expect.objectContaining({ reason: 'Looks like spam to me.' })] }),
      );
      expect(open.body.items.every((i) => i.state === 'reported')).toBe(true);
    });

    it('editors hide with a reason that readers see, then restore with a reason; participants may do neither', async () => {
      const target = await comment();
      const url = `/api/contributions/${target.id}`;
      expect((await author.post(`${url}/hide`, { reason: 'Trying to hide it myself.' })).status).toBe(403);
      expect((await anonymous.post(`${url}/hide`, { reason: 'Anonymous hiding.' })).status).toBe(401);
      const missing = await editor.post<{ details: { field: string }[] }>(`${url}/hide`, {});
      expect([missing.status, missing.body.details[0]?.field]).toEqual([400, 'reason']);

      const hidden = await editor.post<ModerationItem>(`${url}/hide`, { reason: 'Shares a private phone number.' });
      expect(hidden.status).toBe(200);
      expect(hidden.body).toEqual(expect.objectContaining({ state: 'hidden', hiddenReason: 'Shares a private phone number.', hiddenBy: expect.any(String) }));
      expect((await editor.post(`${url}/hide`, { reason: 'Hiding it twice.' })).status).toBe(409);
      const seen = (await thread(reporters[0] as HttpClient, target)).items.find((c) => c.id === target.id);
      expect(seen).toEqual(expect.objectContaining({ hidden: true, body: null, hiddenReason: 'Shares a private phone number.' }));

      expect((await author.post(`${url}/restore`, { reason: 'It is fine.' })).status).toBe(403);
      const restored = await coordinator.post<ModerationItem>(`${url}/restore`, { reason: 'The number was the office switchboard.' });
      expect([restored.status, restored.body.state, restored.body.hiddenReason]).toEqual([200, 'reported', null]);
      const back = (await thread(reporters[0] as HttpClient, target)).items.find((c) => c.id === target.id);
      expect(back).toEqual(expect.objectContaining({ hidden: false, body: SECRET, hiddenReason: null }));
      expect((await coordinator.post(`${url}/restore`, { reason: 'Once more.' })).status).toBe(409);

      expect(await auditRows('hide', target.id)).toEqual([
        expect.objectContaining({ actor_id: editorId, reason: 'Shares a private phone number.', document_id: documentId }),
      ]);
      expect(await auditRows('restore', target.id)).toEqual([
        expect.objectContaining({ actor_id: coordinatorId, reason: 'The number was the office switchboard.', details: expect.objectContaining({ wasHidden: true }) }),
      ]);
    });

    it('a restore reviews the open reports, so the same reporters cannot hide it again', async () => {
      const target = await comment();
      for (const reporter of reporters.slice(0, 3)) await report(reporter, target.id);
      expect((await editor.post(`/api/contributions/${target.id}/restore`, { reason: 'Reviewed: a fair criticism.' })).status).toBe(200);
      const [row]: { hidden_at: Date | null; open: number }[] = await t.db.query(
        `SELECT c.hidden_at, (SELECT count(*)::int FROM contribution_reports r WHERE r.contribution_id = c.id AND r.reviewed_at IS NULL) AS open
           FROM contributions c WHERE c.id = $1`,
        [target.id],
      );
      expect(row).toEqual({ hidden_at: null, open: 0 });
      expect((await report(reporters[0] as HttpClient, target.id)).status).toBe(409);
      expect((await report(reporters[3] as HttpClient, target.id)).body).toEqual({ contributionId: target.id, reportCount: 1, hidden: false, hiddenReason: null });
    });

    it('the number of hidden items is public on the document, and hiding or restoring changes its ETag', async () => {
      const before = await anonymous.get<DocumentVersionView>(docUrl);
      const etag = String(before.headers['etag']);
      const target = await comment();
      const afterComment = await anonymous.get<DocumentVersionView>(docUrl);
      const commentTag = String(afterComment.headers['etag']);
      expect(commentTag).not.toBe(etag);
      expect((await editor.post(`/api/contributions/${target.id}/hide`, { reason: 'Off topic advertising.' })).status).toBe(200);
      const hidden = await anonymous.request<DocumentVersionView>('GET', docUrl, undefined, { headers: { 'if-none-match': commentTag } });
      expect(hidden.status).toBe(200);
      expect(hidden.body.document.hiddenCount).toBe(afterComment.body.document.hiddenCount + 1);
      expect(JSON.stringify(hidden.body)).not.toContain(SECRET);
      const hiddenTag = String(hidden.headers['etag']);
      expect((await editor.post(`/api/contributions/${target.id}/restore`, { reason: 'Advertising for a free event.' })).status).toBe(200);
      const restored = await anonymous.request<DocumentVersionView>('GET', docUrl, undefined, { headers: { 'if-none-match': hiddenTag } });
      expect([restored.status, restored.body.document.hiddenCount]).toEqual([200, afterComment.body.document.hiddenCount]);
      const list = await anonymous.get<{ slug: string; hiddenCount: number }[]>('/api/documents');
      expect(list.body.find((d) => d.slug === COPY)?.hiddenCount).toBe(afterComment.body.document.hiddenCount);
    });
  });

  describe('verification and roles', () => {
    it('a coordinator verifies and unverifies a group; comments show it; the audit keeps both', async () => {
      const { client, user } = await newParticipant('government');
      const written = await comment(client, 'A comment by someone about to be verified.');
      expect(written.groupVerified).toBe(false);
      const verified = await coordinator.patch<ManagedUser>(`/api/users/${user.id}/verification`, { verified: true, reason: 'Checked the ministry directory.' });
      expect([verified.status, verified.body.groupVerified]).toEqual([200, true]);
      const seen = (await thread(anonymous, written)).items.find((c) => c.id === written.id);
      expect(seen?.groupVerified).toBe(true);
      expect((await coordinator.patch(`/api/users/${user.id}/verification`, { verified: false })).status).toBe(200);
      const audit = await auditRows('verification', user.id);
      expect(audit.map((a) => [a.actor_id, a.details['verified']])).toEqual([
        [coordinatorId, true],
        [coordinatorId, false],
      ]);
      expect(audit[0]?.reason).toBe('Checked the ministry directory.');
    });

    it('participants cannot verify themselves or change their role; editors cannot either', async () => {
      const { client, user } = await newParticipant('civil_society');
      expect((await client.patch(`/api/users/${user.id}/verification`, { verified: true })).status).toBe(403);
      expect((await client.patch(`/api/users/${user.id}/role`, { role: 'coordinator' })).status).toBe(403);
      expect((await editor.patch(`/api/users/${user.id}/verification`, { verified: true })).status).toBe(403);
      expect((await editor.patch(`/api/users/${user.id}/role`, { role: 'editor' })).status).toBe(403);
      expect((await anonymous.patch(`/api/users/${user.id}/role`, { role: 'editor' })).status).toBe(401);
      expect((await client.get('/api/users')).status).toBe(403);
      const [row]: { role: string; group_verified: boolean }[] = await t.db.query('SELECT role, group_verified FROM users WHERE id = $1', [user.id]);
      expect(row).toEqual({ role: 'participant', group_verified: false });
      expect(await auditRows('verification', user.id)).toEqual([]);
      expect(await auditRows('role_change', user.id)).toEqual([]);
    });

    it('a coordinator changes roles (not their own), validated, and audited with from and to', async () => {
      const { client, user } = await newParticipant('academia');
      expect((await coordinator.patch(`/api/users/${user.id}/role`, { role: 'superuser' })).status).toBe(400);
      expect((await coordinator.patch(`/api/users/${coordinatorId}/role`, { role: 'participant' })).status).toBe(403);
      expect((await coordinator.patch('/api/users/00000000-0000-4000-8000-000000000000/role', { role: 'editor' })).status).toBe(404);
      const promoted = await coordinator.patch<ManagedUser>(`/api/users/${user.id}/role`, { role: 'editor', reason: 'Joined the editorial team.' });
      expect([promoted.status, promoted.body.role]).toEqual([200, 'editor']);
      expect((await client.get('/api/moderation/queue')).status).toBe(200);
      expect((await coordinator.patch(`/api/users/${user.id}/role`, { role: 'participant' })).status).toBe(200);
      expect((await client.get('/api/moderation/queue')).status).toBe(403);
      const audit = await auditRows('role_change', user.id);
      expect(audit.map((a) => a.details)).toEqual([
        { from: 'participant', to: 'editor' },
        { from: 'editor', to: 'participant' },
      ]);
      const listed = await coordinator.get<ManagedUserPage>(`/api/users?search=${encodeURIComponent(user.email)}`);
      expect(listed.body.items.map((u) => u.id)).toEqual([user.id]);
    });
  });

  describe('the audit log', () => {
    it('records dispositions and phase changes in their own transactions', async () => {
      const target = await comment(author, 'A comment to triage.');
      expect((await editor.patch(`/api/contributions/${target.id}/disposition`, { disposition: 'noted', note: 'Thank you.' })).status).toBe(200);
      expect(await auditRows('disposition', target.id)).toEqual([
        expect.objectContaining({ actor_id: editorId, reason: 'Thank you.', document_id: documentId, details: { from: 'pending', to: 'noted', duplicateOf: null } }),
      ]);
      // A refused disposition (a duplicate of itself) writes no audit row.
      expect((await editor.patch(`/api/contributions/${target.id}/disposition`, { disposition: 'duplicate', duplicateOf: target.id })).status).toBe(400);
      expect(await auditRows('disposition', target.id)).toHaveLength(1);

      expect((await coordinator.patch(`${docUrl}/phase`, { phase: 'closed' })).status).toBe(200);
      expect((await coordinator.patch(`${docUrl}/phase`, { phase: 'open' })).status).toBe(200);
      const phases = await auditRows('phase_change', documentId);
      expect(phases.map((p) => [p.actor_id, p.details['from'], p.details['to']])).toEqual([
        [coordinatorId, 'open', 'closed'],
        [coordinatorId, 'closed', 'open'],
      ]);
      // Refused by role: nothing changes, nothing is written.
      expect((await editor.patch(`${docUrl}/phase`, { phase: 'closed' })).status).toBe(403);
      expect(await auditRows('phase_change', documentId)).toHaveLength(2);
    });

    it('coordinators read it, filtered by action, actor, document and dates, page by page', async () => {
      const byAction = await coordinator.get<AuditPage>(`/api/audit?action=phase_change&document=${COPY}`);
      expect(byAction.status).toBe(200);
      expect(byAction.body.items.map((e) => e.details['to'])).toEqual(['open', 'closed']);
      expect(byAction.body.items.every((e) => e.action === 'phase_change' && e.document?.slug === COPY)).toBe(true);

      const byActor = await coordinator.get<AuditPage>(`/api/audit?actor=${editorId}&document=${COPY}&limit=200`);
      expect(byActor.body.items.length).toBeGreaterThan(0);
      expect(byActor.body.items.every((e) => e.actor?.id === editorId)).toBe(true);
      expect(new Set(byActor.body.items.map((e) => e.action))).toEqual(new Set(['hide', 'restore', 'disposition']));

      const everything = await coordinator.get<AuditPage>(`/api/audit?document=${COPY}&limit=200`);
      const kinds = new Set(everything.body.items.map((e) => e.action));
      for (const action of ['report_threshold_hide', 'hide', 'restore', 'disposition', 'phase_change']) expect(kinds).toContain(action);

      const pages: string[] = [];
      let cursor: string | null = null;
      do {
        const query = `/api/audit?document=${COPY}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page: AuditPage = (await coordinator.get<AuditPage>(query)).body;
        expect(page.items.length).toBeLessThanOrEqual(2);
        pages.push(...page.items.map((e) => e.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(pages).toEqual(everything.body.items.map((e) => e.id));

      const future = await coordinator.get<AuditPage>(`/api/audit?document=${COPY}&from=2999-01-01`);
      expect(future.body.items).toEqual([]);
      const past = await coordinator.get<AuditPage>(`/api/audit?document=${COPY}&to=2001-01-01`);
      expect(past.body.items).toEqual([]);
      const today = new Date(Date.now() - 3_600_000).toISOString();
      const recent = await coordinator.get<AuditPage>(`/api/audit?document=${COPY}&from=${today}&limit=200`);
      expect(recent.body.items.length).toBe(everything.body.items.length);

      expect((await coordinator.get('/api/audit?cursor=not-a-cursor')).status).toBe(400);
      expect((await coordinator.get('/api/audit?action=delete_everything')).status).toBe(400);
      expect((await coordinator.get('/api/audit?from=0000-01-01')).status).toBe(400);
    });

    it('is closed to everyone but coordinators', async () => {
      expect((await anonymous.get('/api/audit')).status).toBe(401);
      expect((await author.get('/api/audit')).status).toBe(403);
      expect((await editor.get('/api/audit')).status).toBe(403);
      expect(authorUser.role).toBe('participant');
    });
  });
});
