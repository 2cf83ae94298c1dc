import { expect, type Frame, type Locator, type Page } from '@playwright/test';

/** The three frames of `embed-demo.html`, by the suffix of their element id. */
export type DemoFrame = 'theme' | 'speech' | 'compare';

/** Heights and overflow of one frame, measured on both sides. */
export type FrameSize = {
  /** The iframe element's height in the host page (CSS px). */
  frame: number;
  /** The height of the viewer's `.app` inside the frame. */
  app: number;
  /** How far the document inside the frame scrolls vertically (0: no inner scrollbar). */
  overflow: number;
};

/**
 * `embed-demo.html`: a plain host page that embeds three views as a portal would
 * (index filtered by a theme, one speech in a sandboxed frame, a comparison), sized by
 * `embed.js`, with a portal-style text size / contrast toolbar.
 */
export class EmbedDemoPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /**
   * Opens the demo page: relative to the base URL, or wherever `url` says (another server).
   * `waitUntil: 'commit'` for a test that holds back one of the page's scripts (the load
   * event waits for it).
   */
  async goto(url = 'embed-demo.html', waitUntil: 'load' | 'commit' = 'load') {
    await this.page.goto(url, { waitUntil });
  }

  element(name: DemoFrame): Locator {
    return this.page.locator(`#frame-${name}`);
  }

  /** The frame's document, for evaluating inside it. */
  async frame(name: DemoFrame): Promise<Frame> {
    const handle = await this.element(name).elementHandle();
    const frame = await handle!.contentFrame();
    if (!frame) throw new Error(`#frame-${name} has no document`);
    return frame;
  }

  /** Locators inside the frame. */
  inside(name: DemoFrame) {
    return this.page.frameLocator(`#frame-${name}`);
  }

  /** Waits until the viewer in the frame has started and applied `?embed=1`. */
  async waitForApp(name: DemoFrame) {
    // Three frames start three copies of the app at once: give them time on a slow machine.
    await expect(this.inside(name).locator('html.app-live .app.embed')).toHaveCount(1, { timeout: 20_000 });
  }

  async size(name: DemoFrame): Promise<FrameSize> {
    const frame = await this.element(name).evaluate((el) => el.getBoundingClientRect().height);
    const inner = await (await this.frame(name)).evaluate(() => {
      const root = document.documentElement;
      return { app: document.querySelector('.app')!.getBoundingClientRect().height, overflow: root.scrollHeight - root.clientHeight };
    });
    return { frame, ...inner };
  }

  /**
   * Waits until the frame fits its content: no inner scrollbar, and the frame no taller
   * than the content (+1 px for rounding up). Returns the size.
   */
  async expectFitted(name: DemoFrame): Promise<FrameSize> {
    // In view, as the reader sees it: browsers pause the rendering of a cross-origin frame
    // (here the sandboxed one) while it is off screen, its viewport size included.
    await this.element(name).scrollIntoViewIfNeeded();
    let last: FrameSize | undefined;
    const fits = (s: FrameSize) => s.overflow <= 0 && s.frame >= s.app && s.frame - s.app < 1.5;
    try {
      await expect
        .poll(async () => fits((last = await this.size(name))), { timeout: 15_000 })
        .toBe(true);
    } catch (e) {
      throw new Error(`#frame-${name} does not fit its content: ${JSON.stringify(last)}\n${e}`);
    }
    return last!;
  }

  /** The font-size of `.app` in the frame, in px. */
  async fontSize(name: DemoFrame): Promise<number> {
    return (await this.frame(name)).evaluate(() => parseFloat(getComputedStyle(document.querySelector('.app')!).fontSize));
  }

  /** Posts `message` to a frame from the host page (its parent window). */
  async postFromHost(name: DemoFrame, message: unknown) {
    await this.element(name).evaluate((el, m) => (el as HTMLIFrameElement).contentWindow!.postMessage(m, '*'), message);
  }

  /** Records every height the host page gives a frame, from now on (see `recordedHeights`). */
  async recordHeights(name: DemoFrame) {
    await this.element(name).evaluate((el) => {
      const seen: string[] = [];
      (window as unknown as { __heights: string[] }).__heights = seen;
      new MutationObserver(() => seen.push((el as HTMLElement).style.height)).observe(el, { attributes: true, attributeFilter: ['style'] });
    });
  }

  async recordedHeights(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __heights: string[] }).__heights);
  }

  /** A frame that embed.js does not manage (no data-jianyan), for foreign messages. */
  async addForeignFrame(): Promise<Frame> {
    await this.page.evaluate(() => {
      const f = document.createElement('iframe');
      f.id = 'foreign';
      f.title = 'foreign';
      document.body.append(f);
    });
    const handle = await this.page.locator('#foreign').elementHandle();
    return (await handle!.contentFrame())!;
  }
}
