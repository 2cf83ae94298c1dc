// The reader's journeys through the index, a search, a filtered link, a speech, elder mode
// and the not-found page, in Firefox ESR and WebKitGTK (see fixtures.ts, driver.ts).
import { test, expect, appLive, count, texts } from './fixtures';
import { digest } from '../digest';
import { speech as speechOf } from '../checks';
import { app, index, speech } from '../pages/selectors';

/** In exactly two speeches of the digest (e2e/tests/browse.spec.ts checks that). */
const PHRASE = '行业自律';

test('the index opens and the app starts on it', async ({ tab }) => {
  await tab.goto('./');
  await appLive(tab);
  expect(await tab.run(() => document.querySelector('h1')?.textContent?.trim())).toBe(digest.meeting.title);
  expect(await count(tab, index.cards)).toBe(digest.speeches.length);
  await expect.poll(() => texts(tab, index.count)).toEqual([`共 ${digest.speeches.length} 篇发言`]);
});

test('typing a search narrows the list, the count says so, the address follows', async ({ tab }) => {
  await tab.goto('./');
  await appLive(tab);
  await tab.type(index.search, PHRASE);
  await expect.poll(() => texts(tab, index.count)).toEqual([`找到 2 篇发言，含“${PHRASE}”`]);
  expect(await count(tab, index.cards)).toBe(2);
  expect(await count(tab, `${index.cards} mark`)).toBeGreaterThan(0);
  // The address follows once typing pauses.
  await expect.poll(() => tab.run(() => new URL(location.href).searchParams.get('q'))).toBe(PHRASE);
});

test('a filtered link opens filtered', async ({ tab }) => {
  const finance = digest.speeches.filter((s) => s.themes.includes('finance'));
  await tab.goto('./?theme=finance&speaker=feng-hua,he-jianhong');
  await appLive(tab);
  const ids = digest.speeches
    .filter((s) => ['feng-hua', 'he-jianhong'].includes(s.id) && s.themes.includes('finance'))
    .map((s) => s.id);
  await expect.poll(() => count(tab, index.cards)).toBe(ids.length);
  expect(await texts(tab, index.count)).toEqual([`筛选出 ${ids.length} 篇发言`]);
  await tab.goto('./?theme=finance');
  await appLive(tab);
  await expect.poll(() => count(tab, index.cards)).toBe(finance.length);
});

test('a speech opens at the recommendation its link names', async ({ tab }) => {
  const feng = speechOf('feng-hua');
  await tab.goto('speech/feng-hua/#r2');
  await appLive(tab);
  expect(await count(tab, speech.recommendations)).toBe(feng.recommendations.length);
  expect(await texts(tab, `${speech.recommendation(2)} h3`)).toEqual([expect.stringContaining(feng.recommendations[1].headline)]);
  // Scrolled to it: its top is in the window, near the top.
  await expect
    .poll(() =>
      tab.run((s) => {
        const top = document.querySelector(s)!.getBoundingClientRect().top;
        return top >= -1 && top < innerHeight / 2;
      }, speech.recommendation(2)),
    )
    .toBe(true);
});

test('elder mode: one switch, larger text, the address says so', async ({ tab }) => {
  await tab.goto('speech/feng-hua/');
  await appLive(tab);
  const size = () => tab.run(() => parseFloat(getComputedStyle(document.querySelector('main p')!).fontSize));
  const before = await size();
  await tab.click(app.elderToggle);
  await expect.poll(() => tab.run((s) => document.querySelector(s)!.classList.contains('elder'), app.root)).toBe(true);
  expect(await tab.run(() => new URL(location.href).searchParams.get('elder'))).toBe('1');
  const after = await size();
  expect(after).toBeGreaterThan(before);
  expect(after).toBeGreaterThanOrEqual(18);
});

test('an unknown speech shows the not-found page with ways on', async ({ tab }) => {
  // The server answers any unknown path with 404.html (status 404).
  await tab.goto('speech/nobody/');
  await appLive(tab);
  expect(await texts(tab, 'main h1')).toEqual(['未找到此页']);
  const links = await tab.run(() => Array.from(document.querySelectorAll('main ul a')).map((a) => (a as HTMLAnchorElement).href));
  expect(links).toHaveLength(2);
  for (const href of links) expect(href).toMatch(/\/zxhy\/2025\//);
});

test('a part in a chunk of its own loads on first use: a speech opened from the list', async ({ tab }) => {
  const feng = speechOf('feng-hua');
  await tab.goto('./');
  await appLive(tab);
  // In the app (no page load): the speech page's WebAssembly chunk is fetched now, or was
  // prefetched when the browser was idle; either way the page appears with its heading focused.
  await tab.click(`${index.card('feng-hua')} h2 a`);
  await expect.poll(() => count(tab, speech.recommendations)).toBe(feng.recommendations.length);
  expect(await tab.run(() => location.pathname.endsWith('/speech/feng-hua/'))).toBe(true);
  await expect.poll(() => tab.run(() => document.activeElement?.tagName)).toBe('H1');
  expect(await count(tab, '.lazy-failed')).toBe(0);
});
