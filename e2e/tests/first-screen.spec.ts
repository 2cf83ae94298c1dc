// Issue 16: a shared link opens on what was shared. A comparison link shows the comparison on
// a phone's first screen, with the chooser a tap away ("更换发言"); the index shows its search
// box and first speech on a small phone's first screen; note marks stay on their text's line.
import { test, expect, expectNoA11yViolations } from '../fixtures';
import { appLive, expectTouchTargets, speech } from '../checks';
import { ComparePage } from '../pages/ComparePage';
import { IndexPage } from '../pages/IndexPage';
import { SpeechPage } from '../pages/SpeechPage';

/** The bottom of an element's box, in CSS px from the top of the page (not of the window). */
async function bottomOf(locator: import('@playwright/test').Locator): Promise<number> {
  return locator.evaluate((el) => el.getBoundingClientRect().bottom + window.scrollY);
}

// Each test sets its own phone screen: once, in the phone project.
test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'each test sets its own phone screen: run once, in the phone project');
});

test.describe('at 390 × 844', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('a shared comparison link shows the comparison first; the chooser is one tap away', async ({ page }) => {
    const cmp = new ComparePage(page);
    await cmp.goto(['he-jianhong', 'huang-junxia', 'zhao-yongjiang']);
    await appLive(page);
    await expect(cmp.columns).toHaveCount(3);
    // The first row starts on the first screen with its first recommendation's headline.
    expect(await bottomOf(cmp.rows.first().locator('.cell-head').first()), 'the first row is below the first screen').toBeLessThanOrEqual(844);
    await expectNoA11yViolations(page);
    await cmp.changeChoice.tap();
    await expect(cmp.chooser).toBeFocused();
    await expect(cmp.chooser).toBeInViewport();
    // The keyboard path goes on from there: the first speech's toggle, then the next.
    await page.keyboard.press('Tab');
    await expect(cmp.chooser.locator('button').first()).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(cmp.columns).toHaveCount(4);
    await expect(cmp.chooser.locator('button').first()).toBeFocused();
  });
});

test.describe('at 360 × 640', () => {
  test.use({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });

  test('the index shows its search box and first speech on the first screen; the lead opens whole', async ({ page }) => {
    const index = new IndexPage(page);
    await index.goto();
    await appLive(page);
    expect(await bottomOf(index.search), 'the search box').toBeLessThanOrEqual(640);
    expect(await bottomOf(index.cards.first().locator('h2')), 'the first speech’s title').toBeLessThanOrEqual(640);
    const lead = page.locator('.intro .lead');
    const cut = await lead.evaluate((p) => p.scrollHeight > p.clientHeight + 1);
    expect(cut, 'the lead is cut to its first lines').toBe(true);
    await expectNoA11yViolations(page);
    await expectTouchTargets(page);
    await page.getByText('展开导语').tap();
    await expect(page.getByText('收起导语')).toBeVisible();
    expect(await lead.evaluate((p) => p.scrollHeight <= p.clientHeight + 1), 'the lead is whole').toBe(true);
  });
});

for (const width of [360, 390]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 800 }, isMobile: true, hasTouch: true });

    test('adjacent note marks share the line of their text, with full-size targets', async ({ page }) => {
      const sp = new SpeechPage(page);
      // 弓永玲: two marks after the title and two after the first headline.
      await sp.goto(speech('gong-yongling').id);
      await appLive(page);
      const groups = page.locator('.note-refs').filter({ has: page.locator('.note-ref + .note-ref') });
      expect(await groups.count()).toBeGreaterThanOrEqual(2);
      for (const group of await groups.all()) {
        const lines = await group.evaluate((g) => {
          const marks = Array.from(g.querySelectorAll('.note-ref')).map((a) => a.getBoundingClientRect());
          // The last character of the text the marks belong to.
          const text = g.previousSibling;
          let char: DOMRect | null = null;
          if (text && text.nodeType === Node.TEXT_NODE && text.textContent) {
            const range = document.createRange();
            range.setStart(text, text.textContent.length - 1);
            range.setEnd(text, text.textContent.length);
            char = range.getBoundingClientRect();
          }
          return { marks: marks.map((r) => ({ top: r.top, bottom: r.bottom })), char: char && { top: char.top, bottom: char.bottom } };
        });
        const first = lines.marks[0];
        for (const m of lines.marks) expect(Math.abs(m.top - first.top), 'a mark on another line').toBeLessThan(1);
        // The text's last character sits within the marks' line (their padded boxes span it).
        expect(lines.char, 'the marks follow their text').not.toBeNull();
        const middle = (lines.char!.top + lines.char!.bottom) / 2;
        expect(middle).toBeGreaterThan(first.top);
        expect(middle).toBeLessThan(first.bottom);
      }
      await expectTouchTargets(page);
      await expectNoA11yViolations(page);
    });
  });
}
