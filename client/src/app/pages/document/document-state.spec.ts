import { emptyGroupCounts } from '@doorway/contracts';
import type { DocumentVersionView } from '@doorway/contracts';
import { adjustParagraphCount, findParagraph } from './document-state';

function doc(): DocumentVersionView {
  return {
    document: {
      id: 'd1',
      slug: 'bpf',
      title: 'Draft',
      summary: 'Summary',
      language: 'en',
      forum: { slug: 'bpf', name: 'BPF' },
      consultationOpensAt: null,
      consultationClosesAt: null,
      currentVersion: { number: 1, label: 'Draft', publishedAt: null },
      commentCount: 1,
      phase: 'open',
      commentDeadline: null,
      hiddenCount: 0,
    },
    version: { number: 1, label: 'Draft', publishedAt: null },
    liveCursor: null,
    sections: [
      {
        key: 's1',
        title: 'One',
        paragraphs: [
          { key: 'a', number: 1, text: 'A', commentCount: 0, commentsByGroup: emptyGroupCounts(), caseStudies: [], shapedBy: null },
          {
            key: 'b',
            number: 2,
            text: 'B',
            commentCount: 1,
            commentsByGroup: { ...emptyGroupCounts(), government: 1 },
            caseStudies: [],
            shapedBy: null,
          },
        ],
      },
      { key: 's2', title: 'Two', paragraphs: [] },
    ],
  };
}

describe('adjustParagraphCount', () => {
  it('increments the paragraph, its group and the document total, leaving others untouched', () => {
    const before = doc();
    const after = adjustParagraphCount(before, 'b', 'civil_society', 1);
    const b = findParagraph(after, 'b');
    expect(b?.commentCount).toBe(2);
    expect(b?.commentsByGroup.civil_society).toBe(1);
    expect(b?.commentsByGroup.government).toBe(1);
    expect(after.document.commentCount).toBe(2);
    expect(findParagraph(after, 'a')).toBe(findParagraph(before, 'a'));
    expect(after.sections[1]).toBe(before.sections[1]);
    expect(findParagraph(before, 'b')?.commentCount).toBe(1);
  });

  it('never goes below zero and ignores unknown paragraphs', () => {
    const before = doc();
    const after = adjustParagraphCount(before, 'a', 'academia', -1);
    expect(findParagraph(after, 'a')?.commentCount).toBe(0);
    expect(after.document.commentCount).toBe(1);
    expect(adjustParagraphCount(before, 'zzz', 'academia', 1)).toBe(before);
  });
});
