/* jianyan (建言) page.js: what every page does without the app, as a classic script.
 *
 * Not a module, so that it runs wherever the page's own files load. A frame sandboxed
 * without allow-same-origin has an opaque origin; on a host that sends no
 * Access-Control-Allow-Origin its module scripts and WebAssembly are refused, but a classic
 * <script src> and a plain stylesheet still load. There the frame is the static page: styled,
 * without the site header in embed mode, sized by the host's embed.js, and without the
 * controls that need the app.
 *
 * - ?embed=1: <html class="embed"> (no site header and footer) from the start.
 * - Where the app's module script cannot load at all: <html class="no-app">, so that the
 *   page hides the controls that need the app (boot.js does the same where the module loads
 *   but the app cannot start; legacy.js where the browser has no modules).
 * - In a frame: <html class="framed"> (the page is exactly as tall as its content), and the
 *   height goes to the parent as {type: "jianyan:height", height} when the page starts,
 *   whenever it changes, and again whenever the parent asks with exactly
 *   {type: "jianyan:report"} (embed.js asks every frame when it starts: a frame that reported
 *   before embed.js listened is sized too). docs/embedding.md has the message shapes.
 *
 * Loaded with `defer`: it runs when the document is parsed, before boot.js (a module, later
 * in the document). Plain ES5: old engines get the static pages too.
 */
(function () {
  'use strict';
  var root = document.documentElement;
  if (/[?&]embed=(1|true)?(&|$)/.test(location.search)) root.classList.add('embed');

  // A comparison link with its speeches (compare/?ids=…) shows another view than the file holds
  // (the chooser): until the app has applied the address, the main content is hidden rather
  // than shown and then pushed down by the comparison (Lighthouse measured a layout shift of
  // 0.64 on a shared comparison link once the app started after the first paint). The app
  // removes the class; where it cannot start (`no-app`) the file's content shows; and at the
  // latest after 10 s.
  if (/\/compare\/(index\.html)?$/.test(location.pathname) && /[?&]ids=[^&]/.test(location.search)) {
    root.classList.add('view-pending');
    setTimeout(function () {
      root.classList.remove('view-pending');
    }, 10000);
  }

  // A module script that cannot be fetched (or is refused) fires `error` on its element,
  // when its turn to run comes: after this deferred script.
  var boot = document.querySelector('script[type="module"][data-wasm]');
  if (boot) {
    boot.addEventListener('error', function () {
      root.classList.add('no-app');
    });
  }

  var host = window.parent;
  if (!host || host === window) return;
  root.classList.add('framed');

  var last = 0;
  var observed = null;
  var resizes = window.ResizeObserver ? new ResizeObserver(changed) : null;

  // The height of the whole view: `.app`, which has no minimum height in a frame (the
  // document is never shorter than the frame, so it cannot tell a frame to shrink).
  function report(again) {
    var app = document.querySelector('.app') || document.body;
    if (resizes && app !== observed) {
      if (observed) resizes.unobserve(observed);
      resizes.observe(app);
      observed = app;
    }
    var height = Math.ceil(app.getBoundingClientRect().height);
    if (!(height > 0) || (height === last && !again)) return;
    last = height;
    host.postMessage({ type: 'jianyan:height', height: height }, '*');
  }

  function changed() {
    report(false);
  }

  // The host asks again (embed.js, when it starts). Only the parent window, only this shape.
  window.addEventListener('message', function (e) {
    var d = e.data;
    if (e.source !== host || !d || Object.prototype.toString.call(d) !== '[object Object]') return;
    if (Object.keys(d).length === 1 && d.type === 'jianyan:report') report(true);
  });

  // Browsers pause a ResizeObserver in a cross-origin frame (another domain, or any sandbox)
  // while it is off screen; a MutationObserver is never paused and sees every change the
  // app makes to the page (a filter, in-frame navigation, a text size request).
  if (window.MutationObserver) {
    new MutationObserver(changed).observe(document.body, {
      attributes: true,
      childList: true,
      characterData: true,
      subtree: true
    });
  }
  window.addEventListener('resize', changed);
  window.addEventListener('load', changed);
  report(false);
})();
