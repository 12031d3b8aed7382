import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideRouter } from '@angular/router';
import { emptyGroupCounts } from '@doorway/contracts';
import type { CurrentUser, DocumentVersionView } from '@doorway/contracts';
import { CIVIL_USER, COORDINATOR_USER, EDITOR_USER, PARAGRAPH, documentView } from '../../testing/fixtures';
import { signInAs } from '../../testing/sign-in';
import { DocumentPage } from './document-page';

describe('DocumentPage', () => {
  let fixture: ComponentFixture<DocumentPage>;
  let element: HTMLElement;
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function open(doc: DocumentVersionView, user: CurrentUser | null = null): Promise<void> {
    if (user) signInAs(user);
    fixture = TestBed.createComponent(DocumentPage);
    fixture.componentRef.setInput('slug', 'bpf');
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    http.expectOne('/api/documents/bpf').flush(doc);
    await fixture.whenStable();
  }

  const links = (): Record<string, string | null> =>
    Object.fromEntries(Array.from(element.querySelectorAll('.doc-head a')).map((a) => [a.textContent?.trim() ?? '', a.getAttribute('href')]));

  it('names the version, links to its comparison and every version, and shows the phase', async () => {
    await open(documentView({ document: { phase: 'open', commentDeadline: null } }));
    expect(element.querySelector('[data-testid="version-label"]')?.textContent).toBe('Version 2 · Draft for public comment');
    expect(links()).toEqual({
      'Compare versions': '/documents/bpf/compare?from=1&to=2',
      'All versions': '/documents/bpf/versions',
    });
    expect(element.querySelector('[data-testid="phase"]')?.textContent?.trim()).toBe('Open for comment');
  });

  it('offers no comparison for version 1, and editing links by role', async () => {
    await open(documentView({ version: { number: 1, label: 'First draft' } }), EDITOR_USER);
    expect(links()).toEqual({
      'All versions': '/documents/bpf/versions',
      Triage: '/documents/bpf/triage',
      'Compose next version': '/documents/bpf/merge',
    });
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
    await open(documentView(), COORDINATOR_USER);
    expect(links()['Consultation settings']).toBe('/documents/bpf/settings');
    expect(links()['Triage']).toBe('/documents/bpf/triage');
  });

  it('shows "Shaped by" on revised paragraphs', async () => {
    await open(
      documentView({
        paragraphs: [{ ...PARAGRAPH, number: 14, shapedBy: { count: 1, byGroup: { ...emptyGroupCounts(), civil_society: 1 } } }],
      }),
    );
    expect(element.querySelector('[data-testid="paragraph-14"] [data-testid="shaped-by"]')?.textContent).toContain(
      'Shaped by 1 contribution from Civil society',
    );
  });

  it('says why nobody can comment once the consultation is closed, and hides the forms', async () => {
    await open(documentView({ document: { phase: 'closed' } }), CIVIL_USER);
    expect(element.querySelector('[data-testid="phase"]')?.textContent).toContain('Closed for comment');
    expect(element.querySelector('.how-to')?.textContent).toContain('not accepted right now');
    element.querySelector<HTMLButtonElement>('[data-testid="paragraph-5"] .comments-toggle')?.click();
    await fixture.whenStable();
    http.expectOne((r) => r.url === `/api/documents/bpf/paragraphs/${PARAGRAPH.key}/comments`).flush({ items: [], nextCursor: null });
    await fixture.whenStable();
    const thread = element.querySelector('[data-testid="thread"]');
    expect(thread?.querySelector('[data-testid="closed-note"]')?.textContent).toContain('The consultation is closed');
    expect(thread?.querySelector('textarea')).toBeNull();
    expect(Array.from(thread?.querySelectorAll('button') ?? []).some((b) => b.textContent?.includes('Suggest an edit'))).toBe(false);
  });
});
