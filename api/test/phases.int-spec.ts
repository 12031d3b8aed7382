import type { ApiError, DocumentSummary, DocumentVersionView, VersionSummary } from '@doorway/contracts';
import { toApiError } from '../src/common/filters/api-exception.filter';
import { ConsultationGate } from '../src/modules/documents/consultation-gate';
import { HttpClient } from './support/http-client';
import { startTestApp } from './support/test-app';
import type { TestApp } from './support/test-app';

/** Our own document: the seeded one must stay open, at version 1, for the other test files. */
const SLUG = `phases-test-${process.pid}`;
const PASSWORD = 'doorway-demo-2016';

describe('consultation phases', () => {
  let t: TestApp;
  let coordinator: HttpClient;
  let editor: HttpClient;
  let participant: HttpClient;
  let anonymous: HttpClient;
  let documentId: string;
  let gate: ConsultationGate;

  beforeAll(async () => {
    t = await startTestApp();
    gate = t.app.get(ConsultationGate);
    coordinator = new HttpClient(t.app);
    editor = new HttpClient(t.app);
    participant = new HttpClient(t.app);
    anonymous = new HttpClient(t.app);
    expect((await coordinator.signIn('coordinator@doorway.test', PASSWORD)).status).toBe(200);
    expect((await editor.signIn('editor1@doorway.test', PASSWORD)).status).toBe(200);
    await participant.register('civil_society');

    const [forum]: { id: string }[] = await t.db.query(
      `INSERT INTO forums (slug, name, year) VALUES ($1, 'Phases test forum', 2016) RETURNING id`,
      [`${SLUG}-forum`],
    );
    const [document]: { id: string }[] = await t.db.query(
      `INSERT INTO documents (forum_id, slug, title) VALUES ($1, $2, 'A consultation to open and close') RETURNING id`,
      [forum?.id, SLUG],
    );
    documentId = document?.id ?? '';
    const [version]: { id: string }[] = await t.db.query(
      `INSERT INTO document_versions (document_id, number, label, status, published_at)
       VALUES ($1, 1, 'First draft', 'published', now()) RETURNING id`,
      [documentId],
    );
    const [section]: { id: string }[] = await t.db.query(
      `INSERT INTO version_sections (version_id, key, title, position) VALUES ($1, 'introduction', 'Introduction', 1) RETURNING id`,
      [version?.id],
    );
    for (const [i, key] of ['p-one', 'p-two'].entries()) {
      const [paragraph]: { id: string }[] = await t.db.query(
        'INSERT INTO paragraphs (document_id, key) VALUES ($1, $2) RETURNING id',
        [documentId, key],
      );
      await t.db.query(
        `INSERT INTO paragraph_revisions (version_id, paragraph_id, section_id, position, text) VALUES ($1, $2, $3, $4, $5)`,
        [version?.id, paragraph?.id, section?.id, i + 1, `Paragraph ${i + 1} of a short consultation.`],
      );
    }
    await t.db.query('UPDATE documents SET current_version_id = $1 WHERE id = $2', [version?.id, documentId]);
  });
  afterAll(() => t.close());

  const phaseUrl = `/api/documents/${SLUG}/phase`;
  const phaseOf = async () =>
    ((await t.db.query('SELECT phase, comment_deadline FROM documents WHERE id = $1', [documentId])) as {
      phase: string;
      comment_deadline: Date | null;
    }[])[0];
  /** What the gate says, as the API would answer it: null when open. */
  const gateAnswer = async () => {
    try {
      await gate.assertOpenForContributions(documentId);
      return null;
    } catch (error) {
      return toApiError(error);
    }
  };

  it('starts open, and the document view shows the phase and no deadline', async () => {
    const view = await anonymous.get<DocumentVersionView>(`/api/documents/${SLUG}`);
    expect(view.status).toBe(200);
    expect(view.body.document).toMatchObject({ slug: SLUG, phase: 'open', commentDeadline: null });
    expect(await gateAnswer()).toBeNull();
  });

  it('lets the coordinator close and reopen the consultation and set, keep and clear the deadline', async () => {
    const closed = await coordinator.patch<DocumentSummary>(phaseUrl, { phase: 'closed' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ slug: SLUG, phase: 'closed', commentDeadline: null });
    expect((await anonymous.get<DocumentVersionView>(`/api/documents/${SLUG}`)).body.document.phase).toBe('closed');

    const deadline = '2031-03-01T12:00:00.000Z';
    const reopened = await coordinator.patch<DocumentSummary>(phaseUrl, { phase: 'open', commentDeadline: deadline });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ phase: 'open', commentDeadline: deadline });
    expect((await phaseOf())?.comment_deadline?.toISOString()).toBe(deadline);

    // Leaving the deadline out keeps it; null clears it.
    expect((await coordinator.patch<DocumentSummary>(phaseUrl, { phase: 'open' })).body.commentDeadline).toBe(deadline);
    const listed = (await anonymous.get<DocumentSummary[]>('/api/documents')).body.find((d) => d.slug === SLUG);
    expect(listed).toMatchObject({ phase: 'open', commentDeadline: deadline });
    expect((await coordinator.patch<DocumentSummary>(phaseUrl, { phase: 'open', commentDeadline: null })).body.commentDeadline).toBeNull();
    expect((await phaseOf())?.comment_deadline).toBeNull();
  });

  it('refuses the phase endpoint to editors and participants (403 ROLE_REQUIRED) and anonymous readers (401), changing nothing', async () => {
    const before = await phaseOf();
    for (const client of [editor, participant]) {
      const response = await client.patch<ApiError>(phaseUrl, { phase: 'closed' });
      expect(response.status).toBe(403);
      expect(response.body).toEqual({ statusCode: 403, error: 'ROLE_REQUIRED', message: 'Only coordinators can do this.' });
    }
    const response = await anonymous.patch<ApiError>(phaseUrl, { phase: 'closed' });
    expect(response.status).toBe(401);
    expect(await phaseOf()).toEqual(before);
  });

  it('validates the phase and the deadline, naming the field', async () => {
    const badPhase = await coordinator.patch<ApiError>(phaseUrl, { phase: 'paused' });
    expect(badPhase.status).toBe(400);
    expect(badPhase.body.details?.map((d) => d.field)).toEqual(['phase']);
    const badDeadline = await coordinator.patch<ApiError>(phaseUrl, { phase: 'open', commentDeadline: 'next Tuesday' });
    expect(badDeadline.status).toBe(400);
    expect(badDeadline.body.details?.map((d) => d.field)).toEqual(['commentDeadline']);
    const unknown = await coordinator.patch<ApiError>('/api/documents/no-such-document/phase', { phase: 'open' });
    expect(unknown.status).toBe(404);
    expect((await phaseOf())?.phase).toBe('open');
  });

  it('hides a document in the draft phase from readers and participants (404, and from the list), not from editors', async () => {
    expect((await coordinator.patch(phaseUrl, { phase: 'draft' })).status).toBe(200);
    try {
      for (const client of [anonymous, participant]) {
        const view = await client.get<ApiError>(`/api/documents/${SLUG}`);
        expect(view.status).toBe(404);
        expect(view.body.error).toBe('DOCUMENT_NOT_FOUND');
        expect((await client.get(`/api/documents/${SLUG}/versions`)).status).toBe(404);
        expect((await client.get(`/api/documents/${SLUG}/versions/1`)).status).toBe(404);
        expect((await client.get(`/api/documents/${SLUG}/paragraphs/p-one/history`)).status).toBe(404);
        expect((await client.get<DocumentSummary[]>('/api/documents')).body.map((d) => d.slug)).not.toContain(SLUG);
      }
      for (const client of [editor, coordinator]) {
        const view = await client.get<DocumentVersionView>(`/api/documents/${SLUG}`);
        expect(view.status).toBe(200);
        expect(view.body.document.phase).toBe('draft');
        expect((await client.get<VersionSummary[]>(`/api/documents/${SLUG}/versions`)).status).toBe(200);
        expect((await client.get<DocumentSummary[]>('/api/documents')).body.map((d) => d.slug)).toContain(SLUG);
      }
    } finally {
      await coordinator.patch(phaseUrl, { phase: 'open' });
    }
  });

  it('lets ConsultationGate refuse outside the open phase with 409 CONSULTATION_CLOSED naming the phase', async () => {
    for (const phase of ['closed', 'draft', 'final'] as const) {
      expect((await coordinator.patch(phaseUrl, { phase })).status).toBe(200);
      expect(await gateAnswer()).toEqual({
        statusCode: 409,
        error: 'CONSULTATION_CLOSED',
        message: `This document is not open for comment: it is in the ${phase} phase`,
      });
    }
    expect((await coordinator.patch(phaseUrl, { phase: 'open' })).status).toBe(200);
    expect(await gateAnswer()).toBeNull();
  });

  it('lets ConsultationGate refuse after the deadline, by the database clock, saying when it closed', async () => {
    const future = await coordinator.patch<DocumentSummary>(phaseUrl, { phase: 'open', commentDeadline: '2099-12-31T23:59:00Z' });
    expect(future.status).toBe(200);
    expect(await gateAnswer()).toBeNull();

    const past = await coordinator.patch<DocumentSummary>(phaseUrl, { phase: 'open', commentDeadline: '2016-11-30T23:59:00Z' });
    expect(past.body).toMatchObject({ phase: 'open', commentDeadline: '2016-11-30T23:59:00.000Z' });
    expect(await gateAnswer()).toEqual({
      statusCode: 409,
      error: 'CONSULTATION_CLOSED',
      message: 'This document is not open for comment: the consultation closed on 2016-11-30 23:59 UTC',
    });

    // One second ahead of the database's clock is still open; a moment later it is not.
    await t.db.query(`UPDATE documents SET comment_deadline = now() + interval '1 second' WHERE id = $1`, [documentId]);
    expect(await gateAnswer()).toBeNull();
    await t.db.query(`UPDATE documents SET comment_deadline = now() - interval '1 millisecond' WHERE id = $1`, [documentId]);
    expect((await gateAnswer())?.error).toBe('CONSULTATION_CLOSED');

    expect((await coordinator.patch(phaseUrl, { phase: 'open', commentDeadline: null })).status).toBe(200);
    expect(await gateAnswer()).toBeNull();
  });

  it('lets ConsultationGate answer 404 for a document that does not exist', async () => {
    await expect(gate.assertOpenForContributions('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ status: 404 });
  });
});
