import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { DOC, expectNoViolations, settle, signIn } from './support/a11y';

/**
 * WCAG 1.4.10 (Reflow): at 320 CSS pixels wide, the width of a phone or of a 1280-pixel screen
 * zoomed to 400 %, no page scrolls sideways. A wide data table may scroll inside its own box.
 */
test.use({ viewport: { width: 320, height: 640 } });
test.setTimeout(120_000);

const PAGES: { as: string | null; paths: string[] }[] = [
  { as: null, paths: ['/', DOC, `${DOC}/versions`, '/case-studies', '/sign-in', '/register'] },
  { as: 'civil1@doorway.test', paths: ['/case-studies/new', '/me', '/account'] },
  { as: 'editor1@doorway.test', paths: [`${DOC}/triage`, `${DOC}/merge`, '/review', '/moderation'] },
  { as: 'coordinator@doorway.test', paths: ['/users', '/audit', `${DOC}/settings`] },
];

/** How far the page scrolls sideways, and the first elements that stick out of it. */
async function sideways(page: Page): Promise<{ overflow: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const culprits = Array.from(document.querySelectorAll('body *'))
      .filter((element) => !element.closest('.table-wrap') && element.getBoundingClientRect().right > width + 1)
      .slice(0, 3)
      .map((element) => `${element.tagName.toLowerCase()}.${Array.from(element.classList).join('.')}`);
    return { overflow: document.documentElement.scrollWidth - width, culprits };
  });
}

for (const { as, paths } of PAGES) {
  test(`no page scrolls sideways at 320 px (${as ?? 'anonymous'})`, async ({ page }) => {
    if (as) await signIn(page, as);
    const wide: string[] = [];
    for (const path of paths) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await settle(page);
      const { overflow, culprits } = await sideways(page);
      if (overflow > 0) wide.push(`${path}: ${overflow} px too wide (${culprits.join(', ')})`);
    }
    expect(wide).toEqual([]);
  });
}

test('a signed-in header folds behind a Menu button that works by keyboard', async ({ page }) => {
  await signIn(page, 'coordinator@doorway.test');
  await page.goto(DOC);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const header = page.locator('app-header header');
  const menu = page.getByRole('button', { name: 'Menu' });
  // Folded: the brand and the button, not eight links and a name above the draft.
  expect((await header.boundingBox())?.height ?? 999).toBeLessThan(100);
  await expect(page.getByRole('link', { name: 'Audit log' })).toBeHidden();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');

  await menu.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('link', { name: 'Audit log' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await settle(page);
  await expectNoViolations(page);
  expect((await sideways(page)).overflow).toBe(0);

  // Escape folds it and returns focus to the button; following a link folds it too.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Escape');
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(menu).toBeFocused();
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('link', { name: 'Audit log' })).toBeHidden();
});
