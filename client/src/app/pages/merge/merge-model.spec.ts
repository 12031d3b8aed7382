import type { DraftParagraphView, DraftView } from '@doorway/contracts';
import {
  adoptKeys,
  applySuggestion,
  caseStudySummary,
  changesOf,
  conflictDifferences,
  deleteParagraph,
  describeDraftProblems,
  insertAfter,
  insertCaseStudy,
  longestIncreasingRun,
  moveDown,
  moveToSection,
  moveUp,
  placed,
  removeProvenance,
  restoreParagraph,
  setText,
  stateFromDraft,
  summarize,
  summaryText,
  toSaveRequest,
} from './merge-model';
import type { MergeState } from './merge-model';
import { testTranslate } from '../../testing/transloco';
import fr from '../../../../public/i18n/fr.json';

function paragraph(key: string, number: number, section: string, overrides: Partial<DraftParagraphView> = {}): DraftParagraphView {
  const text = `Text of ${key}.`;
  return {
    key,
    text,
    provenance: [],
    caseStudyId: null,
    number,
    baseText: text,
    baseSection: section,
    baseNumber: number,
    change: 'kept',
    provenanceRefs: [],
    ...overrides,
  };
}

/** Base version: a(1) b(2) | [gone(3), deleted in the draft] c(4→3) d(5→4) | e(6→5). */
function draft(): DraftView {
  return {
    documentSlug: 'bpf',
    number: 2,
    baseNumber: 1,
    lockVersion: 4,
    label: '',
    changelog: '',
    generatedChangelog: 'Nothing changed yet.',
    sections: [
      { key: 'intro', title: 'Introduction', paragraphs: [paragraph('a', 1, 'intro'), paragraph('b', 2, 'intro')] },
      {
        key: 'barriers',
        title: 'Barriers',
        paragraphs: [
          paragraph('c', 3, 'barriers', { baseNumber: 4, provenance: ['s-1'] }),
          paragraph('d', 4, 'barriers', { baseNumber: 5 }),
        ],
      },
      { key: 'annex', title: 'Annex: case studies', paragraphs: [paragraph('e', 5, 'annex', { baseNumber: 6 })] },
    ],
    deleted: [{ key: 'gone', text: 'An old paragraph.', baseNumber: 3 }],
    updatedAt: '2016-11-01T10:00:00.000Z',
  };
}

const keys = (state: MergeState): (string | null)[][] => state.sections.map((s) => s.paragraphs.map((p) => p.key));
const uidOf = (state: MergeState, key: string): string => placed(state).find((p) => p.paragraph.key === key)?.paragraph.uid ?? '';

describe('merge model', () => {
  it('serializes the draft as the API saves it: sections in order, new paragraphs with a null key, case studies cited', () => {
    let state = stateFromDraft(draft());
    const inserted = insertAfter(state, uidOf(state, 'a'));
    state = setText(inserted.state, inserted.uid, '  A brand new paragraph.  ');
    state = insertCaseStudy(state, { id: 'cs-9', title: 'Open briefings', excerpt: 'A monthly open briefing.' }).state;

    expect(toSaveRequest(state, ' Second draft ', null)).toEqual({
      label: 'Second draft',
      sections: [
        {
          key: 'intro',
          title: 'Introduction',
          paragraphs: [
            { key: 'a', text: 'Text of a.', provenance: [], caseStudyId: null },
            { key: null, text: 'A brand new paragraph.', provenance: [], caseStudyId: null },
            { key: 'b', text: 'Text of b.', provenance: [], caseStudyId: null },
          ],
        },
        {
          key: 'barriers',
          title: 'Barriers',
          paragraphs: [
            { key: 'c', text: 'Text of c.', provenance: ['s-1'], caseStudyId: null },
            { key: 'd', text: 'Text of d.', provenance: [], caseStudyId: null },
          ],
        },
        {
          key: 'annex',
          title: 'Annex: case studies',
          paragraphs: [
            { key: 'e', text: 'Text of e.', provenance: [], caseStudyId: null },
            { key: null, text: 'Open briefings — A monthly open briefing.', provenance: [], caseStudyId: 'cs-9' },
          ],
        },
      ],
    });
    // The changelog is sent only once the editor wrote one.
    expect(toSaveRequest(state, '', 'My changelog').changelog).toBe('My changelog');
    expect('changelog' in toSaveRequest(state, '', null)).toBe(false);
  });

  it('inserts a case study at the end of the last section, so the numbers above do not shift', () => {
    const state = stateFromDraft(draft());
    const before = placed(state).map((p) => [p.paragraph.key, p.number]);
    const result = insertCaseStudy(state, { id: 'cs-1', title: 'Senegal', excerpt: '  A maturity review.  ' });
    const after = placed(result.state);
    expect(after.slice(0, before.length).map((p) => [p.paragraph.key, p.number])).toEqual(before);
    const last = after[after.length - 1];
    expect(last?.sectionKey).toBe('annex');
    expect(last?.paragraph).toMatchObject({ uid: result.uid, key: null, text: 'Senegal — A maturity review.', caseStudyId: 'cs-1' });
    expect(changesOf(result.state).get(result.uid)).toBe('added');
  });

  it('ends a case study excerpt cut mid-sentence at its last whole word', () => {
    expect(caseStudySummary({ title: 'Nigeria', excerpt: 'Two years later we asked securit' })).toBe('Nigeria — Two years later we asked…');
    expect(caseStudySummary({ title: 'Nigeria', excerpt: 'A briefing, then anoth' })).toBe('Nigeria — A briefing, then…');
    expect(caseStudySummary({ title: 'Nigeria', excerpt: 'It worked.' })).toBe('Nigeria — It worked.');
    expect(caseStudySummary({ title: 'Nigeria', excerpt: '' })).toBe('Nigeria');
  });

  it('moves up and down within a section and across section boundaries, and not past either end', () => {
    let state = stateFromDraft(draft());
    state = moveUp(state, uidOf(state, 'b'));
    expect(keys(state)).toEqual([['b', 'a'], ['c', 'd'], ['e']]);
    state = moveUp(state, uidOf(state, 'c'));
    expect(keys(state)).toEqual([['b', 'a', 'c'], ['d'], ['e']]);
    state = moveDown(state, uidOf(state, 'd'));
    expect(keys(state)).toEqual([['b', 'a', 'c'], [], ['d', 'e']]);
    expect(moveUp(state, uidOf(state, 'b'))).toBe(state);
    expect(moveDown(state, uidOf(state, 'e'))).toBe(state);
    state = moveToSection(state, uidOf(state, 'b'), 'barriers');
    expect(keys(state)).toEqual([['a', 'c'], ['b'], ['d', 'e']]);
  });

  it('deletes a paragraph and restores it where it was; a paragraph the draft had already dropped returns after its base predecessor', () => {
    const start = stateFromDraft(draft());
    const deleted = deleteParagraph(start, uidOf(start, 'd'));
    expect(keys(deleted)).toEqual([['a', 'b'], ['c'], ['e']]);
    expect(deleted.deleted.map((d) => d.paragraph.key)).toEqual(['gone', 'd']);
    expect(summarize(deleted).deleted).toBe(2);

    const restored = restoreParagraph(deleted, uidOf(start, 'd'));
    expect(keys(restored)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(restored.deleted.map((d) => d.paragraph.key)).toEqual(['gone']);

    const gone = start.deleted[0]?.paragraph.uid ?? '';
    const back = restoreParagraph(restored, gone);
    expect(keys(back)).toEqual([['a', 'b', 'gone'], ['c', 'd'], ['e']]);
    expect(back.deleted).toEqual([]);
    expect(summarize(back).deleted).toBe(0);
  });

  it('gives a deleted new paragraph a null key when it is restored (the server drops paragraphs no draft uses)', () => {
    const start = stateFromDraft(draft());
    const inserted = insertAfter(start, uidOf(start, 'e'));
    const saved = adoptKeys(inserted.state, placed(inserted.state).map((p) => p.paragraph.uid), {
      ...draft(),
      sections: [
        { key: 'intro', title: 'Introduction', paragraphs: [paragraph('a', 1, 'intro'), paragraph('b', 2, 'intro')] },
        { key: 'barriers', title: 'Barriers', paragraphs: [paragraph('c', 3, 'barriers'), paragraph('d', 4, 'barriers')] },
        { key: 'annex', title: 'Annex', paragraphs: [paragraph('e', 5, 'annex'), paragraph('p-1a2b3c4d', 6, 'annex')] },
      ],
    });
    expect(keys(saved)[2]).toEqual(['e', 'p-1a2b3c4d']);
    const restored = restoreParagraph(deleteParagraph(saved, inserted.uid), inserted.uid);
    expect(keys(restored)[2]).toEqual(['e', null]);
  });

  it('marks changes as the API does: an insertion moves nothing, a moved paragraph alone is moved', () => {
    let state = stateFromDraft(draft());
    state = insertAfter(state, uidOf(state, 'a')).state;
    expect([...changesOf(state).values()].filter((c) => c === 'moved')).toEqual([]);

    state = moveUp(state, uidOf(state, 'd'));
    state = setText(state, uidOf(state, 'c'), 'Rewritten.');
    state = moveToSection(state, uidOf(state, 'e'), 'intro');
    const changes = changesOf(state);
    expect(changes.get(uidOf(state, 'a'))).toBe('kept');
    expect(changes.get(uidOf(state, 'b'))).toBe('kept');
    expect(changes.get(uidOf(state, 'd'))).toBe('moved');
    expect(changes.get(uidOf(state, 'c'))).toBe('edited');
    expect(changes.get(uidOf(state, 'e'))).toBe('moved');
    state = setText(state, uidOf(state, 'd'), 'Moved and rewritten.');
    expect(changesOf(state).get(uidOf(state, 'd'))).toBe('edited_and_moved');
    state = setText(state, uidOf(state, 'd'), 'Text of d.');
    expect(summaryText(summarize(state), testTranslate())).toBe('1 paragraph edited, 1 added, 1 deleted, 2 moved');
  });

  it('applies a suggestion: its text replaces the paragraph and it joins the provenance once', () => {
    const start = stateFromDraft(draft());
    const uid = uidOf(start, 'c');
    let state = applySuggestion(start, uid, { id: 's-2', proposedText: 'Better text.' });
    state = applySuggestion(state, uid, { id: 's-2', proposedText: 'Better text.' });
    const c = placed(state).find((p) => p.paragraph.uid === uid)?.paragraph;
    expect(c?.text).toBe('Better text.');
    expect(c?.provenance).toEqual(['s-1', 's-2']);
    const removed = removeProvenance(state, uid, 's-1');
    expect(placed(removed).find((p) => p.paragraph.uid === uid)?.paragraph.provenance).toEqual(['s-2']);
  });

  it('finds a longest increasing run', () => {
    expect(longestIncreasingRun([1, 2, 3])).toEqual([0, 1, 2]);
    expect(longestIncreasingRun([3, 1, 2, 4])).toEqual([1, 2, 3]);
    expect(longestIncreasingRun([])).toEqual([]);
  });

  it('lists what differs from their version by paragraph number', () => {
    let mine = stateFromDraft(draft());
    mine = setText(mine, uidOf(mine, 'b'), 'My words.');
    mine = insertAfter(mine, uidOf(mine, 'e')).state;
    const theirs = draft();
    const barriers = theirs.sections[1];
    if (barriers) barriers.paragraphs = [paragraph('d', 3, 'barriers', { baseNumber: 5 }), paragraph('c', 4, 'barriers', { baseNumber: 4 })];
    expect(conflictDifferences(mine, theirs, testTranslate())).toEqual([
      '¶ 2: the text differs',
      '¶ 3: theirs is ¶ 4',
      '¶ 4: theirs is ¶ 3',
      '¶ 6: new in your version',
    ]);
    expect(conflictDifferences(mine, theirs, testTranslate('fr', fr))).toEqual([
      '¶ 2 : le texte diffère',
      '¶ 3 : dans l’autre version, c’est le ¶ 4',
      '¶ 4 : dans l’autre version, c’est le ¶ 3',
      '¶ 6 : nouveau dans votre version',
    ]);
  });

  it('names the paragraph behind each of the API’s problems', () => {
    const request = toSaveRequest(stateFromDraft(draft()), '', null);
    expect(
      describeDraftProblems(request, [
        { field: 'sections.1.paragraphs.1.text', problems: ['must be 1 to 10000 characters'] },
        { field: 'sections.2.paragraphs.0.caseStudyId', problems: ['is not an accepted case study of this document'] },
      ], testTranslate()),
    ).toBe('¶ 4: must be 1 to 10000 characters; ¶ 5: is not an accepted case study of this document');
  });
});
