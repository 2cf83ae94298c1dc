// The comparison in Firefox ESR and WebKitGTK: side by side on a desktop, one sideways
// scrolling (swipeable) table on a phone, the page itself never wider than the screen.
import { test, expect, appLive, texts } from './fixtures';
import { PHONE } from './driver';
import { compare } from '../pages/selectors';

const IDS = ['he-jianhong', 'huang-junxia'];

test('on a desktop the speeches stand side by side', async ({ tab }) => {
  await tab.goto(`compare/?ids=${IDS.join(',')}`);
  await appLive(tab);
  await expect.poll(() => texts(tab, compare.columnLinks)).toEqual(['和建宏', '黄俊霞']);
  const boxes = await tab.run(
    (s) => Array.from(document.querySelectorAll(s)).map((a) => a.closest('th')!.getBoundingClientRect().toJSON()),
    compare.columnLinks,
  );
  const [a, b] = boxes as DOMRect[];
  expect(Math.abs(a.top - b.top)).toBeLessThan(1);
  expect(b.left).toBeGreaterThanOrEqual(a.right - 1);
  expect(b.right).toBeLessThanOrEqual(await tab.run(() => document.documentElement.clientWidth));
});

test('on a phone the table swipes sideways, column by column, and the page does not', async ({ tab }) => {
  await tab.goto(`compare/?ids=${IDS.join(',')}`, PHONE.width);
  await appLive(tab);
  await expect.poll(() => texts(tab, compare.columnLinks)).toEqual(['和建宏', '黄俊霞']);
  const before = await tab.run((s) => {
    const box = document.querySelector(s) as HTMLElement;
    return {
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      // innerWidth: desktop Firefox's scrollbar takes 12 px of the layout width (a phone's overlays).
      width: innerWidth,
      overflow: box.scrollWidth - box.clientWidth,
      snap: getComputedStyle(box).scrollSnapType,
    };
  }, compare.scroller);
  expect(before.width).toBe(PHONE.width);
  expect(before.page, 'the page scrolls sideways').toBeLessThanOrEqual(0);
  expect(before.overflow, 'the table is wider than its box').toBeGreaterThan(0);
  expect(before.snap).toMatch(/^x mandatory$/);
  // A swipe: the box scrolls and comes to rest at a column's start.
  await tab.run((s) => document.querySelector(s)!.scrollBy({ left: 120, behavior: 'instant' as ScrollBehavior }), compare.scroller);
  await expect
    .poll(() =>
      tab.run((s) => {
        const box = document.querySelector(s) as HTMLElement;
        const edge = box.getBoundingClientRect().left + box.clientLeft;
        const cells = Array.from(box.querySelectorAll('tbody tr:first-child > td'));
        const atColumn = cells.some((td) => Math.abs(td.getBoundingClientRect().left - edge) < 2);
        const atEnd = box.scrollLeft >= box.scrollWidth - box.clientWidth - 1;
        return box.scrollLeft > 0 && (atColumn || atEnd);
      }, compare.scroller),
    )
    .toBe(true);
  expect(await tab.run(() => document.documentElement.scrollLeft)).toBe(0);
});
