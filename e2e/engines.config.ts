// The reader's journeys in Firefox ESR and WebKitGTK (e2e/engines/). Run them with
// `cargo xtask engines [--no-build] [-- PLAYWRIGHT ARGS]` or as a step of `cargo xtask test`:
// xtask installs the browsers (Debian packages), serves dist/ under /zxhy/2025/ and sets
// JIANYAN_BASE_URL and the browsers' paths. Playwright is only the test runner here: its own
// Firefox and WebKit builds cannot be downloaded, so e2e/engines/driver.ts drives Debian's
// (puppeteer-core over WebDriver BiDi; WebKitWebDriver).
import { defineConfig } from '@playwright/test';

const baseURL = process.env.JIANYAN_BASE_URL;
if (!baseURL?.endsWith('/')) {
  throw new Error('JIANYAN_BASE_URL is not set (or does not end with /): run `cargo xtask engines` from the repository root');
}

export default defineConfig({
  testDir: './engines',
  outputDir: './test-results/engines',
  forbidOnly: !!process.env.CI,
  // One worker per engine: each drives one browser, and the machine has two cores.
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: { baseURL },
  projects: [{ name: 'firefox' }, { name: 'webkit' }],
});
