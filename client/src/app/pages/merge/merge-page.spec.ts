import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { TestRequest } from '@angular/common/http/testing';
import { Router, provideRouter } from '@angular/router';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { emptyGroupCounts } from '@doorway/contracts';
import type { CaseStudyGallery, CurrentUser, DraftParagraphView, DraftView, SaveDraftRequest, TriageItem } from '@doorway/contracts';
import { CIVIL_USER, EDITOR_USER, caseStudyCard } from '../../testing/fixtures';
import { signInAs } from '../../testing/sign-in';
import { MERGE_AUTOSAVE_DELAY, MergePage } from './merge-page';

const DRAFT_URL = '/api/documents/bpf/draft';
const TEXT_13 = 'The evidence gathered has clear limits.';
const TEXT_14 = 'This draft is now open for public comment.';
const TEXT_15 = 'Senegal: a maturity review that put every sector at one table.';
const PROPOSED = `${TEXT_14} Travel grants announced early made the difference.`;

function paragraph(key: string, number: number, section: string, text: string, overrides: Partial<DraftParagraphView> = {}): DraftParagraphView {
  return {
    key,
    text,
    provenance: [],
    caseStudyId: null,
    number,
    baseText: text,
    baseSection: section,
    baseNumber: number,
    change: 'kept',
    provenanceRefs: [],
    ...overrides,
  };
}

function draft(overrides: Partial<DraftView> = {}): DraftView {
  return {
    documentSlug: 'bpf',
    number: 2,
    baseNumber: 1,
    lockVersion: 4,
    label: '',
    changelog: '',
    generatedChangelog: 'No changes yet.',
    sections: [
      {
        key: 'introduction',
        title: 'Introduction',
        paragraphs: Array.from({ length: 12 }, (_, i) => paragraph(`intro-${i + 1}`, i + 1, 'introduction', `Introductory paragraph ${i + 1}.`)),
      },
      {
        key: 'methodology',
        title: 'Methodology',
        paragraphs: [
          paragraph('method-limitations', 13, 'methodology', TEXT_13, {
            provenance: ['c-7'],
            provenanceRefs: [
              { id: 'c-7', kind: 'comment', stakeholderGroup: 'government', authorName: 'Gabriel Gov', disposition: 'accepted', excerpt: 'Say who was missing.' },
            ],
          }),
          paragraph('method-this-consultation', 14, 'methodology', TEXT_14),
        ],
      },
      { key: 'annex-case-studies', title: 'Annex: case studies', paragraphs: [paragraph('annex-senegal', 15, 'annex-case-studies', TEXT_15)] },
    ],
    deleted: [],
    updatedAt: '2016-11-01T10:00:00.000Z',
    ...overrides,
  };
}

const SUGGESTION: TriageItem = {
  id: 's-1',
  kind: 'suggestion',
  paragraphKeys: ['method-this-consultation'],
  stakeholderGroup: 'civil_society',
  authorName: 'Amina Civil',
  recordedBy: null,
  excerpt: 'Cost is the barrier participants name first.',
  proposedText: PROPOSED,
  createdAt: '2016-10-27T08:14:00.000Z',
  disposition: 'accepted',
  dispositionNote: null,
  duplicateOfId: null,
  answeredInVersion: null,
  endorsements: { total: 1, byGroup: { ...emptyGroupCounts(), technical_community: 1 } },
};

describe('MergePage', () => {
  let fixture: ComponentFixture<MergePage>;
  let element: HTMLElement;
  let http: HttpTestingController;
  let navigate: jest.SpyInstance;

  /** Lets timers (the autosave delay is 0 here), promises and rendering run. */
  async function settle(): Promise<void> {
    for (let i = 0; i < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await fixture.whenStable();
    }
  }

  async function open(view: DraftView = draft(), user: CurrentUser = EDITOR_USER, suggestions: TriageItem[] = [SUGGESTION]): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: MERGE_AUTOSAVE_DELAY, useValue: 0 },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    signInAs(user);
    navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    fixture = TestBed.createComponent(MergePage);
    fixture.componentRef.setInput('slug', 'bpf');
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    if (user.role === 'participant') return;
    http.expectOne(DRAFT_URL).flush(view);
    const triage = http.expectOne((r) => r.url === '/api/documents/bpf/triage');
    expect(triage.request.params.get('kind')).toBe('suggestion');
    triage.flush({ items: suggestions, total: suggestions.length, nextCursor: null });
    await settle();
  }

  afterEach(() => http.verify());

  const para = (n: number): HTMLElement => {
    const found = element.querySelector<HTMLElement>(`[data-testid="merge-paragraph-${n}"]`);
    if (!found) throw new Error(`No paragraph ${n}`);
    return found;
  };
  const textarea = (n: number): HTMLTextAreaElement => {
    const label = Array.from(para(n).querySelectorAll('label')).find((l) => l.textContent?.trim() === `Text of paragraph ${n}`);
    const input = label ? element.querySelector<HTMLTextAreaElement>(`#${label.getAttribute('for') ?? 'none'}`) : null;
    if (!input) throw new Error(`No textarea labelled Text of paragraph ${n}`);
    return input;
  };
  const type = (n: number, value: string): void => {
    const input = textarea(n);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  /** A button's visible name, without its decorative icon. */
  const nameOf = (b: HTMLButtonElement): string => {
    const copy = b.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
    return copy.textContent?.trim() ?? '';
  };
  const button = (scope: ParentNode, text: string): HTMLButtonElement => {
    const found = Array.from(scope.querySelectorAll('button')).find((b) => nameOf(b) === text);
    if (!found) throw new Error(`No button ${text}`);
    return found;
  };
  const status = (): string => element.querySelector('[data-testid="merge-status"]')?.textContent?.trim() ?? '';
  const puts = (): TestRequest[] => http.match((r) => r.method === 'PUT' && r.url === DRAFT_URL);
  const onlyPut = (): TestRequest => http.expectOne((r) => r.method === 'PUT' && r.url === DRAFT_URL);
  const savedFrom = (request: SaveDraftRequest, lockVersion: number): DraftView => {
    let number = 0;
    return draft({
      lockVersion,
      sections: request.sections.map((s) => ({
        key: s.key,
        title: s.title,
        paragraphs: s.paragraphs.map((p) => {
          number += 1;
          return paragraph(p.key ?? `p-new${number}`, number, s.key, p.text, { provenance: p.provenance, caseStudyId: p.caseStudyId ?? null });
        }),
      })),
    });
  };

  it('tells participants that composing is for editors, without asking the API', async () => {
    await open(draft(), CIVIL_USER);
    expect(element.textContent).toContain('Only editors can compose the next version.');
    http.expectNone(DRAFT_URL);
  });

  it('shows the draft by section, each paragraph by its number with its text, change and provenance', async () => {
    await open();
    expect(element.querySelector('h1')?.textContent?.trim()).toBe('Compose version 2');
    expect(Array.from(element.querySelectorAll('h2')).map((h) => h.textContent?.trim())).toEqual([
      'Introduction',
      'Methodology',
      'Annex: case studies',
      'Publish',
    ]);
    expect(textarea(14).value).toBe(TEXT_14);
    expect(para(14).querySelector('[data-testid="change-chip"]')?.textContent?.trim()).toBe('Kept');
    expect(para(13).querySelector('[data-testid="provenance"]')?.textContent).toContain('Comment · Government · Gabriel Gov');
    // Only the paragraph the accepted suggestion is on offers it.
    expect(para(14).querySelectorAll('[data-testid="merge-suggestion"]')).toHaveLength(1);
    expect(para(13).querySelectorAll('[data-testid="merge-suggestion"]')).toHaveLength(0);
    expect(button(element, 'Publish version 2')).toBeTruthy();
    expect((element.querySelector('.publish textarea') as HTMLTextAreaElement).value).toBe('No changes yet.');
    expect(status()).not.toContain('Saved');
  });

  it('applies a suggestion: the text becomes the proposal, the suggestion joins the provenance, and the save cites it', async () => {
    await open();
    button(para(14), 'Apply suggestion').click();
    await fixture.whenStable();
    expect(textarea(14).value).toBe(PROPOSED);
    expect(para(14).querySelector('[data-testid="change-chip"]')?.textContent?.trim()).toBe('Edited');
    expect(para(14).querySelector('[data-testid="provenance"]')?.textContent).toContain('Suggested edit · Civil society · Amina Civil');
    expect(para(14).querySelector('[data-testid="base-diff"] ins')?.textContent).toContain('Travel grants announced early');

    await settle();
    const put = onlyPut();
    expect(put.request.headers.get('If-Match')).toBe('"4"');
    const body = put.request.body as SaveDraftRequest;
    expect(body.sections[1]?.paragraphs[1]).toEqual({ key: 'method-this-consultation', text: PROPOSED, provenance: ['s-1'], caseStudyId: null });
    put.flush(savedFrom(body, 5));
    await settle();
    expect(status()).toBe('Saved');
  });

  it('autosaves with If-Match the lockVersion it holds, never two saves at once', async () => {
    await open();
    type(14, 'First edit.');
    await settle();
    const first = onlyPut();
    expect(first.request.headers.get('If-Match')).toBe('"4"');
    expect(status()).toBe('Saving…');

    type(14, 'Second edit.');
    await settle();
    type(14, 'Third edit.');
    await settle();
    expect(puts()).toHaveLength(0);

    first.flush(savedFrom(first.request.body as SaveDraftRequest, 5));
    await settle();
    const second = onlyPut();
    expect(second.request.headers.get('If-Match')).toBe('"5"');
    expect((second.request.body as SaveDraftRequest).sections[1]?.paragraphs[1]?.text).toBe('Third edit.');
    second.flush(savedFrom(second.request.body as SaveDraftRequest, 6));
    await settle();
    expect(status()).toBe('Saved');
  });

  it('on 412 says someone else changed the draft, lists what differs, and "Load their version" replaces mine', async () => {
    await open();
    type(14, 'My version of the paragraph.');
    await settle();
    const theirs = draft({ lockVersion: 7 });
    const theirSection = theirs.sections[1];
    if (theirSection?.paragraphs[1]) theirSection.paragraphs[1] = { ...theirSection.paragraphs[1], text: 'Their version of the paragraph.' };
    onlyPut().flush(
      { statusCode: 412, error: 'DRAFT_CHANGED', message: 'The draft has changed since you opened it.', current: theirs },
      { status: 412, statusText: 'Precondition Failed' },
    );
    await settle();
    expect(status()).toBe('Someone else changed the draft');
    expect(element.querySelector('[data-testid="conflict-differences"]')?.textContent).toContain('¶ 14: the text differs');
    // Focus stays where the editor was typing; the bar takes them to the panel when they choose.
    expect(document.activeElement?.id).not.toBe('conflict-title');
    Element.prototype.scrollIntoView = jest.fn();
    button(element, 'Review the differences').click();
    expect(document.activeElement?.id).toBe('conflict-title');

    // Nothing more is sent until the editor decides.
    type(14, 'My version, edited further.');
    await settle();
    expect(puts()).toHaveLength(0);

    button(element, 'Load their version').click();
    await settle();
    expect(textarea(14).value).toBe('Their version of the paragraph.');
    expect(element.querySelector('[data-testid="conflict-differences"]')).toBeNull();
    expect(puts()).toHaveLength(0);

    type(13, 'Now editing on top of theirs.');
    await settle();
    const next = onlyPut();
    expect(next.request.headers.get('If-Match')).toBe('"7"');
    next.flush(savedFrom(next.request.body as SaveDraftRequest, 8));
  });

  it('"Keep mine and overwrite" saves my version again against their lockVersion', async () => {
    await open();
    type(14, 'Mine.');
    await settle();
    onlyPut().flush(
      { statusCode: 412, error: 'DRAFT_CHANGED', message: 'Changed.', current: draft({ lockVersion: 9 }) },
      { status: 412, statusText: 'Precondition Failed' },
    );
    await settle();
    button(element, 'Keep mine and overwrite').click();
    await settle();
    const put = onlyPut();
    expect(put.request.headers.get('If-Match')).toBe('"9"');
    expect((put.request.body as SaveDraftRequest).sections[1]?.paragraphs[1]?.text).toBe('Mine.');
    put.flush(savedFrom(put.request.body as SaveDraftRequest, 10));
    await settle();
    expect(status()).toBe('Saved');
  });

  it('publishes: saves what is pending first, confirms with a summary, then posts with If-Match and goes to the document', async () => {
    await open();
    type(14, 'Edited before publishing.');
    button(element, 'Publish version 2').click();
    await settle();
    http.expectNone(`${DRAFT_URL}/publish`);
    const put = onlyPut();
    put.flush(savedFrom(put.request.body as SaveDraftRequest, 5));
    await settle();

    const dialog = document.querySelector<HTMLElement>('mat-dialog-container');
    expect(dialog?.getAttribute('role')).toBe('dialog');
    expect(dialog?.querySelector('[data-testid="publish-summary"]')?.textContent?.trim()).toBe(
      '1 paragraph edited, 0 added, 0 deleted, 0 moved.',
    );
    button(dialog as HTMLElement, 'Publish').click();
    await settle();
    const publish = http.expectOne(`${DRAFT_URL}/publish`);
    expect(publish.request.method).toBe('POST');
    expect(publish.request.headers.get('If-Match')).toBe('"5"');
    expect(publish.request.body).toEqual({ changelog: 'No changes yet.' });
    publish.flush({});
    await settle();
    expect(navigate).toHaveBeenCalledWith(['/documents', 'bpf']);
  });

  it('shows why publishing was refused in an alert', async () => {
    await open();
    button(element, 'Publish version 2').click();
    await settle();
    button(document.querySelector('mat-dialog-container') as HTMLElement, 'Publish').click();
    await settle();
    http
      .expectOne(`${DRAFT_URL}/publish`)
      .flush(
        { statusCode: 409, error: 'PUBLISH_REFUSED', message: 'The draft cannot be published: the case study is no longer accepted.' },
        { status: 409, statusText: 'Conflict' },
      );
    await settle();
    expect(element.querySelector('.publish [role="alert"]')?.textContent).toContain('the case study is no longer accepted');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('inserts an accepted case study at the end of the annex, citing it', async () => {
    await open();
    button(element, 'Insert a case study').click();
    const request = http.expectOne((r) => r.url === '/api/case-studies');
    expect(request.request.params.get('limit')).toBe('100');
    const gallery: CaseStudyGallery = {
      items: [caseStudyCard()],
      total: 1,
      facets: { domain: [], region: [], group: [], year: [] },
      nextCursor: null,
    };
    request.flush(gallery);
    await settle();
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const field = await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Case study to insert' }));
    const select = await field.getControl(MatSelectHarness);
    await select?.open();
    await select?.clickOptions({ text: 'Open briefings between the CERT and the ministry' });
    button(element, 'Insert').click();
    await fixture.whenStable();

    expect(textarea(14).value).toBe(TEXT_14);
    expect(textarea(16).value).toBe(
      'Open briefings between the CERT and the ministry — A monthly open briefing where operators could ask the ministry anything.',
    );
    expect(para(16).querySelector('[data-testid="change-chip"]')?.textContent?.trim()).toBe('Added');
    await settle();
    const put = onlyPut();
    const annex = (put.request.body as SaveDraftRequest).sections[2];
    expect(annex?.paragraphs.map((p) => p.key)).toEqual(['annex-senegal', null]);
    expect(annex?.paragraphs[1]?.caseStudyId).toBe('cs-1');
    put.flush(savedFrom(put.request.body as SaveDraftRequest, 5));
    await settle();
    expect(status()).toBe('Saved');
  });

  it('moves, deletes and restores paragraphs, renumbering them and saving the new order', async () => {
    await open();
    button(para(13), 'Move down').click();
    await fixture.whenStable();
    expect(textarea(13).value).toBe(TEXT_14);
    expect(textarea(14).value).toBe(TEXT_13);
    await settle();
    let put = onlyPut();
    expect((put.request.body as SaveDraftRequest).sections[1]?.paragraphs.map((p) => p.key)).toEqual([
      'method-this-consultation',
      'method-limitations',
    ]);
    put.flush(savedFrom(put.request.body as SaveDraftRequest, 5));
    await settle();

    button(para(13), 'Delete paragraph').click();
    await fixture.whenStable();
    expect(textarea(13).value).toBe(TEXT_13);
    const deleted = element.querySelector('[data-testid="deleted-paragraph"]');
    expect(deleted?.textContent).toContain('Paragraph 14 of version 1');
    await settle();
    put = onlyPut();
    expect((put.request.body as SaveDraftRequest).sections[1]?.paragraphs.map((p) => p.key)).toEqual(['method-limitations']);
    put.flush(savedFrom(put.request.body as SaveDraftRequest, 6));
    await settle();

    button(element, 'Restore').click();
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="deleted-paragraph"]')).toBeNull();
    expect(textarea(13).value).toBe(TEXT_14);
    await settle();
    put = onlyPut();
    expect(put.request.headers.get('If-Match')).toBe('"6"');
    put.flush(savedFrom(put.request.body as SaveDraftRequest, 7));
    await settle();
  });
});
