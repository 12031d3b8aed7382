import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'typeorm';
import { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/config';

/** Counts the SQL statements the app sends, so tests can pin the number per request. */
export class QueryCounter implements Logger {
  statements: string[] = [];
  logQuery(query: string): void {
    // TypeORM's own transaction bookkeeping is not a statement the feature chose to send.
    if (!/^(START TRANSACTION|COMMIT|ROLLBACK)/i.test(query)) this.statements.push(query);
  }
  logQueryError(): void {
    // Failures surface through the responses the tests check.
  }
  logQuerySlow(): void {
    // Timing is for benchmarks, not tests.
  }
  logSchemaBuild(): void {
    // The schema comes from migrations.
  }
  logMigration(): void {
    // Migrations run in global setup.
  }
  log(): void {
    // Nothing else is of interest here.
  }
  reset(): void {
    this.statements = [];
  }
}

export interface TestApp {
  app: NestFastifyApplication;
  db: DataSource;
  queries: QueryCounter;
  close(): Promise<void>;
}

/** `env` overrides the test configuration, e.g. `{ CLIENT_DIR: dir }` to serve a client. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const url = process.env['TEST_DATABASE_URL'];
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run through jest.integration.config.ts');
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: 'integration-tests-secret-that-is-long-enough',
    DATABASE_URL: url,
    CLIENT_DIR: '',
    LOG_LEVEL: 'error',
    // Suites post many comments from few users; comment-rate-limit.int-spec.ts sets the real limit.
    COMMENT_RATE_LIMIT_PER_MINUTE: '100000',
    ...env,
  });
  const queries = new QueryCounter();
  const app = await createApp(config, url, { logger: queries });
  await app.getHttpAdapter().getInstance().ready();
  const db = app.get<DataSource>(getDataSourceToken());
  return { app, db, queries, close: () => app.close() };
}
