import { DataSource } from 'typeorm';
import { UnsafeDatabaseError, assertDurable } from '../src/database/durability';

/** Startup refuses a database that acknowledges commits it has not made durable, except in tests. */
describe('the durability check at startup', () => {
  const connect = async (options: string | null): Promise<DataSource> =>
    new DataSource({
      type: 'postgres',
      url: process.env['TEST_DATABASE_URL'],
      ...(options ? { extra: { options } } : {}),
    }).initialize();

  it('names each unsafe setting: the test database itself runs without fsync, for speed', async () => {
    const db = await connect('-c synchronous_commit=on');
    try {
      await expect(assertDurable(db, 'production')).rejects.toThrow(/fsync is off/);
      await expect(assertDurable(db, 'production')).rejects.not.toThrow(/synchronous_commit/);
    } finally {
      await db.destroy();
    }
  });

  it('refuses synchronous_commit off, naming it, unless NODE_ENV is test', async () => {
    // A session setting, so the shared test database is not touched.
    const db = await connect('-c synchronous_commit=off');
    try {
      const refused = assertDurable(db, 'production');
      await expect(refused).rejects.toBeInstanceOf(UnsafeDatabaseError);
      await expect(assertDurable(db, 'development')).rejects.toThrow('synchronous_commit is off');
      await expect(assertDurable(db, 'test')).resolves.toBeUndefined();
    } finally {
      await db.destroy();
    }
  });
});
