import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideRouter } from '@angular/router';
import type { CurrentUser } from '@doorway/contracts';
import { CIVIL_USER, EDITOR_USER, caseStudyCard } from '../../testing/fixtures';
import { signInAs } from '../../testing/sign-in';
import { ReviewQueuePage } from './review-queue-page';

describe('ReviewQueuePage', () => {
  let fixture: ComponentFixture<ReviewQueuePage>;
  let element: HTMLElement;
  let http: HttpTestingController;

  async function open(user: CurrentUser | null): Promise<void> {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
    if (user) signInAs(user);
    fixture = TestBed.createComponent(ReviewQueuePage);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  afterEach(() => http.verify());

  it('tells participants and anonymous readers it is for editors, without asking the API', async () => {
    await open(CIVIL_USER);
    expect(element.querySelector('h1')?.textContent?.trim()).toBe('Review queue');
    expect(element.textContent).toContain('Only editors can see the review queue.');
    http.expectNone((request) => request.url === '/api/case-studies/queue');
  });

  it('lists what waits for review, and filters to what is assigned to me', async () => {
    await open({ ...EDITOR_USER, role: 'coordinator' });
    const all = http.expectOne((request) => request.url === '/api/case-studies/queue');
    expect(all.request.params.keys()).toEqual([]);
    all.flush([
      caseStudyCard({ status: 'submitted', submittedBy: { kind: 'named', name: 'Kwabena', organisation: 'Ministry of ICT' } }),
    ]);
    await fixture.whenStable();
    const item = element.querySelector('[data-testid="queue-item"]');
    expect(item?.querySelector('h2 a')?.getAttribute('href')).toBe('/case-studies/cs-1');
    expect(item?.textContent).toContain('Kwabena, Ministry of ICT');
    expect(item?.textContent).toContain('Submitted');
    expect(item?.querySelector('[data-testid="group-tag-government"]')).not.toBeNull();

    (element.querySelector('mat-slide-toggle button') as HTMLButtonElement).click();
    await fixture.whenStable();
    const mine = http.expectOne((request) => request.url === '/api/case-studies/queue');
    expect(mine.request.params.get('mine')).toBe('true');
    mine.flush([]);
    await fixture.whenStable();
    expect(element.textContent).toContain('Nothing waits for review that is assigned to you.');
  });
});
