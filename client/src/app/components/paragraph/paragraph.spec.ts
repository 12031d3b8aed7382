import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ComponentFixture } from '@angular/core/testing';
import { emptyGroupCounts } from '@doorway/contracts';
import type { TextQuote } from '@doorway/contracts';
import { PARAGRAPH } from '../../testing/fixtures';
import { Paragraph } from './paragraph';

describe('Paragraph', () => {
  let fixture: ComponentFixture<Paragraph>;
  let element: HTMLElement;

  beforeEach(async () => {
    fixture = TestBed.createComponent(Paragraph);
    fixture.componentRef.setInput('paragraph', { ...PARAGRAPH, text: 'A <em>draft</em> & more' });
    fixture.componentRef.setInput('canQuote', true);
    element = fixture.nativeElement as HTMLElement;
    document.body.append(element);
    await fixture.whenStable();
  });

  afterEach(() => {
    document.getSelection()?.removeAllRanges();
    element.remove();
  });

  it('is an article labelled by its visible number', () => {
    const article = element.querySelector('article');
    expect(article?.id).toBe(`p-${PARAGRAPH.key}`);
    expect(article?.getAttribute('data-testid')).toBe('paragraph-5');
    const labelId = article?.getAttribute('aria-labelledby');
    expect(labelId).toBeTruthy();
    expect(element.querySelector(`#${labelId}`)?.textContent?.trim()).toBe('¶ 5');
    expect(element.querySelector('.text')?.textContent).toBe('A <em>draft</em> & more');
    expect(element.querySelector('em')).toBeNull();
  });

  it('has a disclosure button named with the paragraph number and count', async () => {
    const button = element.querySelector<HTMLButtonElement>('.comments-toggle');
    expect(button?.getAttribute('aria-label')).toBe('Comments on paragraph 5 (1)');
    expect(button?.getAttribute('aria-expanded')).toBe('false');
    expect(button?.getAttribute('aria-controls')).toBe(`thread-${PARAGRAPH.key}`);
    let toggled = 0;
    fixture.componentInstance.toggle.subscribe(() => toggled++);
    button?.click();
    expect(toggled).toBe(1);
    fixture.componentRef.setInput('open', true);
    await fixture.whenStable();
    expect(button?.getAttribute('aria-expanded')).toBe('true');
  });

  it('offers "Comment on selection" right after the text and emits the quote', async () => {
    const text = element.querySelector('.text')?.firstChild as Text;
    const range = document.createRange();
    range.setStart(text, 2);
    range.setEnd(text, 16);
    document.getSelection()?.addRange(range);
    element.querySelector('.text')?.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    await fixture.whenStable();
    const button = element.querySelector<HTMLButtonElement>('.quote-button');
    expect(button?.textContent).toContain('Comment on selection');
    expect(element.querySelector('.text')?.nextElementSibling).toBe(button);
    const quotes: TextQuote[] = [];
    fixture.componentInstance.quote.subscribe((q) => quotes.push(q));
    button?.click();
    expect(quotes).toEqual([{ exact: '<em>draft</em>', prefix: 'A ', suffix: ' & more' }]);
  });
  it('links its accepted case studies under the text, and shows nothing when there are none', async () => {
    expect(element.querySelector('[data-testid="paragraph-case-studies"]')).toBeNull();
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    const withStudies = TestBed.createComponent(Paragraph);
    withStudies.componentRef.setInput('paragraph', {
      ...PARAGRAPH,
      caseStudies: [
        { id: 'cs-1', title: 'Open briefings' },
        { id: 'cs-2', title: '<b>Bold</b> claims' },
      ],
    });
    await withStudies.whenStable();
    const line = (withStudies.nativeElement as HTMLElement).querySelector('[data-testid="paragraph-case-studies"]');
    expect(line?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Case studies: Open briefings, <b>Bold</b> claims');
    expect(Array.from(line?.querySelectorAll('a') ?? []).map((a) => a.getAttribute('href'))).toEqual([
      '/case-studies/cs-1',
      '/case-studies/cs-2',
    ]);
    expect(line?.querySelector('b')).toBeNull();
  });

  it('reads as a plain paragraph in an older version: no comment button, counts or quoting; "Shaped by" stays', async () => {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    const old = TestBed.createComponent(Paragraph);
    old.componentRef.setInput('paragraph', { ...PARAGRAPH, shapedBy: { count: 2, byGroup: { ...emptyGroupCounts(), government: 2 } } });
    old.componentRef.setInput('slug', 'bpf');
    old.componentRef.setInput('readOnly', true);
    old.componentRef.setInput('canQuote', true);
    await old.whenStable();
    const root = old.nativeElement as HTMLElement;
    expect(root.querySelector('.comments-toggle')).toBeNull();
    expect(root.querySelector('[data-testid^="group-count-"]')).toBeNull();
    expect(root.querySelector('[data-testid="shaped-by"]')?.textContent).toContain('Shaped by 2 contributions from Government');
  });

  it('shows no "Shaped by" for a paragraph unchanged since v1', () => {
    expect(element.querySelector('[data-testid="shaped-by"]')).toBeNull();
  });
});
