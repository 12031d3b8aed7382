import type { ExportFormat, ExportModel } from '../export-model';
import { renderDocx } from './docx';
import { htmlParts } from './html';
import { markdownLines } from './markdown';
import { renderPdf } from './pdf';

export const CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

/** The one place that picks a renderer for a format. */
export async function renderExport(format: ExportFormat, model: ExportModel): Promise<Buffer> {
  switch (format) {
    case 'docx':
      return renderDocx(model);
    case 'pdf':
      return renderPdf(model);
    case 'md':
      return toBytes(markdownLines(model), '\n');
    case 'html':
      return toBytes(htmlParts(model), '');
  }
}

/**
 * Joins text pieces into UTF-8 bytes a slice at a time: joining 100,000 comments into one string
 * first would hold the whole file twice more (as UTF-16), which a large export cannot afford.
 */
export function toBytes(parts: string[], separator: string, slice = 5000): Buffer {
  const chunks: Buffer[] = [];
  for (let i = 0; i < parts.length; i += slice) {
    const last = i + slice >= parts.length;
    chunks.push(Buffer.from(parts.slice(i, i + slice).join(separator) + (last ? '' : separator), 'utf8'));
  }
  return Buffer.concat(chunks);
}

/** e.g. bpf-cybersecurity-2016-v2-annexes-AB.docx */
export function exportFileName(slug: string, versionNumber: number, format: ExportFormat, annexes: readonly string[]): string {
  const suffix = annexes.length ? `-annexes-${[...annexes].sort().join('')}` : '';
  return `${slug}-v${versionNumber}${suffix}.${format}`;
}
