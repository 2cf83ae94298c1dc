//! The recommendations a view shows, as CSV (for Excel) and JSON (for everyone else). DOM-free.
//!
//! CSV: UTF-8 with a byte-order mark (without it, Excel on Windows reads the file as the local
//! code page and shows mojibake for Chinese), CRLF line ends, every text field quoted with inner
//! quotes doubled (RFC 4180), and text that a spreadsheet would take for a formula (`=`, `+`,
//! `-`, `@`, tab, carriage return first) prefixed with `'`, as OWASP advises against CSV
//! injection. JSON is written by hand (no serde_json in the browser).

use crate::cite;
use crate::model::{Digest, Speech};
use crate::query;
use crate::route::{Page, View};
use crate::search::SearchIndex;

/// The CSV header, in the order of the columns.
pub const CSV_COLUMNS: [&str; 9] = [
    "发言人",
    "所代表单位",
    "发言标题",
    "序号",
    "建议要点",
    "建议内容",
    "主题",
    "措施类型",
    "链接",
];

/// The speeches whose recommendations `view` shows, in the order it shows them. The comparison
/// without a choice shows every speech (its coverage picture and lists by measure).
pub fn speeches_in_view(d: &Digest, index: &SearchIndex, view: &View) -> Vec<usize> {
    match &view.page {
        Page::Index => query::matching(d, index, &view.filter),
        Page::Speech(id) => d.speech_index(id).into_iter().collect(),
        Page::Theme(id) => (0..d.speeches.len())
            .filter(|&i| d.speeches[i].themes.contains(id))
            .collect(),
        Page::Compare if view.compare.is_empty() => (0..d.speeches.len()).collect(),
        Page::Compare => view
            .compare
            .iter()
            .filter_map(|id| d.speech_index(id))
            .collect(),
        Page::NotFound => Vec::new(),
    }
}

/// How many recommendations an export of these speeches holds.
pub fn count(d: &Digest, speeches: &[usize]) -> usize {
    speeches
        .iter()
        .map(|&i| d.speeches[i].recommendations.len())
        .sum()
}

/// `jianyan-speech-feng-hua.csv`: ASCII only, so every system keeps the name.
pub fn file_name(view: &View, ext: &str) -> String {
    let mut out = String::from("jianyan-");
    match &view.page {
        Page::Speech(id) => {
            out.push_str("speech-");
            out.push_str(id);
        }
        Page::Theme(id) => {
            out.push_str("theme-");
            out.push_str(id);
        }
        Page::Compare => out.push_str("compare"),
        _ => out.push_str("index"),
    }
    out.push('.');
    out.push_str(ext);
    out
}

/// One row's fields, shared by both formats.
struct Row<'a> {
    s: &'a Speech,
    ordinal: usize,
    label: &'a str,
    headline: &'a str,
    details: &'a str,
    themes: Vec<&'a str>,
    measures: Vec<&'a str>,
    link: String,
}

fn rows<'a>(d: &'a Digest, speeches: &[usize], base: &str) -> Vec<Row<'a>> {
    let mut out = Vec::new();
    for &si in speeches {
        let s = &d.speeches[si];
        let themes: Vec<&str> = s
            .themes
            .iter()
            .filter_map(|t| d.theme(t))
            .map(|t| t.name.as_str())
            .collect();
        for (ri, r) in s.recommendations.iter().enumerate() {
            let mut link = String::from(base);
            link.push_str("speech/");
            link.push_str(&s.id);
            link.push_str("/#");
            link.push_str(&r.id);
            out.push(Row {
                s,
                ordinal: ri + 1,
                label: &r.label,
                headline: &r.headline,
                details: &r.details,
                themes: themes.clone(),
                measures: r
                    .measures
                    .iter()
                    .filter_map(|m| d.measure(m))
                    .map(|m| m.name.as_str())
                    .collect(),
                link,
            });
        }
    }
    out
}

/// The recommendations of `speeches` as CSV; `base` is the site root (`https://…/zxhy/2025/`).
pub fn csv(d: &Digest, speeches: &[usize], base: &str) -> String {
    let mut out = String::from("\u{FEFF}");
    for (i, c) in CSV_COLUMNS.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(c);
    }
    out.push_str("\r\n");
    for r in rows(d, speeches, base) {
        csv_field(&mut out, &r.s.speaker.name);
        out.push(',');
        csv_field(&mut out, r.s.speaker.on_behalf_of.as_deref().unwrap_or(""));
        out.push(',');
        csv_field(&mut out, cite::display_title(r.s));
        out.push(',');
        out.push_str(&r.ordinal.to_string());
        for text in [
            r.headline,
            r.details,
            &r.themes.join("、"),
            &r.measures.join("、"),
            &r.link,
        ] {
            out.push(',');
            csv_field(&mut out, text);
        }
        out.push_str("\r\n");
    }
    out
}

/// A quoted CSV field; text a spreadsheet would evaluate is made plain text with a leading `'`.
fn csv_field(out: &mut String, text: &str) {
    out.push('"');
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        out.push('\'');
    }
    for c in text.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
}

/// The recommendations of `speeches` as JSON: the meeting, the view's link, and one object per
/// recommendation (see docs/embedding.md for the fields).
pub fn json(d: &Digest, speeches: &[usize], base: &str, view_url: &str) -> String {
    let m = &d.meeting;
    let mut out = String::from("{\n\"meeting\": {\"title\": ");
    json_str(&mut out, &m.title);
    out.push_str(", \"subtitle\": ");
    json_str(&mut out, m.subtitle.trim_start_matches(['—', '-']));
    out.push_str(", \"date\": ");
    json_str(&mut out, &m.date);
    out.push_str("},\n\"view\": ");
    json_str(&mut out, view_url);
    out.push_str(",\n\"recommendations\": [");
    for (i, r) in rows(d, speeches, base).iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str("{\"speech\": ");
        json_str(&mut out, &r.s.id);
        out.push_str(", \"speaker\": ");
        json_str(&mut out, &r.s.speaker.name);
        out.push_str(", \"affiliation\": ");
        match &r.s.speaker.on_behalf_of {
            Some(body) => json_str(&mut out, body),
            None => out.push_str("null"),
        }
        out.push_str(", \"title\": ");
        json_str(&mut out, cite::display_title(r.s));
        out.push_str(", \"ordinal\": ");
        out.push_str(&r.ordinal.to_string());
        for (key, text) in [
            ("label", r.label),
            ("headline", r.headline),
            ("details", r.details),
        ] {
            out.push_str(", \"");
            out.push_str(key);
            out.push_str("\": ");
            json_str(&mut out, text);
        }
        for (key, list) in [("themes", &r.themes), ("measures", &r.measures)] {
            out.push_str(", \"");
            out.push_str(key);
            out.push_str("\": [");
            for (k, t) in list.iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                json_str(&mut out, t);
            }
            out.push(']');
        }
        out.push_str(", \"link\": ");
        json_str(&mut out, &r.link);
        out.push('}');
    }
    out.push_str("\n]\n}\n");
    out
}

/// A JSON string literal. Control characters and the two line separators that old JavaScript
/// parsers reject are escaped; everything else is written as it is (the file is UTF-8).
pub fn json_str(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str("\\u");
                let n = c as u32;
                for shift in [12, 8, 4, 0] {
                    out.push(HEX[((n >> shift) & 15) as usize] as char);
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::tiny;

    const BASE: &str = "https://example.org/zxhy/2025/";

    /// A strict RFC 4180 reader, to check what a spreadsheet would see.
    fn parse_csv(text: &str) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        let mut row = Vec::new();
        let mut field = String::new();
        let mut chars = text.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            if quoted {
                match c {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => quoted = false,
                    c => field.push(c),
                }
            } else {
                match c {
                    '"' => {
                        assert!(field.is_empty(), "quote inside an unquoted field");
                        quoted = true;
                    }
                    ',' => row.push(std::mem::take(&mut field)),
                    '\r' => {
                        assert_eq!(chars.next(), Some('\n'), "bare CR");
                        row.push(std::mem::take(&mut field));
                        rows.push(std::mem::take(&mut row));
                    }
                    '\n' => panic!("bare LF outside quotes"),
                    c => field.push(c),
                }
            }
        }
        assert!(!quoted, "unterminated quote");
        assert!(field.is_empty() && row.is_empty(), "last line without CRLF");
        rows
    }

    fn hostile() -> Digest {
        let mut d = tiny();
        let s = &mut d.speeches[0];
        s.speaker.name = "甲,\"一\"".into();
        s.speaker.on_behalf_of = Some("=HYPERLINK(\"http://evil\")".into());
        s.title = "标题\r\n第二行".into();
        s.recommendations[0].headline = "+1+1".into();
        s.recommendations[0].details =
            "-2 减 @3\n第二段\t\"引号\"\\反斜杠\u{0}\u{1f}\u{2028}".into();
        s.recommendations[1].details = "\tcmd".into();
        d
    }

    #[test]
    fn rows_follow_the_view() {
        let d = tiny();
        let idx = SearchIndex::new(&d);
        let names = |v: &View| -> Vec<&str> {
            speeches_in_view(&d, &idx, v)
                .iter()
                .map(|&i| d.speeches[i].id.as_str())
                .collect()
        };
        let mut v = View::page(Page::Index);
        assert_eq!(names(&v), ["a-one", "b-two", "c-three"]);
        v.filter.themes = vec!["economy".into()];
        assert_eq!(names(&v), ["a-one", "b-two"]);
        v.filter.text = "人才".into();
        assert_eq!(names(&v), ["a-one"]);
        assert_eq!(names(&View::page(Page::Speech("b-two".into()))), ["b-two"]);
        assert_eq!(names(&View::page(Page::Theme("finance".into()))), ["b-two"]);
        let mut c = View::page(Page::Compare);
        assert_eq!(names(&c).len(), 3);
        c.compare = vec!["c-three".into(), "a-one".into()];
        assert_eq!(names(&c), ["c-three", "a-one"]);
        assert!(names(&View::page(Page::NotFound)).is_empty());
        assert_eq!(count(&d, &[0, 2]), 3);
    }

    #[test]
    fn csv_has_bom_header_and_one_row_per_recommendation() {
        let d = tiny();
        let text = csv(&d, &[0, 1], BASE);
        assert!(text.starts_with("\u{FEFF}发言人,"));
        let rows = parse_csv(text.trim_start_matches('\u{FEFF}'));
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0], CSV_COLUMNS);
        assert_eq!(
            rows[2],
            [
                "甲一",
                "",
                "激发民营经济新动能",
                "2",
                "突破人才瓶颈。",
                "制定更优惠的人才政策，搭建招才引智平台。",
                "经济",
                "人才",
                "https://example.org/zxhy/2025/speech/a-one/#r2"
            ]
        );
        assert_eq!(rows[3][6], "金融、经济");
        assert_eq!(rows[3][3], "1");
    }

    #[test]
    fn csv_survives_hostile_text() {
        let d = hostile();
        let rows = parse_csv(csv(&d, &[0], BASE).trim_start_matches('\u{FEFF}'));
        assert_eq!(rows.len(), 3);
        assert!(rows.iter().all(|r| r.len() == CSV_COLUMNS.len()));
        let r = &rows[1];
        assert_eq!(r[0], "甲,\"一\"");
        // Formulas are written as text: a leading apostrophe, the rest verbatim.
        assert_eq!(r[1], "'=HYPERLINK(\"http://evil\")");
        assert_eq!(r[2], "标题\r\n第二行");
        assert_eq!(r[4], "'+1+1");
        assert_eq!(
            r[5],
            "'-2 减 @3\n第二段\t\"引号\"\\反斜杠\u{0}\u{1f}\u{2028}"
        );
        assert_eq!(rows[2][5], "'\tcmd");
        // The middle of a field is never altered.
        assert_eq!(rows[2][4], "突破人才瓶颈。");
    }

    #[test]
    fn json_parses_back_with_every_field() {
        let d = hostile();
        let text = json(&d, &[0, 2], BASE, "https://example.org/zxhy/2025/?q=%22");
        let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(v["meeting"]["date"], "2025-02-25");
        assert_eq!(v["view"], "https://example.org/zxhy/2025/?q=%22");
        let recs = v["recommendations"].as_array().unwrap();
        assert_eq!(recs.len(), 3);
        let r = &recs[0];
        assert_eq!(r["speech"], "a-one");
        assert_eq!(r["speaker"], "甲,\"一\"");
        assert_eq!(r["affiliation"], "=HYPERLINK(\"http://evil\")");
        assert_eq!(r["title"], "标题\r\n第二行");
        assert_eq!(r["ordinal"], 1);
        assert_eq!(r["label"], "一是");
        assert_eq!(r["headline"], "+1+1");
        assert_eq!(
            r["details"],
            "-2 减 @3\n第二段\t\"引号\"\\反斜杠\u{0}\u{1f}\u{2028}"
        );
        assert_eq!(r["themes"], serde_json::json!(["经济"]));
        assert_eq!(
            r["measures"],
            serde_json::json!(["政策与制度", "资金与金融"])
        );
        assert_eq!(r["link"], "https://example.org/zxhy/2025/speech/a-one/#r1");
        assert_eq!(recs[2]["affiliation"], serde_json::Value::Null);
        assert_eq!(recs[2]["label"], "");
        // Separators that break JavaScript string literals are escaped in the file itself.
        assert!(text.contains("\\u2028") && text.contains("\\u0000") && !text.contains('\u{2028}'));
    }

    #[test]
    fn empty_export_is_still_well_formed() {
        let d = tiny();
        assert_eq!(
            parse_csv(csv(&d, &[], BASE).trim_start_matches('\u{FEFF}')).len(),
            1
        );
        let v: serde_json::Value = serde_json::from_str(&json(&d, &[], BASE, "")).unwrap();
        assert_eq!(v["recommendations"], serde_json::json!([]));
    }

    #[test]
    fn file_names_are_ascii() {
        assert_eq!(
            file_name(&View::page(Page::Index), "csv"),
            "jianyan-index.csv"
        );
        assert_eq!(
            file_name(&View::page(Page::Speech("feng-hua".into())), "json"),
            "jianyan-speech-feng-hua.json"
        );
        assert_eq!(
            file_name(&View::page(Page::Theme("finance".into())), "csv"),
            "jianyan-theme-finance.csv"
        );
        assert_eq!(
            file_name(&View::page(Page::Compare), "csv"),
            "jianyan-compare.csv"
        );
    }

    proptest::proptest! {
        #[test]
        fn any_text_round_trips(name in "\\PC{0,12}", head in ".{0,16}", details in "(.|\n|\r|\"|,){0,24}") {
            let mut d = tiny();
            d.speeches[1].speaker.name = name.clone();
            d.speeches[1].recommendations[0].headline = head.clone();
            d.speeches[1].recommendations[0].details = details.clone();
            let rows = parse_csv(csv(&d, &[1], BASE).trim_start_matches('\u{FEFF}'));
            let unguard = |s: &str, orig: &str| -> String {
                if orig.starts_with(['=', '+', '-', '@', '\t', '\r']) { s.strip_prefix('\'').unwrap().to_string() } else { s.to_string() }
            };
            proptest::prop_assert_eq!(rows.len(), 2);
            proptest::prop_assert_eq!(unguard(&rows[1][0], &name), name.clone());
            proptest::prop_assert_eq!(unguard(&rows[1][4], &head), head.clone());
            proptest::prop_assert_eq!(unguard(&rows[1][5], &details), details.clone());
            let v: serde_json::Value = serde_json::from_str(&json(&d, &[1], BASE, "")).unwrap();
            proptest::prop_assert_eq!(v["recommendations"][0]["speaker"].as_str().unwrap(), name.as_str());
            proptest::prop_assert_eq!(v["recommendations"][0]["details"].as_str().unwrap(), details.as_str());
        }
    }
}
