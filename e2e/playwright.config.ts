// Browser tests for jianyan. Run them with `cargo xtask test` (everything) or
// `cargo xtask e2e [--no-build] [-- PLAYWRIGHT ARGS]` from the repository root:
// xtask builds dist/, serves it under /zxhy/2025/ on a free port and sets
// JIANYAN_BASE_URL. Tests navigate with relative URLs ('./', 'speech/feng-hua/'),
// which resolve under that sub-path because the base URL ends with '/'.
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.cjs';

const baseURL = process.env.JIANYAN_BASE_URL;
if (!baseURL) {
  throw new Error(
    'JIANYAN_BASE_URL is not set: run the browser tests with `cargo xtask e2e` (or `cargo xtask test`) from the repository root',
  );
}
if (!baseURL.endsWith('/')) {
  throw new Error(`JIANYAN_BASE_URL must end with '/' (got ${baseURL}), or relative URLs leave the sub-path`);
}

// Debian's Chromium (Playwright's own browser download is not available here).
const launchOptions = { executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS };

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: 'list',
  // Generous: two workers share two cores with two Chromiums (axe on a big page takes seconds).
  timeout: 60_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'phone',
      use: { ...devices['Pixel 7'], launchOptions },
    },
    {
      name: 'desktop',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 800 },
        launchOptions,
      },
    },
  ],
});
