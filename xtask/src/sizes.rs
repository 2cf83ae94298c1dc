//! What `dist/` weighs: every file raw, gzip -9 and brotli -q 11, and the
//! first view of `index.html` (the HTML plus the CSS, JS and WASM it loads).

use std::path::{Path, PathBuf};

use crate::compress;
use crate::util::{fmt_bytes, fmt_kib, Context, Result};

/// The first-view budget `cargo xtask test` enforces, in brotli bytes.
pub const FIRST_VIEW_BUDGET_BR: u64 = 120 * 1024;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sizes {
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

impl Sizes {
    fn of(data: &[u8]) -> Sizes {
        Sizes {
            raw: data.len() as u64,
            gzip: compress::gzip(data).len() as u64,
            brotli: compress::brotli(data).len() as u64,
        }
    }

    fn add(&mut self, other: &Sizes) {
        self.raw += other.raw;
        self.gzip += other.gzip;
        self.brotli += other.brotli;
    }
}

pub struct Report {
    /// Paths relative to dist/, with `/`, sorted.
    pub files: Vec<(String, Sizes)>,
    /// The files the first view of index.html loads (index.html first).
    pub first_view: Vec<String>,
    pub first_view_total: Sizes,
}

/// Measures `dist` and prints the table.
pub fn report(dist: &Path) -> Result<Report> {
    let mut paths = Vec::new();
    walk(dist, &mut paths).context(format!("cannot read {}", dist.display()))?;
    paths.sort();
    let rels: Vec<String> = paths.iter().map(|p| rel_name(dist, p)).collect();

    // Brotli at quality 11 is the slow part: spread the files over the cores.
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let mut sizes: Vec<Option<Sizes>> = vec![None; paths.len()];
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let Some(path) = paths.get(i) else { break };
                let measured = std::fs::read(path).map(|data| Sizes::of(&data));
                results.lock().unwrap().push((i, measured));
            });
        }
    });
    for (i, measured) in results.into_inner().unwrap() {
        sizes[i] = Some(measured.context(format!("cannot read {}", paths[i].display()))?);
    }
    let files: Vec<(String, Sizes)> = rels
        .into_iter()
        .zip(sizes.into_iter().map(|s| s.expect("every file measured")))
        .collect();

    let index = dist.join("index.html");
    let html =
        std::fs::read_to_string(&index).context(format!("cannot read {}", index.display()))?;
    let base = base_href(&html).unwrap_or_else(|| "./".into());
    let mut first_view = vec!["index.html".to_string()];
    for r in first_view_refs(&html) {
        if let Some(name) = resolve_in(&base, &r).filter(|rel| dist.join(rel).is_file()) {
            if !first_view.contains(&name) {
                first_view.push(name);
            }
        }
    }
    let mut total = Sizes::default();
    for name in &first_view {
        if let Some((_, s)) = files.iter().find(|(n, _)| n == name) {
            total.add(s);
        }
    }
    let report = Report {
        files,
        first_view,
        first_view_total: total,
    };
    print(&report);
    Ok(report)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn rel_name(dist: &Path, p: &Path) -> String {
    let rel = p.strip_prefix(dist).unwrap_or(p);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn print(r: &Report) {
    let width = r
        .files
        .iter()
        .map(|(n, _)| n.chars().count())
        .max()
        .unwrap_or(4)
        .max(16);
    println!(
        "{:<width$} {:>11} {:>11} {:>11}",
        "file", "raw", "gzip -9", "brotli -11"
    );
    let mut all = Sizes::default();
    for (name, s) in &r.files {
        let mark = if r.first_view.contains(name) {
            " *"
        } else {
            ""
        };
        println!(
            "{:<width$} {:>11} {:>11} {:>11}{mark}",
            name,
            fmt_bytes(s.raw),
            fmt_bytes(s.gzip),
            fmt_bytes(s.brotli)
        );
        all.add(s);
    }
    println!(
        "{:<width$} {:>11} {:>11} {:>11}",
        format!("all {} files", r.files.len()),
        fmt_bytes(all.raw),
        fmt_bytes(all.gzip),
        fmt_bytes(all.brotli)
    );
    let t = &r.first_view_total;
    println!(
        "{:<width$} {:>11} {:>11} {:>11}",
        format!("first view (*), {} files", r.first_view.len()),
        fmt_bytes(t.raw),
        fmt_bytes(t.gzip),
        fmt_bytes(t.brotli)
    );
    println!(
        "first view of index.html: {} brotli ({} gzip, {} raw); budget {} brotli",
        fmt_kib(t.brotli),
        fmt_kib(t.gzip),
        fmt_kib(t.raw),
        fmt_kib(FIRST_VIEW_BUDGET_BR)
    );
}

/// Fails when the first view is over the brotli budget.
pub fn check_budget(r: &Report) -> Result {
    let br = r.first_view_total.brotli;
    if br > FIRST_VIEW_BUDGET_BR {
        crate::bail!(
            "first view is {} brotli, over the {} budget by {} ({})",
            fmt_kib(br),
            fmt_kib(FIRST_VIEW_BUDGET_BR),
            fmt_kib(br - FIRST_VIEW_BUDGET_BR),
            r.first_view.join(", ")
        );
    }
    println!(
        "first view {} brotli is within the {} budget ({} to spare)",
        fmt_kib(br),
        fmt_kib(FIRST_VIEW_BUDGET_BR),
        fmt_kib(FIRST_VIEW_BUDGET_BR - br)
    );
    Ok(())
}

/// Whether a reference names something the first view downloads.
fn is_asset(reference: &str) -> bool {
    let path = reference.split(['?', '#']).next().unwrap_or("");
    let lower = path.to_ascii_lowercase();
    [".css", ".js", ".mjs", ".wasm"]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// The CSS/JS/WASM references in an HTML page that a modern browser with
/// scripts on loads with it: every attribute value naming such a file
/// (`<link href>`, `<script src>`, a boot script's `data-wasm`…), and quoted
/// paths inside inline scripts (Trunk's default loader names the wasm there);
/// not `<link rel=prefetch>`, `<script nomodule>` or anything in `<noscript>`.
pub fn first_view_refs(html: &str) -> Vec<String> {
    let mut refs = Vec::new();
    for tag in scan_tags(html) {
        let rel = tag.attr("rel").unwrap_or("").to_ascii_lowercase();
        let skip = tag.in_noscript
            || (tag.name == "script" && tag.attr("nomodule").is_some())
            || (tag.name == "link"
                && rel
                    .split_whitespace()
                    .any(|r| r == "prefetch" || r == "icon"));
        if !skip {
            for (_, v) in &tag.attrs {
                if is_asset(v) && !refs.contains(v) {
                    refs.push(v.clone());
                }
            }
        }
        if let Some(body) = &tag.script_body {
            for literal in quoted_strings(body) {
                if is_asset(&literal) && !refs.contains(&literal) {
                    refs.push(literal);
                }
            }
        }
    }
    refs
}

/// The `<base href>` of a page, if any.
fn base_href(html: &str) -> Option<String> {
    scan_tags(html)
        .into_iter()
        .find(|t| t.name == "base")
        .and_then(|t| t.attr("href").map(str::to_string))
}

/// Resolves `reference` against the page's base (both relative to the site
/// root, where index.html lives); a leading `/` means the site root. `None`
/// for other origins and data: URLs.
fn resolve_in(base: &str, reference: &str) -> Option<String> {
    let r = reference.split(['?', '#']).next().unwrap_or("");
    if r.contains("://") || r.starts_with("//") || r.starts_with("data:") || r.is_empty() {
        return None;
    }
    let mut parts: Vec<&str> = Vec::new();
    let full;
    if let Some(abs) = r.strip_prefix('/') {
        full = abs.to_string();
    } else {
        let base_dir = if base.contains("://") || base.starts_with('/') {
            ""
        } else {
            base.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
        };
        full = format!("{base_dir}/{r}");
    }
    for seg in full.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
    /// The text of an inline `<script>` (no `src`).
    script_body: Option<String>,
    /// Inside `<noscript>`: not loaded when scripts run.
    in_noscript: bool,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A forgiving scan of start tags and their attributes; skips comments and
/// the insides of `<script>` and `<style>`.
fn scan_tags(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let mut tags = Vec::new();
    let mut in_noscript = false;
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            i = html[i..].find("-->").map(|j| i + j + 3).unwrap_or(b.len());
            continue;
        }
        if html[i..].starts_with("</") {
            if html[i + 2..]
                .get(..8)
                .is_some_and(|n| n.eq_ignore_ascii_case("noscript"))
            {
                in_noscript = false;
            }
            i += 2;
            continue;
        }
        let start = i + 1;
        if start >= b.len() || !b[start].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let mut j = start;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-') {
            j += 1;
        }
        let name = html[start..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                j += 1;
                break;
            }
            let k0 = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>' | b'/')
            {
                j += 1;
            }
            let key = html[k0..j].to_ascii_lowercase();
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = String::new();
            if j < b.len() && b[j] == b'=' {
                j += 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j];
                    let v0 = j + 1;
                    j = v0;
                    while j < b.len() && b[j] != q {
                        j += 1;
                    }
                    value = html[v0..j.min(b.len())].to_string();
                    j += 1;
                } else {
                    let v0 = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    value = html[v0..j].to_string();
                }
            }
            if !key.is_empty() {
                attrs.push((key, value.replace("&amp;", "&")));
            }
        }
        let mut script_body = None;
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            let end = html[j.min(b.len())..]
                .to_ascii_lowercase()
                .find(&close)
                .map(|k| j + k)
                .unwrap_or(b.len());
            if name == "script" && !attrs.iter().any(|(k, _)| k == "src") {
                script_body = Some(html[j.min(end)..end].to_string());
            }
            j = end;
        }
        let noscript = name == "noscript";
        tags.push(Tag {
            name,
            attrs,
            script_body,
            in_noscript,
        });
        in_noscript |= noscript;
        i = j;
    }
    tags
}

/// String literals ('…', "…", `…`) in a piece of script.
fn quoted_strings(js: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = js.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\'' || c == '"' || c == '`' {
            let mut end = None;
            for (j, d) in chars.by_ref() {
                if d == c {
                    end = Some(j);
                    break;
                }
                if d == '\n' && c != '`' {
                    break;
                }
            }
            if let Some(j) = end {
                out.push(js[i + 1..j].to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK_DEFAULT: &str = r#"<!DOCTYPE html><html><head>
<meta charset="utf-8"><base href="./">
<link rel="stylesheet" href="./style-a1b2c3d4e5f60718.css" integrity="sha384-x"/>
<link rel="modulepreload" href="./jianyan-0123456789abcdef.js" crossorigin=anonymous integrity="sha384-y">
<link rel="preload" href="./jianyan-0123456789abcdef_bg.wasm" crossorigin=anonymous integrity="sha384-z" as="fetch" type="application/wasm">
<link rel="icon" href="./icon.svg">
<link rel="prefetch" href="./later.js">
<!-- <script src="commented.js"></script> -->
<script type="module">
import init, * as bindings from './jianyan-0123456789abcdef.js';
const wasm = await init({ module_or_path: './jianyan-0123456789abcdef_bg.wasm' });
window.wasmBindings = bindings;
</script>
</head><body><main id="app"></main></body></html>"#;

    #[test]
    fn finds_trunk_default_assets() {
        assert_eq!(
            first_view_refs(TRUNK_DEFAULT),
            vec![
                "./style-a1b2c3d4e5f60718.css",
                "./jianyan-0123456789abcdef.js",
                "./jianyan-0123456789abcdef_bg.wasm",
            ]
        );
    }

    #[test]
    fn finds_boot_script_data_attributes() {
        let html = r#"<html><head><base href="./">
<noscript><link rel="stylesheet" href="noscript.css"></noscript>
<script nomodule src="legacy.js"></script>
<script src="boot-1111111111111111.js" data-js="jianyan-2222222222222222.js" data-wasm='jianyan-2222222222222222_bg.wasm' defer></script>
<link rel="modulepreload" href="./jianyan-2222222222222222.js">
</head><body><a href="speech/feng-hua/">冯华</a><img src="data:image/png;base64,xx"></body></html>"#;
        assert_eq!(
            first_view_refs(html),
            vec![
                "boot-1111111111111111.js",
                "jianyan-2222222222222222.js",
                "jianyan-2222222222222222_bg.wasm",
                // The same file as data-js; counted once after resolving.
                "./jianyan-2222222222222222.js",
            ]
        );
        assert_eq!(base_href(html).as_deref(), Some("./"));
    }

    #[test]
    fn resolves_references() {
        assert_eq!(resolve_in("./", "./a.js").as_deref(), Some("a.js"));
        assert_eq!(resolve_in("./", "/a.js").as_deref(), Some("a.js"));
        assert_eq!(
            resolve_in("./", "x/../a.wasm?v=1").as_deref(),
            Some("a.wasm")
        );
        assert_eq!(resolve_in("./", "https://cdn.example/a.js"), None);
        assert_eq!(resolve_in("/", "a.css").as_deref(), Some("a.css"));
    }

    #[test]
    fn reports_a_folder() {
        let dir = std::env::temp_dir().join(format!("xtask-sizes-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("speech/a")).unwrap();
        std::fs::write(dir.join("index.html"), TRUNK_DEFAULT).unwrap();
        std::fs::write(
            dir.join("jianyan-0123456789abcdef.js"),
            "export default 1;".repeat(100),
        )
        .unwrap();
        std::fs::write(
            dir.join("jianyan-0123456789abcdef_bg.wasm"),
            [0u8, 1, 2, 3].repeat(1000),
        )
        .unwrap();
        std::fs::write(dir.join("later.js"), "x").unwrap();
        std::fs::write(dir.join("speech/a/index.html"), "<p>a</p>").unwrap();
        let r = report(&dir).unwrap();
        assert_eq!(r.files.len(), 5);
        assert_eq!(r.files[0].0, "index.html");
        assert!(r.files.iter().any(|(n, _)| n == "speech/a/index.html"));
        // The CSS is referenced but missing, so it is not counted.
        assert_eq!(
            r.first_view,
            vec![
                "index.html",
                "jianyan-0123456789abcdef.js",
                "jianyan-0123456789abcdef_bg.wasm"
            ]
        );
        assert_eq!(
            r.first_view_total.raw,
            TRUNK_DEFAULT.len() as u64 + 1700 + 4000
        );
        assert!(r.first_view_total.brotli <= r.first_view_total.gzip);
        assert!(check_budget(&r).is_ok());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
