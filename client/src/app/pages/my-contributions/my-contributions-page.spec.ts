import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideRouter } from '@angular/router';
import type { MyCommentView } from '@doorway/contracts';
import { GOV_USER, caseStudyCard, caseStudyView, comment } from '../../testing/fixtures';
import { signInAs } from '../../testing/sign-in';
import { MyContributionsPage } from './my-contributions-page';

function myComment(overrides: Partial<MyCommentView> = {}): MyCommentView {
  return {
    ...comment(),
    documentSlug: 'bpf-cybersecurity-2016',
    documentTitle: 'Creating spaces for multistakeholder dialogue',
    paragraphNumber: 3,
    disposition: 'pending',
    ...overrides,
  };
}

describe('MyContributionsPage', () => {
  let fixture: ComponentFixture<MyContributionsPage>;
  let element: HTMLElement;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
    signInAs(GOV_USER);
    fixture = TestBed.createComponent(MyContributionsPage);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  const articles = (testId: string): HTMLElement[] => Array.from(element.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`));
  const linkIn = (scope: HTMLElement | undefined, name: string): HTMLAnchorElement | undefined =>
    Array.from(scope?.querySelectorAll('a') ?? []).find((a) => a.textContent?.trim() === name);

  it('shows the editors’ message and an Edit link for a case study sent back for changes', async () => {
    http.expectOne('/api/me/case-studies').flush([
      caseStudyCard({ id: 'cs-1', title: 'Sent back', status: 'changes_requested' }),
      caseStudyCard({ id: 'cs-2', title: 'Published', status: 'accepted' }),
      caseStudyCard({ id: 'cs-3', title: 'Still a draft', status: 'draft' }),
    ]);
    http.expectOne('/api/me/comments').flush([]);
    await fixture.whenStable();
    // Only the one with a message to show is fetched in full.
    http
      .expectOne('/api/case-studies/cs-1')
      .flush(caseStudyView({ status: 'changes_requested', reviewMessage: 'Please say which year the briefings started.' }));
    await fixture.whenStable();

    expect(element.querySelector('h1')?.textContent?.trim()).toBe('My contributions');
    expect(Array.from(element.querySelectorAll('h2')).map((h) => h.textContent?.trim())).toEqual(['Case studies', 'Comments']);
    const [sentBack, published, draft] = articles('my-case-study');
    expect(sentBack?.textContent).toContain('Changes requested');
    expect(sentBack?.textContent).toContain('Please say which year the briefings started.');
    expect(linkIn(sentBack, 'Edit')?.getAttribute('href')).toBe('/case-studies/cs-1/edit');
    expect(published?.textContent).toContain('Accepted');
    expect(linkIn(published, 'Edit')).toBeUndefined();
    expect(linkIn(draft, 'Edit')?.getAttribute('href')).toBe('/case-studies/cs-3/edit');
    expect(linkIn(element, 'Share a case study')?.getAttribute('href')).toBe('/case-studies/new');
  });

  it('lists comments with their document, paragraph link, date and disposition', async () => {
    http.expectOne('/api/me/case-studies').flush([]);
    http.expectOne('/api/me/comments').flush([
      myComment({ body: 'Invite them early.', paragraphKey: 'intro-shared', paragraphNumber: 12, disposition: 'partially_accepted' }),
      myComment({ body: null, deleted: true, disposition: 'out_of_scope' }),
      myComment({ body: 'On a paragraph the next version dropped.', paragraphKey: 'old-point', paragraphNumber: null }),
    ]);
    await fixture.whenStable();
    expect(element.textContent).toContain('You have not shared a case study yet.');
    const [first, deleted, dropped] = articles('my-comment');
    expect(first?.textContent).toContain('Creating spaces for multistakeholder dialogue');
    expect(first?.textContent).toContain('Invite them early.');
    expect(first?.textContent).toContain('Partially accepted');
    expect(first?.textContent).toContain('1 October 2016');
    // The number readers see on the draft, not the paragraph's internal key.
    expect(linkIn(first, '¶ 12')?.getAttribute('href')).toBe('/documents/bpf-cybersecurity-2016#p-intro-shared');
    expect(first?.textContent).not.toContain('intro-shared');
    expect(dropped?.textContent).toContain('A paragraph no longer in the document');
    expect(dropped?.querySelector('.where a')).toBeNull();
    expect(deleted?.querySelector('.body')?.textContent?.trim()).toBe('deleted');
    expect(deleted?.textContent).toContain('Out of scope');
  });

  it('shows a suggestion with its badge, "Accepted in v2", the disposition and the editors’ note', async () => {
    http.expectOne('/api/me/case-studies').flush([]);
    http.expectOne('/api/me/comments').flush([
      myComment({
        kind: 'suggestion',
        body: 'Cost is the barrier participants name first.',
        proposedText: 'Travel grants announced early made the difference.',
        disposition: 'accepted',
        answeredInVersion: 2,
        dispositionNote: 'Merged into the barriers section.',
      }),
      myComment({ body: 'Still waiting.', disposition: 'pending' }),
    ]);
    await fixture.whenStable();
    const [suggestion, pending] = articles('my-comment');
    const text = suggestion?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(text).toContain('Suggested edit');
    expect(text).toContain('Travel grants announced early made the difference.');
    expect(suggestion?.querySelector('[data-testid="answered-in"]')?.textContent).toBe('Accepted in v2');
    expect(text).toContain('Accepted');
    expect(text).toContain('Note from the editors: Merged into the barriers section.');
    expect(pending?.textContent).not.toContain('Suggested edit');
    expect(pending?.querySelector('[data-testid="answered-in"]')).toBeNull();
    expect(pending?.textContent).toContain('Pending');
  });
});
