import { attributionText, dispositionLabel, excerptText, isWebUrl, yearsText } from './case-study-text';

describe('case study text', () => {
  it('credits as the submitter chose: name and organisation, organisation only, or anonymous', () => {
    expect(attributionText({ kind: 'named', name: 'Amina Civil', organisation: 'Open Net' })).toBe('Amina Civil, Open Net');
    expect(attributionText({ kind: 'named', name: 'Amina Civil', organisation: null })).toBe('Amina Civil');
    expect(attributionText({ kind: 'organisation', name: null, organisation: 'Ministry of ICT' })).toBe('Ministry of ICT');
    // Even if a name slipped through, "organisation only" never shows it.
    expect(attributionText({ kind: 'organisation', name: 'Kwabena', organisation: 'Ministry of ICT' })).not.toContain('Kwabena');
    expect(attributionText({ kind: 'anonymous', name: 'Kwabena', organisation: 'Ministry of ICT' })).toBe('Anonymous');
  });

  it('writes years as one year or a range', () => {
    expect(yearsText(2014, 2016)).toBe('2014–2016');
    expect(yearsText(2014, null)).toBe('2014');
    expect(yearsText(2014, 2014)).toBe('2014');
    expect(yearsText(null, null)).toBe('');
  });

  it('names every disposition, and unknown ones readably', () => {
    expect(dispositionLabel('partially_accepted')).toBe('Partially accepted');
    expect(dispositionLabel('out_of_scope')).toBe('Out of scope');
    expect(dispositionLabel('pending')).toBe('Pending');
    expect(dispositionLabel('under_discussion')).toBe('Under discussion');
  });

  it('links only http and https addresses', () => {
    expect(isWebUrl('https://example.org/report')).toBe(true);
    expect(isWebUrl('http://example.org')).toBe(true);
    expect(isWebUrl('javascript:alert(1)')).toBe(false);
    expect(isWebUrl('data:text/html,<script>alert(1)</script>')).toBe(false);
    expect(isWebUrl('not a url')).toBe(false);
  });

  it('marks an excerpt cut at the API limit with an ellipsis', () => {
    expect(excerptText('Short.')).toBe('Short.');
    expect(excerptText('x'.repeat(240))).toBe(`${'x'.repeat(240)}…`);
  });
});
