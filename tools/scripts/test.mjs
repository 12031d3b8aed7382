// `npm test`: every suite in turn (lint, unit, API integration on a real PostgreSQL, the browser
// journey in Chromium, the benchmark harness's smoke run), then one closing line summing them
// all: "N passed, N failed".
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bin, root, run } from './lib.mjs';

const reports = join(root, 'tmp', 'test-reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const results = [];

function readJest(file) {
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  // A suite that fails to load counts as a failure even though none of its tests ran.
  const brokenSuites = report.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length;
  return { passed: report.numPassedTests, failed: report.numFailedTests + brokenSuites, skipped: report.numPendingTests + report.numTodoTests };
}

function readPlaywright(file) {
  if (!existsSync(file)) return null;
  const { stats } = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}

async function jestSuite(name, config, extra = []) {
  const file = join(reports, `${name}.json`);
  const code = await run(bin('jest'), ['-c', config, '--json', `--outputFile=${file}`, ...extra]);
  const counts = readJest(file) ?? { passed: 0, failed: 1, skipped: 0 };
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  results.push({ name, ...counts });
}

async function step(name, command, args) {
  const code = await run(command, args);
  results.push({ name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 });
  return code === 0;
}

await step('lint (module boundaries, strict rules)', bin('nx'), ['run-many', '-t', 'lint', '--output-style=stream']);
// jest transpiles each file alone, so the type check of every project (specs included) is its own step.
const typecheck = ['api/tsconfig.spec.json', 'client/tsconfig.spec.json', 'libs/contracts/tsconfig.json', 'e2e/tsconfig.json', 'tools/tsconfig.json']
  .map((project) => `"${bin('tsc')}" -p ${project} --noEmit`)
  .join(' && ');
await step('typecheck (api, client, contracts, e2e, tools)', 'sh', ['-c', typecheck]);
await jestSuite('unit: contracts', 'libs/contracts/jest.config.ts');
await jestSuite('unit: api and seeds', 'api/jest.config.ts');
await jestSuite('unit: client', 'client/jest.config.ts');
await jestSuite('workspace checks', 'tools/jest.config.ts');
await jestSuite('integration: api on PostgreSQL', 'api/jest.integration.config.ts', ['--runInBand']);

if (await step('build api and client', bin('nx'), ['run-many', '-t', 'build', '--projects=api,client', '--output-style=stream'])) {
  const file = join(reports, 'playwright.json');
  const code = await run(bin('playwright'), ['test', '-c', 'e2e/playwright.config.ts'], {
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: file },
  });
  const counts = readPlaywright(file) ?? { passed: 0, failed: 1, skipped: 0 };
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  results.push({ name: 'e2e: Chromium journeys', ...counts });
  // One test: every benchmark measurement produces numbers (small dataset, throwaway data dir);
  // missed performance targets do not fail it, only a broken measurement does.
  await step('bench smoke (npm run bench -- --smoke)', 'npm', ['run', 'bench', '--silent', '--', '--smoke']);
}

console.log('\nDoorway test summary');
for (const r of results) console.log(`  ${r.failed ? 'FAIL' : 'ok  '} ${r.name}: ${r.passed} passed, ${r.failed} failed`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const skipped = results.reduce((n, r) => n + r.skipped, 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
