import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { extname, join, resolve } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export const EXPORT_DATABASE_URL = Symbol('EXPORT_DATABASE_URL');

/** Two cores: one export at a time per API instance leaves the other core to the readers. */
const CONCURRENCY = 1;
/**
 * A worker that outgrows this heap, or this time, is stopped and its job marked failed, rather
 * than letting one export take the machine from the readers. Digests keep the paged formats
 * small (see export-job.ts); the large dataset's exports peak under 512 MB of RSS.
 */
export const WORKER_HEAP_MB = 1024;
export const WORKER_TIMEOUT_MS = 10 * 60_000;

/** Running from TypeScript sources (tests, ts-node): the worker needs the same loaders. */
function workerCommand(): { path: string; execArgv: string[]; env: NodeJS.ProcessEnv } {
  const ext = extname(__filename);
  const path = join(__dirname, `export-worker${ext}`);
  const heap = `--max-old-space-size=${WORKER_HEAP_MB}`;
  if (ext !== '.ts') return { path, execArgv: [heap], env: {} };
  return {
    path,
    execArgv: [heap, '-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
    env: { TS_NODE_PROJECT: resolve(__dirname, '../../../tsconfig.spec.json') },
  };
}

/**
 * Runs export jobs in worker processes, one queue per API instance. The job row is the source of
 * truth (status, progress, file), so any instance can answer about any job.
 */
@Injectable()
export class ExportRunner implements OnModuleDestroy {
  private readonly logger = new Logger('Exports');
  private readonly queue: string[] = [];
  private readonly children = new Map<string, ChildProcess>();
  private stopping = false;

  constructor(
    @Inject(EXPORT_DATABASE_URL) private readonly databaseUrl: string,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  enqueue(jobId: string): void {
    this.queue.push(jobId);
    this.pump();
  }

  private pump(): void {
    while (!this.stopping && this.children.size < CONCURRENCY && this.queue.length) {
      const jobId = this.queue.shift();
      if (jobId) this.start(jobId);
    }
  }

  private start(jobId: string): void {
    const command = workerCommand();
    const child = fork(command.path, [jobId], {
      execArgv: command.execArgv,
      env: { ...process.env, ...command.env, DATABASE_URL: this.databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.children.set(jobId, child);
    const timeout = setTimeout(() => child.kill('SIGKILL'), WORKER_TIMEOUT_MS);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code, signal) => {
      clearTimeout(timeout);
      this.children.delete(jobId);
      if (code === 0) this.logger.log(`export ${jobId}: ${output.trim()}`);
      else void this.markFailed(jobId, signal ? `stopped by ${signal}` : `exit code ${code}`, output.trim());
      this.pump();
    });
  }

  private async markFailed(jobId: string, how: string, output: string): Promise<void> {
    this.logger.error(`export ${jobId} ${how}: ${output}`);
    try {
      await this.db.query(
        `UPDATE export_jobs SET status = 'failed', stage = 'failed', error = $2, finished_at = now(), updated_at = now()
          WHERE id = $1 AND status IN ('queued', 'running')`,
        [jobId, `The export stopped unexpectedly (${how}). Please try again.`],
      );
    } catch (error) {
      // The database may already be closing on shutdown; the job then reads as stale (see ExportsService).
      this.logger.error(`could not mark export ${jobId} failed: ${String(error)}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    const running = [...this.children.entries()];
    for (const [, child] of running) child.kill('SIGTERM');
    await Promise.all(
      running.map(([jobId]) =>
        this.db.query(
          `UPDATE export_jobs SET status = 'failed', stage = 'failed', error = 'Interrupted by a restart of the server. Please try again.',
                  finished_at = now(), updated_at = now()
            WHERE id = $1 AND status IN ('queued', 'running')`,
          [jobId],
        ),
      ),
    );
    for (const jobId of this.queue.splice(0)) {
      await this.db.query(
        `UPDATE export_jobs SET status = 'failed', stage = 'failed', error = 'Interrupted by a restart of the server. Please try again.',
                finished_at = now(), updated_at = now() WHERE id = $1 AND status = 'queued'`,
        [jobId],
      );
    }
  }
}
