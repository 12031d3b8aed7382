import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, DOC, expectNoViolations, signIn } from './support/a11y';

/**
 * The interface in four languages: Arabic lays the page out right to left and stays chosen after a
 * reload, Spanish dates read in Spanish, and a comment written in French keeps lang="fr" whatever
 * the interface language. Each test starts from a fresh browser context (no stored choice).
 */

// The other journeys read English: a browser that asks for English gets it.
test.use({ locale: 'en-US' });
// Two axe runs and three languages' worth of page loads: more than the default minute on a busy machine.
test.setTimeout(180_000);

async function chooseLanguage(page: Page, name: string): Promise<void> {
  await page.getByTestId('language-switcher').click();
  await page.getByRole('menuitemradio', { name }).click();
}

test('a fresh English browser gets the English interface', async ({ page }) => {
  await page.goto('/');
  expect(await page.evaluate(() => navigator.language)).toBe('en-US');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Case studies' })).toBeVisible();
});

test('Arabic: right to left, mirrored panel, remembered after a reload, no axe violations', async ({ page }) => {
  await page.goto('/');
  await chooseLanguage(page, 'العربية');

  const html = page.locator('html');
  await expect(html).toHaveAttribute('lang', 'ar');
  await expect(html).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('navigation', { name: 'الرئيسية' }).getByRole('link', { name: 'دراسات الحالة' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('علّق على المسودة فقرةً فقرة');
  await expect(page).toHaveTitle('علّق على مسودة منتدى أفضل الممارسات · Doorway');
  // Material overlays opened after the runtime switch follow the new direction (CDK Directionality).
  await page.getByTestId('language-switcher').click();
  await expect(page.locator('.cdk-overlay-container [dir]:has(.mat-mdc-menu-panel)').first()).toHaveAttribute('dir', 'rtl');
  await page.keyboard.press('Escape');
  await expectNoViolations(page);

  // The comment panel opens beside the paragraph, on its left in right-to-left reading.
  await page.goto(DOC);
  await page.getByTestId('paragraph-1').locator('.comments-toggle').click();
  const thread = page.getByTestId('thread');
  await expect(thread).toBeVisible();
  await expect(thread.getByRole('heading', { level: 3 })).toHaveText('التعليقات على الفقرة 1');
  // The draft itself is English: a screen reader reads it as English inside the Arabic interface.
  await expect(page.getByRole('heading', { level: 1 })).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('paragraph-1').locator('.text')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('paragraph-1').locator('.comments-toggle')).not.toHaveAttribute('lang', /.*/);
  const threadBox = await thread.boundingBox();
  const paragraphBox = await page.getByTestId('paragraph-1').boundingBox();
  expect(threadBox && paragraphBox).toBeTruthy();
  if (threadBox && paragraphBox) expect(threadBox.x + threadBox.width).toBeLessThanOrEqual(paragraphBox.x + 1);
  await expectNoViolations(page);

  await page.reload();
  await expect(html).toHaveAttribute('lang', 'ar');
  await expect(html).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('language-switcher')).toContainText('العربية');
});

test('Spanish dates, and a comment written in French keeps lang="fr"', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('civil1@doorway.test');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  await chooseLanguage(page, 'Español');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('button', { name: 'Cerrar sesión' })).toBeVisible();

  await page.goto(DOC);
  await page.getByTestId('paragraph-2').locator('.comments-toggle').click();
  const thread = page.getByTestId('thread');
  await expect(thread.getByRole('heading', { level: 3 })).toHaveText('Comentarios sobre el párrafo 2');

  const text = `Une remarque en français, écrite pendant le test ${Date.now()}.`;
  await thread.getByLabel('Su comentario').fill(text);
  await thread.getByTestId('comment-language').click();
  await page.getByRole('option', { name: 'Français' }).click();
  await thread.getByRole('button', { name: 'Publicar comentario' }).click();

  const mine = thread.getByTestId('comment').filter({ hasText: text });
  await expect(mine.getByTestId('comment-body')).toHaveAttribute('lang', 'fr');
  // Its date reads in Spanish ("25 nov 2026, 22:40").
  await expect(mine.locator('time.date')).toHaveText(/\d{1,2} (ene|feb|mar|abr|may|jun|jul|ago|sept?|oct|nov|dic)\.? \d{4}/);

  // Leave the shared demo data as it was.
  await mine.getByRole('button', { name: 'Eliminar' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Eliminar' }).click();
  await expect(mine.getByTestId('comment-body')).toHaveCount(0);
});

test('the API’s refusals read in the interface language', async ({ page }) => {
  await page.goto('/sign-in');
  await chooseLanguage(page, 'Français');
  await page.getByLabel('Adresse e-mail').fill('civil1@doorway.test');
  await page.getByLabel('Mot de passe').fill('not-the-password');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  // The API answers 401 INVALID_CREDENTIALS in English; the page says it in French.
  await expect(page.getByRole('alert')).toContainText('Adresse e-mail ou mot de passe incorrect.');
  await expect(page.getByText('Wrong email or password.')).toHaveCount(0);
});

test('the gallery names UN regions in each language, which this Chromium’s own data cannot', async ({ page }) => {
  await page.goto('/case-studies');
  const regions = page.getByRole('group', { name: 'Country or region' });
  await expect(regions.getByRole('button', { name: /^Europe \(\d+\)$/ })).toBeVisible();
  await expect(regions.getByRole('button', { name: /^Sub-Saharan Africa \(\d+\)$/ })).toBeVisible();
  await expect(regions).not.toContainText(/\b(150|001|019|202)\b/);
  await chooseLanguage(page, 'Français');
  await expect(page.getByRole('group', { name: 'Pays ou région' }).getByRole('button', { name: /^Afrique subsaharienne \(\d+\)$/ })).toBeVisible();
});

test('in the Arabic interface, English typed or edited reads left to right, its full stop at the end', async ({ page }) => {
  await signIn(page, 'editor1@doorway.test');
  await chooseLanguage(page, 'العربية');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  const direction = (field: ReturnType<Page['locator']>) => field.evaluate((element) => getComputedStyle(element).direction);

  // The editor's copy of the English draft.
  await page.goto(`${DOC}/merge`);
  const text = page.locator('textarea[id$="-text"]').first();
  await expect(text).toHaveValue(/^The Best Practice Forum/);
  expect(await direction(text)).toBe('ltr');

  // A comment: English reads left to right, Arabic right to left, in the same box.
  await page.goto(DOC);
  await page.getByTestId('paragraph-1').locator('.comments-toggle').click();
  const body = page.getByTestId('thread').locator('textarea').first();
  await body.fill('Doors open when invitations come early.');
  expect(await direction(body)).toBe('ltr');
  await body.fill('تنفتح الأبواب عندما تصل الدعوات مبكرًا.');
  expect(await direction(body)).toBe('rtl');
});

test('form labels are shown whole in every language, wide and narrow', async ({ page }) => {
  // A label cut to "Groupe de parties pre…" hides what the field is for; French, Spanish and Arabic run longest.
  await signIn(page, 'coordinator@doorway.test');
  const pages = [`${DOC}/triage`, '/users', '/case-studies/new', `${DOC}/settings`];
  const cut: string[] = [];
  for (const [language, name] of [['en', 'English'], ['fr', 'Français'], ['es', 'Español'], ['ar', 'العربية']] as const) {
    // Wide, where the language menu is in the header itself.
    await page.setViewportSize({ width: 1280, height: 900 });
    await chooseLanguage(page, name);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    for (const width of [1280, 400]) {
      await page.setViewportSize({ width, height: 900 });
      for (const path of pages) {
        await page.goto(path);
        await expect(page.locator('main h1')).toBeVisible();
        await expect(page.locator('main .mdc-floating-label').first()).toBeVisible();
        const labels = await page.evaluate(() =>
          Array.from(document.querySelectorAll<HTMLElement>('main .mdc-floating-label, main .mat-mdc-select-placeholder'))
            .filter((label) => label.offsetParent !== null && label.scrollWidth > label.clientWidth + 1)
            .map((label) => label.textContent?.trim() ?? ''),
        );
        cut.push(...labels.map((label) => `${language} ${width}px ${path}: ${label}`));
      }
    }
  }
  expect(cut).toEqual([]);
});
