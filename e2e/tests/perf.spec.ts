// Keystroke to updated results, in the browser, at 10× and 100× the digest (SYNTHETIC
// digests: crates/bench/src/lib.rs). `cargo xtask test` (step `perf`) builds the app twice with a
// scaled digest built in, serves each build under /zxhy/2025/ and sets
// JIANYAN_PERF_X10_URL and JIANYAN_PERF_X100_URL; without them these tests are skipped
// (the ordinary browser-test run uses the real digest).
//
// For each keystroke, from just before it is typed until the frame after the update:
// - `cpu`: CPU time of the page's main thread (Chromium's ThreadTime metric) — the work the
//   keystroke costs: wasm, DOM updates, style, layout, paint (and 1–3 ms of the measuring
//   itself). It depends far less than wall time on what else the machine is doing, so it is
//   what the budget checks.
// - `work`: wall time from the input event's time stamp until the result count
//   ("找到 N 篇发言，含“…”") has changed and style and layout are done;
// - `next frame`: wall time until the frame after that has been presented (this also waits
//   for the next vsync, so it is up to one frame longer by construction).
// Twenty keystrokes type five words of the digest one character at a time, on the desktop
// layout (facets shown). Each word starts from the list as loaded (the box emptied), so its
// first key is the one that replaces the list as loaded by the first search: it is reported
// on its own. Budgets: the median `cpu` of all keys within one frame (16 ms), the first key
// within 50 ms, at 10× and 100× (fatal only with JIANYAN_STRICT_BUDGET=1, as the size
// budget). Wall times are printed too; on a loaded machine they are noise.
// The measured window must hold the real work: when the count changes, the list must already
// show the new search's first cards (FIRST_CARDS of them, or all when fewer), each saying
// where it matched; a list drawn later (an idle callback, an observer) would fail here.
import type { CDPSession, Page } from '@playwright/test';
import { test, expect } from '../fixtures';
import { IndexPage } from '../pages/IndexPage';

const FRAME_MS = 16;
/** The first key of a search (from the list as loaded). */
const FIRST_KEY_MS = 50;
/** How many cards a list of results shows at first (`query::RESULTS_SHOWN`). */
const FIRST_CARDS = 10;
/** 5 + 4 + 4 + 4 + 3 = 20 keystrokes; the first character of each word is a one-character search. */
const WORDS = ['科技服务业', '小微企业', '普惠金融', '庭院经济', '医联体'];

type Keystroke = {
  text: string;
  work: number;
  frame: number;
  cpu: number;
  count: string;
  /** Cards on the page, and cards saying where the search matched, when the count changed. */
  cards: number;
  matched: number;
};

/** CPU time of the page's main thread so far, in ms (Chromium's `ThreadTime` metric). */
async function threadTime(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = metrics.find((x) => x.name === 'ThreadTime');
  if (!m) throw new Error('Chromium reports no ThreadTime metric');
  return m.value * 1000;
}

/** Types one character and measures in the page until the result count shows the new search. */
async function measureKeystroke(page: Page, cdp: CDPSession, ch: string, text: string): Promise<Keystroke> {
  await page.evaluate(() => {
    const w = window as unknown as { __keystroke: Promise<unknown> };
    const count = document.querySelector('.results .count')!;
    const before = count.textContent;
    w.__keystroke = new Promise((resolve) => {
      let start = NaN;
      // Capture on document: runs before the app's own (delegated) listener.
      document.addEventListener('input', (e) => (start = e.timeStamp), { capture: true, once: true });
      const observer = new MutationObserver(() => {
        if (count.textContent === before) return;
        observer.disconnect();
        // Force style and layout of the updated page, as the next frame will need them.
        document.body.getBoundingClientRect();
        const work = performance.now() - start;
        const cards = document.querySelectorAll('article.speech-card').length;
        const matched = document.querySelectorAll('article.speech-card p.where').length;
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () =>
            resolve({ work, frame: performance.now() - start, count: count.textContent, cards, matched });
          channel.port2.postMessage(null);
        });
      });
      observer.observe(count, { childList: true, characterData: true, subtree: true });
    });
  });
  const cpu0 = await threadTime(cdp);
  await page.keyboard.insertText(ch);
  const r = (await page.evaluate(() => (window as unknown as { __keystroke: Promise<unknown> }).__keystroke)) as Omit<
    Keystroke,
    'text' | 'cpu'
  >;
  const cpu = (await threadTime(cdp)) - cpu0;
  return { text, cpu, ...r };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

type Figures = { work: number; frame: number; cpu: number; firstKey: number };

async function measure(page: Page, url: string, scale: string): Promise<Figures> {
  const index = new IndexPage(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const started = Date.now();
  await page.goto(url);
  const total = await index.count.textContent();
  // The page is prerendered: wait until the app has taken it over and has the speeches'
  // bodies (typing searches; until they are here the count says it waits for them).
  await expect(async () => {
    await index.searchFor('企');
    await expect(index.count).toContainText('含“企”', { timeout: 1_000 });
  }).toPass({ timeout: 120_000 });
  const ready = Date.now() - started;
  await index.searchFor('');
  await expect(index.count).toHaveText(total!);

  const strokes: Keystroke[] = [];
  for (const word of WORDS) {
    await index.search.focus();
    for (let i = 1; i <= word.length; i++) {
      strokes.push(await measureKeystroke(page, cdp, word[i - 1], word.slice(0, i)));
    }
    await index.searchFor('');
    await expect(index.count).toHaveText(total!);
  }
  for (const s of strokes) {
    expect(s.count, `the count shows the search “${s.text}”`).toContain(s.text);
    const found = Number(/找到 (\d+) 篇/.exec(s.count)?.[1]);
    expect(s.cards, `“${s.text}”: the first cards of ${found} results are drawn in the measured window`).toBe(
      Math.min(found, FIRST_CARDS),
    );
    expect(s.matched, `“${s.text}”: every card drawn is a result of the search`).toBe(s.cards);
  }
  // The first key of each word: from the list as loaded to the first search.
  const firsts = strokes.filter((s) => s.text.length === 1).map((s) => s.cpu);
  const firstKey = Math.max(...firsts);

  const work = median(strokes.map((s) => s.work));
  const frame = median(strokes.map((s) => s.frame));
  const cpu = median(strokes.map((s) => s.cpu));
  const f = (x: number) => `${x.toFixed(1).padStart(6)} ms`;
  const rows = strokes.map((s) => `  ${s.text.padEnd(6, '　')} ${f(s.cpu)} ${f(s.work)} ${f(s.frame)}  ${s.count}`);
  console.log(
    [
      `keystroke → updated results at ${scale} (${total?.trim()}; app ready ${(ready / 1000).toFixed(1)} s after navigation)`,
      `  search          cpu       work  next frame  result count`,
      ...rows,
      `  median: main-thread CPU ${cpu.toFixed(1)} ms, work ${work.toFixed(1)} ms, to next frame ${frame.toFixed(1)} ms (${strokes.length} keystrokes; max CPU ${Math.max(...strokes.map((s) => s.cpu)).toFixed(1)} ms)`,
      `  first key (from the list as loaded), main-thread CPU: slowest ${firstKey.toFixed(1)} ms, median ${median(firsts).toFixed(1)} ms (${firsts.length} searches)`,
    ].join('\n'),
  );
  test.info().annotations.push({
    type: `keystroke ${scale}`,
    description: `median main-thread CPU ${cpu.toFixed(1)} ms, work ${work.toFixed(1)} ms, to next frame ${frame.toFixed(1)} ms; first key: slowest ${firstKey.toFixed(1)} ms, median ${median(firsts).toFixed(1)} ms`,
  });
  return { work, frame, cpu, firstKey };
}

/** The budgets, printed against the figures; fatal only with JIANYAN_STRICT_BUDGET=1, as the
 * size budget, so that a busy machine's timing cannot fail the run (see README "Figures"). */
function judge(scale: string, { cpu, firstKey }: Figures) {
  const figures = [
    { value: cpu, budget: FRAME_MS, what: `median main-thread CPU per keystroke at ${scale}` },
    { value: firstKey, budget: FIRST_KEY_MS, what: `slowest first key at ${scale}` },
  ];
  for (const { value, budget, what } of figures) {
    const figure = `${what}: ${value.toFixed(1)} ms (budget ${budget} ms)`;
    if (process.env.JIANYAN_STRICT_BUDGET) {
      expect(value, figure).toBeLessThanOrEqual(budget);
    } else if (value > budget) {
      console.log(`OVER BUDGET (not failing the run; set JIANYAN_STRICT_BUDGET=1 to fail): ${figure}`);
    } else {
      console.log(`within budget: ${figure}`);
    }
  }
}

// Tracing snapshots the page around every action: it would be measured too.
test.use({ trace: 'off', screenshot: 'off' });

test.describe('keystroke to updated results (synthetic digests)', () => {
  // `cargo xtask perf browser` runs this file with tests/scale.spec.ts on both projects.
  test.skip(({ isMobile }) => isMobile, 'the benchmark is of the desktop layout (facets shown)');

  test('at 10× the digest: the median keystroke against one frame, the first key against 50 ms', async ({ page }) => {
    test.setTimeout(240_000);
    const url = process.env.JIANYAN_PERF_X10_URL;
    test.skip(!url, 'needs JIANYAN_PERF_X10_URL: run by `cargo xtask test` (step perf)');
    judge('×10', await measure(page, url!, '×10'));
  });

  test('at 100× the digest: the median keystroke against one frame, the first key against 50 ms', async ({ page }) => {
    // Loading 1,000 speeches (the app's start) takes seconds on a busy machine.
    test.setTimeout(480_000);
    const url = process.env.JIANYAN_PERF_X100_URL;
    test.skip(!url, 'needs JIANYAN_PERF_X100_URL: run by `cargo xtask test` (step perf)');
    judge('×100', await measure(page, url!, '×100'));
  });
});
