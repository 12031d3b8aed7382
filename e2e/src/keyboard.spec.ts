import { expect, test } from '@playwright/test';
import { DOC, signIn, tabTo } from './support/a11y';

/**
 * Keyboard-only journeys (WCAG 2.1.1): comment on a paragraph quoting a passage, reply, endorse,
 * triage and export, moving only with Tab, Shift+Tab, arrows, Enter and Escape; every stop shows a
 * visible focus indicator (WCAG 2.4.7). Pointer clicks are used only to sign in.
 */
// Paragraph 5 has comments by others to endorse (seeded).
const PARAGRAPH = 5;
const COMMENT = `Typed without a mouse ${Date.now()}: the closing session should publish its notes the same day.`;
const REPLY = `A keyboard reply ${Date.now()}: agreed, and in plain language.`;

test.describe.serial('keyboard only', () => {
  // One key press per step, each checked in the page: slower than clicking, on a busy machine much slower.
  test.describe.configure({ timeout: 240_000 });

  test('comment on a paragraph quoting a passage, reply and endorse', async ({ page }) => {
    await signIn(page, 'civil1@doorway.test');
    await page.goto(DOC);
    const paragraph = page.getByTestId(`paragraph-${PARAGRAPH}`);
    const words = ((await paragraph.locator('.text').textContent()) ?? '').trim().split(/\s+/).slice(2, 8).join(' ');
    expect(words.length).toBeGreaterThan(10);

    // Open the paragraph's thread from the top of the page.
    await page.locator('body').focus();
    await tabTo(page, paragraph.locator('.comments-toggle'));
    await page.keyboard.press('Enter');
    const thread = page.getByTestId('thread');
    await expect(thread).toBeVisible();

    // Quote a passage: the "Quote a passage" action, typed words, "Use this passage".
    await tabTo(page, thread.getByRole('button', { name: 'Quote a passage' }));
    await page.keyboard.press('Enter');
    const passage = thread.getByLabel('Passage to quote');
    await tabTo(page, passage);
    await page.keyboard.type(words);
    await tabTo(page, thread.getByRole('button', { name: 'Use this passage' }));
    await page.keyboard.press('Enter');
    await expect(thread.getByTestId('quote-preview')).toContainText(words);

    // Write and post the comment.
    await tabTo(page, thread.getByLabel('Your comment'));
    await page.keyboard.type(COMMENT);
    await tabTo(page, thread.getByRole('button', { name: 'Post comment' }));
    await page.keyboard.press('Enter');
    const mine = thread.getByTestId('comment').filter({ hasText: COMMENT });
    await expect(mine).toBeVisible();
    await expect(mine).toContainText(words);

    // Reply to it.
    await tabTo(page, mine.getByRole('button', { name: 'Reply' }).first(), { back: true });
    await page.keyboard.press('Enter');
    await tabTo(page, thread.getByLabel('Your reply'));
    await page.keyboard.type(REPLY);
    await tabTo(page, thread.getByRole('button', { name: 'Post reply' }));
    await page.keyboard.press('Enter');
    await expect(thread.getByText(REPLY)).toBeVisible();

    // Endorse someone else's comment, then withdraw the endorsement.
    const endorsable = thread.getByTestId('comment').filter({ has: page.getByRole('button', { name: 'Endorse', exact: true }) }).first();
    const theirs = ((await endorsable.getByTestId('comment-body').first().textContent()) ?? '').trim();
    const other = thread.getByTestId('comment').filter({ hasText: theirs }).first();
    const endorse = other.getByRole('button', { name: 'Endorse', exact: true });
    await page.locator('body').focus();
    await tabTo(page, endorse);
    await page.keyboard.press('Enter');
    const withdraw = other.getByRole('button', { name: 'Withdraw endorsement' });
    await expect(withdraw).toBeVisible();
    await expect(withdraw).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(other.getByRole('button', { name: 'Endorse', exact: true })).toBeVisible();

    // Escape-free close: the thread's close button returns focus to the paragraph's toggle.
    await tabTo(page, thread.getByRole('button', { name: 'Close comments' }), { back: true });
    await page.keyboard.press('Enter');
    await expect(paragraph.locator('.comments-toggle')).toBeFocused();
  });

  test('triage the new comment and export a version', async ({ page }) => {
    await signIn(page, 'coordinator@doorway.test');
    await page.goto(`${DOC}/triage?kind=comment`);
    const item = page.getByTestId('triage-item').filter({ hasText: COMMENT });
    await expect(item).toBeVisible();

    // A closed mat-select changes its value with the arrow keys.
    const disposition = item.getByRole('combobox', { name: 'Disposition' });
    await page.locator('body').focus();
    await tabTo(page, disposition);
    await page.keyboard.press('ArrowDown');
    const chosen = ((await disposition.textContent()) ?? '').trim();
    expect(chosen).not.toBe('');
    expect(chosen).not.toMatch(/pending/i);
    await tabTo(page, item.getByLabel('Note to the author'));
    await page.keyboard.type('Thank you; the editors will take this into the next version.');
    await tabTo(page, item.getByRole('button', { name: 'Save disposition' }));
    await page.keyboard.press('Enter');
    await expect(item.getByTestId('triage-current')).toContainText(chosen);

    // Export: open the dialog, pick Markdown with the arrow keys, start, download link appears.
    await page.goto(`${DOC}/versions`);
    const exportButton = page.getByRole('button', { name: 'Export version 1', exact: true });
    await page.locator('body').focus();
    await tabTo(page, exportButton);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Export version 1' });
    await expect(dialog).toBeVisible();
    await tabTo(page, dialog.getByRole('radio').first());
    const markdown = dialog.getByRole('radio', { name: /Markdown/ });
    for (let i = 0; i < 6 && !(await markdown.isChecked()); i++) await page.keyboard.press('ArrowDown');
    await expect(markdown).toBeChecked();
    await tabTo(page, dialog.getByRole('button', { name: 'Start export' }));
    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('link', { name: /^Download / })).toBeVisible({ timeout: 60_000 });
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(exportButton).toBeFocused();
  });
});
