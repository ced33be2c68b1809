import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in Debian's Chromium against browser mode. Run through
 * `node scripts/e2e.mjs`, which builds a demo workspace, starts `oms serve`
 * and passes its address in BASE_URL. Never `npx playwright install`: these
 * machines use the system Chromium.
 */
const baseURL = process.env.BASE_URL;
if (!baseURL) {
  throw new Error('BASE_URL is not set. Run the end-to-end tests with `node scripts/e2e.mjs` (it starts the server).');
}

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  // Screens for humans live in test-results/screens; Playwright clears only its own outputDir.
  outputDir: 'test-results/e2e',
  // One worker: the tests share one workspace and its failed-login back-off.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  // npm test (scripts/test.mjs) asks for a JSON report too, to count e2e results in its summary line.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    baseURL,
    viewport: { width: 1440, height: 900 },
    // Fixed so screenshots and dates read the same on every machine.
    locale: 'en-US',
    timezoneId: 'America/New_York',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    },
  },
});
