import { alignParagraphs, diffChange, draftChange, longestIncreasingRun } from './alignment';
import type { PlacedParagraph } from './alignment';

const version = (...specs: string[]): PlacedParagraph[] =>
  specs.map((spec, i) => {
    const [key = '', section = 's1', text = `text of ${key}`] = spec.split(':');
    return { key, number: i + 1, section, text };
  });

const summary = (from: PlacedParagraph[], to: PlacedParagraph[]) =>
  alignParagraphs(from, to).map((p) => `${p.key}=${diffChange(p)}`);

describe('longestIncreasingRun', () => {
  it('finds one longest increasing subsequence', () => {
    const values = [0, 8, 4, 12, 2, 10, 6, 14, 1, 9];
    const run = longestIncreasingRun(values).map((i) => values[i] ?? -1);
    expect(run).toHaveLength(4);
    expect([...run].sort((a, b) => a - b)).toEqual(run);
  });

  it('handles empty and sorted input', () => {
    expect(longestIncreasingRun([])).toEqual([]);
    expect(longestIncreasingRun([1, 2, 3])).toEqual([0, 1, 2]);
  });
});

describe('alignParagraphs', () => {
  it('keeps everything unchanged when nothing changed', () => {
    const v = version('a', 'b', 'c');
    expect(summary(v, v)).toEqual(['a=unchanged', 'b=unchanged', 'c=unchanged']);
  });

  it('does not call insertions or deletions moves, although later numbers shift', () => {
    expect(summary(version('a', 'b', 'c', 'd'), version('a', 'new', 'c', 'd'))).toEqual([
      'a=unchanged', 'b=deleted', 'new=added', 'c=unchanged', 'd=unchanged',
    ]);
  });

  it('marks only the paragraph that jumped, not those it jumped over', () => {
    expect(summary(version('a', 'b', 'c', 'd', 'e'), version('a', 'c', 'd', 'e', 'b'))).toEqual([
      'a=unchanged', 'c=unchanged', 'd=unchanged', 'e=unchanged', 'b=moved',
    ]);
  });

  it('marks a paragraph moved to another section, even in the same place, and combines with edits', () => {
    const aligned = alignParagraphs(version('a:s1', 'b:s1:old', 'c:s2'), version('a:s1', 'b:s2:new', 'c:s2'));
    expect(aligned.map(diffChange)).toEqual(['unchanged', 'changed_and_moved', 'unchanged']);
    expect(aligned.map(draftChange)).toEqual(['kept', 'edited_and_moved', 'kept']);
  });

  it('places deleted paragraphs after the paragraph they followed, or first', () => {
    expect(summary(version('x', 'a', 'b', 'y', 'z', 'c'), version('a', 'b', 'c'))).toEqual([
      'x=deleted', 'a=unchanged', 'b=unchanged', 'y=deleted', 'z=deleted', 'c=unchanged',
    ]);
  });

  it('anchors a deleted paragraph to a neighbour that stayed in place, not to one that moved away', () => {
    expect(summary(version('a', 'b', 'gone', 'c', 'd'), version('b', 'c', 'd', 'a'))).toEqual([
      'b=unchanged', 'gone=deleted', 'c=unchanged', 'd=unchanged', 'a=moved',
    ]);
  });

  it('marks edited and added paragraphs', () => {
    const aligned = alignParagraphs(version('a', 'b:s1:before'), version('a', 'b:s1:after', 'n'));
    expect(aligned.map(draftChange)).toEqual(['kept', 'edited', 'added']);
    expect(aligned[1]?.from?.text).toBe('before');
  });
});
