import { test, expect, expectNoA11yViolations } from '../fixtures';
import { digest } from '../digest';
import { IndexPage } from '../pages/IndexPage';

test.describe('index page', () => {
  test('opens under the base path', async ({ page, baseURL }) => {
    const index = new IndexPage(page);
    await index.goto();
    // './' resolves against the base URL, so the page is at the sub-path.
    expect(new URL(page.url()).pathname).toBe(new URL(baseURL!).pathname);
    await expect(index.heading).toHaveText(digest.meeting.title);
  });

  test('shows every speaker', async ({ page }) => {
    const index = new IndexPage(page);
    await index.goto();
    const names = digest.speeches.map((s) => s.speaker.name);
    expect(names).toHaveLength(10);
    for (const name of names) {
      // Cards off screen are not laid out until the reader scrolls to them (content-visibility).
      await index.speakerName(name).scrollIntoViewIfNeeded();
      await expect(index.speakerName(name), name).toBeVisible();
    }
    expect(await index.speakerNames()).toEqual(names);
    // At the real size the list is whole: nothing to show more of (tests/scale.spec.ts).
    await expect(index.showMore).toHaveCount(0);
  });

  test('starts the app: searching filters the cards', async ({ page }) => {
    const index = new IndexPage(page);
    await index.goto();
    await expect(index.cards).toHaveCount(digest.speeches.length);
    const first = digest.speeches[0];
    // The prerendered page is there before the wasm has hydrated it: retry
    // typing until the app reacts.
    await expect(async () => {
      await index.searchFor(first.speaker.name);
      await expect(index.cards).toHaveCount(1, { timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await expect(index.speakerName(first.speaker.name)).toBeVisible();
  });

  test('has no accessibility violations', async ({ page }) => {
    const index = new IndexPage(page);
    await index.goto();
    await expect(index.cards.first()).toBeVisible();
    await expectNoA11yViolations(page);
  });
});
