import { expect, type Locator, type Page } from '@playwright/test';
import { index } from './selectors';

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
    this.count = page.locator(index.count);
    this.cards = page.locator(index.cards);
  }

  /** Opens the index, relative to the base URL; `query` like `speaker=feng-hua` or `?q=人才`. */
  async goto(query = '') {
    const q = query === '' || query.startsWith('?') ? query : `?${query}`;
    await this.page.goto(`./${q}`);
  }

  /** The card of one speech, by speech id (`feng-hua`). */
  card(id: string): Locator {
    return this.page.locator(index.card(id));
  }

  /** A speaker's name as shown on its card. */
  speakerName(name: string): Locator {
    return this.cards.locator('.speaker strong').filter({ hasText: name });
  }

  /** Speaker names on the visible cards, in page order. */
  async speakerNames(): Promise<string[]> {
    // textContent: cards off screen are not rendered (content-visibility), so their innerText is empty.
    const names = await this.cards.locator('.speaker strong').allTextContents();
    return names.map((n) => n.trim());
  }

  /** Replaces the search text (the app filters as one types). */
  async searchFor(text: string) {
    await this.search.fill(text);
  }

  /** "筛选": on phones the facets sit in a sheet this button opens; on wide screens it is hidden. */
  get filterToggle(): Locator {
    return this.page.locator('.sheet-toggle');
  }

  /** Shows the facets (opens the sheet on phones; a no-op where they always show). */
  async openFilters() {
    if ((await this.filterToggle.isVisible()) && (await this.filterToggle.getAttribute('aria-expanded')) !== 'true') {
      await this.filterToggle.click();
    }
    await expect(this.page.locator('#facets')).toBeVisible();
  }

  /** Closes the phone's filter sheet ("完成") if it is open. */
  async closeFilters() {
    const done = this.page.locator('.sheet-close');
    if (await done.isVisible()) await done.click();
  }

  /** One facet's value as its toggle button: `facetValue('按主题', '金融')`. */
  facetValue(facet: '按发言人' | '按主题', name: string): Locator {
    return this.page
      .getByRole('group', { name: facet })
      .locator('button')
      .filter({ has: this.page.locator('.facet-name').getByText(name, { exact: true }) });
  }

  /** Toggles a facet value (opening the phone's sheet first, closing it after). */
  async toggleFacet(facet: '按发言人' | '按主题', name: string) {
    await this.openFilters();
    await this.facetValue(facet, name).click();
    await this.closeFilters();
  }

  /** Count per value of one facet as shown ("冯华" → 1). */
  async facetCounts(facet: '按发言人' | '按主题'): Promise<Record<string, number>> {
    const buttons = this.page.getByRole('group', { name: facet }).locator('button');
    const out: Record<string, number> = {};
    for (const b of await buttons.all()) {
      const name = (await b.locator('.facet-name').textContent())?.trim() ?? '';
      out[name] = Number((await b.locator('.facet-count').textContent())?.trim());
    }
    return out;
  }

  /** The "清除全部筛选" button that is on screen (in the sheet, beside the facets, or under an empty result). */
  get clearAll(): Locator {
    return this.page.getByRole('button', { name: '清除全部筛选' }).locator('visible=true').first();
  }

  /** "显示更多（还有 N 篇）" under a list longer than its first cards (none at the real size). */
  get showMore(): Locator {
    return this.page.getByRole('button', { name: /^显示更多/ });
  }

  /** The title link of the card at `position` (0-based, page order). */
  cardTitle(position: number): Locator {
    return this.cards.nth(position).locator('h2 a');
  }

  /** Ids of the visible cards, in page order. */
  async cardIds(): Promise<string[]> {
    const ids = await this.cards.evaluateAll((els) => els.map((e) => (e.getAttribute('aria-labelledby') ?? '').replace(/^card-/, '')));
    return ids;
  }
}
