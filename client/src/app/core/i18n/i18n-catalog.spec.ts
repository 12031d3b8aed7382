import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UI_LANGUAGE_CODES } from './languages';

/**
 * Missing translations fail here, not in front of a participant: every key the code uses exists
 * in all four files, the files agree on their keys, no value is empty, and no template still
 * carries English text of its own.
 */

const APP = join(__dirname, '..', '..');
const I18N = join(APP, '..', '..', 'public', 'i18n');

type Catalog = Record<string, unknown>;

function flatten(tree: Catalog, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of flatten(value as Catalog, path)) out.set(k, v);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

const catalogs = new Map(
  UI_LANGUAGE_CODES.map((code) => [code, flatten(JSON.parse(readFileSync(join(I18N, `${code}.json`), 'utf8')) as Catalog)]),
);
const english = catalogs.get('en') ?? new Map<string, unknown>();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourceFiles(path);
    return /\.(ts|html)$/.test(entry.name) && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const sources = sourceFiles(APP).map((path) => ({ path: relative(APP, path), text: readFileSync(path, 'utf8') }));

/** Literal keys: 'a.b' | transloco, t('a.b'), translate('a.b'), route titles 'title.x'. */
const LITERAL_KEY_PATTERNS = [
  /'([a-zA-Z][\w]*(?:\.[\w]+)+)'\s*\|\s*transloco\b/g,
  /\b(?:t|translate|selectTranslate)\(\s*'([a-zA-Z][\w]*(?:\.[\w]+)+)'/g,
  /\btitle:\s*'(title\.[\w]+)'/g,
  /\?\s*'(title\.[\w]+)'\s*:\s*'(title\.[\w]+)'/g,
  /\bi18nKey\(\s*'([a-zA-Z][\w]*(?:\.[\w]+)+)'/g,
];
/** Keys built at runtime, e.g. `group.${group}`: their prefix must name a section of the catalog. */
const DYNAMIC_KEY_PATTERN = /`([a-zA-Z][\w]*(?:\.[\w]+)*)\.\$\{/g;

function usedKeys(): { literal: Map<string, string>; prefixes: Map<string, string> } {
  const literal = new Map<string, string>();
  const prefixes = new Map<string, string>();
  for (const { path, text } of sources) {
    for (const pattern of LITERAL_KEY_PATTERNS) {
      for (const match of text.matchAll(pattern)) {
        for (const key of match.slice(1)) if (key) literal.set(key, path);
      }
    }
    for (const match of text.matchAll(DYNAMIC_KEY_PATTERN)) {
      const prefix = match[1];
      if (prefix && english.size && [...english.keys()].some((key) => key.startsWith(`${prefix}.`))) prefixes.set(prefix, path);
      else if (prefix && isCatalogPrefix(prefix)) prefixes.set(prefix, path);
    }
  }
  return { literal, prefixes };
}

/** Template literals are also used for CSS classes and URLs; only those that look like catalog sections count. */
function isCatalogPrefix(prefix: string): boolean {
  const top = prefix.split('.')[0] ?? '';
  return [...english.keys()].some((key) => key.split('.')[0] === top);
}

describe('translations', () => {
  it('has the four interface languages, each with the same keys as English and no empty value', () => {
    expect([...catalogs.keys()]).toEqual(['en', 'es', 'fr', 'ar']);
    expect(english.size).toBeGreaterThan(50);
    for (const [code, catalog] of catalogs) {
      const missing = [...english.keys()].filter((key) => !catalog.has(key));
      const extra = [...catalog.keys()].filter((key) => !english.has(key));
      const empty = [...catalog].filter(([, value]) => typeof value !== 'string' || value.trim() === '').map(([key]) => key);
      expect({ code, missing, extra, empty }).toEqual({ code, missing: [], extra: [], empty: [] });
    }
  });

  it('keeps the same {{placeholders}} in every language', () => {
    const placeholders = (value: unknown) => [...String(value).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
    for (const [code, catalog] of catalogs) {
      const differing = [...english].filter(([key, value]) => placeholders(value).join() !== placeholders(catalog.get(key)).join());
      expect({ code, differing: differing.map(([key]) => key) }).toEqual({ code, differing: [] });
    }
  });

  it('has every key the code uses, in every language', () => {
    const { literal, prefixes } = usedKeys();
    expect(literal.size).toBeGreaterThan(30);
    for (const [code, catalog] of catalogs) {
      const missing = [...literal].filter(([key]) => !catalog.has(key)).map(([key, path]) => `${key} (${path})`);
      const missingSections = [...prefixes]
        .filter(([prefix]) => ![...catalog.keys()].some((key) => key.startsWith(`${prefix}.`)))
        .map(([prefix, path]) => `${prefix}.* (${path})`);
      expect({ code, missing, missingSections }).toEqual({ code, missing: [], missingSections: [] });
    }
  });
});

/**
 * Text nodes and aria-label/title/placeholder/alt attributes of inline templates and .html files
 * that still hold English words. Interpolations, bindings and control flow are removed first.
 */
const ALLOWED_TEXT = new Set(['Doorway', '¶', '·', '—', '–', '/', '×', '…', ':', '(', ')', ',', '.', '“', '”']);
/** Attribute values that are not words in any language. */
const ALLOWED_ATTRIBUTES = new Set(['placeholder="https://"']);

function templatesOf(path: string, text: string): string[] {
  if (path.endsWith('.html')) return [text];
  return [...text.matchAll(/\btemplate:\s*`([\s\S]*?)`\s*,\s*\n/g)].map((m) => m[1] ?? '');
}

/** Removes `@if (…)`, `@for (…)`, `@switch (…)`, … with their (possibly nested) parentheses. */
function withoutBlockParameters(template: string): string {
  let out = '';
  let i = 0;
  const block = /@(?:if|else if|for|switch|case|defer|placeholder|loading)\s*\(/g;
  for (let match = block.exec(template); match; match = block.exec(template)) {
    out += `${template.slice(i, match.index)}\n`;
    let depth = 1;
    let j = match.index + match[0].length;
    while (j < template.length && depth > 0) {
      if (template[j] === '(') depth++;
      else if (template[j] === ')') depth--;
      j++;
    }
    i = j;
    block.lastIndex = j;
  }
  return out + template.slice(i);
}

export function hardCodedText(template: string): string[] {
  const found: string[] = [];
  const stripped = template
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/\{\{[\s\S]*?\}\}/g, ' ')
    .replace(/<style[\s\S]*?<\/style>/g, ' ');
  for (const match of stripped.matchAll(/\s(?:aria-label|title|placeholder|alt|aria-description)="([^"]*)"/g)) {
    const value = (match[1] ?? '').trim();
    if (/[A-Za-z]{2,}/.test(value) && !ALLOWED_ATTRIBUTES.has(match[0].trim())) found.push(match[0].trim());
  }
  // A tag ends at the first > outside quotes ([class.over]="length() > max" is one tag).
  const text = withoutBlockParameters(stripped.replace(/<(?:[^>"']|"[^"]*"|'[^']*')*>/g, '\n'))
    .replace(/@(?:else|default|empty|defer|placeholder|loading|error)\b/g, '\n')
    .replace(/@let\s+[^;]*;/g, '\n')
    .replace(/[{}]/g, '\n');
  for (const line of text.split('\n')) {
    const value = line.trim();
    if (!value || ALLOWED_TEXT.has(value)) continue;
    if (/[A-Za-z]{2,}/.test(value)) found.push(value);
  }
  return found;
}

describe('templates', () => {
  it('finds hard-coded text with the heuristic (it can fail)', () => {
    expect(hardCodedText('<p>Post comment</p><button aria-label="Close">{{ x }}</button>')).toEqual([
      'aria-label="Close"',
      'Post comment',
    ]);
    expect(hardCodedText(`<p>{{ 'a.b' | transloco }}</p> @if (x) { <span [attr.aria-label]="y"></span> }`)).toEqual([]);
  });

  it('hold no user-visible English of their own', () => {
    const offenders: Record<string, string[]> = {};
    for (const { path, text } of sources) {
      const found = templatesOf(path, text).flatMap(hardCodedText);
      if (found.length > 0) offenders[path] = found;
    }
    expect(offenders).toEqual({});
  });
});

/**
 * Sentences built in TypeScript rather than templates: a string literal with English words handed
 * straight to a signal (`.set('…')`), a snackbar or dialog (`.open('…')`), an announcement or a
 * form error. Interpolations are removed first, so `${this.i18n.t('a.b')} ${message}` passes.
 */
export function hardCodedSentences(code: string): string[] {
  const found: string[] = [];
  const withoutComments = code.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/^\s*\/\/.*$/gm, ' ');
  const call = /\.(?:set|open|announce|setErrors)\(\s*(?:\{\s*\w+:\s*)?(['`])((?:\\.|(?!\1)[^\\])*)\1/g;
  for (const match of withoutComments.matchAll(call)) {
    const literal = match[2] ?? '';
    const words = literal.replace(/\$\{(?:[^{}]|\{[^{}]*\})*\}/g, ' ');
    if (/[A-Za-z]{2,}[\s,.:;!?]+[A-Za-z]{2,}/.test(words)) found.push(literal);
  }
  return found;
}

describe('TypeScript', () => {
  it('finds sentences handed to signals, snackbars and announcements (it can fail)', () => {
    expect(
      hardCodedSentences(
        "this.status.set('Comment posted'); snackBar.open(`${n} comments shown`, 'OK'); this.announce(`“${t}” inserted as paragraph ${n}`);",
      ),
    ).toEqual(['Comment posted', '${n} comments shown', '“${t}” inserted as paragraph ${n}']);
    expect(
      hardCodedSentences(
        "this.phase.set('loading'); this.error.set(`${this.i18n.t('a.b')} ${toApiError(error).message}`); this.status.set(''); control.setErrors({ problem: message });",
      ),
    ).toEqual([]);
  });

  it('hands no English sentence of its own to what people see', () => {
    const offenders: Record<string, string[]> = {};
    for (const { path, text } of sources) {
      if (!path.endsWith('.ts')) continue;
      const found = hardCodedSentences(text);
      if (found.length > 0) offenders[path] = found;
    }
    expect(offenders).toEqual({});
  });
});
