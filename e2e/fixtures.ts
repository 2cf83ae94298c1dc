// Shared test setup: import `test` and `expect` from here, not from
// '@playwright/test'.
//
// - Every test fails if the page logs a console error or throws (pageerror):
//   a CSP violation, a 404 for a script, a panic in the wasm all show up there;
//   so does boot.js's "jianyan: …" warning that the app could not start.
//   A test that expects a particular error can allow it:
//     test.use({ allowedConsoleErrors: [/favicon\.ico/] });
// - `expectNoA11yViolations(page)` runs axe-core (WCAG 2.0/2.1 A and AA).
import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

type Fixtures = {
  /** Console errors matching one of these do not fail the test. */
  allowedConsoleErrors: RegExp[];
  /** Console errors and page errors seen so far in this test (checked after it). */
  pageErrors: string[];
};

export const test = base.extend<Fixtures>({
  allowedConsoleErrors: [[], { option: true }],
  pageErrors: [
    async ({ page, allowedConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on('console', (msg) => {
        // boot.js warns "jianyan: …" when the app could not start: a failure here.
        const appWarning = msg.type() === 'warning' && msg.text().startsWith('jianyan:');
        if (msg.type() !== 'error' && !appWarning) return;
        const text = msg.text();
        if (allowedConsoleErrors.some((re) => re.test(text))) return;
        const { url, lineNumber } = msg.location();
        errors.push(`console.error: ${text}${url ? `\n    at ${url}:${lineNumber}` : ''}`);
      });
      page.on('pageerror', (err) => {
        errors.push(`pageerror: ${err.message}${err.stack ? `\n${err.stack}` : ''}`);
      });
      await use(errors);
      expect(errors.length, `the page logged ${errors.length} error(s):\n${errors.join('\n')}`).toBe(0);
    },
    { auto: true },
  ],
});

export { expect };

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Fails with a readable list if axe finds WCAG 2.1 A/AA violations on the page as it is now. */
export async function expectNoA11yViolations(page: Page, options: { include?: string; exclude?: string[] } = {}) {
  let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  if (options.include) builder = builder.include(options.include);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const { violations } = await builder.analyze();
  const report = violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    - ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
        .join('\n');
      return `[${v.impact ?? 'unknown'}] ${v.id}: ${v.help} (${v.nodes.length} element(s))\n  ${v.helpUrl}\n${nodes}`;
    })
    .join('\n\n');
  if (violations.length > 0) console.log(`axe found ${violations.length} violation(s) on ${page.url()}:\n${report}`);
  expect(violations.length, `axe violations on ${page.url()}:\n${report}`).toBe(0);
}
