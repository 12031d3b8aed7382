import JSZip from 'jszip';
import { renderDocx } from './docx';
import { SAMPLE_ACCENTS, SAMPLE_ARABIC, SAMPLE_CHINESE, sampleModel } from './sample-model';
import type { ExportModel } from '../export-model';

async function part(buffer: Buffer, path: string): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  const file = zip.file(path);
  if (file === null) throw new Error(`${path} is missing from the DOCX`);
  return file.async('string');
}

async function documentXml(model: ExportModel): Promise<string> {
  return part(await renderDocx(model), 'word/document.xml');
}

/** The w:p elements of a part, each as its own XML string. */
function paragraphs(xml: string): string[] {
  return xml.match(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/gs) ?? [];
}

describe('renderDocx', () => {
  let xml: string;
  let buffer: Buffer;

  beforeAll(async () => {
    buffer = await renderDocx(sampleModel());
    xml = await part(buffer, 'word/document.xml');
  });

  it('writes the title page and the paragraph texts with their numbers', () => {
    const model = sampleModel();
    expect(xml).toContain(model.title.documentTitle);
    expect(xml).toContain(model.title.forum);
    expect(xml).toContain(model.title.consultationLine);
    expect(xml).toContain('Cybersecurity needs every stakeholder at the table.');
    expect(xml).toContain('Trust grows through dialogue.');
    expect(xml).toMatch(/<w:b\/>.*?<w:t xml:space="preserve">1\. <\/w:t>/s);
    expect(xml).toContain('<w:br w:type="page"/>');
  });

  it('writes Arabic right to left, and Chinese and accented text as is', () => {
    const arabic = paragraphs(xml).find((p) => p.includes(SAMPLE_ARABIC));
    expect(arabic).toBeDefined();
    expect(arabic).toContain('<w:bidi/>');
    expect(arabic).toContain('<w:rtl/>');
    expect(xml).toContain(SAMPLE_CHINESE);
    expect(xml).toContain(SAMPLE_ACCENTS);
    const latin = paragraphs(xml).find((p) => p.includes('Cybersecurity needs every stakeholder'));
    expect(latin).not.toContain('<w:bidi/>');
  });

  it('escapes markup in user text', () => {
    expect(xml).toContain('&lt;script&gt;');
    expect(xml).not.toContain('<script>');
  });

  it('marks section headings and annex titles as Heading 1', () => {
    const headings = paragraphs(xml)
      .filter((p) => p.includes('<w:pStyle w:val="Heading1"/>'))
      .map((p) => p.replace(/<[^>]+>/g, ''));
    expect(headings).toEqual([
      '1. Introduction',
      '2. Doors that opened',
      'Annex A. Synthesis of comments by stakeholder group',
      'Annex B. Disposition of every contribution',
      'Annex C. Accepted case studies',
      'Annex D. Contributors by stakeholder group',
    ]);
  });

  it('puts the notes of changed paragraphs in Word footnotes', async () => {
    expect(xml.match(/<w:footnoteReference w:id="\d+"\/>/g)).toHaveLength(2);
    const footnotes = await part(buffer, 'word/footnotes.xml');
    for (const note of sampleModel().notes) expect(footnotes).toContain(note.text);
  });

  it('writes the annexes', () => {
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toContain('Civil society');
    expect(xml).toContain('Ministry of Digital Affairs');
    expect(xml).toContain('“Trust grows”');
    expect(xml).toContain('Proposed text: Trust grows through open, regular dialogue.');
    expect(xml).toContain('C-0002');
    expect(xml).toContain('A national CERT opens its door to civil society');
    expect(xml).toContain('https://example.org/cert-dialogue');
    expect(xml).toContain('Amina Diallo, Open Net Africa (self-declared)');
    expect(xml).toContain('Li Wei, 清华大学 (verified)');
    expect(xml).toContain('1 more contributor chose not to be named.');
  });

  it('leaves out annexes that are null', async () => {
    const bare = await documentXml(sampleModel({ annexA: null, annexB: null, annexC: null, annexD: null }));
    expect(bare).toContain('Cybersecurity needs every stakeholder at the table.');
    expect(bare).not.toContain('Annex');
  });

  it('sets the document properties, dated when the export was generated', async () => {
    const core = await part(buffer, 'docProps/core.xml');
    expect(core).toContain('<dc:title>Creating spaces for multistakeholder dialogue in cybersecurity processes</dc:title>');
    expect(core).toContain('<dc:creator>Doorway</dc:creator>');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2016-11-20T09:30:00.000Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2016-11-20T09:30:00.000Z</dcterms:modified>');
  });

  it('renders the same model to the same document', async () => {
    const again = await renderDocx(sampleModel());
    expect(await part(again, 'word/document.xml')).toBe(xml);
    expect(await part(again, 'word/footnotes.xml')).toBe(await part(buffer, 'word/footnotes.xml'));
    expect(await part(again, 'docProps/core.xml')).toBe(await part(buffer, 'docProps/core.xml'));
  });

  it('sets the fonts of every script once, in the default style', async () => {
    const styles = await part(buffer, 'word/styles.xml');
    expect(styles).toMatch(/<w:rFonts [^>]*w:cs="Amiri"/);
    expect(styles).toMatch(/<w:rFonts [^>]*w:eastAsia="Noto Sans SC"/);
    expect(xml).not.toContain('<w:rFonts');
  });

  it('sets English as the default language, and each contribution keeps its own', async () => {
    const styles = await part(buffer, 'word/styles.xml');
    expect(styles).toMatch(/<w:docDefaults>.*<w:lang w:val="en"\/>.*<\/w:docDefaults>/s);
  });
});
