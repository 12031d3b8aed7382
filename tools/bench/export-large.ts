import '../../api/test/support/register-paths';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ANNEXES, EXPORT_FORMATS } from '@doorway/contracts';
import type { ExportFormat } from '@doorway/contracts';
import { openDatabase } from '../../api/src/database/data-source';
import { startEmbeddedDatabase } from '../../api/src/database/embedded-postgres';
import { WORKER_HEAP_MB } from '../../api/src/modules/exports/export-runner';
import { BENCH_DOCUMENT } from '../dataset/generate';

/**
 * The consolidated export of the large dataset (`npm run dataset -- large` first, and `npm run
 * build`): for each format (or those named on the command line), one job with every annex, built
 * by the same worker process the API forks. The worker reports its own wall time and peak RSS.
 *
 *   npm run bench:export [-- docx md]
 */
const WORKER = join(__dirname, '../../dist/api/api/src/modules/exports/export-worker.js');
/** Past the budget several times over, a format's run is stopped and reported as such. */
const GIVE_UP_MS = 120_000;

interface WorkerReport {
  jobId: string;
  ran: boolean;
  ms: number;
  peakRssMb: number;
}

function runWorker(url: string, jobId: string): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${WORKER_HEAP_MB}`, WORKER, jobId], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), GIVE_UP_MS);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve({ jobId, ran: false, ms: GIVE_UP_MS, peakRssMb: -1 });
      else if (code !== 0) resolve({ jobId, ran: false, ms: -1, peakRssMb: -1 });
      else resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}') as WorkerReport);
    });
  });
}

export interface ExportMeasurement {
  format: ExportFormat;
  annexes: string;
  status: string | undefined;
  seconds: number;
  peakRssMb: number;
  mb: number;
  withinBudget: boolean;
  error?: string;
}

export interface ExportsRun {
  dataset: { paragraphs: number; contributions: number; caseStudies: number };
  results: ExportMeasurement[];
}

/**
 * One export job per format through the built worker, on the database at `url` (migrated first).
 * `onResult` sees each format's figures as soon as they are in.
 */
export async function measureExports(
  url: string,
  formats: readonly ExportFormat[] = EXPORT_FORMATS,
  annexes: readonly string[] = ANNEXES,
  onResult: (result: ExportMeasurement) => void = () => undefined,
): Promise<ExportsRun> {
  if (!existsSync(WORKER)) throw new Error('Build the API first: npm run build');
  // Running the migrations brings an older dataset up to date.
  const db = await openDatabase(url);
  try {
    const [target] = (await db.query(
      `SELECT d.id AS document_id, d.current_version_id AS version_id, v.number,
              (SELECT count(*)::int FROM contributions c WHERE c.document_id = d.id AND c.deleted_at IS NULL) AS contributions,
              (SELECT count(*)::int FROM case_studies cs WHERE cs.document_id = d.id) AS case_studies,
              (SELECT count(*)::int FROM paragraph_revisions r WHERE r.version_id = d.current_version_id) AS paragraphs
         FROM documents d JOIN document_versions v ON v.id = d.current_version_id WHERE d.slug = $1`,
      [BENCH_DOCUMENT],
    )) as { document_id: string; version_id: string; number: number; contributions: number; case_studies: number; paragraphs: number }[];
    if (!target) throw new Error(`No ${BENCH_DOCUMENT}: run npm run dataset -- large`);
    const run: ExportsRun = {
      dataset: { paragraphs: target.paragraphs, contributions: target.contributions, caseStudies: target.case_studies },
      results: [],
    };
    const [requester] = (await db.query(`SELECT id FROM users ORDER BY created_at, id LIMIT 1`)) as { id: string }[];
    for (const format of formats) {
      const [job] = (await db.query(
        `INSERT INTO export_jobs (document_id, version_id, requested_by_id, format, annexes, file_name)
         VALUES ($1, $2, $3, $4, $5::char(1)[], $6) RETURNING id`,
        [target.document_id, target.version_id, requester?.id, format, annexes, `bench.${format}`],
      )) as { id: string }[];
      const report = await runWorker(url, job?.id ?? '');
      const [row] = (await db.query('SELECT status, byte_size, error FROM export_jobs WHERE id = $1', [job?.id])) as {
        status: string;
        byte_size: number | null;
        error: string | null;
      }[];
      const result: ExportMeasurement = {
        format,
        annexes: annexes.join(''),
        status: row?.status,
        seconds: +(report.ms / 1000).toFixed(1),
        peakRssMb: report.peakRssMb,
        mb: +((row?.byte_size ?? 0) / 1e6).toFixed(1),
        withinBudget: row?.status === 'done' && report.ms < 15_000 && report.peakRssMb < 512,
        error: row?.error ?? undefined,
      };
      run.results.push(result);
      onResult(result);
      await db.query('DELETE FROM export_jobs WHERE id = $1', [job?.id]);
    }
    return run;
  } finally {
    await db.destroy();
  }
}

async function main(): Promise<void> {
  if (!existsSync(WORKER)) throw new Error('Build the API first: npm run build');
  const asked = process.argv.slice(2).filter((f): f is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(f));
  const formats = asked.length ? asked : [...EXPORT_FORMATS];
  // BENCH_ANNEXES=AB measures a subset, to see what each annex costs.
  const annexes = (process.env['BENCH_ANNEXES'] ?? ANNEXES.join('')).split('').filter((a) => (ANNEXES as readonly string[]).includes(a));
  const embedded = process.env['DATABASE_URL'] ? null : await startEmbeddedDatabase({ dataDir: process.env['DATA_DIR'] ?? 'tmp/bench-data', port: 0 });
  const url = process.env['DATABASE_URL'] ?? embedded?.url ?? '';
  try {
    const run = await measureExports(url, formats, annexes, (result) => console.log(JSON.stringify(result)));
    console.log(JSON.stringify({ dataset: run.dataset }));
  } finally {
    await embedded?.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
