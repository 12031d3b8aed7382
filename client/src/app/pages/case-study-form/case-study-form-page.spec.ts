import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Router, provideRouter } from '@angular/router';
import { emptyGroupCounts, submissionProblems } from '@doorway/contracts';
import type { CaseStudyView, DocumentVersionView, SaveCaseStudyRequest } from '@doorway/contracts';
import { GOV_USER, caseStudyView } from '../../testing/fixtures';
import { signInAs } from '../../testing/sign-in';
import { AUTOSAVE_DELAY, CaseStudyFormPage } from './case-study-form-page';
import { createCaseStudyForm, formFields, problemSentence, shownProblems } from './case-study-form-model';
import { testTranslate } from '../../testing/transloco';
import es from '../../../../public/i18n/es.json';
import ar from '../../../../public/i18n/ar.json';

const DOC_URL = '/api/documents/bpf-cybersecurity-2016';
const CREATE_URL = `${DOC_URL}/case-studies`;

const DOC: DocumentVersionView = {
  document: {
    id: 'd1',
    slug: 'bpf-cybersecurity-2016',
    title: 'Creating spaces for multistakeholder dialogue',
    summary: 'Summary',
    language: 'en',
    forum: { slug: 'bpf', name: 'BPF Cybersecurity' },
    consultationOpensAt: null,
    consultationClosesAt: null,
    currentVersion: { number: 1, label: 'Draft', publishedAt: null },
    commentCount: 0,
    phase: 'open',
    commentDeadline: null,
    hiddenCount: 0,
  },
  version: { number: 1, label: 'Draft', publishedAt: null },
  liveCursor: null,
  sections: [
    {
      key: 'intro',
      title: 'Introduction',
      paragraphs: [
        {
          key: 'intro-shared',
          number: 1,
          text: 'Cybersecurity is a shared responsibility of all stakeholders, and no single group can secure it.',
          commentCount: 0,
          commentsByGroup: emptyGroupCounts(),
          caseStudies: [],
          shapedBy: null,
        },
      ],
    },
  ],
};

describe('CaseStudyFormPage', () => {
  let fixture: ComponentFixture<CaseStudyFormPage>;
  let element: HTMLElement;
  let http: HttpTestingController;
  let navigate: jest.SpyInstance;

  /** Lets timers (the autosave delay is 0 here), promises and rendering run. */
  async function settle(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await fixture.whenStable();
    }
  }

  async function open(view?: CaseStudyView): Promise<void> {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), { provide: AUTOSAVE_DELAY, useValue: 0 }],
    });
    http = TestBed.inject(HttpTestingController);
    signInAs(GOV_USER);
    navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    fixture = TestBed.createComponent(CaseStudyFormPage);
    if (view) fixture.componentRef.setInput('id', view.id);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    http.expectOne(DOC_URL).flush(DOC);
    if (view) http.expectOne(`/api/case-studies/${view.id}`).flush(view);
    await settle();
  }

  afterEach(() => http.verify());

  function field(label: string): HTMLInputElement | HTMLTextAreaElement {
    const labelElement = Array.from(element.querySelectorAll('label')).find((l) => l.textContent?.trim() === label);
    const id = labelElement?.getAttribute('for');
    const input = id ? element.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`) : null;
    if (!input) throw new Error(`No field labelled ${label}`);
    return input;
  }

  function type(label: string, value: string): void {
    const input = field(label);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  /** The checkbox whose label is exactly `label`, optionally inside the element with `within` id. */
  function checkbox(label: string, within = 'cs-form'): HTMLInputElement {
    const scope = within === 'cs-form' ? element : element.querySelector(`#${within}`);
    const box = Array.from(scope?.querySelectorAll<HTMLInputElement>('input[type="checkbox"]') ?? []).find(
      (input) => element.querySelector(`label[for="${input.id}"]`)?.textContent?.trim() === label,
    );
    if (!box) throw new Error(`No checkbox labelled ${label}`);
    return box;
  }

  const status = (): string => element.querySelector('[data-testid="autosave-status"]')?.textContent?.trim() ?? '';
  const submit = (): void => {
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
  };
  const errors = (): string[] => Array.from(element.querySelectorAll('mat-error')).map((e) => e.textContent?.trim() ?? '');
  const summaryLinks = (): string[] =>
    Array.from(element.querySelectorAll('.error-summary a')).map((a) => a.textContent?.trim() ?? '');

  /** Fills everything submission needs, the way a person would. */
  async function fillComplete(): Promise<void> {
    type('Title', 'Open briefings between the CERT and the ministry');
    type('Country or region', 'KE');
    type('First year', '2014');
    type('Last year', '2016');
    checkbox('Incident response and CERTs').click();
    checkbox('Government', 'cs-groups').click();
    checkbox('Technical community', 'cs-groups').click();
    type('The closed door', 'The national CERT and the ministry only ever met during a crisis.');
    type('What opened it', 'A monthly open briefing where operators could ask the ministry anything.');
    type('The outcome', 'Incident reports doubled and the ministry asked operators to review its strategy.');
    type('Lessons for others', 'Regular, unglamorous meetings build the trust a crisis cannot.');
    checkbox('I agree to publish this case study').click();
    await settle();
  }

  it('starts as "Share a case study" with every field labelled, not saved yet', async () => {
    await open();
    expect(element.querySelector('h1')?.textContent?.trim()).toBe('Share a case study');
    for (const label of ['Title', 'Country or region', 'First year', 'Last year', 'The closed door', 'What opened it', 'The outcome', 'Lessons for others']) {
      expect(field(label)).toBeTruthy();
    }
    expect(element.querySelector('fieldset legend')?.textContent?.trim()).toBe('Cybersecurity domains');
    expect(element.querySelector('fieldset[role="group"]')?.getAttribute('aria-label')).toBe('Stakeholder groups involved');
    expect(Array.from(element.querySelectorAll('mat-radio-button')).map((r) => r.textContent?.trim())).toEqual([
      'Name and organisation',
      'Organisation only',
      'Anonymous',
    ]);
    expect(status()).toBe('Not saved yet');
    const autosave = element.querySelector('[data-testid="autosave-status"]');
    expect(autosave?.getAttribute('aria-live')).toBe('polite');
  });

  it('offers the six stakeholder groups under their usual names', async () => {
    await open();
    const names = Array.from(element.querySelectorAll<HTMLInputElement>('#cs-groups input[type="checkbox"]')).map(
      (input) => element.querySelector(`label[for="${input.id}"]`)?.textContent?.trim() ?? '',
    );
    expect(names).toEqual([
      'Government',
      'Civil society',
      'Technical community',
      'Private sector',
      'Academia',
      'Intergovernmental',
    ]);
  });

  it('creates the draft on the first change, shows Saving… then Saved, and moves to its /edit address', async () => {
    await open();
    type('Title', 'Open briefings');
    await fixture.whenStable();
    expect(status()).toBe('Saving…');
    await settle();
    const create = http.expectOne(CREATE_URL);
    expect(create.request.method).toBe('POST');
    expect((create.request.body as SaveCaseStudyRequest).title).toBe('Open briefings');

    // Typing on while the draft is being created: no second request until the first answers.
    type('Title', 'Open briefings between the CERT and the ministry');
    await settle();
    http.expectNone('/api/case-studies/cs-1');
    expect(status()).toBe('Saving…');

    create.flush(caseStudyView({ title: 'Open briefings' }));
    await settle();
    expect(navigate).toHaveBeenCalledWith(['/case-studies', 'cs-1', 'edit'], expect.objectContaining({ replaceUrl: true }));
    const update = http.expectOne('/api/case-studies/cs-1');
    expect(update.request.method).toBe('PATCH');
    expect((update.request.body as SaveCaseStudyRequest).title).toBe('Open briefings between the CERT and the ministry');
    update.flush(caseStudyView());
    await settle();
    expect(status()).toBe('Saved');

    // The router then binds the new id: the same form stays, nothing is reloaded (verify() checks).
    fixture.componentRef.setInput('id', 'cs-1');
    await settle();
    expect((field('Title') as HTMLInputElement).value).toBe('Open briefings between the CERT and the ministry');
    expect(status()).toBe('Saved');
  });

  it('still saves the last change when the page goes away, without navigating back to it', async () => {
    await open();
    type('Title', 'Open briefings');
    fixture.destroy();
    await new Promise((resolve) => setTimeout(resolve, 0));
    http.expectOne(CREATE_URL).flush(caseStudyView({ title: 'Open briefings' }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(navigate).not.toHaveBeenCalled();
  });

  it('accepts a typed country code, shows its name, and saves the code', async () => {
    await open();
    type('Country or region', 'ke');
    await settle();
    expect(element.textContent).toContain('Kenya (KE)');
    const create = http.expectOne(CREATE_URL);
    expect((create.request.body as SaveCaseStudyRequest).region).toBe('KE');
    create.flush(caseStudyView());
    await settle();
  });

  it('says why a save failed', async () => {
    await open();
    type('Title', 'Open briefings');
    await settle();
    http
      .expectOne(CREATE_URL)
      .flush({ statusCode: 409, error: 'CONFLICT', message: 'Cannot edit a case study that is submitted.' }, { status: 409, statusText: 'Conflict' });
    await settle();
    expect(status()).toBe('Not saved: Cannot edit a case study that is submitted.');
  });

  it('blocks submission with the same rules as the server, listing each problem under its field and in a focused summary', async () => {
    await open();
    submit();
    await settle();
    http.expectNone((request) => request.url.endsWith('/submit'));

    const expected = shownProblems(submissionProblems(formFields(createCaseStudyForm().getRawValue()).fields), [], testTranslate()).map(
      (problem) => problem.message,
    );
    expect(expected.length).toBeGreaterThan(5);
    expect(summaryLinks()).toEqual(expected);
    const summary = element.querySelector<HTMLElement>('.error-summary');
    expect(summary?.getAttribute('role')).toBe('alert');
    expect(document.activeElement).toBe(summary);
    expect(errors()).toContain('Title must be at least 5 characters');
    expect(errors()).toContain('Choose at least 2 stakeholder groups');
    expect(errors()).toContain('You must agree to publication before submitting');
  });

  it('refuses a case study involving only one stakeholder group', async () => {
    await open();
    await fillComplete();
    checkbox('Technical community', 'cs-groups').click();
    await settle();
    http.expectOne(CREATE_URL).flush(caseStudyView());
    await settle();
    http.match('/api/case-studies/cs-1').forEach((request) => request.flush(caseStudyView()));
    submit();
    await settle();
    http.match('/api/case-studies/cs-1').forEach((request) => request.flush(caseStudyView()));
    await settle();
    http.expectNone('/api/case-studies/cs-1/submit');
    expect(summaryLinks()).toEqual(['Choose at least 2 stakeholder groups']);
  });

  it('saves what is pending, submits, and shows the server’s field problems under those fields', async () => {
    await open();
    await fillComplete();
    element.querySelector<HTMLButtonElement>('#cs-add-link')?.click();
    await settle();
    type('Link 1 URL', 'https://example.org/report');
    element.querySelector<HTMLButtonElement>('#cs-add-link')?.click();
    await settle();
    type('Link 2 URL', 'https://example.org/news');
    await settle();
    http.expectOne(CREATE_URL).flush(caseStudyView());
    await settle();
    http.match('/api/case-studies/cs-1').forEach((request) => request.flush(caseStudyView()));

    submit();
    await settle();
    http.match('/api/case-studies/cs-1').forEach((request) => request.flush(caseStudyView()));
    await settle();
    const request = http.expectOne('/api/case-studies/cs-1/submit');
    expect(request.request.method).toBe('POST');
    request.flush(
      {
        statusCode: 400,
        error: 'VALIDATION_FAILED',
        message: 'lessons: must be at least 20 characters; links.1.url: must be an http(s) URL',
        details: [
          { field: 'lessons', problems: ['must be at least 20 characters'] },
          { field: 'links.1.url', problems: ['must be an http(s) URL'] },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(navigate).not.toHaveBeenCalledWith(['/case-studies', 'cs-1']);
    expect(summaryLinks()).toEqual(['Lessons for others must be at least 20 characters', 'Link 2 URL must be an http(s) URL']);
    const lessons = field('Lessons for others').closest('mat-form-field');
    expect(lessons?.querySelector('mat-error')?.textContent?.trim()).toBe('Lessons for others must be at least 20 characters');
    const link2 = field('Link 2 URL').closest('mat-form-field');
    expect(link2?.querySelector('mat-error')?.textContent?.trim()).toBe('Link 2 URL must be an http(s) URL');
  });

  it('goes to the permalink once submitted', async () => {
    await open(caseStudyView({ status: 'changes_requested', reviewMessage: 'Please say which year it started.' }));
    expect(element.querySelector('h1')?.textContent?.trim()).toBe('Edit your case study');
    expect(element.textContent).toContain('Please say which year it started.');
    expect((field('Title') as HTMLInputElement).value).toBe('Open briefings between the CERT and the ministry');
    submit();
    await settle();
    http.expectOne('/api/case-studies/cs-1/submit').flush(caseStudyView({ status: 'submitted' }));
    await settle();
    expect(navigate).toHaveBeenCalledWith(['/case-studies', 'cs-1']);
  });

  it('shows a case study that is no longer editable read-only, without saving or submitting', async () => {
    await open(caseStudyView({ status: 'submitted' }));
    expect(element.textContent).toContain('This case study is submitted, so it can no longer be edited.');
    expect(field('Title').disabled).toBe(true);
    expect(Array.from(element.querySelectorAll('button')).some((b) => b.textContent?.includes('Submit for review'))).toBe(false);
  });

  it('says the rules’ and the API’s problems in the reader’s language, and keeps an unknown one as written', () => {
    const spanish = testTranslate('es', es);
    expect(problemSentence('title', 'must be at least 5 characters', spanish)).toBe('El título: escriba al menos 5 caracteres');
    expect(problemSentence('stakeholderGroups', 'choose at least 2 stakeholder groups', spanish)).toBe('Elija al menos 2 grupos de partes interesadas');
    expect(problemSentence('link:1', 'must be an http(s) URL', testTranslate('ar', ar))).toBe(
      `${testTranslate('ar', ar)('caseStudyForm.linkUrl', { number: 2 })}: يجب أن يكون عنوان URL يبدأ بـ http(s)`,
    );
    expect(problemSentence('title', 'is too cheerful', testTranslate())).toBe('Title: is too cheerful');
  });
});
