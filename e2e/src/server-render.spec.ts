import { expect, test } from '@playwright/test';
import type { DocumentVersionView } from '@doorway/contracts';

const DOC = '/documents/bpf-cybersecurity-2016';

async function firstParagraph(request: import('@playwright/test').APIRequestContext): Promise<{ title: string; text: string }> {
  const view = (await (await request.get(`/api${DOC}`)).json()) as DocumentVersionView;
  const paragraph = view.sections[0]?.paragraphs[0];
  if (!paragraph) throw new Error('the seeded document has no paragraph');
  return { title: view.document.title, text: paragraph.text };
}

/** The text as Angular writes it into HTML: &, < and > escaped. */
function asHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

test("an anonymous reader gets the document's text in the HTML itself, in their language", async ({ playwright, request }) => {
  const { title, text } = await firstParagraph(request);
  const response = await request.get(DOC);
  expect(response.status()).toBe(200);
  expect(response.headers()['cache-control']).toBe('no-cache');
  const html = await response.text();
  expect(html).toContain(`<title>${asHtml(title)} · Doorway</title>`);
  expect(html).toContain(asHtml(text));
  // Annotated for hydration, and the document travels with the page, so the browser does not ask for it again.
  expect(html).toMatch(/ ngh="\d+"/);
  expect(html).toContain('<script id="ng-state" type="application/json">');
  expect(html).toMatch(/<html lang="en" dir="ltr"/);

  const arabic = await playwright.request.newContext({ baseURL: new URL(response.url()).origin, extraHTTPHeaders: { 'accept-language': 'ar-EG,ar;q=0.9,en;q=0.5' } });
  try {
    const page = await (await arabic.get(DOC)).text();
    expect(page).toMatch(/<html lang="ar" dir="rtl"/);
    // The draft itself stays in its own language, marked as such.
    expect(page).toContain(asHtml(text));
  } finally {
    await arabic.dispose();
  }
});

test('the browser takes over the rendered page without rebuilding it, and it works', async ({ page, request }) => {
  const { text } = await firstParagraph(request);
  // Every paragraph element the page loses after it arrives is counted: hydration should lose none.
  await page.addInitScript(() => {
    const removed: string[] = [];
    (window as unknown as { removedParagraphs: string[] }).removedParagraphs = removed;
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of Array.from(record.removedNodes)) {
          if (node instanceof Element && (node.matches('app-paragraph, .doc-head') || node.querySelector('app-paragraph'))) removed.push(node.tagName);
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  const documentRequests: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === `/api${DOC}`) documentRequests.push(r.url());
  });

  await page.goto(DOC);
  await expect(page.getByTestId('paragraph-1')).toContainText(text.slice(0, 60));
  const toggle = page.getByTestId('paragraph-1').locator('.comments-toggle');
  await toggle.click();
  await expect(page.getByTestId('thread')).toBeVisible();

  expect(await page.evaluate(() => (window as unknown as { removedParagraphs: string[] }).removedParagraphs)).toEqual([]);
  expect(documentRequests).toEqual([]);
  expect(errors).toEqual([]);
});

test('a signed-in reader gets the client-rendered shell: the server renders as nobody', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('civil2@doorway.test');
  await page.getByLabel('Password').fill('doorway-demo-2016');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  const html = await (await page.request.get(DOC)).text();
  expect(html).not.toContain('<app-paragraph');
  expect(html).not.toContain('ng-state');
  await page.goto(DOC);
  await expect(page.getByTestId('paragraph-1')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
});
