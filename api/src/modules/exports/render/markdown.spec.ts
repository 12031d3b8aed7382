import { escapeMarkdown, renderMarkdown } from './markdown';
import { SAMPLE_ACCENTS, SAMPLE_ARABIC, SAMPLE_CHINESE, SAMPLE_SCRIPT, sampleModel } from './sample-model';

describe('escapeMarkdown', () => {
  it('escapes inline markup characters', () => {
    expect(escapeMarkdown('*a* _b_ `c` [d](e) <f> ~g~ $h$ \\')).toBe(
      '\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\<f\\> \\~g\\~ \\$h\\$ \\\\',
    );
    expect(escapeMarkdown('a | b')).toBe('a \\| b');
    expect(escapeMarkdown('# not a heading #')).toBe('\\# not a heading \\#');
  });

  it('escapes block markers at the start of every line only', () => {
    expect(escapeMarkdown('- item\n+ item\n12. item\n3) item\n===')).toBe('\\- item\n\\+ item\n12\\. item\n3\\) item\n\\===');
    expect(escapeMarkdown('a - b + c 12. d')).toBe('a - b + c 12. d');
    expect(escapeMarkdown('12. Heading', { lineStart: false })).toBe('12. Heading');
  });

  it('drops indentation so that no line becomes a code block', () => {
    expect(escapeMarkdown('    code\n\tmore  ')).toBe('code\nmore');
  });

  it('escapes the ampersand of an entity only', () => {
    expect(escapeMarkdown('A & B &copy; &#60;')).toBe('A & B \\&copy; &\\#60;');
  });

  it('shows a script tag as text', () => {
    expect(escapeMarkdown(SAMPLE_SCRIPT)).toBe('\\<script\\>alert("x")\\</script\\> & "quotes"');
  });

  it('leaves other scripts alone', () => {
    for (const text of [SAMPLE_ARABIC, SAMPLE_CHINESE, SAMPLE_ACCENTS]) expect(escapeMarkdown(text)).toBe(text);
  });
});

describe('renderMarkdown', () => {
  const model = sampleModel();
  const md = renderMarkdown(model);

  it('starts with YAML front matter holding the metadata', () => {
    expect(md.startsWith('---\n')).toBe(true);
    const front = md.split('\n---\n')[0];
    expect(front).toContain(`title: "${model.title.documentTitle}"`);
    expect(front).toContain(`forum: "${model.title.forum}"`);
    expect(front).toContain(`version: "${model.title.versionLine}"`);
    expect(front).toContain(`generated: "${model.generatedAt}"`);
  });

  it('has the title page', () => {
    expect(md).toContain(`\n# ${model.title.documentTitle}\n`);
    const t = model.title;
    for (const line of [t.forum, t.versionLine, t.statusLine, t.consultationLine ?? '', t.summary]) {
      expect(md).toContain(`\n${line}\n`);
    }
  });

  it('numbers every paragraph exactly and refers to its note', () => {
    for (const section of model.sections) expect(md).toContain(`\n## ${section.heading}\n`);
    expect(md).toContain('\n**1.** Cybersecurity needs every stakeholder at the table.\n');
    expect(md).toContain(`\n**2.** Trust grows through dialogue. ${SAMPLE_ACCENTS}[^1]\n`);
    expect(md).toContain(`\n**3.** ${SAMPLE_ARABIC}[^2]\n`);
    expect(md).toContain(`\n**4.** Dialogue in many languages: ${SAMPLE_CHINESE}.\n`);
    for (const note of model.notes) expect(md).toContain(`\n[^${note.number}]: ${note.text}\n`);
    // No ordered list that a renderer could renumber.
    expect(md).not.toMatch(/^\d+\. /m);
  });

  it('renders every annex', () => {
    const { annexA, annexB, annexC, annexD } = model;
    if (!annexA || !annexB || !annexC || !annexD) throw new Error('sample has all annexes');
    for (const title of [annexA.title, annexB.title, annexC.title, annexD.title]) expect(md).toContain(`\n## ${title}\n`);
    expect(md).toContain('| Paragraph | Government | Civil society | Academia | Total |\n| --- | --- | --- | --- | --- |\n| 2 | 1 | 2 | 0 | 3 |');
    expect(md).toContain('| **Total** | **1** | **2** | **1** | **4** |');
    expect(md).toContain('\n### Paragraph 2 (3 contributions)\n');
    expect(md).toContain('\n#### Civil society (2)\n');
    expect(md).toContain('- **Amina Diallo** (Suggested edit)\\\n  Say who sits at the table.\\\n  Proposed text: Trust grows through open, regular dialogue.');
    expect(md).toContain('Quoted: “Trust grows”');
    expect(md).toContain(`${SAMPLE_CHINESE} ${SAMPLE_ARABIC}`);
    expect(md).toContain('| CS-0001 | — | Case study | Civil society | Accepted | Included as an example. | 2 |');
    expect(md).toContain('| C-0003 | 2 | Comment | Civil society | Noted |  |  |');
    expect(md).toContain('\n### A national CERT opens its door to civil society\n');
    expect(md).toContain('**The closed door:** Incident responders and activists did not talk.');
    expect(md).toContain(`**Lessons:** Start small. ${SAMPLE_ACCENTS}`);
    expect(md).toContain('- <https://example.org/cert-dialogue>');
    expect(md).toContain('- Ministry of Digital Affairs (verified)');
    expect(md).toContain('- Amina Diallo, Open Net Africa (self-declared)');
    expect(md).toContain('- Li Wei, 清华大学 (verified)');
    expect(md).toContain('\n1 more contributor chose not to be named.\n');
  });

  it('shows the script sample as text', () => {
    expect(md).toContain('\\<script\\>alert("x")\\</script\\>');
    expect(md).not.toMatch(/(^|[^\\])<\/?script/im);
  });

  it('escapes pipes and line breaks in table cells', () => {
    const out = renderMarkdown(
      sampleModel({
        annexB: { title: 'B', note: null, table: { header: ['a|b', 'c'], rows: [['x\ny', '- z']], footer: null } },
      }),
    );
    expect(out).toContain('| a\\|b | c |\n| --- | --- |\n| x<br>y | - z |');
  });

  it('keeps user text out of markup', () => {
    const out = renderMarkdown(
      sampleModel({
        sections: [
          {
            heading: 'H # [x](javascript:alert(1))',
            paragraphs: [{ number: 7, key: 'k', text: 'one\n# two\n- three\n    four\n---', noteNumber: null }],
          },
        ],
        notes: [],
      }),
    );
    expect(out).toContain('## H \\# \\[x\\](javascript:alert(1))\n');
    expect(out).toContain('**7.** one\\\n\\# two\\\n\\- three\\\nfour\\\n\\---\n');
  });

  it('leaves out null annexes entirely', () => {
    const out = renderMarkdown(sampleModel({ annexA: null, annexB: null, annexC: null, annexD: null }));
    expect(out).not.toContain('Annex');
    expect(out).toContain(SAMPLE_ARABIC);
  });

  it('puts the timestamp in the front matter only and is deterministic', () => {
    expect(md.split(model.generatedAt)).toHaveLength(2);
    expect(renderMarkdown(sampleModel())).toBe(md);
    expect(md.endsWith('\n')).toBe(true);
    expect(md.endsWith('\n\n')).toBe(false);
  });

  it('uses the plural for several unnamed contributors and omits the sentence for none', () => {
    const annexD = sampleModel().annexD;
    if (!annexD) throw new Error('sample has annex D');
    const out = renderMarkdown(
      sampleModel({ annexD: { ...annexD, groups: [{ heading: 'G', people: [{ name: 'Named Person', organisation: null, verified: true }], unnamedCount: 4 }, { heading: 'H', people: [], unnamedCount: 0 }] } }),
    );
    expect(out).toContain('4 more contributors chose not to be named.');
    expect(out).not.toContain('0 more');
  });
});
