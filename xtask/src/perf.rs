//! The performance layers of `cargo xtask test`, after the browser tests:
//!
//! - `bench`: the core benchmarks (`crates/bench/benches/core.rs`, criterion) at 1×, 10× and 100× the
//!   digest, a table of their medians, and the budget: every search at 100× ≤ 1 ms.
//! - `lighthouse`: `e2e/lighthouse.mjs` over dist/ served as the browser tests serve it.
//! - `perf`: the app built twice more with SYNTHETIC digests of 10× and 100× the real one
//!   (`synthetic-digest`, crates/bench), into `target/perf/x10/dist` and `target/perf/x100/dist`, and
//!   `e2e/tests/perf.spec.ts` (keystroke to updated results) and `e2e/tests/scale.spec.ts` (the
//!   long list: first cards, "显示更多") against them.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::figures;
use crate::server;
use crate::tools;
use crate::util::{cargo, cmd, fmt_duration, npm_cmd, root, run, target_dir, Context, Result};

/// Where criterion keeps its estimates (CRITERION_HOME), so xtask can read them.
fn criterion_home() -> PathBuf {
    target_dir().join("criterion")
}

/// The scales `crates/bench/benches/core.rs` runs, and its benchmarks (group, name) in print order.
const SCALES: [&str; 3] = ["x1", "x10", "x100"];
const BENCHES: &[(&str, &str, &str)] = &[
    ("search", "q1", "search “业” (1 character)"),
    ("search", "q2", "search “企业” (2)"),
    ("search", "q3", "search “医联体” (3)"),
    ("search", "q4", "search “科技服务” (4)"),
    ("search", "miss", "search “产业金融” (no match)"),
    ("filter", "theme", "filter by a theme, all facet counts"),
    (
        "filter",
        "speakers",
        "filter by 3 speakers, all facet counts",
    ),
    ("filter", "text-q1", "search “业” + theme + facet counts"),
    ("filter", "text-q2", "search “企业” + theme + facet counts"),
    ("filter", "relax-hint", "no results: which filter to drop"),
    (
        "compare",
        "align",
        "compare 4 speeches: rows + common ground",
    ),
    (
        "compare",
        "counterparts",
        "compare 4 speeches: all counterparts",
    ),
    (
        "startup",
        "search-index",
        "build the search index (startup)",
    ),
];

/// The core budget: each search query at 100× the digest, median, in nanoseconds. A timing:
/// printed against the budget, never fatal by itself.
pub const SEARCH_BUDGET_NS: f64 = 1_000_000.0;
/// The regression guard on the same figure, wide enough for a busy shared machine: past it,
/// something has really broken (a 5× slowdown), and the run fails.
pub const SEARCH_GUARD_NS: f64 = 5.0 * SEARCH_BUDGET_NS;

/// Runs the criterion benchmarks, prints their medians against the search budget and writes
/// them to the figures file.
pub fn bench() -> Result {
    let home = criterion_home();
    let started = std::time::SystemTime::now();
    run(cargo()
        .args(["bench", "-p", "jianyan-bench", "--bench", "core"])
        .env("CRITERION_HOME", &home))?;
    let mut table = Vec::new();
    for (group, name, what) in BENCHES {
        let mut cells = Vec::new();
        for scale in SCALES {
            let file = home
                .join(group)
                .join(name)
                .join(scale)
                .join("new")
                .join("estimates.json");
            cells.push(fresh_median(&file, started)?);
        }
        table.push((*group, *what, cells));
    }
    println!("\ncore benchmarks: median time per call (release build, this machine)");
    println!("{:<44} {:>10} {:>10} {:>10}", "", "×1", "×10", "×100");
    for (_, what, cells) in &table {
        println!(
            "{} {:>10} {:>10} {:>10}",
            pad(what, 44),
            fmt_ns(cells[0]),
            fmt_ns(cells[1]),
            fmt_ns(cells[2])
        );
    }
    let worst = table
        .iter()
        .filter(|(group, ..)| *group == "search")
        .map(|(.., cells)| cells[2])
        .fold(0.0, f64::max);
    let verdict = if worst <= SEARCH_BUDGET_NS {
        "within budget"
    } else {
        "OVER BUDGET (a timing: reported, not failing the run)"
    };
    let summary = format!(
        "slowest search at ×100: {} median; budget {} per query: {verdict}",
        fmt_ns(worst),
        fmt_ns(SEARCH_BUDGET_NS)
    );
    println!("{summary}");
    let rows: Vec<Vec<String>> = table
        .iter()
        .map(|(_, what, cells)| {
            std::iter::once(what.to_string())
                .chain(cells.iter().map(|c| fmt_ns(*c)))
                .collect()
        })
        .collect();
    figures::write_section(
        "bench",
        &format!(
            "criterion, release profile as shipped, median per call; ×10 and ×100 are synthetic \
             digests.\n\n{}\n{summary}.\n",
            figures::table(&["what", "×1", "×10", "×100"], &rows)
        ),
    )?;
    if worst > SEARCH_GUARD_NS {
        crate::bail!(
            "search at ×100 took {} per query (median), past the {} regression guard",
            fmt_ns(worst),
            fmt_ns(SEARCH_GUARD_NS)
        );
    }
    Ok(())
}

/// The median point estimate (ns) in a criterion `estimates.json` written since `since`.
fn fresh_median(file: &Path, since: std::time::SystemTime) -> Result<f64> {
    let modified = std::fs::metadata(file)
        .and_then(|m| m.modified())
        .context(format!("no benchmark result {}", file.display()))?;
    if modified < since {
        crate::bail!(
            "{} is from an earlier run: did the benchmark run?",
            file.display()
        );
    }
    let text = std::fs::read_to_string(file).context(format!("cannot read {}", file.display()))?;
    median_of(&text).ok_or_else(|| {
        crate::util::Error(format!("no median point estimate in {}", file.display()))
    })
}

/// `median.point_estimate` in criterion's estimates.
fn median_of(json: &str) -> Option<f64> {
    let v: Value = serde_json::from_str(json).ok()?;
    v.get("median")?.get("point_estimate")?.as_f64()
}

/// `text` padded with spaces to `width` terminal columns (CJK characters take two).
fn pad(text: &str, width: usize) -> String {
    let cols: usize = text
        .chars()
        .map(|c| {
            if ('\u{2E80}'..='\u{FFEF}').contains(&c) {
                2
            } else {
                1
            }
        })
        .sum();
    format!("{text}{}", " ".repeat(width.saturating_sub(cols)))
}

/// `812 ns`, `12.3 µs`, `1.52 ms`.
fn fmt_ns(ns: f64) -> String {
    if ns < 1_000.0 {
        format!("{ns:.0} ns")
    } else if ns < 1_000_000.0 {
        format!("{:.1} µs", ns / 1_000.0)
    } else {
        format!("{:.2} ms", ns / 1_000_000.0)
    }
}

/// Serves `dir` under `base` on a free port and returns its URL. With `warm_all` every file is
/// compressed up front; otherwise (the synthetic builds, tens of MB) only what the index loads
/// until the app is live and the WebAssembly chunks (a search waits for the speeches' bodies,
/// which are in one), so that no measured load waits for brotli. (With the chunks compressed on
/// demand, the first search at 100× — its bodies' chunk 4 MB raw — waited for over 120 s.)
pub fn serve_with(dir: &Path, base: &str, warm_all: bool) -> Result<String> {
    if warm_all {
        return serve(dir, base);
    }
    if !dir.join("index.html").is_file() {
        crate::bail!("{}/index.html is missing: build it first", dir.display());
    }
    let server = server::Server::bind(dir, base, 0, server::Log::Errors)?;
    let mut files = crate::sizes::index_interactive_files(dir)?;
    for entry in std::fs::read_dir(dir)?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".wasm") && !files.contains(&name) {
            files.push(name);
        }
    }
    let start = std::time::Instant::now();
    let n = server.warm_files(&files);
    println!(
        "compressed what the index of {} loads ({n} files) in {}",
        dir.display(),
        fmt_duration(start.elapsed())
    );
    Ok(server.spawn())
}

/// Serves `dir` under `base` on a free port (compressed up front) and returns its URL.
fn serve(dir: &Path, base: &str) -> Result<String> {
    if !dir.join("index.html").is_file() {
        crate::bail!("{}/index.html is missing: build it first", dir.display());
    }
    let server = server::Server::bind(dir, base, 0, server::Log::Errors)?;
    let start = std::time::Instant::now();
    let n = server.warm();
    println!(
        "compressed {n} files of {} (brotli, gzip) in {}",
        dir.display(),
        fmt_duration(start.elapsed())
    );
    Ok(server.spawn())
}

/// Lighthouse over the index, a speech, the comparison and plain.html of `dist`; its figures
/// go to the figures file (also when an asserted score fails the step).
pub fn lighthouse(dist: &Path, base: &str) -> Result {
    let url = serve(dist, base)?;
    println!("serving {} at {url} for Lighthouse", dist.display());
    let out = target_dir().join("lighthouse");
    // Only this run's reports are read back.
    let _ = std::fs::remove_dir_all(&out);
    let result = run(cmd("node")
        .arg(root().join("e2e").join("lighthouse.mjs"))
        .arg(&url)
        .arg("--out")
        .arg(&out)
        .env("CHROME_PATH", tools::chromium_path()));
    let figures = lighthouse_figures(&out).and_then(|t| figures::write_section("lighthouse", &t));
    result.and(figures)
}

/// Each page's LCP against the plain reference page's (a timing: reported).
const LCP_RATIO_BUDGET: f64 = 1.1;

/// The page's median run by LCP (as `lighthouse.mjs` picks it), from the reports in `dir`
/// (`NAME-RUN.json`), as a table with each page's LCP against the plain reference page's.
fn lighthouse_figures(dir: &Path) -> Result<String> {
    let mut pages: Vec<(String, Vec<Value>)> = Vec::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .context(format!("no Lighthouse reports in {}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    // In the order the script audited them (it writes each page's reports as it goes).
    names.sort_by_key(|p| {
        (
            std::fs::metadata(p).and_then(|m| m.modified()).ok(),
            p.clone(),
        )
    });
    for file in names {
        let stem = file.file_stem().unwrap_or_default().to_string_lossy();
        let page = stem.rsplit_once('-').map_or(&*stem, |(p, _)| p).to_string();
        let text =
            std::fs::read_to_string(&file).context(format!("cannot read {}", file.display()))?;
        let lhr: Value = serde_json::from_str(&text).context(format!("{}", file.display()))?;
        match pages.iter_mut().find(|(p, _)| *p == page) {
            Some((_, runs)) => runs.push(lhr),
            None => pages.push((page, vec![lhr])),
        }
    }
    let metric = |lhr: &Value, id: &str| lhr["audits"][id]["numericValue"].as_f64();
    let medians: Vec<(String, Value)> = pages
        .into_iter()
        .map(|(page, mut runs)| {
            runs.sort_by(|a, b| {
                let lcp = |l: &Value| metric(l, "largest-contentful-paint").unwrap_or(f64::MAX);
                lcp(a).total_cmp(&lcp(b))
            });
            let median = runs.swap_remove((runs.len() - 1) / 2);
            (page, median)
        })
        .collect();
    let plain_lcp = medians
        .iter()
        .find(|(p, _)| p.starts_with("plain"))
        .and_then(|(_, l)| metric(l, "largest-contentful-paint"));
    let score = |lhr: &Value, c: &str| {
        lhr["categories"][c]["score"]
            .as_f64()
            .map_or("—".into(), |s| format!("{:.0}", s * 100.0))
    };
    let ms = |v: Option<f64>| v.map_or("—".into(), |v| format!("{v:.0} ms"));
    let rows: Vec<Vec<String>> = medians
        .iter()
        .map(|(page, l)| {
            let lcp = metric(l, "largest-contentful-paint");
            vec![
                page.clone(),
                score(l, "performance"),
                score(l, "accessibility"),
                score(l, "best-practices"),
                score(l, "seo"),
                ms(metric(l, "first-contentful-paint")),
                ms(lcp),
                ms(metric(l, "total-blocking-time")),
                metric(l, "cumulative-layout-shift").map_or("—".into(), |v| format!("{v:.3}")),
                match (lcp, plain_lcp) {
                    (Some(a), Some(b)) if b > 0.0 => {
                        let over = if a / b > LCP_RATIO_BUDGET {
                            " (over)"
                        } else {
                            ""
                        };
                        format!("{:.2}×{over}", a / b)
                    }
                    _ => "—".into(),
                },
            ]
        })
        .collect();
    let version = medians
        .first()
        .and_then(|(_, l)| l["lighthouseVersion"].as_str())
        .unwrap_or("?");
    Ok(format!(
        "Lighthouse {version}, mobile preset, median run by LCP (`e2e/lighthouse.mjs`). Budgets: \
         LCP ≤ 1.1× the plain reference page and performance 100 (timings: reported); \
         accessibility, best practices and SEO 100 and CLS < 0.02 (asserted by the script).\n\n{}",
        figures::table(
            &[
                "page",
                "perf",
                "a11y",
                "best pr.",
                "SEO",
                "FCP",
                "LCP",
                "TBT",
                "CLS",
                "LCP ÷ plain"
            ],
            &rows
        )
    ))
}

/// The synthetic scales the browser benchmark builds.
const BROWSER_SCALES: [u32; 2] = [10, 100];

fn perf_dir() -> PathBuf {
    target_dir().join("perf")
}

/// Writes the digest scaled `n` times to `target/perf/digest-xN.json`; the file is only
/// rewritten when its content changes, so that cargo does not rebuild for nothing.
fn scaled_digest(n: u32) -> Result<PathBuf> {
    let json = crate::util::output(
        cargo()
            .args([
                "run",
                "-q",
                "-p",
                "jianyan-bench",
                "--bin",
                "synthetic-digest",
                "--",
            ])
            .args([&n.to_string(), "static/digest.json"]),
    )?;
    let path = perf_dir().join(format!("digest-x{n}.json"));
    std::fs::create_dir_all(perf_dir()).context("cannot create target/perf")?;
    if std::fs::read(&path).ok().as_deref() != Some(&json[..]) {
        std::fs::write(&path, &json).context(format!("cannot write {}", path.display()))?;
    }
    println!(
        "synthetic digest ×{n}: {} ({} KiB)",
        path.display(),
        json.len() / 1024
    );
    Ok(path)
}

/// Builds the app with the digest scaled `n` times into `target/perf/xN/dist`. Its own cargo
/// target folder (`target/perf/cargo`, shared by the scales) keeps the ordinary build's
/// artefacts valid: the digest is built in, so another digest means another build.
fn build_scaled(n: u32) -> Result<PathBuf> {
    let digest = scaled_digest(n)?;
    let dist = perf_dir().join(format!("x{n}")).join("dist");
    let start = std::time::Instant::now();
    run(cmd(tools::tool_bin("trunk"))
        .args(["build", "--release", "--dist"])
        .arg(&dist)
        .env("JIANYAN_DIGEST", &digest)
        .env("CARGO_TARGET_DIR", perf_dir().join("cargo")))?;
    if !dist.join("index.html").is_file() {
        crate::bail!(
            "trunk build finished but {}/index.html is missing",
            dist.display()
        );
    }
    crate::split::split_dist(&dist, &perf_dir().join("cargo"))?;
    println!("built ×{n} in {}", fmt_duration(start.elapsed()));
    Ok(dist)
}

/// Builds the 10× and 100× variants (unless `no_build`: then the last builds are used),
/// serves them and runs `tests/perf.spec.ts` on them.
pub fn browser(base: &str, no_build: bool, playwright_args: &[String]) -> Result {
    let mut urls = Vec::new();
    for n in BROWSER_SCALES {
        let dist = if no_build {
            perf_dir().join(format!("x{n}")).join("dist")
        } else {
            build_scaled(n)?
        };
        let url = serve_with(&dist, base, false)?;
        println!("serving ×{n} at {url}");
        urls.push(url);
    }
    let report = perf_dir().join("keystroke.json");
    let _ = std::fs::remove_file(&report);
    let result = run(cmd(npm_cmd("npx"))
        .args([
            "playwright",
            "test",
            "tests/perf.spec.ts",
            // The long list's behaviour at 10× (show more, focus, counts): the ordinary
            // browser tests have the real digest, whose list is whole.
            "tests/scale.spec.ts",
            "--project",
            "desktop",
            "--project",
            "phone",
            "--workers",
            "1",
            "--reporter=list,json",
        ])
        .args(playwright_args)
        .current_dir(root().join("e2e"))
        .env("PLAYWRIGHT_JSON_OUTPUT_FILE", &report)
        .env("PLAYWRIGHT_JSON_OUTPUT_NAME", &report)
        .env("JIANYAN_BASE_URL", &urls[0])
        .env("JIANYAN_PERF_X10_URL", &urls[0])
        .env("JIANYAN_PERF_X100_URL", &urls[1])
        .env("CHROME_PATH", tools::chromium_path())
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"));
    let figures = std::fs::read_to_string(&report)
        .context(format!("no Playwright report {}", report.display()))
        .and_then(|text| serde_json::from_str(&text).context(report.display()))
        .and_then(|json: Value| figures::write_section("keystroke", &keystroke_figures(&json)));
    result.and(figures)
}

/// The keystroke budgets (timings: printed, never failing the run; see perf.spec.ts).
const KEYSTROKE_BUDGET: &str =
    "budget: ≤ 16 ms main-thread CPU per keystroke (median) at ×10 and ×100, first key ≤ 50 ms";

/// The keystroke figures of a Playwright JSON report: each test's `keystroke …` annotations
/// and what it printed.
fn keystroke_figures(report: &Value) -> String {
    fn visit(v: &Value, notes: &mut Vec<String>, printed: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                for note in map
                    .get("annotations")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    let kind = note["type"].as_str().unwrap_or("");
                    if kind.starts_with("keystroke") {
                        let line =
                            format!("{kind}: {}", note["description"].as_str().unwrap_or(""));
                        if !notes.contains(&line) {
                            notes.push(line);
                        }
                    }
                }
                for out in map
                    .get("stdout")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    if let Some(text) = out["text"].as_str() {
                        printed.push(text.trim_end().to_string());
                    }
                }
                for (k, child) in map {
                    if k != "annotations" && k != "stdout" {
                        visit(child, notes, printed);
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|i| visit(i, notes, printed)),
            _ => {}
        }
    }
    let (mut notes, mut printed) = (Vec::new(), Vec::new());
    visit(report, &mut notes, &mut printed);
    let mut out = format!(
        "Chromium, desktop layout, `e2e/tests/perf.spec.ts` on synthetic digests; {KEYSTROKE_BUDGET}.\n\n"
    );
    if notes.is_empty() {
        out.push_str("No keystroke figure in this run (the tests were skipped or failed).\n");
    }
    for n in &notes {
        out.push_str(&format!("- {n}\n"));
    }
    if !printed.is_empty() {
        out.push_str(&format!("\n```\n{}\n```\n", printed.join("\n")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_criterion_medians() {
        let json = r#"{"mean":{"confidence_interval":{"confidence_level":0.95,"lower_bound":10.0,"upper_bound":12.0},"point_estimate":11.0,"standard_error":0.5},"median":{"confidence_interval":{"confidence_level":0.95,"lower_bound":9.0,"upper_bound":10.5},"point_estimate":9.75e2,"standard_error":0.2}}"#;
        assert_eq!(median_of(json), Some(975.0));
        assert_eq!(median_of(r#"{"mean":{"point_estimate":1.0}}"#), None);
    }

    #[test]
    fn reads_keystroke_figures_from_a_playwright_report() {
        let report: Value = serde_json::from_str(
            r#"{"suites":[{"specs":[{"tests":[{"annotations":[{"type":"keystroke ×10","description":"median main-thread CPU 9.6 ms"}],
            "results":[{"stdout":[{"text":"keystroke → updated results at ×10\n"}]}]}]}]}]}"#,
        )
        .unwrap();
        let text = keystroke_figures(&report);
        assert!(
            text.contains("- keystroke ×10: median main-thread CPU 9.6 ms"),
            "{text}"
        );
        assert!(
            text.contains("keystroke → updated results at ×10"),
            "{text}"
        );
        assert!(keystroke_figures(&Value::Null).contains("No keystroke figure"));
    }

    #[test]
    fn reads_lighthouse_medians() {
        let dir = std::env::temp_dir().join(format!("xtask-lh-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let lhr = |lcp: f64| {
            format!(
                r#"{{"lighthouseVersion":"12.8.2","categories":{{"performance":{{"score":0.99}}}},
                "audits":{{"largest-contentful-paint":{{"numericValue":{lcp}}}}}}}"#
            )
        };
        for (name, lcp) in [
            ("index-1", 1700.0),
            ("index-2", 1600.0),
            ("index-3", 1650.0),
            ("plain.html-1", 900.0),
        ] {
            std::fs::write(dir.join(format!("{name}.json")), lhr(lcp)).unwrap();
        }
        let text = lighthouse_figures(&dir).unwrap();
        assert!(
            text.contains("| index | 99 | — | — | — | — | 1650 ms | — | — | 1.83× (over) |"),
            "{text}"
        );
        assert!(text.contains("| plain.html | 99 |"), "{text}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn formats_nanoseconds() {
        assert_eq!(fmt_ns(812.4), "812 ns");
        assert_eq!(fmt_ns(12_345.0), "12.3 µs");
        assert_eq!(fmt_ns(1_523_000.0), "1.52 ms");
    }

    #[test]
    fn pads_by_terminal_columns() {
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(pad("业 x", 6), "业 x  ");
        assert_eq!(pad("toolong", 3), "toolong");
    }
}
