import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

/**
 * The real server (api/src/main.ts through ts-node) as a child process, with its own embedded
 * PostgreSQL in `dataDir`, listening on `port`. Its stdout (JSON log lines) is kept.
 */
export class AppProcess {
  readonly child: ChildProcess;
  output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;

  constructor(
    readonly dataDir: string,
    readonly port: number,
    env: Record<string, string> = {},
  ) {
    this.child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(ROOT, 'api/src/main.ts')],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          TS_NODE_PROJECT: join(ROOT, 'api/tsconfig.spec.json'),
          PORT: String(port),
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          CLIENT_DIR: '',
          SEED_DEMO: '1',
          LOG_LEVEL: 'log',
          NODE_ENV: 'development',
          DATABASE_URL: '',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((done) => this.child.once('exit', (code, signal) => done({ code, signal, at: Date.now() })));
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Resolves once /api/ready answers 200. */
  async ready(timeoutMs = 120_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (this.child.exitCode !== null) throw new Error(`the app exited early:\n${this.output.slice(-4000)}`);
      try {
        const response = await fetch(`${this.base}/api/ready`, { signal: AbortSignal.timeout(2000) });
        if (response.status === 200) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((wait) => setTimeout(wait, 250));
    }
    throw new Error(`/api/ready did not answer 200 within ${timeoutMs} ms:\n${this.output.slice(-4000)}`);
  }

  /** The real directory of the cluster (as root it lives under /var/lib/doorway, linked from the data dir). */
  clusterDir(): string {
    const link = join(this.dataDir, 'postgres');
    return existsSync(link) ? realpathSync(link) : link;
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

/** Command lines of the running postgres processes that serve `clusterDir`. */
export function postgresProcessesOn(clusterDir: string): string[] {
  const lines = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n');
  return lines.filter((line) => /postgres/.test(line) && line.includes(clusterDir));
}
