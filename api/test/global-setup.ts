import './support/register-paths';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../src/modules/auth/password';
import { openDatabase } from '../src/database/data-source';
import { startEmbeddedDatabase } from '../src/database/embedded-postgres';
import { seed } from '@doorway/seeds';

/**
 * One throwaway PostgreSQL for the whole run (or TEST_DATABASE_URL), migrated exactly as in
 * production and seeded with the BPF draft and demo accounts.
 */
export default async function globalSetup(): Promise<void> {
  let url = process.env['TEST_DATABASE_URL'];
  if (!url) {
    const dataDir = mkdtempSync(join(tmpdir(), 'doorway-test-'));
    // fsync off only here: a throwaway cluster loses nothing that matters and runs much faster.
    const db = await startEmbeddedDatabase({ dataDir, port: 0, settings: { fsync: 'off', synchronous_commit: 'off' } });
    url = db.url;
    (globalThis as { __DOORWAY_TEST_DB__?: { stop(): Promise<void>; dataDir: string } }).__DOORWAY_TEST_DB__ = {
      stop: db.stop,
      dataDir,
    };
  }
  const dataSource = await openDatabase(url);
  await seed(dataSource, { demo: true, hashPassword });
  await dataSource.destroy();
  process.env['TEST_DATABASE_URL'] = url;
}
