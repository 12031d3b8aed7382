// `npm run db:restore -- <file.tar.gz>`: puts a backup made by `npm run db:backup` in place of the
// embedded cluster of DATA_DIR. It refuses while a server uses the cluster, and moves the
// current cluster aside rather than deleting it.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { clusterDir, fail, isRoot, runningServer, serverMajor, tar } from './db-files.mjs';

const args = process.argv.slice(2);
if (args.length !== 1) fail('Usage: npm run db:restore -- <backup.tar.gz>', 2);
const file = resolve(args[0]);
if (!existsSync(file)) fail(`${file} does not exist.`);

let major;
try {
  major = tar(['-xzOf', file, './PG_VERSION']).trim();
} catch {
  fail(`${file} is not a backup made by npm run db:backup (no PG_VERSION inside).`);
}
const expected = serverMajor();
if (major !== expected) fail(`${file} holds a PostgreSQL ${major} cluster; this app runs PostgreSQL ${expected}.`);

const { dataDir, dir } = clusterDir();
const pid = runningServer(dir);
if (pid !== null) {
  fail(
    `PostgreSQL (pid ${pid}) is running on ${dir}: the app is using this database.\n` +
      'Stop the app first (Ctrl-C or SIGTERM), then run the restore again. Nothing was changed.',
  );
}

let keptAt = null;
if (existsSync(join(dir, 'PG_VERSION'))) {
  keptAt = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  renameSync(dir, keptAt);
} else {
  rmSync(dir, { recursive: true, force: true });
}
mkdirSync(dir, { recursive: true });
try {
  tar(['-xzf', file, '-C', dir]);
  // PostgreSQL refuses a data directory that others can read; as root the server runs as postgres.
  chmodSync(dir, 0o700);
  if (isRoot()) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
} catch (error) {
  rmSync(dir, { recursive: true, force: true });
  if (keptAt) renameSync(keptAt, dir);
  fail(`Restoring failed, the previous database is back in place: ${error.message}`);
}
console.log(`Restored ${file} into ${dir} (DATA_DIR ${dataDir}).`);
if (keptAt) console.log(`The database it replaced is kept in ${keptAt}; delete it once you are satisfied.`);
console.log('Start the app (npm start): it applies any migration newer than the backup.');
