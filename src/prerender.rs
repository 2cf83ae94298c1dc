//! Rendering every page to a complete HTML file (host only, feature `ssr`).

use std::cell::Cell;
use std::rc::Rc;

use lol_html::html_content::ContentType;
use lol_html::{doc_comments, element, rewrite_str, RewriteStrSettings};
use qrcode::{Color, QrCode};
use url::Url;

use crate::cite;
use crate::markup::escape;
use crate::route::{self, Page, View};
use crate::state::Data;
use crate::views::{App, AppProps};

/// The app's HTML for one page, as the browser will hydrate it.
pub async fn render_page(data: Rc<Data>, page: Page) -> String {
    yew::LocalServerRenderer::<App>::with_props(AppProps {
        data,
        page,
        typed: String::new(),
    })
    .render()
    .await
}

/// `../../` for `speech/ID/`: the way from a page's folder back to the site root.
fn base_for(file: &str) -> String {
    let depth = file.matches('/').count();
    if depth == 0 {
        "./".into()
    } else {
        "../".repeat(depth)
    }
}

/// The path the site will be served under (`/zxhy/2025/`), from `JIANYAN_SITE_PATH` at build
/// time; `None` when unset. Only the 404 page needs it: every other page finds the site root
/// by a relative base, so `dist/` still works under any sub-path.
pub fn site_path(value: Option<&str>) -> Result<Option<String>, String> {
    let Some(v) = value.filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let safe = v
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-._~/".contains(c));
    if !(v.starts_with('/') && v.ends_with('/') && safe && !v.contains("//")) {
        return Err(format!(
            "JIANYAN_SITE_PATH={v:?}: give the path the site is served under, like /zxhy/2025/ \
             (starts and ends with /; letters, digits, - . _ ~)"
        ));
    }
    Ok(Some(v.to_string()))
}

/// The address the site will be published at (`https://www.example.gov.cn/zxhy/2025/`), from
/// `cargo xtask dist --site-url` (`JIANYAN_SITE_URL`); `None` when unset. Everything that
/// needs an absolute address comes from it: canonical links, Open Graph tags, `sitemap.xml`,
/// `robots.txt` and the QR code on paper. Without it none of them is written.
pub fn site_url(value: Option<&str>) -> Result<Option<Url>, String> {
    let Some(v) = value.filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let bad = |why: &str| {
        format!(
            "JIANYAN_SITE_URL={v:?}: {why}; give the address the site is published at, like \
             https://www.example.gov.cn/zxhy/2025/ (http or https, ending in /, no query or #)"
        )
    };
    let url = Url::parse(v).map_err(|e| bad(&e.to_string()))?;
    if !matches!(url.scheme(), "https" | "http") || url.host_str().is_none_or(str::is_empty) {
        return Err(bad("not a web address"));
    }
    if !url.path().ends_with('/') || url.query().is_some() || url.fragment().is_some() {
        return Err(bad("not a folder"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad("it holds a user name"));
    }
    Ok(Some(url))
}

/// What the head of one page says about it.
pub struct PageHead<'a> {
    /// `<base href>`: the way to the site root (see [`base_for`]).
    pub base: &'a str,
    /// The page's file in the site (`speech/ID/`), as `data-page` for the app.
    pub file: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    /// Where the page is published, when the site's address is known.
    pub public: Option<Public<'a>>,
}

/// What a page published at a known address adds to its head and its print-out.
pub struct Public<'a> {
    /// The page's absolute address: canonical, `og:url`, the QR code.
    pub url: &'a str,
    /// `article` for a speech, `website` otherwise.
    pub og_type: &'static str,
    /// The page's own title without the site's name (`og:title`).
    pub og_title: &'a str,
    pub site_name: &'a str,
}

/// `<link rel="canonical">` and the Open Graph tags of a published page (the link previews of
/// chat apps read them); nothing without a site address.
pub fn head_tags(head: &PageHead) -> String {
    let mut out = format!(
        "<meta name=\"description\" content=\"{}\">",
        escape(head.description)
    );
    let Some(p) = &head.public else {
        return out;
    };
    out.push_str(&format!(
        "<link rel=\"canonical\" href=\"{}\">",
        escape(p.url)
    ));
    for (property, content) in [
        ("og:title", p.og_title),
        ("og:description", head.description),
        ("og:type", p.og_type),
        ("og:url", p.url),
        ("og:site_name", p.site_name),
        ("og:locale", "zh_CN"),
    ] {
        out.push_str(&format!(
            "<meta property=\"{property}\" content=\"{}\">",
            escape(content)
        ));
    }
    out
}

/// The foot of a printed page: its address and a QR code of it, made here on the host (the
/// `qrcode` crate: nothing of it reaches the WebAssembly). Outside the app's root, so
/// hydration never touches it; `style.css` shows it only in print.
///
/// A filtered or compared view prints this code of its page with the view's own full address
/// beside it (the app's `print-only` line, `views/embed.rs`): a code of the view's own address
/// would need an encoder in the browser (the npm `qrcode` package, loaded when printing), and a
/// print started from the browser's menu does not wait for a script to load.
pub fn handout(url: &str) -> Result<String, String> {
    let code = QrCode::new(url.as_bytes()).map_err(|e| format!("QR code of {url}: {e}"))?;
    Ok(format!(
        "<footer class=\"handout\" id=\"handout\"><div class=\"qr\" role=\"img\" aria-label=\"本页网址的二维码\">{}</div>\
         <p><strong>扫码在手机上阅读</strong><br><span class=\"handout-url\">{}</span></p></footer>",
        qr_svg(&code),
        escape(url)
    ))
}

/// A QR code as SVG: one path of its dark runs, row by row, each a stroke one module thick, with
/// the four-module quiet zone around it. Measured on 弓永玲's page in a build with a site address
/// (`https://www.example.gov.cn/zxhy/2025/`): the whole foot is 3.2 KB raw, 0.81 KB brotli -q 11
/// (the index's 2.5 KB, 0.71 KB), against 8.9 KB and 1.47 KB with the crate's own SVG renderer
/// (a rectangle a module); every page's HTML carries it, the index's in the first view.
fn qr_svg(code: &QrCode) -> String {
    const QUIET: usize = 4;
    let (w, modules) = (code.width(), code.to_colors());
    let size = w + 2 * QUIET;
    let mut d = String::new();
    for (y, row) in modules.chunks(w).enumerate() {
        let mut x = 0;
        while x < w {
            let start = x;
            while x < w && row[x] == Color::Dark {
                x += 1;
            }
            if x > start {
                d.push_str(&format!("M{} {}.5h{}", start + QUIET, y + QUIET, x - start));
            } else {
                x += 1;
            }
        }
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\">\
         <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path stroke=\"#000\" d=\"{d}\"/></svg>"
    )
}

/// Fills a page of the site for one page: base, title, description, the head tags of a
/// published page, the app's content, and the print-out's foot. `template` is Trunk's
/// `index.html`, or a page filled before (its own tags are replaced, so a built `dist/` can be
/// filled again for another site address).
pub fn fill(template: &str, head: &PageHead, body: &str) -> Result<String, String> {
    let base = format!("<base href=\"{}\">", escape(head.base));
    let tags = head_tags(head);
    let foot = match &head.public {
        Some(p) => handout(p.url)?,
        None => String::new(),
    };
    let (charset, title, app) = (Cell::new(false), Cell::new(false), Cell::new(false));
    let mut settings = RewriteStrSettings::new();
    for earlier in [
        "base",
        "meta[name=description]",
        "link[rel=canonical]",
        "meta[property^='og:']",
        "#handout",
    ] {
        settings = settings.append_element_content_handler(element!(earlier, |el| {
            el.remove();
            Ok(())
        }));
    }
    let settings = settings
        .append_element_content_handler(element!("meta[charset]", |el| {
            el.after(&base, ContentType::Html);
            charset.set(true);
            Ok(())
        }))
        .append_element_content_handler(element!("title", |el| {
            el.set_inner_content(head.title, ContentType::Text);
            el.after(&tags, ContentType::Html);
            title.set(true);
            Ok(())
        }))
        .append_element_content_handler(element!("div#app", |el| {
            el.set_attribute("data-page", head.file)?;
            el.set_inner_content(body, ContentType::Html);
            app.set(true);
            Ok(())
        }))
        .append_element_content_handler(element!("body", |el| {
            el.append(&foot, ContentType::Html);
            Ok(())
        }));
    let html = rewrite_str(template, settings).map_err(|e| e.to_string())?;
    for (found, what) in [
        (charset, "<meta charset>"),
        (title, "<title>"),
        (app, "<div id=\"app\">"),
    ] {
        if !found.get() {
            return Err(format!("the template has no {what}"));
        }
    }
    Ok(html)
}

/// The file of the plain static reference page (see [`plain_page`]).
pub const PLAIN_FILE: &str = "plain.html";

/// The index as a plain static page: the same HTML and stylesheet, without any script,
/// module preload or WebAssembly, and without Yew's hydration comments. It is the physical
/// limit for first paint of this content (`e2e/lighthouse.mjs` compares our pages with it);
/// it is marked `noindex`, being a copy of the index for measurement.
pub fn plain_page(index_html: &str) -> Result<String, String> {
    let mut settings = RewriteStrSettings::new();
    for app_only in ["script", "link[rel=modulepreload]", "link[rel=preload]"] {
        settings = settings.append_element_content_handler(element!(app_only, |el| {
            el.remove();
            Ok(())
        }));
    }
    let settings = settings
        // What boot.js sets where the app cannot run: style.css then hides the controls that
        // need it (search, filters).
        .append_element_content_handler(element!("html", |el| {
            el.set_attribute("class", "no-app")?;
            Ok(())
        }))
        .append_element_content_handler(element!("title", |el| {
            el.append("（纯静态参照页）", ContentType::Text);
            el.after(
                "<meta name=\"robots\" content=\"noindex\">",
                ContentType::Html,
            );
            Ok(())
        }))
        // Hydration markers such as <!--<[jianyan::views::App]>-->.
        .append_document_content_handler(doc_comments!(|c| {
            c.remove();
            Ok(())
        }));
    rewrite_str(index_html, settings).map_err(|e| e.to_string())
}

/// `sitemap.xml`: every page's address, with the meeting's date as the date it last changed.
pub fn sitemap(urls: &[String], lastmod: &str) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for url in urls {
        out.push_str(&format!(
            "  <url><loc>{}</loc><lastmod>{}</lastmod></url>\n",
            escape(url),
            escape(lastmod)
        ));
    }
    out.push_str("</urlset>\n");
    out
}

/// `robots.txt`: everything may be read; where the sitemap is. Crawlers read it only at the
/// root of a host: a site under a sub-path (the portal's `/zxhy/2025/`) gives its `Sitemap:`
/// line to the portal's own file.
pub fn robots(site: &Url) -> String {
    format!("User-agent: *\nDisallow:\n\nSitemap: {site}sitemap.xml\n")
}

/// What the prerender writes: every page of the site as (file path, content), the plain
/// reference page, and, with a site address, `sitemap.xml` and `robots.txt`.
/// `site_path`: see [`site_path`]; without it the path of `site_url` is used.
pub async fn render_site(
    template: &str,
    site_path: Option<&str>,
    site_url: Option<&Url>,
) -> Result<Vec<(String, String)>, String> {
    let data = Data::embedded();
    let d = &data.digest;
    let site_name = cite::page_title(d, &View::page(Page::Index));
    let root = site_path.or(site_url.map(Url::path));
    let mut out = Vec::new();
    let mut listed = Vec::new();
    for page in route::all_pages(d) {
        let view = View::page(page.clone());
        let mut file = view.file_path();
        let title = cite::page_title(d, &view);
        let description = cite::page_description(d, &view);
        let body = render_page(data.clone(), page.clone()).await;
        let not_found = page == Page::NotFound;
        let base = match root {
            // Served at any depth (`speech/nobody/`), so no relative base fits the 404 page.
            Some(root) if not_found => root.to_string(),
            _ => base_for(&file),
        };
        let url = match site_url {
            Some(site) if !not_found => Some(
                site.join(&file)
                    .map_err(|e| format!("{site} + {file}: {e}"))?
                    .to_string(),
            ),
            _ => None,
        };
        let og_title = title
            .strip_suffix(&[" — ", &site_name].concat())
            .unwrap_or(&title);
        let head = PageHead {
            base: &base,
            file: &file,
            title: &title,
            description: &description,
            public: url.as_deref().map(|url| Public {
                url,
                og_type: if matches!(page, Page::Speech(_)) {
                    "article"
                } else {
                    "website"
                },
                og_title,
                site_name: &site_name,
            }),
        };
        let html = fill(template, &head, &body)?;
        listed.extend(url);
        if file.is_empty() || file.ends_with('/') {
            file.push_str("index.html");
        }
        if file == "index.html" {
            out.push((PLAIN_FILE.to_string(), plain_page(&html)?));
        }
        out.push((file, html));
    }
    if let Some(site) = site_url {
        out.push(("sitemap.xml".into(), sitemap(&listed, &d.meeting.date)));
        out.push(("robots.txt".into(), robots(site)));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_hrefs_by_depth() {
        assert_eq!(base_for(""), "./");
        assert_eq!(base_for("compare/"), "../");
        assert_eq!(base_for("speech/feng-hua/"), "../../");
        assert_eq!(base_for("404.html"), "./");
    }

    #[test]
    fn site_path_must_be_a_plain_absolute_folder() {
        assert_eq!(site_path(None), Ok(None));
        assert_eq!(site_path(Some("")), Ok(None));
        assert_eq!(
            site_path(Some("/zxhy/2025/")),
            Ok(Some("/zxhy/2025/".into()))
        );
        assert_eq!(site_path(Some("/")), Ok(Some("/".into())));
        for bad in [
            "zxhy/",
            "/zxhy",
            "//evil.example/",
            "/a\"><script>/",
            "/中文/",
        ] {
            assert!(site_path(Some(bad)).is_err(), "{bad}");
        }
    }

    fn head<'a>(public: Option<Public<'a>>) -> PageHead<'a> {
        PageHead {
            base: "../../",
            file: "speech/a/",
            title: "甲 <b>",
            description: "d\"",
            public,
        }
    }

    const PUBLIC: Public = Public {
        url: "https://example.gov.cn/zxhy/2025/speech/a/",
        og_type: "article",
        og_title: "甲：题",
        site_name: "会议 & 摘编",
    };

    #[test]
    fn fills_the_template() {
        let t = "<html><head><meta charset=\"utf-8\"><title>x</title></head><body><div id=\"app\"></div></body></html>";
        let h = fill(t, &head(None), "<p>hi</p>").unwrap();
        assert!(h.contains("<meta charset=\"utf-8\"><base href=\"../../\">"));
        assert!(h.contains(
            "<title>甲 &lt;b&gt;</title><meta name=\"description\" content=\"d&quot;\">"
        ));
        assert!(h.contains("<div id=\"app\" data-page=\"speech/a/\"><p>hi</p></div>"));
        // Without a site address: nothing that needs one.
        for absent in ["canonical", "og:", "handout", "<svg"] {
            assert!(!h.contains(absent), "{absent} in {h}");
        }
        assert!(fill("<title></title>", &head(None), "").is_err());
        assert!(fill(
            "<meta charset=\"utf-8\"><title></title><div id=\"other\"></div>",
            &head(None),
            ""
        )
        .is_err());
    }

    #[test]
    fn a_published_page_names_its_address_and_what_it_shows() {
        let t = "<html><head><meta charset=\"utf-8\"><title>x</title></head><body><div id=\"app\"></div></body></html>";
        let h = fill(t, &head(Some(PUBLIC)), "<p>hi</p>").unwrap();
        for tag in [
            "<link rel=\"canonical\" href=\"https://example.gov.cn/zxhy/2025/speech/a/\">",
            "<meta property=\"og:title\" content=\"甲：题\">",
            "<meta property=\"og:description\" content=\"d&quot;\">",
            "<meta property=\"og:type\" content=\"article\">",
            "<meta property=\"og:url\" content=\"https://example.gov.cn/zxhy/2025/speech/a/\">",
            "<meta property=\"og:site_name\" content=\"会议 &amp; 摘编\">",
            "<meta property=\"og:locale\" content=\"zh_CN\">",
        ] {
            assert!(h.contains(tag), "{tag} missing in {h}");
        }
        // The print-out's foot: after the app's root, with the address and its QR code.
        let app = h.find("<div id=\"app\"").unwrap();
        let foot = h.find("<footer class=\"handout\"").unwrap();
        assert!(app < foot && h[foot..].contains("</footer></body>"));
        assert!(h[foot..].contains("扫码在手机上阅读"));
        assert!(h[foot..].contains("https://example.gov.cn/zxhy/2025/speech/a/</span>"));
        assert!(h[foot..].contains("<svg") && !h.contains("<?xml"));
    }

    #[test]
    fn the_qr_code_draws_every_dark_module_once() {
        let code = QrCode::new(b"https://example.gov.cn/zxhy/2025/speech/a/").unwrap();
        let svg = qr_svg(&code);
        let path = svg.split("d=\"").nth(1).unwrap();
        let drawn: usize = path
            .split('h')
            .skip(1)
            .map(|run| {
                run.split(['M', '"'])
                    .next()
                    .unwrap()
                    .parse::<usize>()
                    .unwrap()
            })
            .sum();
        let dark = code
            .to_colors()
            .iter()
            .filter(|c| **c == Color::Dark)
            .count();
        assert_eq!(drawn, dark);
        let size = code.width() + 8;
        assert!(svg.contains(&format!("viewBox=\"0 0 {size} {size}\"")));
        // The finder pattern's top row: seven dark modules from the quiet zone's edge.
        assert!(svg.contains("d=\"M4 4.5h7"));
    }

    #[test]
    fn a_filled_page_can_be_filled_again() {
        let t = "<html><head><meta charset=\"utf-8\"><title>x</title></head><body><div id=\"app\"></div></body></html>";
        let once = fill(t, &head(Some(PUBLIC)), "<p>one</p>").unwrap();
        let twice = fill(&once, &head(Some(PUBLIC)), "<p>two</p>").unwrap();
        assert_eq!(twice, once.replace("<p>one</p>", "<p>two</p>"));
        let without = fill(&once, &head(None), "<p>one</p>").unwrap();
        assert_eq!(without, fill(t, &head(None), "<p>one</p>").unwrap());
    }

    #[test]
    fn site_url_must_be_a_web_folder() {
        assert_eq!(site_url(None), Ok(None));
        assert_eq!(site_url(Some("")), Ok(None));
        let u = site_url(Some("https://www.example.gov.cn/zxhy/2025/"))
            .unwrap()
            .unwrap();
        assert_eq!(
            u.join("speech/a/").unwrap().as_str(),
            "https://www.example.gov.cn/zxhy/2025/speech/a/"
        );
        assert!(site_url(Some("http://localhost:8080/")).unwrap().is_some());
        for bad in [
            "www.example.gov.cn/zxhy/",
            "https://www.example.gov.cn/zxhy",
            "https://www.example.gov.cn/zxhy/?a=1",
            "https://www.example.gov.cn/zxhy/#x",
            "https://user:pw@www.example.gov.cn/",
            "ftp://example.gov.cn/",
            "javascript:alert(1)//",
            "https:///",
        ] {
            assert!(site_url(Some(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn sitemap_lists_every_address_with_the_date() {
        let s = sitemap(
            &[
                "https://e.cn/a/".into(),
                "https://e.cn/a/speech/x/?a&b".into(),
            ],
            "2025-02-25",
        );
        assert!(s.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
        assert!(s.contains("<url><loc>https://e.cn/a/</loc><lastmod>2025-02-25</lastmod></url>"));
        assert!(s.contains("<loc>https://e.cn/a/speech/x/?a&amp;b</loc>"));
        assert!(s.ends_with("</urlset>\n"));
        let site = Url::parse("https://e.cn/zxhy/2025/").unwrap();
        assert!(robots(&site).ends_with("\nSitemap: https://e.cn/zxhy/2025/sitemap.xml\n"));
    }

    #[test]
    fn the_site_lists_every_page_but_the_404() {
        let template = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>建言</title></head><body><div id=\"app\"></div></body></html>";
        let site = Url::parse("https://e.cn/zxhy/2025/").unwrap();
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let files = rt
            .block_on(render_site(template, None, Some(&site)))
            .unwrap();
        let get = |name: &str| &files.iter().find(|(f, _)| f == name).unwrap().1;
        let map = get("sitemap.xml");
        let d = crate::embedded_digest();
        let lastmod = format!("<lastmod>{}</lastmod>", d.meeting.date);
        assert_eq!(
            map.matches(&lastmod).count(),
            2 + d.speeches.len() + d.themes.len()
        );
        for s in &d.speeches {
            let url = format!("https://e.cn/zxhy/2025/speech/{}/", s.id);
            assert!(map.contains(&format!("<loc>{url}</loc>")), "{url}");
            let page = get(&format!("speech/{}/index.html", s.id));
            assert!(page.contains(&format!("<link rel=\"canonical\" href=\"{url}\">")));
            assert!(page.contains(&format!(
                "<meta property=\"og:title\" content=\"{}：{}\">",
                s.speaker.name,
                escape(cite::display_title(s))
            )));
        }
        let theme = &d.themes[0];
        assert!(
            get(&format!("theme/{}/index.html", theme.id)).contains(&format!(
                "<meta property=\"og:title\" content=\"主题：{}\">",
                theme.name
            ))
        );
        let missing = get("404.html");
        assert!(!map.contains("404") && !missing.contains("canonical"));
        assert!(missing.contains("<base href=\"/zxhy/2025/\">"));
        assert!(get("robots.txt").contains("Sitemap: https://e.cn/zxhy/2025/sitemap.xml"));
        // Without an address: no sitemap, no robots.txt, no canonical.
        let files = rt.block_on(render_site(template, None, None)).unwrap();
        assert!(files
            .iter()
            .all(|(f, h)| f.ends_with(".html") && !h.contains("canonical") && !h.contains("og:")));
    }

    #[test]
    fn plain_page_has_no_script() {
        let index = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\"><base href=\"./\">\n<title>会议</title>\
            <link rel=\"stylesheet\" href=\"./style-1.css\"/>\n<noscript><link rel=\"stylesheet\" href=\"noscript.css\"></noscript>\n\
            <script nomodule src=\"legacy.js\"></script>\n<script type=\"module\" src=\"./boot.js\" data-wasm=\"./a_bg.wasm\"></script>\n\
            <link rel=\"modulepreload\" href=\"./a.js\"><link rel=\"preload\" href=\"./a_bg.wasm\" as=\"fetch\" crossorigin></head>\n\
            <body><div id=\"app\" data-page=\"\"><!--<[jianyan::views::App]>--><h1>会议 &lt;1&gt;</h1><a href=\"speech/a/\">甲</a><!--</[jianyan::views::App]>--></div></body>\n</html>";
        let plain = plain_page(index).unwrap();
        for gone in [
            "<script",
            "</script>",
            "boot.js",
            "legacy.js",
            ".wasm",
            "a.js",
            "preload",
            "<!--",
        ] {
            assert!(!plain.contains(gone), "{gone} in {plain}");
        }
        for kept in [
            "<html lang=\"zh-CN\" class=\"no-app\">",
            "<base href=\"./\">",
            "<title>会议（纯静态参照页）</title><meta name=\"robots\" content=\"noindex\">",
            "<link rel=\"stylesheet\" href=\"./style-1.css\"/>",
            "<h1>会议 &lt;1&gt;</h1><a href=\"speech/a/\">甲</a></div></body>",
        ] {
            assert!(plain.contains(kept), "{kept} missing in {plain}");
        }
    }
}
