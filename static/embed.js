/* jianyan (建言) embed.js: include it once on a page that embeds jianyan views.
 *
 *   <iframe src="https://…/zxhy/2025/speech/feng-hua/?embed=1" title="…" width="100%" height="600"
 *           allow="clipboard-write; web-share" data-jianyan></iframe>
 *   <script src="https://…/zxhy/2025/embed.js" async></script>
 *
 * 1. Sizes every <iframe data-jianyan> to its content, so there is never a scrollbar inside
 *    the frame: the frame posts {type: "jianyan:height", height: <CSS px>} on load and
 *    whenever its height changes. Only messages from a managed frame's own window and origin
 *    ("null" for a frame sandboxed without allow-same-origin), with exactly those two keys and
 *    a height in (0, 100000], are used; everything else is ignored.
 * 2. Passes the page's text size and contrast on to the frames, because the page's own
 *    accessibility toolbar cannot reach into them:
 *      jianyanEmbed.display({fontScale: 1 | 1.25 | 1.5, highContrast: true | false})
 *    or, without writing script, buttons that this file wires up itself:
 *      <button type="button" data-jianyan-font-scale="1.25">大字</button>
 *      <button type="button" data-jianyan-high-contrast>高对比度</button>   (toggles)
 *    (aria-pressed is kept up to date on them). Frames that load later get the last request.
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

  function isHeight(d) {
    if (!d || typeof d !== 'object' || Object.prototype.toString.call(d) !== '[object Object]') return false;
    return (
      Object.keys(d).length === 2 &&
      d.type === 'jianyan:height' &&
      typeof d.height === 'number' &&
      isFinite(d.height) &&
      d.height > 0 &&
      d.height <= MAX_HEIGHT
    );
  }

  function send(frame) {
    var w = frame.contentWindow;
    var origin = originOf(frame);
    if (!display || !w || !origin) return;
    w.postMessage(display, origin === 'null' ? '*' : origin);
  }

  window.addEventListener('message', function (e) {
    var frame = frameOf(e.source);
    if (!frame || e.origin !== originOf(frame) || !isHeight(e.data)) return;
    frame.style.border = '0';
    frame.style.height = Math.ceil(e.data.height) + 'px';
    // The frame's app is listening now: it gets the page's display request once per load.
    if (!frame.jianyanTold) {
      frame.jianyanTold = true;
      send(frame);
    }
  });

  // A frame that (re)loads has forgotten the request. (load does not bubble; capture it.)
  document.addEventListener(
    'load',
    function (e) {
      var t = e.target;
      if (t && t.nodeName === 'IFRAME' && t.hasAttribute('data-jianyan')) {
        t.jianyanTold = false;
        send(t);
      }
    },
    true
  );

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
