import type { ApiError } from '@doorway/contracts';
import { HttpClient, uniqueEmail } from './support/http-client';
import { startTestApp } from './support/test-app';
import type { TestApp } from './support/test-app';

const SIGN_IN = '/api/auth/sign-in';

/** 10 failures in 15 minutes, per account or per address, and sign-in answers 429 with Retry-After. */
describe('sign-in throttling', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.db.query('DELETE FROM sign_in_failures');
    await t.close();
  });

  beforeEach(() => t.db.query('DELETE FROM sign_in_failures'));

  const attempt = (client: HttpClient, email: string, password: string, ip = '203.0.113.7') =>
    client.request<ApiError>('POST', SIGN_IN, { email, password }, { headers: { 'x-forwarded-for': ip } });

  it('locks an account after 10 failures, even with the right password, and says when to retry', async () => {
    const client = new HttpClient(t.app);
    const email = uniqueEmail('throttled');
    await new HttpClient(t.app).request('POST', '/api/auth/register', {
      email,
      password: 'correct horse battery',
      displayName: 'Throttled',
      stakeholderGroup: 'academia',
      country: 'FR',
    });
    for (let i = 0; i < 10; i += 1) expect((await client.post<ApiError>(SIGN_IN, { email, password: `wrong ${i}` })).status).toBe(401);
    const locked = await client.request<ApiError>('POST', SIGN_IN, { email, password: 'correct horse battery' });
    expect([locked.status, locked.body.error]).toEqual([429, 'TOO_MANY_SIGN_INS']);
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Once the failures are older than the window, the right password works again.
    await t.db.query(`UPDATE sign_in_failures SET at = at - interval '16 minutes'`);
    expect((await client.post(SIGN_IN, { email, password: 'correct horse battery' })).status).toBe(200);
  });

  it('answers an unknown email exactly as a known one', async () => {
    const client = new HttpClient(t.app);
    const known = 'gov1@doorway.test';
    const unknown = uniqueEmail('nobody');
    const answers: ApiError[][] = [[], []];
    for (let i = 0; i < 11; i += 1) {
      answers[0]?.push((await client.post<ApiError>(SIGN_IN, { email: known, password: `nope ${i}` })).body);
      answers[1]?.push((await client.post<ApiError>(SIGN_IN, { email: unknown, password: `nope ${i}` })).body);
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[0]?.at(-1)?.statusCode).toBe(429);
    await t.db.query('DELETE FROM sign_in_failures');
    expect((await client.post(SIGN_IN, { email: known, password: 'doorway-demo-2016' })).status).toBe(200);
  });

  it('throttles one address trying many accounts, and not another address', async () => {
    const client = new HttpClient(t.app);
    const ip = '198.51.100.23';
    for (let i = 0; i < 10; i += 1) expect((await attempt(client, uniqueEmail('spray'), 'guess', ip)).status).toBe(401);
    expect((await attempt(client, 'civil1@doorway.test', 'doorway-demo-2016', ip)).status).toBe(429);
    expect((await attempt(client, 'civil1@doorway.test', 'doorway-demo-2016', '198.51.100.24')).status).toBe(200);
  });

  it('clears the account after a success', async () => {
    const client = new HttpClient(t.app);
    for (let i = 0; i < 9; i += 1) await attempt(client, 'tech1@doorway.test', 'wrong', `192.0.2.${i + 1}`);
    expect((await attempt(client, 'tech1@doorway.test', 'doorway-demo-2016', '192.0.2.50')).status).toBe(200);
    const [{ n }]: { n: number }[] = await t.db.query(`SELECT count(*)::int AS n FROM sign_in_failures WHERE email = 'tech1@doorway.test'`);
    expect(n).toBe(0);
  });
});
