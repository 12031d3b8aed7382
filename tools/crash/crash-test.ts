import '../../api/test/support/register-paths';
import { existsSync, mkdirSync, realpathSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedDatabase } from '../../api/src/database/embedded-postgres';
import type { RunningEmbeddedDatabase } from '../../api/src/database/embedded-postgres';
import { AppProcess, MAIN, PORTS, ROOT, postmasterPid, processState, sleep, waitDead } from './app-process';
import { Session, burst, makeJobs } from './client';
import type { Job } from './client';

/**
 * `npm run crash-test`: the built API (dist, in a child process, embedded PostgreSQL in a fresh
 * data dir) under a burst of idempotent comment POSTs, killed mid-burst and restarted:
 * round 1 SIGKILLs the API process only, round 2 the PostgreSQL postmaster and the API. The client
 * retries every request (same Idempotency-Key, same body) until it gets a 2xx or a final 4xx; then
 * the database is read directly: every comment must exist exactly once. Exit 1 on any failure.
 */

const REQUESTS = 2000;
const CONCURRENCY = 50;
const KILL_AFTER_ACKS = Math.round(REQUESTS * 0.35);
/** Above the API's STALE_CLAIM_SECONDS (60, a constant): a claim orphaned by the kill is retaken after it. */
const GIVE_UP_AFTER_MS = 240_000;
const DOCUMENT = 'bpf-cybersecurity-2016';
const PARAGRAPH = 'intro-purpose';
const PASSWORD = 'doorway-demo-2016';
const USERS = ['gov', 'civil', 'tech', 'private', 'academia'].flatMap((group) => [1, 2, 3].map((i) => `${group}${i}@doorway.test`));
const BASE_URL = `http://127.0.0.1:${PORTS.app}`;

type KillMode = 'api' | 'api+postgres';

interface RoundResult {
  round: number;
  mode: KillMode;
  jobs: Job[];
  kills: string[];
  ackedBeforeKill: number;
  restartMs: number;
  seconds: number;
}

interface Tally {
  sent: number;
  acknowledged: number;
  firstTry: number;
  retried: number;
  responseLost: number;
  unsettled: number;
  storedOnce: number;
  duplicates: number;
  missing: number;
  wrongId: number;
  problems: string[];
}

const dataDir = join(ROOT, 'tmp', `crash-${new Date().toISOString().replace(/[:.]/g, '-')}`);
const appEnv: Record<string, string> = {
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  PORT: String(PORTS.app),
  EMBEDDED_PG_PORT: String(PORTS.embeddedPostgres),
  DATA_DIR: dataDir,
  CLIENT_DIR: '',
  SEED_DEMO: '1',
  LOG_LEVEL: 'log',
  // A few users post thousands of comments here: the per-user rate limit is not what is tested.
  COMMENT_RATE_LIMIT_PER_MINUTE: '1000000',
};

let app: AppProcess | null = null;
let verifier: RunningEmbeddedDatabase | null = null;
let clusterDir: string | null = null;

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function startApp(): Promise<number> {
  app = new AppProcess(appEnv);
  const ms = await app.waitHealthy(BASE_URL);
  clusterDir = app.clusterDir() ?? clusterDir;
  return ms;
}

function currentApp(): AppProcess {
  if (!app) throw new Error('the app is not running');
  return app;
}

/** Kills what the round asks for; returns what was killed. */
async function kill(mode: KillMode): Promise<string[]> {
  const running = currentApp();
  const killed: string[] = [];
  if (mode === 'api+postgres') {
    if (!clusterDir) throw new Error('the app never logged its cluster dir ("data in …")');
    const pid = postmasterPid(clusterDir);
    if (pid === null) throw new Error(`no postmaster.pid in ${clusterDir}`);
    // The postmaster first, while the API (its parent) is alive to reap it: an orphan reparented to
    // a PID 1 that does not reap would stay a zombie, which the next start would take for a live server.
    process.kill(pid, 'SIGKILL');
    const state = await waitDead(pid, 5000);
    if (state === 'alive') throw new Error(`the postmaster (pid ${pid}) survived SIGKILL`);
    killed.push(`PostgreSQL postmaster pid ${pid}${state === 'zombie' ? ' (left a zombie)' : ''}`);
  }
  const pid = running.pid;
  await running.kill();
  killed.unshift(`API pid ${pid}`);
  return killed;
}

async function runRound(round: number, mode: KillMode, sessions: Session[]): Promise<RoundResult> {
  const started = Date.now();
  const jobs = makeJobs(round, REQUESTS, sessions);
  let acked = 0;
  let trigger: () => void = () => undefined;
  const killTime = new Promise<void>((resolve) => (trigger = resolve));
  const crash = (async () => {
    await killTime;
    const ackedBeforeKill = acked;
    const kills = await kill(mode);
    say(`  round ${round}: killed ${kills.join(' and ')} after ${ackedBeforeKill} acknowledgements; restarting`);
    const restartStarted = Date.now();
    await startApp();
    const restartMs = Date.now() - restartStarted;
    say(`  round ${round}: the app is healthy again after ${restartMs} ms`);
    return { kills, ackedBeforeKill, restartMs };
  })();
  const sending = burst(jobs, {
    baseUrl: BASE_URL,
    path: `/api/documents/${DOCUMENT}/paragraphs/${PARAGRAPH}/comments`,
    concurrency: CONCURRENCY,
    giveUpAfterMs: GIVE_UP_AFTER_MS,
    onAck: () => {
      acked += 1;
      if (acked === KILL_AFTER_ACKS) trigger();
    },
  }).finally(() => trigger());
  const [crashed] = await Promise.all([crash, sending]);
  return { round, mode, jobs, ...crashed, seconds: (Date.now() - started) / 1000 };
}

interface StoredRow {
  body: string;
  ids: string[];
}

async function readComments(url: string): Promise<Map<string, StoredRow>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ body: string; ids: string[] }>(
      `SELECT body, array_agg(id::text ORDER BY id) AS ids FROM contributions WHERE body LIKE 'crash-test %' GROUP BY body`,
    );
    return new Map(result.rows.map((row) => [row.body, row]));
  } finally {
    await client.end();
  }
}

function tally(result: RoundResult, stored: Map<string, StoredRow>): Tally {
  const t: Tally = {
    sent: result.jobs.length,
    acknowledged: 0,
    firstTry: 0,
    retried: 0,
    responseLost: 0,
    unsettled: 0,
    storedOnce: 0,
    duplicates: 0,
    missing: 0,
    wrongId: 0,
    problems: [],
  };
  for (const job of result.jobs) {
    const ids = stored.get(job.body)?.ids ?? [];
    if (job.outcome === 'acknowledged') t.acknowledged += 1;
    if (job.ackedOnFirstTry) t.firstTry += 1;
    if (job.attempts > 1) t.retried += 1;
    if (ids.length === 1) t.storedOnce += 1;
    if (ids.length > 1) {
      t.duplicates += ids.length - 1;
      t.problems.push(`"${job.body}" is stored ${ids.length} times`);
    }
    if (job.outcome === 'response-lost') {
      // The response is stored in the transaction that stores the comment, so a retry replays it;
      // a 409 IDEMPOTENCY_RESPONSE_LOST here would mean that guarantee broke.
      t.responseLost += 1;
      t.problems.push(`"${job.body}" ended 409 IDEMPOTENCY_RESPONSE_LOST after ${job.attempts} attempts (saved, its 2xx never came)`);
    } else if (job.outcome !== 'acknowledged') {
      t.unsettled += 1;
      t.problems.push(`"${job.body}" ended ${job.outcome}: ${job.lastError}`);
    }
    if (ids.length === 0) {
      t.missing += 1;
      if (job.outcome === 'acknowledged' || job.outcome === 'response-lost') t.problems.push(`"${job.body}" was ${job.outcome} but is not stored`);
    }
    if (job.outcome === 'acknowledged' && ids.length === 1 && job.commentId !== ids[0]) {
      t.wrongId += 1;
      t.problems.push(`"${job.body}" was acknowledged as ${String(job.commentId)} but is stored as ${String(ids[0])}`);
    }
  }
  return t;
}

function printRound(result: RoundResult, t: Tally): void {
  say(`round ${result.round} (kill ${result.mode === 'api' ? 'the API' : 'the API and PostgreSQL'}, ${result.seconds.toFixed(1)} s):`);
  say(`  sent ${t.sent}, acknowledged ${t.acknowledged} (${t.firstTry} on the first try, ${result.ackedBeforeKill} before the kill), retried ${t.retried}`);
  say(`  kills ${result.kills.length}: ${result.kills.join(', ')}; restart to healthy ${result.restartMs} ms`);
  say(`  existing rows ${t.storedOnce + t.duplicates} (${t.storedOnce} stored once), duplicates ${t.duplicates}, missing ${t.missing}` +
    (t.responseLost ? `, ${t.responseLost} stored but answered 409 IDEMPOTENCY_RESPONSE_LOST` : '') +
    (t.wrongId ? `, ${t.wrongId} acknowledged with another id` : ''));
  const attempts = result.jobs.reduce((sum, job) => sum + job.attempts, 0);
  const maxAttempts = Math.max(...result.jobs.map((job) => job.attempts));
  say(`  attempts ${attempts} (max ${maxAttempts} for one request)`);
  for (const problem of t.problems.slice(0, 10)) say(`  FAIL ${problem}`);
  if (t.problems.length > 10) say(`  … and ${t.problems.length - 10} more problems`);
}

async function cleanup(): Promise<void> {
  await verifier?.stop().catch(() => undefined);
  verifier = null;
  if (app) await app.stop().catch(() => undefined);
  // A postmaster the app could not stop (killed app, failed start): a fast shutdown.
  if (clusterDir) {
    const pid = postmasterPid(clusterDir);
    if (pid !== null && processState(pid) === 'alive') {
      try {
        process.kill(pid, 'SIGINT');
        await waitDead(pid, 30_000);
      } catch {
        // already gone
      }
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
  // As root the cluster may live outside the data dir (/var/lib/doorway/cluster-…).
  if (clusterDir && relative(dataDir, clusterDir).startsWith('..')) rmSync(clusterDir, { recursive: true, force: true });
}

async function main(): Promise<number> {
  const wall = Date.now();
  if (!existsSync(MAIN)) {
    console.error(`crash test: ${relative(ROOT, MAIN)} is missing; build the API first: npx nx run api:build`);
    return 1;
  }
  mkdirSync(dataDir, { recursive: true });
  say(`crash test: data in ${relative(ROOT, dataDir)}, API on ${BASE_URL}, ${REQUESTS} comments per round, ${CONCURRENCY} in flight`);

  const firstStart = await startApp();
  say(`  the app is healthy after ${firstStart} ms (cluster in ${String(clusterDir)})`);
  const sessions = USERS.map((email) => new Session(BASE_URL, email));
  for (const session of sessions) await session.signIn(PASSWORD);
  say(`  signed in ${sessions.length} participants`);

  const results = [await runRound(1, 'api', sessions), await runRound(2, 'api+postgres', sessions)];

  // Stop the app cleanly, then read the cluster with the app's own embedded start.
  await currentApp().stop();
  app = null;
  verifier = await startEmbeddedDatabase({ dataDir, port: PORTS.verify });
  if (clusterDir && realpathSync(verifier.clusterDir) !== realpathSync(clusterDir)) {
    throw new Error(`the verifier opened ${verifier.clusterDir}, the app used ${clusterDir}`);
  }
  const stored = await readComments(verifier.url);
  await verifier.stop();
  verifier = null;

  const tallies = results.map((result) => tally(result, stored));
  results.forEach((result, i) => printRound(result, tallies[i] as Tally));
  const sum = (pick: (t: Tally) => number): number => tallies.reduce((total, t) => total + pick(t), 0);
  const expected = new Set(results.flatMap((result) => result.jobs.map((job) => job.body)));
  const strays = [...stored.keys()].filter((body) => !expected.has(body));
  if (strays.length) say(`  FAIL ${strays.length} stored crash-test comments that no request sent, e.g. "${strays[0]}"`);
  const failures = sum((t) => t.problems.length) + strays.length;
  const lost = sum((t) => t.missing);
  const responseLost = sum((t) => t.responseLost);
  say(
    `crash test: ${sum((t) => t.sent)} sent, ${sum((t) => t.acknowledged)} acknowledged` +
      (responseLost ? ` (+${responseLost} stored with the response lost)` : '') +
      `, ${sum((t) => t.storedOnce)} stored once, ${sum((t) => t.duplicates)} duplicates, ${lost} lost` +
      ` — ${failures === 0 ? 'PASS' : `FAIL (${failures} problems)`} in ${((Date.now() - wall) / 1000).toFixed(1)} s`,
  );
  return failures === 0 ? 0 : 1;
}

let finishing = false;
async function finish(code: number): Promise<void> {
  if (finishing) return;
  finishing = true;
  await cleanup().catch((error: unknown) => console.error('crash test: cleanup failed:', error));
  process.exit(code);
}

process.once('SIGINT', () => void finish(130));
process.once('SIGTERM', () => void finish(143));

main()
  .then((code) => finish(code))
  .catch(async (error: unknown) => {
    console.error('crash test: FAIL:', error instanceof Error ? (error.stack ?? error.message) : error);
    if (app) console.error(`last app output:\n${app.log().slice(-3000)}`);
    await sleep(0);
    await finish(1);
  });
