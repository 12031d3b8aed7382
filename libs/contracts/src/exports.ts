/** Exports of the consolidated outcome document, and the jobs that build the large ones. */

export const EXPORT_FORMATS = ['docx', 'pdf', 'md', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_FORMAT_LABELS: Readonly<Record<ExportFormat, string>> = {
  docx: 'Word (DOCX)',
  pdf: 'PDF',
  md: 'Markdown',
  html: 'Web page (HTML)',
};

/** A. synthesis by group, B. dispositions, C. accepted case studies, D. contributors by group. */
export const ANNEXES = ['A', 'B', 'C', 'D'] as const;
export type AnnexKey = (typeof ANNEXES)[number];

export const ANNEX_LABELS: Readonly<Record<AnnexKey, string>> = {
  A: 'Annex A. Synthesis of comments by stakeholder group',
  B: 'Annex B. Disposition of every contribution',
  C: 'Annex C. Accepted case studies',
  D: 'Annex D. Contributors by stakeholder group',
};

export interface CreateExportRequest {
  format: ExportFormat;
  annexes: AnnexKey[];
}

export const EXPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

export interface ExportJobView {
  id: string;
  document: string;
  versionNumber: number;
  format: ExportFormat;
  annexes: AnnexKey[];
  status: ExportStatus;
  /** From 0 to 1. */
  progress: number;
  /** What the job is doing now, e.g. "loading contributions" or "writing the file". */
  stage: string;
  error: string | null;
  fileName: string | null;
  byteSize: number | null;
  /** Set when the file is ready. */
  downloadUrl: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/**
 * A document with at most this many public contributions is small: its export is built while
 * the request waits and streamed straight back. Larger ones run as jobs.
 */
export const DIRECT_EXPORT_MAX_CONTRIBUTIONS = 5000;

/**
 * Above this many public contributions, DOCX and PDF print a digest of annexes A and B (the
 * counts in full, the most endorsed comments per paragraph and group, dispositions counted per
 * paragraph); Markdown, HTML and the open data keep every contribution.
 */
export const DIGEST_ABOVE_CONTRIBUTIONS = 5000;
