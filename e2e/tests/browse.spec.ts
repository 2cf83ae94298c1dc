// Issue 4 (browse), for a real reader: filter by speaker and theme with live counts, search,
// clear, say what a bad link held; every kind of deep link opens directly, survives a reload
// and goes back; each page passes axe, fits a 360 px screen, has 44 px targets and 16 px text.
import { test, expect, expectNoA11yViolations } from '../fixtures';
import { digest } from '../digest';
import { IndexPage } from '../pages/IndexPage';
import {
  appLive,
  cnNumber,
  DOCUMENT_404,
  failedSubresources,
  expectBodyTextAtLeast,
  expectNoHorizontalScroll,
  expectTouchTargets,
  full,
  speech,
  type FullSpeech,
} from '../checks';

type Filter = { speakers: string[]; themes: string[] };

/** What the index should show for a filter: the speech ids, and every facet value's count
 *  (OR within a facet, AND across facets; a value's count holds the other facet fixed). */
function expected(f: Filter) {
  const speakerOk = (s: FullSpeech) => f.speakers.length === 0 || f.speakers.includes(s.id);
  const themeOk = (s: FullSpeech) => f.themes.length === 0 || s.themes.some((t) => f.themes.includes(t));
  const speakers: Record<string, number> = {};
  for (const s of full.speeches) speakers[s.speaker.name] = themeOk(s) ? 1 : 0;
  const themes: Record<string, number> = {};
  for (const t of full.themes) {
    themes[t.name] = full.speeches.filter((s) => speakerOk(s) && s.themes.includes(t.id)).length;
  }
  const ids = full.speeches.filter((s) => speakerOk(s) && themeOk(s)).map((s) => s.id);
  return { ids, speakers, themes };
}

/** The searchable places of a speech, in reading order, with the names "匹配于" gives them. */
function places(s: FullSpeech): [string, string][] {
  const out: [string, string][] = [
    ['发言人', s.speaker.name],
    ['所代表单位', s.speaker.on_behalf_of ?? ''],
    ['标题', s.title],
    ...s.background.map((b): [string, string] => ['背景', b]),
    ['建议导语', s.lead_in],
  ];
  s.recommendations.forEach((r, i) => {
    const name = `建议${cnNumber(i + 1)}${r.label ? `（${r.label}）` : ''}`;
    out.push([name, r.headline], [name, r.details]);
  });
  return out.map(([name, text]) => [name, text.replace(/\s/g, '')]);
}

/** A phrase that appears in exactly two speeches (checked against the digest below). */
const PHRASE = '行业自律';

test.describe('browse: filters and search', () => {
  test('filter by a speaker: one card, the count shown and announced, the URL says it', async ({ page }) => {
    const index = new IndexPage(page);
    await index.goto();
    await appLive(page);
    await expect(index.count).toHaveAttribute('aria-live', 'polite');
    await expect(index.count).toHaveAttribute('role', 'status');
    await expect(index.count).toHaveText(`共 ${digest.speeches.length} 篇发言`);

    await index.toggleFacet('按发言人', '冯华');
    await expect(index.cards).toHaveCount(1);
    await expect(index.card('feng-hua')).toBeVisible();
    await expect(index.count).toHaveText('筛选出 1 篇发言');
    expect(new URL(page.url()).search).toBe('?speaker=feng-hua');
    await index.openFilters();
    await expect(index.facetValue('按发言人', '冯华')).toHaveAttribute('aria-pressed', 'true');
  });

  test('facet counts are live: OR within a facet, AND across facets', async ({ page }) => {
    test.slow(); // many steps; the shared test machine is often busy
    const index = new IndexPage(page);
    await index.goto();
    await appLive(page);
    const steps: [('按发言人' | '按主题'), string, Filter][] = [
      ['按主题', '文化旅游', { speakers: [], themes: ['culture-tourism'] }],
      ['按主题', '区域协同', { speakers: [], themes: ['culture-tourism', 'regional-cooperation'] }],
      ['按发言人', '弓永玲', { speakers: ['gong-yongling'], themes: ['culture-tourism', 'regional-cooperation'] }],
    ];
    let previous = digest.speeches.length;
    for (const [facet, name, filter] of steps) {
      await index.toggleFacet(facet, name);
      const want = expected(filter);
      await expect.poll(() => index.cardIds(), `${facet} ${name}`).toEqual(want.ids);
      await expect(index.count).toHaveText(`筛选出 ${want.ids.length} 篇发言`);
      await index.openFilters();
      expect(await index.facetCounts('按发言人'), `speaker counts after ${name}`).toEqual(want.speakers);
      expect(await index.facetCounts('按主题'), `theme counts after ${name}`).toEqual(want.themes);
      // A value that would leave nothing cannot be chosen.
      for (const [speaker, n] of Object.entries(want.speakers)) {
        if (n === 0) await expect(index.facetValue('按发言人', speaker)).toBeDisabled();
      }
      await index.closeFilters();
      previous = want.ids.length;
    }
    // Two themes widened the list (OR), the speaker narrowed it (AND).
    expect(expected(steps[0][2]).ids.length).toBeLessThan(expected(steps[1][2]).ids.length);
    expect(previous).toBe(1);
    const params = new URL(page.url()).searchParams;
    expect(params.get('speaker')).toBe('gong-yongling');
    expect(params.get('theme')).toBe('culture-tourism,regional-cooperation');
  });

  test(`search for a phrase in exactly two speeches marks it and says where it matched`, async ({ page }) => {
    const matching = full.speeches.filter((s) => places(s).some(([, text]) => text.includes(PHRASE)));
    expect(matching, `“${PHRASE}” should be in exactly two speeches of the digest`).toHaveLength(2);

    const index = new IndexPage(page);
    await index.goto();
    await appLive(page);
    await index.searchFor(PHRASE);
    await expect(index.count).toHaveText(`找到 2 篇发言，含“${PHRASE}”`);
    expect(await index.cardIds()).toEqual(matching.map((s) => s.id));
    // The address follows once typing pauses (see the next test).
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(PHRASE);

    for (const s of matching) {
      const card = index.card(s.id);
      const marks = card.locator('mark');
      expect(await marks.count(), `${s.id} has a highlighted match`).toBeGreaterThan(0);
      for (const text of await marks.allTextContents()) expect(text).toBe(PHRASE);
      const where = [...new Set(places(s).filter(([, t]) => t.includes(PHRASE)).map(([name]) => name))];
      await expect(card.locator('.where')).toHaveText(`匹配于：${where.join('、')}`);
    }
  });

  test('typing changes the address once it pauses, in the entry it started in', async ({ page }) => {
    // Each change of address is a navigation, after which the browser fetches and decodes the
    // page icon again: per keystroke that cost more than the search (see README "Figures").
    await page.addInitScript(() => {
      const w = window as unknown as { __replaced: string[] };
      w.__replaced = [];
      const replace = history.replaceState.bind(history);
      history.replaceState = (data, unused, url) => {
        w.__replaced.push(String(url));
        replace(data, unused, url);
      };
    });
    const index = new IndexPage(page);
    await index.goto();
    await appLive(page);
    await index.toggleFacet('按主题', '文化旅游');
    await expect(page).toHaveURL(/\?theme=culture-tourism$/);
    await index.search.pressSequentially('品牌');
    await expect(index.count).toHaveText('找到 2 篇发言，含“品牌”');
    await expect(page).toHaveURL(/\?theme=culture-tourism&q=/);
    expect(new URL(page.url()).searchParams.get('q')).toBe('品牌');
    const replaced = await page.evaluate(() => (window as unknown as { __replaced: string[] }).__replaced);
    expect(replaced, 'two keys typed in a row write the address once').toHaveLength(1);
    // One entry per search: back leaves the search and the theme chosen before it.
    await page.goBack();
    await expect(index.count).toHaveText(`共 ${digest.speeches.length} 篇发言`);
    expect(new URL(page.url()).search).toBe('');
  });

  test('leaving the page before the typing pause keeps the search in its history entry', async ({ page }) => {
    // The address waits for a 300 ms pause in typing; make that pause never end, so that only
    // leaving the page can write it.
    await page.addInitScript(() => {
      const later = window.setTimeout;
      window.setTimeout = ((f: TimerHandler, ms?: number, ...args: unknown[]) =>
        later(f, ms === 300 ? 600_000 : ms, ...args)) as typeof window.setTimeout;
    });
    const index = new IndexPage(page);
    await index.goto();
    await appLive(page);
    await index.searchFor('品牌');
    await expect(index.count).toHaveText('找到 5 篇发言，含“品牌”');
    expect(new URL(page.url()).search, 'the address is still waiting').toBe('');
    await page.goto('plain.html');
    await page.goBack();
    await expect(page).toHaveURL(/\/\?q=%E5%93%81%E7%89%8C$/);
    await expect(index.count).toHaveText('找到 5 篇发言，含“品牌”');
  });

  test('with a pinyin input method, the search waits for the chosen characters', async ({ page }) => {
    const index = new IndexPage(page);
    await index.goto();
    await appLive(page);
    // Every text the result count shows from here on.
    await page.evaluate(() => {
      const w = window as unknown as { __counts: string[] };
      const count = document.querySelector('.results .count')!;
      w.__counts = [];
      new MutationObserver(() => w.__counts.push(count.textContent ?? '')).observe(count, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    await index.search.focus();
    // What Chromium receives from a pinyin keyboard while the reader spells "jinrong", then
    // picks 金融 (DevTools protocol: the composition, then its commit).
    const cdp = await page.context().newCDPSession(page);
    for (const pinyin of ['j', 'jin', 'jinr', 'jinrong']) {
      await cdp.send('Input.imeSetComposition', { text: pinyin, selectionStart: pinyin.length, selectionEnd: pinyin.length });
      await expect(index.search).toHaveValue(pinyin);
    }
    await cdp.send('Input.insertText', { text: '金融' });
    await expect(index.count).toContainText('含“金融”');
    const counts = await page.evaluate(() => (window as unknown as { __counts: string[] }).__counts);
    expect(counts.filter((c) => /[a-z]/.test(c)), 'no search for the pinyin letters').toEqual([]);
    await expect(page).toHaveURL(/\?q=%E9%87%91%E8%9E%8D$/);
  });

  test('an empty result says which filter to drop; one control clears them all', async ({ page }) => {
    const index = new IndexPage(page);
    await index.goto('speaker=feng-hua&theme=education');
    await appLive(page);
    await expect(index.cards).toHaveCount(0);
    await expect(index.count).toHaveText('筛选出 0 篇发言。可以取消所选主题再试。');

    await index.goto(`speaker=feng-hua&theme=education&q=${encodeURIComponent('普高')}`);
    await expect(index.count).toHaveText('找到 0 篇发言，含“普高”。可以取消所选发言人再试。');

    await index.goto('theme=finance');
    await appLive(page);
    await expect(index.cards).toHaveCount(1);
    await index.searchFor('量子计算');
    await expect(index.count).toHaveText('找到 0 篇发言，含“量子计算”。可以删改检索词再试。');

    // One control clears the speaker, the theme and the search at once.
    await index.goto(`speaker=he-jianhong&theme=finance&q=${encodeURIComponent('量子计算')}`);
    await appLive(page);
    await expect(index.cards).toHaveCount(0);
    await index.clearAll.click();
    await expect(index.cards).toHaveCount(digest.speeches.length);
    await expect(index.count).toHaveText(`共 ${digest.speeches.length} 篇发言`);
    await expect(index.search).toHaveValue('');
    expect(new URL(page.url()).search).toBe('');
    await index.openFilters();
    await expect(page.locator('#facets button[aria-pressed="true"]')).toHaveCount(0);
  });

  test('back and forward step through the filters chosen in the page', async ({ page }) => {
    const index = new IndexPage(page);
    await index.goto();
    await appLive(page);
    await index.toggleFacet('按主题', '金融');
    await expect(index.cards).toHaveCount(1);
    await index.toggleFacet('按主题', '教育');
    await expect(index.cards).toHaveCount(2);
    await page.goBack();
    await expect(index.cards).toHaveCount(1);
    expect(new URL(page.url()).search).toBe('?theme=finance');
    await page.goBack();
    await expect(index.cards).toHaveCount(digest.speeches.length);
    await page.goForward();
    await expect(index.cards).toHaveCount(1);
    await index.openFilters();
    await expect(index.facetValue('按主题', '金融')).toHaveAttribute('aria-pressed', 'true');
    await expect(index.facetValue('按主题', '教育')).toHaveAttribute('aria-pressed', 'false');
  });

  test('a malformed link never breaks the page and says what it ignored', async ({ page }) => {
    test.slow(); // axe
    const index = new IndexPage(page);
    await index.goto('speaker=nobody&q=%E9%87');
    await appLive(page);
    const notice = page.getByRole('complementary', { name: '链接提示' });
    await expect(notice).toContainText('未知的发言人编号“nobody”');
    await expect(notice).toContainText('参数“q”的值无法解码');
    // What could not be used is left out: every speech shows.
    await expect(index.cards).toHaveCount(digest.speeches.length);
    await expect(index.search).toHaveValue('');
    await expectNoA11yViolations(page);
    await notice.getByRole('button', { name: '知道了' }).click();
    await expect(notice).toHaveCount(0);
  });

  test('a comparison link with unknown and repeated ids says what it ignored', async ({ page }) => {
    await page.goto('compare/?ids=a,a,b,c,d,e');
    await appLive(page);
    const notice = page.getByRole('complementary', { name: '链接提示' });
    for (const id of ['a', 'b', 'c', 'd', 'e']) await expect(notice).toContainText(`未知的发言编号“${id}”`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('比较建议');
    await expect(page.locator('table.compare-table')).toHaveCount(0);

    await page.goto('compare/?ids=feng-hua,feng-hua,he-jianhong,shi-lei,shu-yufen,guo-jinbin');
    await appLive(page);
    await expect(notice).toContainText('重复的发言编号“feng-hua”');
    await expect(notice).toContainText('最多比较4篇发言，已略去：guo-jinbin');
    await expect(page.locator('table.compare-table thead th[scope="col"]:not(.corner)')).toHaveCount(4);
  });
});

type DeepLink = {
  name: string;
  url: string;
  check: (page: import('@playwright/test').Page) => Promise<void>;
};

/** Every kind of deep link, and what shows that it applied. */
const deepLinks: DeepLink[] = [
  {
    name: 'index filtered by a speaker',
    url: './?speaker=shi-lei',
    check: async (page) => {
      const index = new IndexPage(page);
      await expect.poll(() => index.cardIds()).toEqual(['shi-lei']);
      await expect(index.count).toHaveText('筛选出 1 篇发言');
    },
  },
  {
    name: 'index filtered by a theme',
    url: './?theme=culture-tourism',
    check: async (page) => {
      await expect(new IndexPage(page).cards).toHaveCount(expected({ speakers: [], themes: ['culture-tourism'] }).ids.length);
    },
  },
  {
    name: 'index with a search',
    url: `./?q=${encodeURIComponent(PHRASE)}`,
    check: async (page) => {
      const index = new IndexPage(page);
      await expect(index.search).toHaveValue(PHRASE);
      await expect(index.cards).toHaveCount(2);
      await expect(index.cards.locator('mark').first()).toHaveText(PHRASE);
    },
  },
  {
    name: 'speech',
    url: 'speech/he-jianhong/',
    check: async (page) => {
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(speech('he-jianhong').title);
    },
  },
  {
    name: 'recommendation in a speech',
    url: 'speech/feng-hua/#r2',
    check: async (page) => {
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(speech('feng-hua').title);
      await expect(page.locator('#r2')).toBeInViewport();
    },
  },
  {
    name: 'theme',
    url: 'theme/culture-tourism/',
    check: async (page) => {
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('主题：文化旅游');
      await expect(page.locator('article.speech-card')).toHaveCount(2);
    },
  },
  {
    name: 'comparison',
    url: 'compare/?ids=he-jianhong,huang-junxia',
    check: async (page) => {
      await expect(page.locator('table.compare-table thead th[scope="col"]:not(.corner) > a')).toHaveText(['和建宏', '黄俊霞']);
    },
  },
];

/** Links to pages that do not exist: the server answers 404 with the site's 404.html. */
const missingLinks: DeepLink[] = [
  {
    name: 'unknown page beside the index',
    url: 'nobody.html',
    check: async (page) => {
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('未找到此页');
      await expect(page.locator('main').getByRole('link', { name: '全部发言' })).toHaveAttribute('href', './');
    },
  },
  {
    name: 'unknown speech',
    url: 'speech/nobody/',
    check: async (page) => {
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('未找到此页');
      // Two folders deep, the link still leads to the site root (404.html has the site path).
      const home = page.locator('main').getByRole('link', { name: '全部发言' });
      const root = new URL('../../', page.url()).href;
      expect(await home.evaluate((a) => (a as HTMLAnchorElement).href)).toBe(root);
    },
  },
];

/** From the index, open the link directly, check it (axe, targets, text too), reload, go back. */
async function openReloadBack(page: import('@playwright/test').Page, baseURL: string, link: DeepLink) {
  const index = new IndexPage(page);
  await index.goto();
  await appLive(page);

  await page.goto(link.url);
  await appLive(page);
  await link.check(page);
  await expectNoA11yViolations(page);
  await expectTouchTargets(page);
  await expectBodyTextAtLeast(page);

  await page.reload();
  await appLive(page);
  await link.check(page);

  await page.goBack();
  await expect(index.heading).toHaveText(digest.meeting.title);
  expect(page.url()).toBe(new URL('./', baseURL).href);
  await expect(index.cards).toHaveCount(digest.speeches.length);
}

test.describe('filters on a short desktop screen', () => {
  test.use({ viewport: { width: 1280, height: 560 } });
  test('stay in one column that scrolls, none cut off at the side', async ({ page }, testInfo) => {
    test.skip(testInfo.project.name === 'phone', 'on phones the filters are a sheet');
    const index = new IndexPage(page);
    await index.goto();
    await appLive(page);
    const finder = await page.locator('.finder').boundingBox();
    const boxes = await page.locator('#facets button').evaluateAll((bs) =>
      bs.filter((b) => b.checkVisibility()).map((b) => {
        const r = b.getBoundingClientRect();
        return { text: b.textContent ?? '', left: r.left, right: r.right };
      }),
    );
    expect(boxes.length).toBeGreaterThan(digest.speeches.length);
    for (const b of boxes) {
      expect(b.left, b.text).toBeGreaterThanOrEqual(finder!.x - 0.5);
      expect(b.right, b.text).toBeLessThanOrEqual(finder!.x + finder!.width + 0.5);
    }
  });
});

test.describe('deep links: open directly, reload, go back', () => {
  for (const link of deepLinks) {
    test(`${link.name} (${link.url})`, async ({ page, baseURL }) => {
      test.slow(); // axe and three loads; the shared test machine is often busy
      await openReloadBack(page, baseURL!, link);
    });
  }
});

test.describe('deep links to pages that do not exist', () => {
  // The page itself is answered 404, and the browser logs that; nothing else may fail.
  test.use({ allowedConsoleErrors: [DOCUMENT_404] });
  for (const link of missingLinks) {
    test(`${link.name} (${link.url})`, async ({ page, baseURL }) => {
      test.slow(); // axe and three loads; the shared test machine is often busy
      const failed = failedSubresources(page);
      await openReloadBack(page, baseURL!, link);
      expect(failed()).toEqual([]);
    });
  }

  test.describe('on a 360 px phone', () => {
    test.use({ viewport: { width: 360, height: 740 } });
    test('nobody.html fits, with 44 px targets and 16 px text', async ({ page }) => {
      const failed = failedSubresources(page);
      await page.goto('nobody.html');
      await appLive(page);
      await expect(page.locator('main h1')).toHaveText('未找到此页');
      await expectNoHorizontalScroll(page);
      await expectTouchTargets(page);
      await expectBodyTextAtLeast(page);
      expect(failed()).toEqual([]);
    });
  });
});

test.describe('on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });
  const pages = [
    './',
    `./?q=${encodeURIComponent(PHRASE)}`,
    'speech/he-jianhong/',
    'speech/huang-junxia/',
    'theme/culture-tourism/',
    'compare/?ids=he-jianhong,huang-junxia',
    'compare/?ids=feng-hua,he-jianhong,shi-lei,guo-jinbin',
  ];
  for (const url of pages) {
    test(`${url} fits, with 44 px targets and 16 px text`, async ({ page }) => {
      await page.goto(url);
      await appLive(page);
      await expect(page.locator('main h1')).toBeVisible();
      await expectNoHorizontalScroll(page);
      await expectTouchTargets(page);
      await expectBodyTextAtLeast(page);
    });
  }

  test('the open filter sheet fits, with 44 px targets', async ({ page }) => {
    const index = new IndexPage(page);
    await index.goto();
    await appLive(page);
    await index.openFilters();
    await expectNoHorizontalScroll(page);
    await expectTouchTargets(page);
    await expectBodyTextAtLeast(page);
  });
});
