import type { CaseStudyFields } from './case-studies';
import { isKnownCountry, isKnownRegion, regionName, submissionProblems } from './case-study-rules';

const complete: CaseStudyFields = {
  title: 'A door that opened',
  region: 'NG',
  yearFrom: 2015,
  yearTo: 2016,
  domains: ['human_rights_encryption'],
  stakeholderGroups: ['government', 'civil_society'],
  closedDoor: 'Security policy was drafted behind closed doors.',
  whatOpened: 'An invitation to a round table on the draft bill.',
  outcome: 'Civil society drafted the rights chapter of the bill.',
  lessons: 'Arrive with a concrete text that others can work on.',
  links: [{ url: 'https://example.org/report' }],
  paragraphKeys: [],
  consentToPublish: true,
  attribution: 'named',
  language: 'en',
};

describe('case study rules', () => {
  it('accepts a complete case study', () => {
    expect(submissionProblems(complete, 2016)).toEqual([]);
  });

  it('names every missing or wrong field', () => {
    const problems = submissionProblems(
      { ...complete, title: 'x', region: 'XX', yearFrom: 2016, yearTo: 2014, stakeholderGroups: ['government', 'government'],
        lessons: '', links: [{ url: 'javascript:alert(1)' }], consentToPublish: false },
      2016,
    );
    expect(problems.map((p) => p.field)).toEqual(['title', 'region', 'yearTo', 'stakeholderGroups', 'lessons', 'links.0.url', 'consentToPublish']);
  });

  it('knows countries and UN regions', () => {
    expect(isKnownRegion('NG')).toBe(true);
    expect(isKnownRegion('150')).toBe(true);
    expect(isKnownRegion('ZZ')).toBe(false);
    expect(isKnownRegion('999')).toBe(false);
    expect(regionName('150')).toBe('Europe');
    expect(regionName('MX')).toBe('Mexico');
  });

  it('knows countries apart from regions and unassigned codes', () => {
    expect(isKnownCountry('MX')).toBe(true);
    expect(isKnownCountry('ZZ')).toBe(false);
    expect(isKnownCountry('XX')).toBe(false);
    expect(isKnownCountry('150')).toBe(false);
    expect(isKnownCountry('mx')).toBe(false);
  });
});
