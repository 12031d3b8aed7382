import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { TextQuote } from '@doorway/contracts';
import { PARAGRAPH } from '../../testing/fixtures';
import { CommentForm } from './comment-form';

describe('CommentForm: quote a passage', () => {
  let fixture: ComponentFixture<CommentForm>;
  let element: HTMLElement;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    fixture = TestBed.createComponent(CommentForm);
    fixture.componentRef.setInput('slug', 'bpf');
    fixture.componentRef.setInput('paragraph', PARAGRAPH);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  const button = (name: string): HTMLButtonElement => {
    const found = Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim().endsWith(name));
    if (!found) throw new Error(`No button ${name}`);
    return found;
  };

  async function typePassage(value: string): Promise<void> {
    button('Quote a passage').click();
    await fixture.whenStable();
    const input = element.querySelector<HTMLInputElement>('.passage input');
    if (!input) throw new Error('passage input missing');
    input.value = value;
    input.dispatchEvent(new Event('input'));
    button('Use this passage').click();
    await fixture.whenStable();
  }

  it('refuses a passage that is not in the paragraph', async () => {
    expect(button('Quote a passage').getAttribute('aria-expanded')).toBe('false');
    await typePassage('secure the moon');
    expect(element.querySelector('mat-error')?.textContent?.trim()).toBe('That passage is not in paragraph 5');
    expect(fixture.componentInstance.quote()).toBeNull();
  });

  it('quotes a passage that is in the paragraph and previews it', async () => {
    await typePassage('  no single group ');
    const quote: TextQuote | null = fixture.componentInstance.quote();
    expect(quote?.exact).toBe('no single group');
    expect(quote?.prefix).toBe(PARAGRAPH.text.slice(PARAGRAPH.text.indexOf('no single') - 32, PARAGRAPH.text.indexOf('no single')));
    expect(element.querySelector('[data-testid="quote-preview"]')?.textContent).toBe('no single group');
    button('Remove quote').click();
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="quote-preview"]')).toBeNull();
  });
});

describe('CommentForm: how the author is shown', () => {
  it('sends the chosen attribution, and keeps the choice for the next comment', async () => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const fixture = TestBed.createComponent(CommentForm);
    fixture.componentRef.setInput('slug', 'bpf');
    fixture.componentRef.setInput('paragraph', PARAGRAPH);
    const element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    const http = TestBed.inject(HttpTestingController);

    expect(element.querySelector('mat-select[formcontrolname="attribution"]')?.textContent).toContain('My name and organisation');
    (element.querySelector('mat-select[formcontrolname="attribution"] .mat-mdc-select-trigger') as HTMLElement).click();
    await fixture.whenStable();
    const anonymous = Array.from(document.querySelectorAll('mat-option')).find((o) => o.textContent?.trim() === 'Anonymous') as HTMLElement;
    anonymous.click();
    const textarea = element.querySelector('textarea') as HTMLTextAreaElement;
    textarea.value = 'Nobody needs to know it was me.';
    textarea.dispatchEvent(new Event('input'));
    (element.querySelector('form.comment-form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    const post = http.expectOne((r) => r.method === 'POST');
    expect(post.request.body).toEqual({ body: 'Nobody needs to know it was me.', attribution: 'anonymous', language: 'en' });
    post.flush(null);
    await fixture.whenStable();
    expect(element.querySelector('mat-select[formcontrolname="attribution"]')?.textContent).toContain('Anonymous');
  });
});
