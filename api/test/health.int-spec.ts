import { HttpClient } from './support/http-client';
import { startTestApp } from './support/test-app';
import type { TestApp } from './support/test-app';

interface TerminusBody {
  status: 'ok' | 'error';
  info?: Record<string, { status: string; [key: string]: unknown }>;
  error?: Record<string, { status: string; pending?: string[] }>;
}

describe('health and readiness', () => {
  let t: TestApp;
  let client: HttpClient;
  beforeAll(async () => {
    t = await startTestApp();
    client = new HttpClient(t.app);
  });
  afterAll(() => t.close());

  it('answers liveness without asking the database', async () => {
    const response = await client.get<TerminusBody>('/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', info: {} });
  });

  it('is ready when the database answers and every migration has run', async () => {
    const response = await client.get<TerminusBody>('/api/ready');
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('ok');
    expect(response.body.info?.['database']?.status).toBe('up');
    expect(response.body.info?.['migrations']).toMatchObject({ status: 'up', known: t.db.migrations.length });
  });

  it('answers 503 with the terminus body, naming the migration, while one is pending', async () => {
    const [last]: { id: number; timestamp: string; name: string }[] = await t.db.query(
      'SELECT id, timestamp, name FROM migrations ORDER BY id DESC LIMIT 1',
    );
    if (!last) throw new Error('the migrations table is empty');
    await t.db.query('DELETE FROM migrations WHERE id = $1', [last.id]);
    try {
      const response = await client.get<TerminusBody>('/api/ready');
      expect(response.status).toBe(503);
      expect(response.body.status).toBe('error');
      expect(response.body.info?.['database']?.status).toBe('up');
      expect(response.body.error?.['migrations']).toEqual({ status: 'down', pending: [last.name] });
    } finally {
      await t.db.query('INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)', [last.id, last.timestamp, last.name]);
    }
    expect((await client.get('/api/ready')).status).toBe(200);
  });
});
