import type { Page } from '@playwright/test';

/** What a page's HTML says about the page: its canonical address and its link-preview tags. */
export type HeadTags = { canonical: string | null; og: Record<string, string> };

/**
 * The head of a page as written in its file (parsed, never run): a crawler's and a chat app's
 * view of it. `page` is any open page, used only for its HTML parser.
 */
export class PageHead {
  constructor(readonly page: Page) {}

  /** Fetches `url` (relative to the base URL given) and reads its head. */
  async of(url: string): Promise<HeadTags> {
    const response = await this.page.request.get(url);
    if (!response.ok()) throw new Error(`${url}: HTTP ${response.status()}`);
    return PageHead.parse(this.page, await response.text());
  }

  /** The head as the page now has it in the browser (after hydration). */
  async live(): Promise<HeadTags> {
    return PageHead.parse(this.page, await this.page.content());
  }

  static async parse(page: Page, html: string): Promise<HeadTags> {
    return page.evaluate((html) => {
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const og: Record<string, string> = {};
      for (const m of Array.from(doc.querySelectorAll('meta[property^="og:"]'))) {
        og[m.getAttribute('property')!] = m.getAttribute('content') ?? '';
      }
      const links = doc.querySelectorAll('link[rel="canonical"]');
      if (links.length > 1) throw new Error(`${links.length} canonical links`);
      return { canonical: links[0]?.getAttribute('href') ?? null, og };
    }, html);
  }
}
