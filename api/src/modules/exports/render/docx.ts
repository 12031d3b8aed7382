import {
  BorderStyle,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { IBorderOptions, IContext, IXmlableObject, ParagraphChild } from 'docx';
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
import { EXPORT_LANGUAGE, unnamedSentence } from './wording';

/** A top-level block of a section: docx sections hold paragraphs and tables side by side. */
type Block = Paragraph | Table;

/**
 * Fonts for every script the export can hold, set once in the default style (not per run, which
 * would cost a w:rFonts element on each of up to hundreds of thousands of runs). Named, never
 * embedded: Word and LibreOffice substitute when a font is missing.
 */
const FONTS = { ascii: 'Noto Sans', hAnsi: 'Noto Sans', cs: 'Amiri', eastAsia: 'Noto Sans SC' };

const BORDER: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
const TABLE_BORDERS = {
  top: BORDER,
  bottom: BORDER,
  left: BORDER,
  right: BORDER,
  insideHorizontal: BORDER,
  insideVertical: BORDER,
};

/** Indent of a proposed text under its synthesis item, in twips (half an inch). */
const PROPOSED_TEXT_INDENT = 720;

/** The emphasis of a run; direction is worked out from the text. */
interface RunStyle {
  bold?: boolean;
  italics?: boolean;
}

function isRtl(text: string): boolean {
  return textDirection(text) === 'rtl';
}

/** A run of user text; right-to-left runs carry w:rtl so Word shapes and orders them correctly. */
function run(text: string, style: RunStyle = {}, rtl = isRtl(text), language?: string): TextRun {
  return new TextRun({
    text,
    ...style,
    ...(rtl ? { rightToLeft: true } : {}),
    // Word picks spelling and hyphenation by the run's language; the author's words carry theirs.
    ...(language ? { language: rtl ? { value: language, bidirectional: language } : { value: language } } : {}),
  });
}

/**
 * A body paragraph whose base direction follows its own text (the first strong character), so an
 * Arabic paragraph reads right to left even inside an English document.
 */
function textParagraph(text: string, style: RunStyle = {}): Paragraph {
  const rtl = isRtl(text);
  return new Paragraph({ children: [run(text, style, rtl)], ...(rtl ? { bidirectional: true } : {}) });
}

function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel], pageBreakBefore = false): Paragraph {
  const rtl = isRtl(text);
  return new Paragraph({
    heading: level,
    children: [run(text, {}, rtl)],
    ...(rtl ? { bidirectional: true } : {}),
    ...(pageBreakBefore ? { pageBreakBefore: true } : {}),
  });
}

function titlePage(title: TitlePage): Paragraph[] {
  const lines = [title.versionLine, title.statusLine, ...(title.consultationLine === null ? [] : [title.consultationLine])];
  return [
    textParagraph(title.forum),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [run(title.documentTitle)] }),
    ...lines.map((line) => textParagraph(line)),
    textParagraph(title.summary),
    new Paragraph({ children: [new PageBreak()] }),
  ];
}

/**
 * A numbered paragraph: the number is a visible bold run (readers cite it), not a Word list,
 * whose numbers would be recomputed and could drift from the ones in the other formats.
 */
function numberedParagraph(paragraph: ExportParagraph): Paragraph {
  const rtl = isRtl(paragraph.text);
  const children: ParagraphChild[] = [run(`${paragraph.number}. `, { bold: true }, rtl), run(paragraph.text, {}, rtl)];
  if (paragraph.noteNumber !== null) children.push(new FootnoteReferenceRun(paragraph.noteNumber));
  return new Paragraph({ children, ...(rtl ? { bidirectional: true } : {}) });
}

function body(model: ExportModel): Block[] {
  return model.sections.flatMap((section) => [
    heading(section.heading, HeadingLevel.HEADING_1),
    ...section.paragraphs.map(numberedParagraph),
  ]);
}

/** Footnotes keyed by note number, the id each FootnoteReferenceRun points at. */
function footnotes(model: ExportModel): Record<string, { children: Paragraph[] }> {
  const notes: Record<string, { children: Paragraph[] }> = {};
  for (const note of model.notes) notes[String(note.number)] = { children: [textParagraph(note.text)] };
  return notes;
}

/**
 * The paragraphs of a table's cells, by boldness and text. Cells with the same text share one
 * Paragraph: a disposition table repeats its kinds, groups and dispositions over up to 100,000
 * rows, and a plain-text paragraph writes the same XML wherever it stands (docx rewrites a
 * paragraph while writing it only when it holds a hyperlink, which cells never do).
 */
type CellParagraphs = Map<string, Paragraph>;

function cellParagraph(text: string, bold: boolean, shared: CellParagraphs): Paragraph {
  const key = `${bold ? 'b' : 'r'}${text}`;
  let paragraph = shared.get(key);
  if (paragraph === undefined) {
    paragraph = textParagraph(text, bold ? { bold: true } : {});
    shared.set(key, paragraph);
  }
  return paragraph;
}

function tableRow(cells: string[], shared: CellParagraphs, options: { bold?: boolean; header?: boolean } = {}): TableRow {
  return new TableRow({
    ...(options.header ? { tableHeader: true } : {}),
    children: cells.map((cell) => new TableCell({ children: [cellParagraph(cell, options.bold === true, shared)] })),
  });
}

function table(data: ExportTable): Table {
  const shared: CellParagraphs = new Map();
  const rows = [
    tableRow(data.header, shared, { bold: true, header: true }),
    ...data.rows.map((cells) => tableRow(cells, shared)),
  ];
  if (data.footer !== null) rows.push(tableRow(data.footer, shared, { bold: true }));
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders: TABLE_BORDERS, rows });
}

/**
 * One synthesis item as a single paragraph of at most four runs (this annex can hold 100,000
 * items, and each docx object costs memory until the file is packed).
 */
function synthesisItem(item: SynthesisItem): Paragraph[] {
  const rtl = isRtl(item.body);
  const children: TextRun[] = [];
  if (item.quote !== null) children.push(run(`“${item.quote}” `, { italics: true }, rtl));
  children.push(run(item.author, { bold: true }, rtl), run(` — ${item.kind}: `, {}, rtl), run(item.body, {}, rtl, item.language));
  const paragraphs = [new Paragraph({ children, ...(rtl ? { bidirectional: true } : {}) })];
  if (item.proposedText !== null) {
    const text = `Proposed text: ${item.proposedText}`;
    const proposedRtl = isRtl(item.proposedText);
    paragraphs.push(
      new Paragraph({
        indent: { start: PROPOSED_TEXT_INDENT },
        children: [run(text, {}, proposedRtl)],
        ...(proposedRtl ? { bidirectional: true } : {}),
      }),
    );
  }
  return paragraphs;
}

function annexA(annex: SynthesisAnnex): Block[] {
  return [
    heading(annex.title, HeadingLevel.HEADING_1, true),
    ...(annex.note ? [textParagraph(annex.note, { italics: true })] : []),
    table(annex.table),
    ...annex.paragraphs.flatMap((paragraph) => [
      heading(paragraph.heading, HeadingLevel.HEADING_2),
      ...paragraph.groups.flatMap((group) => [
        heading(group.heading, HeadingLevel.HEADING_3),
        ...group.items.flatMap(synthesisItem),
        ...(group.more ? [textParagraph(group.more, { italics: true })] : []),
      ]),
    ]),
  ];
}

function annexB(annex: DispositionAnnex): Block[] {
  return [
    heading(annex.title, HeadingLevel.HEADING_1, true),
    ...(annex.note ? [textParagraph(annex.note, { italics: true })] : []),
    table(annex.table),
  ];
}

function annexC(annex: CaseStudyAnnex): Block[] {
  return [
    heading(annex.title, HeadingLevel.HEADING_1, true),
    ...(annex.note ? [textParagraph(annex.note, { italics: true })] : []),
    ...annex.caseStudies.flatMap((study) => [
      heading(study.title, HeadingLevel.HEADING_2),
      textParagraph(study.byline, { italics: true }),
      ...study.fields.flatMap((field) => [textParagraph(field.label, { bold: true }), textParagraph(field.text)]),
      ...study.links.map((link) => textParagraph(link)),
    ]),
  ];
}

function person(entry: ContributorGroup['people'][number]): string {
  const who = entry.organisation === null ? entry.name : `${entry.name}, ${entry.organisation}`;
  return `${who} ${entry.verified ? '(verified)' : '(self-declared)'}`;
}


function unnamedParagraph(count: number, someNamed: boolean): Paragraph[] {
  const sentence = unnamedSentence(count, someNamed);
  return sentence ? [textParagraph(sentence)] : [];
}

function annexD(annex: ContributorsAnnex): Block[] {
  return [
    heading(annex.title, HeadingLevel.HEADING_1, true),
    textParagraph(annex.explanation),
    ...annex.groups.flatMap((group) => [
      heading(group.heading, HeadingLevel.HEADING_2),
      ...group.people.map((entry) => textParagraph(person(entry))),
      ...unnamedParagraph(group.unnamedCount, group.people.length > 0),
    ]),
  ];
}

function annexes(model: ExportModel): Block[] {
  return [
    ...(model.annexA === null ? [] : annexA(model.annexA)),
    ...(model.annexB === null ? [] : annexB(model.annexB)),
    ...(model.annexC === null ? [] : annexC(model.annexC)),
    ...(model.annexD === null ? [] : annexD(model.annexD)),
  ];
}

/**
 * Puts `timestamp` into the dcterms:created and dcterms:modified elements of the prepared core
 * properties, in place of the packing time docx writes.
 */
function withTimestamp(prepared: IXmlableObject | undefined, timestamp: string): IXmlableObject | undefined {
  const root: unknown = prepared?.['cp:coreProperties'];
  if (!Array.isArray(root)) return prepared;
  for (const element of root as unknown[]) {
    if (typeof element !== 'object' || element === null) continue;
    for (const name of ['dcterms:created', 'dcterms:modified']) {
      const content: unknown = (element as Record<string, unknown>)[name];
      if (!Array.isArray(content)) continue;
      (element as Record<string, unknown>)[name] = content.map((part: unknown) => (typeof part === 'string' ? timestamp : part));
    }
  }
  return prepared;
}

/**
 * docx 9.15 has no created/modified option and stamps `new Date()` at construction, so the export
 * would change on every render; this makes the core properties say when the export was generated.
 */
function stampCoreProperties(doc: Document, generatedAt: string): void {
  const timestamp = new Date(generatedAt).toISOString();
  const core = doc.CoreProperties;
  const prepare = core.prepForXml.bind(core);
  core.prepForXml = (context: IContext): IXmlableObject | undefined => withTimestamp(prepare(context), timestamp);
}

/** Renders the export as a Word document. */
export async function renderDocx(model: ExportModel): Promise<Buffer> {
  const doc = new Document({
    title: model.title.documentTitle,
    creator: 'Doorway',
    styles: { default: { document: { run: { font: FONTS, language: { value: EXPORT_LANGUAGE } } } } },
    footnotes: footnotes(model),
    sections: [{ children: [...titlePage(model.title), ...body(model), ...annexes(model)] }],
  });
  stampCoreProperties(doc, model.generatedAt);
  return Packer.toBuffer(doc);
}
