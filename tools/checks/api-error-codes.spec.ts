import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { API_ERROR_CODES } from '@doorway/contracts';

const ROOT = join(__dirname, '..', '..');
const API_SRC = join(ROOT, 'api', 'src');
const CATALOGS = ['en', 'es', 'fr', 'ar'].map((language) => join(ROOT, 'client', 'public', 'i18n', `${language}.json`));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Each code the API can answer with: `error: 'CODE'` literals, and the filter's per-status defaults (`404: 'NOT_FOUND'`). */
function codesInApi(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles(API_SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\berror: '([A-Z][A-Z_]+)'|^\s+\d{3}: '([A-Z][A-Z_]+)',$|\?\? '([A-Z][A-Z_]+)'/gm)) {
      const code = match[1] ?? match[2] ?? match[3];
      if (code) found.set(code, relative(ROOT, file));
    }
  }
  return found;
}

describe('API error codes', () => {
  const used = codesInApi();

  it('finds the codes the API uses (the scan itself works)', () => {
    expect(used.size).toBeGreaterThan(30);
    expect(used.get('NOT_FOUND')).toBe('api/src/common/filters/api-exception.filter.ts');
  });

  it('lists every code the API uses in API_ERROR_CODES, so that the client can translate it', () => {
    const listed = new Set<string>(API_ERROR_CODES);
    const missing = [...used].filter(([code]) => !listed.has(code)).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  it('has a translation of every listed code in each interface language', () => {
    for (const file of CATALOGS) {
      const catalog = JSON.parse(readFileSync(file, 'utf8')) as { apiErrors?: Record<string, unknown> };
      const missing = API_ERROR_CODES.filter((code) => typeof catalog.apiErrors?.[code] !== 'string' || catalog.apiErrors[code] === '');
      expect({ file: relative(ROOT, file), missing }).toEqual({ file: relative(ROOT, file), missing: [] });
    }
  });
});
