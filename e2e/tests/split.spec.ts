// The WebAssembly in chunks (src/views/lazy.rs, xtask/src/split.rs): the index loads without
// the comparison, the speech page and the view tools; each is fetched when first needed (and
// prefetched when idle), under the sub-path and the portal's strict CSP; a deep link to a
// split page shows its prerendered content at once and hydrates it; a chunk that fails to
// load says so and offers a retry.
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures';
import { appLive } from '../checks';
import { ComparePage } from '../pages/ComparePage';
import { IndexPage } from '../pages/IndexPage';
import { SpeechPage } from '../pages/SpeechPage';

const CHUNK = /\/split_compare-[0-9a-f]+\.wasm$/;
// The speeches' bodies are in a chunk (`model::Texts`), the one every part's load shares, so
// these tests hold every chunk: the index is interactive without any, and a search waits for
// the bodies.
const TEXTS = /\/(split|chunk)_[^/]*\.wasm$/;
const chunkRequests = (page: Page) => {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (/\/(split|chunk)_[^/]*\.wasm$/.test(new URL(r.url()).pathname)) seen.push(new URL(r.url()).pathname);
  });
  return seen;
};

/** Holds the chunks matching `pattern` until the returned function is called. */
async function holdChunk(page: Page, pattern: RegExp): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(pattern, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

test.describe('split: chunks on demand', () => {
  test('a speech opened from the list as soon as the app is live appears (its chunk loads after the others under way)', async ({ page }) => {
    const index = new IndexPage(page);
    await index.goto();
    await appLive(page);
    await page.locator('article.speech-card h2 a').first().click();
    const speech = new SpeechPage(page);
    await expect(speech.recommendations.first()).toBeVisible();
    await expect(page.locator('.lazy-wait')).toHaveCount(0);
  });

  test('the comparison’s chunk is fetched when first needed, under the sub-path and the CSP', async ({ page, baseURL }) => {
    const seen = chunkRequests(page);
    // Held until released: whether prefetched when idle or asked for by the link, it waits.
    const release = await holdChunk(page, CHUNK);
    const res = await page.goto('./');
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
    await appLive(page);
    await expect(new IndexPage(page).cards).toHaveCount(10);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '比较建议' }).click();
    await expect(page.locator('main .lazy-wait')).toHaveText('正在载入…');
    release();
    const compare = new ComparePage(page);
    await expect(compare.heading).toHaveText('比较建议');
    await expect(compare.chooser).toBeVisible();
    const chunk = seen.find((p) => CHUNK.test(p));
    expect(chunk, `chunks fetched: ${seen.join(', ')}`).toBeTruthy();
    expect(chunk!.startsWith(new URL(baseURL!).pathname)).toBe(true);
  });

  test('a deep link to a speech shows its content at once and hydrates it', async ({ page }) => {
    const held = /\/split_speech-[0-9a-f]+\.wasm$/;
    const release = await holdChunk(page, held);
    const speech = new SpeechPage(page);
    await speech.goto('he-jianhong');
    // Prerendered, while the chunk is held: the whole text is there, the app is not live.
    await expect(speech.heading).toBeVisible();
    await expect(speech.recommendations.first()).toBeVisible();
    await page.waitForTimeout(300);
    await expect(page.locator('html')).not.toHaveClass(/app-live/);
    release();
    await appLive(page);
    // Hydrated as it was (no second copy of the page), and it answers.
    await expect(speech.heading).toHaveCount(1);
    await expect(page.getByRole('button', { name: '长者模式' })).toBeVisible();
    await page.getByRole('button', { name: '长者模式' }).click();
    await expect(page).toHaveURL(/elder=1/);
  });

  test('a shared comparison link waits for its chunk, then shows the speeches', async ({ page }) => {
    const release = await holdChunk(page, CHUNK);
    const compare = new ComparePage(page);
    await compare.goto(['he-jianhong', 'huang-junxia']);
    await expect(page.locator('html')).not.toHaveClass(/app-live/);
    // Meanwhile the heading and the lead, the same in either view, show; the file's chooser,
    // which the comparison will push down, waits.
    await expect(compare.heading).toBeVisible();
    await expect(page.locator('main .compare > .lead')).toBeVisible();
    await expect(compare.chooser).toBeHidden();
    release();
    await appLive(page);
    await expect(compare.heading).toHaveText('比较建议');
    await expect(compare.columns).toHaveCount(2);
    await compare.bySpeech.click();
    await expect(page).toHaveURL(/order=speech/);
  });
});

test.describe('split: on a plain server', () => {
  test('a chunk sent as application/octet-stream (no WebAssembly type) still loads', async ({ page }) => {
    await page.route(/\/(split|chunk)_[^/]*\.wasm$/, async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers(), 'content-type': 'application/octet-stream' };
      // The body comes decoded: it is sent as it is.
      delete headers['content-encoding'];
      delete headers['content-length'];
      await route.fulfill({ response, headers });
    });
    await page.goto('./');
    await appLive(page);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '比较建议' }).click();
    await expect(new ComparePage(page).chooser).toBeVisible();
    await expect(page.locator('.lazy-failed')).toHaveCount(0);
  });
});

test.describe('split: a chunk that fails to load', () => {
  test.use({ allowedConsoleErrors: [[/Failed to load resource/, /TypeError|Failed to fetch|network/i], { option: true }] });

  test('a deep link says so, keeps the page readable, and the retry works', async ({ page }) => {
    let fail = true;
    await page.route(CHUNK, (route) => (fail ? route.abort() : route.continue()));
    const compare = new ComparePage(page);
    await compare.goto(['he-jianhong', 'huang-junxia']);
    const note = page.locator('.lazy-failed');
    await expect(note).toContainText('未能载入');
    await expect(compare.heading).toHaveText('比较建议');
    await expect(page.locator('html')).toHaveClass(/no-app/);
    fail = false;
    await note.getByRole('button', { name: '重试' }).click();
    await appLive(page);
    await expect(note).toHaveCount(0);
    await expect(compare.columns).toHaveCount(2);
  });

  test('a link to a split page says so in place, and the retry works', async ({ page }) => {
    let fail = true;
    await page.route(CHUNK, (route) => (fail ? route.abort() : route.continue()));
    await page.goto('./');
    await appLive(page);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '比较建议' }).click();
    const note = page.locator('main .lazy-failed');
    await expect(note).toContainText('未能载入');
    fail = false;
    await note.getByRole('button', { name: '重试' }).click();
    await expect(new ComparePage(page).chooser).toBeVisible();
    // The rest of the app kept working throughout.
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '全部发言' }).click();
    await expect(new IndexPage(page).cards).toHaveCount(10);
  });

  test('the speeches’ bodies: when they fail to load, the search says so, the list stays, and the retry works', async ({ page }) => {
    let fail = true;
    await page.route(TEXTS, (route) => (fail ? route.abort() : route.continue()));
    const index = new IndexPage(page);
    await index.goto();
    await appLive(page);
    await index.searchFor('人才');
    await expect(index.count).toContainText('未能载入');
    await expect(index.cards).toHaveCount(10);
    fail = false;
    await page.locator('.results').getByRole('button', { name: '重试' }).click();
    await expect(index.count).toContainText('含“人才”');
    await expect(page.locator('article.speech-card mark').first()).toHaveText('人才');
  });
});


test.describe('split: the speeches’ bodies after the app', () => {
  test('the index is live without them; a search says it waits, then shows its results', async ({ page }) => {
    const release = await holdChunk(page, TEXTS);
    const index = new IndexPage(page);
    await index.goto();
    await appLive(page);
    // Live: the filters answer while the bodies are held.
    await page.getByRole('button', { name: '长者模式' }).click();
    await expect(page).toHaveURL(/elder=1/);
    await index.searchFor('人才');
    await expect(index.count).toContainText('正在载入发言全文');
    await expect(index.cards).toHaveCount(0);
    release();
    await expect(index.count).toContainText('含“人才”');
    await expect(index.cards.first()).toBeVisible();
    await expect(page.locator('article.speech-card mark').first()).toHaveText('人才');
  });
});
