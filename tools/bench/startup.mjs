// Cold and warm start: from `npm start` to the first 200 on /api/health. Cold uses an empty data
// dir (initdb, migrations, seed); warm reuses it. Builds are assumed done (Nx caches them).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../scripts/lib.mjs';

const port = Number(process.env.PORT ?? 3310);

async function timeStart(dataDir) {
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

const dataDir = mkdtempSync(join(tmpdir(), 'doorway-start-'));
const cold = await timeStart(dataDir);
const warm = await timeStart(dataDir);
rmSync(dataDir, { recursive: true, force: true });
console.log(JSON.stringify({ coldStartMs: Math.round(cold), warmStartMs: Math.round(warm) }));
