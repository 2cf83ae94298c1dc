// Issue 16: a printed page is a handout — title, meeting and date, source, the content, and at
// the foot the page's address with a QR code that a phone can read. Printed here by Chromium
// to an A4 PDF and read back (`print.ts`): the code is decoded from the PDF's own pixels.
import { test, expect, expectNoA11yViolations } from '../fixtures';
import { appLive, full, speech, displayTitle } from '../checks';
import { printA4 } from '../print';

const siteBase = process.env.JIANYAN_SITE_BASE_URL;
const siteUrl = process.env.JIANYAN_SITE_URL;
if (!siteBase || !siteUrl) {
  throw new Error('JIANYAN_SITE_BASE_URL and JIANYAN_SITE_URL are not set: run the browser tests with `cargo xtask e2e`');
}

/** The printed text has no spaces or line ends (see `print.ts`). */
const squeeze = (s: string) => s.replace(/\s+/g, '');

// Printing lays out on A4 whatever the screen: once, on desktop.
test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'the print-out does not depend on the screen: printed once, on desktop');
  // Printing, reading the PDF back and drawing its last page take a minute on a busy 2-core machine.
  test.setTimeout(120_000);
});

test.describe('with a site address', () => {
  test.use({ baseURL: siteBase });

  test('a speech prints as an A4 handout whose QR code reads as its address', async ({ page }) => {
    const s = speech('gong-yongling');
    const address = new URL(`speech/${s.id}/`, siteUrl).href;
    await page.goto(`speech/${s.id}/`);
    await appLive(page);
    await expectNoA11yViolations(page);
    const printed = await printA4(page);
    for (const p of printed) {
      // A4 in PDF points: 595.3 × 841.9 (Chromium rounds to whole device pixels: 595.92 × 842.88).
      expect(Math.abs(p.width - 595.3)).toBeLessThan(1);
      expect(Math.abs(p.height - 841.9)).toBeLessThan(1.5);
    }
    const all = printed.map((p) => p.text).join('');
    for (const part of [displayTitle(s), full.meeting.title, '2025年2月25日', '来源：', s.recommendations[0].headline, '扫码在手机上阅读', address]) {
      expect(all, `the print-out has no “${part}”`).toContain(squeeze(part));
    }
    const last = printed[printed.length - 1];
    expect(last.text.endsWith(squeeze(address)), 'the address is at the foot of the last page').toBe(true);
    expect(last.qr, 'no QR code found on the last printed page').toBe(address);
  });

  test('after following a link to another page, the print leaves the first page’s code out', async ({ page }) => {
    await page.goto('speech/gong-yongling/');
    await appLive(page);
    await page.locator('.prev-next a.next').click();
    await expect(page.locator('html.elsewhere')).toBeAttached();
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('#handout')).toBeHidden();
    // The view's own address is printed instead (the app's line).
    await expect(page.locator('main .print-only')).toContainText(new URL('speech/shi-lei/', siteBase).href);
  });
});

test('without a site address the print says where the view is, with no code', async ({ page }) => {
  // A filtered view (one card: a short print).
  await page.goto('./?speaker=gong-yongling');
  await appLive(page);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('#handout')).toHaveCount(0);
  await expect(page.locator('main .print-only')).toContainText(page.url());
  const printed = await printA4(page);
  expect(printed[printed.length - 1].qr).toBeNull();
  expect(printed.map((p) => p.text).join('')).toContain(squeeze(page.url()));
});
