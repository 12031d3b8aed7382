import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

/**
 * An automated WCAG 2.2 AA check (axe-core) of every main page and state, plus a keyboard check.
 * Runs between case-studies and journey (name order): it only navigates, and the states it opens
 * change no data later journeys depend on (opening the merge view creates a draft, as any editor visit would).
 */
const DOC = '/documents/bpf-cybersecurity-2016';
const DEMO_PASSWORD = 'doorway-demo-2016';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** Lets transitions and animations finish so colours are measured as they are seen. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  await page.waitForTimeout(400);
}

/** Runs axe on the page and fails listing each violation: id, impact and the selectors of its nodes. */
async function expectNoViolations(page: Page): Promise<void> {
  await settle(page);
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const report = results.violations.map(
    (v) => `${v.id} [${v.impact ?? 'n/a'}] ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')}`,
  );
  expect(report, `axe violations on ${page.url()}:\n${report.join('\n')}`).toEqual([]);
}

async function openThread(page: Page, n: number): Promise<void> {
  await page.goto(DOC);
  await page.getByRole('button', { name: new RegExp(`^Comments on paragraph ${n} \\(\\d+\\)$`) }).click();
  await expect(page.getByTestId('thread')).toBeVisible();
}

interface PageCase {
  name: string;
  as?: string;
  open: (page: Page) => Promise<void>;
}

const CASES: PageCase[] = [
  {
    name: 'home',
    open: async (page) => {
      await page.goto('/');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    },
  },
  {
    name: 'sign-in',
    open: async (page) => {
      await page.goto('/sign-in');
      await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    },
  },
  {
    name: 'register',
    open: async (page) => {
      await page.goto('/register');
      await expect(page.getByRole('heading', { level: 1, name: 'Create an account' })).toBeVisible();
    },
  },
  {
    name: 'register with validation errors',
    open: async (page) => {
      await page.goto('/register');
      await page.getByRole('button', { name: 'Create account' }).click();
      await expect(page.locator('mat-error').first()).toBeVisible();
    },
  },
  {
    name: 'document (anonymous)',
    open: async (page) => {
      await page.goto(DOC);
      await expect(page.getByTestId('paragraph-5')).toBeVisible();
    },
  },
  {
    name: 'document with a comment thread open (anonymous)',
    open: async (page) => {
      await openThread(page, 5);
      await expect(page.getByTestId('thread').getByTestId('comment').first()).toBeVisible();
    },
  },
  {
    name: 'document thread with the comment form (signed in)',
    as: 'civil1@doorway.test',
    open: async (page) => {
      await openThread(page, 5);
      await expect(page.getByTestId('thread').getByLabel('Your comment')).toBeVisible();
    },
  },
  {
    name: 'document thread with the "Suggest an edit" form open (signed in)',
    as: 'civil1@doorway.test',
    open: async (page) => {
      await openThread(page, 5);
      await page.getByTestId('thread').getByRole('button', { name: 'Suggest an edit' }).click();
      await expect(page.getByTestId('thread').getByLabel('Proposed text')).toBeVisible();
    },
  },
  {
    name: 'case-study gallery',
    open: async (page) => {
      await page.goto('/case-studies');
      await expect(page.getByTestId('case-study-card').first()).toBeVisible();
    },
  },
  {
    name: 'case-study permalink',
    open: async (page) => {
      await page.goto('/case-studies');
      await page.getByTestId('case-study-card').first().getByRole('link').first().click();
      await expect(page).toHaveURL(/\/case-studies\/[^/]+$/);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    },
  },
  {
    name: 'case-study form',
    as: 'civil1@doorway.test',
    open: async (page) => {
      await page.goto('/case-studies/new');
      await expect(page.getByRole('heading', { level: 1, name: 'Share a case study' })).toBeVisible();
    },
  },
  {
    name: 'case-study form with errors after "Submit for review"',
    as: 'civil1@doorway.test',
    open: async (page) => {
      await page.goto('/case-studies/new');
      await expect(page.getByRole('heading', { level: 1, name: 'Share a case study' })).toBeVisible();
      await page.getByRole('button', { name: 'Submit for review' }).click();
      await expect(page.locator('mat-error').first()).toBeVisible();
    },
  },
  {
    name: 'my contributions',
    as: 'civil1@doorway.test',
    open: async (page) => {
      await page.goto('/me');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    },
  },
  {
    name: 'review queue (editor)',
    as: 'editor1@doorway.test',
    open: async (page) => {
      await page.goto('/review');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    },
  },
  {
    name: 'triage (editor)',
    as: 'editor1@doorway.test',
    open: async (page) => {
      await page.goto(`${DOC}/triage`);
      await expect(page.getByTestId('triage-item').first()).toBeVisible();
    },
  },
  {
    name: 'merge view (editor)',
    as: 'editor1@doorway.test',
    open: async (page) => {
      await page.goto(`${DOC}/merge`);
      // 61 paragraph editors: on a busy machine the view takes a while to render all of them.
      await expect(page.getByTestId('merge-paragraph-5')).toBeVisible({ timeout: 30_000 });
    },
  },
  {
    name: 'versions',
    open: async (page) => {
      await page.goto(`${DOC}/versions`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    },
  },
  {
    name: 'consultation settings (coordinator)',
    as: 'coordinator@doorway.test',
    open: async (page) => {
      await page.goto(`${DOC}/settings`);
      await expect(page.getByRole('button', { name: 'Save settings' })).toBeVisible();
    },
  },
  {
    name: 'not found',
    open: async (page) => {
      await page.goto('/no-such-page');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    },
  },
];

test.describe('accessibility: no WCAG 2.2 AA violations (axe-core)', () => {
  for (const c of CASES) {
    test(c.name, async ({ page }) => {
      if (c.as) await signIn(page, c.as);
      await c.open(page);
      await expectNoViolations(page);
    });
  }
});

test('keyboard: skip link first, then a paragraph thread opens with Enter and its comment box is reachable by Tab', async ({ page }) => {
  await page.goto(DOC);
  await expect(page.getByTestId('paragraph-5')).toBeVisible();

  // From the top of the page, the first Tab lands on the skip link, and activating it moves focus into main.
  await page.locator('body').focus();
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toHaveText('Skip to content');
  await page.keyboard.press('Enter');
  expect(await page.locator('main').evaluate((main) => main.contains(main.ownerDocument.activeElement))).toBe(true);

  // Signed in, a paragraph's comments button opens with Enter and Tab reaches the comment box.
  await signIn(page, 'civil1@doorway.test');
  await page.goto(DOC);
  const toggle = page.getByRole('button', { name: /^Comments on paragraph 5 \(\d+\)$/ });
  await toggle.focus();
  await page.keyboard.press('Enter');
  const thread = page.getByTestId('thread');
  await expect(thread).toBeVisible();
  const box = thread.getByLabel('Your comment');
  let reached = false;
  for (let i = 0; i < 15 && !reached; i++) {
    reached = await box.evaluate((el) => el === el.ownerDocument.activeElement);
    if (!reached) await page.keyboard.press('Tab');
  }
  expect(reached, 'the comment textarea is reachable by Tab from the opened thread').toBe(true);
});
