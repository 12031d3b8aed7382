import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { join } from 'node:path';

const DOC = '/documents/bpf-cybersecurity-2016';
export const SCREENSHOT_DIR = join(__dirname, '..', '..', 'tmp', 'screenshots');

/** Selects `length` characters of a paragraph's text starting at `start`, as a mouse drag would. */
async function selectInParagraph(page: Page, number: number, start: number, length: number): Promise<string> {
  return page.evaluate(
    ({ number, start, length }) => {
      const article = document.querySelector(`[data-testid="paragraph-${number}"]`);
      const walker = document.createTreeWalker(article ?? document.body, NodeFilter.SHOW_TEXT);
      let node: Node | null;
      // The longest text node in the paragraph is its body text.
      let best: Text | null = null;
      while ((node = walker.nextNode())) {
        if (!best || (node.textContent ?? '').length > (best.textContent ?? '').length) best = node as Text;
      }
      if (!best) throw new Error('no text');
      const range = document.createRange();
      range.setStart(best, start);
      range.setEnd(best, start + length);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      best.parentElement?.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      document.dispatchEvent(new Event('selectionchange'));
      return selection?.toString() ?? '';
    },
    { number, start, length },
  );
}

async function groupCount(page: Page, number: number, group: string): Promise<number> {
  const chip = page.getByTestId(`paragraph-${number}`).getByTestId(`group-count-${group}`);
  if ((await chip.count()) === 0) return 0;
  const match = /(\d+)/.exec((await chip.first().textContent()) ?? '');
  return match ? Number(match[1]) : 0;
}

test('a new civil-society participant comments on paragraph 5, quoting it, and an anonymous reader sees it', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const email = `journey.${Date.now()}@example.org`;

  // 1. Register, first with a password that is too short.
  await page.goto('/register');
  await expect(page.getByRole('heading', { level: 1, name: 'Create an account' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('short');
  await page.getByLabel('Display name').fill('Lucía Fernández');
  await page.getByLabel('Organisation').fill('Red de Derechos Digitales');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Password must be at least 10 characters')).toBeVisible();

  await page.getByLabel('Password').fill('a sturdy passphrase');
  // The country by its name, chosen from the suggestions by keyboard.
  const country = page.getByRole('combobox', { name: 'Country' });
  await country.fill('Colom');
  await expect(page.getByRole('option', { name: 'Colombia (CO)' })).toBeVisible();
  await country.press('ArrowDown');
  await country.press('Enter');
  await expect(country).toHaveValue('Colombia');
  await page.getByLabel('Stakeholder group').click();
  await page.getByRole('option', { name: 'Civil society' }).click();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('current-user')).toContainText('Lucía Fernández');
  await expect(page.getByTestId('current-user')).toContainText('Civil society');
  expect(((await (await page.request.get('/api/auth/me')).json()) as { user: { country: string } }).user.country).toBe('CO');

  // 2. Open the draft.
  await page.goto(DOC);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Creating spaces for multistakeholder dialogue');
  const p5 = page.getByTestId('paragraph-5');
  await expect(p5).toBeVisible();
  const before = await groupCount(page, 5, 'civil_society');

  // 3. Comment on paragraph 5, quoting a passage of it.
  const quoted = await selectInParagraph(page, 5, 4, 40);
  expect(quoted.length).toBeGreaterThan(10);
  await page.getByRole('button', { name: 'Comment on selection' }).click();
  const thread = page.getByTestId('thread');
  await expect(thread.getByTestId('quote-preview')).toContainText(quoted.trim());
  const body = 'Doors open faster when the invitation arrives early, with travel support attached.';
  await thread.getByLabel('Your comment').fill(body);
  await thread.getByRole('button', { name: 'Post comment' }).click();
  const mine = thread.getByTestId('comment').filter({ hasText: body });
  await expect(mine).toBeVisible();
  await expect(mine.locator('blockquote')).toContainText(quoted.trim());

  // 4. Civil society's count on paragraph 5 rises without a reload.
  await expect.poll(() => groupCount(page, 5, 'civil_society')).toBe(before + 1);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'journey-commented.png'), fullPage: false });

  // 5. Sign out and read the comment as an anonymous reader.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await page.goto(DOC);
  await expect(page.getByTestId('paragraph-5').getByTestId('group-count-civil_society')).toContainText(String(before + 1));
  await page.getByRole('button', { name: /^Comments on paragraph 5 \(\d+\)$/ }).click();
  await expect(page.getByTestId('thread').getByTestId('comment').filter({ hasText: body })).toBeVisible();
  await expect(page.getByTestId('thread').getByRole('link', { name: 'Sign in to comment' })).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'journey-anonymous.png'), fullPage: false });
  expect(dialogs).toEqual([]);
});

test('markup in a comment is shown as text and never runs', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(DOC);
  // The seeded comment that demonstrates escaping sits on the methodology paragraph about this consultation.
  const article = page.locator('article#p-method-this-consultation');
  await article.getByRole('button', { name: /^Comments on paragraph \d+ \(\d+\)$/ }).click();
  const comment = page.getByTestId('thread').getByTestId('comment').filter({ hasText: "<script>alert('x')</script>" });
  await expect(comment).toBeVisible();
  expect(await page.locator('[data-testid="thread"] script').count()).toBe(0);
  expect(dialogs).toEqual([]);
});
