import type { DataSource } from 'typeorm';

/** Settings under which a committed comment could vanish in a crash. */
const UNSAFE: Record<string, (value: string) => boolean> = {
  fsync: (value) => value === 'off',
  synchronous_commit: (value) => value === 'off',
  full_page_writes: (value) => value === 'off',
};

export class UnsafeDatabaseError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `The database may lose committed contributions in a crash: ${problems.join('; ')}. ` +
        'Turn these settings on, or run with NODE_ENV=test for throwaway databases.',
    );
  }
}

/**
 * Refuses to serve from a database that acknowledges commits it has not made durable: a
 * participant told "posted" must find the comment after a power cut. Tests may run without.
 */
export async function assertDurable(db: DataSource, nodeEnv: string): Promise<void> {
  const rows: { name: string; setting: string }[] = await db.query(
    `SELECT name, setting FROM pg_settings WHERE name = ANY($1::text[])`,
    [Object.keys(UNSAFE)],
  );
  const problems = rows.filter((row) => UNSAFE[row.name]?.(row.setting)).map((row) => `${row.name} is ${row.setting}`);
  if (problems.length && nodeEnv !== 'test') throw new UnsafeDatabaseError(problems);
}
