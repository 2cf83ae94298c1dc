// Issue 4 (browse), the speech and theme pages: ordinals, figures, editors' notes, neighbours,
// `#r2` deep links, copy link / copy citation, back to the filtered list as it was.
import { test, expect } from '../fixtures';
import { digest } from '../digest';
import { IndexPage } from '../pages/IndexPage';
import { SpeechPage } from '../pages/SpeechPage';
import { appLive, displayTitle, full, speech, stubClipboard } from '../checks';

/** `#rN` is scrolled to: the page moved, and the recommendation's top is near the window's top. */
async function expectScrolledTo(page: import('@playwright/test').Page, id: string) {
  const target = page.locator(`#${id}`);
  await expect(target).toBeInViewport();
  await expect.poll(() => page.evaluate(() => window.scrollY), 'the page scrolled').toBeGreaterThan(0);
  const top = await target.evaluate((el) => el.getBoundingClientRect().top);
  expect(top, `#${id} starts near the top of the window`).toBeGreaterThanOrEqual(-1);
  expect(top).toBeLessThan(120);
}

test.describe('speech page', () => {
  test('shows the speech whole: ordinals, figures, editors’ notes, neighbours', async ({ page }) => {
    test.slow(); // many steps; the shared test machine is often busy
    const s = speech('he-jianhong');
    const sp = new SpeechPage(page);
    await sp.goto(s.id);
    await appLive(page);
    await expect.poll(() => sp.titleText()).toBe(displayTitle(s));
    await expect(sp.speaker).toContainText(s.speaker.name);
    await expect(sp.speaker).toContainText(s.speaker.role);
    await expect(sp.themes).toHaveText(s.themes.map((t) => digest.themes.find((x) => x.id === t)!.name));

    await expect(sp.recommendations).toHaveCount(s.recommendations.length);
    for (const [i, r] of s.recommendations.entries()) {
      const rec = sp.recommendation(i + 1);
      await expect(rec.locator('.ordinal')).toHaveText(r.label);
      await expect(rec.locator('h3')).toContainText(r.headline);
      if (r.details) await expect(rec).toContainText(r.details);
    }

    expect(s.figures.length).toBeGreaterThan(0);
    await expect(sp.figures).toHaveCount(s.figures.length);
    for (const [i, f] of s.figures.entries()) {
      await expect(sp.figures.nth(i).locator('dt')).toHaveText(f.label);
      await expect(sp.figures.nth(i).locator('dd')).toHaveText(f.value);
    }

    // The editors' notes are set apart from the member's words, and linked from where they apply.
    await expect(sp.notes).toContainText('不是委员发言内容');
    await expect(sp.notes.locator('li')).toHaveCount(s.notes.length);
    for (const n of s.notes) await expect(sp.notes).toContainText(n.text);
    const at = s.notes[0].at;
    const ref = sp.recommendation(Number(at.slice(1))).getByRole('link', { name: '编者注1' });
    await ref.click();
    await expect(page).toHaveURL(/speech\/he-jianhong\/#note-1$/);
    await expect(page.locator('#note-1')).toBeInViewport();

    // Neighbours in the digest's order; following one moves focus to its title.
    const i = full.speeches.findIndex((x) => x.id === s.id);
    const before = full.speeches[i - 1];
    const after = full.speeches[i + 1];
    await expect(sp.prev).toHaveText(`← 上一篇：${before.speaker.name}《${displayTitle(before)}》`);
    await expect(sp.next).toHaveText(`下一篇：${after.speaker.name}《${displayTitle(after)}》 →`);
    await sp.next.click();
    await expect(page).toHaveURL(new RegExp(`speech/${after.id}/$`));
    await expect.poll(() => sp.titleText()).toBe(displayTitle(after));
    await expect(sp.heading).toBeFocused();
    await expect(sp.prev).toContainText(s.speaker.name);
  });

  test('the first and last speeches have one neighbour; a speech without a title or background says so', async ({ page }) => {
    const sp = new SpeechPage(page);
    await sp.goto(full.speeches[0].id);
    await expect.poll(() => sp.titleText()).toBe(displayTitle(full.speeches[0]));
    await expect(sp.prev).toHaveCount(0);
    await expect(sp.next).toHaveCount(1);
    await sp.goto(full.speeches[full.speeches.length - 1].id);
    await expect(sp.prev).toHaveCount(1);
    await expect(sp.next).toHaveCount(0);

    const s = speech('huang-junxia');
    expect(s.title).toBe('');
    await sp.goto(s.id);
    await appLive(page);
    await expect(sp.heading).toContainText('（原文缺标题）');
    await expect(page.locator('section.background')).toContainText('（原文此部分缺失，见编者注）');
    await expect(sp.notes.locator('li')).toHaveCount(s.notes.length);
    // Both inferred attributions: the note mark ends the speaker line, not a line of its own.
    for (const id of ['huang-junxia', 'gong-yongling']) {
      const inferred = speech(id);
      if (id !== s.id) {
        await sp.goto(id);
        await appLive(page);
      }
      const n = inferred.notes.findIndex((x) => x.kind === 'attribution-inferred') + 1;
      expect(n, `${id} has an inferred attribution`).toBeGreaterThan(0);
      const mark = sp.speaker.getByRole('link', { name: `编者注${n}` });
      const role = await sp.speaker.locator('.role').boundingBox();
      const box = await mark.boundingBox();
      expect(box && role && Math.abs(box.y + box.height / 2 - (role.y + role.height / 2)), `${id}: the mark is on the line of the role`).toBeLessThan(role!.height / 2);
    }
  });

  test('a link to #r2 opens scrolled to the second recommendation', async ({ page }) => {
    const sp = new SpeechPage(page);
    await sp.goto('feng-hua', '#r2');
    await appLive(page);
    await expect.poll(() => sp.titleText()).toBe(speech('feng-hua').title);
    await expectScrolledTo(page, 'r2');
  });

  test('a headline on a card opens its speech at that recommendation', async ({ page }) => {
    const index = new IndexPage(page);
    await index.goto();
    await appLive(page);
    const s = speech('zhao-yongjiang');
    await index.card(s.id).getByRole('link', { name: s.recommendations[2].headline }).click();
    await expect(page).toHaveURL(new RegExp(`speech/${s.id}/#r3$`));
    await expect.poll(() => new SpeechPage(page).titleText()).toBe(s.title);
    await expectScrolledTo(page, 'r3');
  });

  test('copy link and copy citation put the right text on the clipboard', async ({ page, baseURL }) => {
    const copied = await stubClipboard(page);
    const s = speech('he-jianhong');
    const sp = new SpeechPage(page);
    await sp.goto(s.id);
    await appLive(page);
    const url = new URL(`speech/${s.id}/#r2`, baseURL).href;

    await sp.copyLink(2).click();
    await expect(sp.status).toHaveText('链接已复制');
    await expect.poll(copied).toEqual([url]);

    await sp.copyCitation(2).click();
    await expect(sp.status).toHaveText('引用已复制');
    await expect.poll(async () => (await copied()).length).toBe(2);
    const citation = (await copied())[1];
    const m = digest.meeting;
    // Who, what, which recommendation, where it was published, when, and the address.
    expect(citation.startsWith(`${s.speaker.name}（${s.speaker.role}）：`), citation).toBe(true);
    expect(citation).toContain(`《${s.title}》`);
    expect(citation).toContain(`第二条建议“${s.recommendations[1].headline.replace(/。$/, '')}”`);
    expect(citation).toContain(`载《${m.title}——${m.subtitle.replace(/^[—\-\s]+/, '')}》`);
    expect(citation).toContain('2025年2月25日');
    expect(citation.endsWith(url), citation).toBe(true);
  });

  for (const clipboard of ['refuses', 'never answers'] as const) {
    test(`when the clipboard ${clipboard}, the text is shown to copy by hand`, async ({ page }) => {
      await page.addInitScript((mode) => {
        const writeText = () =>
          mode === 'refuses' ? Promise.reject(new DOMException('denied', 'NotAllowedError')) : new Promise(() => {});
        Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
      }, clipboard);
      const sp = new SpeechPage(page);
      await sp.goto('feng-hua');
      await appLive(page);
      await sp.copyLink(1).click();
      await expect(sp.status).toContainText('无法自动复制，请手动复制：');
      await expect(sp.status).toContainText('speech/feng-hua/#r1');
    });
  }

  test('back to the list returns to the filtered list as it was', async ({ page }) => {
    test.slow(); // many steps; the shared test machine is often busy
    const index = new IndexPage(page);
    await index.goto();
    await appLive(page);
    await index.toggleFacet('按主题', '文化旅游');
    await index.searchFor('品牌');
    await expect(index.count).toHaveText('找到 2 篇发言，含“品牌”');
    await expect(page).toHaveURL(/[?&]q=/);
    const listURL = page.url();

    const s = speech('gong-yongling');
    await index.card(s.id).getByRole('heading').getByRole('link').click();
    const sp = new SpeechPage(page);
    await expect.poll(() => sp.titleText()).toBe(s.title);
    await expect(sp.back).toHaveText('← 返回筛选结果');
    await sp.back.click();

    expect(page.url()).toBe(listURL);
    await expect(index.search).toHaveValue('品牌');
    expect(await index.cardIds()).toEqual(['shi-yanchun', 'gong-yongling']);
    await expect(index.cards.locator('mark').first()).toHaveText('品牌');
    await index.openFilters();
    await expect(index.facetValue('按主题', '文化旅游')).toHaveAttribute('aria-pressed', 'true');
    await index.closeFilters();

    // The browser's back button goes to the speech, then to the same list again.
    await page.goBack();
    await expect.poll(() => sp.titleText()).toBe(s.title);
    await page.goBack();
    expect(page.url()).toBe(listURL);
    await expect(index.cards).toHaveCount(2);
  });
});

test.describe('theme page', () => {
  test('lists the theme’s speeches and leads to the list filtered by it', async ({ page }) => {
    const theme = digest.themes.find((t) => t.id === 'culture-tourism')!;
    const members = full.speeches.filter((s) => s.themes.includes(theme.id));
    await page.goto(`theme/${theme.id}/`);
    await appLive(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`主题：${theme.name}`);
    await expect(page.locator('main .count')).toHaveText(`${members.length} 篇发言涉及这一主题。`);
    const cards = page.locator('article.speech-card');
    await expect(cards.locator('h2')).toHaveText(members.map((s) => displayTitle(s)));

    const others = page.getByRole('navigation', { name: '其他主题' }).getByRole('link');
    await expect(others).toHaveCount(digest.themes.length - 1);
    await expect(others.filter({ hasText: theme.name })).toHaveCount(0);

    await page.getByRole('link', { name: '在全部发言中按此主题筛选并检索' }).click();
    const index = new IndexPage(page);
    await expect(page).toHaveURL(/\?theme=culture-tourism$/);
    expect(await index.cardIds()).toEqual(members.map((s) => s.id));
    await index.openFilters();
    await expect(index.facetValue('按主题', theme.name)).toHaveAttribute('aria-pressed', 'true');
  });

  test('a speech’s theme chip opens the theme page', async ({ page }) => {
    const sp = new SpeechPage(page);
    await sp.goto('zhang-xiaoyun');
    await appLive(page);
    await sp.themes.filter({ hasText: '农业与乡村振兴' }).click();
    await expect(page).toHaveURL(/theme\/agriculture\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('主题：农业与乡村振兴');
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  });
});
