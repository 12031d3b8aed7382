import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

/**
 * Scrolling the large benchmark document (300 paragraphs, 100,000 comments) in headless Chromium,
 * against an app that is already running (BASE_URL, default http://127.0.0.1:3200):
 *
 *   PORT=3200 HOST=127.0.0.1 DATA_DIR=tmp/bench-data node dist/api/api/src/main.js &
 *   npx ts-node --transpile-only -P tools/tsconfig.json tools/bench/scroll.ts
 *
 * Scrolls top to bottom by mouse-wheel steps and reports the frames the page painted meanwhile
 * (requestAnimationFrame), the frames that took longer than 50 ms ("dropped"), the longest frame,
 * long tasks (PerformanceObserver 'longtask') and Chrome's own layout/style/script totals. The
 * Playwright trace goes to tmp/bench/scroll-trace.zip (open it with `npx playwright show-trace`).
 */
const BASE_URL = process.env['BASE_URL'] ?? 'http://127.0.0.1:3200';
const DOC_PATH = process.env['DOC_PATH'] ?? '/documents/bench-consultation';
const STEP_PX = Number(process.env['STEP_PX'] ?? 120);
const STEP_MS = Number(process.env['STEP_MS'] ?? 16);
const DROPPED_MS = 50;
const OUT_DIR = join(__dirname, '..', '..', 'tmp', 'bench');

interface PageStats {
  frames: number;
  dropped: number;
  longestFrame: number;
  longTasks: number;
  longTaskTotal: number;
}

interface ProbeWindow {
  __scrollProbe?: { frames: number[]; longTasks: number[]; running: boolean };
}

/** Chrome's Performance domain metrics by name (seconds for durations, counts otherwise). */
type Metrics = Record<string, number>;

async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env['CHROME_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();

  // Comments load per paragraph when a thread opens: nothing should ask for any while reading.
  const commentRequests: string[] = [];
  page.on('request', (request) => {
    if (/\/comments(\?|$)/.test(request.url())) commentRequests.push(request.url());
  });

  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async (): Promise<Metrics> => {
    const { metrics: list } = await cdp.send('Performance.getMetrics');
    return Object.fromEntries(list.map((m) => [m.name, m.value]));
  };

  const loadStart = Date.now();
  await page.goto(`${BASE_URL}${DOC_PATH}`, { waitUntil: 'domcontentloaded' });
  await page.locator('[data-testid^="paragraph-"]').first().waitFor({ timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  const loadMs = Date.now() - loadStart;
  const paragraphs = await page.locator('app-paragraph').count();

  const atLoad = await metrics();
  await context.tracing.start({ screenshots: false, snapshots: false, title: 'scroll the large document' });

  // Count frames and long tasks in the page while scrolling.
  await page.evaluate(() => {
    const probe = { frames: [] as number[], longTasks: [] as number[], running: true };
    (window as ProbeWindow).__scrollProbe = probe;
    const tick = (time: number): void => {
      probe.frames.push(time);
      if (probe.running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) probe.longTasks.push(entry.duration);
      }).observe({ type: 'longtask', buffered: false });
    } catch {
      // No long task API: counted as zero.
    }
  });

  const before = await metrics();
  await page.mouse.move(400, 450);
  const start = Date.now();
  let steps = 0;
  for (;;) {
    await page.mouse.wheel(0, STEP_PX);
    await page.waitForTimeout(STEP_MS);
    steps += 1;
    if (steps % 20 === 0) {
      const atBottom = await page.evaluate(
        () => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2,
      );
      if (atBottom) break;
    }
    if (steps > 20_000) throw new Error('the page never reached its bottom');
  }
  // Let the last frames land.
  await page.waitForTimeout(250);
  const scrollMs = Date.now() - start;
  const after = await metrics();

  const stats = await page.evaluate((droppedMs): PageStats => {
    const probe = (window as ProbeWindow).__scrollProbe;
    if (!probe) throw new Error('no probe');
    probe.running = false;
    let dropped = 0;
    let longest = 0;
    for (let i = 1; i < probe.frames.length; i += 1) {
      const gap = (probe.frames[i] ?? 0) - (probe.frames[i - 1] ?? 0);
      if (gap > droppedMs) dropped += 1;
      longest = Math.max(longest, gap);
    }
    return {
      frames: probe.frames.length,
      dropped,
      longestFrame: longest,
      longTasks: probe.longTasks.length,
      longTaskTotal: probe.longTasks.reduce((sum, d) => sum + d, 0),
    };
  }, DROPPED_MS);
  const scrollHeight = await page.evaluate(() => document.documentElement.scrollHeight);
  const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);

  const tracePath = join(OUT_DIR, 'scroll-trace.zip');
  await context.tracing.stop({ path: tracePath });
  await browser.close();

  const delta = (name: string): number => (after[name] ?? 0) - (before[name] ?? 0);
  const ms = (seconds: number): string => `${(seconds * 1000).toFixed(0)} ms`;
  const seconds = scrollMs / 1000;
  console.log(`document ${DOC_PATH}: ${paragraphs} paragraphs, ${domNodes} DOM elements, ${scrollHeight} px tall; loaded in ${loadMs} ms`);
  console.log(
    `until loaded: ${atLoad['LayoutCount'] ?? 0} layouts ${ms(atLoad['LayoutDuration'] ?? 0)}, ` +
      `style ${ms(atLoad['RecalcStyleDuration'] ?? 0)}, script ${ms(atLoad['ScriptDuration'] ?? 0)}`,
  );
  console.table({
    'scroll time': `${scrollMs} ms (${steps} wheel steps of ${STEP_PX} px every ${STEP_MS} ms)`,
    'frames (rAF)': `${stats.frames} (${(stats.frames / seconds).toFixed(1)} fps)`,
    [`dropped frames (gap > ${DROPPED_MS} ms)`]: String(stats.dropped),
    'longest frame': `${stats.longestFrame.toFixed(1)} ms`,
    'long tasks': `${stats.longTasks} (${stats.longTaskTotal.toFixed(0)} ms in all)`,
    'layout (CDP)': `${delta('LayoutCount')} layouts, ${ms(delta('LayoutDuration'))}`,
    'style recalc (CDP)': `${delta('RecalcStyleCount')} recalcs, ${ms(delta('RecalcStyleDuration'))}`,
    'script (CDP)': ms(delta('ScriptDuration')),
    'task (CDP)': ms(delta('TaskDuration')),
    'comment requests (load + scroll)': String(commentRequests.length),
  });
  console.log(`trace: ${tracePath}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
