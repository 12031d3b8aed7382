import { TestBed } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { emptyGroupCounts } from '@doorway/contracts';
import type { ParagraphHistory } from '@doorway/contracts';
import { ShapedByButton } from './shaped-by-button';

describe('ShapedByButton', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => overlay.remove());
  });

  it('says what shaped the paragraph and opens its history, version by version, with provenance', async () => {
    const fixture = TestBed.createComponent(ShapedByButton);
    fixture.componentRef.setInput('slug', 'bpf');
    fixture.componentRef.setInput('paragraphKey', 'p-key-14');
    fixture.componentRef.setInput('number', 14);
    fixture.componentRef.setInput('shapedBy', { count: 1, byGroup: { ...emptyGroupCounts(), civil_society: 1 } });
    await fixture.whenStable();
    const button = (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('[data-testid="shaped-by"]');
    expect(button?.textContent?.replace('history', '').trim()).toBe('Shaped by 1 contribution from Civil society');
    expect(button?.getAttribute('aria-haspopup')).toBe('dialog');

    button?.click();
    await fixture.whenStable();
    const history: ParagraphHistory = {
      key: 'p-key-14',
      entries: [
        { versionNumber: 1, number: 14, section: 'barriers', text: 'Cost keeps people away.', changed: false, provenance: [] },
        {
          versionNumber: 2,
          number: 14,
          section: 'barriers',
          text: 'Cost keeps people away. Travel grants help.',
          changed: true,
          provenance: [
            {
              id: 'c-1',
              kind: 'suggestion',
              stakeholderGroup: 'civil_society',
              authorName: null,
              disposition: 'accepted',
              excerpt: 'Cost is the barrier participants name first.',
            },
          ],
        },
      ],
    };
    http.expectOne('/api/documents/bpf/paragraphs/p-key-14/history').flush(history);
    await fixture.whenStable();

    const dialog = document.querySelector('mat-dialog-container');
    expect(dialog?.querySelector('h2')?.textContent?.trim()).toBe('History of paragraph 14');
    const entries = Array.from(dialog?.querySelectorAll<HTMLElement>('[data-testid="history-entry"]') ?? []);
    expect(entries.map((e) => e.querySelector('h3')?.textContent?.trim())).toEqual(['Version 2', 'Version 1']);
    expect(entries[0]?.textContent).toContain('Changed in this version');
    expect(entries[1]?.textContent).toContain('First version');
    const ref = entries[0]?.querySelector('[data-testid="provenance-ref"]')?.textContent?.replace(/\s+/g, ' ');
    expect(ref).toContain('Suggested edit');
    expect(ref).toContain('Civil society');
    expect(ref).toContain('Anonymous');
    expect(ref).toContain('Accepted');
    expect(ref).toContain('Cost is the barrier participants name first.');
  });
});
