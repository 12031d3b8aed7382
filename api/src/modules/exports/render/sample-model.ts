import type { ExportModel } from '../export-model';

/** Sentences the renderer tests look for in every format. */
export const SAMPLE_ARABIC = 'الحوار بين أصحاب المصلحة المتعددين يبني الثقة';
export const SAMPLE_CHINESE = '多利益相关方对话建立信任';
export const SAMPLE_ACCENTS = 'Diálogo multisectorial: ¿cómo se abrió la puerta? Façade, naïve, Ærøskøbing';
export const SAMPLE_SCRIPT = '<script>alert("x")</script> & "quotes"';

/**
 * A small export of every part, for the renderer tests: two sections, a changed paragraph with
 * a note, all four annexes, and text in Arabic, Chinese and accented Latin.
 */
export function sampleModel(overrides: Partial<ExportModel> = {}): ExportModel {
  return {
    generatedAt: '2016-11-20T09:30:00.000Z',
    title: {
      forum: 'IGF 2016 Best Practice Forum on Cybersecurity',
      documentTitle: 'Creating spaces for multistakeholder dialogue in cybersecurity processes',
      versionLine: 'Version 2: Revised after the open consultation',
      statusLine: 'Published 20 November 2016',
      consultationLine: 'Consultation open 1 October 2016 to 28 October 2016',
      summary: 'How stakeholders can meet, build trust and work together on cybersecurity.',
    },
    sections: [
      {
        heading: '1. Introduction',
        paragraphs: [
          { number: 1, key: 'intro-1', text: 'Cybersecurity needs every stakeholder at the table.', noteNumber: null },
          { number: 2, key: 'intro-2', text: `Trust grows through dialogue. ${SAMPLE_ACCENTS}`, noteNumber: 1 },
        ],
      },
      {
        heading: '2. Doors that opened',
        paragraphs: [
          { number: 3, key: 'doors-1', text: SAMPLE_ARABIC, noteNumber: 2 },
          { number: 4, key: 'doors-2', text: `Dialogue in many languages: ${SAMPLE_CHINESE}.`, noteNumber: null },
        ],
      },
    ],
    notes: [
      {
        number: 1,
        paragraphNumber: 2,
        text: 'Changed in version 2 after 3 contributions (Government 1, Civil society 2). Dispositions: accepted 2, partially accepted 1.',
      },
      {
        number: 2,
        paragraphNumber: 3,
        text: 'Changed in version 2 after 1 contribution (Academia 1). Dispositions: accepted 1.',
      },
    ],
    annexA: {
      title: 'Annex A. Synthesis of comments by stakeholder group',
      note: null,
      table: {
        header: ['Paragraph', 'Government', 'Civil society', 'Academia', 'Total'],
        rows: [
          ['2', '1', '2', '0', '3'],
          ['3', '0', '0', '1', '1'],
        ],
        footer: ['Total', '1', '2', '1', '4'],
      },
      paragraphs: [
        {
          heading: 'Paragraph 2 (3 contributions)',
          groups: [
            {
              heading: 'Government (1)',
              items: [{ author: 'Ministry of Digital Affairs', kind: 'Comment', quote: 'Trust grows', body: 'Name the forums where this happened.', language: 'en', proposedText: null }], more: null,
            },
            {
              heading: 'Civil society (2)',
              items: [
                { author: 'Amina Diallo', kind: 'Suggested edit', quote: null, body: 'Say who sits at the table.', language: 'en', proposedText: 'Trust grows through open, regular dialogue.' },
                { author: 'Anonymous', kind: 'Comment', quote: null, body: SAMPLE_SCRIPT, language: 'en', proposedText: null },
              ],
              more: null,
            },
          ],
        },
        {
          heading: 'Paragraph 3 (1 contribution)',
          groups: [
            {
              heading: 'Academia (1)',
              items: [{ author: 'Li Wei', kind: 'Comment', quote: null, body: `${SAMPLE_CHINESE} ${SAMPLE_ARABIC}`, language: 'zh', proposedText: null }], more: null,
            },
          ],
        },
      ],
    },
    annexB: {
      title: 'Annex B. Disposition of every contribution',
      note: null,
      table: {
        header: ['Reference', 'Paragraph', 'Kind', 'Group', 'Disposition', 'Note', 'Answered in version'],
        rows: [
          ['C-0001', '2', 'Comment', 'Government', 'Accepted', 'Forums named in paragraph 2.', '2'],
          ['C-0002', '2', 'Suggested edit', 'Civil society', 'Partially accepted', 'Wording adapted.', '2'],
          ['C-0003', '2', 'Comment', 'Civil society', 'Noted', '', ''],
          ['C-0004', '3', 'Comment', 'Academia', 'Accepted', '', '2'],
          ['CS-0001', '—', 'Case study', 'Civil society', 'Accepted', 'Included as an example.', '2'],
        ],
        footer: null,
      },
    },
    annexC: {
      title: 'Annex C. Accepted case studies',
      note: null,
      caseStudies: [
        {
          title: 'A national CERT opens its door to civil society',
          language: 'en',
          byline: 'Submitted by Amina Diallo (Civil society) · Africa · 2014–2016 · Incident response',
          fields: [
            { label: 'The closed door', text: 'Incident responders and activists did not talk.' },
            { label: 'What opened it', text: 'A shared workshop on phishing against journalists.' },
            { label: 'Outcome', text: 'A standing channel for reports.' },
            { label: 'Lessons', text: `Start small. ${SAMPLE_ACCENTS}` },
          ],
          links: ['https://example.org/cert-dialogue'],
        },
      ],
    },
    annexD: {
      title: 'Annex D. Contributors by stakeholder group',
      explanation: 'Contributors are named only where they chose to be named. Verified: the group was confirmed by the coordinators; self-declared: as the contributor stated it.',
      groups: [
        {
          heading: 'Government (1 contributor)',
          people: [{ name: 'Ministry of Digital Affairs', organisation: null, verified: true }],
          unnamedCount: 0,
        },
        {
          heading: 'Civil society (2 contributors)',
          people: [{ name: 'Amina Diallo', organisation: 'Open Net Africa', verified: false }],
          unnamedCount: 1,
        },
        {
          heading: 'Academia (1 contributor)',
          people: [{ name: 'Li Wei', organisation: '清华大学', verified: true }],
          unnamedCount: 0,
        },
      ],
    },
    ...overrides,
  };
}

/** The sample as a digest (see ExportDigest): annex A abridged per group, annex B as counts. */
export function sampleDigestModel(): ExportModel {
  const model = sampleModel();
  const annexA = model.annexA;
  const annexB = model.annexB;
  if (!annexA || !annexB) throw new Error('the sample has annexes A and B');
  return {
    ...model,
    annexA: {
      ...annexA,
      note: 'DIGEST-A: the table counts every contribution; each group shows its most endorsed.',
      paragraphs: annexA.paragraphs.map((p) => ({ ...p, groups: p.groups.map((g) => ({ ...g, more: `MORE-${g.heading}: 12 more from this group.` })) })),
    },
    annexC: model.annexC && { ...model.annexC, note: 'DIGEST-C: listed by title and byline only.', caseStudies: model.annexC.caseStudies.map((c) => ({ ...c, fields: [], links: [] })) },
    annexB: {
      title: annexB.title,
      note: 'DIGEST-B: dispositions counted per paragraph.',
      table: { header: ['Paragraph', 'Pending', 'Accepted', 'Total'], rows: [['2', '1', '2', '3']], footer: ['Total', '1', '2', '3'] },
    },
  };
}
