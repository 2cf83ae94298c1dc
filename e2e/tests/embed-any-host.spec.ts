// Embeds on any host (docs/embedding.md, "Sandboxed frames"): dist/ served by a plain static
// server that sends no CORS header (npm sirv, started here on a free port), embed-demo.html
// from it. Its sandboxed frame (allow-scripts allow-popups, no allow-same-origin) has an
// opaque origin, so the app's module script and WebAssembly are refused there: the frame must
// still be the styled, readable static page, sized to its content, with no dead controls.
// The two frames of the host's own origin run the app as usual.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sirv from 'sirv';
import { test, expect } from '../fixtures';
import { EmbedDemoPage } from '../pages/EmbedDemoPage';
import { displayTitle, speech } from '../checks';

let server: Server;
let origin: string;

test.beforeAll(async () => {
  const dist = join(__dirname, '..', '..', 'dist');
  server = createServer(sirv(dist, { dev: false }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test.describe('embedded on a plain static server', () => {
  // The sandboxed frame asks for the app's module, its preloads and the WebAssembly as a
  // foreign origin ("null"); this server allows no foreign origin, so Chromium refuses them
  // and says so, in the frame's console. That is the case under test, not a defect.
  // (One pattern: Playwright takes a two-element array here for a value and its options.)
  test.use({
    allowedConsoleErrors: [/from origin 'null' has been blocked by CORS policy|^Failed to load resource: net::ERR_FAILED$/],
  });

  test('the server sends no CORS header', async ({ request }) => {
    for (const path of ['/embed-demo.html', '/boot.js', '/page.js', '/speech/he-jianhong/']) {
      const res = await request.get(`${origin}${path}`, { headers: { Origin: 'null' } });
      expect(res.status(), path).toBe(200);
      expect(res.headers()['access-control-allow-origin'], path).toBeUndefined();
    }
  });

  test('the sandboxed frame is the styled static page, sized, readable, without dead controls', async ({ page }) => {
    const demo = new EmbedDemoPage(page);
    await demo.goto(`${origin}/embed-demo.html`);
    const inside = demo.inside('speech');
    const frame = await demo.frame('speech');
    expect(await frame.evaluate(() => self.origin)).toBe('null');
    // Static: the app could not start (its module was refused), and the page says so to CSS.
    await expect(inside.locator('html')).toHaveClass(/\bno-app\b/);
    await expect(inside.locator('html')).toHaveClass(/\bembed\b/);
    await expect(inside.locator('html')).not.toHaveClass(/\bapp-live\b/);
    // Styled: the stylesheet loaded (no 8 px browser margin; the embed rules apply).
    expect(await frame.evaluate(() => getComputedStyle(document.body).marginTop)).toBe('0px');
    await expect(inside.locator('header.site')).toBeHidden();
    await expect(inside.locator('footer.site')).toBeHidden();
    // Readable: the whole speech is there.
    const he = speech('he-jianhong');
    await expect(inside.locator('main h1')).toContainText(displayTitle(he).slice(0, 10));
    for (const r of he.recommendations) await expect(inside.locator('main')).toContainText(r.headline);
    // No dead controls: nothing to press that needs the app.
    await expect(inside.locator('button:visible, input:visible, select:visible, textarea:visible')).toHaveCount(0);
    await expect(inside.locator('.needs-app:visible')).toHaveCount(0);
    // Sized by embed.js from the height the classic page.js reports: no inner scrollbar.
    const size = await demo.expectFitted('speech');
    expect(size.frame).toBeGreaterThan(600);
  });

  test('the frames of the host’s own origin run the app and are sized', async ({ page }) => {
    const demo = new EmbedDemoPage(page);
    await demo.goto(`${origin}/embed-demo.html`);
    for (const name of ['theme', 'compare'] as const) {
      await demo.waitForApp(name);
      expect((await demo.expectFitted(name)).frame, name).toBeGreaterThan(600);
    }
  });
});
