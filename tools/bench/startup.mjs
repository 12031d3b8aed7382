// Cold and warm start: from `npm start` to the first 200 on /api/health. Cold uses an empty data
// dir (initdb, migrations, seed); warm reuses it. Builds are assumed done (Nx caches them).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from '../scripts/lib.mjs';

/** Milliseconds from `npm start` to the first 200 on /api/health, or null after 180 s. */
async function timeStart(dataDir, port) {
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', NX_DAEMON: 'false' },
    stdio: 'ignore',
    detached: true,
  });
  let ms = null;
  while (performance.now() - started < 180_000) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.status === 200) {
        ms = performance.now() - started;
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  process.kill(-child.pid, 'SIGINT');
  await new Promise((resolve) => child.once('exit', resolve));
  return ms;
}

/** Cold start (empty data dir), then warm start (the same dir), on `port`. */
export async function measureStartup(port = Number(process.env.PORT ?? 3310)) {
  const dataDir = mkdtempSync(join(tmpdir(), 'doorway-start-'));
  try {
    const cold = await timeStart(dataDir, port);
    const warm = await timeStart(dataDir, port);
    return { coldStartMs: cold === null ? null : Math.round(cold), warmStartMs: warm === null ? null : Math.round(warm) };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await measureStartup()));
}
