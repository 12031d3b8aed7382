import { DIGEST_ABOVE_CONTRIBUTIONS } from '@doorway/contracts';
import type { ExportFormat } from '@doorway/contracts';
import { parsePgArray } from '../../common/sql/pg-array';
import { isAnnexKey, isExportFormat } from './export-model';
import type { ExportDigest } from './export-model';
import { loadExportModel } from './export-loader';
import { renderExport } from './render';
import type { SqlClient } from './sql-client';

interface ClaimedJob {
  version_id: string;
  format: string;
  annexes: string[] | string;
  contributions: number;
}

/**
 * Comments per paragraph and group in a digest, by paged format, sized from measurements of the
 * large dataset (100,000 contributions) so the export stays within 15 s and 512 MB: pdfmake lays
 * out about 1,000 short blocks a second, docx holds about 15 kB per paragraph while packing.
 */
const DIGESTS: Readonly<Partial<Record<ExportFormat, ExportDigest>>> = {
  docx: { itemsPerGroup: 5, caseStudyFields: true },
  pdf: { itemsPerGroup: 1, caseStudyFields: false },
};

/** Counted with the case studies: 2,000 case studies in full are 500,000 words for pdfmake to lay out. */
export function digestFor(format: ExportFormat, contributions: number): ExportDigest | null {
  return contributions > DIGEST_ABOVE_CONTRIBUTIONS ? (DIGESTS[format] ?? null) : null;
}

/** Loading is the first half of the bar, rendering the second; rendering is one step we cannot split. */
const LOAD_SHARE = 0.5;

async function setProgress(sql: SqlClient, jobId: string, stage: string, progress: number): Promise<void> {
  await sql.query(`UPDATE export_jobs SET stage = $2, progress = $3, updated_at = now() WHERE id = $1`, [jobId, stage, progress]);
}

/**
 * Builds one export job's file and stores it on the job row. Claiming flips queued → running in
 * one statement, so a job is built once even if two processes are handed it.
 * Returns false when the job was not there to claim.
 */
export async function runExportJob(sql: SqlClient, jobId: string): Promise<boolean> {
  const [job] = await sql.query<ClaimedJob>(
    `UPDATE export_jobs SET status = 'running', stage = 'starting', updated_at = now()
      WHERE id = $1 AND status = 'queued'
      RETURNING version_id, format, annexes::text[] AS annexes,
        (SELECT count(*)::int FROM contributions c WHERE c.document_id = export_jobs.document_id AND c.deleted_at IS NULL)
        + (SELECT count(*)::int FROM case_studies cs WHERE cs.document_id = export_jobs.document_id AND cs.status <> 'draft')
        AS contributions`,
    [jobId],
  );
  if (!job) return false;
  try {
    const annexes = parsePgArray(job.annexes).filter(isAnnexKey);
    if (!isExportFormat(job.format)) throw new Error(`Unknown format ${job.format}`);
    const model = await loadExportModel(
      sql,
      job.version_id,
      annexes,
      new Date(),
      (stage, fraction) => setProgress(sql, jobId, stage, fraction * LOAD_SHARE),
      digestFor(job.format, job.contributions),
    );
    await setProgress(sql, jobId, 'writing the file', LOAD_SHARE);
    const file = await renderExport(job.format, model);
    await sql.query(
      `UPDATE export_jobs SET status = 'done', stage = 'done', progress = 1, file = $2, byte_size = $3,
              finished_at = now(), updated_at = now()
        WHERE id = $1`,
      [jobId, file, file.length],
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await sql.query(
      `UPDATE export_jobs SET status = 'failed', stage = 'failed', error = $2, finished_at = now(), updated_at = now() WHERE id = $1`,
      [jobId, `The export failed: ${message}`],
    );
    throw error;
  }
  return true;
}
