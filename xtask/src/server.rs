//! The static file server for `dist/`: HTTP by `tiny_http`, paths by `percent-encoding`.
//!
//! It behaves like a careful static host under a sub-path: the site is mounted at `base`
//! (e.g. `/zxhy/2025/`), folders serve their `index.html` (a folder named without its slash
//! is redirected to it), unknown paths of any depth get `404.html`, files are sent gzip- or
//! brotli-compressed when the client accepts it (compressed once, then cached), and every
//! response carries the strict Content-Security-Policy the portal will use (and
//! `Access-Control-Allow-Origin: *`, which sandboxed embeds need). A request target with a
//! control character, a `..` or `.` segment, a backslash, or over [`MAX_TARGET`] bytes gets
//! a 400 whose body says nothing of the request. It binds 127.0.0.1 only. `cargo xtask serve`
//! runs it in the foreground; the test steps run it on background threads on a free port.
//!
//! Why tiny_http and not axum + tower-http's `ServeDir`: compile time, as xtask is built before
//! every command. A clean build of a small server with each, on the 2-core machine: tiny_http
//! 2.6 s CPU, axum + tower-http + tokio 38.8 s CPU (66 crates). What is left here is the site's
//! own policy: which file answers a path, the headers, and compressing once per file version.

use std::collections::HashMap;
use std::io::Cursor;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{SystemTime, UNIX_EPOCH};

use percent_encoding::{percent_decode_str, utf8_percent_encode, CONTROLS};
use tiny_http::{Header, Method, Request, Response, StatusCode};

use crate::compress;
use crate::util::{parallel, walk_files, Context, Result};

/// Sent with every response.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
                       style-src 'self'; img-src 'self' data:";

/// The longest request target answered (longer: 400). tiny_http reads the whole line first.
pub const MAX_TARGET: usize = 8 * 1024;

/// Threads taking requests from tiny_http's queue: a cold brotli -q 11 of the wasm takes
/// seconds, and should not hold up the page's other files. 32, not 8: a response sometimes
/// never reached the browser when many loads ran at once (the embed demo's three frames in two
/// test workers; chunks fetched in parallel whose bodies are read only when their companions
/// have come), and a worker blocked on a write is one fewer to answer. Not root-caused: it was
/// never seen with Python's http.server (HTTP/1.0) in 9 loads of the 100× build.
const WORKERS: usize = 32;

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

/// A server listening on a port; requests queue until [`Server::run`] or [`Server::spawn`].
pub struct Server {
    http: Arc<tiny_http::Server>,
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
    bytes: Arc<OnceLock<Arc<[u8]>>>,
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
    /// Listens on 127.0.0.1:`port` (0 = any free port) to serve `root` under `base`.
    pub fn bind(root: &Path, base: &str, port: u16, log: Log) -> Result<Server> {
        let root = root
            .canonicalize()
            .context(format!("cannot serve {}", root.display()))?;
        if !root.is_dir() {
            crate::bail!("cannot serve {}: not a folder", root.display());
        }
        let http = tiny_http::Server::http((Ipv4Addr::LOCALHOST, port)).map_err(|e| {
            crate::util::Error(format!(
                "cannot listen on 127.0.0.1:{port} (is another server running there? try --port): {e}"
            ))
        })?;
        let state = Arc::new(State {
            root,
            base: normalize_base(base),
            log,
            cache: Mutex::new(HashMap::new()),
        });
        Ok(Server {
            http: Arc::new(http),
            state,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.http
            .server_addr()
            .to_ip()
            .expect("listening on an IP address")
    }

    /// `http://127.0.0.1:PORT/base/`.
    pub fn url(&self) -> String {
        format!("http://{}{}", self.addr(), self.state.base)
    }

    /// Compresses every compressible file now (brotli -q 11 takes seconds for
    /// a large wasm), so that no request waits for it. Returns how many files.
    pub fn warm(&self) -> usize {
        let mut files = walk_files(&self.state.root).unwrap_or_default();
        files.retain(|f| compress::compressible(&ext_of(f)));
        self.state.warm(files)
    }

    /// Compresses these files (paths relative to the served folder) now; see [`Server::warm`].
    pub fn warm_files(&self, rel: &[String]) -> usize {
        let files = rel.iter().map(|r| self.state.root.join(r)).collect();
        self.state.warm(files)
    }

    /// [`Server::warm`] on a background thread, logging when done.
    pub fn warm_in_background(&self) {
        let server = Server {
            http: Arc::clone(&self.http),
            state: Arc::clone(&self.state),
        };
        let _ = std::thread::Builder::new()
            .name("xtask-http-warm".into())
            .spawn(move || {
                let start = std::time::Instant::now();
                let n = server.warm();
                if server.state.log == Log::All {
                    eprintln!(
                        "[serve] compressed {n} files in {}",
                        crate::util::fmt_duration(start.elapsed())
                    );
                }
            });
    }

    fn start_workers(&self, n: usize) {
        for _ in 0..n {
            let http = Arc::clone(&self.http);
            let state = Arc::clone(&self.state);
            std::thread::Builder::new()
                .name("xtask-http".into())
                .spawn(move || serve_requests(&http, &state))
                .expect("can start a thread");
        }
    }

    /// Answers requests forever (on this thread and [`WORKERS`]` - 1` more).
    pub fn run(self) {
        self.start_workers(WORKERS - 1);
        serve_requests(&self.http, &self.state);
    }

    /// Answers requests on background threads; returns the base URL. The server lives until
    /// the process exits.
    pub fn spawn(self) -> String {
        self.start_workers(WORKERS);
        self.url()
    }
}

fn serve_requests(http: &tiny_http::Server, state: &State) {
    for req in http.incoming_requests() {
        state.answer(req);
    }
}

/// What the site answers, before it becomes a tiny_http response.
struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Arc<[u8]>,
}

impl Reply {
    fn text(status: u16, text: &str) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type", "text/plain; charset=utf-8".into())],
            body: Arc::from(text.as_bytes()),
        }
    }

    fn bad_request() -> Reply {
        Reply::text(400, "Bad request.\n")
    }

    /// A 301 to `location`, percent-encoding any control character it might carry, so that no
    /// raw CR or LF can ever reach a header.
    fn redirect(location: &str) -> Reply {
        let location = utf8_percent_encode(location, CONTROLS).to_string();
        let mut r = Reply::text(301, "Moved to the folder's address (with a slash).\n");
        r.headers.push(("Location", location));
        r
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn into_response(self) -> Response<Cursor<Arc<[u8]>>> {
        let len = self.body.len();
        // Public static files: readable from any origin. A sandboxed iframe
        // (embed-demo.html, no allow-same-origin) has the origin `null`, and its
        // module scripts, wasm and integrity-checked CSS are CORS requests.
        let fixed = [
            ("Content-Security-Policy", CSP),
            ("X-Content-Type-Options", "nosniff"),
            ("Access-Control-Allow-Origin", "*"),
        ];
        let headers = self
            .headers
            .iter()
            .map(|(k, v)| (*k, v.as_str()))
            .chain(fixed)
            .map(|(k, v)| Header::from_bytes(k, v).expect("header values are ASCII, no controls"))
            .collect();
        Response::new(
            StatusCode(self.status),
            headers,
            Cursor::new(self.body),
            Some(len),
            None,
        )
        // Always a Content-Length (tiny_http would chunk large bodies).
        .with_chunked_threshold(usize::MAX)
    }
}

fn request_header<'r>(req: &'r Request, name: &'static str) -> Option<&'r str> {
    req.headers()
        .iter()
        .find(|h| h.field.equiv(name))
        .map(|h| h.value.as_str())
}

/// A control character (C0, DEL) or a space: never part of a valid request target.
fn is_control(c: char) -> bool {
    c.is_ascii_control() || c == ' '
}

impl State {
    /// Compresses `files` on every core (largest first, so the big wasm does not finish last
    /// on its own). Returns how many files.
    fn warm(&self, mut files: Vec<PathBuf>) -> usize {
        files
            .sort_by_key(|f| std::cmp::Reverse(std::fs::metadata(f).map(|m| m.len()).unwrap_or(0)));
        let jobs: Vec<(&PathBuf, Encoding)> = files
            .iter()
            .flat_map(|f| [(f, Encoding::Brotli), (f, Encoding::Gzip)])
            .collect();
        parallel(&jobs, |(file, enc)| {
            let canonical = file.canonicalize().ok()?;
            let meta = std::fs::metadata(&canonical).ok()?;
            self.body(&canonical, *enc, stamp(&meta))
        });
        files.len()
    }

    fn answer(&self, req: Request) {
        let reply = self.respond(
            req.method(),
            req.url(),
            request_header(&req, "accept-encoding"),
            request_header(&req, "if-none-match"),
        );
        let show = match self.log {
            Log::All => true,
            Log::Errors => reply.status >= 400,
            Log::None => false,
        };
        if show {
            // The target is shown escaped: a terminal must not run what a request carries.
            let target: String = req
                .url()
                .chars()
                .take(200)
                .flat_map(char::escape_default)
                .collect();
            let enc = reply
                .header("Content-Encoding")
                .map(|v| format!(" {v}"))
                .unwrap_or_default();
            eprintln!(
                "[serve] {} {target} → {} ({} bytes{enc})",
                req.method(),
                reply.status,
                reply.body.len()
            );
        }
        let _ = req.respond(reply.into_response());
    }

    /// The answer to `method target` (the raw request target: path and query).
    fn respond(
        &self,
        method: &Method,
        target: &str,
        accept_encoding: Option<&str>,
        if_none_match: Option<&str>,
    ) -> Reply {
        if target.len() > MAX_TARGET || target.chars().any(is_control) {
            return Reply::bad_request();
        }
        if !matches!(method, Method::Get | Method::Head) {
            let mut r = Reply::text(405, "Only GET and HEAD are supported.\n");
            r.headers.push(("Allow", "GET, HEAD".into()));
            return r;
        }
        let target = target.split('#').next().unwrap_or("");
        let (path, query) = target.split_at(target.find('?').unwrap_or(target.len()));
        if !path.starts_with('/') {
            return Reply::bad_request();
        }
        let Ok(decoded) = percent_decode_str(path).decode_utf8() else {
            return Reply::bad_request();
        };
        if decoded.chars().any(char::is_control) {
            return Reply::bad_request();
        }
        if self.base != "/" && decoded == self.base.trim_end_matches('/') {
            return Reply::redirect(&format!("{}{query}", self.base));
        }
        let Some(rel) = decoded.strip_prefix(self.base.as_str()) else {
            return Reply::text(
                404,
                &format!(
                    "Not found: this server serves dist/ under {} — try that path.\n",
                    self.base
                ),
            );
        };
        let mut file = self.root.clone();
        for seg in rel.split('/').filter(|s| !s.is_empty()) {
            if seg == "." || seg == ".." || seg.contains(['\\', ':']) {
                return Reply::bad_request();
            }
            file.push(seg);
        }
        let Ok(meta) = std::fs::metadata(&file) else {
            return self.not_found(accept_encoding);
        };
        if meta.is_dir() {
            if !decoded.ends_with('/') {
                return Reply::redirect(&format!("{path}/{query}"));
            }
            file.push("index.html");
        }
        self.serve_file(&file, 200, accept_encoding, if_none_match)
            .unwrap_or_else(|| self.not_found(accept_encoding))
    }

    /// The site's 404 page (any depth: it finds the site by an absolute `<base href>`).
    fn not_found(&self, accept_encoding: Option<&str>) -> Reply {
        self.serve_file(&self.root.join("404.html"), 404, accept_encoding, None)
            .unwrap_or_else(|| Reply::text(404, "Not found.\n"))
    }

    /// `None` if the file is missing, unreadable or outside the root.
    fn serve_file(
        &self,
        file: &Path,
        status: u16,
        accept_encoding: Option<&str>,
        if_none_match: Option<&str>,
    ) -> Option<Reply> {
        let canonical = file.canonicalize().ok()?;
        if !canonical.starts_with(&self.root) || !canonical.is_file() {
            return None;
        }
        let meta = std::fs::metadata(&canonical).ok()?;
        let ext = ext_of(&canonical);
        let compressible = compress::compressible(&ext);
        let encoding = if compressible {
            negotiate(accept_encoding)
        } else {
            Encoding::Identity
        };
        let name = canonical.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let cache_control = if ext == "html" || !is_hashed(name) {
            "no-cache"
        } else {
            "public, max-age=31536000, immutable"
        };
        let mut reply = Reply {
            status,
            headers: vec![
                ("Content-Type", content_type(&ext).into()),
                ("Cache-Control", cache_control.into()),
            ],
            body: Arc::from(&[][..]),
        };
        if compressible {
            reply.headers.push(("Vary", "Accept-Encoding".into()));
        }
        if status == 200 {
            let (len, mtime) = stamp(&meta);
            let nanos = mtime
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            let suffix = encoding
                .token()
                .map(|t| format!("-{t}"))
                .unwrap_or_default();
            let etag = format!("\"{len:x}-{nanos:x}{suffix}\"");
            let matches = if_none_match
                .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
            reply.headers.push(("ETag", etag));
            if matches {
                reply.status = 304;
                return Some(reply);
            }
        }
        reply.body = self.body(&canonical, encoding, stamp(&meta))?;
        if let Some(token) = encoding.token() {
            reply.headers.push(("Content-Encoding", token.into()));
        }
        Some(reply)
    }

    /// The file's bytes in `encoding`; compressed bytes are cached per file version.
    fn body(&self, file: &Path, encoding: Encoding, stamp: (u64, SystemTime)) -> Option<Arc<[u8]>> {
        if encoding == Encoding::Identity {
            return std::fs::read(file).ok().map(Arc::from);
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
            Arc::from(match encoding {
                Encoding::Gzip => compress::gzip(&raw),
                Encoding::Brotli => compress::brotli(&raw),
                Encoding::Identity => raw.clone(),
            })
        });
        Some(Arc::clone(bytes))
    }
}

fn stamp(meta: &std::fs::Metadata) -> (u64, SystemTime) {
    (meta.len(), meta.modified().unwrap_or(UNIX_EPOCH))
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
        let q = parts
            .find_map(|p| p.trim().strip_prefix("q="))
            .map_or(1.0, |v| v.trim().parse().unwrap_or(0.0));
        let enc = match coding.as_str() {
            "br" | "*" => Encoding::Brotli,
            "gzip" | "x-gzip" => Encoding::Gzip,
            _ => continue,
        };
        let better = q > best.1 || (q == best.1 && enc == Encoding::Brotli);
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

#[cfg(test)]
mod tests {
    //! Raw bytes over a TcpStream, as a browser or an attacker would send them.
    use super::*;
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpStream;

    /// A throwaway folder that looks like a small dist/.
    fn fixture() -> PathBuf {
        static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let dir =
            std::env::temp_dir().join(format!("xtask-server-test-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let site = dir.join("site");
        std::fs::create_dir_all(site.join("speech/feng-hua")).unwrap();
        std::fs::create_dir_all(site.join("compare")).unwrap();
        std::fs::write(
            site.join("index.html"),
            "<!doctype html><title>建言</title>".repeat(50),
        )
        .unwrap();
        std::fs::write(site.join("speech/feng-hua/index.html"), "<p>冯华</p>").unwrap();
        std::fs::write(site.join("compare/index.html"), "<p>比较</p>").unwrap();
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

    struct Answer {
        status: u16,
        /// The head as sent, for checks on raw bytes.
        head: Vec<u8>,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    }

    impl Answer {
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
    fn read_answer(reader: &mut BufReader<TcpStream>, head_only: bool) -> Answer {
        let mut head = Vec::new();
        loop {
            let n = reader.read_until(b'\n', &mut head).unwrap();
            if n == 0 || head.ends_with(b"\r\n\r\n") {
                break;
            }
        }
        let text = String::from_utf8_lossy(&head).into_owned();
        let mut lines = text.split("\r\n");
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers: Vec<(String, String)> = lines
            .filter(|l| !l.is_empty())
            .map(|l| {
                let (k, v) = l.split_once(':').unwrap();
                (k.to_string(), v.trim().to_string())
            })
            .collect();
        let len: usize = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
            .map(|(_, v)| v.parse().unwrap())
            .unwrap_or(0);
        let mut body = vec![0; if head_only || status == 304 { 0 } else { len }];
        reader.read_exact(&mut body).unwrap();
        Answer {
            status,
            head,
            headers,
            body,
        }
    }

    fn request(addr: SocketAddr, raw: &[u8]) -> Answer {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.write_all(raw).unwrap();
        let head_only = raw.starts_with(b"HEAD");
        read_answer(&mut BufReader::new(stream), head_only)
    }

    fn get(addr: SocketAddr, path: &str, extra: &str) -> Answer {
        request(
            addr,
            format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{extra}\r\n")
                .as_bytes(),
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
        // An escaped CR/LF stays escaped in the Location.
        let r = get(addr, "/zxhy/2025/compare?a=%0D%0ASet-Cookie:x=1", "");
        assert_eq!(r.status, 301);
        assert_eq!(
            r.header("location"),
            Some("/zxhy/2025/compare/?a=%0D%0ASet-Cookie:x=1")
        );
        assert_eq!(r.header("set-cookie"), None);
    }

    #[test]
    fn redirect_locations_never_carry_controls() {
        let r = Reply::redirect("/compare/?a=\rSet-Cookie:x=1\n");
        assert_eq!(
            r.header("location"),
            Some("/compare/?a=%0DSet-Cookie:x=1%0A")
        );
    }

    #[test]
    fn refuses_control_characters_without_reflecting_them() {
        let (addr, _) = start("/");
        for raw in [
            &b"GET /compare?a=\rSet-Cookie:x=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"[..],
            b"GET /compare?a=\nSet-Cookie:x=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            b"GET /compare?a=\x07b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            b"GET /compare\t HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            b"GET /compare%0D%0ASet-Cookie:x=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            b"GET /compare%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        ] {
            let r = request(addr, raw);
            let shown = String::from_utf8_lossy(raw);
            assert_eq!(r.status, 400, "{shown:?}");
            assert_eq!(r.header("set-cookie"), None, "{shown:?}");
            assert_eq!(r.header("location"), None, "{shown:?}");
            let all = [&r.head[..], &r.body[..]].concat();
            let all = String::from_utf8_lossy(&all);
            assert!(
                !all.contains("Set-Cookie") && !all.contains("compare"),
                "{shown:?}: {all}"
            );
        }
    }

    #[test]
    fn refuses_oversized_request_lines() {
        let (addr, _) = start("/");
        let long = format!("/{}", "a".repeat(MAX_TARGET + 1));
        let r = get(addr, &long, "");
        assert_eq!(r.status, 400);
        assert!(r.body.len() < 100);
        let r = get(addr, &format!("/?q={}", "a".repeat(MAX_TARGET - 10)), "");
        assert_eq!(r.status, 200);
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
        // Not UTF-8 once decoded.
        let r = get(addr, "/zxhy/2025/%FF/", "");
        assert_eq!(r.status, 400);
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
    fn sends_large_files_with_a_length() {
        let (addr, site) = start("/");
        std::fs::write(site.join("big.wasm"), vec![7u8; 100_000]).unwrap();
        let r = get(addr, "/big.wasm", "");
        assert_eq!(r.header("content-length"), Some("100000"));
        assert_eq!(r.header("transfer-encoding"), None);
        assert_eq!(r.body.len(), 100_000);
    }

    #[test]
    fn warms_the_compression_cache() {
        let site = fixture();
        let server = Server::bind(&site, "/", 0, Log::None).unwrap();
        // Three pages, wasm, js, css, json, webmanifest (not the png).
        assert_eq!(server.warm(), 8);
        assert_eq!(server.state.cache.lock().unwrap().len(), 16);
        assert_eq!(server.warm_files(&["style.css".into()]), 1);
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
            b"HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
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
    fn not_found_uses_404_html_at_any_depth() {
        let (addr, site) = start("/zxhy/2025/");
        let r = get(addr, "/zxhy/2025/nope/", "");
        assert_eq!(r.status, 404);
        assert_eq!(r.header("content-type"), Some("text/plain; charset=utf-8"));
        assert!(!String::from_utf8(r.body).unwrap().contains("nope"));
        std::fs::write(site.join("404.html"), "<h1>没有这一页</h1>").unwrap();
        for path in [
            "/zxhy/2025/nope/",
            "/zxhy/2025/a/b/c/d.html",
            "/zxhy/2025/%zz",
        ] {
            let r = get(addr, path, "Accept-Encoding: br\r\n");
            assert_eq!(r.status, 404, "{path}");
            assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
            assert_eq!(r.header("content-security-policy"), Some(CSP));
            let mut back = String::new();
            brotli::Decompressor::new(&r.body[..], 4096)
                .read_to_string(&mut back)
                .unwrap();
            assert_eq!(back, "<h1>没有这一页</h1>");
        }
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
            "/zxhy/2025/..%2fsecret.txt",
            "/zxhy/2025/speech/../../secret.txt",
            "/zxhy/2025/./index.html",
            "/zxhy/2025/c:%5csecret.txt",
        ] {
            let r = get(addr, path, "");
            assert_eq!(r.status, 400, "{path}");
            assert_ne!(r.body, b"secret", "{path}");
        }
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
        assert_ne!(r.body, b"secret");
    }

    #[test]
    fn rejects_other_methods_and_garbage() {
        let (addr, _) = start("/");
        let r = request(
            addr,
            b"DELETE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        );
        assert_eq!(r.status, 405);
        assert_eq!(r.header("allow"), Some("GET, HEAD"));
        let r = request(addr, b"NONSENSE\r\n\r\n");
        assert_eq!(r.status, 400);
    }

    #[test]
    fn keeps_connections_alive() {
        let (addr, _) = start("/");
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.write_all(b"GET /style.css HTTP/1.1\r\nHost: x\r\n\r\nGET /digest.json HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut reader = BufReader::new(stream);
        let a = read_answer(&mut reader, false);
        let b = read_answer(&mut reader, false);
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
