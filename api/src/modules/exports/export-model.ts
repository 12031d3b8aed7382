/**
 * Everything an export of one document version holds, already resolved to display text.
 *
 * The loader (export-loader.ts) builds it from the database in a fixed order; the four renderers
 * (render/docx.ts, render/pdf.ts, render/markdown.ts, render/html.ts) only lay it out. Keeping
 * every decision (labels, attribution, note wording, order) here is what makes the four formats
 * say the same thing, and two exports of one version identical apart from `generatedAt`.
 */

import { ANNEXES, EXPORT_FORMATS } from '@doorway/contracts';
import type { AnnexKey, ExportFormat } from '@doorway/contracts';

export type { AnnexKey, ExportFormat };
export { ANNEXES, EXPORT_FORMATS };

export function isAnnexKey(value: string): value is AnnexKey {
  return (ANNEXES as readonly string[]).includes(value);
}

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/**
 * Paged formats (DOCX, PDF) of a very large consultation print a digest: annex A keeps its
 * complete table of counts but prints, per paragraph and group, only the most endorsed comments;
 * annex B counts dispositions per paragraph. A 100,000-comment annex would be thousands of
 * pages that nobody reads, and more than pdfmake or docx can lay out within the export's time
 * and memory budget. Markdown and HTML always hold everything, as does the open data.
 */
export interface ExportDigest {
  /** Comments printed per paragraph and stakeholder group. */
  itemsPerGroup: number;
  /** Print each accepted case study in full (else its title and byline only). */
  caseStudyFields: boolean;
}

export interface ExportModel {
  /** ISO 8601; goes only into file metadata (document properties, <meta>, front matter). */
  generatedAt: string;
  /** Title page. */
  title: TitlePage;
  sections: ExportSection[];
  /**
   * The notes on changed paragraphs, numbered from 1 in reading order; a paragraph refers to
   * its note by `noteNumber`. Renderers show them as footnotes or endnotes.
   */
  notes: ExportNote[];
  annexA: SynthesisAnnex | null;
  annexB: DispositionAnnex | null;
  annexC: CaseStudyAnnex | null;
  annexD: ContributorsAnnex | null;
}

export interface TitlePage {
  forum: string;
  documentTitle: string;
  /** e.g. "Version 2: Revised after the open consultation". */
  versionLine: string;
  /** e.g. "Published 10 November 2016", or "Unpublished draft". */
  statusLine: string;
  /** e.g. "Consultation open 1 October 2016 to 28 October 2016"; null when no dates were set. */
  consultationLine: string | null;
  summary: string;
}

export interface ExportSection {
  /** e.g. "1. Introduction". */
  heading: string;
  paragraphs: ExportParagraph[];
}

export interface ExportParagraph {
  /** Numbered through the whole document from 1, as readers cite them. */
  number: number;
  key: string;
  text: string;
  /** Set when the paragraph changed in this version and a note explains what shaped it. */
  noteNumber: number | null;
}

export interface ExportNote {
  number: number;
  paragraphNumber: number;
  /** One or two plain sentences, e.g. "Changed in version 2 after 3 contributions (Government 1, ...)". */
  text: string;
}

/** A heading row plus body rows of plain text cells; the first column is the row label. */
export interface ExportTable {
  header: string[];
  rows: string[][];
  /** A closing totals row, when the table has one. */
  footer: string[] | null;
}

export interface SynthesisAnnex {
  title: string;
  /** Set for a digest (see ExportDigest): what is printed in full and where the rest is. */
  note: string | null;
  /** Paragraphs against stakeholder groups: counts of comments, replies and suggestions. */
  table: ExportTable;
  paragraphs: SynthesisParagraph[];
}

export interface SynthesisParagraph {
  /** e.g. "Paragraph 12 (2 comments)". */
  heading: string;
  groups: SynthesisGroup[];
}

export interface SynthesisGroup {
  /** e.g. "Civil society (3)". */
  heading: string;
  items: SynthesisItem[];
  /** In a digest, the sentence that stands for the comments not printed; else null. */
  more: string | null;
}

export interface SynthesisItem {
  /** As the author chose to be shown: a name, an organisation, or "Anonymous". */
  author: string;
  /** e.g. "Comment", "Reply", "Suggested edit", "Intervention recorded by the rapporteur". */
  kind: string;
  /** The quoted passage, when the comment is anchored to one. */
  quote: string | null;
  body: string;
  /** BCP 47 tag of the language the author wrote in (body and proposed text). */
  language: string;
  /** For a suggested edit, the proposed text of the paragraph. */
  proposedText: string | null;
}

export interface DispositionAnnex {
  title: string;
  /** Set for a digest: the table then counts dispositions per paragraph instead of listing each. */
  note: string | null;
  /**
   * Columns: Reference, Paragraph, Kind, Group, Disposition, Note, Answered in version.
   * One row per contribution and per case study, in a fixed order.
   */
  table: ExportTable;
}

export interface CaseStudyAnnex {
  title: string;
  /** Set for a digest that lists the case studies by title and byline only. */
  note: string | null;
  caseStudies: ExportCaseStudy[];
}

export interface ExportCaseStudy {
  title: string;
  /** BCP 47 tag of the language the story is written in (title and fields). */
  language: string;
  /** e.g. "Submitted by Jane Doe (Civil society) · Africa · 2014–2016 · Capacity building". */
  byline: string;
  /** Ordered label/text pairs: "The closed door", "What opened it", "Outcome", "Lessons". */
  fields: { label: string; text: string }[];
  links: string[];
}

export interface ContributorsAnnex {
  title: string;
  /** One sentence on what is listed: consent, verification. */
  explanation: string;
  groups: ContributorGroup[];
}

export interface ContributorGroup {
  /** e.g. "Government (4 contributors)". */
  heading: string;
  /** Named contributors, sorted; each marked verified or self-declared. */
  people: { name: string; organisation: string | null; verified: boolean }[];
  /** Contributors from this group who did not consent to be named. */
  unnamedCount: number;
}
