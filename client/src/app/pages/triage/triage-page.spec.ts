import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { TestRequest } from '@angular/common/http/testing';
import { Router, provideRouter } from '@angular/router';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { emptyGroupCounts } from '@doorway/contracts';
import type { CurrentUser, DocumentVersionView, TriageItem, TriagePage as TriagePageView } from '@doorway/contracts';
import { CIVIL_USER, EDITOR_USER } from '../../testing/fixtures';
import { signInAs } from '../../testing/sign-in';
import { TriagePage } from './triage-page';

const QUEUE_URL = '/api/documents/bpf/triage';
const CURRENT_TEXT = 'This draft is now open for public comment.';

const DOC: DocumentVersionView = {
  document: {
    id: 'd1',
    slug: 'bpf',
    title: 'Creating spaces for multistakeholder dialogue',
    summary: 'Summary',
    language: 'en',
    forum: { slug: 'bpf', name: 'BPF Cybersecurity' },
    consultationOpensAt: null,
    consultationClosesAt: null,
    currentVersion: { number: 1, label: 'Draft', publishedAt: null },
    commentCount: 2,
    phase: 'open',
    commentDeadline: null,
    hiddenCount: 0,
  },
  version: { number: 1, label: 'Draft', publishedAt: null },
  liveCursor: null,
  sections: [
    {
      key: 'methodology',
      title: 'Methodology',
      paragraphs: [
        {
          key: 'method-this-consultation',
          number: 14,
          text: CURRENT_TEXT,
          commentCount: 2,
          commentsByGroup: emptyGroupCounts(),
          caseStudies: [],
          shapedBy: null,
        },
      ],
    },
  ],
};

function item(overrides: Partial<TriageItem> = {}): TriageItem {
  return {
    id: 'c-1',
    kind: 'comment',
    paragraphKeys: ['method-this-consultation'],
    stakeholderGroup: 'government',
    authorName: 'Kwabena Asante-Boateng',
    recordedBy: null,
    excerpt: 'The consultation should run longer.',
    proposedText: null,
    createdAt: '2016-10-27T08:14:00.000Z',
    disposition: 'pending',
    dispositionNote: null,
    duplicateOfId: null,
    answeredInVersion: null,
    endorsements: { total: 0, byGroup: emptyGroupCounts() },
    ...overrides,
  };
}

const SUGGESTION = item({
  id: 's-1',
  kind: 'suggestion',
  stakeholderGroup: 'civil_society',
  authorName: 'Amina Civil',
  recordedBy: 'Rita Rapporteur',
  excerpt: 'Cost is the barrier participants name first.',
  proposedText: `${CURRENT_TEXT} Travel grants made the difference.`,
  endorsements: { total: 12, byGroup: { ...emptyGroupCounts(), civil_society: 5, technical_community: 4, government: 3 } },
  answeredInVersion: 2,
  disposition: 'accepted',
});

describe('TriagePage', () => {
  let fixture: ComponentFixture<TriagePage>;
  let element: HTMLElement;
  let http: HttpTestingController;
  let loader: HarnessLoader;
  let navigate: jest.SpyInstance;

  async function open(params: Record<string, string> = {}, user: CurrentUser = EDITOR_USER): Promise<void> {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
    signInAs(user);
    navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    fixture = TestBed.createComponent(TriagePage);
    fixture.componentRef.setInput('slug', 'bpf');
    for (const [key, value] of Object.entries(params)) fixture.componentRef.setInput(key, value);
    element = fixture.nativeElement as HTMLElement;
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
  }

  async function openWith(page: TriagePageView, params: Record<string, string> = {}): Promise<TestRequest> {
    await open(params);
    http.expectOne('/api/documents/bpf').flush(DOC);
    const request = http.expectOne((r) => r.url === QUEUE_URL);
    request.flush(page);
    await fixture.whenStable();
    return request;
  }

  afterEach(() => http.verify());

  const items = (): HTMLElement[] => Array.from(element.querySelectorAll<HTMLElement>('[data-testid="triage-item"]'));
  const button = (scope: HTMLElement, text: string): HTMLButtonElement => {
    const found = Array.from(scope.querySelectorAll('button')).find((b) => b.textContent?.trim() === text);
    if (!found) throw new Error(`No button ${text}`);
    return found;
  };
  async function selectIn(scope: HarnessLoader, label: string, option: string): Promise<void> {
    const field = await scope.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));
    const select = await field.getControl(MatSelectHarness);
    if (!select) throw new Error(`No select ${label}`);
    await select.open();
    await select.clickOptions({ text: option });
  }

  it('tells participants triage is for editors, without asking the API', async () => {
    await open({}, CIVIL_USER);
    expect(element.querySelector('h1')?.textContent?.trim()).toBe('Triage');
    expect(element.textContent).toContain('Only editors can triage contributions.');
    http.expectNone((r) => r.url === QUEUE_URL);
  });

  it('asks for exactly the filters in the URL, and a chosen filter goes into the URL', async () => {
    const request = await openWith(
      { items: [], total: 0, nextCursor: null },
      { kind: 'suggestion', group: 'civil_society', from: '2016-10-01', to: '2016-10-31', minEndorsements: '2', disposition: 'bogus' },
    );
    const params = request.request.params;
    expect(params.get('kind')).toBe('suggestion');
    expect(params.get('group')).toBe('civil_society');
    expect(params.get('from')).toBe('2016-10-01');
    expect(params.get('to')).toBe('2016-11-01');
    expect(params.get('minEndorsements')).toBe('2');
    expect(params.has('disposition')).toBe(false);
    expect(params.has('paragraph')).toBe(false);
    expect(element.textContent).toContain('No contributions match these filters.');

    await selectIn(loader, 'Paragraph', '¶ 14 – This draft is now open for public comment.');
    expect(navigate).toHaveBeenLastCalledWith([], expect.objectContaining({
      queryParams: {
        paragraph: 'method-this-consultation',
        group: 'civil_society',
        kind: 'suggestion',
        from: '2016-10-01',
        to: '2016-10-31',
        minEndorsements: '2',
      },
    }));
    await selectIn(loader, 'Kind', 'Any kind');
    expect(navigate.mock.lastCall?.[1]?.queryParams).not.toHaveProperty('kind');
  });

  it('shows each contribution: kind, paragraph, group, author and rapporteur, endorsements, the proposed change as a diff', async () => {
    await openWith({ items: [SUGGESTION, item()], total: 2, nextCursor: null });
    expect(element.querySelector('[data-testid="triage-count"]')?.textContent?.trim()).toBe('2 contributions');
    const [suggestion, comment] = items();
    const text = suggestion?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(text).toContain('Suggested edit');
    expect(text).toContain('¶ 14');
    expect(text).toContain('Civil society');
    expect(text).toContain('Amina Civil');
    expect(text).toContain('recorded by the rapporteur Rita Rapporteur');
    expect(text).toContain('Accepted in v2');
    expect(suggestion?.querySelector('[data-testid="triage-endorsements"]')?.textContent?.trim()).toBe(
      'endorsed by 12: 5 civil society, 4 technical community, 3 government',
    );
    expect(suggestion?.querySelector('[data-testid="triage-diff"] ins')?.textContent).toContain('Travel grants made the difference.');
    expect(comment?.querySelector('[data-testid="triage-endorsements"]')?.textContent?.trim()).toBe('no endorsements');
    expect(comment?.querySelector('[data-testid="triage-diff"]')).toBeNull();
    // Inside an item only the select is labelled "Disposition".
    expect(Array.from(comment?.querySelectorAll('label, [aria-label]') ?? []).filter((l) => /disposition/i.test(l.textContent + (l.getAttribute('aria-label') ?? '')))).toHaveLength(1);
  });

  it('saves a disposition with its note, updates the item in place and says so', async () => {
    await openWith({ items: [item()], total: 1, nextCursor: null });
    const [itemLoader] = await loader.getAllChildLoaders('[data-testid="triage-item"]');
    if (!itemLoader) throw new Error('no item');
    await selectIn(itemLoader, 'Disposition', 'Partially accepted');
    const note = items()[0]?.querySelector('textarea') as HTMLTextAreaElement;
    note.value = '  Merged into the barriers section.  ';
    note.dispatchEvent(new Event('input'));
    button(items()[0] as HTMLElement, 'Save disposition').click();

    const patch = http.expectOne('/api/contributions/c-1/disposition');
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ disposition: 'partially_accepted', note: 'Merged into the barriers section.' });
    patch.flush(item({ disposition: 'partially_accepted', dispositionNote: 'Merged into the barriers section.' }));
    await fixture.whenStable();
    const updated = items()[0]?.textContent ?? '';
    expect(items()[0]?.querySelector('[data-testid="triage-current"]')?.textContent).toContain('Partially accepted');
    expect(updated).toContain('Note: Merged into the barriers section.');
    expect(items()[0]?.querySelector('[role="status"]')?.textContent?.trim()).toBe('Disposition saved');
  });

  it('asks for the original of a duplicate before sending it', async () => {
    await openWith({ items: [item(), item({ id: 'c-2', authorName: 'Gabriel Gov', excerpt: 'Same point again.' })], total: 2, nextCursor: null });
    const [, second] = await loader.getAllChildLoaders('[data-testid="triage-item"]');
    if (!second) throw new Error('no item');
    await selectIn(second, 'Disposition', 'Duplicate');
    button(items()[1] as HTMLElement, 'Save disposition').click();
    await fixture.whenStable();
    http.expectNone('/api/contributions/c-2/disposition');
    expect(items()[1]?.querySelector('[role="alert"]')?.textContent).toContain('Choose the original contribution');

    await selectIn(second, 'Original contribution', 'Comment by Kwabena Asante-Boateng: The consultation should run longer.');
    button(items()[1] as HTMLElement, 'Save disposition').click();
    const patch = http.expectOne('/api/contributions/c-2/disposition');
    expect(patch.request.body).toEqual({ disposition: 'duplicate', duplicateOf: 'c-1' });
    patch.flush(item({ id: 'c-2', disposition: 'duplicate', duplicateOfId: 'c-1' }));
  });

  it('applies one disposition to the selected contributions and reports how many changed', async () => {
    await openWith({ items: [item(), item({ id: 'c-2' }), item({ id: 'c-3' })], total: 3, nextCursor: null });
    const checkboxes = (): HTMLInputElement[] =>
      Array.from(element.querySelectorAll<HTMLInputElement>('[data-testid="triage-item"] input[type="checkbox"]'));
    expect(checkboxes()[0]?.getAttribute('aria-label')).toBe('Select this contribution');
    checkboxes()[0]?.click();
    checkboxes()[2]?.click();
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="selected-count"]')?.textContent?.trim()).toBe('2 selected');

    await selectIn(loader, 'Set selected to', 'Noted');
    button(element, 'Apply to selected').click();
    const bulk = http.expectOne('/api/documents/bpf/triage/bulk');
    expect(bulk.request.body).toEqual({ ids: ['c-1', 'c-3'], disposition: 'noted' });
    bulk.flush({ updated: 2 });
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="bulk-result"]')?.textContent?.trim()).toBe('Updated 2');
    const current = items().map((i) => i.querySelector('[data-testid="triage-current"] strong')?.textContent?.trim());
    expect(current).toEqual(['Noted', 'Pending', 'Noted']);
    expect(element.querySelector('[data-testid="selected-count"]')?.textContent?.trim()).toBe('0 selected');
  });

  it('shows the history of decisions, and loads more contributions from the cursor', async () => {
    await openWith({ items: [item()], total: 2, nextCursor: 'next-page' });
    button(items()[0] as HTMLElement, 'History').click();
    http.expectOne('/api/contributions/c-1/dispositions').flush([
      { from: 'pending', to: 'declined', note: null, by: 'Elena Editor', at: '2016-11-01T10:00:00.000Z' },
      { from: 'declined', to: 'noted', note: 'On reflection, noted.', by: 'Elena Editor', at: '2016-11-02T10:00:00.000Z' },
    ]);
    await fixture.whenStable();
    const history = Array.from(items()[0]?.querySelectorAll('.history li') ?? []).map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(history[0]).toContain('Elena Editor: Pending → Declined');
    expect(history[1]).toContain('Declined → Noted “On reflection, noted.”');

    button(element, 'Load more').click();
    const more = http.expectOne((r) => r.url === QUEUE_URL);
    expect(more.request.params.get('cursor')).toBe('next-page');
    more.flush({ items: [item({ id: 'c-9', excerpt: 'An older comment.' })], total: 2, nextCursor: null });
    await fixture.whenStable();
    expect(items()).toHaveLength(2);
    expect(items()[1]?.textContent).toContain('An older comment.');
    expect(Array.from(element.querySelectorAll('button')).some((b) => b.textContent?.trim() === 'Load more')).toBe(false);
  });
});
