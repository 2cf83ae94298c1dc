// Checks a real reader depends on, measured in the page: the app has started, nothing
// scrolls sideways, every control is big enough to touch, the text is big enough to read.
// Used by the browse, speech, compare and static specs.
import { expect, type Page } from '@playwright/test';
import { digest, type Digest, type Speech } from './digest';
import { app } from './pages/selectors';

/** Waits until the app has hydrated the prerendered page (boot.js → wasm → `html.app-live`). */
export async function appLive(page: Page) {
  await expect(page.locator(app.live), 'the app did not start').toBeAttached({ timeout: 15_000 });
}

/** The page does not scroll sideways (the body is no wider than the window). */
export async function expectNoHorizontalScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `the page is ${scrollWidth}px wide in a ${clientWidth}px window`).toBeLessThanOrEqual(clientWidth);
}

/**
 * Every visible link, button, input, select, textarea and summary is at least `min` × `min`
 * CSS pixels (WCAG 2.5.5: 44 × 44), measured as the browser lays it out. SVG links count too.
 */
export async function expectTouchTargets(page: Page, min = 44) {
  const small = await page.evaluate((min) => {
    const out: string[] = [];
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary';
    for (const el of Array.from(document.querySelectorAll(selector))) {
      if (!el.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions)) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      // Half a pixel of rounding (rem sizes at fractional zoom) is not a defect.
      if (box.width + 0.5 < min || box.height + 0.5 < min) {
        const label = (el.getAttribute('aria-label') || el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 24);
        const cls = typeof el.className === 'string' && el.className ? `.${el.className.split(' ')[0]}` : '';
        out.push(`<${el.tagName.toLowerCase()}${cls}> “${label}” ${box.width.toFixed(0)}×${box.height.toFixed(0)}`);
      }
    }
    return out;
  }, min);
  expect(small, `${small.length} target(s) smaller than ${min}×${min} px on ${page.url()}:\n${small.join('\n')}`).toEqual([]);
}

/**
 * The design's secondary text, which may be smaller than body text (the same list elder mode
 * sizes to its own minimum in static/style.css): labels, hints, search excerpts, the footer;
 * superscript note marks; and the coverage SVG (a picture whose numbers the list below it
 * also gives as text). Everything else is body text.
 */
const SECONDARY =
  'svg, .note-ref, .visually-hidden, .brand-sub, .note-kind, .chooser-title, .col-title, .where, ' +
  '.excerpt, .near, .figures dt, .hint, .facet-count, footer.site, small, .aloud-column';

/** Every visible piece of body text in the page (see `SECONDARY`) is at least `min` CSS px. */
export async function expectBodyTextAtLeast(page: Page, min = 16) {
  const small = await page.evaluate(([min, secondary]) => {
    const out = new Map<string, number>();
    for (const root of Array.from(document.querySelectorAll('main'))) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const node = walker.currentNode;
        const el = node.parentElement;
        if (!el || !node.textContent?.trim()) continue;
        if (el.closest(secondary)) continue;
        if (!el.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions)) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size + 0.01 < min) {
          const cls = typeof el.className === 'string' && el.className ? `.${el.className.split(' ')[0]}` : '';
          const key = `<${el.tagName.toLowerCase()}${cls}> ${size}px “${node.textContent.trim().slice(0, 16)}”`;
          out.set(key, (out.get(key) ?? 0) + 1);
        }
      }
    }
    return Array.from(out.keys());
  }, [min, SECONDARY] as const);
  expect(small, `text smaller than ${min}px on ${page.url()}:\n${small.join('\n')}`).toEqual([]);
}

/**
 * Replaces `navigator.clipboard` before any page script runs; returns a function that reads
 * what the page wrote to it, in order.
 */
export async function stubClipboard(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const copied: string[] = [];
    (window as unknown as { __copied: string[] }).__copied = copied;
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: {
        writeText: async (text: string) => {
          copied.push(text);
        },
      },
    });
  });
  return () => page.evaluate(() => (window as unknown as { __copied: string[] }).__copied.slice());
}

/** The ordinal numbers the app writes (一, 二 … 十), for expectations. */
export function cnNumber(n: number): string {
  const d = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return d[n];
  if (n < 20) return `十${n === 10 ? '' : d[n - 10]}`;
  return `${d[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : d[n % 10]}`;
}

/** The parts of the digest the shared `Digest` type leaves out, for expectations. */
export type Recommendation = { id: string; label: string; headline: string; details: string; measures: string[] };
export type FullSpeech = Speech & {
  background: string[];
  lead_in: string;
  recommendations: Recommendation[];
  figures: { label: string; value: string }[];
  notes: { kind: string; text: string; at: string }[];
};
export const full = digest as unknown as Digest & {
  speeches: FullSpeech[];
  measures: { id: string; name: string }[];
};

/** The speech with this id (throws on a typo in a test). */
export function speech(id: string): FullSpeech {
  const s = full.speeches.find((x) => x.id === id);
  if (!s) throw new Error(`no speech ${id} in the digest`);
  return s;
}

/** The title as the app shows it (a lost title is named as such). */
export function displayTitle(s: Speech): string {
  return s.title.trim() === '' ? '（原文缺标题）' : s.title;
}

/** What the browser logs when the page itself is answered 404 (the site's 404.html). */
export const DOCUMENT_404 = /^Failed to load resource: the server responded with a status of 404 \(Not Found\)$/;

/**
 * Records every response with status 400 or above except the page's own document (for pages
 * answered 404, whose console error is allowed: a missing script or stylesheet still shows).
 */
export function failedSubresources(page: Page): () => string[] {
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.request().isNavigationRequest()) failed.push(`${r.status()} ${r.url()}`);
  });
  return () => failed.slice();
}
