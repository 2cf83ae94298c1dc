import type { Locator, Page } from '@playwright/test';
import { compare } from './selectors';

/**
 * The comparison (`compare/?ids=a,b`): with speeches chosen, the side-by-side table (one column
 * per chosen speech) and the common ground first, then the chooser; the coverage picture with
 * its by-measure list.
 */
export class ComparePage {
  readonly page: Page;
  readonly heading: Locator;
  /** The fieldset of toggle buttons, one per speech. */
  readonly chooser: Locator;
  /** "更换发言": above a comparison, the way to the chooser below it. */
  readonly changeChoice: Locator;
  readonly commonGround: Locator;
  readonly table: Locator;
  /** Column headers (the corner cell left out), in column order. */
  readonly columns: Locator;
  readonly rows: Locator;
  /** "按措施类型对齐" and "按发言原顺序". */
  readonly byMeasure: Locator;
  readonly bySpeech: Locator;
  readonly coverage: Locator;

  constructor(page: Page) {
    this.page = page;
    this.heading = page.getByRole('heading', { level: 1 });
    this.chooser = page.locator('fieldset.chooser');
    this.changeChoice = page.getByRole('link', { name: '更换发言' });
    this.commonGround = page.locator('section.common-ground');
    this.table = page.locator(compare.table);
    this.columns = this.table.locator('thead th[scope="col"]:not(.corner)');
    this.rows = this.table.locator('tbody tr');
    this.byMeasure = page.getByRole('button', { name: '按措施类型对齐' });
    this.bySpeech = page.getByRole('button', { name: '按发言原顺序' });
    this.coverage = page.locator('svg.coverage-svg');
  }

  /** Opens the comparison, relative to the base URL; `ids` in column order. */
  async goto(ids: string[] = [], rest = '') {
    const q = ids.length ? `?ids=${ids.join(',')}` : '';
    await this.page.goto(`compare/${q}${rest}`);
  }

  /** The speaker names heading the columns, in order. */
  async columnNames(): Promise<string[]> {
    const names = await this.page.locator(compare.columnLinks).allInnerTexts();
    return names.map((n) => n.trim());
  }

  /** A speech's toggle button in the chooser, by speaker name. */
  choice(name: string): Locator {
    return this.chooser.locator('button').filter({ has: this.page.locator('.facet-name').getByText(name, { exact: true }) });
  }

  /** The column header control `"左移" | "右移"` or the remove button of a speaker's column. */
  moveLeft(name: string): Locator {
    return this.table.getByRole('button', { name: `${name}左移` });
  }
  moveRight(name: string): Locator {
    return this.table.getByRole('button', { name: `${name}右移` });
  }
  remove(name: string): Locator {
    return this.table.getByRole('button', { name: `移除${name}` });
  }

  /** The recommendations in column `c` (0-based), as their links' hrefs (`speech/ID/#rN`). */
  async columnRecommendations(c: number): Promise<string[]> {
    return this.table
      .locator(`tbody tr > td:nth-of-type(${c + 1}) .cell-head a`)
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  }

  /** The coverage cell of a speaker and a measure (`和建宏`, `资金与金融`): an SVG link. */
  coverageCell(speaker: string, measure: string): Locator {
    return this.coverage.locator('a').filter({ has: this.page.locator('title', { hasText: `${speaker}：${measure}，` }) });
  }
}
