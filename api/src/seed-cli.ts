import 'reflect-metadata';
import { seed } from '@doorway/seeds';
import { ConfigError, loadConfig } from './config/config';
import { openDatabase } from './database/data-source';
import { startEmbeddedDatabase } from './database/embedded-postgres';
import { hashPassword } from './modules/auth/password';

/** `npm run seed`: migrate and seed (idempotently) the configured or embedded database, then stop. */
async function main(): Promise<void> {
  const config = loadConfig();
  const embedded = config.databaseUrl ? null : await startEmbeddedDatabase({ dataDir: config.dataDir, port: 0 });
  const url = config.databaseUrl ?? embedded?.url;
  if (!url) throw new Error('no database');
  const db = await openDatabase(url);
  try {
    const report = await seed(db, { demo: config.seedDemo, hashPassword });
    console.log(`Seed added: ${JSON.stringify(report)}`);
  } finally {
    await db.destroy();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
