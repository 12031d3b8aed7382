import { chromium } from '@playwright/test';

/**
 * What a reader on a slow phone waits for, against an app that is already running (BASE_URL,
 * default http://127.0.0.1:3200), in Chromium with a 4× CPU slowdown on a 412 × 823 touch screen:
 *
 *   npx ts-node --transpile-only -P tools/tsconfig.json tools/bench/first-action.ts
 *
 * Opens the document page (DOC_PATH, default the large dataset's) RUNS times; each time, reports the
 * main thread's blocking time while the reader reads (long tasks, the part of each over 50 ms,
 * for WAIT_MS after the load event) and then the time from a tap on paragraph 1's comments to its
 * open thread. An anonymous reader's page starts the app on that tap (client/src/app/core/startup/
 * start-on-intent.ts), so the second figure includes the app's start.
 */
const BASE_URL = process.env['BASE_URL'] ?? 'http://127.0.0.1:3200';
const DOC_PATH = process.env['DOC_PATH'] ?? '/documents/bench-consultation';
const RUNS = Number(process.env['RUNS'] ?? 3);
const WAIT_MS = Number(process.env['WAIT_MS'] ?? 5000);

interface ProbeWindow {
  __blocking?: { ms: number; tasks: number };
}

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env['CHROME_PATH'] ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  const rows: { run: number; 'blocking while reading (ms)': number; 'long tasks': number; 'tap to open thread (ms)': number }[] = [];
  try {
    for (let run = 1; run <= RUNS; run += 1) {
      const context = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.addInitScript(() => {
        const probe = { ms: 0, tasks: 0 };
        (window as ProbeWindow).__blocking = probe;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            probe.ms += entry.duration - 50;
            probe.tasks += 1;
          }
        }).observe({ type: 'longtask', buffered: true });
      });
      await page.goto(`${BASE_URL}${DOC_PATH}`, { waitUntil: 'load' });
      await page.waitForTimeout(WAIT_MS);
      const reading = await page.evaluate(() => (window as ProbeWindow).__blocking ?? { ms: 0, tasks: 0 });
      const toggle = page.getByTestId('paragraph-1').locator('.comments-toggle');
      const tappedAt = await page.evaluate(() => performance.now());
      await toggle.tap();
      await page.getByTestId('thread').waitFor({ timeout: 60_000 });
      const openedAt = await page.evaluate(() => performance.now());
      rows.push({
        run,
        'blocking while reading (ms)': Math.round(reading.ms),
        'long tasks': reading.tasks,
        'tap to open thread (ms)': Math.round(openedAt - tappedAt),
      });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  console.table(rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
