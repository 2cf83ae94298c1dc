//! Rendering every page to a complete HTML file (host only, feature `ssr`).

use std::rc::Rc;

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

/// Fills Trunk's `index.html` for one page: base, title, description, content.
pub fn fill(
    template: &str,
    base: &str,
    file: &str,
    title: &str,
    description: &str,
    body: &str,
) -> Result<String, String> {
    let mount = "<div id=\"app\"></div>";
    if !template.contains(mount) {
        return Err(format!("the template has no empty {mount}"));
    }
    let charset = template
        .find("<meta charset=\"utf-8\">")
        .map(|i| i + "<meta charset=\"utf-8\">".len())
        .ok_or("the template has no <meta charset=\"utf-8\">")?;
    let mut html = String::with_capacity(template.len() + body.len() + 256);
    html.push_str(&template[..charset]);
    html.push_str(&format!("<base href=\"{}\">", escape(base)));
    html.push_str(&template[charset..]);
    let title_re = |h: &str| -> Option<(usize, usize)> {
        let s = h.find("<title>")?;
        let e = h[s..].find("</title>")? + s + "</title>".len();
        Some((s, e))
    };
    let (s, e) = title_re(&html).ok_or("the template has no <title>")?;
    html.replace_range(
        s..e,
        &format!(
            "<title>{}</title><meta name=\"description\" content=\"{}\">",
            escape(title),
            escape(description)
        ),
    );
    Ok(html.replacen(
        mount,
        &format!(
            "<div id=\"app\" data-page=\"{}\">{body}</div>",
            escape(file)
        ),
        1,
    ))
}

/// The file of the plain static reference page (see [`plain_page`]).
pub const PLAIN_FILE: &str = "plain.html";

/// The index as a plain static page: the same HTML and stylesheet, without any script,
/// module preload or WebAssembly, and without Yew's hydration comments. It is the physical
/// limit for first paint of this content (`e2e/lighthouse.mjs` compares our pages with it);
/// it is marked `noindex`, being a copy of the index for measurement.
pub fn plain_page(index_html: &str) -> String {
    let mut html = String::with_capacity(index_html.len());
    let mut rest = index_html;
    while let Some(start) = rest.find('<') {
        html.push_str(&rest[..start]);
        rest = &rest[start..];
        let tag_end = rest.find('>').map_or(rest.len(), |i| i + 1);
        let tag = &rest[..tag_end];
        if tag.starts_with("<!--") {
            // Hydration markers such as <!--<[jianyan::views::App]>-->.
            rest = &rest[rest.find("-->").map_or(rest.len(), |i| i + 3)..];
        } else if tag.starts_with("<script") {
            rest = &rest[rest
                .find("</script>")
                .map_or(rest.len(), |i| i + "</script>".len())..];
        } else if tag.starts_with("<link")
            && (tag.contains("rel=\"modulepreload\"") || tag.contains("rel=\"preload\""))
        {
            rest = &rest[tag_end..];
        } else if let Some(attrs) = tag.strip_prefix("<html") {
            // What boot.js sets where the app cannot run: style.css then hides the controls
            // that need it (search, filters).
            html.push_str("<html class=\"no-app\"");
            html.push_str(attrs);
            rest = &rest[tag_end..];
        } else if tag.starts_with("</title>") {
            html.push_str("（纯静态参照页）</title><meta name=\"robots\" content=\"noindex\">");
            rest = &rest[tag_end..];
        } else {
            html.push_str(tag);
            rest = &rest[tag_end..];
        }
    }
    html.push_str(rest);
    html
}

/// Every page of the site as (file path, HTML), and the plain reference page.
/// `site_path`: see [`site_path`].
pub async fn render_site(
    template: &str,
    site_path: Option<&str>,
) -> Result<Vec<(String, String)>, String> {
    let data = Data::embedded();
    let mut out = Vec::new();
    for page in route::all_pages(&data.digest) {
        let view = View::page(page.clone());
        let mut file = view.file_path();
        let title = cite::page_title(&data.digest, &view);
        let description = cite::page_description(&data.digest, &view);
        let body = render_page(data.clone(), page).await;
        let base = match site_path {
            // Served at any depth (`speech/nobody/`), so no relative base fits the 404 page.
            Some(root) if file == route::NOT_FOUND_FILE => root.to_string(),
            _ => base_for(&file),
        };
        let html = fill(template, &base, &file, &title, &description, &body)?;
        if file.is_empty() || file.ends_with('/') {
            file.push_str("index.html");
        }
        if file == "index.html" {
            out.push((PLAIN_FILE.to_string(), plain_page(&html)));
        }
        out.push((file, html));
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

    #[test]
    fn fills_the_template() {
        let t = "<html><head><meta charset=\"utf-8\"><title>x</title></head><body><div id=\"app\"></div></body></html>";
        let h = fill(t, "../../", "speech/a/", "甲 <b>", "d\"", "<p>hi</p>").unwrap();
        assert!(h.contains("<meta charset=\"utf-8\"><base href=\"../../\">"));
        assert!(h.contains(
            "<title>甲 &lt;b&gt;</title><meta name=\"description\" content=\"d&quot;\">"
        ));
        assert!(h.contains("<div id=\"app\" data-page=\"speech/a/\"><p>hi</p></div>"));
        assert!(fill("<title></title>", "./", "", "", "", "").is_err());
    }

    #[test]
    fn plain_page_has_no_script() {
        let index = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\"><base href=\"./\">\n<title>会议</title>\
            <link rel=\"stylesheet\" href=\"./style-1.css\"/>\n<noscript><link rel=\"stylesheet\" href=\"noscript.css\"></noscript>\n\
            <script nomodule src=\"legacy.js\"></script>\n<script type=\"module\" src=\"./boot.js\" data-wasm=\"./a_bg.wasm\"></script>\n\
            <link rel=\"modulepreload\" href=\"./a.js\"><link rel=\"preload\" href=\"./a_bg.wasm\" as=\"fetch\" crossorigin></head>\n\
            <body><div id=\"app\" data-page=\"\"><!--<[jianyan::views::App]>--><h1>会议 &lt;1&gt;</h1><a href=\"speech/a/\">甲</a><!--</[jianyan::views::App]>--></div></body>\n</html>";
        let plain = plain_page(index);
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
            "<html class=\"no-app\" lang=\"zh-CN\">",
            "<base href=\"./\">",
            "<title>会议（纯静态参照页）</title><meta name=\"robots\" content=\"noindex\">",
            "<link rel=\"stylesheet\" href=\"./style-1.css\"/>",
            "<h1>会议 &lt;1&gt;</h1><a href=\"speech/a/\">甲</a></div></body>",
        ] {
            assert!(plain.contains(kept), "{kept} missing in {plain}");
        }
    }
}
