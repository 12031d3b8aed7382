import { Client } from 'pg';
import { runExportJob } from './export-job';
import { pgSql } from './sql-client';

/**
 * The export worker: a process of its own per job, so that building a large file neither
 * blocks the API's event loop nor adds to its memory. Usage: DATABASE_URL=… node export-worker.js <job id>.
 * Prints one JSON line with what it measured (the benchmark reads it).
 */
async function main(): Promise<void> {
  const jobId = process.argv[2];
  const url = process.env['DATABASE_URL'];
  if (!jobId || !url) throw new Error('usage: DATABASE_URL=… export-worker <job id>');
  const started = process.hrtime.bigint();
  const client = new Client({ connectionString: url, application_name: 'doorway-export' });
  await client.connect();
  try {
    const ran = await runExportJob(pgSql(client), jobId);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // resourceUsage().maxRSS is in kilobytes.
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    process.stdout.write(`${JSON.stringify({ jobId, ran, ms: Math.round(ms), peakRssMb })}\n`);
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`export worker: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
