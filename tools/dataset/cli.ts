import '../../api/test/support/register-paths';
import { openDatabase } from '../../api/src/database/data-source';
import { startEmbeddedDatabase } from '../../api/src/database/embedded-postgres';
import { hashPassword } from '../../api/src/modules/auth/password';
import { LARGE, SMALL, generateDataset } from './generate';

/**
 * `npm run dataset -- [small|large]`: builds the benchmark dataset into DATABASE_URL, or into the
 * embedded database of DATA_DIR (default tmp/bench-data).
 */
async function main(): Promise<void> {
  const scale = process.argv[2] === 'small' ? SMALL : LARGE;
  const embedded = process.env['DATABASE_URL']
    ? null
    : await startEmbeddedDatabase({ dataDir: process.env['DATA_DIR'] ?? 'tmp/bench-data', port: 0 });
  const url = process.env['DATABASE_URL'] ?? embedded?.url ?? '';
  const db = await openDatabase(url);
  try {
    const report = await generateDataset(db, scale, await hashPassword('bench-password'));
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await db.destroy();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
