// Issue 5 (compare): chosen speeches side by side, aligned by measure or in each speech's own
// order, with common ground and counterparts; columns added, moved and removed with the URL
// following; the coverage picture links into the page; the choice remembered when storage
// works, and nothing breaks when it throws or holds garbage; printing shows no controls.
import { test, expect, expectNoA11yViolations } from '../fixtures';
import { ComparePage } from '../pages/ComparePage';
import { appLive, cnNumber, full, speech } from '../checks';

const TWO = ['he-jianhong', 'huang-junxia'];

/** The search part of the page's URL, decoded (`?ids=a,b`). */
function query(page: import('@playwright/test').Page): string {
  return decodeURIComponent(new URL(page.url()).search);
}

/** Measures that the chosen speeches share, as the summary lists them (most shared first). */
function commonGround(ids: string[]): string[] {
  return full.measures
    .map((m, i) => ({ m, i, k: ids.filter((id) => speech(id).recommendations.some((r) => r.measures.includes(m.id))).length }))
    .filter((x) => x.k >= 2)
    .sort((a, b) => b.k - a.k || a.i - b.i)
    .map((x) => `${x.m.name}：${x.k}/${ids.length} 篇提出`);
}

/** Rows aligned by measure: every measure that is some chosen recommendation's first, in the digest's order. */
function measureRows(ids: string[]) {
  const first = new Set(ids.flatMap((id) => speech(id).recommendations.map((r) => r.measures[0])));
  return full.measures.filter((m) => first.has(m.id));
}

test.describe('compare', () => {
  test('opens directly with both columns; a third added from the page updates the URL; back works', async ({ page }) => {
    test.slow(); // axe and several steps; the shared test machine is often busy
    const cmp = new ComparePage(page);
    await cmp.goto(TWO);
    await appLive(page);
    await expect(cmp.heading).toHaveText('比较建议');
    expect(await cmp.columnNames()).toEqual(['和建宏', '黄俊霞']);
    for (const [c, id] of TWO.entries()) {
      await expect(cmp.columns.nth(c)).toBeVisible();
      expect((await cmp.columnRecommendations(c)).length, id).toBe(speech(id).recommendations.length);
    }
    await expect(cmp.choice('和建宏')).toHaveAttribute('aria-pressed', 'true');
    await expectNoA11yViolations(page);

    await cmp.choice('冯华').click();
    await expect.poll(() => cmp.columnNames()).toEqual(['和建宏', '黄俊霞', '冯华']);
    expect(query(page)).toBe('?ids=he-jianhong,huang-junxia,feng-hua');
    await expect(page).toHaveTitle(/^比较建议：和建宏、黄俊霞、冯华/);

    await page.goBack();
    await expect.poll(() => cmp.columnNames()).toEqual(['和建宏', '黄俊霞']);
    expect(query(page)).toBe('?ids=he-jianhong,huang-junxia');
    await expect(cmp.choice('冯华')).toHaveAttribute('aria-pressed', 'false');
    await page.goForward();
    await expect.poll(() => cmp.columnNames()).toEqual(['和建宏', '黄俊霞', '冯华']);
  });

  test('rows align by measure, with every recommendation of a chosen speech exactly once', async ({ page }) => {
    const ids = ['he-jianhong', 'huang-junxia', 'feng-hua'];
    const cmp = new ComparePage(page);
    await cmp.goto(ids);
    await appLive(page);
    await expect(cmp.byMeasure).toHaveAttribute('aria-pressed', 'true');
    const rows = measureRows(ids);
    await expect(cmp.rows.locator('th')).toHaveText(rows.map((m) => m.name));
    for (const [c, id] of ids.entries()) {
      const s = speech(id);
      const all = await cmp.columnRecommendations(c);
      expect([...all].sort(), `${id}: each recommendation once`).toEqual(s.recommendations.map((r) => `speech/${id}/#${r.id}`).sort());
      // …each in the row of its (first) measure.
      for (const [r, m] of rows.entries()) {
        const want = s.recommendations.filter((x) => x.measures[0] === m.id).map((x) => `speech/${id}/#${x.id}`);
        const cell = cmp.rows.nth(r).locator('td').nth(c);
        expect(await cell.locator('.cell-head a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), `${id} × ${m.name}`).toEqual(want);
        if (want.length === 0) await expect(cell).toHaveText('（无此类建议）');
      }
    }
  });

  test('switches to each speech’s own order and back', async ({ page }) => {
    const cmp = new ComparePage(page);
    await cmp.goto(TWO);
    await appLive(page);
    await cmp.bySpeech.click();
    await expect(cmp.bySpeech).toHaveAttribute('aria-pressed', 'true');
    expect(query(page)).toBe('?ids=he-jianhong,huang-junxia&order=speech');
    const longest = Math.max(...TWO.map((id) => speech(id).recommendations.length));
    await expect(cmp.rows.locator('th')).toHaveText(Array.from({ length: longest }, (_, k) => `第${cnNumber(k + 1)}条`));
    for (const [c, id] of TWO.entries()) {
      const recs = speech(id).recommendations;
      for (let k = 0; k < longest; k++) {
        const cell = cmp.rows.nth(k).locator('td').nth(c);
        if (k < recs.length) await expect(cell.locator('.cell-head a')).toHaveAttribute('href', `speech/${id}/#${recs[k].id}`);
        else await expect(cell).toHaveText('（无此类建议）');
      }
    }
    await cmp.byMeasure.click();
    await expect(cmp.rows.locator('th')).toHaveText(measureRows(TWO).map((m) => m.name));
    expect(query(page)).toBe('?ids=he-jianhong,huang-junxia');
  });

  test('sums up the common ground', async ({ page }) => {
    const cmp = new ComparePage(page);
    await cmp.goto(TWO);
    await appLive(page);
    const shared = commonGround(TWO);
    expect(shared.length).toBeGreaterThan(0);
    await expect(cmp.commonGround).toContainText('所选 2 篇发言在以下措施类型上有共同建议：');
    await expect(cmp.commonGround.locator('li')).toHaveText(shared);

    await cmp.goto(['he-jianhong']);
    await appLive(page);
    await expect(cmp.commonGround).toContainText('至少选择两篇发言后显示共同点。');
    await expect(page.getByText('再选一篇发言即可并排比较。')).toBeVisible();
  });

  test('names close counterparts in the other chosen speeches', async ({ page }) => {
    const cmp = new ComparePage(page);
    // Loans and financial products for firms: 冯华's third recommendation, 和建宏's second.
    await cmp.goto(['feng-hua', 'he-jianhong']);
    await appLive(page);
    const near = (id: string, r: string) =>
      cmp.table.locator('.cell-rec').filter({ has: page.locator(`.cell-head a[href="speech/${id}/#${r}"]`) }).locator('.near');
    await expect(near('feng-hua', 'r3')).toContainText(/^相近：和建宏·建议二（相似度 \d+%）/);
    await expect(near('he-jianhong', 'r2')).toContainText(/^相近：冯华·建议三（相似度 \d+%）/);
    // Every counterpart named is in a chosen speech, never in the same one.
    for (const text of await cmp.table.locator('.near').allInnerTexts()) {
      for (const name of text.replace(/^相近：/, '').split('；')) {
        expect(['冯华', '和建宏'], text).toContain(name.split('·')[0]);
      }
    }
    // Without the counterpart's speech chosen, nothing is named.
    await cmp.goto(['feng-hua', 'shu-yufen']);
    await appLive(page);
    await expect.poll(() => cmp.columnNames()).toEqual(['冯华', '舒玉芬']);
    await expect(near('feng-hua', 'r3')).toHaveCount(0);
  });

  test('columns move and go, the URL follows, back restores them', async ({ page }) => {
    test.slow(); // many steps; the shared test machine is often busy
    const cmp = new ComparePage(page);
    await cmp.goto(['he-jianhong', 'huang-junxia', 'feng-hua']);
    await appLive(page);
    await expect(cmp.moveLeft('和建宏')).toBeDisabled();
    await expect(cmp.moveRight('冯华')).toBeDisabled();

    await cmp.moveRight('和建宏').click();
    await expect.poll(() => cmp.columnNames()).toEqual(['黄俊霞', '和建宏', '冯华']);
    expect(query(page)).toBe('?ids=huang-junxia,he-jianhong,feng-hua');
    // Moving a column keeps the reader at the table (no jump to the top, focus not taken away).
    await expect(cmp.table.locator('thead')).toBeInViewport();
    await expect(cmp.heading).not.toBeFocused();

    await cmp.moveLeft('冯华').click();
    await expect.poll(() => cmp.columnNames()).toEqual(['黄俊霞', '冯华', '和建宏']);
    await cmp.remove('黄俊霞').click();
    await expect.poll(() => cmp.columnNames()).toEqual(['冯华', '和建宏']);
    expect(query(page)).toBe('?ids=feng-hua,he-jianhong');
    // The removed column took the focused button with it: focus stays at the table.
    await expect(page.locator('.table-scroll')).toBeFocused();
    await expect(cmp.choice('黄俊霞')).toHaveAttribute('aria-pressed', 'false');

    await page.goBack();
    await expect.poll(() => cmp.columnNames()).toEqual(['黄俊霞', '冯华', '和建宏']);
    await page.goBack();
    await expect.poll(() => cmp.columnNames()).toEqual(['黄俊霞', '和建宏', '冯华']);
  });

  test('a coverage cell leads to its measure in the list on the same page, keeping the choice', async ({ page, baseURL }) => {
    const cmp = new ComparePage(page);
    await cmp.goto(TWO);
    await appLive(page);
    const cell = cmp.coverageCell('和建宏', '资金与金融');
    const href = 'compare/?ids=he-jianhong,huang-junxia#m-finance-he-jianhong';
    await expect(cell).toHaveAttribute('href', href);
    await cell.click();
    await expect(page).toHaveURL(new URL(href, baseURL).href);
    const entry = page.locator('#m-finance-he-jianhong');
    await expect(entry).toBeInViewport();
    const finance = speech('he-jianhong').recommendations.filter((r) => r.measures.includes('finance'));
    await expect(entry.getByRole('link')).toHaveText(finance.map((r) => r.headline));
    expect(await cmp.columnNames()).toEqual(['和建宏', '黄俊霞']);
  });

  test('printing shows the comparison and no controls', async ({ page }) => {
    const cmp = new ComparePage(page);
    await cmp.goto(TWO);
    await appLive(page);
    await expect(cmp.choice('和建宏')).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('button:visible, input:visible, select:visible, textarea:visible, summary:visible')).toHaveCount(0);
    await expect(page.locator('.needs-app:visible')).toHaveCount(0);
    await expect(cmp.table).toBeVisible();
    expect(await cmp.columnNames()).toEqual(['和建宏', '黄俊霞']);
    await expect(cmp.commonGround).toBeVisible();
  });
});

test.describe('compare: the remembered choice', () => {
  test('opening the comparison without ids shows the last choice, and the URL says so', async ({ page }) => {
    const cmp = new ComparePage(page);
    await cmp.goto(TWO);
    await appLive(page);
    await cmp.choice('冯华').click();
    await expect.poll(() => cmp.columnNames()).toEqual(['和建宏', '黄俊霞', '冯华']);

    await cmp.goto();
    await appLive(page);
    await expect.poll(() => cmp.columnNames()).toEqual(['和建宏', '黄俊霞', '冯华']);
    await expect.poll(() => query(page)).toBe('?ids=he-jianhong,huang-junxia,feng-hua');
  });

  test('works when localStorage throws', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    const cmp = new ComparePage(page);
    await cmp.goto(TWO);
    await appLive(page);
    expect(await page.evaluate(() => { try { return !!window.localStorage; } catch { return 'throws'; } })).toBe('throws');
    await expect.poll(() => cmp.columnNames()).toEqual(['和建宏', '黄俊霞']);
    await cmp.choice('冯华').click();
    await expect.poll(() => cmp.columnNames()).toEqual(['和建宏', '黄俊霞', '冯华']);
    expect(query(page)).toBe('?ids=he-jianhong,huang-junxia,feng-hua');
    // Nothing could be remembered: the page opens empty, and still works.
    await cmp.goto();
    await appLive(page);
    await expect(cmp.table).toHaveCount(0);
    await cmp.choice('石磊').click();
    await expect.poll(() => cmp.columnNames()).toEqual(['石磊']);
  });

  test('works when localStorage holds garbage', async ({ page }) => {
    await page.addInitScript(() => {
      localStorage.setItem('jianyan.compare', '"><img src=x>,he-jianhong,,he-jianhong,\u0000zz,' + 'x'.repeat(5000));
      localStorage.setItem('jianyan.elder', '{"on": true}');
    });
    const cmp = new ComparePage(page);
    await cmp.goto();
    await appLive(page);
    await expect.poll(() => cmp.columnNames()).toEqual(['和建宏']);
    await expect.poll(() => query(page)).toBe('?ids=he-jianhong');
    await expect(page.locator('main img')).toHaveCount(0);
    await expect(page.locator('.app.elder')).toHaveCount(0);
    await expect(page.getByText('再选一篇发言即可并排比较。')).toBeVisible();
  });
});
