//! The performance layers of `cargo xtask test`, after the browser tests:
//!
//! - `bench`: the core benchmarks (`benches/core.rs`, criterion) at 1×, 10× and 100× the
//!   digest, a table of their medians, and the budget: every search at 100× ≤ 1 ms.
//! - `lighthouse`: `e2e/lighthouse.mjs` over dist/ served as the browser tests serve it.
//! - `perf`: the app built twice more with SYNTHETIC digests of 10× and 100× the real one
//!   (`jianyan-digest scale`), into `target/perf/x10/dist` and `target/perf/x100/dist`, and
//!   `e2e/tests/perf.spec.ts` (keystroke to updated results) against them.

use std::path::{Path, PathBuf};

use crate::server;
use crate::tools;
use crate::util::{cargo, cmd, fmt_duration, npm_cmd, root, run, Context, Result};

/// Where criterion keeps its estimates (CRITERION_HOME), so xtask can read them.
fn criterion_home() -> PathBuf {
    target_dir().join("criterion")
}

pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) if !d.is_empty() => root().join(d),
        _ => root().join("target"),
    }
}

/// The scales `benches/core.rs` runs, and its benchmarks (group, name) in print order.
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

/// The core budget: each search query at 100× the digest, median, in nanoseconds.
pub const SEARCH_BUDGET_NS: f64 = 1_000_000.0;

/// Runs the criterion benchmarks, prints their medians and checks the search budget.
pub fn bench() -> Result {
    let home = criterion_home();
    let started = std::time::SystemTime::now();
    run(cargo()
        .args(["bench", "-p", "jianyan", "--bench", "core"])
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
        table.push((*group, *name, *what, cells));
    }
    println!("\ncore benchmarks: median time per call (release build, this machine)");
    println!("{:<44} {:>10} {:>10} {:>10}", "", "×1", "×10", "×100");
    for (_, _, what, cells) in &table {
        println!(
            "{} {:>10} {:>10} {:>10}",
            pad(what, 44),
            fmt_ns(cells[0]),
            fmt_ns(cells[1]),
            fmt_ns(cells[2])
        );
    }
    let over: Vec<String> = table
        .iter()
        .filter(|(group, _, _, cells)| *group == "search" && cells[2] > SEARCH_BUDGET_NS)
        .map(|(_, _, what, cells)| format!("{what}: {}", fmt_ns(cells[2])))
        .collect();
    let worst = table
        .iter()
        .filter(|(group, ..)| *group == "search")
        .map(|(.., cells)| cells[2])
        .fold(0.0, f64::max);
    if !over.is_empty() {
        crate::bail!(
            "search at ×100 is over the {} budget per query (median):\n  {}",
            fmt_ns(SEARCH_BUDGET_NS),
            over.join("\n  ")
        );
    }
    println!(
        "search at ×100: slowest query median {} ≤ {} budget",
        fmt_ns(worst),
        fmt_ns(SEARCH_BUDGET_NS)
    );
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

/// `"median":{…,"point_estimate":N,…}` in criterion's estimates.
fn median_of(json: &str) -> Option<f64> {
    let at = json.find("\"median\"")?;
    let rest = &json[at..];
    let pe = rest.find("\"point_estimate\"")? + "\"point_estimate\"".len();
    let rest = rest[pe..].trim_start().strip_prefix(':')?.trim_start();
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+')))
        .unwrap_or(rest.len());
    rest[..end].parse().ok()
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
/// compressed up front; otherwise (the synthetic builds, tens of MB) only the index and what
/// its first view loads are requested once, so that no measured load waits for brotli.
pub fn serve_with(dir: &Path, base: &str, warm_all: bool) -> Result<String> {
    if warm_all {
        return serve(dir, base);
    }
    if !dir.join("index.html").is_file() {
        crate::bail!("{}/index.html is missing: build it first", dir.display());
    }
    let server = server::Server::bind(dir, base, 0, server::Log::Errors)?;
    let url = server.spawn();
    let html = std::fs::read_to_string(dir.join("index.html")).context("cannot read index.html")?;
    let mut paths = vec![String::new()];
    paths.extend(
        crate::sizes::first_view_refs(&html)
            .into_iter()
            .map(|r| r.trim_start_matches("./").to_string()),
    );
    let start = std::time::Instant::now();
    std::thread::scope(|s| {
        for p in &paths {
            let url = &url;
            s.spawn(move || prime(url, p));
        }
    });
    println!(
        "compressed the first view of {} ({} files) in {}",
        dir.display(),
        paths.len(),
        fmt_duration(start.elapsed())
    );
    Ok(url)
}

/// GET `base_url` + `path` with brotli accepted, and read the whole answer (which makes the
/// server compress and cache it). Errors are left to the browser test to show.
fn prime(base_url: &str, path: &str) {
    use std::io::{Read, Write};
    let Some(rest) = base_url.strip_prefix("http://") else {
        return;
    };
    let (host, base) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let Ok(mut conn) = std::net::TcpStream::connect(host) else {
        return;
    };
    let request = format!(
        "GET {base}{path} HTTP/1.1\r\nHost: {host}\r\nAccept-Encoding: br, gzip\r\nConnection: close\r\n\r\n"
    );
    let mut sink = Vec::new();
    let _ = conn
        .write_all(request.as_bytes())
        .and_then(|_| conn.read_to_end(&mut sink));
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

/// Lighthouse over the index, a speech, the comparison and plain.html of `dist`.
pub fn lighthouse(dist: &Path, base: &str) -> Result {
    let url = serve(dist, base)?;
    println!("serving {} at {url} for Lighthouse", dist.display());
    run(cmd("node")
        .arg(root().join("e2e").join("lighthouse.mjs"))
        .arg(&url)
        .arg("--out")
        .arg(target_dir().join("lighthouse"))
        .env("CHROME_PATH", tools::chromium_path()))
}

/// The synthetic scales the browser benchmark builds.
const BROWSER_SCALES: [u32; 2] = [10, 100];

fn perf_dir() -> PathBuf {
    target_dir().join("perf")
}

/// Writes the digest scaled `n` times to `target/perf/digest-xN.json`; the file is only
/// rewritten when its content changes, so that cargo does not rebuild for nothing.
fn scaled_digest(n: u32) -> Result<PathBuf> {
    let out = crate::digest_tool()
        .args(["scale", &n.to_string(), "static/digest.json"])
        .output()
        .context("cannot run jianyan-digest scale")?;
    if !out.status.success() {
        crate::bail!(
            "jianyan-digest scale {n} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let path = perf_dir().join(format!("digest-x{n}.json"));
    std::fs::create_dir_all(perf_dir()).context("cannot create target/perf")?;
    if std::fs::read(&path).ok().as_deref() != Some(&out.stdout[..]) {
        std::fs::write(&path, &out.stdout).context(format!("cannot write {}", path.display()))?;
    }
    println!(
        "synthetic digest ×{n}: {} ({} KiB)",
        path.display(),
        out.stdout.len() / 1024
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
    run(cmd(npm_cmd("npx"))
        .args([
            "playwright",
            "test",
            "tests/perf.spec.ts",
            "--project",
            "desktop",
            "--workers",
            "1",
        ])
        .args(playwright_args)
        .current_dir(root().join("e2e"))
        .env("JIANYAN_BASE_URL", &urls[0])
        .env("JIANYAN_PERF_X10_URL", &urls[0])
        .env("JIANYAN_PERF_X100_URL", &urls[1])
        .env("CHROME_PATH", tools::chromium_path())
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))
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
