import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

/**
 * api/src/main.ts through ts-node as a child process on 127.0.0.1:`port`, without client files;
 * `env` goes over the parent's environment, and the child's stdout and stderr go to `onOutput`.
 */
function spawnApi(port: number, env: Record<string, string>, onOutput: (text: string) => void): ChildProcess {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(ROOT, 'api/src/main.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        TS_NODE_PROJECT: join(ROOT, 'api/tsconfig.spec.json'),
        PORT: String(port),
        HOST: '127.0.0.1',
        CLIENT_DIR: '',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => onOutput(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => onOutput(chunk.toString()));
  return child;
}

/**
 * Resolves once `url` answers 200; fails as soon as `child` (the server behind it) exits, or at
 * `timeoutMs`, with what `output` says it printed.
 */
export async function waitUntilOk(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the process behind ${url} exited (${String(child.exitCode ?? child.signalCode)}):\n${output()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((wait) => setTimeout(wait, 200));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms:\n${output()}`);
}

/** SIGTERM, then SIGKILL if the process has not exited after `graceMs`; resolves once it has exited. */
export async function stopProcess(child: ChildProcess | undefined, graceMs = 10_000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** An API process on the integration run's PostgreSQL, one of several sharing it (live, topology). */
export interface ApiInstance {
  name: string;
  base: string;
  child: ChildProcess;
  /** Its stdout and stderr so far. */
  output: string[];
}

/**
 * Starts an API process as `name` on `databaseUrl` (the run's TEST_DATABASE_URL, already migrated
 * and seeded) and resolves once /api/health answers; `env` adds to or overrides the defaults.
 */
export async function startApi(name: string, databaseUrl: string, port: number, env: Record<string, string> = {}): Promise<ApiInstance> {
  const output: string[] = [];
  const child = spawnApi(port, { DATABASE_URL: databaseUrl, NODE_ENV: 'test', LOG_LEVEL: 'warn', SEED_DEMO: '0', ...env }, (text) => output.push(text));
  const instance = { name, base: `http://127.0.0.1:${port}`, child, output };
  try {
    await waitUntilOk(`${instance.base}/api/health`, child, () => `API ${name}:\n${output.join('')}`, 90_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return instance;
}

/** A port that was free a moment ago, for processes that must be told theirs up front. */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

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
    this.child = spawnApi(
      port,
      { DATA_DIR: dataDir, SEED_DEMO: '1', LOG_LEVEL: 'log', NODE_ENV: 'development', DATABASE_URL: '', ...env },
      (text) => (this.output += text),
    );
    this.exited = new Promise((done) => this.child.once('exit', (code, signal) => done({ code, signal, at: Date.now() })));
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Resolves once /api/ready answers 200. */
  async ready(timeoutMs = 120_000): Promise<void> {
    await waitUntilOk(`${this.base}/api/ready`, this.child, () => this.output.slice(-4000), timeoutMs);
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
