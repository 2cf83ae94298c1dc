// A long list, for a real reader: at 10× the digest (a SYNTHETIC digest of 100 speeches, built
// by `cargo xtask perf browser`, which sets JIANYAN_PERF_X10_URL and runs this file; skipped in
// the ordinary run, whose digest has 10 speeches and shows them all: index.spec.ts) the list as
// loaded and the list being filtered show their first 10 cards and "显示更多（还有 N 篇）";
// the button shows 30 more, moves focus to the first of them and keeps the reader's place;
// the count names every result; a new search starts from its first cards again; how many
// are shown never enters the address. The prerendered file holds the same first cards.
import { test, expect, expectNoA11yViolations } from '../fixtures';
import { appLive, expectTouchTargets } from '../checks';
import { IndexPage } from '../pages/IndexPage';

const url = process.env.JIANYAN_PERF_X10_URL;
const FIRST = 10;
const MORE = 30;
const TOTAL = 100;

test.skip(!url, 'needs the 10× build: JIANYAN_PERF_X10_URL, set by `cargo xtask perf browser`');

async function open(page: import('@playwright/test').Page) {
  const index = new IndexPage(page);
  await page.goto(url!);
  await appLive(page);
  return index;
}

test.describe('a long list: its first cards, then more on demand', () => {
  test('the list as loaded shows its first cards and says how many more there are', async ({ page }) => {
    const index = await open(page);
    await expect(index.count).toHaveText(`共 ${TOTAL} 篇发言`);
    await expect(index.cards).toHaveCount(FIRST);
    await expect(index.showMore).toHaveText(`显示更多（还有 ${TOTAL - FIRST} 篇）`);
    await index.showMore.scrollIntoViewIfNeeded();
    await expectTouchTargets(page);
    await expectNoA11yViolations(page);
  });

  test('the prerendered file holds the cards the app shows first (hydration keeps them)', async ({ page }) => {
    const file = await (await page.request.get(url!)).text();
    // Each card's title has the id `card-<speech id>`.
    const inFile = [...file.matchAll(/<h2 id="card-([^"]+)"/g)].map((m) => m[1]);
    expect(inFile).toHaveLength(FIRST);
    expect(file).toContain(`显示更多（还有 ${TOTAL - FIRST} 篇）`);
    const index = await open(page);
    expect(await index.cardIds()).toEqual(inFile);
  });

  test('显示更多 shows more below, keeps the first cards, and moves focus to the first new card', async ({ page }) => {
    const index = await open(page);
    const first = await index.cardIds();
    const address = page.url();
    await index.showMore.click();
    await expect(index.cards).toHaveCount(FIRST + MORE);
    await expect(index.cardTitle(FIRST)).toBeFocused();
    expect((await index.cardIds()).slice(0, FIRST)).toEqual(first);
    await expect(index.showMore).toHaveText(`显示更多（还有 ${TOTAL - FIRST - MORE} 篇）`);
    await expect(index.count).toHaveText(`共 ${TOTAL} 篇发言`);
    // Widget state, not the view's: the address is the same.
    expect(page.url()).toBe(address);
    await expectNoA11yViolations(page);
  });

  test('keyboard: Tab from the last card reaches 显示更多, Enter shows more and focuses the first new card', async ({
    page,
  }) => {
    const index = await open(page);
    await index.showMore.click();
    await expect(index.cards).toHaveCount(FIRST + MORE);
    // The last control of the last card shown, then one Tab.
    await index.cards.nth(FIRST + MORE - 1).locator('button').last().focus();
    await page.keyboard.press('Tab');
    await expect(index.showMore).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(index.cards).toHaveCount(FIRST + 2 * MORE);
    await expect(index.cardTitle(FIRST + MORE)).toBeFocused();
    // Space presses it too (a real button), to the end of the list, where it goes away.
    await index.showMore.focus();
    await page.keyboard.press('Space');
    await expect(index.cards).toHaveCount(TOTAL);
    await expect(index.cardTitle(FIRST + 2 * MORE)).toBeFocused();
    await expect(index.showMore).toHaveCount(0);
  });

  test('a search starts from its first cards again, with the right count', async ({ page }) => {
    const index = await open(page);
    await index.showMore.click();
    await expect(index.cards).toHaveCount(FIRST + MORE);
    await index.searchFor('科');
    await expect(index.count).toHaveText('找到 80 篇发言，含“科”');
    await expect(index.cards).toHaveCount(FIRST);
    await expect(index.cards.locator('p.where')).toHaveCount(FIRST);
    await expect(index.showMore).toHaveText(`显示更多（还有 ${80 - FIRST} 篇）`);
    // A search with no more results than the first cards shows them all, without the button.
    await index.searchFor('医联体');
    await expect(index.count).toHaveText('找到 10 篇发言，含“医联体”');
    await expect(index.cards).toHaveCount(10);
    await expect(index.showMore).toHaveCount(0);
    // Back to the list as loaded: its first cards again.
    await index.searchFor('');
    await expect(index.count).toHaveText(`共 ${TOTAL} 篇发言`);
    await expect(index.cards).toHaveCount(FIRST);
  });
});
