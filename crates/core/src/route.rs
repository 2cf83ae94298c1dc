//! The URL contract: every view as a path and query relative to the site root.
//!
//! Paths are real files in `dist/` (`speech/ID/` is `speech/ID/index.html`), so any static
//! server works under any sub-path. Hrefs are written relative to the site root; every page
//! carries a `<base href>` pointing there, so one href works from every page.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::model::Digest;
use crate::query::Filter;

pub const MAX_COMPARE: usize = 4;

/// The file a static server answers unknown paths with.
pub const NOT_FOUND_FILE: &str = "404.html";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Index,
    Speech(String),
    Theme(String),
    Compare,
    NotFound,
}

/// How comparison columns are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CompareOrder {
    /// Rows aligned by measure type.
    #[default]
    ByMeasure,
    /// Each column in its speech's own order.
    BySpeech,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ColorScheme {
    #[default]
    Auto,
    Light,
    Dark,
}

/// Presentation flags that travel with every link.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Display {
    pub elder: bool,
    pub embed: bool,
    pub transparent: bool,
    pub color: ColorScheme,
}

/// Everything the URL says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    pub page: Page,
    /// Index page filters (ignored elsewhere).
    pub filter: Filter,
    /// Comparison: chosen speech ids, in column order.
    pub compare: Vec<String>,
    pub order: CompareOrder,
    pub display: Display,
}

impl View {
    pub fn page(page: Page) -> Self {
        View {
            page,
            filter: Filter::default(),
            compare: Vec::new(),
            order: CompareOrder::default(),
            display: Display::default(),
        }
    }

    /// The same display flags on another page.
    pub fn to(&self, page: Page) -> Self {
        View {
            display: self.display.clone(),
            ..View::page(page)
        }
    }

    /// The URL of the file that holds this page's prerendered HTML (no query).
    pub fn file_path(&self) -> String {
        match &self.page {
            Page::Index => String::new(),
            Page::Speech(id) => format!("speech/{id}/"),
            Page::Theme(id) => format!("theme/{id}/"),
            Page::Compare => "compare/".into(),
            Page::NotFound => NOT_FOUND_FILE.into(),
        }
    }

    /// Site-root-relative href: `./`, `./?q=…`, `speech/ID/`, `compare/?ids=a,b`.
    pub fn href(&self) -> String {
        let mut params: Vec<(&str, String)> = Vec::new();
        match &self.page {
            Page::Index => {
                let f = &self.filter;
                if !f.speakers.is_empty() {
                    params.push(("speaker", f.speakers.join(",")));
                }
                if !f.themes.is_empty() {
                    params.push(("theme", f.themes.join(",")));
                }
                if !f.text.is_empty() {
                    params.push(("q", encode(&f.text)));
                }
            }
            Page::Compare => {
                if !self.compare.is_empty() {
                    params.push(("ids", self.compare.join(",")));
                }
                if self.order == CompareOrder::BySpeech {
                    params.push(("order", "speech".into()));
                }
            }
            _ => {}
        }
        let d = &self.display;
        if d.elder {
            params.push(("elder", "1".into()));
        }
        if d.embed {
            params.push(("embed", "1".into()));
        }
        if d.transparent {
            params.push(("transparent", "1".into()));
        }
        match d.color {
            ColorScheme::Auto => {}
            ColorScheme::Light => params.push(("color", "light".into())),
            ColorScheme::Dark => params.push(("color", "dark".into())),
        }
        let mut out = match self.file_path() {
            p if p.is_empty() => "./".to_string(),
            p => p,
        };
        for (i, (k, v)) in params.iter().enumerate() {
            out.push(if i == 0 { '?' } else { '&' });
            out.push_str(k);
            out.push('=');
            out.push_str(v);
        }
        out
    }
}

/// Something in a link that the viewer could not use, to tell the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignored(pub String);

/// Query keys that messengers and trackers add to shared links (WeChat adds `from`,
/// `isappinstalled` …): dropped without a word.
const SILENT_KEYS: [&str; 8] = [
    "from",
    "isappinstalled",
    "nsukey",
    "scene",
    "clicktime",
    "enterid",
    "spm",
    "share_token",
];

/// Reads a site-root-relative URL (`speech/feng-hua/?elder=1#r2`). Never fails: what it
/// cannot use is left out and listed.
pub fn parse(digest: &Digest, rel: &str) -> (View, Vec<Ignored>) {
    let mut ignored = Vec::new();
    let rel = rel.split('#').next().unwrap_or("");
    let (path, query) = rel.split_once('?').unwrap_or((rel, ""));
    let Some(path) = decode(path) else {
        // A broken link: not the index in disguise, but the not-found page, saying why.
        ignored.push(Ignored("链接的路径无法解码".into()));
        return (View::page(Page::NotFound), ignored);
    };
    let segs: Vec<&str> = path
        .split('/')
        .filter(|s| !s.is_empty() && *s != "." && *s != "index.html")
        .collect();
    let page = match segs.as_slice() {
        [] => Page::Index,
        ["speech", id] if digest.speech(id).is_some() => Page::Speech(id.to_string()),
        ["theme", id] if digest.theme(id).is_some() => Page::Theme(id.to_string()),
        ["compare"] => Page::Compare,
        _ => Page::NotFound,
    };
    let mut view = View::page(page);

    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let key = decode(k).unwrap_or_default();
        let Some(value) = decode(v) else {
            ignored.push(Ignored(format!("参数“{key}”的值无法解码")));
            continue;
        };
        let on_page = |p: &Page| *p == view.page;
        match key.as_str() {
            "speaker" if on_page(&Page::Index) => {
                view.filter.speakers = ids(
                    &value,
                    "发言人",
                    |id| digest.speech(id).is_some(),
                    &mut ignored,
                );
            }
            "theme" if on_page(&Page::Index) => {
                view.filter.themes = ids(
                    &value,
                    "主题",
                    |id| digest.theme(id).is_some(),
                    &mut ignored,
                );
            }
            "q" if on_page(&Page::Index) => {
                let text: String = value
                    .chars()
                    .filter(|c| !c.is_control())
                    .take(100)
                    .collect();
                if text.chars().count() < value.chars().count() {
                    ignored.push(Ignored("检索词过长或含控制字符，已截取".into()));
                }
                view.filter.text = text;
            }
            "ids" if on_page(&Page::Compare) => {
                let mut chosen = ids(
                    &value,
                    "发言",
                    |id| digest.speech(id).is_some(),
                    &mut ignored,
                );
                if chosen.len() > MAX_COMPARE {
                    ignored.push(Ignored(format!(
                        "最多比较{MAX_COMPARE}篇发言，已略去：{}",
                        chosen[MAX_COMPARE..].join("、")
                    )));
                    chosen.truncate(MAX_COMPARE);
                }
                view.compare = chosen;
            }
            "order" if on_page(&Page::Compare) => match value.as_str() {
                "speech" => view.order = CompareOrder::BySpeech,
                "measure" => view.order = CompareOrder::ByMeasure,
                _ => ignored.push(Ignored(format!("排列方式“{value}”无法识别"))),
            },
            "elder" | "embed" | "transparent" => {
                let on = match value.as_str() {
                    "1" | "true" | "" => true,
                    "0" | "false" => false,
                    _ => {
                        ignored.push(Ignored(format!("参数“{key}”的值“{value}”无法识别")));
                        continue;
                    }
                };
                match key.as_str() {
                    "elder" => view.display.elder = on,
                    "embed" => view.display.embed = on,
                    _ => view.display.transparent = on,
                }
            }
            "color" => match value.as_str() {
                "auto" => view.display.color = ColorScheme::Auto,
                "light" => view.display.color = ColorScheme::Light,
                "dark" => view.display.color = ColorScheme::Dark,
                _ => ignored.push(Ignored(format!("配色“{value}”无法识别"))),
            },
            k if SILENT_KEYS.contains(&k) || k.starts_with("utm_") => {}
            _ => ignored.push(Ignored(format!("参数“{}”在此页面无效", clip(&key)))),
        }
    }
    (view, ignored)
}

/// Comma-separated ids: known ones kept once each in order; the rest reported.
fn ids(
    value: &str,
    what: &str,
    known: impl Fn(&str) -> bool,
    ignored: &mut Vec<Ignored>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // Each problem once, however often the link repeats it (`?ids=a,a,a`).
    let mut note = |text: String| {
        if !ignored.iter().any(|i| i.0 == text) {
            ignored.push(Ignored(text));
        }
    };
    for id in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if !known(id) {
            note(format!("未知的{what}编号“{}”", clip(id)));
        } else if out.iter().any(|o| o == id) {
            note(format!("重复的{what}编号“{id}”"));
        } else {
            out.push(id.to_string());
        }
    }
    out
}

/// Hostile or huge input is quoted back only in part.
fn clip(s: &str) -> String {
    let mut out: String = s.chars().filter(|c| !c.is_control()).take(24).collect();
    if s.chars().count() > 24 {
        out.push('…');
    }
    out
}

/// What [`encode`] leaves as it is: the unreserved characters of RFC 3986.
const ESCAPED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-decoding (with `+` as space, as forms write it); `None` for an escape that is not
/// `%` and two hex digits (`%zz`, `%+5`, a `%` at the end) or bytes that are not UTF-8.
/// The decoding is `percent-encoding`'s; it leaves bad escapes as they are, so they are
/// found here first: a reader is told what was ignored rather than shown a guess.
pub fn decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let bad_escape = b.iter().enumerate().any(|(i, &c)| {
        c == b'%'
            && !b
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    });
    if bad_escape {
        return None;
    }
    let spaced = s.replace('+', " ");
    percent_decode_str(&spaced)
        .decode_utf8()
        .ok()
        .map(|c| c.into_owned())
}

/// Percent-encodes all but unreserved ASCII.
pub fn encode(s: &str) -> String {
    utf8_percent_encode(s, ESCAPED).to_string()
}

/// All pages that exist as files, for the prerender.
pub fn all_pages(digest: &Digest) -> Vec<Page> {
    let mut pages = vec![Page::Index, Page::Compare];
    pages.extend(digest.speeches.iter().map(|s| Page::Speech(s.id.clone())));
    pages.extend(digest.themes.iter().map(|t| Page::Theme(t.id.clone())));
    pages.push(Page::NotFound);
    pages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::tiny;

    #[test]
    fn parses_each_kind_of_link() {
        let d = tiny();
        let (v, ig) = parse(&d, "speech/a-one/#r2");
        assert_eq!((v.page, ig.len()), (Page::Speech("a-one".into()), 0));
        let (v, _) = parse(&d, "theme/finance/index.html");
        assert_eq!(v.page, Page::Theme("finance".into()));
        let (v, ig) = parse(
            &d,
            "?speaker=b-two,a-one&theme=economy&q=%E9%87%91%E8%9E%8D",
        );
        assert_eq!(v.page, Page::Index);
        assert_eq!(v.filter.speakers, ["b-two", "a-one"]);
        assert_eq!(v.filter.themes, ["economy"]);
        assert_eq!(v.filter.text, "金融");
        assert!(ig.is_empty());
        let (v, _) = parse(&d, "compare/?ids=a-one,c-three&order=speech&elder=1");
        assert_eq!(v.compare, ["a-one", "c-three"]);
        assert_eq!(v.order, CompareOrder::BySpeech);
        assert!(v.display.elder);
    }

    #[test]
    fn reports_what_it_ignores() {
        let d = tiny();
        let (v, ig) = parse(&d, "compare/?ids=a-one,zzz,a-one,b-two,c-three&bogus=1&from=singlemessage&isappinstalled=0");
        assert_eq!(v.compare, ["a-one", "b-two", "c-three"]);
        let text: Vec<&str> = ig.iter().map(|i| i.0.as_str()).collect();
        assert_eq!(
            text,
            [
                "未知的发言编号“zzz”",
                "重复的发言编号“a-one”",
                "参数“bogus”在此页面无效"
            ]
        );
        // Each problem once, however often it is repeated.
        let (v, ig) = parse(&d, "compare/?ids=a-one,a-one,a-one,zzz,zzz");
        assert_eq!(v.compare, ["a-one"]);
        let text: Vec<&str> = ig.iter().map(|i| i.0.as_str()).collect();
        assert_eq!(text, ["重复的发言编号“a-one”", "未知的发言编号“zzz”"]);
        let (v, ig) = parse(&d, "speech/nobody/");
        assert_eq!(v.page, Page::NotFound);
        assert!(ig.is_empty());
        let (_, ig) = parse(&d, "?q=%E9%87");
        assert_eq!(ig.len(), 1);
    }

    #[test]
    fn bad_escapes_are_reported_not_guessed() {
        let d = tiny();
        // `u8::from_str_radix` took `%+5` as 5; the codec must not.
        for bad in ["%+5", "%zz", "%", "a%4", "%E9%87"] {
            assert_eq!(decode(bad), None, "{bad}");
        }
        assert_eq!(decode("a+b%20c%2B").as_deref(), Some("a b c+"));
        let (v, ig) = parse(&d, "?q=%+5");
        assert_eq!(v.filter.text, "");
        assert_eq!(ig.len(), 1);
        // A path that cannot be decoded is a broken link, said so, not the index.
        let (v, ig) = parse(&d, "speech/%zz/");
        assert_eq!(v.page, Page::NotFound);
        assert_eq!(ig.len(), 1);
    }

    #[test]
    fn more_than_four_are_cut_and_reported() {
        let mut d = tiny();
        for i in 0..3 {
            let mut s = d.speeches[0].clone();
            s.id = format!("x-{i}");
            d.speeches.push(s);
        }
        let (v, ig) = parse(&d, "compare/?ids=a-one,b-two,c-three,x-0,x-1,x-2");
        assert_eq!(v.compare.len(), 4);
        assert_eq!(ig.len(), 1);
        assert!(ig[0].0.contains("x-1、x-2"));
    }

    #[test]
    fn hrefs() {
        let mut v = View::page(Page::Index);
        assert_eq!(v.href(), "./");
        v.filter.text = "民营 经济".into();
        v.filter.themes = vec!["economy".into()];
        assert_eq!(
            v.href(),
            "./?theme=economy&q=%E6%B0%91%E8%90%A5%20%E7%BB%8F%E6%B5%8E"
        );
        let mut c = v.to(Page::Compare);
        c.compare = vec!["a".into(), "b".into()];
        c.display.embed = true;
        assert_eq!(c.href(), "compare/?ids=a,b&embed=1");
        assert_eq!(c.to(Page::Speech("a".into())).href(), "speech/a/?embed=1");
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_garbage(s in "\\PC{0,80}") {
            let d = tiny();
            let _ = parse(&d, &s);
        }

        #[test]
        fn round_trips(
            sp in proptest::sample::subsequence(vec!["a-one", "b-two", "c-three"], 0..=3),
            th in proptest::sample::subsequence(vec!["economy", "finance", "education"], 0..=3),
            q in "[^\\p{C}]{0,12}",
            elder: bool, embed: bool,
        ) {
            let d = tiny();
            let mut v = View::page(Page::Index);
            v.filter.speakers = sp.iter().map(|s| s.to_string()).collect();
            v.filter.themes = th.iter().map(|s| s.to_string()).collect();
            v.filter.text = q;
            v.display.elder = elder;
            v.display.embed = embed;
            let (back, ignored) = parse(&d, &v.href());
            proptest::prop_assert!(ignored.is_empty());
            proptest::prop_assert_eq!(back, v);
        }
    }
}
