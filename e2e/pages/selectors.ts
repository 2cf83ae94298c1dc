// CSS selectors shared by the Playwright page objects (this folder) and the engine journeys
// (e2e/engines: Firefox over WebDriver BiDi, WebKit over classic WebDriver, which find
// elements by CSS only). One place per part of the page.

export const app = {
  /** The app has hydrated the prerendered page (boot.js → wasm). */
  live: 'html.app-live',
  root: '.app',
  elderToggle: '.elder-toggle',
};

export const index = {
  search: 'input#q',
  /** The live "N 篇发言" summary above the cards. */
  count: '.results .count',
  cards: 'article.speech-card',
  card: (id: string) => `article.speech-card[aria-labelledby="card-${id}"]`,
  speakerNames: 'article.speech-card .speaker strong',
};

export const speech = {
  recommendations: 'ol.recs > li.rec',
  /** Recommendation `n` (1-based), the element `#rN`. */
  recommendation: (n: number) => `li.rec#r${n}`,
};

export const compare = {
  table: 'table.compare-table',
  /** The column heads' links (speaker names), in column order. */
  columnLinks: 'table.compare-table thead th[scope="col"]:not(.corner) > a',
  /** The table's box, which scrolls sideways (and snaps to columns) on a narrow screen. */
  scroller: '.table-scroll',
};
