import type {
  CaseStudyAnnex,
  ContributorsAnnex,
  ExportModel,
  ExportTable,
  SynthesisAnnex,
  SynthesisItem,
} from '../export-model';
import { textDirection } from '../text-direction';
import { EXPORT_LANGUAGE, unnamedSentence } from './wording';

/**
 * One self-contained HTML5 file: inline CSS, no script, no external resource, so it opens the
 * same offline, in an archive or as an e-mail attachment years later.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SPECIAL = /[&<>"']/g;
// What the HTML parser reports as errors (controls, noncharacters, lone surrogates) becomes
// U+FFFD; a whitelist, so no control character has to be spelled in the pattern. A valid
// surrogate pair matches the first branch and is kept.
const INVALID = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[^\t\n\f\r\u0020-\u007E\u00A0-\uD7FF\uE000-\uFDCF\uFDF0-\uFFFD]/g;

/** Escapes text for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(INVALID, (c) => (c.length === 2 ? c : '\uFFFD'))
    .replace(SPECIAL, (c) => ESCAPES[c] ?? c);
}

/** dir="rtl" for right-to-left user text; elsewhere the document's ltr applies. */
function dir(text: string): string {
  return textDirection(text) === 'rtl' ? ' dir="rtl"' : '';
}

/** Comment bodies mix languages freely, so the browser decides unless we know it is rtl. */
function dirAuto(text: string): string {
  return textDirection(text) === 'rtl' ? ' dir="rtl"' : ' dir="auto"';
}

/** An element holding one piece of user text. */
function el(tag: string, text: string, attrs = ''): string {
  return `<${tag}${attrs}${dir(text)}>${escapeHtml(text)}</${tag}>`;
}

const FONTS =
  '"Noto Sans", "Amiri", "Noto Sans SC", system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "PingFang SC", "Microsoft YaHei", Tahoma, sans-serif';

const CSS = `
:root { color-scheme: light; }
html { font-family: ${FONTS}; font-size: 100%; line-height: 1.55; color: #1b1b1b; background: #ffffff; }
body { margin: 0 auto; max-width: 50rem; padding: 1.5rem 1.25rem 4rem; }
[dir="rtl"] { font-family: "Amiri", ${FONTS}; }
h1, h2, h3, h4 { line-height: 1.25; color: #111111; }
h1 { font-size: 2rem; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.5rem; margin: 2.5rem 0 1rem; border-bottom: 1px solid #c8c8c8; padding-bottom: 0.25rem; }
h3 { font-size: 1.2rem; margin: 2rem 0 0.75rem; }
h4 { font-size: 1.05rem; margin: 1.5rem 0 0.5rem; }
a { color: #0b4f9c; }
a:focus-visible { outline: 2px solid #0b4f9c; outline-offset: 2px; }
p, dd, td, th, blockquote, li.person { white-space: pre-line; }
header.title-page { border-bottom: 3px solid #1b1b1b; padding-bottom: 1.5rem; margin-bottom: 2rem; }
.forum { font-weight: 600; color: #3d3d3d; margin: 0; }
.version, .status, .consultation { margin: 0.25rem 0; color: #3d3d3d; }
.summary { font-size: 1.1rem; margin-top: 1.25rem; }
p.para { margin: 0 0 1rem; }
.num { font-weight: 700; margin-inline-end: 0.5em; font-variant-numeric: tabular-nums; }
sup a { text-decoration: none; padding: 0 0.15em; }
.notes ol { padding-inline-start: 1.5rem; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0 1.5rem; font-size: 0.95rem; }
caption { text-align: start; font-weight: 600; padding-bottom: 0.5rem; }
th, td { border: 1px solid #8a8a8a; padding: 0.35rem 0.5rem; text-align: start; vertical-align: top; }
thead th, tfoot th, tfoot td { background: #ececec; }
tfoot th, tfoot td { font-weight: 700; }
ul.items { list-style: none; padding: 0; margin: 0; }
ul.items > li { border-inline-start: 3px solid #c8c8c8; padding: 0.25rem 0 0.25rem 0.75rem; margin: 0 0 1rem; }
.item-head { margin: 0 0 0.25rem; }
.kind { color: #3d3d3d; }
blockquote { margin: 0.25rem 0; padding-inline-start: 0.75rem; border-inline-start: 3px solid #8a8a8a; color: #333333; font-style: italic; }
.item-body, .proposed { margin: 0.25rem 0; }
.label { font-weight: 600; }
.byline { color: #3d3d3d; font-style: italic; }
dt { font-weight: 600; margin-top: 0.75rem; }
dd { margin: 0.25rem 0 0; }
.links a { overflow-wrap: anywhere; }
@media print {
  html { font-size: 11pt; }
  body { max-width: none; padding: 0; }
  a { color: inherit; }
  section.annex { break-before: page; page-break-before: always; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  tr, ul.items > li, p.para { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  tfoot { display: table-footer-group; }
}
`;

function pushTable(out: string[], table: ExportTable, caption: string): void {
  out.push(`<table>${el('caption', caption)}<thead><tr>`);
  for (const h of table.header) out.push(el('th', h, ' scope="col"'));
  out.push('</tr></thead><tbody>');
  for (const row of table.rows) out.push(tableRow(row));
  out.push('</tbody>');
  if (table.footer) out.push(`<tfoot>${tableRow(table.footer)}</tfoot>`);
  out.push('</table>\n');
}

/** The first cell labels the row. */
function tableRow(cells: string[]): string {
  const parts = ['<tr>'];
  cells.forEach((c, i) => parts.push(i === 0 ? el('th', c, ' scope="row"') : el('td', c)));
  parts.push('</tr>');
  return parts.join('');
}

function openAnnex(out: string[], id: string, title: string): void {
  out.push(`<section class="annex" id="${id}" aria-labelledby="${id}-title">\n`, el('h2', title, ` id="${id}-title"`), '\n');
}

function pushItem(out: string[], item: SynthesisItem): void {
  out.push(
    '<li><p class="item-head">',
    el('strong', item.author),
    ' <span class="kind">(',
    escapeHtml(item.kind),
    ')</span></p>',
  );
  if (item.quote) out.push(el('blockquote', item.quote));
  // The author's words carry their own language; the quote and the labels are the document's.
  const lang = ` lang="${escapeHtml(item.language)}"`;
  out.push(`<p class="item-body"${lang}${dirAuto(item.body)}>${escapeHtml(item.body)}</p>`);
  if (item.proposedText) {
    out.push('<p class="proposed"><span class="label">Proposed text:</span> ', el('span', item.proposedText, lang), '</p>');
  }
  out.push('</li>\n');
}

function pushAnnexA(out: string[], annex: SynthesisAnnex): void {
  openAnnex(out, 'annex-a', annex.title);
  if (annex.note) out.push(el('p', annex.note, ' class="note"'), '\n');
  pushTable(out, annex.table, annex.title);
  annex.paragraphs.forEach((paragraph, pi) => {
    const pid = `annex-a-${pi + 1}`;
    out.push(`<section aria-labelledby="${pid}">`, el('h3', paragraph.heading, ` id="${pid}"`), '\n');
    paragraph.groups.forEach((group, gi) => {
      const gid = `${pid}-${gi + 1}`;
      out.push(`<section aria-labelledby="${gid}">`, el('h4', group.heading, ` id="${gid}"`), '\n<ul class="items">\n');
      for (const item of group.items) pushItem(out, item);
      out.push('</ul>');
      if (group.more) out.push(el('p', group.more, ' class="more"'));
      out.push('</section>\n');
    });
    out.push('</section>\n');
  });
  out.push('</section>\n');
}

/** Only http(s) URLs become links; anything else (javascript:, data:, typos) is shown as text. */
function safeHref(link: string): string | null {
  try {
    const url = new URL(link.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function pushAnnexC(out: string[], annex: CaseStudyAnnex): void {
  openAnnex(out, 'annex-c', annex.title);
  if (annex.note) out.push(el('p', annex.note, ' class="note"'), '\n');
  annex.caseStudies.forEach((study, i) => {
    const id = `case-study-${i + 1}`;
    // The submitter's title and story carry their language; the byline and labels are the document's.
    const lang = ` lang="${escapeHtml(study.language)}"`;
    out.push(`<article aria-labelledby="${id}">`, el('h3', study.title, ` id="${id}"${lang}`), el('p', study.byline, ' class="byline"'));
    if (study.fields.length > 0) {
      out.push('<dl>');
      for (const field of study.fields) out.push(el('dt', field.label), el('dd', field.text, lang));
      out.push('</dl>');
    }
    if (study.links.length > 0) {
      out.push('<ul class="links">');
      for (const link of study.links) {
        const href = safeHref(link);
        out.push(
          href === null
            ? el('li', link)
            : `<li><a href="${escapeHtml(href)}" rel="noopener noreferrer">${escapeHtml(link.trim())}</a></li>`,
        );
      }
      out.push('</ul>');
    }
    out.push('</article>\n');
  });
  out.push('</section>\n');
}

function pushAnnexD(out: string[], annex: ContributorsAnnex): void {
  openAnnex(out, 'annex-d', annex.title);
  out.push(el('p', annex.explanation), '\n');
  annex.groups.forEach((group, i) => {
    const id = `annex-d-${i + 1}`;
    out.push(`<section aria-labelledby="${id}">`, el('h3', group.heading, ` id="${id}"`));
    if (group.people.length > 0) {
      out.push('<ul>');
      for (const person of group.people) {
        const organisation = person.organisation
          ? `, <span${dir(person.organisation)}>${escapeHtml(person.organisation)}</span>`
          : '';
        const status = person.verified ? 'verified' : 'self-declared';
        out.push(`<li class="person"><span${dir(person.name)}>${escapeHtml(person.name)}</span>${organisation} (${status})</li>`);
      }
      out.push('</ul>');
    }
    const unnamed = unnamedSentence(group.unnamedCount, group.people.length > 0);
    if (unnamed) out.push(`<p>${unnamed}</p>`);
    out.push('</section>\n');
  });
  out.push('</section>\n');
}

export function renderHtml(model: ExportModel): string {
  return htmlParts(model).join('');
}

/** The file in pieces, in order; a large export turns them into bytes without one giant string. */
export function htmlParts(model: ExportModel): string[] {
  const t = model.title;
  const out: string[] = [
    '<!DOCTYPE html>\n',
    `<html lang="${EXPORT_LANGUAGE}">\n`,
    '<head>\n<meta charset="utf-8">\n',
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
    '<meta name="generator" content="Doorway">\n',
    `<meta name="dcterms.created" content="${escapeHtml(model.generatedAt)}">\n`,
    `<title>${escapeHtml(t.documentTitle)}</title>\n`,
    `<style>${CSS}</style>\n</head>\n<body>\n`,
    '<header class="title-page">\n',
    el('p', t.forum, ' class="forum"'),
    '\n',
    el('h1', t.documentTitle),
    '\n',
    el('p', t.versionLine, ' class="version"'),
    el('p', t.statusLine, ' class="status"'),
  ];
  if (t.consultationLine) out.push(el('p', t.consultationLine, ' class="consultation"'));
  out.push(el('p', t.summary, ' class="summary"'), '\n</header>\n<main>\n');

  // A note may be cited twice; only its first reference carries the id the back-link targets.
  const referenced = new Set<number>();
  model.sections.forEach((section, i) => {
    const id = `section-${i + 1}`;
    out.push(`<section aria-labelledby="${id}">\n`, el('h2', section.heading, ` id="${id}"`), '\n');
    for (const p of section.paragraphs) {
      out.push(`<p id="p-${p.number}" class="para"${dir(p.text)}><span class="num">${p.number}.</span> ${escapeHtml(p.text)}`);
      if (p.noteNumber !== null) {
        const n = p.noteNumber;
        const id = referenced.has(n) ? '' : ` id="ref-${n}"`;
        referenced.add(n);
        out.push(`<sup><a href="#note-${n}"${id} aria-label="Note ${n}">${n}</a></sup>`);
      }
      out.push('</p>\n');
    }
    out.push('</section>\n');
  });

  if (model.notes.length > 0) {
    out.push('<section class="notes" aria-labelledby="notes-title">\n<h2 id="notes-title">Notes</h2>\n<ol>\n');
    for (const note of model.notes) {
      // Back to the reference when a paragraph cites the note, else to the paragraph itself.
      const back = referenced.has(note.number) ? `#ref-${note.number}` : `#p-${note.paragraphNumber}`;
      out.push(
        `<li id="note-${note.number}" value="${note.number}"><span${dir(note.text)}>${escapeHtml(note.text)}</span> `,
        `<a href="${back}" aria-label="Back to paragraph ${note.paragraphNumber}">↩</a></li>\n`,
      );
    }
    out.push('</ol>\n</section>\n');
  }

  if (model.annexA) pushAnnexA(out, model.annexA);
  if (model.annexB) {
    openAnnex(out, 'annex-b', model.annexB.title);
    if (model.annexB.note) out.push(el('p', model.annexB.note, ' class="note"'), '\n');
    pushTable(out, model.annexB.table, model.annexB.title);
    out.push('</section>\n');
  }
  if (model.annexC) pushAnnexC(out, model.annexC);
  if (model.annexD) pushAnnexD(out, model.annexD);

  out.push('</main>\n</body>\n</html>\n');
  return out;
}
