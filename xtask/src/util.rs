//! Errors, steps with timings, and running child processes.

use std::ffi::OsString;
use std::fmt::{self, Display};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// An error for the user: one readable message (no backtrace needed).
#[derive(Debug)]
pub struct Error(pub String);

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<E: std::error::Error> From<E> for Error {
    fn from(e: E) -> Self {
        Error(e.to_string())
    }
}

pub type Result<T = ()> = std::result::Result<T, Error>;

/// `bail!("...")`: return an [`Error`] with a formatted message.
#[macro_export]
macro_rules! bail {
    ($($arg:tt)*) => { return Err($crate::util::Error(format!($($arg)*))) };
}

/// Adds what was being done to an error message.
pub trait Context<T> {
    fn context(self, what: impl Display) -> Result<T>;
}

impl<T, E: Display> Context<T> for std::result::Result<T, E> {
    fn context(self, what: impl Display) -> Result<T> {
        self.map_err(|e| Error(format!("{what}: {e}")))
    }
}

/// The repository root (the folder holding the workspace `Cargo.toml`).
pub fn root() -> PathBuf {
    let xtask = Path::new(env!("CARGO_MANIFEST_DIR"));
    xtask
        .parent()
        .expect("xtask lives in the repository root")
        .to_path_buf()
}

/// `.tools/` in the repository root: project-local tools (git-ignored).
pub fn tools_dir() -> PathBuf {
    root().join(".tools")
}

/// Cargo's target folder (`CARGO_TARGET_DIR`, else `target/`): generated reports go there.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) if !d.is_empty() => root().join(d),
        _ => root().join("target"),
    }
}

/// Folders put in front of PATH for every child process.
pub fn tool_path_dirs() -> Vec<PathBuf> {
    vec![
        tools_dir().join("bin"),
        tools_dir().join("npm").join("node_modules").join(".bin"),
    ]
}

/// PATH with the project's tool folders in front.
pub fn tool_path() -> OsString {
    let mut dirs = tool_path_dirs();
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).expect("tool folders contain no PATH separator")
}

/// `name` with the platform's executable suffix (`.exe` on Windows).
pub fn exe(name: &str) -> String {
    format!("{name}{}", std::env::consts::EXE_SUFFIX)
}

/// The name of an npm-installed command (`npm.cmd`, `npx.cmd` on Windows).
pub fn npm_cmd(name: &str) -> String {
    if cfg!(windows) {
        format!("{name}.cmd")
    } else {
        name.to_string()
    }
}

/// A command with the project's environment: tool folders on PATH, Trunk's
/// update check off, and cargo's per-package variables of the xtask run
/// removed (they describe xtask, not the child). Runs in the repository root.
pub fn cmd(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut c = Command::new(program);
    c.current_dir(root());
    c.env("PATH", tool_path());
    c.env("TRUNK_SKIP_VERSION_CHECK", "true");
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy();
        if key.starts_with("CARGO_PKG_")
            || key.starts_with("CARGO_MANIFEST_")
            || key.starts_with("CARGO_BIN_")
            || key == "CARGO_CRATE_NAME"
            || key == "CARGO_PRIMARY_PACKAGE"
        {
            c.env_remove(key.as_ref());
        }
    }
    c
}

/// `cargo` (the rustup proxy on PATH, so `rust-toolchain` files are honoured).
pub fn cargo() -> Command {
    cmd("cargo")
}

/// How a command is shown to the user.
pub fn show(c: &Command) -> String {
    let mut s = c.get_program().to_string_lossy().into_owned();
    for a in c.get_args() {
        let a = a.to_string_lossy();
        if a.is_empty() || a.contains(' ') {
            s.push_str(&format!(" '{a}'"));
        } else {
            s.push(' ');
            s.push_str(&a);
        }
    }
    s
}

/// Runs a command with inherited stdio; fails if it cannot start or exits non-zero.
pub fn run(c: &mut Command) -> Result {
    println!("$ {}", show(c));
    let status = c.status().map_err(|e| Error(not_found_hint(c, e)))?;
    if !status.success() {
        bail!("`{}` failed ({status})", show(c));
    }
    Ok(())
}

/// Runs a command and returns its stdout; fails with its stderr if it cannot start or exits
/// non-zero.
pub fn output(c: &mut Command) -> Result<Vec<u8>> {
    let out = c.output().map_err(|e| Error(not_found_hint(c, e)))?;
    if !out.status.success() {
        bail!(
            "`{}` failed ({}): {}",
            show(c),
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(out.stdout)
}

/// Runs a command quietly and returns its stdout, or `None` if it could not
/// start or exited non-zero (used for probing versions).
pub fn probe(c: &mut Command) -> Option<String> {
    let out = c.stdin(Stdio::null()).stderr(Stdio::null()).output().ok()?;
    if !out.status.success() {
        return None;
    }
    Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn not_found_hint(c: &Command, e: std::io::Error) -> String {
    let prog = c.get_program().to_string_lossy();
    if e.kind() == std::io::ErrorKind::NotFound {
        format!("could not start `{prog}`: not found on PATH (see README.md for what to install)")
    } else {
        format!("could not start `{prog}`: {e}")
    }
}

/// Every file below `dir` (not folders).
pub fn walk_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            out.extend(walk_files(&path)?);
        } else {
            out.push(path);
        }
    }
    Ok(out)
}

/// `f` of every item, on every core (brotli -q 11 of a large wasm takes seconds), in order.
pub fn parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done = std::sync::Mutex::new(Vec::with_capacity(items.len()));
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|s| {
        for _ in 0..threads.min(items.len()) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let Some(item) = items.get(i) else { break };
                let r = f(item);
                done.lock().unwrap_or_else(|e| e.into_inner()).push((i, r));
            });
        }
    });
    let mut done = done.into_inner().unwrap_or_else(|e| e.into_inner());
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// `1.2 s`, `3 min 04 s`.
pub fn fmt_duration(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s < 60.0 {
        format!("{s:.1} s")
    } else {
        format!("{} min {:02} s", d.as_secs() / 60, d.as_secs() % 60)
    }
}

/// Runs one named step: prints a header line, then the outcome and duration.
pub fn step<T>(name: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    println!("\n==> {name}");
    let start = Instant::now();
    let result = f();
    let took = fmt_duration(start.elapsed());
    match &result {
        Ok(_) => println!("<== {name}: ok ({took})"),
        Err(e) => println!("<== {name}: FAILED ({took}): {e}"),
    }
    result
}

/// Whole bytes as `12 345`, easy to compare in columns.
pub fn fmt_bytes(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(ch);
    }
    out
}

/// `1.5 KiB`.
pub fn fmt_kib(n: u64) -> String {
    format!("{:.1} KiB", n as f64 / 1024.0)
}

/// Copies the folder `from` into `to` (created), with everything in it.
pub fn copy_dir(from: &Path, to: &Path) -> Result {
    std::fs::create_dir_all(to).context(format!("cannot create {}", to.display()))?;
    for entry in std::fs::read_dir(from).context(format!("cannot read {}", from.display()))? {
        let entry = entry.context(format!("cannot read {}", from.display()))?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if entry
            .file_type()
            .context(format!("{}", src.display()))?
            .is_dir()
        {
            copy_dir(&src, &dst)?;
        } else {
            std::fs::copy(&src, &dst).context(format!("cannot copy {}", src.display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_bytes_in_groups() {
        assert_eq!(fmt_bytes(0), "0");
        assert_eq!(fmt_bytes(999), "999");
        assert_eq!(fmt_bytes(1000), "1 000");
        assert_eq!(fmt_bytes(1234567), "1 234 567");
    }

    #[test]
    fn formats_durations() {
        assert_eq!(fmt_duration(Duration::from_millis(1500)), "1.5 s");
        assert_eq!(fmt_duration(Duration::from_secs(184)), "3 min 04 s");
    }

    #[test]
    fn root_has_the_workspace_manifest() {
        assert!(root().join("Cargo.toml").is_file());
        assert!(root().join("xtask").join("Cargo.toml").is_file());
    }
}
