import { emptyGroupCounts } from '@doorway/contracts';
import { answeredText, commentVersionText, endorsementText, groupText, shapedByText } from './contribution-text';

describe('contribution texts', () => {
  it('breaks endorsements down by group, largest first', () => {
    expect(endorsementText({ total: 0, byGroup: emptyGroupCounts() })).toBe('No endorsements yet');
    expect(endorsementText({ total: 1, byGroup: { ...emptyGroupCounts(), technical_community: 1 } })).toBe(
      'Endorsed by 1: 1 Technical community',
    );
    expect(endorsementText({ total: 3, byGroup: { ...emptyGroupCounts(), government: 1, civil_society: 2 } })).toBe(
      'Endorsed by 3: 2 Civil society, 1 Government',
    );
  });

  it('says what shaped a paragraph, with counts when several groups did', () => {
    expect(shapedByText({ count: 1, byGroup: { ...emptyGroupCounts(), civil_society: 1 } })).toBe(
      'Shaped by 1 contribution from Civil society',
    );
    expect(shapedByText({ count: 3, byGroup: { ...emptyGroupCounts(), government: 1, civil_society: 2 } })).toBe(
      'Shaped by 3 contributions from Civil society (2) and Government (1)',
    );
    expect(
      shapedByText({ count: 4, byGroup: { ...emptyGroupCounts(), government: 1, civil_society: 2, academia: 1 } }),
    ).toBe('Shaped by 4 contributions from Civil society (2), Government (1) and Academia (1)');
    expect(shapedByText({ count: 2, byGroup: emptyGroupCounts() })).toBe('Shaped by 2 contributions');
  });

  it('says which version a comment was written on and whether the paragraph moved on', () => {
    expect(commentVersionText({ versionNumber: 1, paragraphChangedSince: false })).toBe('on v1');
    expect(commentVersionText({ versionNumber: 1, paragraphChangedSince: true })).toBe('on v1 · the paragraph has changed since');
  });

  it('says "Accepted in vN" only once a version answered an accepted contribution', () => {
    expect(answeredText({ disposition: 'accepted', answeredInVersion: 2 })).toBe('Accepted in v2');
    expect(answeredText({ disposition: 'partially_accepted', answeredInVersion: 3 })).toBe('Accepted in v3');
    expect(answeredText({ disposition: 'noted', answeredInVersion: 2 })).toBe('Answered in v2');
    expect(answeredText({ disposition: 'accepted', answeredInVersion: null })).toBeNull();
    expect(groupText('civil_society')).toBe('Civil society');
    expect(groupText('someone_else')).toBe('someone_else');
  });
});
