import type { Locator, Page } from '@playwright/test';
import { speech } from './selectors';

/** One speech (`speech/ID/`): title, speaker, background, figures, recommendations, editors' notes. */
export class SpeechPage {
  readonly page: Page;
  readonly heading: Locator;
  /** "← 全部发言" or "← 返回筛选结果". */
  readonly back: Locator;
  readonly speaker: Locator;
  readonly themes: Locator;
  readonly figures: Locator;
  readonly recommendations: Locator;
  readonly notes: Locator;
  readonly prev: Locator;
  readonly next: Locator;
  /** The page-wide status line ("链接已复制"). */
  readonly status: Locator;

  constructor(page: Page) {
    this.page = page;
    this.heading = page.getByRole('heading', { level: 1 });
    this.back = page.locator('main .back a');
    this.speaker = page.locator('.speech-head .speaker');
    this.themes = page.locator('.speech-head').getByRole('list', { name: '主题' }).getByRole('link');
    this.figures = page.locator('.figures dl > div');
    this.recommendations = page.locator(speech.recommendations);
    this.notes = page.getByRole('complementary', { name: '编者注' });
    this.prev = page.locator('.prev-next a.prev');
    this.next = page.locator('.prev-next a.next');
    this.status = page.locator('p.status');
  }

  /** Opens a speech by id, relative to the base URL; `rest` like `#r2` or `?elder=1`. */
  async goto(id: string, rest = '') {
    await this.page.goto(`speech/${id}/${rest}`);
  }

  /** The title as written (the heading without its editors'-note marks “[注1]”). */
  async titleText(): Promise<string> {
    return this.heading.evaluate((h) => {
      const copy = h.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.note-refs').forEach((n) => n.remove());
      return (copy.textContent ?? '').trim();
    });
  }

  /** Recommendation `n` (1-based), the element `#rN`. */
  recommendation(n: number): Locator {
    return this.page.locator(speech.recommendation(n));
  }

  /** "复制链接" of recommendation `n`. */
  copyLink(n: number): Locator {
    return this.recommendation(n).getByRole('button', { name: /的链接$/ });
  }

  /** "复制引用" of recommendation `n`. */
  copyCitation(n: number): Locator {
    return this.recommendation(n).getByRole('button', { name: /的引用$/ });
  }
}
