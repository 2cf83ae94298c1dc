/* jianyan (建言) embed.js: include it once on a page that embeds jianyan views.
 *
 *   <iframe src="https://…/zxhy/2025/speech/feng-hua/?embed=1" title="…" width="100%" height="600"
 *           allow="clipboard-write; web-share" data-jianyan></iframe>
 *   <script src="https://…/zxhy/2025/embed.js" async></script>
 *
 * 1. Sizes every <iframe data-jianyan> to its content, so there is never a scrollbar inside
 *    the frame: the frame posts {type: "jianyan:height", height: <CSS px>} when it starts and
 *    whenever its height changes, and again when asked with {type: "jianyan:report"}, which
 *    this file sends to every frame when it starts and when a frame loads: a frame is sized
 *    whether it or this file starts first. Only messages from a managed frame's own window
 *    and origin ("null" for a frame sandboxed without allow-same-origin), with exactly those
 *    two keys and a height in (0, 100000], are used; everything else is ignored.
 * 2. Passes the page's text size and contrast on to the frames, because the page's own
 *    accessibility toolbar cannot reach into them:
 *      jianyanEmbed.display({fontScale: 1 | 1.25 | 1.5, highContrast: true | false})
 *    or, without writing script, buttons that this file wires up itself:
 *      <button type="button" data-jianyan-font-scale="1.25">大字</button>
 *      <button type="button" data-jianyan-high-contrast>高对比度</button>   (toggles)
 *    (aria-pressed is kept up to date on them). A frame's viewer says when it listens
 *    ({type: "jianyan:ready"}, same checks): it then gets the last request.
 *
 * Details and the message shapes: docs/embedding.md. Plain ES5, no inline styles (it sets
 * element.style through the CSSOM, which a strict Content-Security-Policy allows).
 */
(function () {
  'use strict';
  if (window.jianyanEmbed) return;

  var SCALES = [1, 1.25, 1.5];
  var MAX_HEIGHT = 100000;
  var SELECTOR = 'iframe[data-jianyan]';
  // The last display request: sent to every frame, and again to each frame that (re)loads.
  var display = null;

  function frames() {
    return document.querySelectorAll(SELECTOR);
  }

  function frameOf(source) {
    var list = frames();
    for (var i = 0; i < list.length; i++) {
      if (source && list[i].contentWindow === source) return list[i];
    }
    return null;
  }

  // The origin a frame's messages come from.
  function originOf(frame) {
    var sandbox = frame.getAttribute('sandbox');
    if (sandbox !== null && !/(^|\s)allow-same-origin(\s|$)/i.test(sandbox)) return 'null';
    try {
      return new URL(frame.src, location.href).origin;
    } catch (e) {
      return '';
    }
  }

  // A plain object (not an array, not a class instance) with exactly these keys.
  function shaped(d, keys) {
    if (!d || typeof d !== 'object' || Object.prototype.toString.call(d) !== '[object Object]') return false;
    var own = Object.keys(d);
    if (own.length !== keys.length) return false;
    for (var i = 0; i < keys.length; i++) if (own.indexOf(keys[i]) < 0) return false;
    return true;
  }

  function isHeight(d) {
    return (
      shaped(d, ['type', 'height']) &&
      d.type === 'jianyan:height' &&
      typeof d.height === 'number' &&
      isFinite(d.height) &&
      d.height > 0 &&
      d.height <= MAX_HEIGHT
    );
  }

  function isReady(d) {
    return shaped(d, ['type']) && d.type === 'jianyan:ready';
  }

  function post(frame, message) {
    var w = frame.contentWindow;
    var origin = originOf(frame);
    if (!w || !origin) return;
    w.postMessage(message, origin === 'null' ? '*' : origin);
  }

  function send(frame) {
    if (display) post(frame, display);
  }

  // "Tell me your height again": for a frame that reported before this file listened.
  function ask(frame) {
    post(frame, { type: 'jianyan:report' });
  }

  window.addEventListener('message', function (e) {
    var frame = frameOf(e.source);
    if (!frame || e.origin !== originOf(frame)) return;
    if (isHeight(e.data)) {
      frame.style.border = '0';
      frame.style.height = Math.ceil(e.data.height) + 'px';
    } else if (isReady(e.data)) {
      // The frame's viewer listens now: it gets the page's display request.
      send(frame);
    }
  });

  // A frame that (re)loads: ask for its height, in case it reported before it was managed
  // (its data-jianyan added late). (load does not bubble; capture it.)
  document.addEventListener(
    'load',
    function (e) {
      var t = e.target;
      if (t && t.nodeName === 'IFRAME' && t.hasAttribute('data-jianyan')) ask(t);
    },
    true
  );

  // Frames that started before this file (a slow script, a page that loads scripts last).
  var started = frames();
  for (var i = 0; i < started.length; i++) ask(started[i]);

  function setDisplay(request) {
    var r = request || {};
    var current = display || { fontScale: 1, highContrast: false };
    var scale = r.fontScale === undefined ? current.fontScale : r.fontScale;
    var contrast = r.highContrast === undefined ? current.highContrast : r.highContrast;
    if (SCALES.indexOf(scale) < 0 || typeof contrast !== 'boolean') return false;
    display = { type: 'jianyan:display', fontScale: scale, highContrast: contrast };
    var list = frames();
    for (var i = 0; i < list.length; i++) send(list[i]);
    syncButtons();
    return true;
  }

  var BUTTONS = '[data-jianyan-font-scale],[data-jianyan-high-contrast]';

  function syncButtons() {
    var current = display || { fontScale: 1, highContrast: false };
    var list = document.querySelectorAll(BUTTONS);
    for (var i = 0; i < list.length; i++) {
      var b = list[i];
      var scale = b.getAttribute('data-jianyan-font-scale');
      var on = scale !== null ? Number(scale) === current.fontScale : current.highContrast;
      b.setAttribute('aria-pressed', on ? 'true' : 'false');
    }
  }

  document.addEventListener('click', function (e) {
    var el = e.target;
    while (el && el.nodeType === 1 && !el.hasAttribute('data-jianyan-font-scale') && !el.hasAttribute('data-jianyan-high-contrast')) {
      el = el.parentNode;
    }
    if (!el || el.nodeType !== 1) return;
    var scale = el.getAttribute('data-jianyan-font-scale');
    if (scale !== null) setDisplay({ fontScale: Number(scale) });
    else setDisplay({ highContrast: !(display && display.highContrast) });
  });

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', syncButtons);
  else syncButtons();

  window.jianyanEmbed = { display: setDisplay };
})();
