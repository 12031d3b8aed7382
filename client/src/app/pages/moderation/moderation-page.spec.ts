import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideRouter } from '@angular/router';
import type { CurrentUser, ModerationItem } from '@doorway/contracts';
import { CIVIL_USER, EDITOR_USER } from '../../testing/fixtures';
import { signInAs } from '../../testing/sign-in';
import { ModerationPage } from './moderation-page';
import { TranslocoService } from '@jsverse/transloco';
import { LanguageService } from '../../core/i18n/language.service';
import es from '../../../../public/i18n/es.json';

function item(overrides: Partial<ModerationItem> = {}): ModerationItem {
  return {
    id: 'c-1',
    kind: 'comment',
    documentSlug: 'bpf',
    documentTitle: 'Creating spaces for dialogue',
    paragraphKey: 'p-1',
    body: 'Buy cheap watches here.',
    proposedText: null,
    authorName: 'Spammer',
    stakeholderGroup: 'private_sector',
    createdAt: '2016-10-01T10:00:00.000Z',
    state: 'hidden',
    hiddenAt: '2016-10-02T10:00:00.000Z',
    hiddenReason: 'Reported by 3 participants; awaiting review',
    hiddenBy: null,
    reports: [{ reason: 'Advertising.', at: '2016-10-02T09:00:00.000Z', reporterName: 'Amina' }],
    ...overrides,
  };
}

describe('ModerationPage', () => {
  let fixture: ComponentFixture<ModerationPage>;
  let element: HTMLElement;
  let http: HttpTestingController;

  async function open(user: CurrentUser): Promise<void> {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
    signInAs(user);
    fixture = TestBed.createComponent(ModerationPage);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }
  const settle = async (until: () => boolean) => {
    for (let i = 0; i < 20 && !until(); i += 1) {
      await new Promise((done) => setTimeout(done, 50));
      await fixture.whenStable();
    }
  };

  afterEach(() => {
    http.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => overlay.remove());
  });

  it('tells participants it is for moderators, without asking the API', async () => {
    await open(CIVIL_USER);
    expect(element.querySelector('h1')?.textContent?.trim()).toBe('Moderation queue');
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('Only editors and coordinators can moderate.');
    http.expectNone((request) => request.url === '/api/moderation/queue');
  });

  it('lists hidden items with the reason, the text and the reports, and filters by state', async () => {
    await open(EDITOR_USER);
    http.expectOne('/api/moderation/queue').flush({ items: [item()], nextCursor: null });
    await fixture.whenStable();
    const article = element.querySelector('[data-testid="moderation-item"]');
    expect(article?.querySelector('h2')?.textContent).toContain('Comment by Spammer');
    expect(article?.querySelector('[data-testid="hidden-reason"]')?.textContent).toContain(
      'Hidden after reports from 3 participants; awaiting review',
    );
    expect(article?.textContent).toContain('Buy cheap watches here.');
    expect(article?.textContent).toContain('Advertising.');
    expect(element.querySelector('[role="status"]')?.textContent).toContain('1 item in the queue.');

    const radios = Array.from(element.querySelectorAll<HTMLInputElement>('mat-radio-button input'));
    radios[1]?.click();
    await fixture.whenStable();
    const filtered = http.expectOne((request) => request.url === '/api/moderation/queue');
    expect(filtered.request.params.get('state')).toBe('reported');
    filtered.flush({ items: [], nextCursor: null });
    await fixture.whenStable();
    expect(element.textContent).toContain('Nothing waits for moderation.');
  });

  it('speaks the chosen language, dates and counts included', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(TranslocoService).setTranslation(es, 'es');
    await TestBed.inject(LanguageService).use('es', false);
    signInAs(EDITOR_USER);
    fixture = TestBed.createComponent(ModerationPage);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    http.expectOne('/api/moderation/queue').flush({ items: [item({ hiddenBy: 'Chloé' })], nextCursor: null });
    await fixture.whenStable();
    expect(element.querySelector('h1')?.textContent?.trim()).toBe('Cola de moderación');
    const article = element.querySelector('[data-testid="moderation-item"]');
    expect(article?.querySelector('h2')?.textContent).toContain('Oculta');
    expect(article?.querySelector('[data-testid="hidden-reason"]')?.textContent).toContain('(por Chloé)');
    expect(article?.querySelector('time')?.textContent).toContain('oct 2016');
    expect(element.querySelector('[role="status"]')?.textContent).toContain('1 elemento en la cola.');
    expect(element.querySelector('[data-testid="hide"]')).toBeNull();
    expect(element.querySelector('[data-testid="restore"]')?.textContent?.trim()).toBe('Restablecer');
  });

  it('restores with a reason asked in a dialog, and takes the item out of the queue', async () => {
    await open(EDITOR_USER);
    http.expectOne('/api/moderation/queue').flush({ items: [item()], nextCursor: null });
    await fixture.whenStable();
    (element.querySelector('[data-testid="restore"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    const dialog = document.querySelector('app-reason-dialog');
    expect(dialog?.querySelector('h2')?.textContent?.trim()).toBe('Restore this contribution?');
    const textarea = dialog?.querySelector('textarea') as HTMLTextAreaElement;
    (dialog?.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(dialog?.querySelector('mat-error')?.textContent?.trim()).toBe('Give a reason');
    textarea.value = 'A fair criticism, not spam.';
    textarea.dispatchEvent(new Event('input'));
    (dialog?.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    let request: ReturnType<HttpTestingController['match']> = [];
    await settle(() => (request = http.match('/api/contributions/c-1/restore')).length > 0);
    expect(request[0]?.request.body).toEqual({ reason: 'A fair criticism, not spam.' });
    request[0]?.flush(item({ state: 'reported', hiddenAt: null, hiddenReason: null, reports: [] }));
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="moderation-item"]')).toBeNull();
    expect(element.querySelector('[role="status"]')?.textContent).toContain('Restored.');
  });
});
