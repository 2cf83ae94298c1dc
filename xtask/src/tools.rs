//! Installs what is missing, project-locally, and reuses what is there.
//!
//! - the `wasm32-unknown-unknown` target (rustup);
//! - `trunk` and `wasm-bindgen` into `.tools/bin` (`cargo install --root .tools`);
//! - `wasm-opt` from npm's `binaryen` (Debian's is too old) and `esbuild` into `.tools/npm`;
//! - for the browser tests: Chromium, ChromeDriver and a CJK font (apt, on
//!   Debian as root; elsewhere we say what to install), and the npm packages
//!   of `e2e/` (`npm ci`);
//! - for the engine tests: Firefox ESR, WebKitGTK's MiniBrowser and WebKitWebDriver, Xvfb
//!   (apt, the same way).

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::bail;
use crate::util::{
    cargo, cmd, exe, fmt_duration, npm_cmd, probe, root, run, tools_dir, Context, Result,
};

/// Trunk 0.22 needs a newer rustc than this project's machines have.
pub const TRUNK_VERSION: &str = "0.21.14";
/// npm `binaryen` whose `wasm-opt` is `version_132` (Trunk.toml pins it).
pub const BINARYEN_VERSION: &str = "132.0.0";
/// npm `esbuild`: its package carries the binary for this platform (no download script).
pub const ESBUILD_VERSION: &str = "0.28.2";
pub const NODE_MIN_MAJOR: u32 = 20;

fn have(what: &str, detail: impl std::fmt::Display) {
    println!("  {what}: {detail}");
}

/// Runs an install and prints how long it took.
fn install(what: &str, f: impl FnOnce() -> Result) -> Result {
    println!("  {what}: installing");
    let start = Instant::now();
    f()?;
    println!("  {what}: installed in {}", fmt_duration(start.elapsed()));
    Ok(())
}

/// Everything `trunk build --release` needs.
pub fn ensure_build_tools() -> Result {
    ensure_wasm_target()?;
    // Trunk.toml sets `offline = true`, so every crate must be downloaded
    // beforehand; this also writes Cargo.lock if it is missing.
    run(cargo().arg("fetch").arg("--quiet"))?;
    ensure_trunk()?;
    ensure_wasm_bindgen()?;
    ensure_npm_tools()?;
    crate::split::ensure_cli()
}

fn ensure_wasm_target() -> Result {
    const TARGET: &str = "wasm32-unknown-unknown";
    if let Some(list) = probe(cmd("rustup").args(["target", "list", "--installed"])) {
        if list.lines().any(|l| l.trim() == TARGET) {
            have(TARGET, "installed");
            return Ok(());
        }
        return install(
            TARGET,
            || run(cmd("rustup").args(["target", "add", TARGET])),
        );
    }
    // No rustup: a toolchain from elsewhere may still have the target.
    if let Some(dir) = probe(cmd("rustc").args(["--print", "target-libdir", "--target", TARGET])) {
        if Path::new(&dir).is_dir() {
            have(TARGET, "installed");
            return Ok(());
        }
    }
    bail!("the {TARGET} target is missing and rustup is not available: install Rust with rustup (https://rustup.rs), then run `rustup target add {TARGET}`")
}

pub fn tool_bin(name: &str) -> PathBuf {
    tools_dir().join("bin").join(exe(name))
}

fn ensure_trunk() -> Result {
    let bin = tool_bin("trunk");
    let want = format!("trunk {TRUNK_VERSION}");
    if probe(cmd(&bin).arg("--version")).as_deref() == Some(want.as_str()) {
        have("trunk", format!("{TRUNK_VERSION} in .tools/bin"));
        return Ok(());
    }
    install(&format!("trunk {TRUNK_VERSION} (about 7 min)"), || {
        run(cargo()
            .args([
                "install",
                "--locked",
                "--force",
                "trunk",
                "--version",
                TRUNK_VERSION,
                "--root",
            ])
            .arg(tools_dir()))
    })
}

/// The wasm-bindgen version the app links (Cargo.lock, through `cargo metadata`), which the
/// CLI must match exactly. Trunk.toml's `[tools] wasm_bindgen`, if set, must agree.
pub fn wasm_bindgen_version() -> Result<String> {
    let metadata = cargo_metadata::MetadataCommand::new()
        .manifest_path(root().join("Cargo.toml"))
        .other_options(vec!["--offline".to_string()])
        .exec()
        .context("cargo metadata")?;
    let mut versions: Vec<String> = metadata
        .packages
        .iter()
        .filter(|p| p.name.as_str() == "wasm-bindgen")
        .map(|p| p.version.to_string())
        .collect();
    versions.dedup();
    let version = match versions.as_slice() {
        [one] => one.clone(),
        [] => bail!("Cargo.lock has no wasm-bindgen package: does the app crate depend on it?"),
        many => bail!(
            "Cargo.lock has several wasm-bindgen versions ({}); the CLI can match only one",
            many.join(", ")
        ),
    };
    if let Ok(text) = std::fs::read_to_string(root().join("Trunk.toml")) {
        let trunk: TrunkToml = toml::from_str(&text).context("Trunk.toml")?;
        if let Some(pinned) = trunk.tools.wasm_bindgen {
            if pinned != version {
                bail!("Trunk.toml pins wasm_bindgen = \"{pinned}\" but Cargo.lock has wasm-bindgen {version}: make them equal");
            }
        }
    }
    Ok(version)
}

/// The part of Trunk.toml xtask reads.
#[derive(serde::Deserialize)]
struct TrunkToml {
    #[serde(default)]
    tools: TrunkTools,
}

#[derive(serde::Deserialize, Default)]
struct TrunkTools {
    wasm_bindgen: Option<String>,
}

fn ensure_wasm_bindgen() -> Result {
    let version = wasm_bindgen_version()?;
    let bin = tool_bin("wasm-bindgen");
    let want = format!("wasm-bindgen {version}");
    if probe(cmd(&bin).arg("--version")).as_deref() == Some(want.as_str()) {
        have("wasm-bindgen", format!("{version} in .tools/bin"));
        return Ok(());
    }
    // Not --locked: its lock file wants a crate version the registry lacks.
    install(&format!("wasm-bindgen-cli {version} (about 2 min)"), || {
        run(cargo()
            .args([
                "install",
                "--force",
                "wasm-bindgen-cli",
                "--version",
                &version,
                "--root",
            ])
            .arg(tools_dir()))
    })
}

fn npm_tools_dir() -> PathBuf {
    tools_dir().join("npm")
}

/// A command installed in `.tools/npm` (`NAME.cmd` on Windows).
pub fn npm_tool_bin(name: &str) -> PathBuf {
    npm_tools_dir()
        .join("node_modules")
        .join(".bin")
        .join(npm_cmd(name))
}

/// `cargo xtask minify style|loader`: the esbuild steps Trunk.toml's hooks run (a hook runs
/// a program, not a shell, so that `trunk build` works the same on Windows).
///
/// - `style` (before the build): `static/style.css` minified into `target/minified/`, which
///   Trunk then hashes (its link carries an integrity hash); the targets keep it readable by the
///   old engines that get the static pages (X5 ≈ Chrome 53).
/// - `loader` (after the build): the wasm-bindgen JS loaders in Trunk's staging folder
///   (`TRUNK_STAGING_DIR`), minified in place; the loader only runs where WebAssembly does.
pub fn minify(args: &[String]) -> Result {
    let esbuild = npm_tool_bin("esbuild");
    match args {
        [what] if what == "style" => run(cmd(&esbuild).args([
            "static/style.css",
            "--minify",
            "--target=chrome53,edge16,firefox52,safari10,ios10",
            "--log-level=warning",
            "--outfile=target/minified/style.css",
        ])),
        [what] if what == "loader" => {
            let Some(staging) = std::env::var_os("TRUNK_STAGING_DIR") else {
                bail!("minify loader runs as a Trunk hook: TRUNK_STAGING_DIR is not set");
            };
            let staging = PathBuf::from(staging);
            let mut loaders: Vec<PathBuf> = std::fs::read_dir(&staging)
                .context(format!("cannot read {}", staging.display()))?
                .flatten()
                .map(|e| e.path())
                .filter(|p| {
                    let name = p.file_name().unwrap_or_default().to_string_lossy();
                    // The wasm-bindgen loader, and boot.js (in every page's critical path).
                    (name.starts_with("jianyan-") && name.ends_with(".js")) || name == "boot.js"
                })
                .collect();
            loaders.sort();
            if loaders.is_empty() {
                bail!("no jianyan-*.js loader in {}", staging.display());
            }
            for f in loaders {
                minify_module(&f, &f, false)?;
            }
            Ok(())
        }
        _ => bail!("usage: cargo xtask minify style|loader"),
    }
}

/// An ES module minified by esbuild into `output` (which may be `input`); with `bundle`, the
/// modules it imports are put into the same file.
pub fn minify_module(input: &Path, output: &Path, bundle: bool) -> Result {
    let mut esbuild = cmd(npm_tool_bin("esbuild"));
    esbuild.arg(input).args([
        "--minify",
        "--format=esm",
        "--target=es2020",
        "--log-level=warning",
        "--allow-overwrite",
    ]);
    if bundle {
        esbuild.arg("--bundle");
    }
    run(esbuild.arg(format!("--outfile={}", output.display())))
}

/// `wasm-opt` (npm `binaryen`, which Trunk runs) and `esbuild` (which the Trunk.toml hooks
/// run to minify the stylesheet and the JS loader), in `.tools/npm`.
fn ensure_npm_tools() -> Result {
    for (package, version, bin, what) in [
        ("binaryen", BINARYEN_VERSION, "wasm-opt", "wasm-opt"),
        ("esbuild", ESBUILD_VERSION, "esbuild", "esbuild"),
    ] {
        ensure_npm_tool(package, version, bin, what)?;
    }
    Ok(())
}

fn ensure_npm_tool(package: &str, version: &str, bin: &str, what: &str) -> Result {
    let modules = npm_tools_dir().join("node_modules");
    let pkg = modules.join(package).join("package.json");
    let bin = modules.join(".bin").join(if cfg!(windows) {
        format!("{bin}.cmd")
    } else {
        bin.to_string()
    });
    let installed = std::fs::read_to_string(&pkg)
        .ok()
        .and_then(|s| package_version(&s));
    if installed.as_deref() == Some(version) && bin.is_file() {
        have(what, format!("{package} {version} in .tools/npm"));
        return Ok(());
    }
    ensure_node()?;
    install(&format!("{what} (npm {package}@{version})"), || {
        run(cmd(npm_cmd("npm"))
            .args([
                "install",
                "--no-audit",
                "--no-fund",
                "--save-exact",
                "--prefix",
            ])
            .arg(npm_tools_dir())
            .arg(format!("{package}@{version}")))
    })
}

/// The `version` of an npm package.json.
fn package_version(json: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(json).ok()?;
    Some(value.get("version")?.as_str()?.to_string())
}

/// Node.js 20 or newer on PATH.
pub fn ensure_node() -> Result {
    let Some(v) = probe(cmd("node").arg("--version")) else {
        bail!("Node.js is not on PATH: install Node.js {NODE_MIN_MAJOR} or newer (https://nodejs.org), with npm");
    };
    let major: u32 = v
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    if major < NODE_MIN_MAJOR {
        bail!("Node.js {v} is too old: install Node.js {NODE_MIN_MAJOR} or newer");
    }
    Ok(())
}

/// rustfmt and clippy (rustup components; present in the default profile).
pub fn ensure_lint_tools() -> Result {
    for (sub, component) in [("fmt", "rustfmt"), ("clippy", "clippy")] {
        if probe(cargo().args([sub, "--version"])).is_some() {
            have(component, "installed");
            continue;
        }
        if probe(cmd("rustup").arg("--version")).is_none() {
            bail!("`cargo {sub}` is missing: install the {component} component of your Rust toolchain");
        }
        install(component, || {
            run(cmd("rustup").args(["component", "add", component]))
        })?;
    }
    Ok(())
}

/// The Chromium the browser tests drive: `CHROME_PATH` if set, else Debian's.
pub fn chromium_path() -> PathBuf {
    match std::env::var_os("CHROME_PATH") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => PathBuf::from("/usr/bin/chromium"),
    }
}

fn is_root() -> bool {
    probe(cmd("id").arg("-u")).as_deref() == Some("0")
}

fn has_cjk_font() -> bool {
    probe(cmd("fc-list").args([":lang=zh", "family"])).is_some_and(|out| !out.trim().is_empty())
}

const BROWSER_HELP: &str =
    "The browser tests need Chromium (or Chrome), ChromeDriver and a font with Chinese glyphs.\n\
  Debian/Ubuntu: sudo apt-get install chromium chromium-driver fonts-wqy-microhei\n\
  Elsewhere: install Chrome or Chromium and chromedriver of the same version, plus a CJK font\n\
  (Noto Sans CJK, WenQuanYi Micro Hei, or the system's Chinese fonts), then set\n\
  CHROME_PATH to the browser executable and put chromedriver on PATH.";

/// Chromium, ChromeDriver and a CJK font; installs them with apt on Debian as root.
pub fn ensure_browser() -> Result {
    if let Some(p) = std::env::var_os("CHROME_PATH").filter(|p| !p.is_empty()) {
        if Path::new(&p).is_file() {
            have(
                "browser",
                format!("CHROME_PATH={}", Path::new(&p).display()),
            );
            return Ok(());
        }
        bail!(
            "CHROME_PATH={} is not a file.\n{BROWSER_HELP}",
            Path::new(&p).display()
        );
    }
    if !cfg!(target_os = "linux") {
        bail!("no browser configured.\n{BROWSER_HELP}");
    }
    let mut missing = Vec::new();
    if !Path::new("/usr/bin/chromium").is_file() {
        missing.push("chromium");
    }
    if !Path::new("/usr/bin/chromedriver").is_file() {
        missing.push("chromium-driver");
    }
    if !has_cjk_font() {
        missing.push("fonts-wqy-microhei");
    }
    if missing.is_empty() {
        have(
            "browser",
            "/usr/bin/chromium, /usr/bin/chromedriver, a CJK font",
        );
        return Ok(());
    }
    apt_install("browser packages", &missing, BROWSER_HELP)
}

/// Installs Debian packages with apt-get, as root on Debian; elsewhere says what to install.
/// Waits up to 10 min for the dpkg lock (another install may be running).
fn apt_install(what: &str, missing: &[&str], help: &str) -> Result {
    let debian = Path::new("/etc/debian_version").is_file()
        && probe(cmd("apt-get").arg("--version")).is_some();
    if !(debian && is_root()) {
        bail!(
            "missing: {}. Install them as root:\n  apt-get update && apt-get install -y {}\n{help}",
            missing.join(", "),
            missing.join(" ")
        );
    }
    let apt = || {
        let mut c = cmd("apt-get");
        c.args(["-o", "DPkg::Lock::Timeout=600"])
            .env("DEBIAN_FRONTEND", "noninteractive");
        c
    };
    install(&format!("{what} ({})", missing.join(" ")), || {
        run(apt().arg("update"))?;
        run(apt().args(["install", "-y"]).args(missing))
    })
}

/// Firefox ESR and WebKitGTK (Safari's engine), for `cargo xtask engines`.
pub struct Engines {
    pub firefox: PathBuf,
    /// WebKitGTK's MiniBrowser, which WebKitWebDriver starts with `--automation`.
    pub minibrowser: PathBuf,
    pub webkit_driver: PathBuf,
    /// Runs WebKitWebDriver (and so the MiniBrowser) on a virtual X display.
    pub xvfb_run: PathBuf,
}

/// The Debian package that installs WebKitGTK's MiniBrowser.
const WEBKIT_PACKAGE: &str = "libwebkit2gtk-4.1-0";

const ENGINES_HELP: &str =
    "The engine tests drive Firefox ESR (over WebDriver BiDi, with npm puppeteer-core) and\n\
  WebKitGTK's MiniBrowser (with WebKitWebDriver, on a virtual X display).\n\
  Debian/Ubuntu: sudo apt-get install firefox-esr webkit2gtk-driver libwebkit2gtk-4.1-0 xvfb xauth\n\
  Elsewhere they are not available as such: run `cargo xtask test --skip engines`.";

/// The MiniBrowser that `libwebkit2gtk-4.1-0` installs (`dpkg -L` lists it).
fn minibrowser() -> Option<PathBuf> {
    let files = probe(cmd("dpkg").args(["-L", WEBKIT_PACKAGE]))?;
    files
        .lines()
        .map(Path::new)
        .find(|p| p.file_name().is_some_and(|n| n == "MiniBrowser") && p.is_file())
        .map(Path::to_path_buf)
}

/// Firefox ESR, WebKitWebDriver, WebKitGTK's MiniBrowser, Xvfb and a CJK font; installs
/// them with apt on Debian as root.
pub fn ensure_engines() -> Result<Engines> {
    if !cfg!(target_os = "linux") {
        bail!("the engine tests run on Linux only.\n{ENGINES_HELP}");
    }
    let found = |bin: &str| {
        ["/usr/bin", "/usr/local/bin"]
            .iter()
            .map(|d| Path::new(d).join(bin))
            .find(|p| p.is_file())
    };
    let mut missing = Vec::new();
    for (bin, package) in [
        ("firefox-esr", "firefox-esr"),
        ("WebKitWebDriver", "webkit2gtk-driver"),
        ("xvfb-run", "xvfb"),
        ("xauth", "xauth"),
    ] {
        if found(bin).is_none() {
            missing.push(package);
        }
    }
    if minibrowser().is_none() {
        missing.push(WEBKIT_PACKAGE);
    }
    if !has_cjk_font() {
        missing.push("fonts-wqy-microhei");
    }
    if !missing.is_empty() {
        apt_install("engine packages", &missing, ENGINES_HELP)?;
    }
    let need = |bin: &str| {
        found(bin).ok_or_else(|| crate::util::Error(format!("{bin} is missing.\n{ENGINES_HELP}")))
    };
    let engines = Engines {
        firefox: need("firefox-esr")?,
        minibrowser: minibrowser().ok_or_else(|| {
            crate::util::Error(format!(
                "{WEBKIT_PACKAGE} installs no MiniBrowser.\n{ENGINES_HELP}"
            ))
        })?,
        webkit_driver: need("WebKitWebDriver")?,
        xvfb_run: need("xvfb-run")?,
    };
    have(
        "engines",
        format!(
            "{}, {}",
            engines.firefox.display(),
            engines.minibrowser.display()
        ),
    );
    Ok(engines)
}

/// `npm ci` in e2e/, skipped when node_modules matches package-lock.json.
pub fn ensure_e2e_packages() -> Result {
    ensure_node()?;
    let e2e = root().join("e2e");
    let lock = e2e.join("package-lock.json");
    let stamp = e2e.join("node_modules").join(".xtask-package-lock.json");
    let wanted = std::fs::read(&lock).context("cannot read e2e/package-lock.json")?;
    if std::fs::read(&stamp).ok().as_deref() == Some(&wanted[..]) {
        have("e2e npm packages", "up to date");
        return Ok(());
    }
    install("e2e npm packages (npm ci)", || {
        run(cmd(npm_cmd("npm"))
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&e2e)
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))?;
        std::fs::write(&stamp, &wanted).context("cannot write the e2e install stamp")?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_locked_wasm_bindgen_version() {
        let v = wasm_bindgen_version().unwrap();
        assert!(v.starts_with("0.2."), "{v}");
    }

    #[test]
    fn reads_trunk_tools() {
        let toml = "[build]\noffline = true\n\n[tools]\nwasm_bindgen = \"0.2.130\" # pinned\nwasm_opt = \"version_132\"\n";
        let t: TrunkToml = toml::from_str(toml).unwrap();
        assert_eq!(t.tools.wasm_bindgen.as_deref(), Some("0.2.130"));
        let t: TrunkToml = toml::from_str("[build]\n").unwrap();
        assert_eq!(t.tools.wasm_bindgen, None);
    }

    #[test]
    fn reads_package_json_version() {
        let json = "{\n  \"name\": \"binaryen\",\n  \"version\": \"132.0.0\"\n}";
        assert_eq!(package_version(json).as_deref(), Some("132.0.0"));
        assert_eq!(package_version("{"), None);
    }
}
