import { execFile } from 'child_process';
import { mkdtemp, rm, writeFile } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { renderPdf } from './pdf';
import { scriptRuns } from './pdf-fonts';
import { SAMPLE_ACCENTS, SAMPLE_ARABIC, SAMPLE_CHINESE, SAMPLE_SCRIPT, sampleModel } from './sample-model';
import type { ExportModel } from '../export-model';

const run = promisify(execFile);

/** Bidi controls pdftotext wraps around RTL lines (RLE/PDF, LRM/RLM, isolates). */
const BIDI_CONTROLS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** NFKC folds Arabic presentation forms back to letters; whitespace differs with wrapping. */
function normalise(text: string): string {
  return text.normalize('NFKC').replace(BIDI_CONTROLS, '').replace(/\s+/gu, ' ').trim();
}

async function pdfToText(pdf: Buffer, dir: string, name: string): Promise<string> {
  const file = join(dir, `${name}.pdf`);
  await writeFile(file, pdf);
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return stdout;
}

async function requirePoppler(): Promise<void> {
  for (const tool of ['pdftotext', 'pdffonts']) {
    try {
      await run(tool, ['-v']);
    } catch {
      throw new Error(`${tool} (poppler-utils) is required by the PDF export tests: install poppler-utils`);
    }
  }
}

describe('renderPdf', () => {
  let dir: string;
  let text: string;
  let flat: string;

  beforeAll(async () => {
    await requirePoppler();
    dir = await mkdtemp(join(tmpdir(), 'doorway-pdf-'));
    text = await pdfToText(await renderPdf(sampleModel()), dir, 'sample');
    flat = normalise(text);
  }, 60_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('prints the title page, every paragraph and the notes', () => {
    const model = sampleModel();
    expect(flat).toContain(normalise(model.title.documentTitle));
    expect(flat).toContain(model.title.versionLine);
    for (const paragraph of model.sections.flatMap((section) => section.paragraphs)) {
      if (paragraph.text === SAMPLE_ARABIC) continue; // checked by its skeleton below
      expect(flat).toContain(normalise(paragraph.text));
    }
    expect(flat).toContain('Notes');
    expect(flat).toContain(normalise(model.notes[0].text));
  });

  it('keeps Chinese, accented Latin and markup-like text as literal text', () => {
    expect(flat).toContain(SAMPLE_CHINESE);
    expect(flat).toContain(normalise(SAMPLE_ACCENTS));
    expect(flat).toContain(SAMPLE_SCRIPT);
  });

  it('gives back the Arabic sentence in logical order', () => {
    expect(normalise(text)).toContain(SAMPLE_ARABIC);
    // The check can fail: the same words in left-to-right order are not found.
    const reversed = SAMPLE_ARABIC.split(' ').reverse().join(' ');
    expect(normalise(text)).not.toContain(reversed);
  });

  it('prints the annexes that exist', () => {
    expect(flat).toContain('Annex A');
    expect(flat).toContain('Annex B');
    expect(flat).toContain('Annex C');
    expect(flat).toContain('Annex D');
    expect(flat).toContain('1 more contributor chose not to be named.');
    expect(flat).toContain('https://example.org/cert-dialogue');
  });

  it('embeds the three Noto fonts', async () => {
    const file = join(dir, 'sample.pdf');
    const { stdout } = await run('pdffonts', [file]);
    const rows = stdout.split('\n').slice(2).filter((row) => row.trim() !== '');
    for (const font of ['NotoSans-Regular', 'Amiri-Regular', 'NotoSansSC-Regular']) {
      const row = rows.find((line) => line.includes(font));
      expect(row).toBeDefined();
      // Columns: name type encoding emb sub uni object-ID (two numbers): emb is 5th from the end.
      expect(row?.trim().split(/\s+/u).slice(-5)[0]).toBe('yes');
    }
  });

  it('declares the document language in the catalog, for screen readers', async () => {
    // pdfkit writes the catalog uncompressed: /Lang is a plain PDF string there.
    const pdf = (await renderPdf(sampleModel())).toString('latin1');
    expect(pdf).toMatch(/\/Lang \(en\)/);
  });

  it('renders the same model to the same text twice', async () => {
    const again = await pdfToText(await renderPdf(sampleModel()), dir, 'again');
    expect(again).toBe(text);
  }, 60_000);

  it('prints no annex when all are null', async () => {
    const model: ExportModel = sampleModel({ annexA: null, annexB: null, annexC: null, annexD: null });
    const bare = await pdfToText(await renderPdf(model), dir, 'bare');
    expect(bare).not.toContain('Annex');
    expect(bare).toContain('Notes');
  }, 60_000);
});

describe('scriptRuns', () => {
  it('keeps plain Latin, accents included, as one Noto Sans run', () => {
    expect(scriptRuns('Façade, naïve')).toEqual([{ text: 'Façade, naïve', font: 'NotoSans' }]);
  });

  it('keeps an Arabic sentence, spaces included, as one Arabic run', () => {
    expect(scriptRuns(SAMPLE_ARABIC)).toEqual([{ text: SAMPLE_ARABIC, font: 'Amiri' }]);
  });

  it('gives the space between two scripts to Noto Sans', () => {
    expect(scriptRuns(`${SAMPLE_CHINESE} الحوار.`)).toEqual([
      { text: SAMPLE_CHINESE, font: 'NotoSansSC' },
      { text: ' ', font: 'NotoSans' },
      { text: 'الحوار', font: 'Amiri' },
      { text: '.', font: 'NotoSans' },
    ]);
  });

  it('sends CJK punctuation, kana and hangul to Noto Sans SC', () => {
    expect(scriptRuns('Hi 你好。カナ한글!')).toEqual([
      { text: 'Hi ', font: 'NotoSans' },
      { text: '你好。カナ한글', font: 'NotoSansSC' },
      { text: '!', font: 'NotoSans' },
    ]);
  });

  it('returns no run for empty text', () => {
    expect(scriptRuns('')).toEqual([]);
  });
});
