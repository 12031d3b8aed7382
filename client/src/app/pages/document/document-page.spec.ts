import type { EnvironmentProviders, Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideRouter } from '@angular/router';
import { Subject } from 'rxjs';
import type { Observable } from 'rxjs';
import { emptyGroupCounts } from '@doorway/contracts';
import type { CurrentUser, DocumentVersionView, LiveCommentEvent, LiveEvent } from '@doorway/contracts';
import { LiveEventsService } from '../../services/live-events.service';
import { CIVIL_USER, COORDINATOR_USER, EDITOR_USER, PARAGRAPH, comment, documentView } from '../../testing/fixtures';
import { signInAs } from '../../testing/sign-in';
import { LanguageService } from '../../core/i18n/language.service';
import { DocumentPage, LIVE_UPDATE_DELAY, describeNewComments } from './document-page';

/** Stands in for the SSE stream: the test pushes events, and sees who listens. */
class FakeLiveEvents {
  readonly stream = new Subject<LiveEvent>();
  readonly slugs: string[] = [];
  readonly since: (string | null)[] = [];
  events(slug: string, since: string | null = null): Observable<LiveEvent> {
    this.slugs.push(slug);
    this.since.push(since);
    return this.stream.asObservable();
  }
}

describe('DocumentPage', () => {
  let fixture: ComponentFixture<DocumentPage>;
  let element: HTMLElement;
  let http: HttpTestingController;
  let live: FakeLiveEvents;

  const providers = (): (Provider | EnvironmentProviders)[] => [
    provideHttpClient(),
    provideHttpClientTesting(),
    provideRouter([]),
    { provide: LiveEventsService, useValue: live },
    { provide: LIVE_UPDATE_DELAY, useValue: 0 },
  ];

  beforeEach(() => {
    localStorage.clear();
    live = new FakeLiveEvents();
    TestBed.configureTestingModule({ providers: providers() });
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

  it('renders a long draft in steps: the first paragraphs at once, the rest as placeholders, then as they near the view', async () => {
    const observed: Element[] = [];
    const fake: { notify?: (entries: { target: Element; isIntersecting: boolean }[]) => void } = {};
    // jsdom has no IntersectionObserver: this one lets the test say which placeholders came into view.
    class FakeObserver {
      constructor(callback: (entries: { target: Element; isIntersecting: boolean }[]) => void) {
        fake.notify = callback;
      }
      observe(target: Element): void {
        observed.push(target);
      }
      unobserve(): void {
        return undefined;
      }
      disconnect(): void {
        return undefined;
      }
    }
    const globals = globalThis as unknown as { IntersectionObserver?: unknown };
    const original = globals.IntersectionObserver;
    globals.IntersectionObserver = FakeObserver;
    try {
      const paragraphs = Array.from({ length: 90 }, (_, i) => ({ ...PARAGRAPH, key: `long-${i + 1}`, number: i + 1, text: `Paragraph text ${i + 1}.` }));
      await open(documentView({ paragraphs }));
      const components = (): number => element.querySelectorAll('app-paragraph').length;
      const placeholders = (): number => element.querySelectorAll('.pending').length;
      expect(components()).toBe(3);
      expect(components() + placeholders()).toBeLessThan(90);

      // The rest arrive as plain-text placeholders, a slice per task.
      for (let i = 0; i < 500 && components() + placeholders() < 90; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        await fixture.whenStable();
      }
      expect(components() + placeholders()).toBe(90);
      expect(element.querySelector('#p-long-60')?.textContent).toContain('Paragraph text 60.');

      // Placeholders that near the viewport become paragraphs.
      const near = observed.filter((el) => el.id === 'p-long-60' || el.id === 'p-long-61');
      expect(near).toHaveLength(2);
      fake.notify?.(near.map((target) => ({ target, isIntersecting: true })));
      await new Promise((resolve) => setTimeout(resolve, 50));
      await fixture.whenStable();
      expect(element.querySelector('[data-testid="paragraph-60"]')).not.toBeNull();
      expect(element.querySelector('[data-testid="paragraph-61"]')).not.toBeNull();
      expect(components()).toBe(5);
    } finally {
      globals.IntersectionObserver = original;
    }
    // Ninety paragraphs in jsdom, slice by slice, take a few seconds on a busy machine.
  }, 60_000);

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
    TestBed.configureTestingModule({ providers: providers() });
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
    // The deferred thread is created after the page's render; its fetch starts on the next one.
    await fixture.whenStable();
    http.expectOne((r) => r.url === `/api/documents/bpf/paragraphs/${PARAGRAPH.key}/comments`).flush({ items: [], nextCursor: null });
    await fixture.whenStable();
    const thread = element.querySelector('[data-testid="thread"]');
    expect(thread?.querySelector('[data-testid="closed-note"]')?.textContent).toContain('The consultation is closed');
    expect(thread?.querySelector('textarea')).toBeNull();
    expect(Array.from(thread?.querySelectorAll('button') ?? []).some((b) => b.textContent?.includes('Suggest an edit'))).toBe(false);
  });

  describe('live updates', () => {
    let seq = 100;
    const commentEvent = (overrides: Partial<LiveCommentEvent> = {}): LiveCommentEvent => {
      seq += 1;
      return {
        type: 'comment',
        id: String(seq),
        documentSlug: 'bpf',
        at: '2016-11-02T10:00:00.000Z',
        contributionId: `live-${seq}`,
        parentId: null,
        kind: 'comment',
        paragraphKeys: [PARAGRAPH.key],
        stakeholderGroup: 'civil_society',
        ...overrides,
      };
    };
    /** Lets the page's short gathering delay pass, then renders. */
    const settle = async (): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await fixture.whenStable();
    };
    const toggleText = (n: number): string =>
      element.querySelector(`[data-testid="paragraph-${n}"] .comments-toggle`)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    const chip = (n: number, group: string): string =>
      element.querySelector(`[data-testid="paragraph-${n}"] [data-testid="group-count-${group}"]`)?.textContent?.trim() ?? '';
    const status = (): string => element.querySelector('[data-testid="live-status"]')?.textContent?.trim() ?? '';
    const commentsUrl = (key: string) => (r: { url: string; method: string }) =>
      r.url === `/api/documents/bpf/paragraphs/${key}/comments` && r.method === 'GET';
    const openThread = async (n: number, key: string): Promise<void> => {
      element.querySelector<HTMLButtonElement>(`[data-testid="paragraph-${n}"] .comments-toggle`)?.click();
      await fixture.whenStable();
      http.expectOne(commentsUrl(key)).flush({ items: [], nextCursor: null });
      await fixture.whenStable();
    };

    it('listens to the loaded document from its live cursor, and stops when the page goes', async () => {
      await open({ ...documentView(), liveCursor: '4107' });
      expect(live.slugs).toEqual(['bpf']);
      // Events after the view was read come first: none falls between the read and the stream.
      expect(live.since).toEqual(['4107']);
      expect(live.stream.observed).toBe(true);
      fixture.destroy();
      expect(live.stream.observed).toBe(false);
    });

    it('counts a new comment on its paragraph, by group, highlights it and says so politely', async () => {
      await open(documentView());
      expect(toggleText(6)).toContain('(0)');
      live.stream.next(commentEvent({ paragraphKeys: ['p-key-6'], stakeholderGroup: 'technical_community' }));
      await settle();
      expect(toggleText(6)).toContain('(1)');
      expect(chip(6, 'technical_community')).toContain('1');
      expect(toggleText(5)).toContain('(1)');
      const region = element.querySelector('[data-testid="live-status"]');
      expect(region?.getAttribute('role')).toBe('status');
      expect(region?.getAttribute('aria-live')).toBe('polite');
      expect(status()).toBe('New comment on paragraph 6');
      expect(element.querySelector('[data-testid="paragraph-6"]')?.closest('.row')?.classList).toContain('live-updated');
      expect(element.querySelector('[data-testid="paragraph-5"]')?.closest('.row')?.classList).not.toContain('live-updated');
      // The same event again (a replay after reconnecting) is not counted twice.
      const statusBefore = element.querySelector('[data-testid="live-status"]')?.textContent;
      live.stream.next(commentEvent({ id: '1', contributionId: `live-${seq}`, paragraphKeys: ['p-key-6'] }));
      await settle();
      expect(toggleText(6)).toContain('(1)');
      expect(element.querySelector('[data-testid="live-status"]')?.textContent).toBe(statusBefore);
    });

    it('says several new contributions in one sentence', async () => {
      await open(documentView());
      live.stream.next(commentEvent({ paragraphKeys: ['p-key-6'] }));
      live.stream.next(commentEvent({ kind: 'suggestion' }));
      await settle();
      expect(status()).toBe('2 new contributions on paragraphs 5 and 6');
      expect(toggleText(5)).toContain('(2)');
      expect(chip(5, 'civil_society')).toContain('1');
    });

    it('refreshes the open thread when its paragraph gets a comment, endorsement or disposition', async () => {
      await open(documentView());
      await openThread(5, PARAGRAPH.key);
      live.stream.next(commentEvent({ kind: 'reply', parentId: 'c1' }));
      await settle();
      http.expectOne(commentsUrl(PARAGRAPH.key)).flush({ items: [{ ...comment({ body: 'A new one' }), replies: [] }], nextCursor: null });
      await fixture.whenStable();
      expect(element.querySelector('[data-testid="thread"]')?.textContent).toContain('A new one');
      expect(status()).toBe('New reply on paragraph 5');

      live.stream.next({ type: 'endorsement', id: '900', documentSlug: 'bpf', at: '', contributionId: 'c1', paragraphKeys: [PARAGRAPH.key], total: 2 });
      await settle();
      http.expectOne(commentsUrl(PARAGRAPH.key)).flush({ items: [], nextCursor: null });

      live.stream.next({
        type: 'disposition',
        id: '901',
        documentSlug: 'bpf',
        at: '',
        contributionId: 'c1',
        caseStudyId: null,
        disposition: 'accepted',
        paragraphKeys: [PARAGRAPH.key],
      });
      await settle();
      http.expectOne(commentsUrl(PARAGRAPH.key)).flush({ items: [], nextCursor: null });

      // Changes elsewhere leave the open thread alone (http.verify() after each test).
      live.stream.next({ type: 'endorsement', id: '902', documentSlug: 'bpf', at: '', contributionId: 'c9', paragraphKeys: ['p-key-6'], total: 1 });
      live.stream.next(commentEvent({ paragraphKeys: ['p-key-6'] }));
      await settle();
      await fixture.whenStable();
    });

    it("does not count or announce the reader's own comment a second time", async () => {
      await open(documentView(), CIVIL_USER);
      await openThread(6, 'p-key-6');
      const textarea = element.querySelector('[data-testid="thread"] textarea') as HTMLTextAreaElement;
      textarea.value = 'Travel grants help.';
      textarea.dispatchEvent(new Event('input'));
      await fixture.whenStable();
      (element.querySelector('form.comment-form') as HTMLFormElement).dispatchEvent(new Event('submit'));
      const posted = comment({ id: 'mine-1', paragraphKey: 'p-key-6', paragraphKeys: ['p-key-6'], stakeholderGroup: 'civil_society' });
      http.expectOne((r) => r.url === '/api/documents/bpf/paragraphs/p-key-6/comments' && r.method === 'POST').flush(posted);
      await fixture.whenStable();
      expect(toggleText(6)).toContain('(1)');

      live.stream.next(commentEvent({ contributionId: 'mine-1', paragraphKeys: ['p-key-6'] }));
      await settle();
      expect(toggleText(6)).toContain('(1)');
      expect(status()).toBe('');
      expect(element.querySelector('[data-testid="paragraph-6"]')?.closest('.row')?.classList).not.toContain('live-updated');
    });

    it('updates the phase banner from the document when the phase changes', async () => {
      await open(documentView({ document: { phase: 'open', commentDeadline: null } }));
      live.stream.next({ type: 'phase', id: '950', documentSlug: 'bpf', at: '', phase: 'closed', commentDeadline: null });
      await settle();
      http.expectOne('/api/documents/bpf').flush(documentView({ document: { phase: 'closed', commentDeadline: null } }));
      await fixture.whenStable();
      expect(element.querySelector('[data-testid="phase"]')?.textContent).toContain('Closed for comment');
      expect(status()).toBe('Consultation update: Closed for comment');
      expect(element.querySelector('mat-progress-bar')).toBeNull();
    });
  });
});

describe('describeNewComments', () => {
  it('names the kind and the paragraphs', () => {
    const languages = TestBed.inject(LanguageService);
    expect(describeNewComments([{ kind: 'suggestion', number: 3 }], languages)).toBe('New suggestion on paragraph 3');
    expect(describeNewComments([{ kind: 'reply', number: 3 }, { kind: 'reply', number: 3 }], languages)).toBe('2 new replies on paragraph 3');
    expect(
      describeNewComments(
        [
          { kind: 'comment', number: 9 },
          { kind: 'comment', number: 2 },
          { kind: 'comment', number: 4 },
        ],
        languages,
      ),
    ).toBe('3 new comments on paragraphs 2, 4 and 9');
    expect(describeNewComments([{ kind: 'comment', number: 2 }, { kind: 'reply', number: 2 }], languages)).toBe('2 new contributions on paragraph 2');
    expect(describeNewComments([], languages)).toBe('');
  });
});
