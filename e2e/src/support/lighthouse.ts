import { request as playwrightRequest } from '@playwright/test';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * Lighthouse's accessibility category from the command line. Lighthouse 12 is an ES module and this
 * suite compiles to CommonJS, so the CLI runs as a child process and its JSON report is read back.
 */
const LIGHTHOUSE_CLI = join(__dirname, '..', '..', '..', 'node_modules', 'lighthouse', 'cli', 'index.js');
const run = promisify(execFile);

/** The few parts of Lighthouse's report (LHR) the spec reads. */
export interface LighthouseReport {
  finalDisplayedUrl: string;
  runtimeError?: { code: string; message: string };
  runWarnings: string[];
  categories: { accessibility?: { score: number | null; auditRefs: { id: string; weight: number }[] } };
  audits: Record<string, { id: string; title: string; score: number | null; scoreDisplayMode: string } | undefined>;
}

/**
 * Runs one Lighthouse accessibility audit of `url` in the system Chromium and returns its report.
 * Throttling stays "simulate" (Lighthouse's default): it only models timings for the performance
 * category and loads the page unthrottled, and it keeps Lighthouse's 1 s quiet windows, whereas
 * "provided" stretches every wait to 5.25 s and made each run twice as long here (20 s against 11 s).
 */
export async function lighthouseAccessibility(
  url: string,
  reportPath: string,
  extraHeaders?: Record<string, string>,
): Promise<LighthouseReport> {
  const args = [
    LIGHTHOUSE_CLI,
    url,
    '--only-categories=accessibility',
    '--output=json',
    `--output-path=${reportPath}`,
    '--chrome-flags=--headless --no-sandbox --disable-gpu',
    '--disable-full-page-screenshot',
    '--quiet',
  ];
  if (extraHeaders) args.push(`--extra-headers=${JSON.stringify(extraHeaders)}`);
  try {
    await run(process.execPath, args, {
      env: { ...process.env, CHROME_PATH: process.env['CHROME_PATH'] ?? '/usr/bin/chromium' },
      maxBuffer: 16 * 1024 * 1024,
      // Below the spec's 90 s per page, so a hung run fails with its own output rather than a bare test timeout.
      timeout: 80_000,
    });
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(`Lighthouse failed on ${url}: ${message}\n${(stderr ?? '').slice(-2000)}`);
  }
  return JSON.parse(await readFile(reportPath, 'utf8')) as LighthouseReport;
}

/** Every audit that counts towards the accessibility score and did not pass, as "id: title". */
export function failingAudits(report: LighthouseReport): string[] {
  return (report.categories.accessibility?.auditRefs ?? [])
    .filter((ref) => ref.weight > 0)
    .map((ref) => report.audits[ref.id])
    .filter((audit) => audit !== undefined && audit.score !== null && audit.score < 1)
    .map((audit) => `${audit?.id}: ${audit?.title}`);
}

/**
 * Signs in through the API as the client does (the first GET hands out the CSRF token, the sign-in
 * echoes it in X-XSRF-TOKEN) and returns the cookies as one Cookie header. It carries the CSRF
 * cookies too, so the server does not hand out new ones on each page load.
 */
export async function sessionCookieHeader(baseURL: string, email: string, password: string): Promise<string> {
  const api = await playwrightRequest.newContext({ baseURL });
  try {
    await api.get('/api/auth/me');
    const token = (await api.storageState()).cookies.find((cookie) => cookie.name === 'XSRF-TOKEN')?.value;
    if (!token) throw new Error('GET /api/auth/me set no XSRF-TOKEN cookie');
    const signIn = await api.post('/api/auth/sign-in', { data: { email, password }, headers: { 'x-xsrf-token': token } });
    if (!signIn.ok()) throw new Error(`sign-in as ${email} failed: ${signIn.status()} ${await signIn.text()}`);
    return (await api.storageState()).cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
  } finally {
    await api.dispose();
  }
}

/** Who the server takes the bearer of `cookie` to be (null when signed out). */
export async function signedInEmail(baseURL: string, cookie: string): Promise<string | null> {
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { cookie } });
  try {
    const me = (await (await api.get('/api/auth/me')).json()) as { user: { email?: string } | null };
    return me.user?.email ?? null;
  } finally {
    await api.dispose();
  }
}
