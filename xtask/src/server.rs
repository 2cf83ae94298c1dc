//! A small static file server for `dist/`, std only, one thread per connection.
//!
//! It behaves like a careful static host under a sub-path: the site is mounted
//! at `base` (e.g. `/zxhy/2025/`), folders serve their `index.html`, files are
//! sent gzip- or brotli-compressed when the client accepts it, and every
//! response carries the strict Content-Security-Policy the portal will use
//! (and `Access-Control-Allow-Origin: *`, which sandboxed embeds need).
//! It binds 127.0.0.1 only. `cargo xtask serve` runs it in the foreground; the
//! end-to-end step runs it in a background thread on an ephemeral port.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::compress;
use crate::util::{Context, Result};

/// Sent with every response.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
                       style-src 'self'; img-src 'self' data:";

const MAX_HEAD: u64 = 16 * 1024;
const IDLE_TIMEOUT: Duration = Duration::from_secs(15);

/// Which requests get a log line on stderr.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Log {
    /// Every request (interactive `serve`).
    All,
    /// Only responses with status 400 and above (tests: shows what 404s).
    Errors,
    #[cfg_attr(not(test), allow(dead_code))]
    None,
}

/// A server bound to a port, not yet accepting.
pub struct Server {
    listener: TcpListener,
    state: Arc<State>,
}

struct State {
    root: PathBuf,
    base: String,
    log: Log,
    cache: Mutex<HashMap<(PathBuf, Encoding), CacheEntry>>,
}

struct CacheEntry {
    stamp: (u64, SystemTime),
    bytes: Arc<OnceLock<Arc<Vec<u8>>>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Encoding {
    Identity,
    Gzip,
    Brotli,
}

impl Encoding {
    fn token(self) -> Option<&'static str> {
        match self {
            Encoding::Identity => None,
            Encoding::Gzip => Some("gzip"),
            Encoding::Brotli => Some("br"),
        }
    }
}

/// `"zxhy/2025"`, `"/zxhy/2025"` → `"/zxhy/2025/"`; `""` → `"/"`.
pub fn normalize_base(base: &str) -> String {
    let trimmed = base.trim_matches('/');
    if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    }
}

impl Server {
    /// Binds 127.0.0.1:`port` (0 = any free port) to serve `root` under `base`.
    pub fn bind(root: &Path, base: &str, port: u16, log: Log) -> Result<Server> {
        let root = root
            .canonicalize()
            .context(format!("cannot serve {}", root.display()))?;
        if !root.is_dir() {
            crate::bail!("cannot serve {}: not a folder", root.display());
        }
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).context(format!(
            "cannot listen on 127.0.0.1:{port} (is another server running there? try --port)"
        ))?;
        let state = Arc::new(State {
            root,
            base: normalize_base(base),
            log,
            cache: Mutex::new(HashMap::new()),
        });
        Ok(Server { listener, state })
    }

    pub fn addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// `http://127.0.0.1:PORT/base/`.
    pub fn url(&self) -> String {
        format!("http://{}{}", self.addr(), self.state.base)
    }

    /// Compresses every compressible file now (brotli -q 11 takes seconds for
    /// a large wasm), so that no request waits for it. Returns how many files.
    pub fn warm(&self) -> usize {
        self.state.warm()
    }

    /// [`Server::warm`] on a background thread, logging when done.
    pub fn warm_in_background(&self) {
        let state = Arc::clone(&self.state);
        let _ = std::thread::Builder::new()
            .name("xtask-http-warm".into())
            .spawn(move || {
                let start = std::time::Instant::now();
                let n = state.warm();
                if state.log == Log::All {
                    eprintln!(
                        "[serve] compressed {n} files in {}",
                        crate::util::fmt_duration(start.elapsed())
                    );
                }
            });
    }

    /// Accepts connections forever, one thread each.
    pub fn run(self) {
        for conn in self.listener.incoming() {
            let Ok(stream) = conn else { continue };
            let state = Arc::clone(&self.state);
            let _ = std::thread::Builder::new()
                .name("xtask-http".into())
                .spawn(move || handle_connection(stream, &state));
        }
    }

    /// Runs the server on a background thread; returns its base URL. The
    /// server lives until the process exits.
    pub fn spawn(self) -> String {
        let url = self.url();
        std::thread::Builder::new()
            .name("xtask-http-accept".into())
            .spawn(move || self.run())
            .expect("can start a thread");
        url
    }
}

struct Request {
    method: String,
    /// The path as sent (percent-encoded), without the query.
    path: String,
    /// `?…` including the `?`, or empty.
    query: String,
    http10: bool,
    headers: Vec<(String, String)>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn keep_alive(&self) -> bool {
        let conn = self.header("connection").unwrap_or("").to_ascii_lowercase();
        if self.http10 {
            conn.contains("keep-alive")
        } else {
            !conn.contains("close")
        }
    }
}

struct Response {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Arc<Vec<u8>>,
}

impl Response {
    fn new(status: u16) -> Response {
        Response {
            status,
            headers: Vec::new(),
            body: Arc::new(Vec::new()),
        }
    }

    fn text(status: u16, text: String) -> Response {
        let mut r = Response::new(status);
        r.headers
            .push(("Content-Type", "text/plain; charset=utf-8".into()));
        r.body = Arc::new(text.into_bytes());
        r
    }

    fn redirect(location: String) -> Response {
        let mut r = Response::text(301, format!("Moved to {location}\n"));
        r.headers.push(("Location", location));
        r
    }
}

fn handle_connection(stream: TcpStream, state: &State) {
    let _ = stream.set_read_timeout(Some(IDLE_TIMEOUT));
    let _ = stream.set_nodelay(true);
    let Ok(write_half) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    let mut writer = write_half;
    loop {
        let req = match read_request(&mut reader) {
            Ok(Some(req)) => req,
            Ok(None) => return,
            Err(ReadError::Io) => return,
            Err(ReadError::Bad(why)) => {
                let resp = Response::text(400, format!("Bad request: {why}\n"));
                let _ = write_response(&mut writer, &resp, false, false);
                return;
            }
        };
        let head_only = req.method == "HEAD";
        let resp = state.respond(&req);
        if state.log == Log::All || (state.log == Log::Errors && resp.status >= 400) {
            let enc = resp
                .headers
                .iter()
                .find(|(k, _)| *k == "Content-Encoding")
                .map(|(_, v)| format!(" {v}"))
                .unwrap_or_default();
            eprintln!(
                "[serve] {} {}{} → {} ({} bytes{enc})",
                req.method,
                req.path,
                req.query,
                resp.status,
                resp.body.len()
            );
        }
        let keep = req.keep_alive();
        if write_response(&mut writer, &resp, head_only, keep).is_err() || !keep {
            return;
        }
    }
}

enum ReadError {
    /// Connection closed mid-request, timed out, or failed.
    Io,
    Bad(&'static str),
}

/// Reads one request head. `Ok(None)` when the client closed the connection
/// between requests. Request bodies are not supported (GET and HEAD only); a
/// request announcing one is refused, which also closes the connection.
fn read_request(
    reader: &mut BufReader<TcpStream>,
) -> std::result::Result<Option<Request>, ReadError> {
    let mut head = Vec::new();
    let mut limited = reader.by_ref().take(MAX_HEAD);
    loop {
        let before = head.len();
        let n = limited
            .read_until(b'\n', &mut head)
            .map_err(|_| ReadError::Io)?;
        if n == 0 {
            if head.is_empty() {
                return Ok(None);
            }
            if limited.limit() == 0 {
                return Err(ReadError::Bad("request head too large"));
            }
            return Err(ReadError::Io);
        }
        let line = &head[before..];
        if line == b"\r\n" || line == b"\n" {
            if before == 0 {
                // Tolerate blank lines before a request (RFC 9112 §2.2).
                head.clear();
                continue;
            }
            break;
        }
    }
    let head = String::from_utf8_lossy(&head);
    let mut lines = head.lines();
    let request_line = lines.next().unwrap_or("");
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ReadError::Bad("malformed request line"));
    };
    if !version.starts_with("HTTP/1.") {
        return Err(ReadError::Bad("unsupported HTTP version"));
    }
    let mut headers = Vec::new();
    for line in lines {
        if line.is_empty() {
            break;
        }
        let Some((k, v)) = line.split_once(':') else {
            return Err(ReadError::Bad("malformed header"));
        };
        headers.push((k.trim().to_string(), v.trim().to_string()));
    }
    let has_body = headers.iter().any(|(k, v)| {
        (k.eq_ignore_ascii_case("content-length") && v != "0")
            || k.eq_ignore_ascii_case("transfer-encoding")
    });
    if has_body {
        return Err(ReadError::Bad("request bodies are not accepted"));
    }
    let target = target.split('#').next().unwrap_or("");
    let (path, query) = match target.find('?') {
        Some(i) => (&target[..i], &target[i..]),
        None => (target, ""),
    };
    Ok(Some(Request {
        method: method.to_string(),
        path: path.to_string(),
        query: query.to_string(),
        http10: version == "HTTP/1.0",
        headers,
    }))
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        304 => "Not Modified",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        500 => "Internal Server Error",
        _ => "",
    }
}

fn write_response(
    w: &mut TcpStream,
    resp: &Response,
    head_only: bool,
    keep_alive: bool,
) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {} {}\r\n", resp.status, reason(resp.status));
    for (k, v) in &resp.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!("Content-Security-Policy: {CSP}\r\n"));
    head.push_str("X-Content-Type-Options: nosniff\r\n");
    // Public static files: readable from any origin. A sandboxed iframe
    // (embed-demo.html, no allow-same-origin) has the origin `null`, and its
    // module scripts, wasm and integrity-checked CSS are CORS requests.
    head.push_str("Access-Control-Allow-Origin: *\r\n");
    if resp.status != 304 {
        head.push_str(&format!("Content-Length: {}\r\n", resp.body.len()));
    }
    head.push_str(if keep_alive {
        "Connection: keep-alive\r\n"
    } else {
        "Connection: close\r\n"
    });
    head.push_str("\r\n");
    w.write_all(head.as_bytes())?;
    if !head_only && resp.status != 304 {
        w.write_all(&resp.body)?;
    }
    w.flush()
}

/// Decodes `%XX` escapes; `None` if an escape is malformed or the result is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type for a file extension.
pub fn content_type(ext: &str) -> &'static str {
    match ext {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "ico" => "image/x-icon",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

/// The client's preferred encoding among brotli and gzip (ties go to brotli).
fn negotiate(accept: Option<&str>) -> Encoding {
    let Some(accept) = accept else {
        return Encoding::Identity;
    };
    let mut best = (Encoding::Identity, 0.0f32);
    for item in accept.split(',') {
        let mut parts = item.split(';');
        let coding = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let mut q = 1.0f32;
        for p in parts {
            if let Some(v) = p.trim().strip_prefix("q=") {
                q = v.trim().parse().unwrap_or(0.0);
            }
        }
        let enc = match coding.as_str() {
            "br" | "*" => Encoding::Brotli,
            "gzip" | "x-gzip" => Encoding::Gzip,
            _ => continue,
        };
        let better = q > best.1 || (q == best.1 && q > 0.0 && enc == Encoding::Brotli);
        if q > 0.0 && better {
            best = (enc, q);
        }
    }
    best.0
}

/// Trunk names built assets `name-<hex hash>.ext` (up to 16 digits); such files never change.
fn is_hashed(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let Some((_, hash)) = stem.rsplit_once('-') else {
        return false;
    };
    hash.len() >= 12 && hash.chars().all(|c| c.is_ascii_hexdigit())
}

fn ext_of(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

impl State {
    fn warm(&self) -> usize {
        fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
            let Ok(entries) = std::fs::read_dir(dir) else {
                return;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if compress::compressible(&ext_of(&path)) {
                    out.push(path);
                }
            }
        }
        let mut files = Vec::new();
        walk(&self.root, &mut files);
        // Largest first, so the big wasm does not finish last on its own.
        files
            .sort_by_key(|f| std::cmp::Reverse(std::fs::metadata(f).map(|m| m.len()).unwrap_or(0)));
        let jobs: Vec<(PathBuf, Encoding)> = files
            .iter()
            .flat_map(|f| [(f.clone(), Encoding::Brotli), (f.clone(), Encoding::Gzip)])
            .collect();
        let next = std::sync::atomic::AtomicUsize::new(0);
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1);
        std::thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(|| loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let Some((file, enc)) = jobs.get(i) else {
                        break;
                    };
                    let Ok(canonical) = file.canonicalize() else {
                        continue;
                    };
                    let Ok(meta) = std::fs::metadata(&canonical) else {
                        continue;
                    };
                    let stamp = (meta.len(), meta.modified().unwrap_or(UNIX_EPOCH));
                    let _ = self.body(&canonical, *enc, stamp);
                });
            }
        });
        files.len()
    }

    fn respond(&self, req: &Request) -> Response {
        if req.method != "GET" && req.method != "HEAD" {
            let mut r = Response::text(405, "Only GET and HEAD are supported.\n".into());
            r.headers.push(("Allow", "GET, HEAD".into()));
            return r;
        }
        if !req.path.starts_with('/') {
            return Response::text(400, "Bad request: the target must be a path.\n".into());
        }
        let Some(decoded) = percent_decode(&req.path) else {
            return Response::text(400, "Bad request: malformed percent-encoding.\n".into());
        };
        if decoded.contains('\0') {
            return Response::text(400, "Bad request.\n".into());
        }
        if self.base != "/" && decoded == self.base.trim_end_matches('/') {
            return Response::redirect(format!("{}{}", self.base, req.query));
        }
        let Some(rel) = decoded.strip_prefix(self.base.as_str()) else {
            return Response::text(
                404,
                format!(
                    "Not found: this server serves dist/ under {} — try that path.\n",
                    self.base
                ),
            );
        };
        let mut file = self.root.clone();
        for seg in rel.split('/') {
            if seg.is_empty() {
                continue;
            }
            if seg == "." || seg == ".." || seg.contains('\\') || seg.contains(':') {
                return Response::text(
                    400,
                    "Bad request: path segments like `..` are refused.\n".into(),
                );
            }
            file.push(seg);
        }
        let Ok(meta) = std::fs::metadata(&file) else {
            return self.not_found(req);
        };
        if meta.is_dir() {
            if !decoded.ends_with('/') {
                return Response::redirect(format!("{}/{}", req.path, req.query));
            }
            file.push("index.html");
        }
        self.serve_file(req, &file, 200)
            .unwrap_or_else(|| self.not_found(req))
    }

    fn not_found(&self, req: &Request) -> Response {
        let page = self.root.join("404.html");
        if page.is_file() {
            if let Some(r) = self.serve_file(req, &page, 404) {
                return r;
            }
        }
        Response::text(404, format!("Not found: {}\n", req.path))
    }

    /// `None` if the file is missing, unreadable or outside the root.
    fn serve_file(&self, req: &Request, file: &Path, status: u16) -> Option<Response> {
        let canonical = file.canonicalize().ok()?;
        if !canonical.starts_with(&self.root) || !canonical.is_file() {
            return None;
        }
        let meta = std::fs::metadata(&canonical).ok()?;
        let mtime = meta.modified().unwrap_or(UNIX_EPOCH);
        let ext = ext_of(&canonical);
        let encoding = if compress::compressible(&ext) {
            negotiate(req.header("accept-encoding"))
        } else {
            Encoding::Identity
        };
        let mut resp = Response::new(status);
        resp.headers
            .push(("Content-Type", content_type(&ext).into()));
        let name = canonical.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let cache_control = if ext == "html" || !is_hashed(name) {
            "no-cache"
        } else {
            "public, max-age=31536000, immutable"
        };
        resp.headers.push(("Cache-Control", cache_control.into()));
        if compress::compressible(&ext) {
            resp.headers.push(("Vary", "Accept-Encoding".into()));
        }
        let nanos = mtime
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let etag = format!(
            "\"{:x}-{:x}{}\"",
            meta.len(),
            nanos,
            encoding
                .token()
                .map(|t| format!("-{t}"))
                .unwrap_or_default()
        );
        if status == 200 {
            resp.headers.push(("ETag", etag.clone()));
            let matches = req
                .header("if-none-match")
                .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
            if matches {
                resp.status = 304;
                return Some(resp);
            }
        }
        let body = self.body(&canonical, encoding, (meta.len(), mtime))?;
        if let Some(token) = encoding.token() {
            resp.headers.push(("Content-Encoding", token.into()));
        }
        resp.body = body;
        Some(resp)
    }

    /// The file's bytes in `encoding`; compressed bytes are cached per file version.
    fn body(
        &self,
        file: &Path,
        encoding: Encoding,
        stamp: (u64, SystemTime),
    ) -> Option<Arc<Vec<u8>>> {
        if encoding == Encoding::Identity {
            return std::fs::read(file).ok().map(Arc::new);
        }
        let cell = {
            let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
            let entry = cache
                .entry((file.to_path_buf(), encoding))
                .or_insert_with(|| CacheEntry {
                    stamp,
                    bytes: Arc::new(OnceLock::new()),
                });
            if entry.stamp != stamp {
                *entry = CacheEntry {
                    stamp,
                    bytes: Arc::new(OnceLock::new()),
                };
            }
            Arc::clone(&entry.bytes)
        };
        if let Some(bytes) = cell.get() {
            return Some(Arc::clone(bytes));
        }
        let raw = std::fs::read(file).ok()?;
        let bytes = cell.get_or_init(|| {
            Arc::new(match encoding {
                Encoding::Gzip => compress::gzip(&raw),
                Encoding::Brotli => compress::brotli(&raw),
                Encoding::Identity => raw.clone(),
            })
        });
        Some(Arc::clone(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    /// A throwaway folder that looks like a small dist/.
    fn fixture() -> PathBuf {
        static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let dir =
            std::env::temp_dir().join(format!("xtask-server-test-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let site = dir.join("site");
        std::fs::create_dir_all(site.join("speech/feng-hua")).unwrap();
        std::fs::write(
            site.join("index.html"),
            "<!doctype html><title>建言</title>".repeat(50),
        )
        .unwrap();
        std::fs::write(site.join("speech/feng-hua/index.html"), "<p>冯华</p>").unwrap();
        std::fs::write(
            site.join("app-0123456789abcdef_bg.wasm"),
            b"\0asm\x01\0\0\0".repeat(100),
        )
        .unwrap();
        std::fs::write(
            site.join("app-0123456789abcdef.js"),
            "export default 1;\n".repeat(100),
        )
        .unwrap();
        std::fs::write(site.join("style.css"), "body{}").unwrap();
        std::fs::write(site.join("digest.json"), "{}").unwrap();
        std::fs::write(site.join("icon.png"), b"\x89PNG").unwrap();
        std::fs::write(site.join("site.webmanifest"), "{}").unwrap();
        std::fs::write(dir.join("secret.txt"), "secret").unwrap();
        site
    }

    struct Reply {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    }

    impl Reply {
        fn header(&self, name: &str) -> Option<&str> {
            self.headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        }
    }

    fn start(base: &str) -> (SocketAddr, PathBuf) {
        let site = fixture();
        let server = Server::bind(&site, base, 0, Log::None).unwrap();
        let addr = server.addr();
        server.spawn();
        (addr, site)
    }

    /// Reads one response from a stream (Content-Length framed).
    fn read_reply(reader: &mut BufReader<TcpStream>, head_only: bool) -> Reply {
        let mut status_line = String::new();
        reader.read_line(&mut status_line).unwrap();
        let status = status_line.split(' ').nth(1).unwrap().parse().unwrap();
        let mut headers = Vec::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            let (k, v) = line.split_once(':').unwrap();
            headers.push((k.to_string(), v.trim().to_string()));
        }
        let len: usize = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
            .map(|(_, v)| v.parse().unwrap())
            .unwrap_or(0);
        let mut body = vec![0; if head_only || status == 304 { 0 } else { len }];
        reader.read_exact(&mut body).unwrap();
        Reply {
            status,
            headers,
            body,
        }
    }

    fn request(addr: SocketAddr, raw: &str) -> Reply {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.write_all(raw.as_bytes()).unwrap();
        let head_only = raw.starts_with("HEAD");
        read_reply(&mut BufReader::new(stream), head_only)
    }

    fn get(addr: SocketAddr, path: &str, extra: &str) -> Reply {
        request(
            addr,
            &format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{extra}\r\n"),
        )
    }

    #[test]
    fn normalizes_bases() {
        assert_eq!(normalize_base(""), "/");
        assert_eq!(normalize_base("/"), "/");
        assert_eq!(normalize_base("zxhy/2025"), "/zxhy/2025/");
        assert_eq!(normalize_base("/zxhy/2025/"), "/zxhy/2025/");
    }

    #[test]
    fn serves_index_and_folders_under_the_base() {
        let (addr, _) = start("/zxhy/2025/");
        let r = get(addr, "/zxhy/2025/", "");
        assert_eq!(r.status, 200);
        assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
        assert_eq!(r.header("cache-control"), Some("no-cache"));
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(r.header("content-security-policy"), Some(CSP));
        assert_eq!(r.header("access-control-allow-origin"), Some("*"));
        assert!(String::from_utf8(r.body)
            .unwrap()
            .starts_with("<!doctype html>"));

        let r = get(addr, "/zxhy/2025/speech/feng-hua/", "");
        assert_eq!(r.status, 200);
        assert_eq!(String::from_utf8(r.body).unwrap(), "<p>冯华</p>");

        let r = get(addr, "/zxhy/2025/index.html?x=1", "");
        assert_eq!(r.status, 200);
    }

    #[test]
    fn redirects_folders_to_their_slash_form() {
        let (addr, _) = start("/zxhy/2025/");
        let r = get(addr, "/zxhy/2025", "");
        assert_eq!(r.status, 301);
        assert_eq!(r.header("location"), Some("/zxhy/2025/"));
        let r = get(addr, "/zxhy/2025/speech/feng-hua?speaker=a", "");
        assert_eq!(r.status, 301);
        assert_eq!(
            r.header("location"),
            Some("/zxhy/2025/speech/feng-hua/?speaker=a")
        );
    }

    #[test]
    fn ignores_query_strings_and_decodes_paths() {
        let (addr, site) = start("/zxhy/2025/");
        std::fs::create_dir_all(site.join("主题")).unwrap();
        std::fs::write(site.join("主题/index.html"), "ok").unwrap();
        let r = get(addr, "/zxhy/2025/?speaker=feng-hua&q=%E5%BB%BA", "");
        assert_eq!(r.status, 200);
        let r = get(addr, "/zxhy/2025/%E4%B8%BB%E9%A2%98/", "");
        assert_eq!(r.status, 200);
        assert_eq!(r.body, b"ok");
    }

    #[test]
    fn sets_content_types() {
        let (addr, _) = start("/");
        for (path, ty) in [
            ("/app-0123456789abcdef_bg.wasm", "application/wasm"),
            ("/app-0123456789abcdef.js", "text/javascript; charset=utf-8"),
            ("/style.css", "text/css; charset=utf-8"),
            ("/digest.json", "application/json"),
            ("/icon.png", "image/png"),
            ("/site.webmanifest", "application/manifest+json"),
        ] {
            let r = get(addr, path, "");
            assert_eq!(r.status, 200, "{path}");
            assert_eq!(r.header("content-type"), Some(ty), "{path}");
        }
        let r = get(addr, "/app-0123456789abcdef_bg.wasm", "");
        assert_eq!(
            r.header("cache-control"),
            Some("public, max-age=31536000, immutable")
        );
        let r = get(addr, "/style.css", "");
        assert_eq!(r.header("cache-control"), Some("no-cache"));
    }

    #[test]
    fn compresses_by_accept_encoding() {
        let (addr, site) = start("/zxhy/2025/");
        let raw = std::fs::read(site.join("index.html")).unwrap();

        let r = get(
            addr,
            "/zxhy/2025/",
            "Accept-Encoding: gzip, deflate, br, zstd\r\n",
        );
        assert_eq!(r.header("content-encoding"), Some("br"));
        assert_eq!(r.header("vary"), Some("Accept-Encoding"));
        let mut back = Vec::new();
        brotli::Decompressor::new(&r.body[..], 4096)
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, raw);

        let r = get(addr, "/zxhy/2025/", "Accept-Encoding: gzip\r\n");
        assert_eq!(r.header("content-encoding"), Some("gzip"));
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&r.body[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, raw);

        let r = get(
            addr,
            "/zxhy/2025/",
            "Accept-Encoding: br;q=0, gzip;q=0.5\r\n",
        );
        assert_eq!(r.header("content-encoding"), Some("gzip"));

        let r = get(addr, "/zxhy/2025/", "");
        assert_eq!(r.header("content-encoding"), None);
        assert_eq!(r.body, raw);

        let r = get(addr, "/zxhy/2025/icon.png", "Accept-Encoding: br\r\n");
        assert_eq!(r.header("content-encoding"), None);
    }

    #[test]
    fn warms_the_compression_cache() {
        let site = fixture();
        let server = Server::bind(&site, "/", 0, Log::None).unwrap();
        // index.html, the speech page, wasm, js, css, json, webmanifest (not the png).
        assert_eq!(server.warm(), 7);
        assert_eq!(server.state.cache.lock().unwrap().len(), 14);
        let addr = server.addr();
        server.spawn();
        let r = get(
            addr,
            "/app-0123456789abcdef_bg.wasm",
            "Accept-Encoding: br\r\n",
        );
        assert_eq!(r.header("content-encoding"), Some("br"));
    }

    #[test]
    fn answers_head_without_a_body() {
        let (addr, site) = start("/");
        let len = std::fs::metadata(site.join("index.html")).unwrap().len();
        let r = request(
            addr,
            "HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        );
        assert_eq!(r.status, 200);
        assert_eq!(r.header("content-length"), Some(len.to_string().as_str()));
        assert!(r.body.is_empty());
    }

    #[test]
    fn revalidates_with_etags() {
        let (addr, _) = start("/");
        let r = get(addr, "/style.css", "");
        let etag = r.header("etag").unwrap().to_string();
        let r = get(addr, "/style.css", &format!("If-None-Match: {etag}\r\n"));
        assert_eq!(r.status, 304);
        assert!(r.body.is_empty());
    }

    #[test]
    fn not_found_uses_404_html_when_present() {
        let (addr, site) = start("/zxhy/2025/");
        let r = get(addr, "/zxhy/2025/nope/", "");
        assert_eq!(r.status, 404);
        assert_eq!(r.header("content-type"), Some("text/plain; charset=utf-8"));
        std::fs::write(site.join("404.html"), "<h1>没有这一页</h1>").unwrap();
        let r = get(addr, "/zxhy/2025/nope/", "");
        assert_eq!(r.status, 404);
        assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
        assert_eq!(String::from_utf8(r.body).unwrap(), "<h1>没有这一页</h1>");
        // Outside the base: a plain hint, not the site's page.
        let r = get(addr, "/favicon.ico", "");
        assert_eq!(r.status, 404);
        assert!(String::from_utf8(r.body).unwrap().contains("/zxhy/2025/"));
    }

    #[test]
    fn refuses_path_traversal() {
        let (addr, _) = start("/zxhy/2025/");
        for path in [
            "/zxhy/2025/../secret.txt",
            "/zxhy/2025/%2e%2e/secret.txt",
            "/zxhy/2025/%2E%2E%2Fsecret.txt",
            "/zxhy/2025/..%5csecret.txt",
            "/zxhy/2025/speech/../../secret.txt",
        ] {
            let r = get(addr, path, "");
            assert!(r.status == 400 || r.status == 404, "{path}: {}", r.status);
            assert_ne!(r.body, b"secret", "{path}");
        }
        let r = get(addr, "/zxhy/2025/%zz", "");
        assert_eq!(r.status, 400);
    }

    #[cfg(unix)]
    #[test]
    fn refuses_symlinks_out_of_the_root() {
        let (addr, site) = start("/");
        std::os::unix::fs::symlink(
            site.parent().unwrap().join("secret.txt"),
            site.join("link.txt"),
        )
        .unwrap();
        let r = get(addr, "/link.txt", "");
        assert_eq!(r.status, 404);
    }

    #[test]
    fn rejects_other_methods_and_garbage() {
        let (addr, _) = start("/");
        let r = request(
            addr,
            "DELETE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        );
        assert_eq!(r.status, 405);
        assert_eq!(r.header("allow"), Some("GET, HEAD"));
        let r = request(addr, "NONSENSE\r\n\r\n");
        assert_eq!(r.status, 400);
    }

    #[test]
    fn keeps_connections_alive() {
        let (addr, _) = start("/");
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.write_all(b"GET /style.css HTTP/1.1\r\nHost: x\r\n\r\nGET /digest.json HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut reader = BufReader::new(stream);
        let a = read_reply(&mut reader, false);
        let b = read_reply(&mut reader, false);
        assert_eq!((a.status, a.body), (200, b"body{}".to_vec()));
        assert_eq!((b.status, b.body), (200, b"{}".to_vec()));
    }

    #[test]
    fn negotiates_encodings() {
        assert_eq!(negotiate(None), Encoding::Identity);
        assert_eq!(negotiate(Some("identity")), Encoding::Identity);
        assert_eq!(negotiate(Some("gzip, br")), Encoding::Brotli);
        assert_eq!(negotiate(Some("gzip;q=1, br;q=0.8")), Encoding::Gzip);
        assert_eq!(negotiate(Some("*")), Encoding::Brotli);
        assert_eq!(negotiate(Some("br;q=0")), Encoding::Identity);
    }

    #[test]
    fn recognises_hashed_names() {
        assert!(is_hashed("jianyan-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(is_hashed("style-1a2b3c4d5e6f7a8b.css"));
        assert!(!is_hashed("boot.js"));
        assert!(!is_hashed("digest.json"));
    }
}
