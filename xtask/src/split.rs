//! Splits the app's WebAssembly into a first module and chunks fetched when first needed
//! (`#[wasm_split(name)]` functions in `src/views/lazy.rs`, crate `wasm_split_helpers`). A step
//! after `trunk build`: Trunk 0.21 has no support for it.
//!
//! Pipeline (tried on a small Yew app first, see the toolchain notes; the same here):
//! 1. the app's wasm is linked with `--emit-relocs` (build.rs), which the splitter needs;
//! 2. `wasm-split-cli` (crate `wasm_split_cli_support`) splits the module *before* wasm-bindgen
//!    into the main module, one chunk per split point and chunks of code they share, and writes
//!    the JS that loads them (`__wasm_split.js`);
//! 3. `wasm-bindgen --keep-lld-exports` on the main module (without it the function table's
//!    export is dropped and the first chunk fails to link);
//! 4. `wasm-opt -O2` on every part (see `wasm_opt`);
//! 5. esbuild bundles wasm-bindgen's JS with the chunk loader into one minified file (no extra
//!    request at start: the loader and the JS import each other), which replaces Trunk's
//!    unsplit files in the output folder under the same names, so the pages and `boot.js` are
//!    unchanged. Chunks get content-hashed names: a chunk cached from an older build must never
//!    meet a newer main module.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use crate::bail;
use crate::tools::{minify_module, npm_tool_bin, tool_bin};
use crate::util::{cargo, cmd, probe, run, tools_dir, Context, Result};

/// `wasm_split_cli_support` with `--features build-binary` installs `wasm-split-cli`.
/// 0.2.4 handles wasm-bindgen ≥ 0.2.128 (the app links 0.2.130); the runtime crate in
/// Cargo.toml (`wasm_split_helpers` =0.2.3) is the matching release.
pub const CLI_VERSION: &str = "0.2.4";
const CLI_CRATE: &str = "wasm_split_cli_support";
const CLI_BIN: &str = "wasm-split-cli";
/// The name wasm-split-cli gives its loader; wasm-bindgen's JS imports it under this name, and
/// the same string is the key of its imports object (which must stay as it is).
const LOADER: &str = "__wasm_split.js";

/// Installs `wasm-split-cli` into `.tools/bin` unless that version is there.
pub fn ensure_cli() -> Result {
    // The CLI has no --version: cargo's own record of what it installed says which it is.
    let listed = probe(
        cargo()
            .args(["install", "--list", "--root"])
            .arg(tools_dir()),
    );
    let want = format!("{CLI_CRATE} v{CLI_VERSION}:");
    if listed.is_some_and(|l| l.lines().any(|line| line.trim() == want))
        && tool_bin(CLI_BIN).is_file()
    {
        println!("  {CLI_BIN}: {CLI_CRATE} {CLI_VERSION} in .tools/bin");
        return Ok(());
    }
    println!("  {CLI_BIN}: installing {CLI_CRATE} {CLI_VERSION} (about 2 min)");
    run(cargo()
        .args([
            "install",
            "--locked",
            "--force",
            CLI_CRATE,
            "--version",
            CLI_VERSION,
        ])
        .args(["--features", "build-binary", "--root"])
        .arg(tools_dir()))
}

/// A content hash for file names (stable for the same bytes within one build of xtask).
fn short_hash(bytes: &[u8]) -> String {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    format!("{:016x}", h.finish())
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The app's JS and wasm as the boot script names them in `dist/index.html` (relative to
/// dist/).
fn app_files(dist: &Path) -> Result<(String, String)> {
    let index = dist.join("index.html");
    let html =
        std::fs::read_to_string(&index).context(format!("cannot read {}", index.display()))?;
    let boot = crate::sizes::head_loads(&html)?.boot;
    let find = |ext: &str| {
        boot.iter()
            .find(|b| b.ends_with(ext))
            .map(|b| b.trim_start_matches("./").to_string())
    };
    match (find(".js"), find(".wasm")) {
        (Some(js), Some(wasm)) => Ok((js, wasm)),
        _ => bail!(
            "{}: the boot script names no .js and .wasm",
            index.display()
        ),
    }
}

/// Replaces Trunk's unsplit app in `dist` by the split one, built from the module before
/// wasm-bindgen that cargo left in `cargo_target` (`target/`, or the perf builds' own).
pub fn split_dist(dist: &Path, cargo_target: &Path) -> Result {
    let (js, wasm) = app_files(dist)?;
    let Some(stem) = js.strip_suffix(".js").map(str::to_string) else {
        bail!("the app's JS {js} is not a .js file");
    };
    if wasm != format!("{stem}_bg.wasm") {
        bail!("the app's wasm {wasm} is not {stem}_bg.wasm");
    }
    let input = cargo_target.join("wasm32-unknown-unknown/release/jianyan.wasm");
    let bytes = std::fs::read(&input).context(format!("cannot read {}", input.display()))?;
    if !bytes.windows(10).any(|w| w == b"reloc.CODE") {
        bail!(
            "{} has no relocations: build.rs links the app with --emit-relocs",
            input.display()
        );
    }

    let work = cargo_target.join("wasm-split");
    let _ = std::fs::remove_dir_all(&work);
    let (parts, bound) = (work.join("parts"), work.join("bindgen"));
    std::fs::create_dir_all(&parts).context(format!("cannot create {}", parts.display()))?;
    run(cmd(tool_bin(CLI_BIN))
        .args(["--target", "web", "--out-name", &stem])
        .arg(&input)
        .arg(&parts))?;
    run(cmd(tool_bin("wasm-bindgen"))
        .args([
            "--target",
            "web",
            "--keep-lld-exports",
            "--no-demangle",
            "--no-typescript",
        ])
        .args(["--out-name", &stem, "--out-dir"])
        .arg(&bound)
        .arg(parts.join(format!("{stem}.wasm"))))?;

    // The chunks, optimized, under their content's hash; the loader names them so.
    let loader = std::fs::read_to_string(parts.join(LOADER))
        .context(format!("wasm-split-cli wrote no {LOADER}"))?;
    let mut loader = warn_of_failures(&from_bytes(&loader)?)?;
    let mut chunks: Vec<PathBuf> = std::fs::read_dir(&parts)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = file_name(p);
            name.ends_with(".wasm") && name != format!("{stem}.wasm")
        })
        .collect();
    chunks.sort();
    let mut written = Vec::new();
    let mut brotli_of = std::collections::HashMap::new();
    for chunk in &chunks {
        let name = file_name(chunk);
        let optimized = work.join(&name);
        wasm_opt(chunk, &optimized)?;
        let data = std::fs::read(&optimized)?;
        let hashed = format!(
            "{}-{}.wasm",
            name.trim_end_matches(".wasm"),
            short_hash(&data)
        );
        let quoted = format!("\"./{name}\"");
        if !loader.contains(&quoted) {
            bail!("{LOADER} does not name {name}");
        }
        loader = loader.replace(&quoted, &format!("\"./{hashed}\""));
        std::fs::write(dist.join(&hashed), &data)?;
        written.push(format!("{hashed} ({} B)", data.len()));
        brotli_of.insert(
            name.trim_end_matches(".wasm").to_string(),
            crate::compress::brotli(&data).len(),
        );
    }
    std::fs::write(bound.join(LOADER), &loader)?;
    wasm_opt(&bound.join(&wasm), &dist.join(&wasm))?;
    let main_js = std::fs::read_to_string(bound.join(&js))?;
    if !chunks.is_empty() && !main_js.contains(LOADER) {
        bail!("{js} does not import {LOADER}");
    }
    minify_module(&bound.join(&js), &dist.join(&js), true)?;
    println!(
        "split {} into {wasm} and {} chunk(s): {}",
        input.display(),
        chunks.len(),
        written.join(", ")
    );
    for (point, files) in loads(&std::fs::read_to_string(parts.join(LOADER))?) {
        let total: usize = files.iter().filter_map(|f| brotli_of.get(f)).sum();
        println!(
            "  {point} loads {} at once: {total} B brotli",
            files.join(" + ")
        );
    }
    Ok(())
}

/// What each split point of wasm-split-cli's loader fetches at once: its own chunk and the
/// chunks it shares with others (`export const __wasm_split_load_NAME = …, [__chunk_5, …]`).
fn loads(loader: &str) -> Vec<(String, Vec<String>)> {
    loader
        .split("export const __wasm_split_load_")
        .skip(1)
        .filter_map(|block| {
            let (point, rest) = block.split_once(' ')?;
            let deps = rest.split_once(", [")?.1.split_once(']')?.0;
            let mut files = vec![format!("split_{point}")];
            files.extend(
                deps.split(',')
                    .filter_map(|d| d.trim().strip_prefix("__").map(str::to_string)),
            );
            Some((point.to_string(), files))
        })
        .collect()
}

/// How wasm-split-cli 0.2.4's loader instantiates a chunk, and how it is done here instead:
/// from its bytes. Streaming compilation needs the host to send `application/wasm`, which a
/// plain server may not (older nginx sends `application/octet-stream`): the app's first module
/// falls back to bytes (`static/boot.js`), and chunks, all under 30 KB, are compiled from bytes
/// always. A failed fetch (offline, 404) still rejects, so the reader is offered a retry.
const STREAMING: &str = "WebAssembly.instantiateStreaming(src, imports)";
const FROM_BYTES: &str = "src.then((r) => { if (!r.ok) throw new Error(`${r.status} ${r.url}`); return r.arrayBuffer(); }).then((b) => WebAssembly.instantiate(b, imports))";

fn from_bytes(loader: &str) -> Result<String> {
    if !loader.contains(STREAMING) {
        bail!("{LOADER} does not instantiate chunks as wasm-split-cli {CLI_VERSION} does ({STREAMING})");
    }
    Ok(loader.replace(STREAMING, FROM_BYTES))
}

/// A chunk that fails to load is the app's to tell: it says so in the page and offers a retry
/// (`views::lazy`). wasm-split-cli's loader also logs the failure as an error; here it is a
/// warning. A load cut short by the reader going to another address is such a failure (Firefox
/// rejects the fetch with "NetworkError when attempting to fetch resource." as the next page
/// loads, seen in the engine tests when a link was followed while the speeches' bodies
/// loaded), and it was then an error in the console of a page that worked.
const LOGGED: &str = "console.error(e);";
const WARNED: &str = "console.warn(e);";

fn warn_of_failures(loader: &str) -> Result<String> {
    if loader.matches(LOGGED).count() != 1 {
        bail!(
            "{LOADER} does not log a failed load as wasm-split-cli {CLI_VERSION} does ({LOGGED})"
        );
    }
    Ok(loader.replace(LOGGED, WARNED))
}

fn wasm_opt(input: &Path, output: &Path) -> Result {
    // With the features rustc's output uses, which wasm-opt must be told of for a module that
    // has not been through wasm-bindgen. `-O2`, not `-Oz`: larger raw but smaller once
    // compressed, and faster code (measured 2026-12-02, brotli -q 11: first module 111 612 B
    // with -Oz, 111 241 with -O2, 111 384 with -Os, 111 539 with -O3; chunks 0–170 B smaller).
    run(cmd(npm_tool_bin("wasm-opt"))
        .args([
            "-O2",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
        ])
        .args([
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
        ])
        .arg(input)
        .arg("-o")
        .arg(output))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_are_compiled_from_their_bytes() {
        let loader = "return async (imports) => (WebAssembly.instantiateStreaming(src, imports));";
        let rewritten = from_bytes(loader).unwrap();
        assert!(!rewritten.contains("instantiateStreaming"));
        assert!(rewritten.contains("WebAssembly.instantiate(b, imports)"));
        assert!(rewritten.contains("if (!r.ok) throw"));
        assert!(from_bytes("something else").is_err());
    }

    #[test]
    fn each_split_point_loads_its_chunk_and_the_shared_ones() {
        let loader = "const __chunk_6 = makeLoad(() => {}, []);\n\
            export const __wasm_split_load_texts = wrapAsyncCb(makeLoad(() => {\n}\n, [__chunk_6]));\n\
            export const __wasm_split_load_speech = wrapAsyncCb(makeLoad(() => {\n}\n, [__chunk_5, __chunk_6]));";
        assert_eq!(
            loads(loader),
            [
                ("texts".into(), vec!["split_texts".into(), "chunk_6".into()]),
                (
                    "speech".into(),
                    vec!["split_speech".into(), "chunk_5".into(), "chunk_6".into()]
                ),
            ]
        );
    }

    #[test]
    fn a_failed_load_is_a_warning() {
        let loader = "} catch (e) {\n    console.error(e);\n    success = false;";
        let rewritten = warn_of_failures(loader).unwrap();
        assert!(rewritten.contains("console.warn(e);") && !rewritten.contains("console.error"));
        assert!(warn_of_failures("something else").is_err());
    }
}
