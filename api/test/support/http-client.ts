import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Response as InjectResponse } from 'light-my-request';
import type { CurrentUser, RegisterRequest, StakeholderGroup } from '@doorway/contracts';

export interface Response<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

let counter = 0;
/** A unique email per call, so tests never collide on the shared database. */
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}.${process.pid}.${Date.now()}.${counter}@test.doorway`;
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
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    options: { csrf?: boolean; headers?: Record<string, string>; rawBody?: string } = {},
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
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    options: { csrf?: boolean; headers?: Record<string, string>; rawBody?: string } = {},
  ): Promise<Response<T>> {
    const response = await this.raw(method, url, payload, options);
    const text = response.body;
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = text;
    }
    return { status: response.statusCode, body: body as T, headers: response.headers };
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
    const response = await this.post<{ user: CurrentUser }>('/api/auth/register', {
      email: uniqueEmail(group),
      password: 'correct horse battery',
      displayName: `Test ${group}`,
      organisation: 'Test org',
      country: 'MX',
      stakeholderGroup: group,
      ...overrides,
    });
    if (response.status !== 201) throw new Error(`register failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.user;
  }

  async signIn(email: string, password: string): Promise<Response<{ user: CurrentUser | null }>> {
    return this.post('/api/auth/sign-in', { email, password });
  }
}
