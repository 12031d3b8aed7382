import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { AppProcess, postgresProcessesOn } from './support/app-process';

const PORT = 3601;
const PG_PORT = 3611;
const ROOT = resolve(__dirname, '../..');
/** The tables whose rows must come back exactly, each with a column order that is stable. */
const KEY_TABLES = ['users', 'documents', 'document_versions', 'paragraphs', 'paragraph_revisions', 'contributions', 'migrations'];

type Snapshot = Record<string, { rows: number; md5: string }>;

/** A change only the backed-up database has: the seed alone is deterministic. */
async function markOriginal(): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port: PG_PORT, user: 'postgres', password: 'doorway-local', database: 'doorway' });
  await client.connect();
  try {
    await client.query(`UPDATE users SET display_name = display_name || ' (backed up)' WHERE email = 'civil1@doorway.test'`);
  } finally {
    await client.end();
  }
}

/** Row count and an md5 over every row (as text, in primary-key order) of each key table. */
async function snapshot(): Promise<Snapshot> {
  const client = new Client({ host: '127.0.0.1', port: PG_PORT, user: 'postgres', password: 'doorway-local', database: 'doorway' });
  await client.connect();
  try {
    const result: Snapshot = {};
    for (const table of KEY_TABLES) {
      const { rows } = await client.query<{ rows: string; md5: string | null }>(
        `SELECT count(*)::text AS rows, md5(string_agg(t::text, '|' ORDER BY t::text)) AS md5 FROM ${table} t`,
      );
      result[table] = { rows: Number(rows[0]?.rows), md5: rows[0]?.md5 ?? '' };
    }
    return result;
  } finally {
    await client.end();
  }
}

function script(name: 'db-backup' | 'db-restore', args: string[], dataDir: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [join(ROOT, `tools/scripts/${name}.mjs`), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

async function stop(app: AppProcess): Promise<void> {
  app.child.kill('SIGTERM');
  const exit = await app.exited;
  expect(exit.code).toBe(0);
}

describe('backup and restore of the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'doorway-backup-'));
  const archive = join(mkdtempSync(join(tmpdir(), 'doorway-backup-file-')), 'doorway.tar.gz');
  const env = { EMBEDDED_PG_PORT: String(PG_PORT) };
  let app: AppProcess | null = null;
  let clusterDir = '';

  afterAll(() => {
    app?.kill();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(archive, { force: true });
    if (clusterDir.startsWith('/var/lib/doorway/')) {
      rmSync(clusterDir, { recursive: true, force: true });
    }
  });

  it('backs up, survives a wipe, restores, and every key table comes back identical', async () => {
    app = new AppProcess(dataDir, PORT, env);
    await app.ready();
    clusterDir = app.clusterDir();
    await markOriginal();
    const before = await snapshot();
    expect(before['contributions']?.rows).toBeGreaterThan(0);
    expect(before['users']?.rows).toBeGreaterThan(0);

    // While the app runs, both refuse and say why.
    const busyBackup = script('db-backup', ['--out', archive], dataDir);
    expect(busyBackup.status).not.toBe(0);
    expect(busyBackup.output).toMatch(/is running on .*Stop the app first/s);
    const busyRestore = script('db-restore', [archive], dataDir);
    expect(busyRestore.status).not.toBe(0);
    expect(busyRestore.output).toMatch(/does not exist/);

    await stop(app);
    const backup = script('db-backup', ['--out', archive], dataDir);
    expect(backup).toMatchObject({ status: 0 });
    expect(existsSync(archive)).toBe(true);

    // Wipe: a brand-new cluster, seeded afresh (without the change, so the checksum of users differs).
    rmSync(clusterDir, { recursive: true, force: true });
    mkdirSync(clusterDir);
    app = new AppProcess(dataDir, PORT, env);
    await app.ready();
    const fresh = await snapshot();
    expect(fresh['users']?.md5).not.toBe(before['users']?.md5);

    const refused = script('db-restore', [archive], dataDir);
    expect(refused.status).not.toBe(0);
    expect(refused.output).toMatch(/the app is using this database.*Nothing was changed/s);
    await stop(app);

    const restored = script('db-restore', [archive], dataDir);
    expect(restored.status).toBe(0);
    expect(restored.output).toMatch(/The database it replaced is kept in (\S+);/);
    const keptAt = /kept in (\S+);/.exec(restored.output)?.[1] ?? '';
    rmSync(keptAt, { recursive: true, force: true });

    app = new AppProcess(dataDir, PORT, env);
    await app.ready();
    expect(await snapshot()).toEqual(before);
    await stop(app);
    expect(postgresProcessesOn(clusterDir)).toEqual([]);
  }, 300_000);

  it('refuses a file that is not a backup, and explains the usage', () => {
    const notBackup = script('db-restore', [join(ROOT, 'package.json')], dataDir);
    expect(notBackup.status).not.toBe(0);
    expect(notBackup.output).toMatch(/is not a backup made by npm run db:backup/);
    expect(script('db-restore', [], dataDir).output).toMatch(/Usage: npm run db:restore -- <backup.tar.gz>/);
    expect(script('db-backup', ['--to', 'x'], dataDir).output).toMatch(/Usage: npm run db:backup/);
  });
});
