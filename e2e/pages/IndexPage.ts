import type { Locator, Page } from '@playwright/test';

/** The front page (`./`): the meeting, the search and filters, one card per speech. */
export class IndexPage {
  readonly page: Page;
  readonly heading: Locator;
  readonly search: Locator;
  /** The live "N 篇发言" summary above the cards. */
  readonly count: Locator;
  readonly cards: Locator;

  constructor(page: Page) {
    this.page = page;
    this.heading = page.getByRole('heading', { level: 1 });
    this.search = page.getByLabel('搜索发言');
    this.count = page.locator('.results .count');
    this.cards = page.locator('article.speech-card');
  }

  /** Opens the index, relative to the base URL; `query` like `speaker=feng-hua` or `?q=人才`. */
  async goto(query = '') {
    const q = query === '' || query.startsWith('?') ? query : `?${query}`;
    await this.page.goto(`./${q}`);
  }

  /** The card of one speech, by speech id (`feng-hua`). */
  card(id: string): Locator {
    return this.page.locator(`article.speech-card[aria-labelledby="card-${id}"]`);
  }

  /** A speaker's name as shown on its card. */
  speakerName(name: string): Locator {
    return this.cards.locator('.speaker strong').filter({ hasText: name });
  }

  /** Speaker names on the visible cards, in page order. */
  async speakerNames(): Promise<string[]> {
    const names = await this.cards.locator('.speaker strong').allInnerTexts();
    return names.map((n) => n.trim());
  }

  /** Replaces the search text (the app filters as one types). */
  async searchFor(text: string) {
    await this.search.fill(text);
  }
}
