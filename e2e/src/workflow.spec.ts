import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

/**
 * Runs after the other journeys (files run in name order, one worker): it publishes version 2 of
 * the seeded draft, which changes what later readers see.
 */
const DOC = '/documents/bpf-cybersecurity-2016';
const DEMO_PASSWORD = 'doorway-demo-2016';
const PARAGRAPH = 14;

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
}

async function openThread(page: Page, n: number): Promise<void> {
  await page.goto(DOC);
  await page.getByRole('button', { name: new RegExp(`^Comments on paragraph ${n} \\(\\d+\\)$`) }).click();
  await expect(page.getByTestId('thread')).toBeVisible();
}

test('a suggestion is endorsed, accepted, merged with a case study into v2, and traced back to its author', async ({ page }) => {
  const addition = `Travel grants announced early, ${Date.now()}, made the difference for delegates from small states.`;

  // 1. A participant suggests an edit; another endorses it.
  await signIn(page, 'civil2@doorway.test');
  await openThread(page, PARAGRAPH);
  const thread = page.getByTestId('thread');
  await thread.getByRole('button', { name: 'Suggest an edit' }).click();
  const proposed = thread.getByLabel('Proposed text');
  await proposed.fill(`${await proposed.inputValue()} ${addition}`);
  await thread.getByLabel('Why this change').fill('Cost is the barrier participants name first.');
  await thread.getByRole('button', { name: 'Post suggestion' }).click();
  const suggestion = thread.getByTestId('comment').filter({ hasText: 'Cost is the barrier participants name first.' });
  await expect(suggestion.getByTestId('suggestion-diff').locator('ins')).toContainText('Travel grants announced early');
  await signOut(page);

  await signIn(page, 'tech1@doorway.test');
  await openThread(page, PARAGRAPH);
  const theirs = page.getByTestId('thread').getByTestId('comment').filter({ hasText: 'Cost is the barrier participants name first.' });
  await theirs.getByRole('button', { name: 'Endorse' }).click();
  await expect(theirs.getByTestId('endorsements')).toContainText('Endorsed by 1');
  await signOut(page);

  // 2. An editor accepts it, applies it in the merge view, inserts a case study into the annex, and publishes v2.
  await signIn(page, 'editor1@doorway.test');
  await page.goto(`${DOC}/triage?kind=suggestion`);
  const item = page.getByTestId('triage-item').filter({ hasText: 'Cost is the barrier participants name first.' });
  await expect(item).toContainText('endorsed by 1');
  await item.getByLabel('Disposition').click();
  await page.getByRole('option', { name: 'Accepted', exact: true }).click();
  await item.getByLabel('Note to the author').fill('Merged into the barriers section.');
  await item.getByRole('button', { name: 'Save disposition' }).click();
  await expect(item).toContainText('Accepted');

  await page.goto(`${DOC}/merge`);
  const merged = page.getByTestId(`merge-paragraph-${PARAGRAPH}`);
  await merged.getByRole('button', { name: 'Apply suggestion' }).first().click();
  await expect(merged.getByLabel(`Text of paragraph ${PARAGRAPH}`)).toHaveValue(new RegExp(addition.slice(0, 30)));
  await page.getByRole('button', { name: 'Insert a case study' }).click();
  await page.getByLabel('Case study to insert').click();
  await page.getByRole('option').first().click();
  await page.getByRole('button', { name: 'Insert', exact: true }).click();
  await expect(page.getByTestId('merge-status')).toContainText('Saved');
  await page.getByRole('button', { name: 'Publish version 2' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByTestId('version-label')).toContainText('Version 2');
  await signOut(page);

  // 3. A reader sees the v2 text, the diff from v1, "shaped by", and old comments marked "on v1".
  await page.goto(DOC);
  const paragraph = page.getByTestId(`paragraph-${PARAGRAPH}`);
  await expect(paragraph).toContainText(addition);
  await expect(paragraph.getByTestId('shaped-by')).toContainText('Shaped by 1 contribution');
  await page.getByRole('link', { name: 'Compare versions' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Changes from version 1 to version 2');
  await expect(page.locator('ins').filter({ hasText: 'Travel grants announced early' })).toBeVisible();
  await openThread(page, 5);
  await expect(page.getByTestId('thread').getByTestId('comment-version').first()).toContainText('on v1');

  // 4. The author sees "accepted in v2" on My contributions.
  await signIn(page, 'civil2@doorway.test');
  await page.goto('/me');
  await expect(page.getByTestId('my-comment').filter({ hasText: 'Cost is the barrier participants name first.' })).toContainText(
    'Accepted in v2',
  );
});
