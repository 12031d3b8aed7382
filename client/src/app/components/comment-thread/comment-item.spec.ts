import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { emptyGroupCounts } from '@doorway/contracts';
import type { CommentView } from '@doorway/contracts';
import { CIVIL_USER, PARAGRAPH, TECH_USER, comment } from '../../testing/fixtures';
import { CommentItem } from './comment-item';

describe('CommentItem', () => {
  let fixture: ComponentFixture<CommentItem>;
  let element: HTMLElement;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => overlay.remove());
  });

  async function render(view: CommentView, inputs: Record<string, unknown> = {}): Promise<void> {
    fixture = TestBed.createComponent(CommentItem);
    fixture.componentRef.setInput('comment', view);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  const text = (testId: string): string =>
    element.querySelector(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const buttonNames = (): string[] =>
    Array.from(element.querySelectorAll('button')).map((b) => (b.textContent ?? '').replace(/\s+/g, ' ').trim());
  const button = (name: string): HTMLButtonElement => {
    const found = Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim().endsWith(name));
    if (!found) throw new Error(`No button ${name}; buttons: ${buttonNames().join(' | ')}`);
    return found;
  };

  it('says which version it was written on, and when the paragraph has changed since', async () => {
    await render(comment({ versionNumber: 1 }));
    expect(text('comment-version')).toBe('on v1');
    fixture.componentRef.setInput('comment', comment({ versionNumber: 1, paragraphChangedSince: true }));
    await fixture.whenStable();
    expect(text('comment-version')).toBe('on v1 · the paragraph has changed since');
  });

  it('endorses, shows who endorsed by group, announces it, and offers to withdraw the endorsement', async () => {
    const view = comment({ body: 'Cost is the barrier.' });
    await render(view, { currentUserId: TECH_USER.id });
    const changed: CommentView[] = [];
    const announced: string[] = [];
    fixture.componentInstance.changed.subscribe((c) => changed.push(c));
    fixture.componentInstance.announce.subscribe((a) => announced.push(a));
    expect(element.querySelector('[data-testid="endorsements"]')).toBeNull();
    expect(buttonNames().filter((name) => /endorse/i.test(name))).toEqual(['Endorse']);

    button('Endorse').click();
    const post = http.expectOne(`/api/comments/${view.id}/endorsements`);
    expect(post.request.method).toBe('POST');
    const endorsed = {
      ...view,
      endorsedByMe: true,
      endorsements: { total: 1, byGroup: { ...emptyGroupCounts(), technical_community: 1 } },
    };
    post.flush(endorsed);
    fixture.componentRef.setInput('comment', endorsed);
    await fixture.whenStable();

    expect(changed).toEqual([endorsed]);
    expect(announced).toEqual(['Endorsed']);
    expect(text('endorsements')).toBe('Endorsed by 1: 1 Technical community');
    expect(buttonNames().filter((name) => /endorse/i.test(name))).toEqual(['Withdraw endorsement']);

    button('Withdraw endorsement').click();
    const del = http.expectOne(`/api/comments/${view.id}/endorsements`);
    expect(del.request.method).toBe('DELETE');
    del.flush({ ...view });
    fixture.componentRef.setInput('comment', { ...view });
    await fixture.whenStable();
    expect(announced).toEqual(['Endorsed', 'Endorsement withdrawn']);
    expect(element.querySelector('[data-testid="endorsements"]')).toBeNull();
    expect(buttonNames().filter((name) => /endorse/i.test(name))).toEqual(['Endorse']);
  });

  it('marks the comment as endorsed when the API says it already was', async () => {
    const view = comment();
    await render(view, { currentUserId: TECH_USER.id });
    const changed: CommentView[] = [];
    fixture.componentInstance.changed.subscribe((c) => changed.push(c));
    button('Endorse').click();
    http
      .expectOne(`/api/comments/${view.id}/endorsements`)
      .flush({ statusCode: 409, error: 'ALREADY_ENDORSED', message: 'You have already endorsed this.' }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(changed).toEqual([{ ...view, endorsedByMe: true }]);
    expect(element.querySelector('[role="alert"]')).toBeNull();
  });

  it('shows an endorsement made earlier, as the API reports it', async () => {
    await render(comment({ endorsedByMe: true }), { currentUserId: TECH_USER.id });
    expect(buttonNames()).toContain('Withdraw endorsement');
  });

  it('offers no endorsement on replies, on one’s own comments, to signed-out readers or when the consultation is closed', async () => {
    await render(comment(), { currentUserId: null });
    expect(buttonNames().some((name) => /endorse/i.test(name))).toBe(false);
    await render(comment({ author: { id: TECH_USER.id, displayName: TECH_USER.displayName, organisation: null } }), {
      currentUserId: TECH_USER.id,
    });
    expect(buttonNames().some((name) => /endorse/i.test(name))).toBe(false);
    await render(comment({ parentId: 'c-parent' }), { currentUserId: TECH_USER.id, isReply: true });
    expect(buttonNames().some((name) => /endorse/i.test(name))).toBe(false);
    await render(comment(), { currentUserId: TECH_USER.id, canContribute: false });
    expect(buttonNames().some((name) => /endorse|reply/i.test(name))).toBe(false);
  });

  it('shows a suggestion as a word diff against the current paragraph, with a badge and Withdraw for its author', async () => {
    const proposedText = `${PARAGRAPH.text} Travel grants announced early made the difference.`;
    const suggestion = comment({
      kind: 'suggestion',
      proposedText,
      body: 'Cost is the barrier participants name first.',
      author: { id: CIVIL_USER.id, displayName: CIVIL_USER.displayName, organisation: null },
      stakeholderGroup: 'civil_society',
    });
    await render(suggestion, { currentUserId: CIVIL_USER.id, paragraphText: PARAGRAPH.text });
    const article = element.querySelector('article');
    expect(article?.getAttribute('aria-label')).toBe(`Suggested edit by ${CIVIL_USER.displayName}`);
    expect(article?.textContent).toContain('Suggested edit');
    const diff = element.querySelector('[data-testid="suggestion-diff"]');
    expect(diff?.querySelectorAll('ins')).toHaveLength(1);
    expect(diff?.querySelector('ins')?.textContent).toContain('Travel grants announced early made the difference.');
    expect(diff?.querySelector('del')).toBeNull();
    expect(element.querySelector('.body')?.textContent).toBe('Cost is the barrier participants name first.');
    expect(buttonNames()).toContain('Withdraw');
    expect(buttonNames().some((name) => name.endsWith('Delete'))).toBe(false);

    // Once triaged, it can no longer be withdrawn.
    fixture.componentRef.setInput('comment', { ...suggestion, disposition: 'noted' });
    await fixture.whenStable();
    expect(buttonNames().some((name) => name.endsWith('Withdraw'))).toBe(false);
  });

  it('shows the editors’ disposition, the version that answered it, their note, and who recorded it', async () => {
    await render(
      comment({
        disposition: 'accepted',
        answeredInVersion: 2,
        dispositionNote: 'Merged into the barriers section.',
        recordedByRapporteur: true,
      }),
    );
    const outcome = text('disposition');
    expect(outcome).toContain('Accepted');
    expect(outcome).toContain('Accepted in v2');
    expect(outcome).toContain('Note from the editors: Merged into the barriers section.');
    expect(element.textContent).toContain('Recorded by the rapporteur');

    await render(comment({ disposition: 'pending' }));
    expect(element.querySelector('[data-testid="disposition"]')).toBeNull();
    expect(element.textContent).not.toContain('Recorded by the rapporteur');
  });

  it('names the other paragraphs a comment is about', async () => {
    await render(comment({ paragraphKeys: [PARAGRAPH.key, 'p-9', 'p-7'] }), {
      paragraphNumbers: { [PARAGRAPH.key]: 5, 'p-7': 7, 'p-9': 9 },
    });
    expect(element.textContent).toContain('Also about ¶ 7, ¶ 9');
  });
});
