import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { seed } from '@doorway/seeds';
import { createApp } from './bootstrap';
import { EarlyLogger, createRootLogger } from './common/logging/logging';
import { DRAIN_TIMEOUT_MS, HttpDrain } from './common/shutdown/http-drain';
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
  const logger = createRootLogger(config.logLevel);
  Logger.overrideLogger(new EarlyLogger(logger));

  let embedded: RunningEmbeddedDatabase | null = null;
  let releaseEarlyHandlers = (): void => undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedDatabase({ dataDir: config.dataDir, port: config.embeddedPostgresPort, callerHandlesSignals: true });
    databaseUrl = embedded.url;
    // Until the app serves there is nothing to drain: a signal just stops the database.
    const running = embedded;
    const stopEarly = (signal: NodeJS.Signals) => {
      log.warn(`${signal} while starting: stopping the embedded database`);
      void running.stop().finally(() => process.exit(1));
    };
    process.once('SIGINT', stopEarly);
    process.once('SIGTERM', stopEarly);
    releaseEarlyHandlers = () => {
      process.removeListener('SIGINT', stopEarly);
      process.removeListener('SIGTERM', stopEarly);
    };
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

  const app = await createApp(config, databaseUrl, {}, { logger });
  await app.listen({ port: config.port, host: config.host });
  if (config.clientDir) void precompressClient(config.clientDir, log);
  log.log(`Doorway is ready at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} (${Date.now() - started} ms)`);

  /**
   * No new connections; event streams end and export workers stop; requests in flight get up to
   * DRAIN_TIMEOUT_MS (see HttpDrain); the pool closes; then the embedded database stops.
   */
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      log.warn(`${signal}: already stopping`);
      return;
    }
    stopping = true;
    const began = Date.now();
    log.log(`${signal}: stopping (requests in flight get up to ${DRAIN_TIMEOUT_MS / 1000} s)`);
    // Should a hook hang, still stop the database and leave, with a code that says so.
    const deadline = setTimeout(() => {
      log.error('Shutdown is taking too long: stopping the database and exiting');
      void (embedded?.stop() ?? Promise.resolve()).finally(() => process.exit(1));
    }, DRAIN_TIMEOUT_MS + 15_000);
    deadline.unref();
    app.get(HttpDrain).stopAccepting();
    let clean = true;
    await app.close().catch((error: unknown) => {
      clean = false;
      log.error(`Closing the app failed: ${String(error)}`);
    });
    await embedded?.stop().catch((error: unknown) => {
      clean = false;
      log.error(`Stopping the embedded database failed: ${String(error)}`);
    });
    log.log(`Stopped in ${Date.now() - began} ms`);
    process.exit(clean ? 0 : 1);
  };
  releaseEarlyHandlers();
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof UnsafeDatabaseError) {
    console.error(error.message);
  } else {
    console.error('Doorway could not start:', error instanceof Error ? (error.stack ?? error.message) : error);
  }
  process.exit(1);
});
