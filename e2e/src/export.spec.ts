import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import JSZip from 'jszip';
import { readFile } from 'node:fs/promises';

/**
 * A coordinator exports version 1 as Word with two annexes, follows the job's progress, downloads
 * the file and finds the document and both annexes in it; the dialog passes axe on the way.
 */
const DOC = '/documents/bpf-cybersecurity-2016';
const TITLE = 'Creating spaces for multistakeholder dialogue in cybersecurity processes';
const DEMO_PASSWORD = 'doorway-demo-2016';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const ANNEX_A = 'Annex A. Synthesis of comments by stakeholder group';
const ANNEX_B = 'Annex B. Disposition of every contribution';

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** Runs axe (on `selector` only, if given) and fails listing each violation with the selectors of its nodes. */
async function expectAccessible(page: Page, selector?: string): Promise<void> {
  // Lets transitions finish so colours are measured as they are seen.
  await page.waitForTimeout(400);
  const builder = new AxeBuilder({ page }).withTags(TAGS);
  const results = await (selector ? builder.include(selector) : builder).analyze();
  const report = results.violations.map(
    (v) => `${v.id} [${v.impact ?? 'n/a'}] ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')}`,
  );
  expect(report, `axe violations in ${selector ?? page.url()}:\n${report.join('\n')}`).toEqual([]);
}

test('a coordinator exports version 1 as Word with annexes A and B and downloads it', async ({ page }) => {
  await signIn(page, 'coordinator@doorway.test');
  await page.goto(`${DOC}/versions`);
  await expect(page.getByRole('heading', { level: 1, name: `Versions of ${TITLE}` })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Comments and suggestions (CSV)' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Export version 1', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export version 1' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, 'mat-dialog-container');

  await dialog.getByRole('radio', { name: 'Word (DOCX)' }).check();
  await dialog.getByRole('checkbox', { name: ANNEX_A }).check();
  await dialog.getByRole('checkbox', { name: ANNEX_B }).check();
  await dialog.getByRole('button', { name: 'Start export' }).click();

  await expect(dialog.getByRole('progressbar', { name: 'Export progress' })).toBeVisible();
  const link = dialog.getByRole('link', { name: /^Download / });
  await expect(link).toBeVisible({ timeout: 45_000 });
  await expect(dialog.getByRole('status')).toHaveText('Ready');
  await expect(link).toBeFocused();
  await expect(dialog.getByRole('progressbar', { name: 'Export progress' })).toHaveAttribute('aria-valuenow', '100');

  await expectAccessible(page, 'mat-dialog-container');
  await dialog.screenshot({ path: '/tmp/export-dialog.png' });

  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/\.docx$/);
  const path = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(path);

  const zip = await JSZip.loadAsync(await readFile(path));
  const documentXml = await zip.file('word/document.xml')?.async('string');
  expect(documentXml, 'word/document.xml is in the file').toBeDefined();
  // Word may split a line into runs; the words are compared without the markup between them.
  const text = (documentXml ?? '').replace(/<[^>]+>/g, '');
  expect(text).toContain(TITLE);
  expect(text).toContain(ANNEX_A);
  expect(text).toContain(ANNEX_B);

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});
