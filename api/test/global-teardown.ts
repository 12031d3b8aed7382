import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const db = (globalThis as { __DOORWAY_TEST_DB__?: { stop(): Promise<void>; dataDir: string } }).__DOORWAY_TEST_DB__;
  if (!db) return;
  await db.stop();
  rmSync(db.dataDir, { recursive: true, force: true });
}
