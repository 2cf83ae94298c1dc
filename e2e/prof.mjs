import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto('http://127.0.0.1:8099/zxhy/2025/');
await page.waitForSelector('html.app-live, .app', { timeout: 20000 });
await page.waitForTimeout(2000);
const cdp = await page.context().newCDPSession(page);
const events = [];
cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline.stack,v8.execute', transferMode: 'ReportEvents' });
const box = page.locator('#q');
for (const w of ['普惠金融', '庭院经济']) {
  for (const ch of w) { await box.pressSequentially(ch); await page.waitForTimeout(300); }
  await box.fill(''); await page.waitForTimeout(500);
}
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.end');
await done;
const stacks = {};
for (const e of events) {
  const st = e.args?.beginData?.stackTrace || e.args?.data?.stackTrace;
  if ((e.name === 'Layout' || e.name === 'UpdateLayoutTree') && st) {
    const k = st.slice(0, 4).map((f) => `${f.functionName}@${(f.url||'').split('/').pop()}:${f.lineNumber}`).join(' < ');
    stacks[k] = (stacks[k] || 0) + (e.dur || 0) / 1000;
  }
}
Object.entries(stacks).sort((a, b) => b[1] - a[1]).slice(0, 10).forEach(([k, v]) => console.log('FORCED', v.toFixed(1), k));
const sum = {};
for (const e of events) {
  if (e.ph !== 'X' || !e.dur) continue;
  const k = e.name;
  sum[k] = (sum[k] || 0) + e.dur / 1000;
}
Object.entries(sum).sort((a, b) => b[1] - a[1]).slice(0, 25).forEach(([k, v]) => console.log(v.toFixed(1).padStart(8), k));
await browser.close();
