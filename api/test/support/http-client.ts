import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Response as InjectResponse } from 'light-my-request';
import type { CurrentUser, RegisterRequest, StakeholderGroup } from '@doorway/contracts';

export interface Response<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  /** false: send no X-XSRF-TOKEN header (and fetch no token first), to test the CSRF guard. */
  csrf?: boolean;
  headers?: Record<string, string>;
}

/** A response body as JSON when it parses, else as the text (an empty body is null). */
function parseBody(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

let counter = 0;
/** A unique email per call, so tests never collide on the shared database. */
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}.${process.pid}.${Date.now()}.${counter}@test.doorway`;
}

/** A valid registration of a fresh participant in `group`, with a unique email. */
export function registration(group: StakeholderGroup, overrides: Partial<RegisterRequest> = {}): RegisterRequest {
  return {
    email: uniqueEmail(group),
    password: 'correct horse battery',
    displayName: `Test ${group}`,
    organisation: 'Test org',
    country: 'MX',
    stakeholderGroup: group,
    ...overrides,
  };
}

/**
 * A browser-like client over app.inject(): it keeps cookies and echoes the CSRF token the way
 * Angular's HttpClient does.
 */
export class HttpClient {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly app: NestFastifyApplication) {}

  /** The Cookie header this client sends, for requests made over a real socket (e.g. event streams). */
  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  get csrfToken(): string | undefined {
    return this.cookies.get('XSRF-TOKEN');
  }

  /** The response as the server sent it (bytes, headers), for downloads and event streams. */
  async raw(
    method: Method,
    url: string,
    payload?: unknown,
    options: RequestOptions & { rawBody?: string } = {},
  ): Promise<InjectResponse> {
    if (method !== 'GET' && options.csrf !== false && !this.csrfToken) await this.request('GET', '/api/auth/me');
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size) headers['cookie'] = this.cookieHeader;
    if (method !== 'GET' && options.csrf !== false && this.csrfToken) headers['x-xsrf-token'] = this.csrfToken;
    if (payload !== undefined || options.rawBody !== undefined) headers['content-type'] ??= 'application/json';
    const response = await this.app.inject({
      method,
      url,
      headers,
      payload: options.rawBody ?? (payload === undefined ? undefined : JSON.stringify(payload)),
    });
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = cookie.maxAge === 0 || (cookie.expires !== undefined && cookie.expires.getTime() < Date.now());
      if (expired || cookie.value === '') this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  async request<T = unknown>(
    method: Method,
    url: string,
    payload?: unknown,
    options: RequestOptions & { rawBody?: string } = {},
  ): Promise<Response<T>> {
    const response = await this.raw(method, url, payload, options);
    return { status: response.statusCode, body: parseBody(response.body) as T, headers: response.headers };
  }

  get<T = unknown>(url: string) {
    return this.request<T>('GET', url);
  }
  post<T = unknown>(url: string, payload?: unknown) {
    return this.request<T>('POST', url, payload);
  }
  patch<T = unknown>(url: string, payload?: unknown) {
    return this.request<T>('PATCH', url, payload);
  }
  delete<T = unknown>(url: string) {
    return this.request<T>('DELETE', url);
  }

  /** Registers a fresh participant and keeps their session. */
  async register(group: StakeholderGroup, overrides: Partial<RegisterRequest> = {}): Promise<CurrentUser> {
    const response = await this.post<{ user: CurrentUser }>('/api/auth/register', registration(group, overrides));
    if (response.status !== 201) throw new Error(`register failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.user;
  }

  async signIn(email: string, password: string): Promise<Response<{ user: CurrentUser | null }>> {
    return this.post('/api/auth/sign-in', { email, password });
  }
}

export interface SocketResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
  /** Which replica answered, as support/proxy.ts says in `x-upstream` (empty without the proxy). */
  upstream: string;
}

/**
 * The same browser-like client over a real socket, for an API run as a separate process (and
 * behind a proxy): it keeps cookies from Set-Cookie and echoes the CSRF token.
 */
export class SocketClient {
  /** Public so that a test can replay or inspect a cookie, as a browser's storage can be. */
  readonly cookies = new Map<string, string>();

  constructor(readonly base: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request<T = unknown>(method: Method, path: string, payload?: unknown, options: RequestOptions = {}): Promise<SocketResponse<T>> {
    const csrf = options.csrf !== false;
    if (method !== 'GET' && csrf && !this.cookies.has('XSRF-TOKEN')) await this.request('GET', '/api/auth/me');
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size) headers['cookie'] = this.cookieHeader;
    const token = this.cookies.get('XSRF-TOKEN');
    if (method !== 'GET' && csrf && token) headers['x-xsrf-token'] = token;
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = cookie.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970.*)\s*$/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const body = parseBody(await response.text());
    return { status: response.status, body: body as T, headers: response.headers, upstream: response.headers.get('x-upstream') ?? '' };
  }

  /** Registers a fresh participant and keeps their session. */
  async register(group: StakeholderGroup, overrides: Partial<RegisterRequest> = {}): Promise<CurrentUser> {
    const response = await this.request<{ user: CurrentUser }>('POST', '/api/auth/register', registration(group, overrides));
    if (response.status !== 201) throw new Error(`register failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.user;
  }

  /** Signs in, for a suite's setup: throws unless the API says 200. */
  async signIn(email: string, password: string): Promise<void> {
    const response = await this.request('POST', '/api/auth/sign-in', { email, password });
    if (response.status !== 200) throw new Error(`sign-in of ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
}
