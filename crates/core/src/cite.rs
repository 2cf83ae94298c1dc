//! Reader-facing wording that is computed, not stored: ordinals, dates, citations.

use crate::model::{Digest, Speech};

/// 1 → 一, 12 → 十二, 21 → 二十一 (enough for ordinals in a speech).
pub fn cn_number(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[n - 10] }),
        20..=99 => format!(
            "{}十{}",
            D[n / 10],
            if n.is_multiple_of(10) { "" } else { D[n % 10] }
        ),
        _ => n.to_string(),
    }
}

/// `2025-02-25` → `2025年2月25日` (an invalid date is returned as it is).
pub fn cn_date(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    match parts.as_slice() {
        [y, m, d] => match (m.parse::<u32>(), d.parse::<u32>()) {
            (Ok(m), Ok(d)) => format!("{y}年{m}月{d}日"),
            _ => iso.to_string(),
        },
        _ => iso.to_string(),
    }
}

/// "冯华（市政协委员，代表政协沁源县委员会）"
pub fn speaker_line(s: &Speech) -> String {
    match &s.speaker.on_behalf_of {
        Some(body) => format!("{}（{}，代表{}）", s.speaker.name, s.speaker.role, body),
        None => format!("{}（{}）", s.speaker.name, s.speaker.role),
    }
}

/// The title as shown; a lost title is named as such, in the editors' words.
pub fn display_title(s: &Speech) -> &str {
    if s.title.trim().is_empty() {
        "（原文缺标题）"
    } else {
        &s.title
    }
}

/// A citation in the manner of an official document, for recommendation `ri` of `s`.
pub fn citation(d: &Digest, s: &Speech, ri: usize, url: &str) -> String {
    let m = &d.meeting;
    let rec = match s.recommendations.get(ri) {
        Some(r) => format!(
            "第{}条建议“{}”，",
            cn_number(ri + 1),
            r.headline.trim_end_matches('。')
        ),
        None => String::new(),
    };
    let mut out = format!(
        "{}：《{}》，{}载《{}——{}》，{}。",
        speaker_line(s),
        display_title(s),
        rec,
        m.title,
        m.subtitle.trim_start_matches(['—', '-', ' ']),
        cn_date(&m.date)
    );
    if !url.is_empty() {
        out.push_str(url);
    }
    out
}

/// The `<title>` of a view: what it shows, then the digest.
pub fn page_title(d: &Digest, view: &crate::route::View) -> String {
    use crate::route::Page;
    let site = format!(
        "{}发言摘编",
        d.meeting
            .subtitle
            .trim_start_matches(['—', '-'])
            .trim_end_matches("发言摘编")
    );
    match &view.page {
        Page::Index => site,
        Page::Speech(id) => match d.speech(id) {
            Some(s) => format!("{}：{} — {site}", s.speaker.name, display_title(s)),
            None => site,
        },
        Page::Theme(id) => match d.theme(id) {
            Some(t) => format!("主题：{} — {site}", t.name),
            None => site,
        },
        Page::Compare => {
            let names: Vec<&str> = view
                .compare
                .iter()
                .filter_map(|id| d.speech(id).map(|s| s.speaker.name.as_str()))
                .collect();
            if names.is_empty() {
                format!("比较建议 — {site}")
            } else {
                format!("比较建议：{} — {site}", names.join("、"))
            }
        }
        Page::NotFound => format!("未找到此页 — {site}"),
    }
}

/// The meta description of a page (what a shared link's preview says).
pub fn page_description(d: &Digest, view: &crate::route::View) -> String {
    use crate::route::Page;
    let clip = |s: &str| -> String {
        let mut t: String = s.chars().take(110).collect();
        if s.chars().count() > 110 {
            t.push('…');
        }
        t
    };
    match &view.page {
        Page::Speech(id) => match d.speech(id) {
            Some(s) => {
                let heads: Vec<&str> = s
                    .recommendations
                    .iter()
                    .map(|r| r.headline.as_str())
                    .collect();
                clip(&format!(
                    "{}发言《{}》。建议：{}",
                    speaker_line(s),
                    display_title(s),
                    heads.join("")
                ))
            }
            None => clip(&d.meeting.lead),
        },
        Page::Theme(id) => match d.theme(id) {
            Some(t) => {
                let who: Vec<String> = d
                    .speeches
                    .iter()
                    .filter(|s| s.themes.contains(&t.id))
                    .map(|s| format!("{}《{}》", s.speaker.name, display_title(s)))
                    .collect();
                clip(&format!("“{}”主题的发言：{}", t.name, who.join("、")))
            }
            None => clip(&d.meeting.lead),
        },
        Page::Compare => clip(&format!(
            "并排比较{}位委员的建议，按措施类型对齐，标出共同点。",
            d.speeches.len()
        )),
        _ => clip(&d.meeting.lead),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::tiny;

    #[test]
    fn numbers_and_dates() {
        let got: Vec<String> = [1, 9, 10, 11, 20, 23, 100]
            .iter()
            .map(|&n| cn_number(n))
            .collect();
        assert_eq!(got, ["一", "九", "十", "十一", "二十", "二十三", "100"]);
        assert_eq!(cn_date("2025-02-25"), "2025年2月25日");
        assert_eq!(cn_date("garbage"), "garbage");
    }

    #[test]
    fn citation_names_who_what_which_where_when() {
        let d = tiny();
        let c = citation(
            &d,
            &d.speeches[0],
            1,
            "https://example.org/speech/a-one/#r2",
        );
        assert_eq!(
            c,
            "甲一（市政协委员）：《激发民营经济新动能》，第二条建议“突破人才瓶颈”，载《测试会议——第二次全体会议发言摘编》，2025年2月25日。https://example.org/speech/a-one/#r2"
        );
    }
}
