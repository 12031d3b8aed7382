import { TestBed } from '@angular/core/testing';
import type { DiffWord } from '@doorway/contracts';
import { WordDiff, isUnchanged, wordDiff } from './word-diff';

describe('wordDiff', () => {
  it('marks the words that were added and removed, keeping the rest', () => {
    const words = wordDiff('Invite them late.', 'Invite them early, with travel support.');
    expect(words.filter((w) => w.removed).map((w) => w.value.trim())).toEqual(['late']);
    expect(words.filter((w) => w.added).map((w) => w.value).join('')).toContain('early, with travel support');
    expect(words.filter((w) => !w.added && !w.removed).map((w) => w.value).join('')).toContain('Invite them');
    expect(isUnchanged(words)).toBe(false);
    expect(isUnchanged(wordDiff('Same text.', 'Same text.'))).toBe(true);
  });
});

describe('WordDiff', () => {
  async function render(words: DiffWord[]): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(WordDiff);
    fixture.componentRef.setInput('words', words);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('puts added words in <ins> and removed ones in <del>, each announced to screen readers', async () => {
    const element = await render([{ value: 'Invite them ' }, { value: 'late', removed: true }, { value: 'early', added: true }, { value: '.' }]);
    const ins = element.querySelector('ins');
    const del = element.querySelector('del');
    expect(ins?.textContent).toBe('added: early');
    expect(ins?.querySelector('.visually-hidden')?.textContent).toBe('added: ');
    expect(del?.textContent).toBe('removed: late');
    expect(del?.querySelector('.visually-hidden')?.textContent).toBe('removed: ');
    expect(element.querySelectorAll('ins, del')).toHaveLength(2);
    // Unchanged words keep their spacing.
    expect(element.textContent).toBe('Invite them removed: lateadded: early.');
  });

  it('renders markup in the text as text', async () => {
    const element = await render([{ value: '<b>bold</b> ', added: true }, { value: '<img src=x>' }]);
    expect(element.querySelector('b')).toBeNull();
    expect(element.querySelector('img')).toBeNull();
    expect(element.querySelector('ins')?.textContent).toContain('<b>bold</b>');
  });
});
