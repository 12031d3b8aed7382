import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initialFiles } from '../bench/initial-files';

describe("the benchmark's count of the client's initial files", () => {
  it('follows static imports past what index.html links, and leaves lazy imports out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'doorway-initial-'));
    writeFileSync(
      join(dir, 'index.html'),
      '<link rel="stylesheet" href="styles-A.css"><link rel="modulepreload" href="chunk-P.js"><script src="main-M.js" type="module"></script>',
    );
    writeFileSync(join(dir, 'styles-A.css'), 'body{}');
    writeFileSync(join(dir, 'main-M.js'), 'import{a as b}from"./chunk-P.js";import"./chunk-F.js";const r=()=>import("./chunk-LAZY.js");');
    writeFileSync(join(dir, 'chunk-P.js'), 'import{c}from"./chunk-DEEP.js";export const a=1;');
    writeFileSync(join(dir, 'chunk-F.js'), 'export{};');
    writeFileSync(join(dir, 'chunk-DEEP.js'), 'export const c=2;');
    writeFileSync(join(dir, 'chunk-LAZY.js'), 'export const lazy=3;');
    expect(initialFiles(dir).sort()).toEqual(['chunk-DEEP.js', 'chunk-F.js', 'chunk-P.js', 'main-M.js', 'styles-A.css']);
  });
});
