import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The client's page shell: index.csr.html from a build with a server renderer (Angular's name for
 * it there), index.html from one without. The same choice as the API's clientShellFile.
 */
export function shellFile(clientDir: string): string {
  return existsSync(join(clientDir, 'index.csr.html')) ? 'index.csr.html' : 'index.html';
}

/**
 * The initial files of the built client: what index.html names (styles, modulepreloads, main) and
 * every script those import statically, which the browser must also fetch before the app starts.
 * Counting only index.html's links missed the chunks the builder does not preload (it adds ten
 * links at most), and reported half the real transfer.
 */
export function initialFiles(clientDir: string): string[] {
  const html = readFileSync(join(clientDir, shellFile(clientDir)), 'utf8');
  const pending = [...html.matchAll(/(?:href|src)="([^"]+\.(?:js|css))"/g)].map((match) => match[1] ?? '');
  const seen = new Set<string>();
  while (pending.length) {
    const file = pending.pop() ?? '';
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(join(clientDir, file), 'utf8');
    // Static imports only (`import{a as b}from"./chunk-X.js"`, `import"./chunk-X.js"`); `import("…")` is lazy.
    for (const match of code.matchAll(/import\s*(?:[^"'()]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) pending.push(match[1] ?? '');
  }
  return [...seen];
}
