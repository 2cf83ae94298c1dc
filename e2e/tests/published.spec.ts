// Issue 16: with the site's address (`--site-url`), every page names its canonical address and
// carries Open Graph tags naming what it shows; sitemap.xml lists every page with the meeting's
// date and robots.txt points at it. Without an address (the default build) there is none of it.
// xtask serves dist/ at JIANYAN_BASE_URL and a copy filled for JIANYAN_SITE_URL at
// JIANYAN_SITE_BASE_URL (`dist_for_site_url`).
import { test, expect, expectNoA11yViolations } from '../fixtures';
import { appLive, displayTitle, full } from '../checks';
import { PageHead } from '../pages/PageHead';

const siteBase = process.env.JIANYAN_SITE_BASE_URL;
const siteUrl = process.env.JIANYAN_SITE_URL;
if (!siteBase || !siteUrl) {
  throw new Error('JIANYAN_SITE_BASE_URL and JIANYAN_SITE_URL are not set: run the browser tests with `cargo xtask e2e`');
}

/** Every page a reader can find, relative to the site root, and what its preview names. */
const pages = [
  { url: '', type: 'website', names: '发言摘编' },
  { url: 'compare/', type: 'website', names: '比较建议' },
  ...full.speeches.map((s) => ({ url: `speech/${s.id}/`, type: 'article', names: `${s.speaker.name}：${displayTitle(s)}` })),
  ...full.themes.map((t) => ({ url: `theme/${t.id}/`, type: 'website', names: `主题：${t.name}` })),
];

// The files are the same for every screen size: read once, in the desktop project.
test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'the files do not depend on the screen: read once, on desktop');
});

test.describe('with a site address', () => {
  test.use({ baseURL: siteBase });

  test('every page names its canonical address and what it shows to link previews', async ({ page }) => {
    const head = new PageHead(page);
    await page.goto('speech/gong-yongling/');
    await appLive(page);
    for (const p of pages) {
      const address = new URL(p.url, siteUrl).href;
      const tags = await head.of(p.url || './');
      expect(tags.canonical, p.url).toBe(address);
      expect(tags.og['og:url'], p.url).toBe(address);
      expect(tags.og['og:type'], p.url).toBe(p.type);
      expect(tags.og['og:title'], p.url).toContain(p.names);
      expect(tags.og['og:description'], p.url).not.toBe('');
      expect(tags.og['og:site_name'], p.url).toMatch(/发言摘编$/);
      expect(tags.og['og:locale'], p.url).toBe('zh_CN');
    }
    expect((await head.of('404.html')).canonical).toBeNull();
    // The app keeps them once it has taken over the page.
    expect((await head.live()).canonical).toBe(new URL('speech/gong-yongling/', siteUrl).href);
    await expectNoA11yViolations(page);
  });

  test('sitemap.xml lists every page with the meeting date; robots.txt points at it', async ({ page }) => {
    const sitemap = await page.request.get('sitemap.xml');
    expect(sitemap.ok()).toBe(true);
    const entries = await page.evaluate((xml) => {
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      if (doc.querySelector('parsererror')) throw new Error('sitemap.xml is not well-formed XML');
      return Array.from(doc.getElementsByTagName('url')).map((u) => ({
        loc: u.getElementsByTagName('loc')[0]?.textContent ?? '',
        lastmod: u.getElementsByTagName('lastmod')[0]?.textContent ?? '',
      }));
    }, await sitemap.text());
    expect(entries.map((e) => e.loc).sort()).toEqual(pages.map((p) => new URL(p.url, siteUrl).href).sort());
    for (const e of entries) expect(e.lastmod, e.loc).toBe(full.meeting.date);
    const robots = await page.request.get('robots.txt');
    expect(await robots.text()).toContain(`Sitemap: ${new URL('sitemap.xml', siteUrl).href}`);
  });
});

test.describe('without a site address', () => {
  test('no page names an address, and there is no sitemap', async ({ page }) => {
    const head = new PageHead(page);
    await page.goto('./');
    for (const p of [...pages, { url: '404.html' }]) {
      const tags = await head.of(p.url || './');
      expect(tags, p.url).toEqual({ canonical: null, og: {} });
    }
    for (const file of ['sitemap.xml', 'robots.txt']) {
      expect((await page.request.get(file)).status(), file).toBe(404);
    }
  });
});
