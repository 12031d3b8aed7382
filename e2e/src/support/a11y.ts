import AxeBuilder from '@axe-core/playwright';
import { expect, request as playwrightRequest } from '@playwright/test';
import type { APIRequestContext, Locator, Page } from '@playwright/test';

/**
 * Helpers shared by the accessibility and keyboard journeys: signing in, axe with the WCAG 2.2 AA
 * tags, the 24 × 24 px target check, Tab-until-focused with a visible focus indicator, and the API
 * as a given user (to prepare and clean up rows around a journey).
 */
export const SLUG = 'bpf-cybersecurity-2016';
export const DOC = `/documents/${SLUG}`;
export const DEMO_PASSWORD = 'doorway-demo-2016';
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByLabel('Password').press('Enter');
  // Signed in: the header offers Sign out, or on a narrow screen the Menu button that holds it.
  await expect(page.getByRole('button', { name: /^(Sign out|Menu)$/ })).toBeVisible();
}

/** Lets transitions and animations finish so colours are measured as they are seen. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  await page.waitForTimeout(400);
}

/** Runs axe (on the page, or only inside `include`) and fails listing each violation with its nodes. */
export async function expectNoViolations(page: Page, include?: string): Promise<void> {
  await settle(page);
  const builder = new AxeBuilder({ page }).withTags(AXE_TAGS);
  const results = await (include ? builder.include(include) : builder).analyze();
  const report = results.violations.map(
    (v) => `${v.id} [${v.impact ?? 'n/a'}] ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')}`,
  );
  expect(report, `axe violations on ${page.url()}:\n${report.join('\n')}`).toEqual([]);
}

/**
 * WCAG 2.5.8 Target Size (Minimum): every pointer target smaller than 24 × 24 CSS px, except links
 * inside a sentence (the "inline" exception) and controls hidden from sight.
 */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, [role="button"], [role="link"], [role="checkbox"], [role="radio"], [role="combobox"], [role="tab"], [tabindex]:not([tabindex="-1"])';
    const small: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      const style = getComputedStyle(el);
      // A Material form field focuses its control on a click anywhere in it: that area is the target.
      const rect = (el.closest('.mat-mdc-form-field')?.querySelector('.mat-mdc-text-field-wrapper') ?? el).getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || style.visibility === 'hidden') continue;
      if (rect.width <= 1 || rect.height <= 1 || el.closest('.visually-hidden, .cdk-visually-hidden')) continue;
      // Material's native checkbox/radio inputs are transparent; their 40 px touch target is the wrapper.
      if (style.opacity === '0' && el.closest('.mdc-checkbox, .mdc-radio, .mdc-switch')) continue;
      if (style.display === 'inline' && el.tagName === 'A') continue;
      if (rect.width < 24 || rect.height < 24) {
        small.push(`<${el.tagName.toLowerCase()}> "${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 40)}" ${Math.round(rect.width)}×${Math.round(rect.height)}`);
      }
    }
    return small;
  });
}

const isFocused = (target: Locator): Promise<boolean> =>
  target.evaluate((el) => el === el.ownerDocument.activeElement || el.contains(el.ownerDocument.activeElement));

/**
 * The focused element shows an indicator: its own outline (the global :focus-visible ring), a
 * Material strong focus indicator (::before border), or a form field's focused outline.
 */
export async function expectFocusRing(page: Page, options: { allowNone?: boolean } = {}): Promise<void> {
  const ring = await page.evaluate((allowNone) => {
    const el = document.activeElement;
    if (!(el instanceof HTMLElement) || el === document.body) return allowNone ? 'ok' : 'nothing focused';
    const own = getComputedStyle(el);
    if (own.outlineStyle !== 'none' && parseFloat(own.outlineWidth) >= 2) return 'ok';
    const indicator = el.querySelector('.mat-focus-indicator') ?? el.closest('.mat-focus-indicator');
    if (indicator) {
      const before = getComputedStyle(indicator, '::before');
      if (before.borderStyle !== 'none' && parseFloat(before.borderTopWidth) >= 2) return 'ok';
    }
    const field = el.closest('.mat-mdc-form-field');
    if (field?.classList.contains('mat-focused')) {
      const outline = field.querySelector('.mdc-notched-outline__leading');
      if (outline && parseFloat(getComputedStyle(outline).borderTopWidth) >= 2) return 'ok';
    }
    return `no visible focus indicator on <${el.tagName.toLowerCase()} class="${el.className}">${(el.textContent ?? '').trim().slice(0, 40)}`;
  }, options.allowNone ?? false);
  expect(ring).toBe('ok');
}

/**
 * Presses Tab (or Shift+Tab) until the target has focus, checking that every control focused on the
 * way shows a visible indicator; fails after `max` presses.
 */
export async function tabTo(page: Page, target: Locator, options: { back?: boolean; max?: number } = {}): Promise<void> {
  await target.waitFor({ timeout: 30_000 });
  const key = options.back ? 'Shift+Tab' : 'Tab';
  for (let i = 0; i < (options.max ?? 150); i++) {
    if (await isFocused(target)) {
      await expectFocusRing(page);
      return;
    }
    await page.keyboard.press(key);
    // Tab past either end of the page leaves the document (focus on body) before it wraps round, as
    // browsers do; every control that does take focus must show it.
    await expectFocusRing(page, { allowNone: true });
  }
  throw new Error(`${key} never reached ${target.toString()}`);
}

/** The API as `email`, with the session cookie and the CSRF token a browser would send. */
export async function apiAs(baseURL: string, email: string): Promise<{ api: APIRequestContext; headers: () => Promise<Record<string, string>> }> {
  const api = await playwrightRequest.newContext({ baseURL });
  const headers = async (): Promise<Record<string, string>> => ({
    'x-xsrf-token': (await api.storageState()).cookies.find((c) => c.name === 'XSRF-TOKEN')?.value ?? '',
  });
  await api.get('/api/auth/me');
  const signedIn = await api.post('/api/auth/sign-in', { data: { email, password: DEMO_PASSWORD }, headers: await headers() });
  expect(signedIn.status()).toBe(200);
  return { api, headers };
}
