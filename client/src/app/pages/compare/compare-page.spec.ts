import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Router, provideRouter } from '@angular/router';
import type { VersionDiff } from '@doorway/contracts';
import { diffParagraph, versionSummary } from '../../testing/fixtures';
import { ComparePage, compareRange } from './compare-page';

const VERSIONS = [
  versionSummary({ number: 1, label: 'First draft' }),
  versionSummary({ number: 2, label: 'Draft for public comment' }),
  versionSummary({ number: 3, label: 'Next', status: 'draft', publishedAt: null }),
];

const DIFF: VersionDiff = {
  from: 1,
  to: 2,
  paragraphs: [
    diffParagraph({ key: 'a', change: 'unchanged', from: { number: 1, section: 's', text: 'Same.' }, to: { number: 1, section: 's', text: 'Same.' } }),
    diffParagraph({
      key: 'b',
      change: 'changed_and_moved',
      from: { number: 12, section: 's', text: 'Cost keeps people away.' },
      to: { number: 13, section: 's', text: 'Cost keeps people away. Travel grants help.' },
      words: [{ value: 'Cost keeps people away.' }, { value: ' Travel grants help.', added: true }],
    }),
    diffParagraph({ key: 'c', change: 'added', from: null, to: { number: 2, section: 's', text: 'A new paragraph.' } }),
    diffParagraph({ key: 'd', change: 'deleted', from: { number: 14, section: 's', text: 'An old paragraph.' }, to: null }),
  ],
};

describe('compareRange', () => {
  it('takes the query parameters, else the newest published version against the one before it', () => {
    expect(compareRange('1', '3', null)).toEqual({ from: 1, to: 3 });
    expect(compareRange(undefined, undefined, null)).toBeNull();
    expect(compareRange(undefined, undefined, VERSIONS)).toEqual({ from: 1, to: 2 });
    expect(compareRange(undefined, '1', VERSIONS)).toBeNull();
    expect(compareRange('x', undefined, VERSIONS)).toEqual({ from: 1, to: 2 });
    expect(compareRange(undefined, undefined, [versionSummary({ number: 1 })])).toBeNull();
  });
});

describe('ComparePage', () => {
  let fixture: ComponentFixture<ComparePage>;
  let element: HTMLElement;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => overlay.remove());
  });

  async function open(query: { from?: string; to?: string }): Promise<void> {
    fixture = TestBed.createComponent(ComparePage);
    fixture.componentRef.setInput('slug', 'bpf');
    if (query.from) fixture.componentRef.setInput('from', query.from);
    if (query.to) fixture.componentRef.setInput('to', query.to);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  const items = (): HTMLElement[] => Array.from(element.querySelectorAll<HTMLElement>('[data-testid="diff-paragraph"]'));
  const flat = (node: Element | undefined | null): string => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  it('asks for the diff named by the query parameters and labels every change', async () => {
    await open({ from: '1', to: '2' });
    http.expectOne('/api/documents/bpf/versions').flush(VERSIONS);
    const request = http.expectOne((r) => r.url === '/api/documents/bpf/diff');
    expect(request.request.params.get('from')).toBe('1');
    expect(request.request.params.get('to')).toBe('2');
    request.flush(DIFF);
    await fixture.whenStable();

    expect(element.querySelector('h1')?.textContent?.trim()).toBe('Changes from version 1 to version 2');
    expect(Array.from(element.querySelectorAll('mat-label')).map((l) => l.textContent?.trim())).toEqual(['From version', 'To version']);
    // Unchanged paragraphs wait behind the toggle.
    const [moved, added, deleted] = items();
    expect(items()).toHaveLength(3);
    expect(flat(moved?.querySelector('.label'))).toBe('Changed and moved');
    expect(flat(moved?.querySelector('.numbers'))).toBe('¶ 12 →became ¶ 13');
    expect(flat(moved?.querySelector('ins'))).toBe('added: Travel grants help.');
    expect(flat(added?.querySelector('.label'))).toBe('Added');
    expect(added?.querySelector('ins')?.textContent).toBe('added: A new paragraph.');
    expect(flat(deleted?.querySelector('.label'))).toBe('Deleted');
    expect(deleted?.querySelector('del')?.textContent).toBe('removed: An old paragraph.');
    expect(flat(deleted?.querySelector('.numbers'))).toBe('was ¶ 14');
    expect(Array.from(moved?.querySelectorAll('button') ?? []).some((b) => b.textContent?.includes('History of ¶ 13'))).toBe(true);

    const toggle = Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.includes('Show unchanged paragraphs'));
    expect(toggle?.getAttribute('aria-expanded')).toBe('false');
    expect(toggle?.textContent).toContain('(1)');
    toggle?.click();
    await fixture.whenStable();
    expect(items()).toHaveLength(4);
    expect(flat(items()[0]?.querySelector('.label'))).toBe('Unchanged');
    expect(toggle?.textContent).toContain('Hide unchanged paragraphs');
  });

  it('compares the newest version with the previous one when no query is given, and changes the query from the selects', async () => {
    await open({});
    http.expectNone((r) => r.url === '/api/documents/bpf/diff');
    http.expectOne('/api/documents/bpf/versions').flush(VERSIONS);
    await fixture.whenStable();
    const request = http.expectOne((r) => r.url === '/api/documents/bpf/diff');
    expect(request.request.params.get('from')).toBe('1');
    expect(request.request.params.get('to')).toBe('2');
    request.flush(DIFF);
    await fixture.whenStable();
    expect(element.querySelector('h1')?.textContent?.trim()).toBe('Changes from version 1 to version 2');

    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    element.querySelectorAll<HTMLElement>('mat-select')[0]?.click();
    await fixture.whenStable();
    const options = Array.from(document.querySelectorAll<HTMLElement>('mat-option'));
    // Only published versions can be compared.
    expect(options.map((o) => o.textContent?.trim())).toEqual(['Version 1 · First draft', 'Version 2 · Draft for public comment']);
    options[1]?.click();
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith([], expect.objectContaining({ queryParams: { from: 2, to: 2 } }));
  });
});
