import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ICON_NAMES, ICON_SET_FILE, renderIconSet } from '../scripts/icons';

const CLIENT_SRC = join(__dirname, '..', '..', 'client', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|html)$/.test(name) && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

interface IconUse {
  file: string;
  tag: string;
}

/** Every `<mat-icon …>` opening tag in the client's templates (inline or in .html files). */
function iconUses(): IconUse[] {
  return sourceFiles(CLIENT_SRC).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/<mat-icon\b[^>]*>(?:[^<]*<\/mat-icon>)?/g)].map((match) => ({
      file: relative(CLIENT_SRC, file),
      tag: match[0],
    })),
  );
}

describe('client icons', () => {
  const known = new Set<string>(ICON_NAMES);
  const uses = iconUses();

  it('finds the icons the templates use (the scan itself works)', () => {
    expect(uses.length).toBeGreaterThan(10);
  });

  it('names every icon with svgIcon, never by ligature text (the icon font is not shipped)', () => {
    const ligatures = uses.filter((use) => !/\[?svgIcon\]?=/.test(use.tag) || /<mat-icon\b[^>]*>[^<]*[a-z][^<]*<\/mat-icon>/.test(use.tag));
    expect(ligatures.map((use) => `${use.file}: ${use.tag}`)).toEqual([]);
  });

  it('uses only icons that are in the committed set (add others to tools/scripts/icons.ts)', () => {
    const missing: string[] = [];
    for (const use of uses) {
      const literal = /\ssvgIcon="([^"]*)"/.exec(use.tag);
      const bound = /\[svgIcon\]="([^"]*)"/.exec(use.tag);
      // A bound expression names its icons as string literals ('a' : 'b'); an empty one shows nothing.
      const names = literal ? [literal[1] ?? ''] : [...(bound?.[1] ?? '').matchAll(/'([^']*)'/g)].map((m) => m[1] ?? '');
      for (const name of names) if (name !== '' && !known.has(name)) missing.push(`${use.file}: ${name}`);
    }
    expect(missing).toEqual([]);
  });

  it('has a committed icon set that matches the names and the font', () => {
    expect(readFileSync(ICON_SET_FILE, 'utf8')).toBe(renderIconSet());
  });
});
