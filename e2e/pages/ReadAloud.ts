import type { Locator, Page } from '@playwright/test';

/** What the stubbed synthesizer was asked to say. */
export type Said = { text: string; lang: string; voice: string | null; rate: number };

export type SpeechStub = {
  /** No speech synthesis at all (`window.speechSynthesis` is undefined), as in some WebViews. */
  none?: boolean;
  /** What `getVoices()` returns, in order. Default: an English voice, then a zh-CN one. */
  voices?: { lang: string; local: boolean }[];
  /** Every `speak()` fails with this `SpeechSynthesisErrorEvent.error` code. */
  failWith?: string;
};

type Log = { said: Said[]; cancels: number; finish: () => boolean; speaking: () => string | null };

/**
 * Replaces `speechSynthesis` and `SpeechSynthesisUtterance` before any page script runs.
 * Nothing is said until the test says so: `ReadAloud.finish()` ends the current sentence
 * (an `end` event), so a test steps through a reading without timers. `cancel()` reports
 * `interrupted` on the current sentence, as Chromium does.
 */
export async function stubSpeech(page: Page, stub: SpeechStub = {}) {
  await page.addInitScript((o: SpeechStub) => {
    const log = { said: [] as Said[], cancels: 0 } as Log;
    (window as unknown as { __speech: Log }).__speech = log;
    if (o.none) {
      Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: undefined });
      Object.defineProperty(window, 'SpeechSynthesisUtterance', { configurable: true, value: undefined });
      return;
    }
    const voices = (o.voices ?? [
      { lang: 'en-US', local: true },
      { lang: 'zh-CN', local: true },
    ]).map((v) => ({ lang: v.lang, localService: v.local, name: v.lang, voiceURI: v.lang, default: false }));
    class Utterance extends EventTarget {
      text: string;
      lang = '';
      voice: { lang: string } | null = null;
      rate = 1;
      pitch = 1;
      volume = 1;
      constructor(text = '') {
        super();
        this.text = text;
      }
    }
    let current: Utterance | null = null;
    const fail = (u: Utterance, code: string) => {
      const e = new Event('error') as Event & { error: string };
      e.error = code;
      u.dispatchEvent(e);
    };
    class Synth extends EventTarget {
      pending = false;
      paused = false;
      get speaking() {
        return current !== null;
      }
      getVoices() {
        return voices.slice();
      }
      speak(u: Utterance) {
        log.said.push({ text: u.text, lang: u.lang, voice: u.voice ? u.voice.lang : null, rate: u.rate });
        if (o.failWith) {
          setTimeout(() => fail(u, o.failWith!), 0);
          return;
        }
        current = u;
      }
      cancel() {
        log.cancels += 1;
        const u = current;
        current = null;
        if (u) fail(u, 'interrupted');
      }
      pause() {}
      resume() {}
    }
    const synth = new Synth();
    Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: synth });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { configurable: true, writable: true, value: Utterance });
    log.finish = () => {
      const u = current;
      current = null;
      if (u) u.dispatchEvent(new Event('end'));
      return u !== null;
    };
    log.speaking = () => (current ? current.text : null);
  }, stub);
}

/** The read-aloud control of a speech page or of one comparison column, and what it did. */
export class ReadAloud {
  readonly page: Page;
  readonly control: Locator;
  /** 朗读全文 (a column: 朗读) → 暂停 → 继续. */
  readonly play: Locator;
  /** 停止: shown while reading or paused. */
  readonly stop: Locator;
  /** The live status: 正在朗读, 已暂停, 已停止, 已读完, or what went wrong. */
  readonly status: Locator;

  constructor(page: Page, control: Locator) {
    this.page = page;
    this.control = control;
    this.play = control.locator('button.aloud-play');
    this.stop = control.locator('button.aloud-stop');
    this.status = control.getByRole('status');
  }

  /** The control at the top of a speech page. */
  static ofSpeech(page: Page): ReadAloud {
    return new ReadAloud(page, page.locator('.speech-head').getByRole('group', { name: '朗读', exact: true }));
  }

  /** The control in the header of a speaker's comparison column. */
  static ofColumn(page: Page, speaker: string): ReadAloud {
    const header = page.locator('table.compare-table thead th[scope="col"]').filter({ has: page.getByRole('link', { name: speaker, exact: true }) });
    return new ReadAloud(page, header.getByRole('group', { name: '朗读这一栏', exact: true }));
  }

  /** Everything the synthesizer was asked to say, in order. */
  async said(): Promise<Said[]> {
    return this.page.evaluate(() => (window as unknown as { __speech: Log }).__speech.said.slice());
  }

  /** What the synthesizer is saying now (`null`: silent). */
  async speaking(): Promise<string | null> {
    return this.page.evaluate(() => (window as unknown as { __speech: Log }).__speech.speaking());
  }

  async cancels(): Promise<number> {
    return this.page.evaluate(() => (window as unknown as { __speech: Log }).__speech.cancels);
  }

  /** Ends the sentence being said (as the synthesizer would); false if it was silent. */
  async finish(): Promise<boolean> {
    return this.page.evaluate(() => (window as unknown as { __speech: Log }).__speech.finish());
  }

  /** The marked sentence: the text of the CSS custom highlight `reading` ('' when none). */
  async marked(): Promise<string> {
    return this.page.evaluate(() => {
      const h = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights?.get('reading');
      return h ? Array.from(h).map((r) => r.toString()).join('') : '';
    });
  }

  /** The element whose text holds the marked sentence (`[data-reading]`). */
  get block(): Locator {
    return this.page.locator('[data-reading]');
  }
}
