import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { MatIconRegistry } from '@angular/material/icon';
import { DomSanitizer } from '@angular/platform-browser';
import type { CommentView } from '@doorway/contracts';
import { registerIcons } from '../../core/icons/icons';
import { CIVIL_USER, comment } from '../../testing/fixtures';
import { CommentItem } from './comment-item';

describe('CommentItem: reports, hidden comments and group verification', () => {
  let fixture: ComponentFixture<CommentItem>;
  let element: HTMLElement;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    registerIcons(TestBed.inject(MatIconRegistry), TestBed.inject(DomSanitizer));
  });

  afterEach(() => {
    http.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => overlay.remove());
  });

  async function render(view: CommentView, currentUserId: string | null = CIVIL_USER.id): Promise<void> {
    fixture = TestBed.createComponent(CommentItem);
    fixture.componentRef.setInput('comment', view);
    fixture.componentRef.setInput('currentUserId', currentUserId);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }
  const reportButton = () => element.querySelector<HTMLButtonElement>('button.report');
  const testId = (id: string) => element.querySelector(`[data-testid="${id}"]`);

  it("shows the moderators' reason in place of a hidden comment, and offers nothing to do with it", async () => {
    await render(comment({ hidden: true, hiddenReason: 'Shares a private phone number.', body: null, author: null }));
    expect(testId('hidden-note')?.textContent?.trim()).toBe('Hidden by moderators: Shares a private phone number.');
    expect(element.querySelector('article')?.getAttribute('aria-label')).toBe('Hidden comment');
    expect(reportButton()).toBeNull();
    expect(element.querySelectorAll('.actions button')).toHaveLength(0);
  });

  it('shows moderators the text of a hidden comment, marked hidden', async () => {
    await render(comment({ hidden: true, hiddenReason: 'Off topic.', body: 'The text itself.' }));
    expect(testId('hidden-banner')?.textContent).toContain('Hidden by moderators: Off topic.');
    expect(element.querySelector('.body')?.textContent?.trim()).toBe('The text itself.');
  });

  it('says whether the author\'s group is verified or self-declared', async () => {
    await render(comment({ groupVerified: true }));
    expect(testId('group-status')?.textContent?.trim()).toBe('verified');
    fixture.componentRef.setInput('comment', comment({ groupVerified: false }));
    await fixture.whenStable();
    expect(testId('group-status')?.textContent?.trim()).toBe('self-declared');
  });

  it("offers Report on others' comments when signed in, not on one's own, nor when signed out or already reported", async () => {
    await render(comment());
    expect(reportButton()).not.toBeNull();
    fixture.componentRef.setInput('comment', comment({ author: { id: CIVIL_USER.id, displayName: 'Amina', organisation: null } }));
    await fixture.whenStable();
    expect(reportButton()).toBeNull();
    fixture.componentRef.setInput('comment', comment({ reportedByMe: true }));
    await fixture.whenStable();
    expect(reportButton()).toBeNull();
    expect(testId('reported')).not.toBeNull();
    fixture.componentRef.setInput('currentUserId', null);
    fixture.componentRef.setInput('comment', comment());
    await fixture.whenStable();
    expect(reportButton()).toBeNull();
  });

  it('opens the report dialog from the keyboard-reachable Report button, and shows the comment hidden when the report hid it', async () => {
    const view = comment({ body: 'Buy my product.' });
    await render(view);
    const changed: CommentView[] = [];
    fixture.componentInstance.changed.subscribe((c) => changed.push(c));
    const button = reportButton();
    expect(button?.tagName).toBe('BUTTON');
    button?.click();
    await fixture.whenStable();
    const dialog = document.querySelector('app-report-dialog');
    expect(dialog).not.toBeNull();
    const textarea = dialog?.querySelector('textarea') as HTMLTextAreaElement;
    textarea.value = 'Advertising, not a comment.';
    textarea.dispatchEvent(new Event('input'));
    (dialog?.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    http.expectOne(`/api/comments/${view.id}/reports`).flush({ contributionId: view.id, reportCount: 3, hidden: true, hiddenReason: 'Reported by 3 participants; awaiting review' });
    // The dialog reports its result once its closing animation is over.
    for (let i = 0; i < 20 && changed.length === 0; i += 1) {
      await new Promise((done) => setTimeout(done, 50));
      await fixture.whenStable();
    }
    expect(changed).toEqual([expect.objectContaining({ id: view.id, reportedByMe: true, hidden: true, body: null, hiddenReason: 'Reported by 3 participants; awaiting review' })]);
  });
});
