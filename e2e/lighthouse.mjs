// Lighthouse (mobile preset: simulated slow 4G and a 4× slower CPU) over the index, a
// speech page and the comparison, and over plain.html — the index as plain static HTML,
// no script — as the physical limit for first paint. Prints the four category scores and
// FCP/LCP/TBT/CLS per page, and our LCP as a multiple of plain.html's.
//
// Fails (exit 1) if, on any of our pages, accessibility, best practices or SEO is below 100
// or CLS is 0.02 or more. Performance is reported, not asserted (it is a simulation whose
// score moves a few points between runs).
//
//   node e2e/lighthouse.mjs BASE_URL [--runs N] [--out DIR] [--only NAME,…] [--devtools]
//
// `cargo xtask test` runs it against dist/ served by xtask's own server (brotli/gzip and the
// strict CSP, as the portal's host) under /zxhy/2025/. With --runs N each page is audited N
// times and the run with the median LCP is kept. --out DIR keeps every report as JSON.
// --only index,plain.html audits only those pages. --devtools throttles the real network and CPU
// and reports observed timings instead of Lighthouse's simulation (slower, more variable).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import chromium from './chromium.cjs';

const { CHROMIUM_PATH, CHROMIUM_FLAGS } = chromium;

const PAGES = [
  { name: 'index', path: '' },
  { name: 'speech', path: 'speech/feng-hua/' },
  { name: 'compare', path: 'compare/?ids=he-jianhong,huang-junxia' },
  // The reference: not ours to judge, only to compare with.
  { name: 'plain.html', path: 'plain.html', reference: true },
];
const ASSERTED = ['accessibility', 'best-practices', 'seo'];
const CATEGORIES = ['performance', ...ASSERTED];
const CLS_LIMIT = 0.02;

function usage(msg) {
  console.error(`${msg}\nusage: node e2e/lighthouse.mjs BASE_URL [--runs N] [--out DIR] [--only NAME,…] [--devtools]`);
  process.exit(2);
}

const args = process.argv.slice(2);
let base = process.env.JIANYAN_BASE_URL;
let runs = 1;
let outDir = null;
let only = null;
let throttlingMethod = 'simulate';
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') runs = Number(args[++i]);
  else if (args[i] === '--out') outDir = args[++i];
  else if (args[i] === '--only') only = args[++i].split(',');
  else if (args[i] === '--devtools') throttlingMethod = 'devtools';
  else if (!args[i].startsWith('--')) base = args[i];
  else usage(`unknown option ${args[i]}`);
}
if (!base) usage('no BASE_URL (or JIANYAN_BASE_URL)');
if (!base.endsWith('/')) base += '/';
if (!Number.isInteger(runs) || runs < 1) usage('--runs needs a whole number ≥ 1');
if (outDir) mkdirSync(outDir, { recursive: true });
if (only && !only.every((n) => PAGES.some((p) => p.name === n))) usage(`--only: pages are ${PAGES.map((p) => p.name).join(', ')}`);

const chromePath = CHROMIUM_PATH;
const chromeFlags = ['--headless=new', ...CHROMIUM_FLAGS, '--disable-default-apps', '--disable-extensions'];

const ms = (v) => (v == null ? '—' : `${Math.round(v)} ms`);
const score = (c) => (c?.score == null ? '—' : String(Math.round(c.score * 100)));

/** The audits of a category that lost points, for the failure message. */
function lostPoints(lhr, categoryId) {
  const cat = lhr.categories[categoryId];
  return cat.auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((a) => a && a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'notApplicable')
    .map((a) => {
      const items = (a.details?.items ?? [])
        .slice(0, 5)
        .map((it) => it.node?.snippet ?? it.node?.selector ?? it.url ?? it.source?.url ?? JSON.stringify(it).slice(0, 160));
      return `    - ${a.id}: ${a.title}${items.length ? `\n        ${items.join('\n        ')}` : ''}`;
    })
    .join('\n');
}

async function audit(chrome, page) {
  const url = new URL(page.path, base).href;
  const results = [];
  for (let r = 0; r < runs; r++) {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: CATEGORIES,
      throttlingMethod,
    });
    if (!result) throw new Error(`lighthouse returned nothing for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    if (outDir) writeFileSync(join(outDir, `${page.name.replace(/[^a-z0-9.]/gi, '_')}-${r + 1}.json`), result.report);
    results.push(lhr);
  }
  // Median run by LCP.
  results.sort((a, b) => a.audits['largest-contentful-paint'].numericValue - b.audits['largest-contentful-paint'].numericValue);
  const lhr = results[Math.floor((results.length - 1) / 2)];
  const metric = (id) => lhr.audits[id]?.numericValue;
  return {
    ...page,
    url,
    lhr,
    scores: Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c]])),
    fcp: metric('first-contentful-paint'),
    lcp: metric('largest-contentful-paint'),
    tbt: metric('total-blocking-time'),
    cls: metric('cumulative-layout-shift'),
    bytes: metric('total-byte-weight'),
  };
}

const chrome = await chromeLauncher.launch({ chromePath, chromeFlags, logLevel: 'error' });
let rows;
try {
  rows = [];
  for (const page of PAGES.filter((p) => !only || only.includes(p.name))) {
    const started = Date.now();
    rows.push(await audit(chrome, page));
    console.log(`audited ${page.name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
} finally {
  await chrome.kill();
}

const plain = rows.find((r) => r.reference);
const header = ['page', 'perf', 'a11y', 'best pr.', 'SEO', 'FCP', 'LCP', 'TBT', 'CLS', 'bytes', 'LCP ÷ plain'];
const table = rows.map((r) => [
  r.name,
  ...CATEGORIES.map((c) => score(r.scores[c])),
  ms(r.fcp),
  ms(r.lcp),
  ms(r.tbt),
  r.cls == null ? '—' : r.cls.toFixed(3),
  r.bytes == null ? '—' : `${(r.bytes / 1024).toFixed(1)} KiB`,
  plain && r.lcp != null && plain.lcp ? `${(r.lcp / plain.lcp).toFixed(2)}×` : '—',
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(
  `\nLighthouse ${rows[0].lhr.lighthouseVersion}, mobile preset (${throttlingMethod === 'simulate' ? 'simulated throttling' : 'devtools throttling, observed'}), ${runs} run(s) a page, against ${base}`,
);
console.log(line(header));
for (const row of table) console.log(line(row));
console.log('(bytes = transferred, compressed; plain.html = the index as plain static HTML, no script)');

const failures = [];
for (const r of rows.filter((r) => !r.reference)) {
  for (const c of ASSERTED) {
    const s = r.scores[c]?.score;
    if (s == null || s < 1) {
      failures.push(`${r.name}: ${c} ${score(r.scores[c])} < 100 (${r.url})\n${lostPoints(r.lhr, c)}`);
    }
  }
  if (r.cls == null || r.cls >= CLS_LIMIT) {
    failures.push(`${r.name}: CLS ${r.cls?.toFixed(3)} ≥ ${CLS_LIMIT} (${r.url})`);
  }
}
if (failures.length > 0) {
  console.error(`\nLighthouse: ${failures.length} failure(s):\n${failures.join('\n')}`);
  process.exit(1);
}
console.log(`\nLighthouse: accessibility, best practices and SEO at 100 and CLS < ${CLS_LIMIT} on ${rows.filter((r) => !r.reference).length} page(s)`);
