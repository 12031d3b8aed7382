import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { seed } from '@doorway/seeds';
import { createApp } from './bootstrap';
import { precompressClient } from './common/http/static-assets';
import { ConfigError, loadConfig } from './config/config';
import { openDatabase } from './database/data-source';
import { UnsafeDatabaseError, assertDurable } from './database/durability';
import { startEmbeddedDatabase } from './database/embedded-postgres';
import type { RunningEmbeddedDatabase } from './database/embedded-postgres';
import { hashPassword } from './modules/auth/password';

const log = new Logger('Doorway');

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();

  let embedded: RunningEmbeddedDatabase | null = null;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedDatabase({ dataDir: config.dataDir, port: config.embeddedPostgresPort });
    databaseUrl = embedded.url;
    log.log(`Embedded PostgreSQL on 127.0.0.1:${embedded.port}, data in ${embedded.clusterDir}`);
  }

  try {
    const db = await openDatabase(databaseUrl);
    await assertDurable(db, config.nodeEnv);
    const [{ documents }]: { documents: string }[] = await db.query('SELECT count(*) AS documents FROM documents');
    if (Number(documents) === 0) {
      const report = await seed(db, { demo: config.seedDemo, hashPassword });
      log.log(`Seeded ${report.paragraphs} paragraphs, ${report.users} demo accounts and ${report.comments} comments`);
    }
    await db.destroy();
  } catch (error) {
    // Leave no database server behind when the app cannot start on it.
    await embedded?.stop().catch(() => undefined);
    throw error;
  }

  const app = await createApp(config, databaseUrl);
  await app.listen({ port: config.port, host: config.host });
  if (config.clientDir) void precompressClient(config.clientDir, log);
  log.log(`Doorway is ready at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} (${Date.now() - started} ms)`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.log(`${signal}: shutting down`);
    await app.close().catch((error: unknown) => log.error(String(error)));
    await embedded?.stop().catch((error: unknown) => log.error(String(error)));
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof UnsafeDatabaseError) {
    console.error(error.message);
  } else {
    console.error('Doorway could not start:', error instanceof Error ? (error.stack ?? error.message) : error);
  }
  process.exit(1);
});
