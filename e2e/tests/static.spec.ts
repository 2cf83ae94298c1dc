// Issue 6 (static first): every page is a real HTML file holding its content, title and
// description; it reads and links without JavaScript; the app hydrates it without changing
// what it says; a query applies after hydration; all of it under the portal's strict CSP.
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures';
import { digest } from '../digest';
import { IndexPage } from '../pages/IndexPage';
import { SpeechPage } from '../pages/SpeechPage';
import { appLive, displayTitle, DOCUMENT_404, failedSubresources, full, type FullSpeech } from '../checks';

type Kind = 'index' | 'speech' | 'theme' | 'compare' | 'notfound';
type SitePage = { url: string; kind: Kind; id?: string };

/** Every file the build writes, as its URL relative to the site root. */
const pages: SitePage[] = [
  { url: './', kind: 'index' },
  { url: 'compare/', kind: 'compare' },
  ...full.speeches.map((s): SitePage => ({ url: `speech/${s.id}/`, kind: 'speech', id: s.id })),
  ...full.themes.map((t): SitePage => ({ url: `theme/${t.id}/`, kind: 'theme', id: t.id })),
  { url: '404.html', kind: 'notfound' },
];

const members = (themeId: string): FullSpeech[] => full.speeches.filter((s) => s.themes.includes(themeId));
const speechOf = (id: string) => full.speeches.find((s) => s.id === id)!;
const themeOf = (id: string) => full.themes.find((t) => t.id === id)!;

/** Reads an HTML file as a browser would before any script: parsed, never run. */
async function parseFile(page: Page, html: string) {
  return page.evaluate((html) => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const app = doc.querySelector('#app');
    return {
      title: doc.title,
      description: doc.querySelector('meta[name="description"]')?.getAttribute('content') ?? '',
      lang: doc.documentElement.lang,
      text: app?.textContent ?? '',
      inlineScripts: doc.querySelectorAll('script:not([src])').length,
      styleAttributes: doc.querySelectorAll('[style]').length,
    };
  }, html);
}

/** What a page must say, in its HTML and in its title and description. */
function expectations(p: SitePage): { text: string[]; absent?: string[]; title: RegExp; description: string[] } {
  const m = digest.meeting;
  switch (p.kind) {
    case 'index':
      return {
        text: [m.title, (full.meeting as { lead?: string }).lead ?? '', ...full.speeches.flatMap((s) => [s.speaker.name, displayTitle(s)]), ...full.themes.map((t) => t.name)],
        title: /发言摘编$/,
        description: [((full.meeting as { lead?: string }).lead ?? '').slice(0, 40)],
      };
    case 'speech': {
      const s = speechOf(p.id!);
      return {
        text: [
          displayTitle(s),
          s.speaker.name,
          s.speaker.role,
          ...(s.speaker.on_behalf_of ? [s.speaker.on_behalf_of] : []),
          ...s.background,
          s.lead_in,
          ...s.recommendations.flatMap((r) => [r.label, r.headline, r.details]),
          ...s.figures.flatMap((f) => [f.label, f.value]),
          ...s.notes.map((n) => n.text),
        ].filter((t) => t !== ''),
        title: new RegExp(`^${s.speaker.name}：${escapeRe(displayTitle(s))} — `),
        description: [s.speaker.name, `《${displayTitle(s)}》`],
      };
    }
    case 'theme': {
      const t = themeOf(p.id!);
      const ms = members(t.id);
      return {
        text: [`主题：${t.name}`, ...ms.flatMap((s) => [s.speaker.name, displayTitle(s)])],
        absent: full.speeches.filter((s) => !ms.includes(s)).map((s) => displayTitle(s)),
        title: new RegExp(`^主题：${escapeRe(t.name)} — `),
        description: [`“${t.name}”`, ...ms.map((s) => s.speaker.name)],
      };
    }
    case 'compare':
      return {
        text: ['比较建议', ...full.measures.map((x) => x.name), ...full.speeches.flatMap((s) => s.recommendations.map((r) => r.headline))],
        title: /^比较建议 — /,
        description: ['比较'],
      };
    case 'notfound':
      return { text: ['未找到此页', '全部发言'], title: /^未找到此页 — /, description: [] };
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test.describe('static first: the files', () => {
  test('every page’s HTML holds its content, title and description before any script runs', async ({ page }) => {
    for (const p of pages) {
      const res = await page.request.get(p.url);
      expect(res.status(), p.url).toBe(200);
      const file = await parseFile(page, await res.text());
      const want = expectations(p);
      expect(file.lang, p.url).toBe('zh-CN');
      expect(file.inlineScripts, `${p.url}: inline scripts (the CSP forbids them)`).toBe(0);
      expect(file.styleAttributes, `${p.url}: style attributes (the CSP forbids them)`).toBe(0);
      for (const t of want.text) expect(file.text, `${p.url} holds “${t.slice(0, 30)}”`).toContain(t);
      for (const t of want.absent ?? []) expect(file.text, `${p.url} leaves out “${t}”`).not.toContain(t);
      expect(file.title, `${p.url} <title>`).toMatch(want.title);
      for (const t of want.description) expect(file.description, `${p.url} description`).toContain(t);
      if (p.kind !== 'notfound') expect(file.description.length, `${p.url} description`).toBeGreaterThan(10);
    }
  });
});

test.describe('static first: without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('every page reads, and the controls that need the app are hidden', async ({ page }) => {
    test.slow(); // every page of the site
    for (const p of pages) {
      await page.goto(p.url);
      await expect(page.locator('main h1'), p.url).toBeVisible();
      await expect(page.locator('main'), p.url).toContainText(expectations(p).text[0]);
      await expect(page.locator('button:visible, input:visible, select:visible, textarea:visible'), p.url).toHaveCount(0);
      await expect(page.locator('.needs-app:visible'), p.url).toHaveCount(0);
    }
  });

  test('links are real links: index → speech → theme → speech → index, and the comparison list', async ({ page }) => {
    const index = new IndexPage(page);
    await index.goto();
    const first = full.speeches[0];
    await index.card(first.id).getByRole('heading').getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`speech/${first.id}/$`));
    const sp = new SpeechPage(page);
    expect(await sp.titleText()).toBe(displayTitle(first));

    const theme = themeOf(first.themes[0]);
    await sp.themes.filter({ hasText: theme.name }).click();
    await expect(page).toHaveURL(new RegExp(`theme/${theme.id}/$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`主题：${theme.name}`);

    const other = members(theme.id).find((s) => s.id !== first.id)!;
    await page.locator(`article.speech-card[aria-labelledby="card-${other.id}"] h2 a`).click();
    await expect(page).toHaveURL(new RegExp(`speech/${other.id}/$`));
    await sp.next.click();
    const after = full.speeches[full.speeches.indexOf(other) + 1];
    await expect(page).toHaveURL(new RegExp(`speech/${after.id}/$`));
    await sp.back.click();
    await expect(index.heading).toHaveText(digest.meeting.title);
    await expect(index.cards).toHaveCount(digest.speeches.length);

    // The comparison page lists every recommendation by measure, linked to its place.
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '比较建议' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('比较建议');
    const rec = full.speeches[1].recommendations[1];
    await page.locator(`#m-${rec.measures[0]}-${full.speeches[1].id}`).getByRole('link', { name: rec.headline }).click();
    await expect(page).toHaveURL(new RegExp(`speech/${full.speeches[1].id}/#${rec.id}$`));
    await expect(page.locator(`#${rec.id}`)).toBeInViewport();
  });
});

/** The visible text of `#app`, one piece per run of text in the same element (the HTML parser
 *  joins adjacent text that the app keeps as separate nodes). Left out: the parts that exist
 *  only once the app runs (share and export tools) or that depend on the browser (whether it
 *  can read aloud). */
async function visibleText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const runs: { el: Element; text: string }[] = [];
    const walker = document.createTreeWalker(document.querySelector('#app')!, NodeFilter.SHOW_TEXT);
    let previous: Node | null = null;
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const el = node.parentElement;
      if (!el || el.closest('.view-tools, .aloud')) continue;
      if (!el.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions)) continue;
      const last = runs[runs.length - 1];
      if (last && last.el === el && previous === node.previousSibling) last.text += node.textContent ?? '';
      else runs.push({ el, text: node.textContent ?? '' });
      previous = node;
    }
    return runs.map((r) => r.text.replace(/\s+/g, ' ').trim()).filter((t) => t !== '');
  });
}

/** Loads a page twice, before and after the app starts, and compares what it says. */
async function expectHydratedAsFile(page: Page, context: import('@playwright/test').BrowserContext, p: SitePage) {
  // The file as it is before the app runs: the same page, with boot.js answered empty.
  const before = await context.newPage();
  await before.route('**/boot.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
  await before.goto(p.url);
  await expect(before.locator('main h1')).toBeVisible();
  const file = await visibleText(before);
  await before.close();
  expect(file.length).toBeGreaterThan(5);

  await page.goto(p.url);
  await appLive(page);
  // The app has rendered the URL it opened with (the share tools appear with that render).
  if (p.kind !== 'notfound') await expect(page.locator('.view-tools')).toBeAttached();
  await expect.poll(() => visibleText(page)).toEqual(file);
}

test.describe('static first: hydration', () => {
  for (const p of pages.filter((p) => p.kind !== 'notfound')) {
    test(`${p.url}: once the app is live, the page says what the file said`, async ({ page, context }) => {
      await expectHydratedAsFile(page, context, p);
    });
  }

  test.describe('a page that does not exist', () => {
    test.use({ allowedConsoleErrors: [DOCUMENT_404] });
    test('nobody.html: once the app is live, the page says what the file said', async ({ page, context }) => {
      const failed = failedSubresources(page);
      await expectHydratedAsFile(page, context, { url: 'nobody.html', kind: 'notfound' });
      expect(failed()).toEqual([]);
    });
  });

  test('opened with a query, the filter applies after hydration', async ({ page }) => {
    const index = new IndexPage(page);
    await index.goto(`speaker=he-jianhong,huang-junxia,shi-lei&q=${encodeURIComponent('行业自律')}`);
    await appLive(page);
    await expect(index.count).toHaveText('找到 2 篇发言，含“行业自律”');
    expect(await index.cardIds()).toEqual(['huang-junxia', 'he-jianhong'].sort((a, b) => order(a) - order(b)));
    await expect(index.search).toHaveValue('行业自律');
    await index.openFilters();
    await expect(index.facetValue('按发言人', '石磊')).toHaveAttribute('aria-pressed', 'true');
    await expect(index.facetValue('按发言人', '冯华')).toHaveAttribute('aria-pressed', 'false');
    // The filter stays a real state: clearing it brings every speech back.
    await index.clearAll.click();
    await expect(index.cards).toHaveCount(digest.speeches.length);
  });
});

function order(id: string): number {
  return full.speeches.findIndex((s) => s.id === id);
}

test.describe('static first: under the portal’s Content-Security-Policy', () => {
  const visits: { url: string; act?: (page: Page) => Promise<void> }[] = [
    {
      url: './',
      act: async (page) => {
        const index = new IndexPage(page);
        await index.searchFor('人才');
        await expect(index.count).toContainText('找到');
        await index.card(full.speeches[0].id).getByRole('heading').getByRole('link').click();
        await expect(page).toHaveURL(/speech\//);
      },
    },
    { url: 'speech/he-jianhong/#r2' },
    { url: 'theme/finance/' },
    {
      url: 'compare/?ids=he-jianhong,huang-junxia',
      act: async (page) => {
        await page.getByRole('button', { name: '按发言原顺序' }).click();
        await expect(page).toHaveURL(/order=speech/);
      },
    },
  ];
  for (const v of visits) {
    test(`${v.url} works under the CSP the server sends`, async ({ page }) => {
      await page.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { __csp: string[] }).__csp = seen;
        document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
      });
      const res = await page.goto(v.url);
      const csp = res?.headers()['content-security-policy'] ?? '';
      expect(csp, 'the server sends no Content-Security-Policy: run the browser tests with `cargo xtask e2e`, not a plain file server').toContain(
        "script-src 'self' 'wasm-unsafe-eval'",
      );
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("default-src 'self'");
      await appLive(page);
      await expect(page.locator('.view-tools')).toBeAttached();
      if (v.act) await v.act(page);
      expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    });
  }
});
