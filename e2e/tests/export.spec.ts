// Share, cite, export, print (docs/embedding.md): the "分享与导出" tools at the end of every view.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '../fixtures';
import { EmbedDemoPage } from '../pages/EmbedDemoPage';
import { CSV_COLUMNS, ViewTools, parseCsv } from '../pages/ViewTools';

type Rec = { id: string; label: string; headline: string; details: string; measures: string[] };
type Speech = {
  id: string;
  speaker: { name: string; on_behalf_of: string | null };
  title: string;
  themes: string[];
  recommendations: Rec[];
};
type Digest = { themes: { id: string; name: string }[]; measures: { id: string; name: string }[]; speeches: Speech[] };

const digestText = readFileSync(join(__dirname, '..', '..', 'static', 'digest.json'), 'utf8');
const digest: Digest = JSON.parse(digestText);
const speech = (id: string) => digest.speeches.find((s) => s.id === id)!;

/** The CSV rows the viewer should write for these speeches, in this order. */
function expectedRows(ids: string[], baseURL: string): string[][] {
  const name = (list: { id: string; name: string }[], id: string) => list.find((x) => x.id === id)!.name;
  return ids.flatMap((id) => {
    const s = speech(id);
    return s.recommendations.map((r, i) => [
      s.speaker.name,
      s.speaker.on_behalf_of ?? '',
      s.title || '（原文缺标题）',
      String(i + 1),
      r.headline,
      r.details,
      s.themes.map((t) => name(digest.themes, t)).join('、'),
      r.measures.map((m) => name(digest.measures, m)).join('、'),
      `${baseURL}speech/${s.id}/#${r.id}`,
    ]);
  });
}

async function csvOf(tools: ViewTools): Promise<{ name: string; rows: string[][] }> {
  const { download, bytes } = await tools.download(tools.csv);
  // The byte-order mark that makes Excel on Windows read UTF-8.
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return { name: download.suggestedFilename(), rows: parseCsv(bytes.subarray(3).toString('utf8')) };
}

test.describe('export', () => {
  test('CSV of a filtered index: BOM, header, exactly the rows shown', async ({ page, baseURL }) => {
    await page.goto('./?theme=private-economy');
    const tools = new ViewTools(page);
    const ids = digest.speeches.filter((s) => s.themes.includes('private-economy')).map((s) => s.id);
    const expected = expectedRows(ids, baseURL!);
    await expect(tools.note).toHaveText(`导出本页的 ${expected.length} 条建议：`);
    const { name, rows } = await csvOf(tools);
    expect(name).toBe('jianyan-index.csv');
    expect(rows[0]).toEqual(CSV_COLUMNS);
    expect(rows.slice(1)).toEqual(expected);
    await expect(tools.status).toHaveText(`已导出 ${expected.length} 条建议：jianyan-index.csv`);

    // The filter changes, the export follows.
    await page.getByLabel('搜索发言').fill('没有这样的词语');
    await expect(tools.note).toHaveText('导出本页的 0 条建议：');
    await expect(tools.csv).toBeDisabled();
  });

  test('CSV of a speech and of a comparison, in column order', async ({ page, baseURL }) => {
    await page.goto('speech/huang-junxia/');
    const tools = new ViewTools(page);
    let csv = await csvOf(tools);
    expect(csv.name).toBe('jianyan-speech-huang-junxia.csv');
    expect(csv.rows.slice(1)).toEqual(expectedRows(['huang-junxia'], baseURL!));

    await page.goto('compare/?ids=zhao-yongjiang,feng-hua');
    csv = await csvOf(tools);
    expect(csv.name).toBe('jianyan-compare.csv');
    expect(csv.rows.slice(1)).toEqual(expectedRows(['zhao-yongjiang', 'feng-hua'], baseURL!));
  });

  test('JSON of a view, and the whole digest as open data', async ({ page, baseURL }) => {
    await page.goto('./?speaker=shu-yufen,guo-jinbin');
    const tools = new ViewTools(page);
    const { download, bytes } = await tools.download(tools.json);
    expect(download.suggestedFilename()).toBe('jianyan-index.json');
    const data = JSON.parse(bytes.toString('utf8'));
    expect(data.view).toBe(`${baseURL}?speaker=shu-yufen,guo-jinbin`);
    expect(data.meeting.date).toBe('2025-02-25');
    const rows = expectedRows(['shu-yufen', 'guo-jinbin'], baseURL!);
    expect(data.recommendations).toHaveLength(rows.length);
    const first = data.recommendations[0];
    const s = speech('shu-yufen');
    expect(first).toEqual({
      speech: 'shu-yufen',
      speaker: s.speaker.name,
      affiliation: s.speaker.on_behalf_of,
      title: s.title,
      ordinal: 1,
      label: s.recommendations[0].label,
      headline: s.recommendations[0].headline,
      details: s.recommendations[0].details,
      themes: rows[0][6].split('、'),
      measures: rows[0][7].split('、'),
      link: `${baseURL}speech/shu-yufen/#r1`,
    });

    const whole = await tools.download(tools.digest);
    expect(whole.download.suggestedFilename()).toBe('digest.json');
    expect(JSON.parse(whole.bytes.toString('utf8'))).toEqual(digest);
  });

  test('export works inside an embedded frame', async ({ page, baseURL }) => {
    const demo = new EmbedDemoPage(page);
    await demo.goto();
    await demo.waitForApp('theme');
    const tools = new ViewTools(page, demo.inside('theme'));
    const { rows } = await csvOf(tools);
    expect(rows.slice(1)).toEqual(expectedRows(['he-jianhong'], baseURL!));
    // No embed code and no print button inside a frame; the open data link is there.
    await expect(tools.embedSummary).toHaveCount(0);
    await expect(tools.print).toHaveCount(0);
    await expect(tools.digest).toBeVisible();
  });
});

test.describe('share', () => {
  test('copy link copies the plain address of the view', async ({ page, context, baseURL }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('./?theme=finance&elder=1&color=dark');
    const tools = new ViewTools(page);
    await tools.copyLink.click();
    await expect(tools.status).toHaveText('本页链接已复制');
    // The reader's own presentation flags are not passed on.
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}?theme=finance`);
  });

  test('the share button appears where the system share sheet exists', async ({ page, baseURL }) => {
    await page.goto('speech/feng-hua/');
    const tools = new ViewTools(page);
    await expect(tools.copyLink).toBeVisible();
    const hasShare = await page.evaluate(() => 'share' in navigator);
    await expect(tools.share).toHaveCount(hasShare ? 1 : 0);

    await page.addInitScript(() => {
      const shared: ShareData[] = [];
      (window as unknown as { __shared: ShareData[] }).__shared = shared;
      Object.defineProperty(navigator, 'share', { value: async (d: ShareData) => void shared.push(d), configurable: true });
    });
    await page.reload();
    await tools.share.click();
    const shared = await page.evaluate(() => (window as unknown as { __shared: ShareData[] }).__shared);
    expect(shared).toEqual([{ title: await page.title(), url: `${baseURL}speech/feng-hua/` }]);
  });
});

test.describe('print', () => {
  for (const [path, width] of [
    ['./?theme=private-economy', 680],
    ['speech/he-jianhong/', 680],
    ['compare/?ids=he-jianhong,feng-hua,zhao-yongjiang', 1030],
  ] as const) {
    test(`${path} prints on A4 without controls, links written out`, async ({ page, baseURL }) => {
      // The printable width of A4 (portrait 180 mm, landscape 273 mm for the comparison).
      await page.setViewportSize({ width, height: 1000 });
      await page.goto(path);
      const tools = new ViewTools(page);
      await expect(tools.root).toBeVisible();
      await page.emulateMedia({ media: 'print' });
      // The page's own address and the root of the links written out, at the end.
      await expect(tools.root.locator('.print-only')).toBeVisible();
      expect(await tools.root.locator('.print-only').innerText()).toBe(`本页网址：${new URL(path, baseURL).href}\n文中链接均相对于：${baseURL}`);
      for (const control of ['button', 'input', 'textarea', 'summary', 'select']) {
        await expect(page.locator(`${control}:visible`), control).toHaveCount(0);
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      // Links to other pages are written out after their text.
      const after = await page
        .locator('.speech-card h2 a, .compare-table thead th a')
        .evaluateAll((links) => links.map((a) => getComputedStyle(a, '::after').content));
      if (!path.startsWith('speech/')) {
        expect(after.length).toBeGreaterThan(0);
        for (const c of after) expect(c).toMatch(/^"（speech\/[a-z-]+\/）"$/);
      }
    });
  }
});
