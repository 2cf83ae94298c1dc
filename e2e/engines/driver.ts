// The two engines Playwright cannot drive here (its own patched Firefox and WebKit builds
// cannot be downloaded), behind one small interface that the journeys use:
//
// - Firefox ESR (Debian's): npm puppeteer-core over WebDriver BiDi.
// - WebKitGTK's MiniBrowser (Safari's engine): WebKitWebDriver, classic WebDriver, through
//   npm selenium-webdriver, on a virtual X display (xvfb-run).
//
// `cargo xtask engines` installs both and sets JIANYAN_FIREFOX, JIANYAN_MINIBROWSER,
// JIANYAN_WEBKIT_DRIVER and JIANYAN_XVFB_RUN.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import puppeteer, { type Browser, type BrowserContext, type Page } from 'puppeteer-core';
import { By, WebDriver } from 'selenium-webdriver';
import { Executor, HttpClient } from 'selenium-webdriver/http';

export type EngineName = 'firefox' | 'webkit';

/** A page width of the desktop layout, and the phone width the journeys use (iPhone 12–15). */
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** One test's view of an engine: a fresh page with no remembered state. */
export interface Tab {
  /**
   * Opens `path` (relative to the base URL) at `width` (default: desktop). Everything after
   * runs in that page.
   */
  goto(path: string, width?: number): Promise<void>;
  /** Runs `fn(arg)` in the page and returns its (JSON) result; a promise is awaited. */
  run<A, R>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Types `text` into the element (keys, one by one, as a reader would). */
  type(selector: string, text: string): Promise<void>;
  click(selector: string): Promise<void>;
  /** Console errors and uncaught errors since the tab opened. */
  errors(): Promise<string[]>;
  close(): Promise<void>;
}

export interface Engine {
  name: EngineName;
  version: string;
  newTab(baseURL: string): Promise<Tab>;
  close(): Promise<void>;
}

function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the engine tests with \`cargo xtask engines\``);
  return v;
}

export async function launch(name: EngineName): Promise<Engine> {
  return name === 'firefox' ? Firefox.launch() : WebKit.launch();
}

class Firefox implements Engine {
  name: EngineName = 'firefox';
  constructor(
    private browser: Browser,
    public version: string,
  ) {}

  static async launch(): Promise<Firefox> {
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: env('JIANYAN_FIREFOX'),
      headless: true,
      extraPrefsFirefox: { 'intl.accept_languages': 'zh-CN' },
    });
    return new Firefox(browser, await browser.version());
  }

  async newTab(baseURL: string): Promise<Tab> {
    // A context per test: its own storage (elder mode is remembered in localStorage).
    const context = await this.browser.createBrowserContext();
    const page = await context.newPage();
    return new FirefoxTab(context, page, baseURL);
  }

  async close() {
    await this.browser.close();
  }
}

class FirefoxTab implements Tab {
  private seen: string[] = [];
  constructor(
    private context: BrowserContext,
    private page: Page,
    private baseURL: string,
  ) {
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.seen.push(`console.error: ${msg.text()}`);
      // boot.js warns "jianyan: …" when the app could not start: a failure here.
      if (msg.type() === 'warn' && msg.text().startsWith('jianyan:')) this.seen.push(`console.warn: ${msg.text()}`);
    });
    page.on('pageerror', (err) => this.seen.push(`pageerror: ${err instanceof Error ? err.message : String(err)}`));
  }

  async goto(path: string, width = DESKTOP.width) {
    await this.page.setViewport({ width, height: width === DESKTOP.width ? DESKTOP.height : PHONE.height });
    await this.page.goto(new URL(path, this.baseURL).href);
  }

  async run<A, R>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return (await this.page.evaluate(fn as (a: unknown) => unknown, arg)) as R;
  }

  async type(selector: string, text: string) {
    await this.page.type(selector, text);
  }

  async click(selector: string) {
    await this.page.click(selector);
  }

  async errors() {
    return this.seen.slice();
  }

  async close() {
    await this.context.close();
  }
}

/** A free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * Installed in a WebKit page right after it has loaded: records uncaught errors, rejected
 * promises, console.error, boot.js's "jianyan:" warning and CSP violations from then on, and
 * what is left of the load itself: a CSP report (ReportingObserver, buffered), a
 * subresource answered with an error status (Resource Timing), the app's fallback class.
 *
 * Why not the console itself, measured with WebKitGTK 2.50: WebKitWebDriver has no log
 * endpoint and no WebDriver BiDi (a session asking for `webSocketUrl` is refused), and the
 * MiniBrowser's `--enable-write-console-messages-to-stdout` writes nothing for the web views
 * that automation opens (it does without --automation). So an error logged while the page
 * loads and leaves no such trace is not seen in WebKit; Chromium and Firefox see it.
 */
const WEBKIT_RECORDER = `
  const w = window;
  if (w.__jianyanErrors) return;
  const seen = (w.__jianyanErrors = []);
  const text = (args) => args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
  addEventListener('error', (e) => {
    const t = e.target;
    seen.push(t && t !== w && (t.src || t.href) ? 'failed to load: ' + (t.src || t.href) : 'pageerror: ' + e.message);
  }, true);
  addEventListener('unhandledrejection', (e) => seen.push('unhandled rejection: ' + String(e.reason)));
  addEventListener('securitypolicyviolation', (e) => seen.push('CSP: ' + e.violatedDirective + ' ' + e.blockedURI));
  const error = console.error.bind(console);
  console.error = (...a) => { seen.push('console.error: ' + text(a)); error(...a); };
  const warn = console.warn.bind(console);
  console.warn = (...a) => { if (String(a[0]).startsWith('jianyan:')) seen.push('console.warn: ' + text(a)); warn(...a); };
  if (w.ReportingObserver) {
    new ReportingObserver((reports) => {
      for (const r of reports) seen.push('CSP report: ' + JSON.stringify(r.body));
    }, { types: ['csp-violation'], buffered: true }).observe();
  }
  for (const r of performance.getEntriesByType('resource')) {
    if (r.responseStatus >= 400) seen.push('HTTP ' + r.responseStatus + ': ' + r.name);
  }
  if (document.documentElement.classList.contains('no-app')) seen.push('the app could not start (html.no-app)');
`;

class WebKit implements Engine {
  name: EngineName = 'webkit';
  constructor(
    private driverProcess: ChildProcess,
    public driver: WebDriver,
    public version: string,
  ) {}

  static async launch(): Promise<WebKit> {
    const port = await freePort();
    // Its own process group, so that close() ends xvfb-run, Xvfb, the driver and the browser.
    const child = spawn(env('JIANYAN_XVFB_RUN'), ['-a', env('JIANYAN_WEBKIT_DRIVER'), `--port=${port}`], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk) => (log += chunk));
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        if ((await fetch(`${url}/status`)).ok) break;
      } catch {
        // not listening yet
      }
      if (child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`WebKitWebDriver did not start (exit ${child.exitCode}):\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const driver = await WebDriver.createSession(new Executor(new HttpClient(url)), {
      'webkitgtk:browserOptions': { binary: env('JIANYAN_MINIBROWSER'), args: ['--automation'] },
    });
    const caps = await driver.getCapabilities();
    return new WebKit(child, driver, `${caps.getBrowserName()} ${caps.getBrowserVersion()}`);
  }

  async newTab(baseURL: string): Promise<Tab> {
    const tab = new WebKitTab(this.driver, baseURL);
    await tab.reset();
    return tab;
  }

  async close() {
    try {
      await this.driver.quit();
    } finally {
      if (this.driverProcess.pid && this.driverProcess.exitCode === null) {
        process.kill(-this.driverProcess.pid, 'SIGTERM');
      }
    }
  }
}

class WebKitTab implements Tab {
  private seen: string[] = [];
  constructor(
    private driver: WebDriver,
    private baseURL: string,
  ) {}

  /**
   * One session serves every test of a worker: forget the last test's storage (elder mode
   * is remembered). Not that of the site in a phone-width frame, which WebKit keeps apart
   * (partitioned by the top-level page): clearing it from a frame made the next frame never
   * load (measured), so a phone-width test in WebKit must not leave a choice stored.
   */
  async reset() {
    await this.driver.switchTo().defaultContent();
    await this.driver.manage().window().setRect({ width: DESKTOP.width, height: DESKTOP.height });
    await this.driver.get(new URL('favicon.svg', this.baseURL).href);
    await this.driver.executeScript('localStorage.clear(); sessionStorage.clear();');
  }

  /** An empty page with a frame of `width` showing `url`; the tab then works in the frame. */
  private async openInFrame(url: string, width: number) {
    await this.driver.get('about:blank');
    await this.driver.executeAsyncScript(
      `const [src, width, height, done] = arguments;
       document.body.style.margin = '0';
       const f = document.createElement('iframe');
       f.width = String(width); f.height = String(height); f.style.border = '0';
       f.addEventListener('load', () => done(), { once: true });
       f.src = src;
       document.body.append(f);`,
      url,
      width,
      PHONE.height,
    );
    // WebKit may fire load for the frame's first, empty document: switch into the frame
    // until it holds the page (measured: a switch made too early stays on about:blank).
    const deadline = Date.now() + 20_000;
    for (;;) {
      await this.driver.switchTo().defaultContent();
      await this.driver.switchTo().frame(this.driver.findElement(By.css('iframe')));
      const href = (await this.driver.executeScript('return location.href;')) as string;
      if (href !== 'about:blank') return;
      if (Date.now() > deadline) throw new Error(`the ${width} px frame did not load ${url}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** What the recorder saw in the current page (kept across the test's navigations). */
  private async collect() {
    const found = (await this.driver.executeScript('return window.__jianyanErrors ? window.__jianyanErrors.splice(0) : [];').catch(
      () => [],
    )) as string[];
    this.seen.push(...found);
  }

  /**
   * WebKitGTK's window does not get narrower than about 447 px (asked for 390: got 447), so a
   * phone width is a frame of that width in an otherwise empty page (about:blank), and the
   * tab then works inside the frame. The page is then a cross-origin frame of that width: it
   * lays out, scrolls and is touched as a 390 px window would be.
   */
  async goto(path: string, width = DESKTOP.width) {
    await this.collect();
    const url = new URL(path, this.baseURL).href;
    await this.driver.switchTo().defaultContent();
    if (width >= 500) {
      await this.driver.get(url);
    } else {
      await this.openInFrame(url, width);
    }
    await this.driver.executeScript(WEBKIT_RECORDER);
  }

  async run<A, R>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return (await this.driver.executeScript(`return (${fn.toString()})(arguments[0]);`, arg)) as R;
  }

  async type(selector: string, text: string) {
    await this.driver.findElement(By.css(selector)).sendKeys(text);
  }

  async click(selector: string) {
    await this.driver.findElement(By.css(selector)).click();
  }

  async errors() {
    await this.collect();
    return this.seen.slice();
  }

  async close() {}
}
