import { expect, test } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';
import type { CommentView, DraftView, SaveDraftRequest } from '@doorway/contracts';
import { DOC, SLUG, apiAs, expectFocusRing, signIn, tabTo } from './support/a11y';

/**
 * Merging by keyboard only (WCAG 2.1.1, 2.4.7): an editor opens the merge view, applies an accepted
 * suggestion to its paragraph, cites one more contribution in the paragraph's provenance, and the
 * draft is saved, moving only with Tab, Shift+Tab, arrows, Enter and Space; every control focused on
 * the way shows a visible focus indicator. Pointer clicks are used only to sign in.
 *
 * The suggestion is prepared through the API, and afterwards the draft is put back as it was and the
 * suggestion deleted, so the journey that publishes version 2 (workflow) finds the draft untouched.
 */
// Paragraph 3: near the top (few Tab presses), with a seeded comment to cite, and counted by no other journey.
const PARAGRAPH = 3;
const ADDITION = `Interpretation into the six UN languages, ${Date.now()}, widened who could take part.`;
const WHY = 'Language is a barrier as real as cost.';

interface Session {
  api: APIRequestContext;
  headers: () => Promise<Record<string, string>>;
}

/** The draft as it was, in the shape a save sends. */
function asSaveRequest(view: DraftView): SaveDraftRequest {
  const request: SaveDraftRequest = {
    label: view.label,
    sections: view.sections.map((section) => ({
      key: section.key,
      title: section.title,
      paragraphs: section.paragraphs.map((p) => ({ key: p.key, text: p.text, provenance: [...p.provenance], caseStudyId: p.caseStudyId ?? null })),
    })),
  };
  if (view.changelog !== '') request.changelog = view.changelog;
  return request;
}

async function draftOf(editor: Session): Promise<DraftView> {
  const response = await editor.api.get(`/api/documents/${SLUG}/draft`);
  expect(response.status()).toBe(200);
  return (await response.json()) as DraftView;
}

function paragraphOf(view: DraftView, key: string): DraftView['sections'][number]['paragraphs'][number] | undefined {
  return view.sections.flatMap((s) => s.paragraphs).find((p) => p.key === key);
}

test.describe.serial('keyboard only: merging', () => {
  // One key press per step, each checked in the page, on a view of 61 paragraph editors.
  test.describe.configure({ timeout: 240_000 });

  let editor: Session | null = null;
  let author: Session | null = null;
  let original: DraftView | null = null;
  let key = '';
  let suggestionId = '';

  test.beforeAll(async ({ baseURL }) => {
    if (!baseURL) throw new Error('no baseURL');
    author = await apiAs(baseURL, 'civil3@doorway.test');
    const view = (await (await author.api.get(`/api/documents/${SLUG}`)).json()) as {
      sections: { paragraphs: { key: string; number: number; text: string }[] }[];
    };
    const paragraph = view.sections.flatMap((s) => s.paragraphs).find((p) => p.number === PARAGRAPH);
    if (!paragraph) throw new Error(`no paragraph ${PARAGRAPH}`);
    key = paragraph.key;
    const suggested = await author.api.post(`/api/documents/${SLUG}/paragraphs/${key}/suggestions`, {
      data: { proposedText: `${paragraph.text} ${ADDITION}`, body: WHY },
      headers: await author.headers(),
    });
    expect(suggested.status()).toBe(201);
    suggestionId = ((await suggested.json()) as CommentView).id;

    editor = await apiAs(baseURL, 'editor2@doorway.test');
    original = await draftOf(editor);
    const accepted = await editor.api.patch(`/api/contributions/${suggestionId}/disposition`, {
      data: { disposition: 'accepted', note: 'Taken into the introduction.' },
      headers: await editor.headers(),
    });
    expect(accepted.status()).toBe(200);
  });

  test.afterAll(async () => {
    if (editor && original) {
      // Put the draft back as it was (against whatever lockVersion the journey left it at).
      const now = await draftOf(editor);
      const restored = await editor.api.put(`/api/documents/${SLUG}/draft`, {
        data: asSaveRequest(original),
        headers: { ...(await editor.headers()), 'If-Match': `"${now.lockVersion}"` },
      });
      expect(restored.status()).toBe(200);
      const after = paragraphOf((await restored.json()) as DraftView, key);
      expect(after?.text).toBe(paragraphOf(original, key)?.text);
    }
    if (editor && suggestionId) {
      const removed = await editor.api.delete(`/api/comments/${suggestionId}`, { headers: await editor.headers() });
      expect(removed.ok()).toBe(true);
    }
    await editor?.api.dispose();
    await author?.api.dispose();
  });

  test('apply an accepted suggestion, cite a comment in the provenance, and the draft is saved', async ({ page }) => {
    await signIn(page, 'editor1@doorway.test');
    await page.goto(`${DOC}/merge`);
    const card = page.getByTestId(`merge-paragraph-${PARAGRAPH}`);
    await expect(card).toBeVisible({ timeout: 30_000 });
    const text = card.getByLabel(`Text of paragraph ${PARAGRAPH}`);
    const provenance = card.getByTestId('provenance').getByRole('listitem');
    const cited = await provenance.count();

    // From the top of the page: the skip link, then Tab through the first paragraphs to the suggestion.
    await page.locator('body').focus();
    await page.keyboard.press('Tab');
    await expect(page.locator(':focus')).toHaveText('Skip to content');
    await expectFocusRing(page);
    await page.keyboard.press('Enter');
    const apply = card.getByRole('button', { name: new RegExp(`^Apply suggestion by .+ to paragraph ${PARAGRAPH}$`) });
    await tabTo(page, apply);
    await page.keyboard.press('Enter');
    await expect(text).toHaveValue(new RegExp(ADDITION.slice(0, 40)));
    // Applying cites the suggestion, and focus stays on the button pressed.
    await expect(provenance).toHaveCount(cited + 1);
    await expect(provenance.filter({ hasText: WHY.slice(0, 20) })).toHaveCount(1);
    await expect(apply).toBeFocused();

    // Cite one more contribution: "Add contribution", choose with the arrow keys, "Add" with Space.
    const add = card.getByRole('button', { name: `Add contribution to paragraph ${PARAGRAPH}` });
    await tabTo(page, add, { back: true });
    await page.keyboard.press('Enter');
    const choice = card.getByRole('combobox', { name: `Contribution to cite in paragraph ${PARAGRAPH}` });
    await expect(choice).toBeVisible();
    await tabTo(page, choice, { max: 10 });
    await page.keyboard.press('ArrowDown');
    await expect(choice).not.toHaveText('');
    await tabTo(page, card.getByRole('button', { name: `Add to the provenance of paragraph ${PARAGRAPH}` }), { max: 5 });
    await page.keyboard.press('Space');
    await expect(provenance).toHaveCount(cited + 2);
    // The picker closed: focus is back on the button that opened it, not lost to the page.
    await expect(add).toBeFocused();
    await expectFocusRing(page);

    // Saved by the autosave, with the text and both citations.
    await expect(page.getByTestId('merge-status')).toHaveText('Saved', { timeout: 15_000 });
    if (!editor) throw new Error('no editor session');
    const saved = paragraphOf(await draftOf(editor), key);
    expect(saved?.text).toContain(ADDITION);
    expect(saved?.provenance).toContain(suggestionId);
    expect(saved?.provenance.length).toBe(cited + 2);
  });
});
