import { createHash } from 'node:crypto';
import type { PoolClient, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';

/** Statement texts are few (a handful per call site), so their names are hashed once. */
const names = new Map<string, string>();

/** A name that always means the same text (a prepared statement's name may not change its text). */
function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `doorway_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * A statement text built once per variant, then handed out as the same string each time.
 * namedQuery and preparedQuery look a statement's name up by its text, and a text built afresh on
 * each call is a new string, hashed and compared in full on every lookup: for the comment insert
 * (1.5 kB of SQL) that was 1.4 % of the API's CPU in the write benchmark's profile.
 */
export function statementTexts<V extends string | number | boolean>(build: (variant: V) => string): (variant: V) => string {
  const texts = new Map<V, string>();
  return (variant) => {
    let text = texts.get(variant);
    if (text === undefined) {
      text = build(variant);
      texts.set(variant, text);
    }
    return text;
  };
}

/** The statements each pooled connection has prepared (a new connection starts with none). */
const preparedOn = new WeakMap<PoolClient, Set<string>>();

/** A value as an SQL literal, for EXECUTE's argument list; the statement's parameter types convert it. */
function literal(client: PoolClient, value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return client.escapeLiteral(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return client.escapeLiteral(value.toISOString());
  if (Array.isArray(value)) {
    // An array literal, '{"a","b"}': each element quoted, its quotes and backslashes escaped.
    const items = value.map((item) => (item === null ? 'NULL' : `"${String(item).replace(/[\\"]/g, '\\$&')}"`));
    return client.escapeLiteral(`{${items.join(',')}}`);
  }
  throw new TypeError(`preparedQuery cannot pass a ${typeof value} parameter`);
}

/**
 * Runs a read as a prepared statement with a generic plan: PostgreSQL parses and plans it once per
 * connection, not on every request.
 *
 * Preparing alone did not stop the planning. For the comment page, PostgreSQL's estimate of the
 * generic plan (1,168) stays above that of a plan for the actual values (1,063), so it planned
 * each execution anew: 3.3 ms of planning for 3.6 ms of execution on the benchmark dataset. The
 * generic plan runs in about the same time. So each EXECUTE goes with `SET LOCAL plan_cache_mode =
 * force_generic_plan`, in one simple-protocol message (one round trip, one implicit transaction
 * that the setting does not outlive), which means the values travel as escaped literals. Measured
 * on the deep comment page: 5.4–6.4 ms per statement before, 3.1–3.9 ms after.
 *
 * Inside a request's transaction (the idempotency store hands out its connection), SET LOCAL would
 * last to that transaction's end and reach its other statements, so there the plan is left to
 * PostgreSQL.
 *
 * TypeORM has no prepared statements, so this (like namedQuery) runs on its query runner's connection.
 */
export function preparedQuery<T>(db: DataSource, text: string, params: unknown[]): Promise<T[]> {
  return onQueryRunnerConnection(db, text, params, async (client, inTransaction) => {
    const name = statementName(text);
    let prepared = preparedOn.get(client);
    if (!prepared) {
      prepared = new Set();
      preparedOn.set(client, prepared);
    }
    if (!prepared.has(name)) {
      // Once per connection; parameter types come from the statement's casts and columns.
      await client.query(`PREPARE ${name} AS ${text}`);
      prepared.add(name);
    }
    const execute = `EXECUTE ${name}${params.length > 0 ? `(${params.map((value) => literal(client, value)).join(', ')})` : ''}`;
    const generic = inTransaction ? '' : 'SET LOCAL plan_cache_mode = force_generic_plan; ';
    const results: unknown = await client.query(`${generic}${execute}`);
    // Two statements in one message answer with one result each; the EXECUTE's is the last.
    const last = (Array.isArray(results) ? results[results.length - 1] : results) as { rows: T[] };
    return last.rows;
  });
}

/**
 * A statement each pooled connection parses once and then only binds and runs: pg's named
 * statements, with the values bound, not written into the text. PostgreSQL chooses the plan, and
 * after five runs keeps a generic one when it costs no more than planning each time.
 *
 * For the hot writes and key lookups, where planning cost more than running: the comment insert
 * (0.19 ms of planning per comment on the benchmark) and the session's user (0.11 ms of planning
 * for 0.05 ms of running). preparedQuery above is for reads whose generic plan must be forced.
 */
export function namedQuery<T extends QueryResultRow>(db: DataSource, text: string, params: unknown[]): Promise<T[]> {
  return onQueryRunnerConnection(db, text, params, async (client) => {
    const result = await client.query<T>({ name: statementName(text), text, values: params });
    return result.rows;
  });
}

/**
 * Runs `use` on the pooled connection of a TypeORM query runner, which the idempotency store routes
 * to a request's own transaction, after telling the DataSource's logger about `text` as TypeORM
 * does (the tests that count statements count it once).
 */
async function onQueryRunnerConnection<T>(
  db: DataSource,
  text: string,
  params: unknown[],
  use: (client: PoolClient, inTransaction: boolean) => Promise<T>,
): Promise<T> {
  const runner = db.createQueryRunner();
  try {
    const client = (await runner.connect()) as PoolClient;
    db.logger.logQuery(text, params, runner);
    return await use(client, runner.isTransactionActive);
  } finally {
    await runner.release();
  }
}
