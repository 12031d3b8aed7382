import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap';
import { createRootLogger } from '../src/common/logging/logging';
import { loadConfig } from '../src/config/config';
import { HttpClient, uniqueEmail } from './support/http-client';
import type { Response } from './support/http-client';

const JWT_SECRET = 'logging-test-secret-0f6c2a9e7d1b4c3a8e5f';
const DEMO_PASSWORD = 'doorway-demo-2016';
const NEW_PASSWORD = 'violet-lantern-harbour-42';
const WRONG_PASSWORD = 'not-the-password-9137';

interface LogLine {
  level: number;
  msg?: string;
  req?: { id?: string; method?: string; url?: string; headers?: unknown };
  res?: { statusCode?: number };
}

describe('request logs', () => {
  let app: NestFastifyApplication;
  let output = '';
  const responses: Response[] = [];
  const emails: string[] = [];

  beforeAll(async () => {
    const url = process.env['TEST_DATABASE_URL'];
    if (!url) throw new Error('TEST_DATABASE_URL is not set: run through jest.integration.config.ts');
    // The app's own logger, writing into this string instead of stdout.
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        output += chunk.toString();
        done();
      },
    });
    const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET, DATABASE_URL: url, CLIENT_DIR: '', LOG_LEVEL: 'log' });
    app = await createApp(config, url, {}, { logger: createRootLogger(config.logLevel, sink) });
    await app.getHttpAdapter().getInstance().ready();

    const client = new HttpClient(app);
    const track = async <T>(pending: Promise<Response<T>>): Promise<Response<T>> => {
      const response = await pending;
      responses.push(response);
      return response;
    };
    const email = uniqueEmail('logging');
    emails.push(email);
    await track(client.request('GET', '/api/auth/me'));
    await track(
      client.request('POST', '/api/auth/register', {
        email,
        password: NEW_PASSWORD,
        displayName: 'Logging test',
        stakeholderGroup: 'academia',
      }),
    );
    // Refused bodies are where a careless logger would print what was sent.
    await track(client.request('POST', '/api/auth/register', { email: 'not-an-email', password: NEW_PASSWORD, displayName: '' }));
    await track(client.request('POST', '/api/auth/sign-in', { email: 'editor1@doorway.test', password: WRONG_PASSWORD }));
    await track(client.request('POST', '/api/auth/sign-in', { email: 'editor1@doorway.test', password: DEMO_PASSWORD }));
    await track(client.request('GET', '/api/auth/me'));
    await track(client.request('GET', '/api/documents', undefined, { headers: { 'x-request-id': 'trace-0042.edge:a' } }));
    await track(client.request('GET', '/api/documents', undefined, { headers: { 'x-request-id': 'two words\u0000' } }));
    await track(client.request('GET', '/api/no-such-route'));
  });

  afterAll(async () => {
    const db = app.get<DataSource>(getDataSourceToken());
    await db.query('DELETE FROM users WHERE email = ANY($1)', [emails]);
    await app.close();
  });

  const lines = (): LogLine[] =>
    output
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as LogLine);

  it('writes one JSON line per request, with the id the response carries', () => {
    const requestLines = lines().filter((line) => line.req !== undefined && line.res !== undefined);
    const sentIds = responses.map((response) => String(response.headers['x-request-id'] ?? ''));
    expect(sentIds.every((id) => id.length > 0)).toBe(true);
    expect(new Set(sentIds).size).toBe(sentIds.length);
    expect(requestLines.map((line) => line.req?.id).sort()).toEqual([...sentIds].sort());
    for (const [index, response] of responses.entries()) {
      const line = requestLines.find((candidate) => candidate.req?.id === sentIds[index]);
      expect(line?.res?.statusCode).toBe(response.status);
    }
  });

  it('keeps a well-formed incoming X-Request-Id and replaces a malformed one', () => {
    const ids = responses.map((response) => String(response.headers['x-request-id']));
    expect(ids).toContain('trace-0042.edge:a');
    expect(ids.filter((id) => /^[0-9a-f-]{36}$/.test(id))).toHaveLength(responses.length - 1);
  });

  it('never logs a password, a cookie, a session token or the signing secret', () => {
    const signedIn = responses[4];
    expect(signedIn?.status).toBe(200);
    const setCookie = signedIn?.headers['set-cookie'];
    const session = (Array.isArray(setCookie) ? setCookie : [String(setCookie)])
      .map((cookie) => /^doorway_session=([^;]+)/.exec(cookie)?.[1])
      .find((value) => value !== undefined);
    expect(session && session.length > 20).toBe(true);

    expect(output.length).toBeGreaterThan(0);
    for (const secret of [DEMO_PASSWORD, NEW_PASSWORD, WRONG_PASSWORD, JWT_SECRET, session ?? 'missing']) {
      expect(output).not.toContain(secret);
    }
    expect(output).not.toMatch(/doorway_session|doorway_csrf|XSRF-TOKEN|"cookie"|"authorization"|set-cookie/i);
    for (const line of lines()) expect(line.req?.headers).toBeUndefined();
  });
});
