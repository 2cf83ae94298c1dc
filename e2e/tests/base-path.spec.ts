// The harness itself: the site is served under a sub-path (JIANYAN_BASE_URL,
// /zxhy/2025/ in `cargo xtask test`), and tests navigate with relative URLs.
import { test, expect } from '../fixtures';
import { digest } from '../digest';

test('relative URLs resolve under the base path', async ({ page, baseURL }) => {
  const base = new URL(baseURL!).pathname;
  expect(base.endsWith('/')).toBe(true);

  const index = await page.goto('./');
  expect(index?.status()).toBe(200);
  expect(new URL(page.url()).pathname).toBe(base);

  const id = digest.speeches[0].id;
  const speech = await page.goto(`speech/${id}/`);
  expect(speech?.status()).toBe(200);
  expect(new URL(page.url()).pathname).toBe(`${base}speech/${id}/`);
});
