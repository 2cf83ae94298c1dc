// Starts the app from a file (no inline script, so a strict CSP allows it).
// Where WebAssembly is missing or fails to load, the prerendered page stays as it is:
// readable, with real links; controls that need the app are hidden (class no-app).
//
// The text first, the app after: the page's head asks for nothing but its stylesheet and this
// file, and the app's JS and WebAssembly are fetched only once the page has been painted and
// has loaded — or at once when the reader starts to use a control that needs the app.
// Measured (Lighthouse 12.8, mobile, simulated): with the app preloaded in the head, the
// index's LCP was 1.85× the same page as plain HTML; started after `load` and one frame, 1.00×
// to 1.41× from run to run (on a fast connection `load` may come before the first paint).
// Starting after the first contentful paint has been reported, and after `load`, keeps every
// fetch of the app after the page's largest paint.
const el = document.querySelector('script[data-wasm]');
const root = document.documentElement;
// (page.js, a classic script that runs before this one, sets the `embed` and `framed`
// classes and reports a frame's height: they must work where this module cannot load.)

// Presses on buttons before the app is live: each button waits visibly (aria-busy) and is
// pressed again, in order, once the app has hydrated the same nodes; words typed into the
// search box are read by the app itself when it starts (see src/bin/app.rs).
let pending = [];
const settle = (live) => {
  root.classList.remove('app-waiting');
  const pressed = pending;
  pending = [];
  for (const button of pressed) button.removeAttribute('aria-busy');
  if (live) for (const button of pressed) if (button.isConnected && !button.disabled) button.click();
};
const fallback = (err) => {
  root.classList.add('no-app');
  settle(false);
  if (err) console.warn('jianyan: interactive features unavailable:', err);
};
const live = () => root.classList.contains('app-live');

let started = false;
const start = () => {
  if (started) return;
  started = true;
  const js = new URL(el.dataset.js, document.baseURI).href;
  const wasm = new URL(el.dataset.wasm, document.baseURI).href;
  // The app marks <html> with `app-live` in its first effect, after hydration.
  new MutationObserver((_, observer) => {
    if (!live()) return;
    observer.disconnect();
    // One more task: the URL's query is applied in the render after hydration.
    setTimeout(() => settle(true));
  }).observe(root, { attributes: true, attributeFilter: ['class'] });
  import(js)
    .then(async (m) => {
      try {
        await m.default({ module_or_path: wasm });
      } catch (e) {
        // Some Android WebViews break streaming compilation; compile from the bytes instead.
        // A trap while running (RuntimeError) is not retried: the app must not start twice.
        if (!(e instanceof TypeError || e instanceof WebAssembly.CompileError)) throw e;
        const bytes = await (await fetch(wasm)).arrayBuffer();
        await m.default({ module_or_path: bytes });
      }
    })
    .catch(fallback);
};

// The controls that need the app: every button and the search box (links work without it).
const needsApp = (target) =>
  !live() && target instanceof Element && target.closest('#app') && target.closest('button, input');
const early = (e) => {
  if (needsApp(e.target)) start();
};
const press = (e) => {
  const button = needsApp(e.target) && e.target.closest('button');
  if (!button) return;
  e.preventDefault();
  e.stopPropagation();
  start();
  pending.push(button);
  button.setAttribute('aria-busy', 'true');
  root.classList.add('app-waiting');
};

if (typeof WebAssembly !== 'object' || !el) {
  fallback();
} else {
  for (const type of ['focusin', 'pointerdown', 'touchstart', 'keydown']) {
    document.addEventListener(type, early, { capture: true, passive: true });
  }
  document.addEventListener('click', press, true);
  // After `load` and the first contentful paint, whichever is later, then one more frame.
  const painted = new Promise((resolve) => {
    if (!('PerformanceObserver' in window) || !(PerformanceObserver.supportedEntryTypes || []).includes('paint')) {
      resolve();
      return;
    }
    const seen = () => performance.getEntriesByName('first-contentful-paint').length > 0;
    if (seen()) return resolve();
    const observer = new PerformanceObserver(() => {
      if (seen()) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe({ type: 'paint', buffered: true });
    // A page that paints nothing contentful (or a browser that never reports it) still starts.
    setTimeout(resolve, 3000);
  });
  const loaded = new Promise((resolve) => {
    if (document.readyState === 'complete') resolve();
    else window.addEventListener('load', resolve, { once: true });
  });
  // One more frame; but a frame that is off screen gets no animation frames (Chromium throttles
  // them in cross-origin and hidden frames: an embedded view below the fold never started), so
  // at the latest 100 ms later.
  const nextFrame = (then) => {
    let done = false;
    const go = () => {
      if (!done) {
        done = true;
        setTimeout(then);
      }
    };
    requestAnimationFrame(go);
    setTimeout(go, 100);
  };
  // A view the file does not hold (a shared comparison: page.js hides the file's chooser until
  // the app has applied the address) waits for nothing: there is no content to paint first.
  if (root.classList.contains('view-pending')) start();
  else Promise.all([painted, loaded]).then(() => nextFrame(start));
}
