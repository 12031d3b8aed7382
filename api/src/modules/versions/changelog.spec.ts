import { alignParagraphs } from './alignment';
import type { PlacedParagraph } from './alignment';
import { answeringClause, generateChangelog } from './changelog';

const p = (key: string, number: number, section: string, text = key): PlacedParagraph => ({ key, number, section, text });

describe('generateChangelog', () => {
  const base = [p('a', 1, 'intro'), p('b', 2, 'intro'), p('c', 3, 'barriers'), p('d', 4, 'barriers')];
  const draft = [p('a', 1, 'intro', 'a, sharper'), p('c', 2, 'barriers'), p('b', 3, 'annex'), p('n', 4, 'annex')];
  const titles: Record<string, string> = { intro: 'Introduction', barriers: 'Barriers', annex: 'Annex' };

  it('writes one line per change in reading order, with the groups answered', () => {
    const entries = alignParagraphs(base, draft).map((paragraph) => ({
      paragraph,
      sectionTitle: paragraph.to ? (titles[paragraph.to.section] ?? null) : null,
      answering: paragraph.key === 'a' ? (['civil_society', 'government', 'civil_society'] as const).slice() : [],
      caseStudyTitle: paragraph.key === 'n' ? 'Briefings that opened the CERT' : null,
    }));
    expect(generateChangelog(entries).split('\n')).toEqual([
      '¶ 1 edited, answering 3 contributions (2 civil society, 1 government)',
      '¶ 4 deleted',
      '¶ 3 moved to Annex (was ¶ 2)',
      'New ¶ 4 in Annex: case study “Briefings that opened the CERT”',
    ]);
  });

  it('is empty when nothing changed', () => {
    const entries = alignParagraphs(base, base).map((paragraph) => ({ paragraph, sectionTitle: 'x', answering: [], caseStudyTitle: null }));
    expect(generateChangelog(entries)).toBe('');
  });

  it('speaks of one contribution in the singular', () => {
    expect(answeringClause(['technical_community'])).toBe(', answering 1 contribution (1 technical community)');
    expect(answeringClause([])).toBe('');
  });
});
