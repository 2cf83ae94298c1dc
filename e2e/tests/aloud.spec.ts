// Issue 8 (read aloud, 朗读): on a speech page and in a comparison column, a control reads the
// text with the browser's speech synthesis (a zh-CN voice), sentence by sentence, marking the
// sentence being read; pause, resume, stop; it stops when the reader leaves the page and
// says so where the browser cannot read Chinese. The synthesizer is a stub (pages/ReadAloud.ts):
// the test ends each sentence itself, so nothing depends on timing. The splitting into
// sentences is unit-tested in src/aloud.rs; here, what the reader hears and sees.
import { test, expect, expectNoA11yViolations } from '../fixtures';
import { appLive, displayTitle, speech, type FullSpeech } from '../checks';
import { ReadAloud, stubSpeech } from '../pages/ReadAloud';
import { SpeechPage } from '../pages/SpeechPage';
import { ComparePage } from '../pages/ComparePage';

const FENG = speech('feng-hua');
const SHI = speech('shi-yanchun');

/** Everything a speech page reads, in order, white space removed: the sentences joined must
 *  say exactly this (the ordinals "一是，" and "代表" are said before their text). */
function wholeReading(s: FullSpeech): string {
  const parts = [displayTitle(s), s.speaker.name];
  if (s.speaker.on_behalf_of) parts.push('代表', s.speaker.on_behalf_of);
  parts.push(...s.background, s.lead_in);
  for (const r of s.recommendations) parts.push(r.label ? `${r.label}，` : '', r.headline, r.details);
  return parts.join('').replace(/\s/g, '');
}

/** Opens a speech with the stubbed synthesizer, once the app has taken over the page. */
async function openSpeech(page: import('@playwright/test').Page, id: string, rest = '') {
  await new SpeechPage(page).goto(id, rest);
  await appLive(page);
  return ReadAloud.ofSpeech(page);
}

test.describe('read aloud: a speech', () => {
  test.beforeEach(async ({ page }) => {
    await stubSpeech(page);
  });

  test('reads sentence by sentence in a zh-CN voice, marking the sentence being read', async ({ page }) => {
    const aloud = await openSpeech(page, 'feng-hua');
    await expect(aloud.play).toHaveText('朗读全文');
    await expect(aloud.stop).toBeHidden();
    await expect(aloud.status).toHaveText('');
    await aloud.play.click();
    await expect(aloud.status).toHaveText('正在朗读');
    await expect(aloud.play).toHaveText('暂停');
    await expect(aloud.stop).toBeVisible();

    // The title first, in the Chinese voice (listed after an English one), at normal speed.
    await expect.poll(() => aloud.said()).toEqual([{ text: displayTitle(FENG), lang: 'zh-CN', voice: 'zh-CN', rate: 1 }]);
    await expect.poll(() => aloud.marked()).toBe(displayTitle(FENG));
    await expect(aloud.block).toHaveCount(1);
    await expect(aloud.block).toHaveJSProperty('tagName', 'H1');

    // Each end of a sentence moves on to the next, and the mark with it.
    const steps: [string, string][] = [
      [FENG.speaker.name, FENG.speaker.name],
      [`代表${FENG.speaker.on_behalf_of}`, FENG.speaker.on_behalf_of!],
      ['民营经济是推进中国式现代化的生力军。', '民营经济是推进中国式现代化的生力军。'],
    ];
    for (const [said, marked] of steps) {
      expect(await aloud.finish()).toBe(true);
      await expect.poll(async () => (await aloud.said()).at(-1)?.text).toBe(said);
      await expect.poll(() => aloud.marked()).toBe(marked);
    }
    await expect(aloud.block).toHaveCount(1);
    await expect(aloud.block).toHaveText(FENG.background[0]);

    // A recommendation is read with its ordinal; its headline is marked in its heading.
    const r1 = FENG.recommendations[0];
    for (let i = 0; i < 20 && !(await aloud.said()).some((s) => s.text.startsWith(r1.label)); i++) {
      await aloud.finish();
      await expect.poll(async () => (await aloud.said()).length).toBe(5 + i);
    }
    expect((await aloud.said()).at(-1)!.text).toBe(`${r1.label}，${r1.headline}`);
    await expect.poll(() => aloud.marked()).toBe(r1.headline);
    await expect(page.locator('li.rec#r1 h3')).toHaveAttribute('data-reading', '');
  });

  test('reads the whole speech, in page order, and says when it is done', async ({ page }) => {
    const aloud = await openSpeech(page, 'feng-hua');
    await aloud.play.click();
    // End each sentence as it is said: the next one is said, or the control is done.
    for (let n = 1; ; n++) {
      expect(n, 'the reading never ends').toBeLessThan(100);
      await expect.poll(async () => (await aloud.said()).length).toBe(n);
      expect(await aloud.finish()).toBe(true);
      const done = async () => (await aloud.status.textContent()) === '已读完';
      await expect.poll(async () => (await aloud.said()).length > n || (await done())).toBe(true);
      if (await done()) break;
    }
    await expect(aloud.status).toHaveText('已读完');
    await expect(aloud.play).toHaveText('朗读全文');
    await expect(aloud.stop).toBeHidden();
    expect(await aloud.marked()).toBe('');
    await expect(aloud.block).toHaveCount(0);
    const said = (await aloud.said()).map((s) => s.text);
    expect(said.join('').replace(/\s/g, '')).toBe(wholeReading(FENG));
    // The editors' notes are not the member's words: not read.
    for (const note of FENG.notes) expect(said.join('')).not.toContain(note.text);
  });

  test('pauses and resumes at the same sentence; stops', async ({ page }) => {
    const aloud = await openSpeech(page, 'feng-hua');
    await aloud.play.click();
    await aloud.finish();
    await expect.poll(async () => (await aloud.said()).at(-1)?.text).toBe(FENG.speaker.name);

    await aloud.play.click();
    await expect(aloud.status).toHaveText('已暂停');
    await expect(aloud.play).toHaveText('继续');
    await expect.poll(() => aloud.speaking()).toBeNull();
    // Where reading will resume stays marked.
    expect(await aloud.marked()).toBe(FENG.speaker.name);

    await aloud.play.click();
    await expect(aloud.status).toHaveText('正在朗读');
    await expect.poll(() => aloud.speaking()).toBe(FENG.speaker.name);

    await aloud.finish();
    await expect.poll(() => aloud.speaking()).toBe(`代表${FENG.speaker.on_behalf_of}`);

    const before = (await aloud.said()).length;
    await aloud.stop.click();
    await expect(aloud.status).toHaveText('已停止');
    await expect.poll(() => aloud.speaking()).toBeNull();
    await expect(aloud.stop).toBeHidden();
    expect(await aloud.marked()).toBe('');
    await expect(aloud.block).toHaveCount(0);
    expect((await aloud.said()).length).toBe(before);

    // Playing again starts from the beginning.
    await aloud.play.click();
    await expect.poll(() => aloud.speaking()).toBe(displayTitle(FENG));
  });

  test('stops when the reader leaves the page, in the app or to the next speech', async ({ page }) => {
    const aloud = await openSpeech(page, 'feng-hua');
    await aloud.play.click();
    await aloud.finish();
    await expect.poll(() => aloud.speaking()).toBe(FENG.speaker.name);
    await new SpeechPage(page).next.click();
    await expect(page).toHaveURL(/speech\/shi-yanchun\/$/);
    await expect.poll(() => aloud.speaking()).toBeNull();
    await expect(aloud.play).toHaveText('朗读全文');
    await expect(aloud.status).toHaveText('');
    expect(await aloud.marked()).toBe('');
    await expect(aloud.block).toHaveCount(0);

    // The next speech reads its own text.
    await aloud.play.click();
    await expect.poll(() => aloud.speaking()).toBe(displayTitle(SHI));
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '比较建议' }).click();
    await expect(page).toHaveURL(/compare\//);
    await expect.poll(() => aloud.speaking()).toBeNull();
    expect(await aloud.marked()).toBe('');
    await expect(aloud.block).toHaveCount(0);
  });

  test('reads more slowly in elder mode', async ({ page }) => {
    const aloud = await openSpeech(page, 'feng-hua', '?elder=1');
    await expect(page.locator('.app.elder')).toHaveCount(1);
    await aloud.play.click();
    await expect.poll(async () => (await aloud.said())[0]?.rate).toBeCloseTo(0.85, 5);
  });

  test('has no accessibility violations while reading', async ({ page }) => {
    const aloud = await openSpeech(page, 'feng-hua');
    await aloud.play.click();
    await aloud.finish();
    await expect(aloud.stop).toBeVisible();
    await expectNoA11yViolations(page);
  });
});

test.describe('read aloud: where the browser cannot', () => {
  test('no speech synthesis: the control says so', async ({ page }) => {
    await stubSpeech(page, { none: true });
    const aloud = await openSpeech(page, 'feng-hua');
    await expect(aloud.control).toContainText('此浏览器不支持朗读');
    await expect(aloud.play).toHaveCount(0);
  });

  test('no Chinese voice: the control says so', async ({ page }) => {
    await stubSpeech(page, { voices: [{ lang: 'en-US', local: true }, { lang: 'ja-JP', local: true }] });
    const aloud = await openSpeech(page, 'feng-hua');
    await expect(aloud.control).toContainText('此设备没有中文语音，无法朗读');
    await expect(aloud.play).toHaveCount(0);
  });

  test('no voice list yet: asks for zh-CN and lets the browser choose', async ({ page }) => {
    await stubSpeech(page, { voices: [] });
    const aloud = await openSpeech(page, 'feng-hua');
    await aloud.play.click();
    await expect.poll(() => aloud.said()).toEqual([{ text: displayTitle(FENG), lang: 'zh-CN', voice: null, rate: 1 }]);
  });

  test('the synthesizer fails: the status says so, and reading can be tried again', async ({ page }) => {
    await stubSpeech(page, { failWith: 'synthesis-failed' });
    const aloud = await openSpeech(page, 'feng-hua');
    await aloud.play.click();
    await expect(aloud.status).toHaveText('朗读出错，已停止');
    await expect(aloud.play).toHaveText('朗读全文');
    await expect(aloud.block).toHaveCount(0);
    await aloud.play.click();
    await expect.poll(async () => (await aloud.said()).length).toBe(2);
  });
});

test.describe('read aloud: a comparison column', () => {
  test.beforeEach(async ({ page }) => {
    await stubSpeech(page);
  });

  test('reads a column as the table shows it; another column takes over', async ({ page }) => {
    const compare = new ComparePage(page);
    await compare.goto(['feng-hua', 'shi-yanchun']);
    await appLive(page);
    const feng = ReadAloud.ofColumn(page, FENG.speaker.name);
    const shi = ReadAloud.ofColumn(page, SHI.speaker.name);
    // Each column's control is named for its speaker.
    await expect(feng.play).toHaveAccessibleName(`朗读：${FENG.speaker.name}`);
    await expect(shi.play).toHaveAccessibleName(`朗读：${SHI.speaker.name}`);

    await feng.play.click();
    await expect(feng.status).toHaveText('正在朗读');
    await expect.poll(() => feng.speaking()).toBe(FENG.speaker.name);
    await expect.poll(() => feng.marked()).toBe(FENG.speaker.name);
    await feng.finish();
    await expect.poll(() => feng.speaking()).toBe(displayTitle(FENG));
    await feng.finish();
    // Aligned by measure: the first row is the first measure this pair proposes, 政策与制度,
    // where 冯华's first recommendation sits; it is marked in the first column.
    const r1 = FENG.recommendations[0];
    await expect.poll(() => feng.speaking()).toBe(`政策与制度：${r1.label}，${r1.headline}`);
    await expect.poll(() => feng.marked()).toBe(r1.headline);
    await expect(compare.table.locator('tbody tr td').first().locator('[data-reading]')).toHaveText(r1.headline);

    // The second column takes over: the first one stops, the mark moves.
    await shi.play.click();
    await expect(shi.status).toHaveText('正在朗读');
    await expect(feng.status).toHaveText('已停止');
    await expect(feng.play).toHaveText('朗读');
    await expect(feng.stop).toBeHidden();
    await expect.poll(() => shi.speaking()).toBe(SHI.speaker.name);
    await expect.poll(() => shi.marked()).toBe(SHI.speaker.name);
    await expect(shi.block).toHaveCount(1);
    await expect(compare.columns.nth(1).locator('[data-reading]')).toHaveCount(1);

    // Reordering the table starts the column's reading again.
    await compare.bySpeech.click();
    await expect.poll(() => shi.speaking()).toBeNull();
    await expect(shi.status).toHaveText('');
    await shi.play.click();
    await shi.finish();
    await shi.finish();
    const s1 = SHI.recommendations[0];
    await expect.poll(() => shi.speaking()).toBe(`${s1.label}，${s1.headline}`);
  });

  test('removing a column stops its reading', async ({ page }) => {
    const compare = new ComparePage(page);
    await compare.goto(['feng-hua', 'shi-yanchun']);
    await appLive(page);
    const shi = ReadAloud.ofColumn(page, SHI.speaker.name);
    await shi.play.click();
    await expect.poll(() => shi.speaking()).toBe(SHI.speaker.name);
    await compare.remove(SHI.speaker.name).click();
    await expect(compare.columns).toHaveCount(1);
    await expect.poll(() => shi.speaking()).toBeNull();
    await expect(page.locator('[data-reading]')).toHaveCount(0);
  });
});
