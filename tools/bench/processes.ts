import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export const ROOT = join(__dirname, '..', '..');
/** Every port the harness opens lies in 3300-3399. */
export const PORTS = { database: 3301, app: 3302, documentSql: 3303, staticBody: 3304, insert: 3305, startup: 3320, startupDb: 3321, chrome: 3340 } as const;

export interface Child {
  process: ChildProcess;
  output: () => string;
}

function track(child: ChildProcess): Child {
  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { process: child, output: () => out };
}

/** The built API (`node dist/api/api/src/main.js`), as `npm start` runs it. */
export function startApp(env: Record<string, string>): Child {
  return track(
    spawn(process.execPath, ['dist/api/api/src/main.js'], {
      cwd: ROOT,
      env: { ...process.env, NX_DAEMON: 'false', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/** A TypeScript file of tools/bench in its own Node process. */
export function startTs(file: string, env: Record<string, string>): Child {
  return track(
    spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, file)], {
      cwd: ROOT,
      env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tools', 'tsconfig.json'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/** Polls until the URL answers 200; resolves with the milliseconds since `since`. */
export async function waitFor200(url: string, child: Child, since = performance.now(), timeoutMs = 180_000): Promise<number> {
  while (performance.now() - since < timeoutMs) {
    if (child.process.exitCode !== null) throw new Error(`process exited (${child.process.exitCode}) before ${url} answered:\n${child.output()}`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms:\n${child.output()}`);
}

export async function stop(child: Child): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Runs a command to completion, collecting its stdout. */
export function runCommand(command: string, args: string[], env: Record<string, string> = {}, timeoutMs = 600_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 1 : 0), stdout, stderr });
    });
  });
}
