import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const child = (...args: string[]) =>
  spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'support', 'embedded-child.ts'), ...args], {
    env: { ...process.env, TS_NODE_PROJECT: join(__dirname, '..', 'tsconfig.spec.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

/** Starts the child that commits a row, waits for its word, then kills it with SIGKILL. */
async function commitThenKill(dataDir: string, marker: string): Promise<void> {
  await untilKilled(child(dataDir, 'commit', marker), marker);
}

async function untilKilled(child: ReturnType<typeof spawn>, marker: string): Promise<void> {
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes(`committed ${marker}`) && resolve());
    child.on('exit', (code) => reject(new Error(`child exited with ${code}: ${errors}`)));
  });
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
}

/** Restarts the cluster in a fresh process and reads back what was committed. */
async function readBack(dataDir: string): Promise<{ url: string; marks: string[] }> {
  const reader = child(dataDir, 'read');
  let output = '';
  let errors = '';
  reader.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  reader.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const code = await new Promise((resolve) => reader.once('exit', resolve));
  if (code !== 0) throw new Error(`reader exited with ${String(code)}: ${errors}`);
  const line = output.trim().split('\n').filter((l) => l.startsWith('{')).pop() ?? '{}';
  return JSON.parse(line) as { url: string; marks: string[] };
}

describe('embedded PostgreSQL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'doorway-crash-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('recovers after the app is killed with SIGKILL, losing nothing it committed', async () => {
    await commitThenKill(dataDir, 'first');
    // The server outlived its parent: the cluster's postmaster.pid names a live process.
    const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
    expect(existsSync(pidFile)).toBe(true);
    const orphan = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    expect(() => process.kill(orphan, 0)).not.toThrow();

    await commitThenKill(dataDir, 'second');

    const after = await readBack(dataDir);
    expect(after.marks).toEqual(['first', 'second']);
    expect(after.url).toMatch(/@127\.0\.0\.1:\d+\//);
    // The reader stopped it cleanly (as Ctrl-C does): no server and no pid file are left behind.
    expect(existsSync(pidFile)).toBe(false);
  }, 120_000);
});
