import type { ContributorsAnnex, CaseStudyAnnex, ExportModel, ExportTable, SynthesisAnnex, SynthesisItem } from '../export-model';
import { unnamedSentence } from './wording';

/**
 * GitHub-flavoured Markdown of an export. Every piece of user text goes through escapeMarkdown,
 * so a comment can never turn into a heading, a link, raw HTML or a table row.
 */

// ASCII punctuation that starts or ends inline markup in CommonMark/GFM ($ is GitHub math).
const INLINE_SPECIAL = /[\\`*_{}[\]<>#|~$]/g;
// An entity reference ("&copy;", "&#60;") would be decoded, so its ampersand is escaped.
const ENTITY_START = /&(?=#?[0-9A-Za-z]+;)/g;
// Block markers that only count at the start of a line: list bullets, ordered list, setext.
const LINE_START_BULLET = /^([-+=])/;
const LINE_START_ORDERED = /^(\d{1,9})([.)])/;
const NEWLINE = /\r\n|\r|\n/;
// Fast path: most text has nothing to escape, and annex A can hold 100,000 comments.
const ANY_SPECIAL = /[\\`*_{}[\]<>#|~$&\r\n]|^\s|\s$/;
const ANY_LINE_START = /^(?:[-+=]|\d{1,9}[.)])/;

export interface EscapeOptions {
  /** Whether each line may start a block (paragraph, list item); false in headings and table cells. */
  lineStart?: boolean;
}

/**
 * Escapes user text so that a Markdown renderer shows it literally. Newlines are kept; leading
 * and trailing blanks of each line are dropped because they are significant in Markdown
 * (indented code, hard breaks).
 */
export function escapeMarkdown(text: string, options: EscapeOptions = {}): string {
  const lineStart = options.lineStart ?? true;
  if (!ANY_SPECIAL.test(text) && !(lineStart && ANY_LINE_START.test(text))) return text;
  return text
    .split(NEWLINE)
    .map((raw) => {
      let line = raw.trim().replace(INLINE_SPECIAL, '\\$&').replace(ENTITY_START, '\\&');
      if (lineStart) line = line.replace(LINE_START_BULLET, '\\$1').replace(LINE_START_ORDERED, '$1\\$2');
      return line;
    })
    .join('\n');
}

/** One line: for headings, bold runs and list entries, where a newline would end the block. */
function inline(text: string, lineStart = true): string {
  return escapeMarkdown(NEWLINE.test(text) ? text.replace(/\s*(?:\r\n|\r|\n)\s*/g, ' ') : text, { lineStart });
}

/** Several lines inside one block: user line breaks become hard breaks, blank lines are dropped. */
function block(text: string, indent = ''): string {
  const escaped = escapeMarkdown(text);
  if (!escaped.includes('\n')) return escaped;
  return escaped
    .split('\n')
    .filter((line) => line !== '')
    .join(`\\\n${indent}`);
}

function cell(text: string): string {
  // Inside a GFM table a row is one line, so line breaks become <br> (our markup, not the user's).
  return escapeMarkdown(text, { lineStart: false })
    .split('\n')
    .filter((line) => line !== '')
    .join('<br>');
}

/** A YAML double-quoted scalar; JSON string syntax is a subset of it. */
function yamlString(text: string): string {
  return JSON.stringify(text);
}

function pushTable(out: string[], table: ExportTable): void {
  // A loop, not Math.max(...rows): a spread of 100,000 rows can overflow the call stack.
  let width = Math.max(table.header.length, table.footer?.length ?? 0);
  for (const r of table.rows) if (r.length > width) width = r.length;
  if (width === 0) return;
  const row = (cells: string[], bold = false): string => {
    const padded = Array.from({ length: width }, (_, i) => cell(cells[i] ?? ''));
    return `| ${padded.map((c) => (bold && c !== '' ? `**${c}**` : c)).join(' | ')} |`;
  };
  out.push(row(table.header), `| ${Array.from({ length: width }, () => '---').join(' | ')} |`);
  for (const r of table.rows) out.push(row(r));
  // GFM tables have no footer; a bold last row keeps the totals apart.
  if (table.footer) out.push(row(table.footer, true));
  out.push('');
}

function pushItem(out: string[], item: SynthesisItem): void {
  const lines = [`**${inline(item.author, false)}** (${inline(item.kind, false)})`];
  if (item.quote) lines.push(`Quoted: “${block(item.quote, '  ')}”`);
  if (item.body.trim() !== '') lines.push(block(item.body, '  '));
  if (item.proposedText) lines.push(`Proposed text: ${block(item.proposedText, '  ')}`);
  out.push(`- ${lines.join('\\\n  ')}`);
}

function pushAnnexA(out: string[], annex: SynthesisAnnex): void {
  out.push(`## ${inline(annex.title, false)}`, '');
  if (annex.note) out.push(`_${inline(annex.note)}_`, '');
  pushTable(out, annex.table);
  for (const paragraph of annex.paragraphs) {
    out.push(`### ${inline(paragraph.heading, false)}`, '');
    for (const group of paragraph.groups) {
      out.push(`#### ${inline(group.heading, false)}`, '');
      for (const item of group.items) pushItem(out, item);
      out.push('');
      if (group.more) out.push(`_${inline(group.more)}_`, '');
    }
  }
}

function pushAnnexC(out: string[], annex: CaseStudyAnnex): void {
  out.push(`## ${inline(annex.title, false)}`, '');
  if (annex.note) out.push(`_${inline(annex.note)}_`, '');
  for (const study of annex.caseStudies) {
    out.push(`### ${inline(study.title, false)}`, '', `*${inline(study.byline, false)}*`, '');
    for (const field of study.fields) out.push(`**${inline(field.label, false)}:** ${block(field.text)}`, '');
    if (study.links.length > 0) {
      for (const link of study.links) out.push(`- ${markdownLink(link)}`);
      out.push('');
    }
  }
}

/** Only plain http(s) URLs become autolinks; anything else stays text. */
function markdownLink(link: string): string {
  const url = link.trim();
  return /^https?:\/\/[^\s<>"'`\\]+$/i.test(url) ? `<${url}>` : inline(link);
}

function pushAnnexD(out: string[], annex: ContributorsAnnex): void {
  out.push(`## ${inline(annex.title, false)}`, '', block(annex.explanation), '');
  for (const group of annex.groups) {
    out.push(`### ${inline(group.heading, false)}`, '');
    if (group.people.length > 0) {
      for (const person of group.people) {
        const organisation = person.organisation ? `, ${inline(person.organisation, false)}` : '';
        out.push(`- ${inline(person.name)}${organisation} (${person.verified ? 'verified' : 'self-declared'})`);
      }
      out.push('');
    }
    const unnamed = unnamedSentence(group.unnamedCount, group.people.length > 0);
    if (unnamed) out.push(unnamed, '');
  }
}


export function renderMarkdown(model: ExportModel): string {
  return markdownLines(model).join('\n');
}

/** The file's lines, in order; a large export turns them into bytes without one giant string. */
export function markdownLines(model: ExportModel): string[] {
  const out: string[] = [];
  const t = model.title;
  out.push(
    '---',
    `title: ${yamlString(t.documentTitle)}`,
    `forum: ${yamlString(t.forum)}`,
    `version: ${yamlString(t.versionLine)}`,
    `generated: ${yamlString(model.generatedAt)}`,
    '---',
    '',
    `# ${inline(t.documentTitle, false)}`,
    '',
    block(t.forum),
    '',
    block(t.versionLine),
    '',
    block(t.statusLine),
    '',
  );
  if (t.consultationLine) out.push(block(t.consultationLine), '');
  out.push(block(t.summary), '');

  for (const section of model.sections) {
    out.push(`## ${inline(section.heading, false)}`, '');
    for (const p of section.paragraphs) {
      const ref = p.noteNumber === null ? '' : `[^${p.noteNumber}]`;
      out.push(`**${p.number}.** ${block(p.text)}${ref}`, '');
    }
  }

  for (const note of model.notes) out.push(`[^${note.number}]: ${inline(note.text)}`, '');

  if (model.annexA) pushAnnexA(out, model.annexA);
  if (model.annexB) {
    out.push(`## ${inline(model.annexB.title, false)}`, '');
    if (model.annexB.note) out.push(`_${inline(model.annexB.note)}_`, '');
    pushTable(out, model.annexB.table);
  }
  if (model.annexC) pushAnnexC(out, model.annexC);
  if (model.annexD) pushAnnexD(out, model.annexD);

  // One trailing newline, whatever the last block pushed.
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  out.push('');
  return out;
}
