import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideRouter } from '@angular/router';
import type { CommentPage, TextQuote } from '@doorway/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { CIVIL_USER, EDITOR_USER, PARAGRAPH, comment, thread } from '../../testing/fixtures';
import { CommentThread } from './comment-thread';
import type { CountChange } from './comment-thread';

const LIST_URL = `/api/documents/bpf/paragraphs/${PARAGRAPH.key}/comments`;

describe('CommentThread', () => {
  let fixture: ComponentFixture<CommentThread>;
  let http: HttpTestingController;
  let element: HTMLElement;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function signIn(user = CIVIL_USER): Promise<void> {
    TestBed.inject(AuthService).signIn({ email: user.email, password: 'doorway-demo-2016' }).subscribe();
    http.expectOne('/api/auth/sign-in').flush({ user });
  }

  async function open(page: CommentPage, quote: TextQuote | null = null, inputs: Record<string, unknown> = {}): Promise<TestRequest> {
    fixture = TestBed.createComponent(CommentThread);
    fixture.componentRef.setInput('slug', 'bpf');
    fixture.componentRef.setInput('paragraph', PARAGRAPH);
    fixture.componentRef.setInput('quote', quote);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    const request = http.expectOne((r) => r.url === LIST_URL);
    request.flush(page);
    await fixture.whenStable();
    return request;
  }

  const comments = (): HTMLElement[] => Array.from(element.querySelectorAll<HTMLElement>('[data-testid="comment"]'));

  it('is a region named after the paragraph and asks for the newest comments first', async () => {
    const request = await open({ items: [], nextCursor: null });
    expect(request.request.params.get('order')).toBe('newest');
    expect(request.request.params.get('limit')).toBe('20');
    expect(request.request.params.has('cursor')).toBe(false);
    const region = element.querySelector('[data-testid="thread"]');
    expect(region?.getAttribute('role')).toBe('region');
    expect(region?.getAttribute('aria-label')).toBe('Comments on paragraph 5');
    expect(element.textContent).toContain('No comments on this paragraph yet.');
  });

  it('shows a <script> body as text and never creates a script element', async () => {
    const evil = '<script>window.hacked = true</script><img src=x onerror="window.hacked = true">';
    await open({ items: [thread({ body: evil, quote: { exact: '<b>bold</b>', prefix: '', suffix: '' } })], nextCursor: null });
    const [first] = comments();
    expect(first).toBeDefined();
    expect(element.querySelector('script')).toBeNull();
    expect(element.querySelector('img')).toBeNull();
    expect(element.querySelector('b')).toBeNull();
    expect(first.querySelector('.body')?.textContent).toBe(evil);
    expect(first.querySelector('blockquote')?.textContent).toContain('<b>bold</b>');
    expect((window as Window & { hacked?: boolean }).hacked).toBeUndefined();
  });

  it('shows author, organisation, group label, quote and replies; deleted comments lose body and author', async () => {
    await open({
      items: [
        thread({
          quote: { exact: 'shared responsibility', prefix: 'a ', suffix: ' of' },
          editedAt: '2016-10-02T10:00:00.000Z',
          replies: [comment({ body: 'A reply', stakeholderGroup: 'academia', author: { id: 'u-a', displayName: 'Ana Academic', organisation: null } })],
        }),
        thread({ deleted: true, body: null, author: null }),
      ],
      nextCursor: null,
    });
    const [top, reply, deleted] = comments();
    expect(top.getAttribute('aria-label')).toBe('Comment by Gabriel Gov');
    expect(reply.getAttribute('aria-label')).toBe('Reply by Ana Academic');
    expect(deleted.getAttribute('aria-label')).toBe('Deleted comment');
    expect(top.textContent).toContain('Gabriel Gov');
    expect(top.textContent).toContain('Ministry of ICT');
    expect(top.textContent).toContain('Government');
    expect(top.textContent).toContain('edited');
    expect(top.querySelector('blockquote')?.textContent).toBe('shared responsibility');
    expect(reply.textContent).toContain('A reply');
    expect(reply.textContent).toContain('Academia');
    expect(reply.closest('.replies')).not.toBeNull();
    expect(deleted.textContent).toContain('This comment was deleted.');
    expect(deleted.textContent).not.toContain('Gabriel Gov');
  });

  it('appends the next page when "Load more comments" is pressed', async () => {
    await open({ items: [thread({ body: 'first page' })], nextCursor: 'cursor-2' });
    const more = Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.includes('Load more comments'));
    expect(more).toBeDefined();
    more?.click();
    const next = http.expectOne((r) => r.url === LIST_URL);
    expect(next.request.params.get('cursor')).toBe('cursor-2');
    next.flush({ items: [thread({ body: 'second page' })], nextCursor: null });
    await fixture.whenStable();
    expect(comments().map((c) => c.querySelector('.body')?.textContent)).toEqual(['first page', 'second page']);
    expect(element.textContent).not.toContain('Load more comments');
  });

  it('offers "Sign in to comment" to signed-out readers instead of the form', async () => {
    await open({ items: [], nextCursor: null });
    expect(element.querySelector('textarea')).toBeNull();
    const link = Array.from(element.querySelectorAll('a')).find((a) => a.textContent?.trim() === 'Sign in to comment');
    expect(link?.getAttribute('href')).toContain('/sign-in?returnUrl=');
  });

  it('posts a comment with its quote, shows it on top, raises the count and announces it', async () => {
    await signIn();
    const quote: TextQuote = { exact: 'shared responsibility', prefix: 'Cybersecurity is a ', suffix: ' of all stakeholders, and no sin' };
    await open({ items: [thread({ body: 'older' })], nextCursor: null }, quote);
    const changes: CountChange[] = [];
    fixture.componentInstance.countChange.subscribe((change) => changes.push(change));

    expect(element.querySelector('[data-testid="quote-preview"]')?.textContent).toBe('shared responsibility');
    const textarea = element.querySelector('textarea') as HTMLTextAreaElement;
    textarea.value = '  My view on this.  ';
    textarea.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(localStorage.getItem(`doorway:draft:bpf:${PARAGRAPH.key}`)).toBe('  My view on this.  ');

    (element.querySelector('form.comment-form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    const post = http.expectOne((r) => r.url === LIST_URL && r.method === 'POST');
    expect(post.request.body).toEqual({ body: 'My view on this.', quote, attribution: 'named', language: 'en' });
    post.flush(
      comment({
        body: 'My view on this.',
        quote,
        stakeholderGroup: 'civil_society',
        author: { id: CIVIL_USER.id, displayName: CIVIL_USER.displayName, organisation: CIVIL_USER.organisation },
      }),
    );
    await fixture.whenStable();

    expect(comments()[0].querySelector('.body')?.textContent).toBe('My view on this.');
    expect(comments()).toHaveLength(2);
    expect(changes).toEqual([{ group: 'civil_society', delta: 1, contributionId: expect.any(String) }]);
    expect(element.querySelector('[aria-live="polite"]')?.textContent).toContain('Comment posted');
    expect((element.querySelector('textarea') as HTMLTextAreaElement).value).toBe('');
    expect(element.querySelector('[data-testid="quote-preview"]')).toBeNull();
    expect(localStorage.getItem(`doorway:draft:bpf:${PARAGRAPH.key}`)).toBeNull();
    // The author can edit and delete their own comment, not the other one.
    const buttons = (c: HTMLElement): string[] => Array.from(c.querySelectorAll('button')).map((b) => b.textContent?.trim() ?? '');
    expect(buttons(comments()[0]).some((t) => t.endsWith('Edit'))).toBe(true);
    expect(buttons(comments()[1]).some((t) => t.endsWith('Edit'))).toBe(false);

    // The next comment is refused (the session ended elsewhere): "Comment posted" must not linger beside the error.
    const again = element.querySelector('textarea') as HTMLTextAreaElement;
    again.value = 'A second thought.';
    again.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    (element.querySelector('form.comment-form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    http
      .expectOne((r) => r.url === LIST_URL && r.method === 'POST')
      .flush({ statusCode: 401, error: 'UNAUTHENTICATED', message: 'Sign in to do this.' }, { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();
    expect(element.querySelector('[aria-live="polite"]')?.textContent?.trim()).toBe('');
    expect(element.querySelector('form.comment-form')?.textContent).toContain('signed out');
    expect((element.querySelector('textarea') as HTMLTextAreaElement).value).toBe('A second thought.');
  });

  it('restores a saved draft when the thread opens', async () => {
    await signIn();
    localStorage.setItem(`doorway:draft:bpf:${PARAGRAPH.key}`, 'Half-written thought');
    await open({ items: [], nextCursor: null });
    expect((element.querySelector('textarea') as HTMLTextAreaElement).value).toBe('Half-written thought');
  });

  const button = (name: string, scope: ParentNode = element): HTMLButtonElement => {
    const found = Array.from(scope.querySelectorAll('button')).find((b) => b.textContent?.trim().endsWith(name));
    if (!found) throw new Error(`No button ${name}`);
    return found;
  };
  /** The input, textarea or select of the form field labelled `label`. */
  const field = <T extends HTMLElement>(label: string): T => {
    const formField = Array.from(element.querySelectorAll('mat-form-field')).find(
      (f) => f.querySelector('mat-label')?.textContent?.trim() === label,
    );
    const control = formField?.querySelector<T>('textarea, input, mat-select');
    if (!control) throw new Error(`No field ${label}`);
    return control;
  };
  const type = async (control: HTMLTextAreaElement | HTMLInputElement, value: string): Promise<void> => {
    control.value = value;
    control.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  };
  const choose = async (label: string, options: string[]): Promise<void> => {
    field(label).click();
    await fixture.whenStable();
    for (const name of options) {
      const option = Array.from(document.querySelectorAll<HTMLElement>('mat-option')).find((o) => o.textContent?.trim() === name);
      if (!option) throw new Error(`No option ${name}`);
      option.click();
      await fixture.whenStable();
    }
    document.querySelector<HTMLElement>('.cdk-overlay-backdrop')?.click();
    await fixture.whenStable();
  };

  it('suggests an edit: prefilled text, a live word diff, then the suggestion on top with its diff', async () => {
    await signIn();
    await open({ items: [], nextCursor: null });
    const changes: CountChange[] = [];
    fixture.componentInstance.countChange.subscribe((change) => changes.push(change));
    const toggle = button('Suggest an edit');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    await fixture.whenStable();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');

    const proposed = field<HTMLTextAreaElement>('Proposed text');
    expect(proposed.value).toBe(PARAGRAPH.text);
    expect(element.querySelector('[data-testid="suggestion-preview"]')?.textContent).toContain('No change yet.');
    const addition = 'Travel grants announced early made the difference.';
    await type(proposed, `${PARAGRAPH.text} ${addition}`);
    expect(element.querySelector('[data-testid="suggestion-preview"] ins')?.textContent).toContain(addition);
    await type(field<HTMLTextAreaElement>('Why this change'), '  Cost is the barrier participants name first. ');

    button('Post suggestion').click();
    const post = http.expectOne(`/api/documents/bpf/paragraphs/${PARAGRAPH.key}/suggestions`);
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({
      proposedText: `${PARAGRAPH.text} ${addition}`,
      body: 'Cost is the barrier participants name first.',
      language: 'en',
    });
    post.flush(
      comment({
        kind: 'suggestion',
        proposedText: `${PARAGRAPH.text} ${addition}`,
        body: 'Cost is the barrier participants name first.',
        stakeholderGroup: 'civil_society',
        author: { id: CIVIL_USER.id, displayName: CIVIL_USER.displayName, organisation: null },
      }),
    );
    await fixture.whenStable();

    const [posted] = comments();
    expect(posted.textContent).toContain('Suggested edit');
    expect(posted.querySelector('[data-testid="suggestion-diff"] ins')?.textContent).toContain(addition);
    expect(changes).toEqual([{ group: 'civil_society', delta: 1, contributionId: expect.any(String) }]);
    expect(element.querySelector('[aria-live="polite"]')?.textContent).toContain('Suggestion posted');
    expect(element.querySelector('form.suggestion-form')).toBeNull();
  });

  it('refuses an unchanged suggestion without asking the API', async () => {
    await signIn();
    await open({ items: [], nextCursor: null });
    button('Suggest an edit').click();
    await fixture.whenStable();
    await type(field<HTMLTextAreaElement>('Why this change'), 'Because.');
    (element.querySelector('form.suggestion-form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(element.querySelector('mat-error')?.textContent).toContain('Change the text of the paragraph first');
    http.expectNone(`/api/documents/bpf/paragraphs/${PARAGRAPH.key}/suggestions`);
  });

  it('sends the further paragraphs a comment is about, and shows the API’s refusal when the consultation closed', async () => {
    await signIn();
    await open({ items: [], nextCursor: null }, null, {
      paragraphs: [
        { key: PARAGRAPH.key, number: 5 },
        { key: 'p-key-7', number: 7 },
        { key: 'p-key-9', number: 9 },
      ],
    });
    await choose('Also about paragraphs', ['¶ 7', '¶ 9']);
    await type(field<HTMLTextAreaElement>('Your comment'), 'This applies to all three.');
    (element.querySelector('form.comment-form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    const post = http.expectOne((r) => r.url === LIST_URL && r.method === 'POST');
    expect(post.request.body).toEqual({ body: 'This applies to all three.', alsoParagraphs: ['p-key-7', 'p-key-9'], attribution: 'named', language: 'en' });
    post.flush(
      { statusCode: 409, error: 'CONSULTATION_CLOSED', message: 'This document is not open for comment: it is in the closed phase' },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();
    expect(element.querySelector('form.comment-form [role="alert"]')?.textContent).toContain(
      'This document is not open for comment: it is in the closed phase',
    );
  });

  it('hides commenting, suggesting and endorsing when the consultation is closed, and says why', async () => {
    await signIn();
    await open({ items: [thread()], nextCursor: null }, null, {
      canContribute: false,
      closedReason: 'The consultation is closed while the editors prepare the next version.',
    });
    expect(element.querySelector('[data-testid="closed-note"]')?.textContent).toContain('The consultation is closed while the editors');
    expect(element.querySelector('textarea')).toBeNull();
    const names = Array.from(element.querySelectorAll('button')).map((b) => b.textContent?.trim() ?? '');
    expect(names.some((n) => /Suggest an edit|Endorse|Reply|Record an intervention/.test(n))).toBe(false);
  });

  it('lets editors record an intervention on a speaker’s behalf', async () => {
    await signIn(EDITOR_USER);
    await open({ items: [], nextCursor: null });
    button('Record an intervention').click();
    await fixture.whenStable();
    await type(field<HTMLInputElement>('Speaker name'), ' Ana Ruiz ');
    await type(field<HTMLInputElement>('Speaker organisation'), 'Ministry of Transport');
    await choose("Speaker's stakeholder group", ['Government']);
    await type(field<HTMLTextAreaElement>('What they said'), 'Visas take months.');
    button('Record intervention').click();
    const post = http.expectOne(`/api/documents/bpf/paragraphs/${PARAGRAPH.key}/interventions`);
    expect(post.request.body).toEqual({
      body: 'Visas take months.',
      speakerName: 'Ana Ruiz',
      speakerOrganisation: 'Ministry of Transport',
      stakeholderGroup: 'government',
      language: 'en',
    });
    post.flush(comment({ body: 'Visas take months.', recordedByRapporteur: true, author: { id: EDITOR_USER.id, displayName: 'Ana Ruiz', organisation: 'Ministry of Transport' } }));
    await fixture.whenStable();
    expect(comments()[0].textContent).toContain('Recorded by the rapporteur');
    expect(element.querySelector('[aria-live="polite"]')?.textContent).toContain('Intervention recorded');
  });

  it('fetches its comments again quietly when the page asks (live updates), keeping what "Load more" added', async () => {
    const first = thread({ body: 'First page' });
    await open({ items: [first], nextCursor: 'c1' }, null, { refresh: 0 });
    (Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.includes('Load more')) as HTMLButtonElement).click();
    await fixture.whenStable();
    const older = thread({ body: 'Second page' });
    http.expectOne((r) => r.url === LIST_URL && r.params.get('cursor') === 'c1').flush({ items: [older], nextCursor: null });
    await fixture.whenStable();
    const statusBefore = element.querySelector('[aria-live="polite"]')?.textContent;

    fixture.componentRef.setInput('refresh', 1);
    await fixture.whenStable();
    const again = http.expectOne((r) => r.url === LIST_URL);
    expect(again.request.params.has('cursor')).toBe(false);
    const newest = thread({ body: 'Just posted elsewhere' });
    again.flush({ items: [newest, first], nextCursor: 'c1' });
    await fixture.whenStable();

    expect(comments().map((c) => c.querySelector('.body')?.textContent)).toEqual(['Just posted elsewhere', 'First page', 'Second page']);
    expect(element.querySelector('mat-progress-bar')).toBeNull();
    expect(element.querySelector('[aria-live="polite"]')?.textContent).toBe(statusBefore);
    expect(Array.from(element.querySelectorAll('button')).some((b) => b.textContent?.includes('Load more'))).toBe(false);
  });
});
