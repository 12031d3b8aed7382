import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess, postgresProcessesOn } from './support/app-process';

const PORT = 3600;
const SLUG = 'bpf-cybersecurity-2016';

/** Cookie header and CSRF token, as a browser holds them after its first GET. */
async function csrf(base: string): Promise<{ cookie: string; token: string }> {
  const response = await fetch(`${base}/api/auth/me`);
  const cookies = response.headers.getSetCookie().map((line) => line.split(';')[0] ?? '');
  const token = cookies.find((cookie) => cookie.startsWith('XSRF-TOKEN='))?.slice('XSRF-TOKEN='.length) ?? '';
  return { cookie: cookies.join('; '), token };
}

describe('graceful shutdown of the server process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'doorway-shutdown-'));
  let app: AppProcess;
  let clusterDir = '';

  beforeAll(async () => {
    app = new AppProcess(dataDir, PORT);
    await app.ready();
    clusterDir = app.clusterDir();
  }, 180_000);

  afterAll(() => {
    app.kill();
    rmSync(dataDir, { recursive: true, force: true });
    if (clusterDir.startsWith('/var/lib/doorway/')) rmSync(clusterDir, { recursive: true, force: true });
  });

  it('on SIGTERM finishes the request in flight, ends the event stream, stops PostgreSQL and exits 0', async () => {
    expect(postgresProcessesOn(clusterDir).length).toBeGreaterThan(0);

    // An open event stream of the seeded document.
    const events = await fetch(`${app.base}/api/documents/${SLUG}/events`, { headers: { accept: 'text/event-stream' } });
    expect(events.status).toBe(200);
    const reader = events.body?.getReader();
    if (!reader) throw new Error('no event stream body');
    const streamEnded = (async () => {
      for (;;) if ((await reader.read()).done) return Date.now();
    })();

    // A request in flight: a sign-in whose body arrives slowly, half before the signal, half after.
    const { cookie, token } = await csrf(app.base);
    const body = JSON.stringify({ email: 'civil1@doorway.test', password: 'doorway-demo-2016' });
    const half = Math.floor(body.length / 2);
    const slow = request(`${app.base}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), cookie, 'x-xsrf-token': token },
    });
    const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
      slow.on('response', (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      });
      slow.on('error', reject);
    });
    slow.write(body.slice(0, half));
    await new Promise((wait) => setTimeout(wait, 300));

    const signalled = Date.now();
    app.child.kill('SIGTERM');
    await new Promise((wait) => setTimeout(wait, 1500));
    // New connections are refused while the old one is still being served.
    await expect(fetch(`${app.base}/api/health`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
    slow.end(body.slice(half));

    const response = await answered;
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ user: { email: 'civil1@doorway.test' } });
    expect((await streamEnded) - signalled).toBeLessThan(5_000);

    const exit = await app.exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.at - signalled).toBeLessThan(15_000);
    expect(postgresProcessesOn(clusterDir)).toEqual([]);
    expect(app.output).toMatch(/"msg":"Stopped in \d+ ms"/);
  }, 60_000);
});
