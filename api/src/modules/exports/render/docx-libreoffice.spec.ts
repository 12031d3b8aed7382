import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { renderDocx } from './docx';
import { sampleModel } from './sample-model';

const run = promisify(execFile);
const TIMEOUT_MS = 120_000;

/** Fails (never skips) when a tool the check needs is not installed, saying which one. */
async function requireTool(name: string, args: string[]): Promise<void> {
  try {
    await run(name, args, { timeout: 30_000 });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${name} is needed to check the DOCX export and could not be run: ${reason}`);
  }
}

describe('renderDocx, opened by LibreOffice', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'doorway-docx-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it(
    'converts to a PDF that holds the document and its annexes',
    async () => {
      await requireTool('soffice', ['--version']);
      await requireTool('pdftotext', ['-v']);

      const docx = join(dir, 'export.docx');
      await writeFile(docx, await renderDocx(sampleModel()));
      // A private profile, so parallel runs don't fight over LibreOffice's default one.
      const profile = pathToFileURL(join(dir, 'profile')).href;
      await run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], {
        timeout: TIMEOUT_MS,
      });
      const { stdout } = await run('pdftotext', ['-layout', join(dir, 'export.pdf'), '-'], { timeout: 30_000 });
      // The title wraps over lines in the PDF; compare words, not line breaks.
      const text = stdout.replace(/\s+/g, ' ');

      expect(text).toContain('Creating spaces for multistakeholder dialogue');
      expect(text).toContain('Annex A');
      expect(text).toContain('1 more contributor chose not to be named.');
    },
    TIMEOUT_MS + 30_000,
  );
});
