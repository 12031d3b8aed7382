import { randomUUID } from 'node:crypto';
import { sleep } from './app-process';

/** A signed-in participant: its cookies, with the XSRF-TOKEN echoed as x-xsrf-token. */
export class Session {
  private readonly cookies = new Map<string, string>();

  constructor(
    private readonly baseUrl: string,
    readonly email: string,
  ) {}

  headers(): Record<string, string> {
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    const csrf = this.cookies.get('XSRF-TOKEN');
    if (csrf) headers['x-xsrf-token'] = csrf;
    return headers;
  }

  keepCookies(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async signIn(password: string): Promise<void> {
    const me = await fetch(`${this.baseUrl}/api/auth/me`, { headers: this.headers() });
    await me.arrayBuffer();
    this.keepCookies(me);
    const response = await fetch(`${this.baseUrl}/api/auth/sign-in`, {
      method: 'POST',
      headers: { ...this.headers(), 'content-type': 'application/json' },
      body: JSON.stringify({ email: this.email, password }),
    });
    const text = await response.text();
    this.keepCookies(response);
    if (response.status !== 200 && response.status !== 201) throw new Error(`sign-in of ${this.email} failed: ${response.status} ${text}`);
  }
}

export type Outcome = 'pending' | 'acknowledged' | 'response-lost' | 'rejected' | 'gave-up';

export interface Job {
  round: number;
  n: number;
  key: string;
  body: string;
  session: Session;
  attempts: number;
  /** Attempts that failed on the network (no answer), got a 5xx, or got 409 in flight. */
  retries: number;
  ackedOnFirstTry: boolean;
  outcome: Outcome;
  status: number | null;
  lastError: string;
  /** Date.now() of the acknowledgement. */
  ackedAt: number | null;
  /** The id of the comment in the 2xx answer. */
  commentId: string | null;
}

export function makeJobs(round: number, count: number, sessions: Session[]): Job[] {
  return Array.from({ length: count }, (_, n) => ({
    round,
    n,
    key: randomUUID(),
    body: `crash-test ${round} ${n}`,
    session: sessions[n % sessions.length] as Session,
    attempts: 0,
    retries: 0,
    ackedOnFirstTry: false,
    outcome: 'pending' as Outcome,
    status: null,
    lastError: '',
    ackedAt: null,
    commentId: null,
  }));
}

export interface BurstOptions {
  baseUrl: string;
  path: string;
  concurrency: number;
  /** A request is given up after this long since its first attempt. */
  giveUpAfterMs: number;
  onAck: () => void;
}

function commentId(text: string): string | null {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && 'id' in parsed && typeof parsed.id === 'string') return parsed.id;
  } catch {
    // not JSON
  }
  return null;
}

function backoff(attempt: number): number {
  const ceiling = Math.min(2000, 100 * 2 ** Math.min(attempt, 5));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** Sends one request until it gets a 2xx or a final 4xx: retries (same key, same body) network errors, 5xx, 429 and 409 in flight. */
async function send(job: Job, options: BurstOptions): Promise<void> {
  const started = Date.now();
  for (;;) {
    job.attempts += 1;
    let status: number | null = null;
    let error = '';
    try {
      const response = await fetch(`${options.baseUrl}${options.path}`, {
        method: 'POST',
        headers: { ...job.session.headers(), 'content-type': 'application/json', 'idempotency-key': job.key },
        body: JSON.stringify({ body: job.body }),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      job.session.keepCookies(response);
      status = response.status;
      if (status >= 200 && status < 300) {
        job.outcome = 'acknowledged';
        job.status = status;
        job.ackedAt = Date.now();
        job.ackedOnFirstTry = job.attempts === 1;
        job.commentId = commentId(text);
        options.onAck();
        return;
      }
      error = `${status} ${text.slice(0, 300)}`;
      const inFlight = status === 409 && text.includes('IDEMPOTENCY_KEY_IN_FLIGHT');
      const retryable = status >= 500 || status === 429 || inFlight;
      if (!retryable) {
        job.status = status;
        job.lastError = error;
        job.outcome = status === 409 && text.includes('IDEMPOTENCY_RESPONSE_LOST') ? 'response-lost' : 'rejected';
        return;
      }
    } catch (caught) {
      const cause = caught instanceof Error && caught.cause instanceof Error ? `: ${caught.cause.message}` : '';
      error = `${caught instanceof Error ? caught.message : String(caught)}${cause}`;
    }
    job.retries += 1;
    job.lastError = error;
    job.status = status;
    if (Date.now() - started > options.giveUpAfterMs) {
      job.outcome = 'gave-up';
      return;
    }
    await sleep(backoff(job.attempts));
  }
}

/** Sends every job, `concurrency` at a time. */
export async function burst(jobs: Job[], options: BurstOptions): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const job = jobs[next++] as Job;
      await send(job, options);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, () => worker()));
}
