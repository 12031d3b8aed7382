import type { ExportFormat, ExportModel } from '../export-model';
import { renderDocx } from './docx';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
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
      return Buffer.from(renderMarkdown(model), 'utf8');
    case 'html':
      return Buffer.from(renderHtml(model), 'utf8');
  }
}

/** e.g. bpf-cybersecurity-2016-v2-annexes-AB.docx */
export function exportFileName(slug: string, versionNumber: number, format: ExportFormat, annexes: readonly string[]): string {
  const suffix = annexes.length ? `-annexes-${[...annexes].sort().join('')}` : '';
  return `${slug}-v${versionNumber}${suffix}.${format}`;
}
