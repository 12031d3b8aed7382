import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import type { ApiError, CurrentUser } from '@doorway/contracts';
import { HttpClient, uniqueEmail } from './support/http-client';
import { startTestApp } from './support/test-app';
import { UsersService } from '../src/modules/users/users.service';
import { UserEntity } from '../src/modules/users/entities/user.entity';
import type { TestApp } from './support/test-app';

const PASSWORD = 'correct horse battery';
const SLUG = 'bpf-cybersecurity-2016';
const NEW_PASSWORD = 'a new and longer passphrase';

describe('sessions: a password change and "sign out everywhere" end the old sessions', () => {
  let t: TestApp;

  /** A fresh participant signed in on two browsers. */
  const twoBrowsers = async (): Promise<{ email: string; first: HttpClient; second: HttpClient }> => {
    const email = uniqueEmail('sessions');
    const first = new HttpClient(t.app);
    await first.register('academia', { email, password: PASSWORD });
    const second = new HttpClient(t.app);
    expect((await second.signIn(email, PASSWORD)).status).toBe(200);
    return { email, first, second };
  };
  /** Sends a request with nothing but the given cookie header (a session copied before it was ended). */
  const withCookie = async (cookie: string): Promise<number> =>
    (await t.app.inject({ method: 'GET', url: '/api/me/comments', headers: { cookie } })).statusCode;
  const me = async (client: HttpClient): Promise<CurrentUser | null> => (await client.get<{ user: CurrentUser | null }>('/api/auth/me')).body.user;
  const canActAsSignedIn = async (client: HttpClient): Promise<number> => (await client.get('/api/me/comments')).status;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('the session lookup loads the same user, field for field, as a TypeORM find', async () => {
    const { email } = await twoBrowsers();
    const repository = t.db.getRepository(UserEntity);
    const expected = await repository.findOneByOrFail({ email });
    const loaded = await t.app.get(UsersService).findById(expected.id);
    expect(loaded).toBeInstanceOf(UserEntity);
    expect(loaded).toEqual(expected);
    expect(loaded?.createdAt).toBeInstanceOf(Date);
    expect(await t.app.get(UsersService).findById('00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('changing the password ends the other sessions, renews this one, and only the new password signs in', async () => {
    const { email, first, second } = await twoBrowsers();
    const oldCookie = first.cookieHeader;
    expect(await withCookie(oldCookie)).toBe(200);

    const changed = await first.post<{ user: CurrentUser }>('/api/auth/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(changed.status).toBe(200);
    expect(changed.body.user.email).toBe(email);
    expect(changed.headers['set-cookie']).toBeDefined();

    // This browser carries on with its renewed cookie; the other browser and the copied old cookie are out.
    expect(await canActAsSignedIn(first)).toBe(200);
    expect((await me(first))?.email).toBe(email);
    expect(await canActAsSignedIn(second)).toBe(401);
    expect(await me(second)).toBeNull();
    expect(await withCookie(oldCookie)).toBe(401);

    expect((await new HttpClient(t.app).signIn(email, PASSWORD)).status).toBe(401);
    const again = new HttpClient(t.app);
    expect((await again.signIn(email, NEW_PASSWORD)).status).toBe(200);
    expect(await canActAsSignedIn(again)).toBe(200);
  });

  it('a wrong current password is refused naming currentPassword, and changes nothing', async () => {
    const { email, first, second } = await twoBrowsers();
    const wrong = await first.post<ApiError>('/api/auth/password', { currentPassword: 'not my password at all', newPassword: NEW_PASSWORD });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details).toEqual([{ field: 'currentPassword', problems: [expect.any(String)] }]);
    expect(await canActAsSignedIn(first)).toBe(200);
    expect(await canActAsSignedIn(second)).toBe(200);
    expect((await new HttpClient(t.app).signIn(email, PASSWORD)).status).toBe(200);
  });

  it('the new password follows the registration rules, and must differ from the current one', async () => {
    const { first } = await twoBrowsers();
    const short = await first.post<ApiError>('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.details?.map((d) => d.field)).toEqual(['newPassword']);
    const missing = await first.post<ApiError>('/api/auth/password', { newPassword: NEW_PASSWORD });
    expect(missing.status).toBe(400);
    expect(missing.body.details?.map((d) => d.field)).toEqual(['currentPassword']);
    const same = await first.post<ApiError>('/api/auth/password', { currentPassword: PASSWORD, newPassword: PASSWORD });
    expect(same.status).toBe(400);
    expect(same.body.details?.map((d) => d.field)).toEqual(['newPassword']);
    expect(await canActAsSignedIn(first)).toBe(200);
  });

  it('wrong current passwords are throttled like sign-ins: the 11th attempt gets 429 with Retry-After', async () => {
    const { first } = await twoBrowsers();
    for (let i = 0; i < 10; i++) {
      expect((await first.post('/api/auth/password', { currentPassword: `wrong guess ${i}`, newPassword: NEW_PASSWORD })).status).toBe(400);
    }
    const throttled = await first.post<ApiError>('/api/auth/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect([throttled.status, throttled.body.error]).toEqual([429, 'TOO_MANY_SIGN_INS']);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect(await canActAsSignedIn(first)).toBe(200);
  });

  it('"sign out everywhere" ends every session, this one included; signing in again works', async () => {
    const { email, first, second } = await twoBrowsers();
    const oldCookie = first.cookieHeader;
    const out = await first.post<{ user: CurrentUser | null }>('/api/auth/sign-out-everywhere');
    expect([out.status, out.body.user]).toEqual([200, null]);
    expect(await me(first)).toBeNull();
    expect(await canActAsSignedIn(first)).toBe(401);
    expect(await canActAsSignedIn(second)).toBe(401);
    expect(await withCookie(oldCookie)).toBe(401);
    expect((await second.signIn(email, PASSWORD)).status).toBe(200);
    expect(await canActAsSignedIn(second)).toBe(200);
  });

  it('each user ends only their own sessions; anonymous callers and forged cross-site posts are refused', async () => {
    const alice = await twoBrowsers();
    const bob = await twoBrowsers();
    expect((await bob.first.post('/api/auth/sign-out-everywhere')).status).toBe(200);
    // Bob's current password is not Alice's business, and Alice's sessions survive whatever Bob does.
    expect((await bob.second.signIn(bob.email, PASSWORD)).status).toBe(200);
    expect((await bob.second.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).status).toBe(200);
    expect(await canActAsSignedIn(alice.first)).toBe(200);
    expect(await canActAsSignedIn(alice.second)).toBe(200);
    expect((await new HttpClient(t.app).signIn(alice.email, PASSWORD)).status).toBe(200);

    const anonymous = new HttpClient(t.app);
    await anonymous.get('/api/auth/me');
    expect((await anonymous.post('/api/auth/sign-out-everywhere')).status).toBe(401);
    expect((await anonymous.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).status).toBe(401);

    // Without the CSRF token a cookie-authenticated write is refused before it runs.
    const forged = await alice.first.request('POST', '/api/auth/sign-out-everywhere', undefined, { csrf: false });
    expect(forged.status).toBe(403);
    expect(await canActAsSignedIn(alice.second)).toBe(200);
  });

  it('a comment or suggestion with an ended session is refused with 401 and writes nothing, with or without an Idempotency-Key', async () => {
    // These routes check only the cookie's signature up front; the write itself confirms the session.
    const { email, first, second } = await twoBrowsers();
    const keys: { key: string }[] = await t.db.query(
      `SELECT p.key FROM documents d JOIN paragraph_revisions r ON r.version_id = d.current_version_id
         JOIN paragraphs p ON p.id = r.paragraph_id WHERE d.slug = $1 ORDER BY r.position LIMIT 2`,
      [SLUG],
    );
    const [one, two] = keys.map((k) => k.key);
    const url = `/api/documents/${SLUG}/paragraphs/${one ?? ''}`;
    const written = async (): Promise<number> => {
      const [row]: { n: number }[] = await t.db.query(
        `SELECT count(*)::int AS n FROM contributions c JOIN users u ON u.id = c.author_id WHERE u.email = $1`,
        [email],
      );
      return row?.n ?? -1;
    };
    const replayable = { headers: { 'idempotency-key': randomUUID() } };
    expect((await second.post(`${url}/comments`, { body: 'Posted while the session is live.' })).status).toBe(201);
    expect((await second.request('POST', `${url}/comments`, { body: 'Posted once.' }, replayable)).status).toBe(201);
    expect(await written()).toBe(2);
    // While the session lives, the same invalid body is a 400 that names the field.
    const invalid = await second.post<ApiError>(`${url}/comments`, { body: '' });
    expect([invalid.status, invalid.body.error]).toEqual([400, 'VALIDATION_FAILED']);

    expect((await first.post('/api/auth/sign-out-everywhere')).status).toBe(200);
    const attempts: [string, unknown, Record<string, string>][] = [
      ['comments', { body: 'Posted after the session ended.' }, {}],
      ['comments', { body: 'Posted after the session ended.' }, { 'idempotency-key': randomUUID() }],
      ['comments', { body: 'On two paragraphs.', alsoParagraphs: [two ?? ''] }, {}],
      ['suggestions', { body: 'Because.', proposedText: 'Better text.' }, {}],
      ['suggestions', { body: 'Because.', proposedText: 'Better text.' }, { 'idempotency-key': randomUUID() }],
      // A retry of a request that was answered is not replayed to an ended session.
      ['comments', { body: 'Posted once.' }, replayable.headers],
      // A body that fails validation: the session is confirmed before the 400 would go out.
      ['comments', { body: '' }, {}],
      ['comments', {}, { 'idempotency-key': randomUUID() }],
      ['suggestions', { body: 'Because.' }, {}],
      ['comments', { body: 'With a key that is not a UUID.' }, { 'idempotency-key': 'not-a-uuid' }],
    ];
    for (const [kind, body, headers] of attempts) {
      const refused = await second.request<ApiError>('POST', `${url}/${kind}`, body, { headers });
      expect([kind, headers, refused.status, refused.body.error]).toEqual([kind, headers, 401, 'UNAUTHENTICATED']);
    }
    expect(await written()).toBe(2);
    // The refused requests' keys were released: only the answered one is kept.
    const [kept]: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM idempotency_keys k JOIN users u ON u.id = k.user_id WHERE u.email = $1`,
      [email],
    );
    expect(kept?.n).toBe(1);

    // A forged token (valid signature, a user that does not exist) is refused the same way.
    const nobody = t.app.get(JwtService).sign({ sub: randomUUID(), epoch: 0 }, { expiresIn: 3600 });
    const forged = await t.app.inject({
      method: 'POST',
      url: `${url}/comments`,
      headers: {
        cookie: second.cookieHeader.replace(/doorway_session=[^;]*/, `doorway_session=${nobody}`),
        'x-xsrf-token': second.csrfToken ?? '',
        'content-type': 'application/json',
      },
      payload: JSON.stringify({ body: 'From nobody.' }),
    });
    expect(forged.statusCode).toBe(401);
  });

  it('a session issued before epochs existed (no epoch claim) still works until the first bump', async () => {
    const { email, first } = await twoBrowsers();
    const [row]: { id: string }[] = await t.db.query(`SELECT id FROM users WHERE email = $1`, [email]);
    expect(row).toBeDefined();
    const legacy = t.app.get(JwtService).sign({ sub: row?.id ?? '' }, { expiresIn: 3600 });
    expect(await withCookie(`doorway_session=${legacy}`)).toBe(200);
    expect((await first.post('/api/auth/sign-out-everywhere')).status).toBe(200);
    expect(await withCookie(`doorway_session=${legacy}`)).toBe(401);
  });
});
