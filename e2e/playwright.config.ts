import { defineConfig, devices } from '@playwright/test';
import { join } from 'node:path';

const PORT = Number(process.env['E2E_PORT'] ?? 3100);
// Its own data dir per run, so that two journeys on different ports can run side by side.
const DATA_DIR = process.env['E2E_DATA_DIR'] ?? 'tmp/e2e-data';
const root = join(__dirname, '..');

/**
 * Journeys run in the system Chromium (CHROME_PATH, else /usr/bin/chromium), never a downloaded
 * browser, against the built app on a fresh embedded database seeded with the demo content.
 */
export default defineConfig({
  testDir: './src',
  outputDir: join(root, 'tmp', 'e2e-results'),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    ...devices['Desktop Chrome'],
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      executablePath: process.env['CHROME_PATH'] ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `rm -rf ${DATA_DIR} && node dist/api/api/src/main.js`,
    cwd: root,
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR, SEED_DEMO: '1', LOG_LEVEL: 'warn' },
  },
});
