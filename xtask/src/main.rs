//! `cargo xtask …`: the project's commands, in Rust so that they run the same
//! on Linux, macOS and Windows with nothing but Rust (and Node) installed.
//! See README.md.

mod compress;
mod figures;
mod perf;
mod server;
mod sizes;
mod split;
mod tools;
mod util;

use std::path::PathBuf;
use std::process::ExitCode;

use util::{cargo, cmd, npm_cmd, root, run, step, Context, Result};

const USAGE: &str = "\
usage: cargo xtask <command>

  serve [--port N] [--base /path/] [--site-url URL] [--no-build | --dir DIR]
                      build dist/ and serve it at http://127.0.0.1:8080/
  test [--skip KEY,…] [--site-url URL]
                      install what is missing, run every test layer
                      (keys: tools, fmt, clippy, test, digest, dist, e2e,
                      engines, bench, lighthouse, perf)
  dist [--site-path /path/] [--site-url URL]
                      build dist/, print its sizes (raw, gzip, brotli), check the
                      byte budgets; figures go to target/figures.md
                      --site-url https://…/zxhy/2025/: the address the site is
                      published at, for canonical links, Open Graph tags,
                      sitemap.xml, robots.txt and the QR code on paper
  check-digest FILE   validate a digest file (e.g. static/digest.json)
  e2e [--no-build] [-- PLAYWRIGHT ARGS]
                      build dist/, serve it under /zxhy/2025/, run the browser tests
  engines [--no-build] [-- PLAYWRIGHT ARGS]
                      the reader's journeys in Firefox ESR and WebKitGTK
  perf [--no-build] [bench] [lighthouse] [browser]
                      the performance layers of `test` (all three by default):
                      core benchmarks, Lighthouse on dist/, keystroke timing at 10×/100×
  minify style|loader the esbuild steps of Trunk.toml's hooks (run by `trunk build`)
";

/// The sub-path the browser tests mount the site under (as the portal will).
const E2E_BASE: &str = "/zxhy/2025/";

/// The site address the browser tests give a second copy of dist/ (see [`dist_for_site_url`]),
/// whose pages they check for canonical links, Open Graph tags, the sitemap and the QR code.
const E2E_SITE_URL: &str = "https://www.example.gov.cn/zxhy/2025/";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let result = match command.as_str() {
        "serve" => serve(rest),
        "test" => test(rest),
        "dist" => dist(rest).map(|_| ()),
        "check-digest" => check_digest(rest),
        "e2e" => e2e_command(rest),
        "engines" => engines_command(rest),
        "perf" => perf_command(rest),
        "minify" => tools::minify(rest),
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(util::Error(format!("unknown command `{other}`\n{USAGE}"))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask {command}: error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn dist_dir() -> PathBuf {
    root().join("dist")
}

/// Options of the form `--name value` / `--flag`; anything else is an error.
struct Opts {
    pairs: Vec<(String, Option<String>)>,
    /// Everything after `--`.
    passthrough: Vec<String>,
}

impl Opts {
    fn parse(args: &[String], with_value: &[&str], flags: &[&str]) -> Result<Opts> {
        let mut pairs = Vec::new();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if a == "--" {
                return Ok(Opts {
                    pairs,
                    passthrough: it.cloned().collect(),
                });
            }
            let (name, inline) = match a.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (a.as_str(), None),
            };
            if with_value.contains(&name) {
                let value = match inline {
                    Some(v) => v,
                    None => it
                        .next()
                        .cloned()
                        .ok_or_else(|| util::Error(format!("{name} needs a value")))?,
                };
                pairs.push((name.to_string(), Some(value)));
            } else if flags.contains(&name) && inline.is_none() {
                pairs.push((name.to_string(), None));
            } else {
                crate::bail!("unexpected argument `{a}`\n{USAGE}");
            }
        }
        Ok(Opts {
            pairs,
            passthrough: Vec::new(),
        })
    }

    fn value(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.as_deref())
    }

    fn flag(&self, name: &str) -> bool {
        self.pairs.iter().any(|(n, _)| n == name)
    }
}

/// `trunk build --release` (Trunk.toml says how; its hooks prerender the pages).
/// Builds dist/ for a site served under `site_path` (`/zxhy/2025/`); only the 404 page
/// depends on it (see `prerender::site_path`). `None` leaves `JIANYAN_SITE_PATH` as it is.
/// `site_url` (`--site-url`) is the address the site is published at (`JIANYAN_SITE_URL`,
/// checked by the prerender); without it nothing that needs an absolute address is written.
fn build_dist(site_path: Option<&str>, site_url: Option<&str>) -> Result {
    let mut trunk = cmd(tools::tool_bin("trunk"));
    trunk.args(["build", "--release"]);
    if let Some(p) = site_path {
        trunk.env("JIANYAN_SITE_PATH", p);
    }
    if let Some(u) = site_url {
        trunk.env("JIANYAN_SITE_URL", u);
    }
    run(&mut trunk)?;
    if !dist_dir().join("index.html").is_file() {
        crate::bail!("trunk build finished but dist/index.html is missing");
    }
    split::split_dist(&dist_dir(), &util::target_dir())
}

fn dist(args: &[String]) -> Result<sizes::Report> {
    let opts = Opts::parse(args, &["--site-path", "--site-url"], &[])?;
    step("tools for the build", tools::ensure_build_tools)?;
    step("build dist/ (trunk build --release)", || {
        build_dist(opts.value("--site-path"), opts.value("--site-url"))
    })?;
    step("sizes of dist/ and the byte budgets", || {
        sizes::step(&dist_dir())
    })
}

fn serve(args: &[String]) -> Result {
    let opts = Opts::parse(
        args,
        &["--port", "--base", "--dir", "--site-url"],
        &["--no-build"],
    )?;
    let port: u16 = match opts.value("--port") {
        Some(p) => p.parse().context(format!("--port {p}"))?,
        None => 8080,
    };
    let base = opts.value("--base").unwrap_or("/");
    // --dir serves another folder as it is (no build), e.g. a copy of dist/.
    let dir = match opts.value("--dir") {
        Some(d) => std::env::current_dir()?.join(d),
        None => dist_dir(),
    };
    if opts.value("--dir").is_none() && !opts.flag("--no-build") {
        step("tools for the build", tools::ensure_build_tools)?;
        step("build dist/ (trunk build --release)", || {
            build_dist(Some(base), opts.value("--site-url"))
        })?;
    } else if !dir.join("index.html").is_file() {
        crate::bail!("{}/index.html is missing: build it first", dir.display());
    }
    let server = server::Server::bind(&dir, base, port, server::Log::All)?;
    server.warm_in_background();
    println!(
        "\nServing {} at {}  (Ctrl+C to stop)",
        dir.display(),
        server.url()
    );
    server.run();
    Ok(())
}

fn check_digest(args: &[String]) -> Result {
    let [file] = args else {
        crate::bail!("usage: cargo xtask check-digest FILE");
    };
    // The user's FILE is relative to where they ran the command; cargo runs in the root.
    let path = std::env::current_dir()?.join(file);
    run(digest_tool().arg("check").arg(path))
}

/// The core crate must not depend on any browser crate: its tests then run with none compiled,
/// and the compiler keeps DOM code out of it. Asks cargo for its dependency tree (all features).
fn check_core_is_pure() -> Result {
    const BROWSER: [&str; 6] = [
        "yew",
        "web-sys",
        "wasm-bindgen",
        "js-sys",
        "gloo",
        "gloo-events",
    ];
    let tree = util::output(
        cargo()
            .args(["tree", "-q", "-p", "jianyan-core", "--all-features"])
            .args(["-e", "normal,build", "--prefix", "none", "--format", "{p}"]),
    )?;
    let tree = String::from_utf8_lossy(&tree);
    let found: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| BROWSER.contains(name))
        .collect();
    if !found.is_empty() {
        crate::bail!(
            "jianyan-core depends on browser crates: {}",
            found.join(", ")
        );
    }
    println!("jianyan-core: no browser crate among its dependencies");
    Ok(())
}

/// `cargo run` of the editors' digest command (`crates/core/src/bin/digest.rs`), ready for its arguments.
pub fn digest_tool() -> std::process::Command {
    let mut c = cargo();
    c.args([
        "run",
        "-q",
        "-p",
        "jianyan-core",
        "--features",
        "json",
        "--bin",
        "jianyan-digest",
        "--",
    ]);
    c
}

/// Serves dist/ under [`E2E_BASE`] on a free port in this process (for as long as it runs)
/// and returns its URL.
fn serve_dist_for_tests() -> Result<String> {
    if !dist_dir().join("index.html").is_file() {
        crate::bail!("dist/index.html is missing: build it first (cargo xtask dist)");
    }
    let server = server::Server::bind(&dist_dir(), E2E_BASE, 0, server::Log::Errors)?;
    // Compress up front, as a host serving precompressed files would: else the
    // first request for the wasm waits seconds for brotli -q 11.
    let start = std::time::Instant::now();
    let n = server.warm();
    println!(
        "compressed {n} files (brotli, gzip) in {}",
        util::fmt_duration(start.elapsed())
    );
    let url = server.spawn();
    println!("serving dist/ at {url} for the browser tests");
    Ok(url)
}

/// Runs Playwright against dist/ served under [`E2E_BASE`], and a copy of it whose pages
/// name a site address (`dist_for_site_url`).
fn run_e2e(playwright_args: &[String]) -> Result {
    let url = serve_dist_for_tests()?;
    let with_address = dist_for_site_url(E2E_SITE_URL)?;
    let site_url = perf::serve_with(&with_address, E2E_BASE, false)?;
    println!(
        "serving {} (pages for {E2E_SITE_URL}) at {site_url}",
        with_address.display()
    );
    run(cmd(npm_cmd("npx"))
        .args(["playwright", "test"])
        .args(playwright_args)
        .current_dir(root().join("e2e"))
        .env("JIANYAN_BASE_URL", &url)
        .env("JIANYAN_SITE_BASE_URL", &site_url)
        .env("JIANYAN_SITE_URL", E2E_SITE_URL)
        .env("CHROME_PATH", tools::chromium_path())
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))
}

/// A copy of the built dist/ in `target/site-url/` whose pages the prerender fills again for
/// the site address `url`: the pages' heads, the sitemap and the print-out's foot are all that
/// depend on it, so the browser tests check a site with an address without a second
/// WebAssembly build (a few seconds instead of minutes).
fn dist_for_site_url(url: &str) -> Result<PathBuf> {
    let dir = util::target_dir().join("site-url");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).context(format!("cannot remove {}", dir.display()))?;
    }
    util::copy_dir(&dist_dir(), &dir)?;
    run(cargo()
        .args(["run", "--quiet", "--offline", "-p", "jianyan"])
        .args(["--features", "ssr", "--bin", "prerender", "--"])
        .arg(&dir)
        .env("JIANYAN_SITE_URL", url)
        .env("JIANYAN_SITE_PATH", E2E_BASE))?;
    Ok(dir)
}

/// The reader's journeys in Firefox ESR and WebKitGTK (`e2e/engines/`, run by Playwright's
/// test runner with its own drivers: puppeteer-core and WebKitWebDriver), against dist/
/// served under [`E2E_BASE`]. Prints how long the layer took.
fn run_engines(engines: &tools::Engines, playwright_args: &[String]) -> Result {
    let start = std::time::Instant::now();
    let url = serve_dist_for_tests()?;
    let result = run(cmd(npm_cmd("npx"))
        .args(["playwright", "test", "--config", "engines.config.ts"])
        .args(playwright_args)
        .current_dir(root().join("e2e"))
        .env("JIANYAN_BASE_URL", &url)
        .env("JIANYAN_FIREFOX", &engines.firefox)
        .env("JIANYAN_MINIBROWSER", &engines.minibrowser)
        .env("JIANYAN_WEBKIT_DRIVER", &engines.webkit_driver)
        .env("JIANYAN_XVFB_RUN", &engines.xvfb_run)
        .env("PUPPETEER_SKIP_DOWNLOAD", "1")
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"));
    println!(
        "engine tests (Firefox ESR, WebKitGTK) took {} (budget: 10 min)",
        util::fmt_duration(start.elapsed())
    );
    result
}

/// Builds dist/ as the browser tests serve it (under [`E2E_BASE`]), unless `--no-build`.
fn build_for_browser_tests(opts: &Opts) -> Result {
    if opts.flag("--no-build") {
        return Ok(());
    }
    step("tools for the build", tools::ensure_build_tools)?;
    step("build dist/ (trunk build --release)", || {
        build_dist(Some(E2E_BASE), None)
    })
}

fn engines_command(args: &[String]) -> Result {
    let opts = Opts::parse(args, &[], &["--no-build"])?;
    let engines = step("tools for the engine tests", || {
        let engines = tools::ensure_engines()?;
        tools::ensure_e2e_packages()?;
        Ok(engines)
    })?;
    build_for_browser_tests(&opts)?;
    step("engine tests (Firefox ESR, WebKitGTK)", || {
        run_engines(&engines, &opts.passthrough)
    })
}

fn e2e_command(args: &[String]) -> Result {
    let opts = Opts::parse(args, &[], &["--no-build"])?;
    step("tools for the browser tests", || {
        tools::ensure_browser()?;
        tools::ensure_e2e_packages()
    })?;
    build_for_browser_tests(&opts)?;
    step("browser tests (Playwright)", || run_e2e(&opts.passthrough))
}

/// `cargo xtask perf`: the performance layers of `test`, alone.
fn perf_command(args: &[String]) -> Result {
    let parts = ["bench", "lighthouse", "browser"];
    let (names, rest): (Vec<String>, Vec<String>) = args
        .iter()
        .cloned()
        .partition(|a| parts.contains(&a.as_str()));
    let opts = Opts::parse(&rest, &[], &["--no-build"])?;
    let all = names.is_empty();
    let want = |p: &str| all || names.iter().any(|n| n == p);
    if want("bench") {
        step(
            "core benchmarks (criterion) and the search budget",
            perf::bench,
        )?;
    }
    if want("lighthouse") || want("browser") {
        step("tools for the browser tests", || {
            tools::ensure_browser()?;
            tools::ensure_e2e_packages()
        })?;
        step("tools for the build", tools::ensure_build_tools)?;
    }
    if want("lighthouse") {
        if !opts.flag("--no-build") {
            step("build dist/ (trunk build --release)", || {
                build_dist(Some(E2E_BASE), None)
            })?;
        }
        step("Lighthouse (mobile) on dist/", || {
            perf::lighthouse(&dist_dir(), E2E_BASE)
        })?;
    }
    if want("browser") {
        step(
            "keystroke timing at 10× and 100× (synthetic digests)",
            || perf::browser(E2E_BASE, opts.flag("--no-build"), &opts.passthrough),
        )?;
    }
    Ok(())
}

type StepFn = Box<dyn Fn() -> Result>;

/// Keys for `cargo xtask test --skip KEY,KEY` (a developer's shortcut; CI runs all).
const STEP_KEYS: &[&str] = &[
    "tools",
    "fmt",
    "clippy",
    "test",
    "digest",
    "dist",
    "e2e",
    "engines",
    "bench",
    "lighthouse",
    "perf",
];

/// Every test layer, in order, stopping at the first failure.
fn test(args: &[String]) -> Result {
    let opts = Opts::parse(args, &["--skip", "--site-url"], &[])?;
    let site_url = opts.value("--site-url").map(str::to_string);
    let skip: Vec<&str> = opts
        .value("--skip")
        .map(|s| s.split(',').map(str::trim).collect())
        .unwrap_or_default();
    if let Some(bad) = skip.iter().find(|k| !STEP_KEYS.contains(k)) {
        crate::bail!("--skip {bad}: steps are {}", STEP_KEYS.join(", "));
    }
    let started = std::time::Instant::now();
    let engines_skipped = skip.contains(&"engines");
    let steps: Vec<(&str, &str, StepFn)> = vec![
        (
            "tools",
            "1. tools (install what is missing)",
            Box::new(move || {
                tools::ensure_build_tools()?;
                tools::ensure_lint_tools()?;
                tools::ensure_browser()?;
                if !engines_skipped {
                    tools::ensure_engines()?;
                }
                tools::ensure_e2e_packages()
            }),
        ),
        (
            "fmt",
            "2. format (cargo fmt --check)",
            Box::new(|| run(cargo().args(["fmt", "--all", "--", "--check"]))),
        ),
        (
            "clippy",
            "3. lint (clippy, host and wasm)",
            Box::new(|| {
                run(cargo().args([
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--features",
                    "jianyan/ssr,jianyan-core/json",
                    "--",
                    "-D",
                    "warnings",
                ]))?;
                run(cargo().args([
                    "clippy",
                    "-p",
                    "jianyan",
                    "--target",
                    "wasm32-unknown-unknown",
                    "--features",
                    "hydration",
                    "--lib",
                    "--bins",
                    "--",
                    "-D",
                    "warnings",
                ]))
            }),
        ),
        (
            "test",
            "4. unit and integration tests (cargo test)",
            Box::new(|| {
                check_core_is_pure()?;
                run(cargo().args([
                    "test",
                    "--workspace",
                    "--features",
                    "jianyan/ssr,jianyan-core/json",
                ]))
            }),
        ),
        (
            "digest",
            "5. digest check (static/digest.json)",
            Box::new(|| check_digest(&["static/digest.json".into()])),
        ),
        (
            "dist",
            "6. dist/ build, sizes and byte budgets (fatal)",
            Box::new(move || {
                // Built for the path the browser tests serve it under (the 404 page); with
                // `--site-url`, for that address too (the browser tests check a copy filled
                // for their own address either way: `dist_for_site_url`).
                build_dist(Some(E2E_BASE), site_url.as_deref())?;
                sizes::step(&dist_dir()).map(|_| ())
            }),
        ),
        (
            "e2e",
            "7. browser tests (Playwright, under /zxhy/2025/)",
            Box::new(|| run_e2e(&[])),
        ),
        (
            "engines",
            "8. the reader's journeys in Firefox ESR and WebKitGTK (under /zxhy/2025/)",
            Box::new(|| run_engines(&tools::ensure_engines()?, &[])),
        ),
        // Later layers go here, one entry each (and a key in STEP_KEYS), after
        // the browser tests.
        (
            "bench",
            "9. core benchmarks at 1×, 10×, 100× (criterion; search ≤ 1 ms at 100×, reported)",
            Box::new(perf::bench),
        ),
        (
            "lighthouse",
            "10. Lighthouse (mobile) on dist/ and the plain reference page",
            Box::new(|| perf::lighthouse(&dist_dir(), E2E_BASE)),
        ),
        (
            "perf",
            "11. keystroke to results at 10× and 100× (synthetic builds, Playwright)",
            Box::new(|| perf::browser(E2E_BASE, false, &[])),
        ),
    ];
    let (mut passed, mut skipped) = (0, 0);
    for (key, name, f) in &steps {
        if skip.contains(key) {
            println!("\n==> {name}: skipped (--skip {key})");
            skipped += 1;
            continue;
        }
        if let Err(e) = step(name, f) {
            println!(
                "\nxtask test: failed at step {name} after {}",
                util::fmt_duration(started.elapsed())
            );
            println!("steps: {passed} passed, 1 failed, {skipped} skipped");
            return Err(e);
        }
        passed += 1;
    }
    println!("figures of this run: {}", figures::path().display());
    println!(
        "\nxtask test: {passed} steps passed in {}",
        util::fmt_duration(started.elapsed())
    );
    if skipped > 0 {
        println!("steps: {passed} passed, 0 failed, {skipped} skipped");
    } else {
        println!("steps: {passed} passed, 0 failed");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_options() {
        let o = Opts::parse(
            &strings(&["--port", "9000", "--base=/zxhy/2025/", "--no-build"]),
            &["--port", "--base"],
            &["--no-build"],
        )
        .unwrap();
        assert_eq!(o.value("--port"), Some("9000"));
        assert_eq!(o.value("--base"), Some("/zxhy/2025/"));
        assert!(o.flag("--no-build"));
        let o = Opts::parse(&strings(&["--", "--grep", "smoke"]), &[], &["--no-build"]).unwrap();
        assert_eq!(o.passthrough, strings(&["--grep", "smoke"]));
        assert!(Opts::parse(&strings(&["--port"]), &["--port"], &[]).is_err());
        assert!(Opts::parse(&strings(&["--nope"]), &["--port"], &[]).is_err());
    }
}
