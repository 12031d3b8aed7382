import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { DOC, SLUG, apiAs, expectNoViolations, signIn } from './support/a11y';

/**
 * Moderation, end to end: three participants report a comment, which then reads as hidden by
 * moderators; an editor restores it from the moderation queue, giving a reason; a coordinator finds
 * both in the audit log. axe checks the report dialog, the queue and the audit page.
 */
const PARAGRAPH = 12;
const TEXT = `Sign up at my shop for cheap certificates, today only (${Date.now()}).`;
const REPORTERS = ['gov1@doorway.test', 'tech1@doorway.test', 'academia1@doorway.test'];

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
}

async function openThread(page: Page): Promise<Locator> {
  await page.goto(DOC);
  await page.getByRole('button', { name: new RegExp(`^Comments on paragraph ${PARAGRAPH} \\(\\d+\\)$`) }).click();
  const thread = page.getByTestId('thread');
  await expect(thread).toBeVisible();
  return thread;
}

test('three participants report a comment, it reads as hidden, an editor restores it from the queue', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  if (!baseURL) throw new Error('no baseURL');

  // The comment, written by a participant through the API (the comment form has journeys of its own).
  const { api, headers } = await apiAs(baseURL, 'private1@doorway.test');
  const view = (await (await api.get(`/api/documents/${SLUG}`)).json()) as { sections: { paragraphs: { key: string; number: number }[] }[] };
  const key = view.sections.flatMap((s) => s.paragraphs).find((p) => p.number === PARAGRAPH)?.key ?? '';
  const posted = await api.post(`/api/documents/${SLUG}/paragraphs/${key}/comments`, { data: { body: TEXT }, headers: await headers() });
  expect(posted.status()).toBe(201);
  await api.dispose();

  const before = (await (await page.request.get(`/api/documents/${SLUG}`)).json()) as { document: { hiddenCount: number } };

  // 1. Three participants report it, from the Report button, with the keyboard for the last one.
  for (const [i, email] of REPORTERS.entries()) {
    await signIn(page, email);
    const thread = await openThread(page);
    const comment = thread.getByTestId('comment').filter({ hasText: TEXT });
    await expect(comment.getByTestId('group-status')).toHaveText(/self-declared|verified/);
    const report = comment.getByRole('button', { name: 'Report' });
    if (i === 2) {
      await report.focus();
      await page.keyboard.press('Enter');
    } else {
      await report.click();
    }
    const dialog = page.getByRole('dialog', { name: 'Report this comment' });
    await expect(dialog).toBeVisible();
    const reason = dialog.getByLabel('Reason for reporting');
    await expect(reason).toBeFocused();
    if (i === 0) {
      // Sent empty: the field says what is wrong, and the dialog passes axe with the error showing.
      await dialog.getByRole('button', { name: 'Send report' }).click();
      await expect(dialog.getByText('Say why you are reporting it')).toBeVisible();
      await expectNoViolations(page, '.cdk-overlay-container');
    }
    await reason.fill(`Advertising, not a comment on the paragraph (${email}).`);
    await page.keyboard.press('Tab');
    await dialog.getByRole('button', { name: 'Send report' }).click();
    await expect(dialog).toBeHidden();
    if (i < 2) await expect(comment.getByTestId('reported')).toHaveText('You reported this');
    await signOut(page);
  }

  // 2. Hidden: readers get the moderators' reason, never the text; the document counts it.
  const thread = await openThread(page);
  await expect(thread.getByTestId('hidden-note').first()).toContainText('Hidden after reports from 3 participants; awaiting review');
  await expect(thread).not.toContainText(TEXT);
  const hidden = (await (await page.request.get(`/api/documents/${SLUG}`)).json()) as { document: { hiddenCount: number } };
  expect(hidden.document.hiddenCount).toBe(before.document.hiddenCount + 1);

  // 3. An editor restores it from the moderation queue.
  await signIn(page, 'editor1@doorway.test');
  await page.getByRole('link', { name: 'Moderation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Moderation queue' })).toBeVisible();
  const item = page.getByTestId('moderation-item').filter({ hasText: TEXT });
  await expect(item).toContainText('Hidden after reports from 3 participants; awaiting review');
  await expect(item.getByRole('listitem')).toHaveCount(3);
  await expectNoViolations(page);
  await item.getByRole('button', { name: 'Restore' }).click();
  const restoreDialog = page.getByRole('dialog', { name: 'Restore this contribution?' });
  await restoreDialog.getByLabel('Reason').fill('An advertisement, but for a free event the forum announced.');
  await restoreDialog.getByRole('button', { name: 'Restore' }).click();
  await expect(page.locator('.moderation [role="status"]')).toContainText('Restored.');
  await expect(item).toHaveCount(0);
  await signOut(page);

  const shown = await openThread(page);
  await expect(shown.getByTestId('comment').filter({ hasText: TEXT })).toBeVisible();

  // 4. A coordinator finds the hide and the restore in the audit log.
  await signIn(page, 'coordinator@doorway.test');
  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await expect(page.getByTestId('audit-row').filter({ hasText: 'Restored' }).first()).toContainText('free event');
  await expect(page.getByTestId('audit-row').filter({ hasText: 'Hidden by reports' }).first()).toBeVisible();
  await expectNoViolations(page);
});
