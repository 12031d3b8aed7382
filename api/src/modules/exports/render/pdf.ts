import PDFDocument from 'pdfkit';
import type { Content, ContentText, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type {
  CaseStudyAnnex,
  ContributorGroup,
  ContributorsAnnex,
  DispositionAnnex,
  ExportModel,
  ExportParagraph,
  ExportTable,
  SynthesisAnnex,
  SynthesisItem,
  TitlePage,
} from '../export-model';
import { textDirection } from '../text-direction';
import { PDF_FONT_FILES, PDF_FONT_PATHS, PDF_FONTS, scriptRuns, type PdfFont, type ScriptRun } from './pdf-fonts';
// pdfmake exports an instance whose methods live on its prototype: `import * as` would copy
// only own properties, so it is imported as the plain CommonJS value.
import pdfmake = require('pdfmake');
import { EXPORT_LANGUAGE, unnamedSentence } from './wording';

/** A4 portrait in points, and the margins: the RTL line breaker needs the text width. */
const PAGE_WIDTH = 595.28;
const MARGIN = 60;
const GUTTER = 28;
const BODY_SIZE = 10.5;
const BODY_WIDTH = PAGE_WIDTH - 2 * MARGIN - GUTTER;
const SUMMARY_SIZE = 12;
/** Slack so pdfmake, which measures the same glyphs, never wraps a line we already broke. */
const LINE_SLACK = 2;

type Inline = ContentText & { text: string };

/** Renders the export as a PDF: the same model always gives the same text. */
export async function renderPdf(model: ExportModel): Promise<Buffer> {
  // Fonts are global on the pdfmake singleton; setting them each time is cheap and idempotent.
  pdfmake.setFonts(PDF_FONTS);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => PDF_FONT_PATHS.has(path));
  return pdfmake.createPdf(documentDefinition(model)).getBuffer();
}

function documentDefinition(model: ExportModel): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    // The catalog's /Lang, read by screen readers; pdfmake cannot tag a passage with its own language.
    language: EXPORT_LANGUAGE,
    pageMargins: [MARGIN, MARGIN, MARGIN, MARGIN],
    info: {
      title: model.title.documentTitle,
      subject: model.title.forum,
      creator: 'Doorway',
      producer: 'Doorway',
      creationDate: new Date(model.generatedAt),
    },
    footer: (page, count) => ({ text: `${page} / ${count}`, alignment: 'center', fontSize: 8, color: '#555555' }),
    defaultStyle: { font: 'NotoSans', fontSize: BODY_SIZE, lineHeight: 1.25 },
    styles: {
      forum: { fontSize: 12, color: '#444444', margin: [0, 120, 0, 12] },
      title: { fontSize: 24, bold: true, margin: [0, 0, 0, 18] },
      titleLine: { fontSize: 11, margin: [0, 0, 0, 4] },
      summary: { fontSize: SUMMARY_SIZE, margin: [0, 24, 0, 0] },
      h1: { fontSize: 16, bold: true, margin: [0, 16, 0, 8] },
      h2: { fontSize: 13, bold: true, margin: [0, 12, 0, 6] },
      h3: { fontSize: 11, bold: true, margin: [0, 8, 0, 4] },
      paragraph: { margin: [0, 0, 0, 8] },
      table: { fontSize: 8, margin: [0, 4, 0, 12] },
      tableHeader: { bold: true, fillColor: '#eeeeee' },
    },
    content: [
      titlePage(model.title),
      ...model.sections.flatMap((section, i) => [
        heading(section.heading, 'h1', i === 0),
        ...section.paragraphs.map(numberedParagraph),
      ]),
      ...notes(model),
      ...(model.annexA ? annexA(model.annexA) : []),
      ...(model.annexB ? annexB(model.annexB) : []),
      ...(model.annexC ? annexC(model.annexC) : []),
      ...(model.annexD ? annexD(model.annexD) : []),
    ],
  };
}

// ---- Text: script runs and right-to-left order -------------------------------------------

const ARABIC_FONT: PdfFont = 'Amiri';

/**
 * Inline runs for text laid out by pdfmake (left to right). fontkit shapes an Arabic word and
 * draws its glyphs right to left, but pdfmake places words left to right: so the words of each
 * Arabic run are given in reverse, each space as its own Noto Sans run (inside an Arabic run the
 * trailing space would be drawn on the word's left and glue it to its neighbour).
 */
export function inlineRuns(text: string): Inline[] {
  return scriptRuns(text).flatMap((run) => (run.font === ARABIC_FONT ? reversedWords(run.text) : [inline(run)]));
}

function inline(run: ScriptRun): Inline {
  return { text: run.text, font: run.font };
}

function reversedWords(text: string): Inline[] {
  const words = text.split(/(\s+)/u).filter((part) => part !== '');
  return words.reverse().map((part) => ({ text: part, font: /^\s+$/u.test(part) ? 'NotoSans' : ARABIC_FONT }));
}

/** One paragraph of user text: RTL text gets its own line breaking, LTR text pdfmake's. */
function textBlock(text: string, width: number, fontSize: number, extra: Inline[] = []): Content {
  if (textDirection(text) === 'rtl') return { stack: rtlLines(text, width, fontSize, extra) };
  return { text: [...inlineRuns(text), ...extra] };
}

/**
 * Right-to-left paragraphs. pdfmake only knows left-to-right lines, so we break the lines
 * ourselves in logical order (measuring with the same fonts), then lay each line out in visual
 * order and right-align it. Reversing words before pdfmake's own wrapping would put the end of
 * the sentence on the first line. `extra` (the note mark) goes at the end, i.e. the far left.
 */
function rtlLines(text: string, width: number, fontSize: number, extra: Inline[]): Content[] {
  const words = text.split(/\s+/u).filter((word) => word !== '');
  const lines = breakLines(words, width - LINE_SLACK, fontSize);
  return lines.map((line, i) => {
    const visual = visualOrder(line);
    const runs = visual.flatMap((word, j) => [...(j > 0 ? [space()] : []), ...wordRuns(word)]);
    const last = i === lines.length - 1;
    return { text: last ? [...extra, ...runs] : runs, alignment: 'right', noWrap: true };
  });
}

function space(): Inline {
  return { text: ' ', font: 'NotoSans' };
}

/** Greedy line breaking on spaces; a word longer than the line gets a line of its own. */
function breakLines(words: string[], width: number, fontSize: number): string[][] {
  const lines: string[][] = [];
  let current: string[] = [];
  let used = 0;
  const spaceWidth = measure({ text: ' ', font: 'NotoSans' }, fontSize);
  for (const word of words) {
    const wordWidth = scriptRuns(word).reduce((sum, run) => sum + measure(run, fontSize), 0);
    if (current.length > 0 && used + spaceWidth + wordWidth > width) {
      lines.push(current);
      current = [];
      used = 0;
    }
    used += (current.length > 0 ? spaceWidth : 0) + wordWidth;
    current.push(word);
  }
  if (current.length > 0) lines.push(current);
  return lines;
}

/**
 * Visual order of one RTL line: words run right to left, except that a sequence of left-to-right
 * words (Latin, CJK, numbers) keeps its own order, as the bidi algorithm would show it.
 */
function visualOrder(line: string[]): string[] {
  const groups: string[][] = [];
  for (const word of line) {
    const last = groups[groups.length - 1];
    if (isLtrWord(word) && last && isLtrWord(last[last.length - 1])) last.push(word);
    else groups.push([word]);
  }
  return groups.reverse().flat();
}

function isLtrWord(word: string): boolean {
  return textDirection(word) === 'ltr' && /[\p{L}\p{N}]/u.test(word);
}

/** Runs of one word; in an RTL word the runs (e.g. a trailing full stop) go right to left. */
function wordRuns(word: string): Inline[] {
  const runs = scriptRuns(word).map(inline);
  return isLtrWord(word) ? runs : runs.reverse();
}

/** A pdfkit document used only to measure shaped text with the very fonts pdfmake embeds. */
let measurer: PDFKit.PDFDocument | null = null;

const REGULAR_FILE: Record<PdfFont, string> = {
  NotoSans: PDF_FONT_FILES.sansRegular,
  Amiri: PDF_FONT_FILES.arabicRegular,
  NotoSansSC: PDF_FONT_FILES.cjkRegular,
};

function measure(run: ScriptRun, fontSize: number): number {
  measurer ??= new PDFDocument({ autoFirstPage: false });
  return measurer.font(REGULAR_FILE[run.font]).fontSize(fontSize).widthOfString(run.text);
}

// ---- Title page, body and notes ---------------------------------------------------------

function titlePage(title: TitlePage): Content {
  const lines = [title.versionLine, title.statusLine, title.consultationLine].filter(
    (line): line is string => line !== null,
  );
  return {
    stack: [
      { text: inlineRuns(title.forum), style: 'forum' },
      { text: inlineRuns(title.documentTitle), style: 'title' },
      ...lines.map((line): Content => ({ text: inlineRuns(line), style: 'titleLine' })),
      { stack: [textBlock(title.summary, PAGE_WIDTH - 2 * MARGIN, SUMMARY_SIZE)], style: 'summary' },
    ],
  };
}

/** Headings start a new page when asked (the first section, each annex). */
function heading(text: string, style: 'h1' | 'h2' | 'h3', newPage = false): Content {
  const node: Content = { text: inlineRuns(text), style };
  return newPage ? { ...node, pageBreak: 'before' } : node;
}

/** The number sits in a left gutter, where readers look for it to cite the paragraph. */
function numberedParagraph(paragraph: ExportParagraph): Content {
  const mark: Inline[] =
    paragraph.noteNumber === null ? [] : [{ text: String(paragraph.noteNumber), sup: true, font: 'NotoSans' }];
  return {
    columns: [
      { width: GUTTER, text: String(paragraph.number), color: '#666666' },
      { width: '*', stack: [textBlock(paragraph.text, BODY_WIDTH, BODY_SIZE, mark)] },
    ],
    columnGap: 0,
    style: 'paragraph',
  };
}

/** pdfmake has no footnotes: notes are endnotes after the body, numbered as in the text. */
function notes(model: ExportModel): Content[] {
  if (model.notes.length === 0) return [];
  return [
    heading('Notes', 'h1'),
    ...model.notes.map(
      (note): Content => ({
        text: [{ text: `${note.number}. `, bold: true }, `Paragraph ${note.paragraphNumber}: `, ...inlineRuns(note.text)],
        style: 'paragraph',
      }),
    ),
  ];
}

// ---- Annexes ------------------------------------------------------------------------------

function table(data: ExportTable, widths: (number | string)[]): Content {
  const cell = (text: string, bold = false): ContentText => ({ text: inlineRuns(text), bold });
  const body: TableCell[][] = [
    data.header.map((text) => ({ ...cell(text, true), style: 'tableHeader' })),
    ...data.rows.map((row) => row.map((text) => cell(text))),
    ...(data.footer ? [data.footer.map((text) => cell(text, true))] : []),
  ];
  return { table: { headerRows: 1, widths, body, dontBreakRows: true }, style: 'table' };
}

function annexA(annex: SynthesisAnnex): Content[] {
  const widths = annex.table.header.map((_, i) => (i === 0 ? 'auto' : '*'));
  return [
    heading(annex.title, 'h1', true),
    ...note(annex.note),
    table(annex.table, widths),
    ...annex.paragraphs.flatMap((paragraph) => [
      heading(paragraph.heading, 'h2'),
      ...paragraph.groups.flatMap((group) => [heading(group.heading, 'h3'), ...group.items.map(synthesisItem), ...note(group.more)]),
    ]),
  ];
}

/** One text block per contribution, so a long annex stays one flowing list. */
function synthesisItem(item: SynthesisItem): Content {
  const quote: Content[] = item.quote === null ? [] : [{ text: ['“', ...inlineRuns(item.quote), '” '], italics: true }];
  const proposed: Content[] =
    item.proposedText === null ? [] : ['\nProposed text: ', { text: inlineRuns(item.proposedText), italics: true }];
  return {
    text: [
      { text: inlineRuns(item.author), bold: true },
      ` — ${item.kind}: `,
      ...quote,
      ...inlineRuns(item.body),
      ...proposed,
    ],
    style: 'paragraph',
  };
}

/** An italic remark of the annex itself (a digest's explanation), when there is one. */
function note(text: string | null): Content[] {
  return text === null ? [] : [{ text: inlineRuns(text), italics: true, style: 'paragraph' }];
}

/**
 * The full table has seven columns on A4 portrait: fixed narrow columns, the free-text note takes
 * the rest. A digest's table of counts shares the width evenly after the paragraph column.
 */
function annexB(annex: DispositionAnnex): Content[] {
  const widths = annex.note === null ? [46, 40, 52, 58, 58, '*', 44] : annex.table.header.map((_, i) => (i === 0 ? 'auto' : '*'));
  return [heading(annex.title, 'h1', true), ...note(annex.note), table(annex.table, widths)];
}

function annexC(annex: CaseStudyAnnex): Content[] {
  return [
    heading(annex.title, 'h1', true),
    ...note(annex.note),
    ...annex.caseStudies.flatMap((study) => [
      heading(study.title, 'h2'),
      { text: inlineRuns(study.byline), italics: true, style: 'paragraph' },
      ...study.fields.flatMap((field): Content[] => [
        heading(field.label, 'h3'),
        { stack: [textBlock(field.text, PAGE_WIDTH - 2 * MARGIN, BODY_SIZE)], style: 'paragraph' },
      ]),
      ...study.links.map((url): Content => ({ text: url, link: url, color: '#1a4f9c', decoration: 'underline' })),
    ]),
  ];
}

function annexD(annex: ContributorsAnnex): Content[] {
  return [
    heading(annex.title, 'h1', true),
    { text: inlineRuns(annex.explanation), style: 'paragraph' },
    ...annex.groups.flatMap((group) => [heading(group.heading, 'h3'), ...contributorLines(group)]),
  ];
}

function contributorLines(group: ContributorGroup): Content[] {
  const people = group.people.map((person): Content => {
    const who = person.organisation === null ? person.name : `${person.name}, ${person.organisation}`;
    return { text: inlineRuns(`${who} (${person.verified ? 'verified' : 'self-declared'})`) };
  });
  const unnamed = unnamedSentence(group.unnamedCount, group.people.length > 0);
  return unnamed === null ? people : [...people, { text: unnamed, italics: true }];
}

