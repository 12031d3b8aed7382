import { expect, request, test } from '@playwright/test';
import type { CaseStudyGallery } from '@doorway/contracts';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DEMO_PASSWORD, DOC } from './support/a11y';
import { failingAudits, lighthouseAccessibility, sessionCookieHeader, signedInEmail } from './support/lighthouse';
import type { LighthouseReport } from './support/lighthouse';

/**
 * Lighthouse's accessibility category scores 100 on each main page, signed out and signed in.
 * axe (accessibility.spec.ts) checks more states; this is the figure Lighthouse reports, measured
 * the way the benchmark measures it, on every page a visitor, a participant, an editor and a
 * coordinator lands on. It only reads pages (opening the merge view creates the editor's draft, as
 * any visit would).
 */

interface LighthousePage {
  name: string;
  /** The address, or a way to find it (the case study's id comes from the gallery). */
  path: string | ((baseURL: string) => Promise<string>);
  as?: string;
}

const PARTICIPANT = 'civil1@doorway.test';
const EDITOR = 'editor1@doorway.test';
const COORDINATOR = 'coordinator@doorway.test';

const PAGES: LighthousePage[] = [
  { name: 'home', path: '/' },
  { name: 'document', path: DOC },
  { name: 'versions', path: `${DOC}/versions` },
  { name: 'case-study gallery', path: '/case-studies' },
  {
    name: 'case study',
    path: async (baseURL) => {
      const api = await request.newContext({ baseURL });
      let gallery: CaseStudyGallery;
      try {
        gallery = (await (await api.get('/api/case-studies')).json()) as CaseStudyGallery;
      } finally {
        await api.dispose();
      }
      const first = gallery.items[0];
      if (!first) throw new Error('the demo seed has no accepted case study');
      return `/case-studies/${first.id}`;
    },
  },
  { name: 'sign-in', path: '/sign-in' },
  { name: 'register', path: '/register' },
  { name: 'account', path: '/account', as: PARTICIPANT },
  { name: 'my contributions', path: '/me', as: PARTICIPANT },
  { name: 'case-study form', path: '/case-studies/new', as: PARTICIPANT },
  { name: 'triage', path: `${DOC}/triage`, as: EDITOR },
  { name: 'merge', path: `${DOC}/merge`, as: EDITOR },
  { name: 'moderation', path: '/moderation', as: COORDINATOR },
  { name: 'users', path: '/users', as: COORDINATOR },
  { name: 'audit', path: '/audit', as: COORDINATOR },
];

/**
 * How many Lighthouse runs overlap. Most of a run is Lighthouse waiting for the page to go quiet,
 * so two at a time nearly halve the file's time; LIGHTHOUSE_CONCURRENCY=1 runs them one by one.
 */
const CONCURRENCY = Math.max(1, Number(process.env['LIGHTHOUSE_CONCURRENCY'] ?? 2) || 1);

interface Audited {
  path: string;
  reportPath: string;
  report: LighthouseReport;
}

test.describe('Lighthouse accessibility scores 100', () => {
  // A run takes 6 to 12 s of Lighthouse's own time, and the machine may be busy with other suites.
  test.describe.configure({ timeout: 90_000 });
  /** One run per page, started at most once, by its own test or by the test before it. */
  const runs = new Map<LighthousePage, Promise<Audited>>();
  /** One sign-in per account for the whole file. */
  const sessions = new Map<string, Promise<string>>();

  function session(baseURL: string, email: string): Promise<string> {
    let cookie = sessions.get(email);
    if (!cookie) {
      cookie = sessionCookieHeader(baseURL, email, DEMO_PASSWORD);
      sessions.set(email, cookie);
    }
    return cookie;
  }

  async function audit(p: LighthousePage, baseURL: string, outputDir: string): Promise<Audited> {
    const path = typeof p.path === 'string' ? p.path : await p.path(baseURL);
    let extraHeaders: Record<string, string> | undefined;
    if (p.as) {
      const cookie = await session(baseURL, p.as);
      const who = await signedInEmail(baseURL, cookie);
      if (who !== p.as) throw new Error(`the session cookie for ${p.as} signs in ${who ?? 'nobody'}`);
      extraHeaders = { Cookie: cookie };
    }
    const reportPath = join(outputDir, 'lighthouse', `${p.name.replace(/\W+/g, '-')}.json`);
    await mkdir(dirname(reportPath), { recursive: true });
    const report = await lighthouseAccessibility(new URL(path, baseURL).href, reportPath, extraHeaders);
    return { path, reportPath, report };
  }

  function start(p: LighthousePage, baseURL: string, outputDir: string): Promise<Audited> {
    let run = runs.get(p);
    if (!run) {
      run = audit(p, baseURL, outputDir);
      // Awaited by its own test; until then a failure must not count as an unhandled rejection.
      run.catch(() => undefined);
      runs.set(p, run);
    }
    return run;
  }

  // A run started ahead for a test that a filter or a failure then skipped must not outlive the file.
  test.afterAll(async () => {
    await Promise.allSettled(runs.values());
  });

  PAGES.forEach((p, index) => {
    test(`${p.name}${p.as ? ` (${p.as})` : ''}`, async ({ baseURL }, testInfo) => {
      if (!baseURL) throw new Error('the Playwright config sets no baseURL');
      const own = start(p, baseURL, testInfo.project.outputDir);
      // The next pages are audited while this one finishes: they overlap, and are awaited by their tests.
      for (const next of PAGES.slice(index + 1, index + CONCURRENCY)) start(next, baseURL, testInfo.project.outputDir);
      const { path, reportPath, report } = await own;

      const failures = failingAudits(report);
      if (failures.length > 0 || report.runtimeError) {
        await testInfo.attach('lighthouse report', { path: reportPath, contentType: 'application/json' });
      }
      expect(report.runtimeError, `Lighthouse could not audit ${path}`).toBeUndefined();
      // A page for signed-in people that sent Lighthouse to sign in would be audited as the sign-in form.
      expect(new URL(report.finalDisplayedUrl).pathname, `Lighthouse ended on another page than ${path}`).toBe(new URL(path, baseURL).pathname);
      const score = Math.round((report.categories.accessibility?.score ?? 0) * 100);
      expect(score, `accessibility ${score} on ${path}; failing audits:\n${failures.join('\n')}`).toBe(100);
    });
  });
});
