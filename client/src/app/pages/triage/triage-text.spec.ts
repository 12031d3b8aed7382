import { emptyGroupCounts } from '@doorway/contracts';
import { dayAfter, triageParams } from '../../services/triage.service';
import { endorsementText, paragraphNumbersText, paramsFromTriageFilters, triageFiltersFromParams } from './triage-text';

describe('triage text', () => {
  it('says who endorsed a contribution, the largest group first, in lowercase', () => {
    expect(
      endorsementText({
        total: 12,
        byGroup: { ...emptyGroupCounts(), government: 3, civil_society: 5, technical_community: 4 },
      }),
    ).toBe('endorsed by 12: 5 civil society, 4 technical community, 3 government');
    expect(endorsementText({ total: 1, byGroup: { ...emptyGroupCounts(), technical_community: 1 } })).toBe(
      'endorsed by 1: 1 technical community',
    );
    expect(endorsementText({ total: 0, byGroup: emptyGroupCounts() })).toBe('no endorsements');
  });

  it('reads filters from the URL, ignoring anything malformed', () => {
    expect(
      triageFiltersFromParams({
        paragraph: 'method-this-consultation',
        group: 'civil_society',
        kind: 'suggestion',
        disposition: 'partially_accepted',
        from: '2016-10-01',
        to: '2016-10-31',
        minEndorsements: '2',
      }),
    ).toEqual({
      paragraph: 'method-this-consultation',
      group: 'civil_society',
      kind: 'suggestion',
      disposition: 'partially_accepted',
      from: '2016-10-01',
      to: '2016-10-31',
      minEndorsements: 2,
    });
    const junk = triageFiltersFromParams({ paragraph: 'Bad Key!', group: 'nobody', kind: 'essay', disposition: 'maybe', from: 'yesterday', minEndorsements: '-1' });
    expect(paramsFromTriageFilters(junk)).toEqual({});
  });

  it('asks the API for the days chosen, "To" included', () => {
    expect(dayAfter('2016-10-31')).toBe('2016-11-01');
    const params = triageParams({ ...triageFiltersFromParams({ from: '2016-10-01', to: '2016-10-31', minEndorsements: '0' }) }, 'abc');
    expect(params.get('from')).toBe('2016-10-01');
    expect(params.get('to')).toBe('2016-11-01');
    expect(params.get('minEndorsements')).toBe('0');
    expect(params.get('cursor')).toBe('abc');
    expect(params.get('limit')).toBe('50');
    expect(params.has('kind')).toBe(false);
  });

  it('names the paragraphs by their numbers', () => {
    const numbers = new Map([
      ['a', 40],
      ['b', 37],
      ['c', 39],
    ]);
    expect(paragraphNumbersText(['a', 'b', 'c'], numbers)).toBe('¶ 37, 39, 40');
    expect(paragraphNumbersText(['zzz'], numbers)).toBe('a paragraph no longer in the document');
  });
});
