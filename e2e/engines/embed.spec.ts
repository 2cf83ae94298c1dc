// An embedded view in Firefox ESR and WebKitGTK: embed-demo.html (a plain host page with
// three frames, one sandboxed) sized by embed.js, no inner scrollbar in any frame.
import { test, expect } from './fixtures';

test('embed.js sizes every frame of the demo page to its content', async ({ tab }) => {
  await tab.goto('embed-demo.html');
  const sizes = () =>
    tab.run(() =>
      Array.from(document.querySelectorAll('iframe[data-jianyan]')).map((f) => {
        const frame = f as HTMLIFrameElement;
        const height = frame.getBoundingClientRect().height;
        // The sandboxed frame has an opaque origin: the host can see only its height.
        let doc: Document | null = null;
        try {
          doc = frame.contentDocument;
        } catch {
          doc = null;
        }
        if (!doc) return { id: frame.id, height, live: null, fits: null };
        const app = doc.querySelector('.app');
        const root = doc.documentElement;
        return {
          id: frame.id,
          height,
          live: root.classList.contains('app-live'),
          fits: !!app && root.scrollHeight - root.clientHeight <= 0 && Math.abs(height - app.getBoundingClientRect().height) < 1.5,
        };
      }),
    );
  for (const id of ['frame-theme', 'frame-speech', 'frame-compare']) {
    // In view, as a reader sees it: browsers pause an off-screen cross-origin frame.
    await tab.run((i) => document.getElementById(i)!.scrollIntoView(), id);
    await expect
      .poll(async () => {
        const s = (await sizes()).find((x) => x.id === id)!;
        return s.height > 600 && s.live !== false && s.fits !== false;
      }, { message: `${id} is sized to its content`, timeout: 30_000 })
      .toBe(true);
  }
});
