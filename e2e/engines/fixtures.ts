// Shared setup of the engine journeys: import `test` and `expect` from here. Each worker
// launches its project's engine once (firefox or webkit); each test gets a fresh `tab`, and
// fails if the page logged a console error or threw, as the Chromium tests do
// (e2e/fixtures.ts). A test that expects an error allows it, with its reason:
//   test.use({ allowedErrors: [/…/] });
import { test as base, expect } from '@playwright/test';
import { launch, type Engine, type EngineName, type Tab } from './driver';
import { app } from '../pages/selectors';

export const test = base.extend<{ tab: Tab; allowedErrors: RegExp[] }, { engine: Engine }>({
  engine: [
    async ({}, use, workerInfo) => {
      const engine = await launch(workerInfo.project.name as EngineName);
      console.log(`${workerInfo.project.name}: ${engine.version}`);
      await use(engine);
      await engine.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  allowedErrors: [[], { option: true }],
  tab: async ({ engine, baseURL, allowedErrors }, use) => {
    const tab = await engine.newTab(baseURL!);
    await use(tab);
    const errors = (await tab.errors()).filter((e) => !allowedErrors.some((re) => re.test(e)));
    await tab.close();
    expect(errors, `the page logged ${errors.length} error(s):\n${errors.join('\n')}`).toEqual([]);
  },
});

export { expect };

/** Waits until the app has hydrated the page (`html.app-live`). */
export async function appLive(tab: Tab) {
  await expect
    .poll(() => tab.run((s) => document.querySelector(s) !== null, app.live), { message: 'the app did not start', timeout: 20_000 })
    .toBe(true);
}

/** The text of every element matching `selector`, trimmed, in page order. */
export function texts(tab: Tab, selector: string): Promise<string[]> {
  return tab.run((s) => Array.from(document.querySelectorAll(s)).map((e) => (e.textContent ?? '').trim()), selector);
}

/** How many elements match `selector`. */
export function count(tab: Tab, selector: string): Promise<number> {
  return tab.run((s) => document.querySelectorAll(s).length, selector);
}
