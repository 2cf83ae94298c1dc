// Starts the app from a file (no inline script, so a strict CSP allows it).
// Where WebAssembly is missing or fails to load, the prerendered page stays as it is:
// readable, with real links; controls that need the app are hidden (class no-app).
const el = document.querySelector('script[data-wasm]');
const root = document.documentElement;
// (page.js, a classic script that runs before this one, sets the `embed` and `framed`
// classes and reports a frame's height: they must work where this module cannot load.)
const fallback = (err) => {
  root.classList.add('no-app');
  if (err) console.warn('jianyan: interactive features unavailable:', err);
};
if (typeof WebAssembly !== 'object' || !el) {
  fallback();
} else {
  const js = new URL(el.dataset.js, document.baseURI).href;
  const wasm = new URL(el.dataset.wasm, document.baseURI).href;
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
}
