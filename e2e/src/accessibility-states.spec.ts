import { expect, test } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';
import { DOC, SLUG, apiAs, expectNoViolations, settle, signIn, smallTargets } from './support/a11y';

/**
 * More pages and states with axe-core (WCAG 2.2 AA, 0 violations) and the 24 × 24 px target check:
 * the account page with the password form showing errors and the sign-out-everywhere confirmation
 * open, the coordinators' users page, the header's language menu open, the moderation queue with the
 * hide-reason dialog open, and the audit log. Changes no password and leaves no visible row behind:
 * the comment reported for the moderation state is deleted afterwards.
 */

// Each test signs in and runs axe on a full page: more than the default minute on a busy machine.
test.describe.configure({ timeout: 120_000 });

test('account: the change-password form showing errors passes axe', async ({ page }) => {
  // An account no other journey signs in with: the wrong current password below counts against it.
  await signIn(page, 'igo2@doorway.test');
  await page.goto('/account');
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();

  // Sent empty: both fields say what is missing.
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Enter your current password')).toBeVisible();
  await expect(page.getByText('Enter a new password')).toBeVisible();
  await expectNoViolations(page);

  // A new password too short, then a wrong current one: the server's answer shows on the field.
  await page.getByLabel('New password').fill('short');
  await page.getByLabel('New password').blur();
  await expect(page.getByText(/^Use \d+ to \d+ characters$/)).toBeVisible();
  await expectNoViolations(page);
  await page.getByLabel('Current password').fill('not-the-password');
  await page.getByLabel('New password').fill('a long enough new passphrase');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('This is not your current password')).toBeVisible();
  await expectNoViolations(page);
});

test('account: the sign-out-everywhere confirmation open passes axe; targets are 24 × 24 px', async ({ page }) => {
  await signIn(page, 'igo2@doorway.test');
  await page.goto('/account');
  await page.getByTestId('sign-out-everywhere').click();
  await expect(page.getByRole('group', { name: 'Sign out on every device, including this one?' })).toBeVisible();
  await expect(page.getByTestId('confirm-everywhere')).toBeVisible();
  await expectNoViolations(page);
  expect(await smallTargets(page)).toEqual([]);
  // Cancel, so the session is kept.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('sign-out-everywhere')).toBeVisible();
});

test('users page (coordinator) passes axe; targets are 24 × 24 px', async ({ page }) => {
  await signIn(page, 'coordinator@doorway.test');
  await page.goto('/users');
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect(page.getByTestId('user-row').first()).toBeVisible();
  // Each control shows the stored role (it read "Participant" for everyone, editors included).
  await expect(page.getByRole('combobox', { name: 'Role of Tomás Ferreira' })).toHaveValue('editor');
  await expect(page.getByRole('combobox', { name: 'Role of Ruth Mensah-Laurent' })).toHaveValue('coordinator');
  await expectNoViolations(page);
  await settle(page);
  expect(await smallTargets(page)).toEqual([]);
});

test('audit log (coordinator): targets are 24 × 24 px', async ({ page }) => {
  await signIn(page, 'coordinator@doorway.test');
  await page.goto('/audit');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await settle(page);
  expect(await smallTargets(page)).toEqual([]);
});

test('the language menu open in the header passes axe', async ({ page }) => {
  await page.goto(DOC);
  await expect(page.getByTestId('paragraph-5')).toBeVisible();
  await page.getByTestId('language-switcher').click();
  await expect(page.getByRole('menu')).toBeVisible();
  await expect(page.getByRole('menuitemradio')).toHaveCount(4);
  await expectNoViolations(page);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toBeHidden();
});

test.describe('moderation queue with the hide-reason dialog open', () => {
  const TEXT = `A comment reported once, to open the hide dialog on (${Date.now()}).`;
  let author: { api: APIRequestContext; headers: () => Promise<Record<string, string>> } | null = null;
  let commentId = '';

  test.beforeAll(async ({ baseURL }) => {
    if (!baseURL) throw new Error('no baseURL');
    author = await apiAs(baseURL, 'private2@doorway.test');
    const view = (await (await author.api.get(`/api/documents/${SLUG}`)).json()) as { sections: { paragraphs: { key: string; number: number }[] }[] };
    // Paragraph 7: no other journey counts its comments.
    const key = view.sections.flatMap((s) => s.paragraphs).find((p) => p.number === 7)?.key ?? '';
    const posted = await author.api.post(`/api/documents/${SLUG}/paragraphs/${key}/comments`, { data: { body: TEXT }, headers: await author.headers() });
    expect(posted.status()).toBe(201);
    commentId = ((await posted.json()) as { id: string }).id;

    const reporter = await apiAs(baseURL, 'gov2@doorway.test');
    const reported = await reporter.api.post(`/api/comments/${commentId}/reports`, {
      data: { reason: 'Off topic for this paragraph.' },
      headers: await reporter.headers(),
    });
    expect(reported.ok()).toBe(true);
    await reporter.api.dispose();
  });

  test.afterAll(async () => {
    if (author && commentId) {
      const removed = await author.api.delete(`/api/comments/${commentId}`, { headers: await author.headers() });
      expect(removed.ok()).toBe(true);
    }
    await author?.api.dispose();
  });

  test('the queue and the dialog (with its empty-reason error) pass axe', async ({ page }) => {
    await signIn(page, 'editor2@doorway.test');
    await page.goto('/moderation');
    await expect(page.getByRole('heading', { level: 1, name: 'Moderation queue' })).toBeVisible();
    const item = page.getByTestId('moderation-item').filter({ hasText: TEXT });
    await expect(item).toBeVisible();
    await item.getByTestId('hide').click();
    const dialog = page.getByRole('dialog', { name: 'Hide this contribution?' });
    await expect(dialog).toBeVisible();
    await expectNoViolations(page);

    // Confirmed without a reason: the field says what is missing, and the dialog still passes.
    await dialog.getByRole('button', { name: 'Hide' }).click();
    await expect(dialog.locator('mat-error')).toBeVisible();
    await expectNoViolations(page);

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(item).toBeVisible();
  });
});
