import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideRouter } from '@angular/router';
import type { CommentPage, TextQuote } from '@doorway/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { CIVIL_USER, PARAGRAPH, comment, thread } from '../../testing/fixtures';
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

  async function signIn(): Promise<void> {
    TestBed.inject(AuthService).signIn({ email: CIVIL_USER.email, password: 'doorway-demo-2016' }).subscribe();
    http.expectOne('/api/auth/sign-in').flush({ user: CIVIL_USER });
  }

  async function open(page: CommentPage, quote: TextQuote | null = null): Promise<TestRequest> {
    fixture = TestBed.createComponent(CommentThread);
    fixture.componentRef.setInput('slug', 'bpf');
    fixture.componentRef.setInput('paragraph', PARAGRAPH);
    fixture.componentRef.setInput('quote', quote);
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
    expect(post.request.body).toEqual({ body: 'My view on this.', quote });
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
    expect(changes).toEqual([{ group: 'civil_society', delta: 1 }]);
    expect(element.querySelector('[aria-live="polite"]')?.textContent).toContain('Comment posted');
    expect((element.querySelector('textarea') as HTMLTextAreaElement).value).toBe('');
    expect(element.querySelector('[data-testid="quote-preview"]')).toBeNull();
    expect(localStorage.getItem(`doorway:draft:bpf:${PARAGRAPH.key}`)).toBeNull();
    // The author can edit and delete their own comment, not the other one.
    const buttons = (c: HTMLElement): string[] => Array.from(c.querySelectorAll('button')).map((b) => b.textContent?.trim() ?? '');
    expect(buttons(comments()[0]).some((t) => t.endsWith('Edit'))).toBe(true);
    expect(buttons(comments()[1]).some((t) => t.endsWith('Edit'))).toBe(false);
  });

  it('restores a saved draft when the thread opens', async () => {
    await signIn();
    localStorage.setItem(`doorway:draft:bpf:${PARAGRAPH.key}`, 'Half-written thought');
    await open({ items: [], nextCursor: null });
    expect((element.querySelector('textarea') as HTMLTextAreaElement).value).toBe('Half-written thought');
  });
});
