import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const MAIN = join(ROOT, 'dist', 'api', 'api', 'src', 'main.js');
/** Every port the crash test opens lies in 3500-3599. */
export const PORTS = { app: 3550, embeddedPostgres: 3551, verify: 3552 } as const;

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** The built API in a child process, with its output kept (the last 50 kB). */
export class AppProcess {
  private output = '';
  readonly process: ChildProcess;
  private readonly exited: Promise<void>;

  constructor(env: Record<string, string>) {
    const inherited: Record<string, string | undefined> = { ...process.env };
    delete inherited['DATABASE_URL'];
    this.process = spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      env: { ...inherited, NX_DAEMON: 'false', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString().replace(ANSI, '')).slice(-50_000);
    };
    this.process.stdout?.on('data', keep);
    this.process.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => this.process.once('exit', () => resolve()));
  }

  get pid(): number {
    return this.process.pid ?? -1;
  }

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  log(): string {
    return this.output;
  }

  /** The embedded cluster's directory, from the startup line "Embedded PostgreSQL on …, data in <dir>". */
  clusterDir(): string | null {
    const match = /Embedded PostgreSQL on \S+, data in ([^\s"]+)/.exec(this.output);
    return match?.[1] ?? null;
  }

  async waitHealthy(baseUrl: string, timeoutMs = 180_000): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      if (!this.running) throw new Error(`the app exited (${String(this.process.exitCode ?? this.process.signalCode)}) before it was healthy:\n${this.output.slice(-4000)}`);
      try {
        const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5000) });
        await response.arrayBuffer();
        if (response.status === 200) return Date.now() - started;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`${baseUrl}/api/health did not answer 200 within ${timeoutMs} ms:\n${this.output.slice(-4000)}`);
  }

  async kill(): Promise<void> {
    if (!this.running) return;
    this.process.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM (the app closes and stops its embedded PostgreSQL), SIGKILL after 30 s. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 30_000);
    await this.exited;
    clearTimeout(timer);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The postmaster's pid: the first line of <cluster>/postmaster.pid. */
export function postmasterPid(clusterDir: string): number | null {
  const file = join(clusterDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number.parseInt(readFileSync(file, 'utf8').split('\n')[0] ?? '', 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** 'gone', 'zombie' (dead but not reaped) or 'alive', from /proc. */
export function processState(pid: number): 'gone' | 'zombie' | 'alive' {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' || state === 'X' ? 'zombie' : 'alive';
  } catch {
    return 'gone';
  }
}

/** Waits until the process is gone or a zombie; true if it is gone (reaped). */
export async function waitDead(pid: number, timeoutMs: number): Promise<'gone' | 'zombie' | 'alive'> {
  const started = Date.now();
  let state = processState(pid);
  while (state === 'alive' && Date.now() - started < timeoutMs) {
    await sleep(5);
    state = processState(pid);
  }
  // A dead child is reaped by its parent's event loop a moment later.
  while (state === 'zombie' && Date.now() - started < timeoutMs) {
    await sleep(5);
    state = processState(pid);
  }
  return state;
}
