import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLIENT_APP = join(ROOT, 'client', 'src', 'app');
/** Input types that hold no prose (addresses, secrets, dates, numbers): their direction is fixed. */
const NOT_PROSE = new Set(['email', 'password', 'url', 'date', 'datetime-local', 'number', 'checkbox', 'radio', 'tel']);

function componentFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return componentFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Every `<textarea>` and text `<input matInput>` in the templates, as "file: tag" when it lacks dir="auto". */
function fieldsWithoutAutoDirection(): { fields: number; missing: string[] } {
  let fields = 0;
  const missing: string[] = [];
  for (const file of componentFiles(CLIENT_APP)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/<(textarea|input)\b([^>]*)>/g)) {
      const [tag, name, attributes = ''] = match;
      if (name === 'input') {
        if (!/\bmatInput\b/.test(attributes)) continue;
        const type = /\btype="([a-z-]+)"/.exec(attributes)?.[1];
        if (type !== undefined && NOT_PROSE.has(type)) continue;
      }
      fields++;
      if (!/\bdir="auto"/.test(attributes)) missing.push(`${relative(ROOT, file)}: ${tag.replace(/\s+/g, ' ').slice(0, 90)}`);
    }
  }
  return { fields, missing };
}

/**
 * People write in the interface language or not: English in the Arabic interface, Arabic in the
 * English one. A field that inherits the page's direction shows such text with its punctuation on
 * the wrong side ("wrong." as ".wrong"); dir="auto" takes the direction from the text itself.
 */
describe('free-text fields follow the direction of what is typed in them', () => {
  const { fields, missing } = fieldsWithoutAutoDirection();

  it('finds the fields (the scan itself works)', () => {
    expect(fields).toBeGreaterThan(20);
  });

  it('gives every textarea and text input dir="auto"', () => {
    expect(missing).toEqual([]);
  });
});
