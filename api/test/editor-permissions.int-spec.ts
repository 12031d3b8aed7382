import type { CommentView, DocumentVersionView } from '@doorway/contracts';
import { HttpClient } from './support/http-client';
import { startTestApp } from './support/test-app';
import type { TestApp } from './support/test-app';

const SLUG = 'bpf-cybersecurity-2016';
type Role = 'anonymous' | 'participant' | 'editor' | 'coordinator';
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Every editor-only endpoint of the editor workflow, tried as each role. Writes that would change
 * the shared seeded document are sent with a stale If-Match, so an allowed role gets 412 (past
 * the access check, stopped by the lock) and the document stays at version 1.
 */
describe('editor workflow permissions, for every role', () => {
  let t: TestApp;
  const clients = {} as Record<Role, HttpClient>;
  let commentId = '';
  let paragraphKey = '';

  beforeAll(async () => {
    t = await startTestApp();
    for (const role of ['anonymous', 'participant', 'editor', 'coordinator'] as const) clients[role] = new HttpClient(t.app);
    await clients.participant.register('academia');
    await clients.editor.signIn('editor1@doorway.test', 'doorway-demo-2016');
    await clients.coordinator.signIn('coordinator@doorway.test', 'doorway-demo-2016');
    const doc = await clients.anonymous.get<DocumentVersionView>(`/api/documents/${SLUG}`);
    paragraphKey = doc.body.sections[1]?.paragraphs[0]?.key ?? '';
    commentId = (await clients.participant.post<CommentView>(`/api/documents/${SLUG}/paragraphs/${paragraphKey}/comments`, { body: 'For the matrix.' })).body.id;
  });
  afterAll(() => t.close());

  const stale = { 'if-match': '"999999"' };
  const endpoints: { name: string; method: Method; url: () => string; body?: () => unknown; headers?: Record<string, string>; allowed: Partial<Record<Role, number>> }[] = [
    { name: 'triage queue', method: 'GET', url: () => `/api/documents/${SLUG}/triage`, allowed: { editor: 200, coordinator: 200 } },
    { name: 'set a disposition', method: 'PATCH', url: () => `/api/contributions/${commentId}/disposition`, body: () => ({ disposition: 'noted' }), allowed: { editor: 200, coordinator: 200 } },
    { name: 'bulk dispositions', method: 'POST', url: () => `/api/documents/${SLUG}/triage/bulk`, body: () => ({ ids: [commentId], disposition: 'noted' }), allowed: { editor: 200, coordinator: 200 } },
    { name: 'disposition history', method: 'GET', url: () => `/api/contributions/${commentId}/dispositions`, allowed: { editor: 200, coordinator: 200 } },
    {
      name: 'record an intervention',
      method: 'POST',
      url: () => `/api/documents/${SLUG}/paragraphs/${paragraphKey}/interventions`,
      body: () => ({ body: 'Said in the room.', speakerName: 'A speaker', stakeholderGroup: 'government' }),
      allowed: { editor: 201, coordinator: 201 },
    },
    { name: 'open the draft', method: 'GET', url: () => `/api/documents/${SLUG}/draft`, allowed: { editor: 200, coordinator: 200 } },
    {
      name: 'save the draft',
      method: 'PUT',
      url: () => `/api/documents/${SLUG}/draft`,
      body: () => ({ sections: [{ key: 'introduction', title: 'Introduction', paragraphs: [{ key: null, text: 'x', provenance: [] }] }] }),
      headers: stale,
      allowed: { editor: 412, coordinator: 412 },
    },
    { name: 'publish the draft', method: 'POST', url: () => `/api/documents/${SLUG}/draft/publish`, body: () => ({}), headers: stale, allowed: { editor: 412, coordinator: 412 } },
    { name: 'set the phase', method: 'PATCH', url: () => `/api/documents/${SLUG}/phase`, body: () => ({ phase: 'open' }), allowed: { coordinator: 200 } },
  ];

  for (const endpoint of endpoints) {
    it(`${endpoint.name}: 401 anonymous, 403 where not allowed, else through`, async () => {
      const seen: Record<string, number> = {};
      const expected: Record<string, number> = {};
      for (const role of ['anonymous', 'participant', 'editor', 'coordinator'] as const) {
        const response = await clients[role].request(endpoint.method, endpoint.url(), endpoint.body?.(), { headers: endpoint.headers });
        seen[role] = response.status;
        expected[role] = endpoint.allowed[role] ?? (role === 'anonymous' ? 401 : 403);
      }
      expect(seen).toEqual(expected);
    });
  }
});
