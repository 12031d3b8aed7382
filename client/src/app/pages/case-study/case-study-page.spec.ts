import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideRouter } from '@angular/router';
import type { CaseStudyAttributionView, CaseStudyView, CurrentUser } from '@doorway/contracts';
import { CIVIL_USER, EDITOR_USER, GOV_USER, caseStudyView } from '../../testing/fixtures';
import { signInAs } from '../../testing/sign-in';
import { LanguageService } from '../../core/i18n/language.service';
import { CaseStudyPage, decisionMessageProblem } from './case-study-page';

const URL = '/api/case-studies/cs-1';

describe('CaseStudyPage', () => {
  let fixture: ComponentFixture<CaseStudyPage>;
  let element: HTMLElement;
  let http: HttpTestingController;

  async function open(view: CaseStudyView, user: CurrentUser | null = null): Promise<void> {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
    if (user) signInAs(user);
    fixture = TestBed.createComponent(CaseStudyPage);
    fixture.componentRef.setInput('id', view.id);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    http.expectOne(URL).flush(view);
    await fixture.whenStable();
  }

  afterEach(() => http.verify());

  const text = (testId: string): string => element.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim() ?? '';
  const button = (name: string): HTMLButtonElement | undefined =>
    Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim() === name);
  const headings = (): string[] => Array.from(element.querySelectorAll('h2')).map((h) => h.textContent?.trim() ?? '');

  /** What the public sees of an accepted case study. */
  const published = (submittedBy: CaseStudyAttributionView): CaseStudyView =>
    caseStudyView({ status: 'accepted', submittedBy, transitions: undefined, reviewMessage: null });

  it.each([
    ['named', 'Kwabena Asante-Boateng, Ministry of ICT', { kind: 'named', name: 'Kwabena Asante-Boateng', organisation: 'Ministry of ICT' }],
    ['organisation', 'Ministry of ICT', { kind: 'organisation', name: null, organisation: 'Ministry of ICT' }],
    ['anonymous', 'Anonymous', { kind: 'anonymous', name: null, organisation: null }],
  ] as const)('credits a case study with %s attribution as "%s"', async (_kind, expected, submittedBy) => {
    await open(published({ ...submittedBy }));
    expect(text('attribution')).toBe(expected);
  });

  it('shows the story under its four headings, with status, region, years and groups', async () => {
    await open(published({ kind: 'named', name: 'Kwabena', organisation: null }));
    expect(element.querySelector('h1')?.textContent?.trim()).toBe('Open briefings between the CERT and the ministry');
    expect(text('case-study-status')).toBe('Accepted');
    expect(headings()).toEqual(expect.arrayContaining(['The closed door', 'What opened it', 'The outcome', 'Lessons for others']));
    expect(element.textContent).toContain('Kenya');
    expect(element.textContent).toContain('2014–2016');
    expect(element.textContent).toContain('Incident response and CERTs');
    expect(element.querySelector('[data-testid="group-tag-technical_community"]')).not.toBeNull();
    // Readers get neither history nor review actions.
    expect(element.querySelector('[data-testid="history"]')).toBeNull();
    expect(button('Take for review')).toBeUndefined();
  });

  it('lists its domains as a list, not joined with commas', async () => {
    await open({ ...published({ kind: 'named', name: 'Kwabena', organisation: null }), domains: ['incident_response', 'human_rights_encryption'] });
    const items = Array.from(element.querySelectorAll('.domains li')).map((li) => li.textContent?.trim());
    expect(items).toEqual(['Incident response and CERTs', 'Human rights and encryption']);
    expect(element.textContent).not.toContain('CERTs, Human');
  });

  it('says which version of the document included it, once one has', async () => {
    await open({ ...published({ kind: 'anonymous', name: null, organisation: null }), includedInVersion: 2 });
    expect(text('included-in-version')).toBe('· Included in v2 of the document');
  });

  it('says nothing of inclusion before a version includes it', async () => {
    await open(published({ kind: 'anonymous', name: null, organisation: null }));
    expect(element.querySelector('[data-testid="included-in-version"]')).toBeNull();
  });

  it('renders markup in the title and story as text, and links only to http(s) addresses', async () => {
    await open(
      caseStudyView({
        status: 'accepted',
        title: '<script>window.hacked = true</script>',
        lessons: '<img src=x onerror="window.hacked = true">',
        links: [{ url: 'javascript:alert(1)' }, { url: 'https://example.org/report', title: 'The report' }],
      }),
    );
    expect(element.querySelector('script')).toBeNull();
    expect(element.querySelector('img')).toBeNull();
    expect(element.querySelector('h1')?.textContent).toBe('<script>window.hacked = true</script>');
    const links = Array.from(element.querySelectorAll<HTMLAnchorElement>('.links a'));
    expect(links).toHaveLength(1);
    expect(links[0]?.getAttribute('href')).toBe('https://example.org/report');
    expect(links[0]?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(links[0]?.getAttribute('target')).toBe('_blank');
    expect(element.textContent).toContain('javascript:alert(1)');
    expect((window as Window & { hacked?: boolean }).hacked).toBeUndefined();
  });

  it('shows the submitter the editors’ message, an Edit link and the history, but no review actions', async () => {
    await open(
      caseStudyView({
        status: 'changes_requested',
        reviewMessage: 'Please say which year the briefings started.',
        transitions: [
          { from: null, to: 'draft', by: GOV_USER.displayName, message: null, at: '2016-10-01T10:00:00.000Z' },
          { from: 'in_review', to: 'changes_requested', by: 'Elena Editor', message: 'Please say which year the briefings started.', at: '2016-10-03T10:00:00.000Z' },
        ],
      }),
      GOV_USER,
    );
    expect(text('case-study-status')).toBe('Changes requested');
    expect(text('review-message')).toBe('Please say which year the briefings started.');
    const edit = Array.from(element.querySelectorAll('a')).find((a) => a.textContent?.trim() === 'Edit');
    expect(edit?.getAttribute('href')).toBe('/case-studies/cs-1/edit');
    expect(text('history')).toContain('In review → Changes requested');
    expect(text('history')).toContain('Elena Editor');
    expect(button('Take for review')).toBeUndefined();
    expect(button('Accept')).toBeUndefined();
  });

  it('offers no review actions to a participant, even one who may see the case study', async () => {
    await open(caseStudyView({ status: 'submitted', transitions: [] }), CIVIL_USER);
    expect(button('Take for review')).toBeUndefined();
    expect(element.querySelector('textarea')).toBeNull();
  });

  it('lets an editor take a submitted case study, then decide, updating the status in place', async () => {
    await open(caseStudyView({ status: 'submitted' }), EDITOR_USER);
    expect(button('Accept')).toBeUndefined();
    button('Take for review')?.click();
    const assign = http.expectOne(`${URL}/assign`);
    expect(assign.request.method).toBe('POST');
    assign.flush(caseStudyView({ status: 'in_review', assignedEditor: EDITOR_USER.displayName }));
    await fixture.whenStable();
    expect(text('case-study-status')).toBe('In review');
    expect(button('Take for review')).toBeUndefined();
    expect(element.querySelector('label')?.textContent?.trim()).toBe('Message to the submitter');
    expect(button('Accept')).toBeDefined();
    expect(button('Request changes')).toBeDefined();
    expect(button('Decline')).toBeDefined();

    button('Accept')?.click();
    const decision = http.expectOne(`${URL}/decision`);
    expect(decision.request.body).toEqual({ decision: 'accepted' });
    decision.flush(caseStudyView({ status: 'accepted' }));
    await fixture.whenStable();
    expect(text('case-study-status')).toBe('Accepted');
    expect(button('Accept')).toBeUndefined();
  });

  it('asks for a message before requesting changes or declining', async () => {
    await open(caseStudyView({ status: 'in_review', assignedEditor: EDITOR_USER.displayName }), EDITOR_USER);
    button('Request changes')?.click();
    await fixture.whenStable();
    http.expectNone(`${URL}/decision`);
    expect(element.querySelector('mat-error')?.textContent?.trim()).toBe('Write a message to the submitter: tell them why');

    const textarea = element.querySelector('textarea') as HTMLTextAreaElement;
    textarea.value = 'Please say which year the briefings started.';
    textarea.dispatchEvent(new Event('input'));
    button('Request changes')?.click();
    const decision = http.expectOne(`${URL}/decision`);
    expect(decision.request.body).toEqual({ decision: 'changes_requested', message: 'Please say which year the briefings started.' });
    decision.flush(caseStudyView({ status: 'changes_requested', reviewMessage: 'Please say which year the briefings started.' }));
    await fixture.whenStable();
    expect(text('case-study-status')).toBe('Changes requested');
  });

  it('applies the message rules: required unless accepting, 5 to 2000 characters', () => {
    const languages = TestBed.inject(LanguageService);
    const t = (key: string, params?: Record<string, unknown>) => languages.t(key, params);
    expect(decisionMessageProblem('accepted', '', t)).toBeNull();
    expect(decisionMessageProblem('declined', '  ', t)).not.toBeNull();
    expect(decisionMessageProblem('changes_requested', 'abc', t)).toBe('The message must be at least 5 characters');
    expect(decisionMessageProblem('declined', 'x'.repeat(2001), t)).toBe('The message must be at most 2,000 characters');
    expect(decisionMessageProblem('declined', 'Out of scope for this forum.', t)).toBeNull();
  });

  it('says the case study is not found when the API answers 404', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(CaseStudyPage);
    fixture.componentRef.setInput('id', 'cs-404');
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    http
      .expectOne('/api/case-studies/cs-404')
      .flush({ statusCode: 404, error: 'CASE_STUDY_NOT_FOUND', message: 'No case study.' }, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect(element.querySelector('h1')?.textContent?.trim()).toBe('Case study not found');
  });
});
