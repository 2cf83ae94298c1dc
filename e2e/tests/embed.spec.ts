// Embedding in a portal (docs/embedding.md): embed-demo.html is a plain host page with three
// frames (index filtered by a theme, one speech in a sandboxed frame, a comparison), sized by
// embed.js, served under the portal's strict CSP like every page here.
import { test, expect, expectNoA11yViolations } from '../fixtures';
import { EmbedDemoPage, type DemoFrame } from '../pages/EmbedDemoPage';
import { IndexPage } from '../pages/IndexPage';
import { ViewTools } from '../pages/ViewTools';

const FRAMES: DemoFrame[] = ['theme', 'speech', 'compare'];

test.describe('embedding', () => {
  // Each test starts three copies of the app (one per frame): slow on a busy 2-core machine.
  test.describe.configure({ timeout: 60_000 });
  test('every frame is sized to its content, with no inner scrollbar', async ({ page }) => {
    const demo = new EmbedDemoPage(page);
    await demo.goto();
    for (const name of FRAMES) {
      await demo.waitForApp(name);
      const size = await demo.expectFitted(name);
      // Each view is longer than the frame's initial height="600": it was resized.
      expect(size.frame, name).toBeGreaterThan(600);
      // Embed mode: no site header or footer inside the frame, its own navigation instead.
      const inside = demo.inside(name);
      await expect(inside.locator('header.site')).toBeHidden();
      await expect(inside.locator('footer.site')).toBeHidden();
      await expect(inside.getByRole('navigation', { name: '嵌入页导航' })).toBeVisible();
    }
  });

  test('a frame follows a filter change inside it, shrinking and growing', async ({ page }) => {
    const demo = new EmbedDemoPage(page);
    await demo.goto();
    await demo.waitForApp('theme');
    const before = await demo.expectFitted('theme');
    const inside = demo.inside('theme');
    const search = inside.getByLabel('搜索发言');

    await search.fill('没有这样的词语');
    await expect(inside.locator('article.speech-card')).toHaveCount(0);
    await demo.expectFitted('theme');
    // Clearing every filter shows all ten speeches: the frame grows…
    await inside.locator('.results').getByRole('button', { name: '清除全部筛选' }).click();
    await expect(inside.locator('article.speech-card')).toHaveCount(10);
    const grown = await demo.expectFitted('theme');
    expect(grown.frame).toBeGreaterThan(before.frame);
    // …and narrowing it again makes it shorter, not only taller.
    await search.fill('没有这样的词语');
    await expect(inside.locator('article.speech-card')).toHaveCount(0);
    const shrunk = await demo.expectFitted('theme');
    expect(shrunk.frame).toBeLessThan(grown.frame);
  });

  test('the host ignores height messages from other windows and of another shape', async ({ page }) => {
    const demo = new EmbedDemoPage(page);
    await demo.goto();
    await demo.waitForApp('theme');
    await demo.expectFitted('theme');
    await demo.recordHeights('theme');

    // A window embed.js does not manage, and the host page itself, send a valid shape…
    const foreign = await demo.addForeignFrame();
    await foreign.evaluate(() => parent.postMessage({ type: 'jianyan:height', height: 51 }, '*'));
    await page.evaluate(() => window.postMessage({ type: 'jianyan:height', height: 52 }, '*'));
    // …and the managed frame sends shapes that are not quite right.
    const frame = await demo.frame('theme');
    await frame.evaluate(() => {
      const bad: unknown[] = [
        { type: 'jianyan:height', height: '53' },
        { type: 'jianyan:height', height: 54, extra: true },
        { type: 'jianyan:height', height: -55 },
        { type: 'jianyan:height', height: 1e9 },
        { type: 'jianyan:height', height: NaN },
        { type: 'jianyan:heights', height: 56 },
        { height: 57 },
        ['jianyan:height', 58],
        'jianyan:height 59',
      ];
      for (const m of bad) parent.postMessage(m, '*');
      // Then a valid one, last: once it is applied, everything before it has been handled.
      parent.postMessage({ type: 'jianyan:height', height: 777 }, '*');
    });
    await expect.poll(() => demo.element('theme').evaluate((el) => (el as HTMLElement).style.height)).toBe('777px');
    // Whatever else was set in between (the frame may report its own height again) was real.
    const heights = await demo.recordedHeights();
    expect(heights.at(-1)).toBe('777px');
    for (const h of heights) expect(parseFloat(h), h).toBeGreaterThan(100);
  });

  test('a frame reports its height again when its parent asks, in exactly that shape', async ({ page }) => {
    const demo = new EmbedDemoPage(page);
    await demo.goto();
    await demo.waitForApp('theme');
    await demo.expectFitted('theme');
    // Count the height messages the host gets from the frame from now on.
    await demo.element('theme').evaluate((el) => {
      const w = window as unknown as { __reports: number };
      w.__reports = 0;
      window.addEventListener('message', (e) => {
        if (e.source === (el as HTMLIFrameElement).contentWindow && (e.data as { type?: string })?.type === 'jianyan:height') w.__reports++;
      });
    });
    const reports = () => page.evaluate(() => (window as unknown as { __reports: number }).__reports);
    // Requests the frame must ignore: from a sibling frame, and of another shape.
    const sibling = await demo.frame('compare');
    await sibling.evaluate(() => parent.frames[0].postMessage({ type: 'jianyan:report' }, '*'));
    for (const bad of [{ type: 'jianyan:report', now: true }, { type: 'jianyan:reports' }, ['jianyan:report'], 'jianyan:report']) {
      await demo.postFromHost('theme', bad);
    }
    // Then the right one, last: once answered, everything before it has been handled.
    await demo.postFromHost('theme', { type: 'jianyan:report' });
    await expect.poll(reports).toBe(1);
    await page.waitForTimeout(300);
    expect(await reports()).toBe(1);
  });

  test('the frame takes text size and contrast from its parent only, with valid values', async ({ page }) => {
    const demo = new EmbedDemoPage(page);
    await demo.goto();
    for (const name of FRAMES) await demo.waitForApp(name);
    const normal = await demo.fontSize('theme');

    // The portal's toolbar (declarative buttons that embed.js wires up) reaches every frame.
    await page.getByRole('button', { name: '特大' }).click();
    await page.getByRole('button', { name: '高对比度' }).click();
    await expect(page.getByRole('button', { name: '特大' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('button', { name: '高对比度' })).toHaveAttribute('aria-pressed', 'true');
    for (const name of FRAMES) {
      await expect(demo.inside(name).locator('.app')).toHaveClass(/\bfs-150\b/);
      await expect(demo.inside(name).locator('.app')).toHaveClass(/\bhc\b/);
    }
    expect(await demo.fontSize('theme')).toBeCloseTo(normal * 1.5, 1);
    for (const name of FRAMES) await demo.expectFitted(name);

    // Back to normal from the host, then requests the frame must ignore.
    await demo.postFromHost('theme', { type: 'jianyan:display', fontScale: 1, highContrast: false });
    await expect(demo.inside('theme').locator('.app')).not.toHaveClass(/\b(fs-150|hc)\b/);
    const sibling = await demo.frame('compare');
    await sibling.evaluate(() => parent.frames[0].postMessage({ type: 'jianyan:display', fontScale: 1.5, highContrast: true }, '*'));
    for (const bad of [
      { type: 'jianyan:display', fontScale: 2, highContrast: true },
      { type: 'jianyan:display', fontScale: '1.5', highContrast: true },
      { type: 'jianyan:display', fontScale: 1.5, highContrast: 'yes' },
      { type: 'jianyan:other', highContrast: true },
      { highContrast: true },
    ]) {
      await demo.postFromHost('theme', bad);
    }
    // A valid request last that sets only the size: once applied, the ones before it were
    // handled, and none of them switched high contrast on.
    await demo.postFromHost('theme', { type: 'jianyan:display', fontScale: 1.25 });
    await expect(demo.inside('theme').locator('.app')).toHaveClass(/\bfs-125\b/);
    await expect(demo.inside('theme').locator('.app')).not.toHaveClass(/\bhc\b/);
  });

  test('the sandboxed frame works without storage', async ({ page }) => {
    const demo = new EmbedDemoPage(page);
    await demo.goto();
    await demo.waitForApp('speech');
    const frame = await demo.frame('speech');
    // Really sandboxed: an opaque origin, and no storage.
    expect(await frame.evaluate(() => self.origin)).toBe('null');
    expect(
      await frame.evaluate(() => {
        try {
          return typeof localStorage.getItem('x');
        } catch {
          return 'blocked';
        }
      }),
    ).toBe('blocked');
    const inside = demo.inside('speech');
    // The viewer works: its style, a copy action, in-frame navigation, sizing.
    await expect(inside.locator('header.site')).toBeHidden();
    await inside.getByRole('button', { name: '复制建议一的引用' }).click();
    await expect(inside.locator('p.status')).toHaveText(/引用已复制|无法自动复制，请手动复制：.*和建宏/);
    await inside.getByRole('navigation', { name: '嵌入页导航' }).getByRole('link', { name: '全部发言' }).click();
    await expect(inside.locator('article.speech-card')).toHaveCount(10);
    await demo.expectFitted('speech');
  });

  test('copy citation works in an embedded view', async ({ page, context, baseURL }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const demo = new EmbedDemoPage(page);
    await demo.goto();
    await demo.waitForApp('compare');
    const inside = demo.inside('compare');
    // From the comparison to a speech inside the frame, then copy a recommendation's citation.
    await inside.locator('.compare-table thead').getByRole('link', { name: '和建宏' }).click();
    await inside.getByRole('button', { name: '复制建议二的引用' }).click();
    await expect(inside.locator('p.status')).toHaveText('引用已复制');
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text).toContain('和建宏');
    expect(text).toContain('第二条建议');
    // The link in the citation is the plain view, not the embedded one.
    expect(text).toContain(`${baseURL}speech/he-jianhong/#r2`);
    expect(text).not.toContain('embed=1');
  });

  test.describe('axe', () => {
    // axe-core, which @axe-core/playwright injects into every frame as a script of its own (no
    // URL: the message's stack points at line 19661 of that script), sets an inline style while
    // it measures, which the views' strict CSP refuses; nothing of ours sets one (no `style`
    // attribute or `setAttribute('style')` in src/ or static/). Only that message is allowed.
    test.use({ allowedConsoleErrors: [/^Applying inline style violates the following Content Security Policy directive 'style-src 'self''/] });
    test('axe passes inside the frames', async ({ page }) => {
      // axe walks the host page and three whole views (the comparison is long): slow on 2 cores.
      test.setTimeout(120_000);
      const demo = new EmbedDemoPage(page);
      await demo.goto();
      for (const name of FRAMES) await demo.waitForApp(name);
      await expectNoA11yViolations(page);
    });
  });
});

test.describe('embed mode without the app', () => {
  test('?embed=1 drops the site header and footer before, or without, WebAssembly', async ({ page }) => {
    // boot.js reads the flag itself; the app never starts here.
    await page.addInitScript(() => {
      delete (window as unknown as { WebAssembly?: unknown }).WebAssembly;
    });
    await page.goto('speech/feng-hua/');
    await expect(page.locator('html')).toHaveClass(/\bno-app\b/);
    await expect(page.locator('header.site')).toBeVisible();

    await page.goto('speech/feng-hua/?embed=1');
    await expect(page.locator('html')).toHaveClass(/\bno-app\b/);
    await expect(page.locator('header.site')).toBeHidden();
    await expect(page.locator('footer.site')).toBeHidden();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });
});

test.describe('embed code', () => {
  test('the viewer shows copy-ready code for the current view, and the code works', async ({ page, context, baseURL }) => {
    await page.goto('./?theme=finance');
    const tools = new ViewTools(page);
    await tools.embedSummary.click();
    const codeFor = async (query: string) =>
      `<iframe src="${baseURL}${query}&amp;embed=1" title="${await page.title()}" ` +
      'width="100%" height="600" allow="clipboard-write; web-share" data-jianyan></iframe>\n' +
      `<script src="${baseURL}embed.js" async></script>`;
    const code = await codeFor('?theme=finance');
    await expect(tools.embedCode).toHaveValue(code);
    // While the panel is open, the code follows the view (it is written only then).
    const index = new IndexPage(page);
    await index.searchFor('金融');
    await expect(index.count).toContainText('金融');
    await expect(tools.embedCode).toHaveValue(await codeFor('?theme=finance&amp;q=%E9%87%91%E8%9E%8D'));

    // Pasted into a page of another origin (a portal), it embeds the view and sizes it.
    const portal = new URL('/portal/test.html', baseURL);
    portal.hostname = portal.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
    // The test's portal page is made up (route), so the browser counts it as a public site
    // reaching into the local network, unless allowed.
    await context.grantPermissions(['local-network-access'], { origin: portal.origin });
    await page.route(portal.href, (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: `<!DOCTYPE html><html lang="zh-CN"><head><title>portal</title><link rel="icon" href="data:,"></head><body><main>${code}</main></body></html>`,
      }),
    );
    await page.goto(portal.href);
    const frame = page.frameLocator('iframe[data-jianyan]');
    await expect(frame.locator('html.app-live .app.embed')).toHaveCount(1, { timeout: 20_000 });
    await expect
      .poll(async () => {
        const outer = await page.locator('iframe[data-jianyan]').evaluate((el) => el.getBoundingClientRect().height);
        const inner = await frame.locator('.app').evaluate((el) => el.getBoundingClientRect().height);
        return outer >= inner && outer - inner < 1.5 && outer !== 600;
      })
      .toBe(true);
  });
});

test.describe('frames sized whatever the order', () => {
  test.describe.configure({ timeout: 90_000 });

  test('embed.js arriving after every frame has started still sizes them all', async ({ page }) => {
    // A slow CDN, a portal that loads its scripts last: embed.js is held back until every
    // frame's viewer has started and reported its height to nobody.
    let release!: () => void;
    const framesStarted = new Promise<void>((r) => (release = r));
    await page.route('**/embed.js', async (route) => {
      await framesStarted;
      await route.continue();
    });
    const demo = new EmbedDemoPage(page);
    await demo.goto(undefined, 'commit');
    for (const name of FRAMES) await demo.waitForApp(name);
    // Nobody has sized them yet: each is its snippet's height="600" (604 px with the border).
    for (const name of FRAMES) expect(await demo.element(name).evaluate((el) => (el as HTMLElement).style.height), name).toBe('');
    expect(await page.evaluate(() => 'jianyanEmbed' in window)).toBe(false);
    release();
    await expect.poll(() => page.evaluate(() => 'jianyanEmbed' in window)).toBe(true);
    for (const name of FRAMES) expect((await demo.expectFitted(name)).frame, name).toBeGreaterThan(600);
  });

  test('frames that load after embed.js, or are added later, are sized', async ({ page }) => {
    // Every frame's page is held back until embed.js has run in the host page.
    await page.route(
      (url) => url.searchParams.get('embed') === '1',
      async (route) => {
        await expect.poll(() => page.evaluate(() => 'jianyanEmbed' in window), { timeout: 30_000 }).toBe(true);
        await route.continue();
      },
    );
    const demo = new EmbedDemoPage(page);
    await demo.goto();
    for (const name of FRAMES) {
      await demo.waitForApp(name);
      expect((await demo.expectFitted(name)).frame, name).toBeGreaterThan(600);
    }
    // A frame the page adds later (a tab opened, content loaded on demand).
    await page.evaluate(() => {
      const f = document.createElement('iframe');
      f.id = 'frame-late';
      f.title = '建言：冯华的发言';
      f.src = 'speech/feng-hua/?embed=1';
      f.width = '100%';
      f.height = '600';
      f.setAttribute('data-jianyan', '');
      document.querySelector('main')!.append(f);
    });
    const late = page.locator('#frame-late');
    await late.scrollIntoViewIfNeeded();
    await expect(page.frameLocator('#frame-late').locator('html.app-live .app.embed')).toHaveCount(1, { timeout: 20_000 });
    await expect
      .poll(async () => {
        const outer = await late.evaluate((el) => el.getBoundingClientRect().height);
        const inner = await page.frameLocator('#frame-late').locator('.app').evaluate((el) => el.getBoundingClientRect().height);
        return outer > 600 && Math.abs(outer - inner) < 1.5;
      })
      .toBe(true);
  });
});
