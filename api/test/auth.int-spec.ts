import type { ApiError, SessionResponse } from '@doorway/contracts';
import { HttpClient, uniqueEmail } from './support/http-client';
import { startTestApp } from './support/test-app';
import type { TestApp } from './support/test-app';

describe('accounts and sessions', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  const registration = () => ({
    email: uniqueEmail('reg'),
    password: 'a long enough password',
    displayName: 'Amina Diallo',
    organisation: 'Digital Rights Watch',
    country: 'sn',
    stakeholderGroup: 'civil_society',
  });

  it('registers a participant, signs them in, and hashes the password with argon2id at OWASP parameters', async () => {
    const client = new HttpClient(t.app);
    const body = registration();
    const created = await client.post<SessionResponse>('/api/auth/register', body);
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ role: 'participant', groupVerified: false, country: 'SN', stakeholderGroup: 'civil_society' });
    expect(String(created.headers['set-cookie'])).toMatch(/doorway_session=[^;]+;.*HttpOnly/i);

    const me = await client.get<SessionResponse>('/api/auth/me');
    expect(me.body.user?.email).toBe(body.email);

    const [row]: { password_hash: string }[] = await t.db.query('SELECT password_hash FROM users WHERE email = $1', [body.email]);
    expect(row?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
  });

  it('refuses a duplicate email, whatever its case, with 409', async () => {
    const body = registration();
    await new HttpClient(t.app).post('/api/auth/register', body);
    const again = await new HttpClient(t.app).post<ApiError>('/api/auth/register', { ...body, email: body.email.toUpperCase() });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('EMAIL_TAKEN');
  });

  it('names each bad field in a 400 and writes nothing', async () => {
    const before = await t.db.query('SELECT count(*)::int AS n FROM users');
    const response = await new HttpClient(t.app).post<ApiError>('/api/auth/register', {
      ...registration(),
      password: 'short',
      stakeholderGroup: 'aliens',
      country: 'Mexico',
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('VALIDATION_FAILED');
    const fields = (response.body.details ?? []).map((d) => d.field).sort();
    expect(fields).toEqual(['country', 'password', 'stakeholderGroup']);
    expect(response.body.message).toContain('password: must be 10 to 200 characters long');
    expect(await t.db.query('SELECT count(*)::int AS n FROM users')).toEqual(before);
  });

  it('refuses a two-letter code that names no country, and says what it wants', async () => {
    const response = await new HttpClient(t.app).post<ApiError>('/api/auth/register', { ...registration(), country: 'zz' });
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      { field: 'country', problems: ['must be the two-letter ISO 3166-1 code of a country, such as MX'] },
    ]);
  });

  it('never lets anyone choose their own role or verification', async () => {
    const response = await new HttpClient(t.app).post<ApiError>('/api/auth/register', {
      ...registration(),
      role: 'coordinator',
      groupVerified: true,
    });
    expect(response.status).toBe(400);
    expect((response.body.details ?? []).map((d) => d.field).sort()).toEqual(['groupVerified', 'role']);
  });

  it('signs in with the right password only, and signs out', async () => {
    const body = registration();
    await new HttpClient(t.app).post('/api/auth/register', body);
    const client = new HttpClient(t.app);
    const wrong = await client.signIn(body.email, 'not the password');
    expect(wrong.status).toBe(401);
    expect((wrong.body as unknown as ApiError).error).toBe('INVALID_CREDENTIALS');
    const unknown = await client.signIn(uniqueEmail('nobody'), body.password);
    expect(unknown.status).toBe(401);

    const right = await client.signIn(body.email.toUpperCase(), body.password);
    expect(right.status).toBe(200);
    expect(right.body.user?.displayName).toBe('Amina Diallo');
    expect((await client.get<SessionResponse>('/api/auth/me')).body.user).not.toBeNull();

    expect((await client.post('/api/auth/sign-out')).status).toBe(200);
    expect((await client.get<SessionResponse>('/api/auth/me')).body.user).toBeNull();
  });

  it('signs in the seeded demo accounts', async () => {
    const client = new HttpClient(t.app);
    const response = await client.signIn('coordinator@doorway.test', 'doorway-demo-2016');
    expect(response.status).toBe(200);
    expect(response.body.user?.role).toBe('coordinator');
  });

  it('refuses cookie-authenticated writes without the CSRF token', async () => {
    const client = new HttpClient(t.app);
    await client.register('government');
    const forged = await client.request<ApiError>('POST', '/api/auth/sign-out', undefined, { csrf: false });
    expect(forged.status).toBe(403);
    expect(forged.body.error).toBe('CSRF_TOKEN_INVALID');
    const wrongToken = await client.request<ApiError>('POST', '/api/auth/sign-out', undefined, {
      csrf: false,
      headers: { 'x-xsrf-token': 'abc-def' },
    });
    expect(wrongToken.status).toBe(403);
  });

  it('ignores a forged or expired session cookie', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: 'doorway_session=eyJhbGciOiJIUzI1NiJ9.e30.bad' } });
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ user: null });
  });
});
