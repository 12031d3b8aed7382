import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { DOC, expectNoViolations, settle, signIn, smallTargets } from './support/a11y';

/**
 * An automated WCAG 2.2 AA check (axe-core) of every main page and state, plus a keyboard check.
 * Runs between case-studies and journey (name order): it only navigates, and the states it opens
 * change no data later journeys depend on (opening the merge view creates a draft, as any editor visit would).
 */

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
    name: 'sign-in with errors (empty form, then a wrong password)',
    open: async (page) => {
      await page.goto('/sign-in');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.locator('mat-error').first()).toBeVisible();
      await page.getByLabel('Email').fill('civil1@doorway.test');
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert').first()).toBeVisible();
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
    name: 'document thread with the comment form showing errors (signed in)',
    as: 'civil1@doorway.test',
    open: async (page) => {
      await openThread(page, 5);
      await page.getByTestId('thread').getByRole('button', { name: 'Post comment' }).click();
      await expect(page.getByTestId('thread').locator('mat-error').first()).toBeVisible();
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
      await expect(page.getByTestId('triage-item').first()).toBeVisible({ timeout: 30_000 });
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
    name: 'compare versions',
    open: async (page) => {
      await page.goto(`${DOC}/compare`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    },
  },
  {
    name: 'export dialog (coordinator)',
    as: 'coordinator@doorway.test',
    open: async (page) => {
      await page.goto(`${DOC}/versions`);
      await page.getByRole('button', { name: 'Export version 1', exact: true }).click();
      await expect(page.getByRole('dialog', { name: 'Export version 1' })).toBeVisible();
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
  // Triage and the merge view load every contribution; on a busy machine a page and axe take a while.
  test.describe.configure({ timeout: 120_000 });
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

test.describe('targets, motion, colour and announcements', () => {
  const MAIN_PAGES: { name: string; path: string; as?: string; ready: (page: Page) => Promise<void> }[] = [
    { name: 'home', path: '/', ready: (page) => expect(page.getByRole('heading', { level: 1 })).toBeVisible() },
    { name: 'document', path: DOC, ready: (page) => expect(page.getByTestId('paragraph-5')).toBeVisible() },
    { name: 'gallery', path: '/case-studies', ready: (page) => expect(page.getByTestId('case-study-card').first()).toBeVisible() },
    { name: 'sign-in', path: '/sign-in', ready: (page) => expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible() },
    { name: 'versions', path: `${DOC}/versions`, ready: (page) => expect(page.getByRole('heading', { level: 1 })).toBeVisible() },
    {
      name: 'triage (editor)',
      path: `${DOC}/triage`,
      as: 'editor1@doorway.test',
      ready: (page) => expect(page.getByTestId('triage-item').first()).toBeVisible({ timeout: 30_000 }),
    },
  ];
  for (const p of MAIN_PAGES) {
    test(`targets are at least 24 × 24 px: ${p.name}`, async ({ page }) => {
      if (p.as) await signIn(page, p.as);
      await page.goto(p.path);
      await p.ready(page);
      await settle(page);
      expect(await smallTargets(page)).toEqual([]);
    });
  }

  test('targets are at least 24 × 24 px: an open thread, signed in', async ({ page }) => {
    await signIn(page, 'civil1@doorway.test');
    await openThread(page, 5);
    await expect(page.getByTestId('thread').getByTestId('comment').first()).toBeVisible();
    await settle(page);
    expect(await smallTargets(page)).toEqual([]);
  });

  test('prefers-reduced-motion: reduce turns transitions and animations off', async ({ page }) => {
    const longest = (): Promise<{ transition: number; animation: number }> =>
      page.evaluate(() => {
        const seconds = (value: string): number =>
          Math.max(...value.split(',').map((v) => (v.trim().endsWith('ms') ? parseFloat(v) / 1000 : parseFloat(v) || 0)));
        let transition = 0;
        let animation = 0;
        for (const el of Array.from(document.querySelectorAll('*'))) {
          const style = getComputedStyle(el);
          transition = Math.max(transition, seconds(style.transitionDuration));
          if (style.animationName !== 'none') animation = Math.max(animation, seconds(style.animationDuration));
        }
        return { transition, animation };
      });

    await signIn(page, 'civil1@doorway.test');
    await openThread(page, 5);
    // Without the preference Material's buttons and fields animate (so this test can fail).
    expect((await longest()).transition).toBeGreaterThan(0.05);

    await page.emulateMedia({ reducedMotion: 'reduce' });
    const reduced = await longest();
    expect(reduced.transition).toBeLessThanOrEqual(0.001);
    expect(reduced.animation).toBeLessThanOrEqual(0.001);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).toBe('auto');
  });

  test('a stakeholder group is never told by colour alone: chips and tags carry text', async ({ page }) => {
    await page.goto(DOC);
    await expect(page.getByTestId('paragraph-5')).toBeVisible();
    const chips = page.locator('.dw-group');
    expect(await chips.count()).toBeGreaterThan(0);
    const unlabeled = await chips.evaluateAll((els) =>
      els.filter((el) => !/[A-Za-z]{2,}/.test(el.textContent ?? '') && !el.getAttribute('aria-label')).map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(unlabeled).toEqual([]);
    // Each group also has its own border style or pattern, not only its own tint.
    const looks = await page.evaluate(() => {
      const groups = ['government', 'civil_society', 'technical_community', 'private_sector', 'academia', 'intergovernmental'];
      return groups.map((group) => {
        const probe = document.createElement('span');
        probe.className = `dw-group dw-group--${group}`;
        document.body.appendChild(probe);
        const s = getComputedStyle(probe);
        const look = `${s.borderTopStyle} ${s.borderLeftWidth} ${s.borderTopWidth} ${s.backgroundImage}`;
        probe.remove();
        return look;
      });
    });
    expect(new Set(looks).size).toBe(looks.length);
    // Counts are read out in words: "Comments by stakeholder group: Civil society 2, …".
    const lists = page.getByTestId('paragraph-5').locator('ul[aria-label]');
    await expect(lists.first()).toHaveAttribute('aria-label', /stakeholder group: .+ \d+/);
  });

  test('counts and progress have text for screen readers; live updates are announced politely', async ({ page }) => {
    await page.goto(DOC);
    await expect(page.getByTestId('paragraph-5')).toBeVisible();
    // The comment count is part of the toggle's accessible name.
    await expect(page.getByRole('button', { name: /^Comments on paragraph 5 \(\d+\)$/ })).toBeVisible();
    // One polite live region for live updates, none assertive.
    await expect(page.getByTestId('live-status')).toHaveAttribute('aria-live', 'polite');
    expect(await page.locator('[aria-live="assertive"]').count()).toBe(0);
    // Every progress bar on the way has a name.
    const unnamed = await page.locator('[role="progressbar"]').evaluateAll((els) =>
      els.filter((el) => !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby')).length,
    );
    expect(unnamed).toBe(0);
  });
});
