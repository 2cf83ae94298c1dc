// The text first, the app after (static/boot.js): the first paint needs only the page, its
// stylesheet and boot.js; the app starts after that paint, or at once when the reader reaches
// for a control that needs it, and nothing done before it is live is lost.
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures';
import { appLive } from '../checks';
import { digest } from '../digest';
import { IndexPage } from '../pages/IndexPage';

/** Holds every WebAssembly request until the returned function is called. */
async function holdWasm(page: Page): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/*.wasm', async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

test.describe('boot: the app after the text', () => {
  test('the head asks for no preload, and the app is fetched after the first paint and load', async ({ page }) => {
    const index = new IndexPage(page);
    await index.goto();
    await appLive(page);
    await expect(page.locator('link[rel="modulepreload"], link[rel="preload"]')).toHaveCount(0);
    const t = await page.evaluate(() => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const app = performance
        .getEntriesByType('resource')
        .filter((r) => /\.wasm$|\/jianyan-[^/]*\.js$/.test(new URL(r.name).pathname))
        .map((r) => r.startTime);
      return { fcp, load: nav.loadEventStart, app };
    });
    expect(t.app.length, 'the app’s JS and WebAssembly were fetched').toBeGreaterThanOrEqual(2);
    for (const start of t.app) {
      expect(start, 'an app fetch started before the first contentful paint').toBeGreaterThanOrEqual(t.fcp);
      expect(start, 'an app fetch started before the load event').toBeGreaterThanOrEqual(t.load);
    }
  });

  test('a word typed before the app is live is searched once it is', async ({ page }) => {
    const release = await holdWasm(page);
    const index = new IndexPage(page);
    await index.goto();
    await index.searchFor('人才');
    await expect(page.locator('html')).not.toHaveClass(/app-live/);
    release();
    await appLive(page);
    await expect(index.search).toHaveValue('人才');
    await expect(index.count).toContainText('含“人才”');
    await expect(index.cards).not.toHaveCount(digest.speeches.length);
    await expect(page).toHaveURL(/[?&]q=/);
  });

  test('a button pressed before the app is live waits visibly, then is honoured', async ({ page }) => {
    const release = await holdWasm(page);
    const index = new IndexPage(page);
    await index.goto();
    const elder = page.getByRole('button', { name: '长者模式' });
    await expect(elder).toHaveAttribute('aria-pressed', 'false');
    await elder.click();
    await expect(elder).toHaveAttribute('aria-busy', 'true');
    await expect(page.locator('html')).toHaveClass(/app-waiting/);
    release();
    await appLive(page);
    await expect(elder).toHaveAttribute('aria-pressed', 'true');
    await expect(elder).not.toHaveAttribute('aria-busy');
    await expect(page.locator('html')).not.toHaveClass(/app-waiting/);
    await expect(page.locator('.app')).toHaveClass(/elder/);
  });
});

test.describe('boot: WebAssembly blocked', () => {
  // An array option is given as [value, options] (a bare array would be read as that pair).
  test.use({ allowedConsoleErrors: [[/Failed to load resource/, /^jianyan: interactive features unavailable/], { option: true }] });
  for (const url of ['./', 'speech/feng-hua/', 'compare/?ids=he-jianhong,huang-junxia', 'theme/finance/']) {
    test(`${url}: stays readable, with no control that needs the app`, async ({ page }) => {
      await page.route('**/*.wasm', (route) => route.abort());
      await page.goto(url);
      await expect(page.locator('html')).toHaveClass(/no-app/);
      await expect(page.locator('main h1')).toBeVisible();
      await expect(page.locator('main p').first()).toBeVisible();
      // Every control still on screen works without the app: links only.
      const controls = await page.evaluate(() =>
        Array.from(document.querySelectorAll('#app button, #app input, #app select, #app textarea'))
          .filter((el) => el.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions))
          .map((el) => el.outerHTML.slice(0, 80)),
      );
      expect(controls).toEqual([]);
      await expect(page.locator('html')).not.toHaveClass(/app-live/);
    });
  }
});
