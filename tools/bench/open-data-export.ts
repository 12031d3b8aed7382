import '../../api/test/support/register-paths';
import { performance } from 'node:perf_hooks';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createApp } from '../../api/src/bootstrap';
import { loadConfig } from '../../api/src/config/config';
import { openDatabase } from '../../api/src/database/data-source';
import { startEmbeddedDatabase } from '../../api/src/database/embedded-postgres';

/**
 * Open-data export of the large dataset (`npm run dataset -- large` first): streams contributions.csv
 * and .json over real HTTP and samples the server's RSS while they flow.
 */
async function main(): Promise<void> {
  const embedded = await startEmbeddedDatabase({ dataDir: process.env['DATA_DIR'] ?? 'tmp/bench-data', port: 0 });
  const url = embedded.url;
  // Bring the schema up to date (the dataset may predate a migration).
  await (await openDatabase(url)).destroy();
  const app = await createApp(loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, CLIENT_DIR: '', LOG_LEVEL: 'error', JWT_SECRET: 'x'.repeat(40) }), url);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  for (const file of ['contributions.csv', 'contributions.json']) {
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const start = performance.now();
    const { bytes, rows, status } = await new Promise<{ bytes: number; rows: number; status: number }>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: `/api/documents/bench-consultation/open-data/${file}` }, (res) => {
        let bytes = 0;
        let rows = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          for (const b of chunk) if (b === 10) rows += 1;
        });
        res.on('end', () => resolve({ bytes, rows, status: res.statusCode ?? 0 }));
        res.on('error', reject);
      }).on('error', reject).end();
    });
    const ms = performance.now() - start;
    clearInterval(timer);
    console.log(JSON.stringify({ file, status, ms: Math.round(ms), mb: (bytes / 1e6).toFixed(1), newlines: rows,
      rssBaselineMb: Math.round(baseline / 1e6), rssPeakMb: Math.round(peak / 1e6), rssGrowthMb: Math.round((peak - baseline) / 1e6) }));
  }
  const db = app.get<DataSource>(getDataSourceToken());
  const [{ n }] = (await db.query(
    `SELECT count(*) AS n FROM contributions c JOIN documents d ON d.id = c.document_id WHERE d.slug = 'bench-consultation' AND c.kind <> 'case_study' AND c.deleted_at IS NULL`,
  )) as { n: string }[];
  console.log('public contributions in bench-consultation:', n);
  await app.close();
  await embedded.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
