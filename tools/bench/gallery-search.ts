import '../../api/test/support/register-paths';
import { performance } from 'node:perf_hooks';
import { createApp } from '../../api/src/bootstrap';
import { loadConfig } from '../../api/src/config/config';
import { openDatabase } from '../../api/src/database/data-source';
import { startEmbeddedDatabase } from '../../api/src/database/embedded-postgres';
import { hashPassword } from '../../api/src/modules/auth/password';
import { LARGE, generateDataset } from '../dataset/generate';

/**
 * Gallery search over the large dataset's 2,000 case studies: server time per request (measured
 * in-process with app.inject, so no network or client cost), p50 and p95 over each query shape.
 */
const QUERIES = [
  '/api/case-studies',
  '/api/case-studies?q=trust',
  '/api/case-studies?q=incident%20response',
  '/api/case-studies?q=vulnerability&domain=vulnerability_disclosure',
  '/api/case-studies?domain=capacity_building&group=government&year=2010',
  '/api/case-studies?q=dialogue%20-encryption&region=NG',
];
const ROUNDS = 60;

async function main(): Promise<void> {
  const dataDir = process.env['DATA_DIR'] ?? 'tmp/bench-data';
  const embedded = process.env['DATABASE_URL'] ? null : await startEmbeddedDatabase({ dataDir, port: 0 });
  const url = process.env['DATABASE_URL'] ?? embedded?.url ?? '';
  const db = await openDatabase(url);
  const [{ n }]: { n: string }[] = await db.query(`SELECT count(*) AS n FROM case_studies WHERE status = 'accepted'`);
  if (Number(n) < LARGE.caseStudies) await generateDataset(db, LARGE, await hashPassword('bench-password'));
  await db.destroy();

  const app = await createApp(loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, CLIENT_DIR: '', LOG_LEVEL: 'error', JWT_SECRET: 'x'.repeat(40) }), url);
  await app.getHttpAdapter().getInstance().ready();
  const rows: { query: string; p50: number; p95: number; total: number }[] = [];
  for (const query of QUERIES) {
    for (let i = 0; i < 5; i += 1) await app.inject({ method: 'GET', url: query });
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < ROUNDS; i += 1) {
      const start = performance.now();
      const response = await app.inject({ method: 'GET', url: query });
      times.push(performance.now() - start);
      total = (JSON.parse(response.body) as { total: number }).total;
    }
    times.sort((a, b) => a - b);
    rows.push({ query, p50: times[Math.floor(ROUNDS * 0.5)] ?? 0, p95: times[Math.floor(ROUNDS * 0.95)] ?? 0, total });
  }
  await app.close();
  await embedded?.stop();
  console.table(rows.map((r) => ({ query: r.query, matches: r.total, 'p50 ms': r.p50.toFixed(1), 'p95 ms': r.p95.toFixed(1) })));
  const worst = Math.max(...rows.map((r) => r.p95));
  console.log(`gallery search over ${n} accepted case studies: worst p95 ${worst.toFixed(1)} ms (budget 50 ms)`);
  process.exit(worst < 50 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
