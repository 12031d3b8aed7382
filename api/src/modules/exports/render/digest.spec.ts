import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { renderDocx } from './docx';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import { renderPdf } from './pdf';
import { renderExport, toBytes } from './index';
import { sampleDigestModel } from './sample-model';

const run = promisify(execFile);

/** Every format prints a digest's explanations, so a reader knows what was left out and where it is. */
describe('a digest in every format', () => {
  const model = sampleDigestModel();
  const expected = ['DIGEST-A', 'DIGEST-B', 'DIGEST-C', 'MORE-Government (1): 12 more from this group.', 'MORE-Academia (1)'];

  it('Markdown and HTML', () => {
    const md = renderMarkdown(model);
    const html = renderHtml(model);
    for (const text of expected) {
      expect(md).toContain(text);
      expect(html).toContain(text);
    }
  });

  it('DOCX', async () => {
    const xml = (await (await JSZip.loadAsync(await renderDocx(model))).file('word/document.xml')?.async('string')) ?? '';
    for (const text of expected) expect(xml).toContain(text);
    expect(xml).toContain('Pending');
  });

  it('PDF', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'doorway-digest-'));
    try {
      await writeFile(join(dir, 'digest.pdf'), await renderPdf(model));
      const { stdout } = await run('pdftotext', [join(dir, 'digest.pdf'), '-']);
      const text = stdout.replace(/\s+/g, ' ');
      for (const part of expected) expect(text).toContain(part);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('renderExport', () => {
  it('gives Markdown and HTML the same bytes as the renderers, joined a slice at a time', async () => {
    const model = sampleDigestModel();
    expect((await renderExport('md', model)).toString('utf8')).toBe(renderMarkdown(model));
    expect((await renderExport('html', model)).toString('utf8')).toBe(renderHtml(model));
    expect(toBytes(['a', 'b', 'c', 'd', 'é'], '\n', 2).toString('utf8')).toBe('a\nb\nc\nd\né');
    expect(toBytes(['a', 'b', 'c', 'd'], '', 2).toString('utf8')).toBe('abcd');
  });
});
