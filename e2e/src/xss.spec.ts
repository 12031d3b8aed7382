import { expect, request, test } from '@playwright/test';
import type { APIRequestContext, Page } from '@playwright/test';

/**
 * Stored XSS: payloads saved as a comment, a reply, every text field of a case study, a display
 * name and an organisation must come back as text on every page that shows them. Each payload
 * sets window.__xss (or opens a dialog) if it ever runs, and each brings an element (<img>, <svg>,
 * <script>) that must never reach the DOM. Then the Content-Security-Policy the client is served
 * with: strict for scripts, the app boots under it, and an injected inline script is blocked.
 */
const DOC = 'bpf-cybersecurity-2016';
const DEMO_PASSWORD = 'doorway-demo-2016';

const P_SCRIPT = `<script>window.__xss='script'</script>`;
const P_IMG = `<img src=x onerror="window.__xss='img';alert('img')">`;
const P_JS = `javascript:window.__xss='js'`;
const P_SVG = `"><svg onload="window.__xss='svg';alert('svg')">`;
const ALL = `${P_SCRIPT} ${P_IMG} ${P_JS} ${P_SVG}`;

/** A long text field: every payload, and a word that tells the fields apart. */
const field = (name: string): string => `XSS probe in the ${name}: ${ALL} (end of the ${name}).`;

interface Api {
  context: APIRequestContext;
  send<T>(method: 'POST' | 'PATCH', path: string, data?: unknown): Promise<T>;
  get<T>(path: string): Promise<T>;
}

/** Writes through the API, as the client does it (session cookie plus the CSRF header). */
async function api(context: APIRequestContext): Promise<Api> {
  const token = async (): Promise<string> => {
    const cookies = (await context.storageState()).cookies;
    const found = cookies.find((c) => c.name === 'XSRF-TOKEN')?.value;
    if (found) return found;
    await context.get('/api/auth/me');
    return (await context.storageState()).cookies.find((c) => c.name === 'XSRF-TOKEN')?.value ?? '';
  };
  const check = async <T>(response: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<T> => {
    if (!response.ok()) throw new Error(`${what}: ${response.status()} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    context,
    get: async <T>(path: string) => check<T>(await context.get(path), `GET ${path}`),
    send: async <T>(method: 'POST' | 'PATCH', path: string, data?: unknown) =>
      check<T>(await context.fetch(path, { method, data: data ?? {}, headers: { 'x-xsrf-token': await token() } }), `${method} ${path}`),
  };
}

interface DocumentView {
  sections: { paragraphs: { key: string; number: number }[] }[];
}

/** Fails the test if any payload ran or left an element behind in the page. */
async function expectInert(page: Page, dialogs: string[], where: string): Promise<void> {
  const state = await page.evaluate(() => ({
    flag: (window as unknown as { __xss?: unknown }).__xss ?? null,
    images: document.querySelectorAll('img[src="x"]').length,
    handlers: document.querySelectorAll('[onerror], [onload]').length,
    // Scripts that would run: the page's state travels in a <script type="application/json">, which is data.
    scripts: Array.from(document.querySelectorAll('script'))
      .filter((s) => ['', 'module', 'text/javascript'].includes(s.type.toLowerCase()))
      .filter((s) => (s.textContent ?? '').includes('__xss')).length,
  }));
  expect(state, `payload effects on ${where}`).toEqual({ flag: null, images: 0, handlers: 0, scripts: 0 });
  expect(dialogs, `dialogs on ${where}`).toEqual([]);
}

/** The payloads are on the page as visible text. */
async function expectShownAsText(page: Page, texts: string[], where: string): Promise<void> {
  for (const text of texts) {
    await expect(page.getByText(text, { exact: false }).first(), `${text} as text on ${where}`).toBeVisible();
  }
}

test('stored XSS payloads render as text on every page that shows them', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  // 1. A participant whose display name and organisation are payloads.
  const stamp = Date.now();
  const displayName = `Mallory ${P_SVG}`;
  const organisation = `${P_IMG}${P_SCRIPT}`;
  const email = `xss-${stamp}@doorway.test`;
  const password = 'xss-probe-password-2016';
  const author = await api(await request.newContext({ baseURL }));
  await author.context.get('/api/auth/me');
  await author.send('POST', '/api/auth/register', {
    email,
    password,
    displayName,
    organisation,
    stakeholderGroup: 'civil_society',
  });

  // 2. A comment and a reply on paragraph 3.
  const doc = await author.get<DocumentView>(`/api/documents/${DOC}`);
  const paragraph = doc.sections.flatMap((s) => s.paragraphs).find((p) => p.number === 3);
  if (!paragraph) throw new Error('paragraph 3 not found');
  const commentBody = field('comment');
  const comment = await author.send<{ id: string }>('POST', `/api/documents/${DOC}/paragraphs/${paragraph.key}/comments`, {
    body: commentBody,
    attribution: 'named',
  });
  const replyBody = field('reply');
  await author.send('POST', `/api/comments/${comment.id}/replies`, { body: replyBody });

  // 3. A case study with a payload in every text field, submitted with the author's name.
  const study = {
    title: `XSS title ${stamp} ${P_IMG}`.slice(0, 200),
    region: 'KE',
    yearFrom: 2015,
    yearTo: 2016,
    domains: ['incident_response'],
    stakeholderGroups: ['government', 'civil_society'],
    closedDoor: field('closed door'),
    whatOpened: field('what opened it'),
    outcome: field('outcome'),
    lessons: field('lessons'),
    links: [{ url: 'https://example.org/report', title: `${P_JS} ${P_SVG}` }],
    paragraphKeys: [paragraph.key],
    consentToPublish: true,
    attribution: 'named',
    language: 'en',
  };
  const created = await author.send<{ id: string }>('POST', `/api/documents/${DOC}/case-studies`, study);
  await author.send('POST', `/api/case-studies/${created.id}/submit`);

  // 4. An editor takes it and accepts it, so that it reaches the gallery.
  const editor = await api(await request.newContext({ baseURL }));
  await editor.context.get('/api/auth/me');
  await editor.send('POST', '/api/auth/sign-in', { email: 'editor1@doorway.test', password: DEMO_PASSWORD });
  await editor.send('POST', `/api/case-studies/${created.id}/assign`);
  await editor.send('POST', `/api/case-studies/${created.id}/decision`, { decision: 'accepted' });

  // 5. Anonymous reader: document with the thread open, gallery, case-study detail.
  // The document's page comes rendered from the server: no payload is in its HTML unescaped,
  // not even inside the JSON state it carries for the browser (Angular writes "<" there as \u003C).
  const html = await (await page.request.get(`/documents/${DOC}`)).text();
  for (const payload of [P_SCRIPT, P_IMG, P_SVG]) expect(html).not.toContain(payload);
  await page.goto(`/documents/${DOC}#p-${paragraph.key}`);
  await expect(page.getByTestId('paragraph-3')).toBeVisible();
  await expectShownAsText(page, [commentBody, displayName, organisation], 'the document with its thread open');
  await expectInert(page, dialogs, 'the document');

  await page.goto('/case-studies');
  await expectShownAsText(page, [study.title], 'the gallery');
  await expectInert(page, dialogs, 'the gallery');

  await page.goto(`/case-studies/${created.id}`);
  await expectShownAsText(page, [study.title, study.closedDoor, study.whatOpened, study.outcome, study.lessons, `${P_JS} ${P_SVG}`, displayName], 'the case study');
  await expectInert(page, dialogs, 'the case study');

  // 6. The author's own page.
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expectInert(page, dialogs, 'the header with the payload display name');
  await page.goto('/me');
  await expectShownAsText(page, [commentBody, study.title], 'my contributions');
  await expectInert(page, dialogs, 'my contributions');
  await page.getByRole('button', { name: 'Sign out' }).click();

  // 7. An editor: triage (filtered to the paragraph) and the review queue.
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('editor1@doorway.test');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.goto(`/documents/${DOC}/triage?paragraph=${paragraph.key}`);
  await expectShownAsText(page, [commentBody, displayName], 'triage');
  await expectInert(page, dialogs, 'triage');
  await page.goto(`/documents/${DOC}/merge`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 30_000 });
  await expectInert(page, dialogs, 'the merge view');
  await page.goto(`/documents/${DOC}#p-${paragraph.key}`);
  await expectShownAsText(page, [replyBody], 'the thread (replies shown)');
  await expectInert(page, dialogs, 'the thread, signed in');

  await author.context.dispose();
  await editor.context.dispose();
});

test.describe('Content-Security-Policy', () => {
  test('the client is served with a strict policy for scripts', async ({ request: http }) => {
    const response = await http.get('/');
    expect(response.status()).toBe(200);
    const policy = response.headers()['content-security-policy'] ?? '';
    const directives = new Map(
      policy
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((parts) => parts[0])
        .map((parts) => [parts[0] ?? '', parts.slice(1)]),
    );
    const scripts = directives.get('script-src') ?? directives.get('default-src') ?? [];
    expect(scripts).toContain("'self'");
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(scripts.some((source) => source === '*' || source.endsWith(':'))).toBe(false);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    // The built index.html carries no inline script for the policy to refuse.
    expect(await response.text()).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
  });

  test('the app boots under it with no violation, and an injected inline script is blocked', async ({ page }) => {
    const consoleViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) consoleViolations.push(message.text());
    });
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __csp: string[] }).__csp = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    const violations = (): Promise<string[]> => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

    for (const path of ['/', `/documents/${DOC}`, '/case-studies', '/sign-in', '/register']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      expect(await violations(), `violations on ${path}`).toEqual([]);
    }
    expect(consoleViolations).toEqual([]);

    // Something that got past Angular would still not run: the policy refuses inline scripts.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true;';
      document.body.appendChild(script);
    });
    await expect.poll(violations).toContainEqual(expect.stringMatching(/^script-src/));
    expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan ?? false)).toBe(false);
    expect(consoleViolations.length).toBeGreaterThan(0);
  });
});
