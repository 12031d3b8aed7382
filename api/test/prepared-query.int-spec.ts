import { DataSource } from 'typeorm';
import type { DataSourceOptions } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source';
import { namedQuery, preparedQuery } from '../src/common/sql/prepared';

/**
 * preparedQuery sends its parameters as escaped literals (EXECUTE name('…')) so that the setting
 * that forces a generic plan travels in the same message. Here: values arrive intact, whatever
 * quotes they hold, and PostgreSQL stops planning each execution.
 */
describe('preparedQuery', () => {
  let db: DataSource;

  beforeAll(async () => {
    const url = process.env['TEST_DATABASE_URL'];
    if (!url) throw new Error('TEST_DATABASE_URL is not set: run through jest.integration.config.ts');
    // One connection, so that pg_prepared_statements (per session) shows this test's statements.
    const options = dataSourceOptions(url);
    db = new DataSource({ ...options, extra: { ...(options as { extra?: object }).extra, max: 1 } } as DataSourceOptions);
    await db.initialize();
  });

  afterAll(() => db.destroy());

  it('passes strings, arrays, numbers, booleans, dates and nulls through unchanged', async () => {
    const awkward = `it's a "door" \\ that'' opened; DROP TABLE users; --`;
    const [row] = await preparedQuery<{ s: string; a: string[]; n: number; b: boolean; d: Date; z: string | null }>(
      db,
      `SELECT $1::text AS s, $2::text[] AS a, $3::int AS n, $4::boolean AS b, $5::timestamptz AS d, $6::text AS z`,
      [awkward, [awkward, 'plain', 'with,comma', '{braces}'], 42, true, new Date('2016-12-06T10:00:00Z'), null],
    );
    expect(row).toEqual({ s: awkward, a: [awkward, 'plain', 'with,comma', '{braces}'], n: 42, b: true, d: new Date('2016-12-06T10:00:00Z'), z: null });
    const [users] = await db.query(`SELECT count(*)::int AS n FROM users`);
    expect(users.n).toBeGreaterThan(0);
  });

  it('plans once: every execution after the first uses the generic plan', async () => {
    const text = `SELECT id FROM users WHERE email = $1 OR $2::int > 0 LIMIT 1`;
    for (let i = 0; i < 8; i++) await preparedQuery(db, text, [`nobody${i}@doorway.test`, i]);
    const [plans] = await db.query(
      `SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE statement LIKE '%' || $1`,
      ['email = $1 OR $2::int > 0 LIMIT 1'],
    );
    expect(plans).toEqual({ generic: 8, custom: 0 });
  });

  it('namedQuery binds its values and parses the statement once per connection', async () => {
    const awkward = `it's a "door" \\ that'' opened; DROP TABLE users; --`;
    const text = `SELECT $1::text AS s, $2::text[] AS a, $3::int AS n FROM users WHERE email <> $1 LIMIT 1`;
    for (let i = 0; i < 8; i++) {
      const [row] = await namedQuery<{ s: string; a: string[]; n: number }>(db, text, [awkward, [awkward, '{braces}'], i]);
      expect(row).toEqual({ s: awkward, a: [awkward, '{braces}'], n: i });
    }
    // pg names the statement at the protocol level: one entry, run eight times, never from SQL's PREPARE.
    const kept = await db.query(
      `SELECT from_sql, (generic_plans + custom_plans)::int AS runs FROM pg_prepared_statements WHERE statement = $1`,
      [text],
    );
    expect(kept).toEqual([{ from_sql: false, runs: 8 }]);
  });

  it('refuses a parameter it cannot write as a literal', async () => {
    await expect(preparedQuery(db, `SELECT $1::text AS s`, [{ not: 'a scalar' }])).rejects.toThrow(TypeError);
  });
});
