import { LIMITS } from '@doorway/contracts';
import { QUOTE_CONTEXT_LENGTH, quoteFromExact, quoteFromOffsets, quoteFromSelection } from './quote-selector';

const TEXT =
  'Cybersecurity is a shared responsibility of all stakeholders, and no single group can secure the Internet on its own.';

describe('quoteFromOffsets', () => {
  it('takes up to 32 characters of context on each side', () => {
    const start = TEXT.indexOf('no single group');
    const quote = quoteFromOffsets(TEXT, start, start + 'no single group'.length);
    expect(quote).toEqual({
      exact: 'no single group',
      prefix: TEXT.slice(start - QUOTE_CONTEXT_LENGTH, start),
      suffix: TEXT.slice(start + 15, start + 15 + QUOTE_CONTEXT_LENGTH),
    });
    expect(quote?.prefix).toHaveLength(32);
    expect(quote?.suffix).toHaveLength(32);
  });

  it('has an empty prefix at the start of the paragraph and a short suffix near its end', () => {
    expect(quoteFromOffsets(TEXT, 0, 13)).toEqual({
      exact: 'Cybersecurity',
      prefix: '',
      suffix: TEXT.slice(13, 45),
    });
    const end = TEXT.length;
    expect(quoteFromOffsets(TEXT, end - 8, end)).toEqual({
      exact: 'its own.',
      prefix: TEXT.slice(end - 8 - 32, end - 8),
      suffix: '',
    });
  });

  it('keeps short context when the passage is close to an edge', () => {
    const start = TEXT.indexOf('shared');
    const quote = quoteFromOffsets(TEXT, start, start + 6);
    expect(quote).toEqual({ exact: 'shared', prefix: 'Cybersecurity is a ', suffix: TEXT.slice(start + 6, start + 38) });
  });

  it('trims whitespace from the selection and moves the context with it', () => {
    const start = TEXT.indexOf(' shared ');
    const quote = quoteFromOffsets(TEXT, start, start + ' shared '.length);
    expect(quote?.exact).toBe('shared');
    expect(quote?.prefix.endsWith('a ')).toBe(true);
    expect(quote?.suffix.startsWith(' responsibility')).toBe(true);
  });

  it('accepts offsets in either order and clamps them to the text', () => {
    const start = TEXT.indexOf('shared');
    expect(quoteFromOffsets(TEXT, start + 6, start)?.exact).toBe('shared');
    expect(quoteFromOffsets('abc', -5, 99)).toEqual({ exact: 'abc', prefix: '', suffix: '' });
  });

  it('refuses empty, blank and over-long passages', () => {
    expect(quoteFromOffsets(TEXT, 5, 5)).toBeNull();
    expect(quoteFromOffsets('a     b', 1, 6)).toBeNull();
    const long = 'x'.repeat(LIMITS.quote.exactMax + 1);
    expect(quoteFromOffsets(long, 0, long.length)).toBeNull();
  });
});

describe('quoteFromExact', () => {
  it('anchors the first occurrence of the passage', () => {
    const text = 'one two one three';
    expect(quoteFromExact(text, ' one ')).toEqual({ exact: 'one', prefix: '', suffix: ' two one three' });
  });

  it('returns null when the passage is not in the text', () => {
    expect(quoteFromExact(TEXT, 'not in here')).toBeNull();
    expect(quoteFromExact(TEXT, '   ')).toBeNull();
  });
});

describe('quoteFromSelection', () => {
  afterEach(() => {
    document.getSelection()?.removeAllRanges();
    document.body.innerHTML = '';
  });

  function select(node: Node, start: number, endNode: Node, end: number): Selection {
    const selection = document.getSelection();
    if (!selection) throw new Error('no selection API');
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(endNode, end);
    selection.removeAllRanges();
    selection.addRange(range);
    return selection;
  }

  it('uses the selection offsets inside the paragraph element', () => {
    const paragraph = document.createElement('p');
    paragraph.textContent = 'to be or not to be';
    document.body.append(paragraph);
    const text = paragraph.firstChild as Text;
    // The second "to be": an indexOf fallback would wrongly find the first one.
    const selection = select(text, 13, text, 18);
    expect(quoteFromSelection(paragraph, 'to be or not to be', selection)).toEqual({
      exact: 'to be',
      prefix: 'to be or not ',
      suffix: '',
    });
  });

  it('ignores selections that leave the paragraph or are collapsed', () => {
    const paragraph = document.createElement('p');
    paragraph.textContent = 'inside';
    const other = document.createElement('p');
    other.textContent = 'outside';
    document.body.append(paragraph, other);
    const across = select(paragraph.firstChild as Text, 2, other.firstChild as Text, 3);
    expect(quoteFromSelection(paragraph, 'inside', across)).toBeNull();
    const collapsed = select(paragraph.firstChild as Text, 2, paragraph.firstChild as Text, 2);
    expect(quoteFromSelection(paragraph, 'inside', collapsed)).toBeNull();
  });
});
