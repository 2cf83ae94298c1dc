//! Components rendered to HTML on the host, as the prerender writes them.
#![cfg(feature = "ssr")]

use jianyan::route::Page;
use jianyan::state::Data;

fn render(page: Page) -> String {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    rt.block_on(jianyan::prerender::render_page(Data::embedded(), page))
}

/// Visible text, tags and Yew's hydration comments removed.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn index_lists_every_speech_with_speaker_title_and_headlines() {
    let d = jianyan::embedded_digest();
    let html = render(Page::Index);
    let t = text(&html);
    assert!(t.contains(&d.meeting.title));
    assert!(t.contains("共 10 篇发言"));
    for s in &d.speeches {
        assert!(t.contains(&s.speaker.name), "{}", s.speaker.name);
        assert!(
            html.contains(&format!("href=\"speech/{}/\"", s.id)),
            "link to {}",
            s.id
        );
        for r in &s.recommendations {
            assert!(t.contains(&r.headline), "{}", r.headline);
        }
    }
    // Cards keep digest order.
    let pos: Vec<usize> = d
        .speeches
        .iter()
        .map(|s| html.find(&format!("id=\"card-{}\"", s.id)).unwrap())
        .collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn speech_page_shows_the_whole_speech_and_the_editors_notes() {
    let d = jianyan::embedded_digest();
    let s = d.speech("huang-junxia").unwrap();
    let html = render(Page::Speech(s.id.clone()));
    let t = text(&html);
    assert!(
        t.contains("（原文缺标题）"),
        "a lost title is named as such"
    );
    for r in &s.recommendations {
        assert!(t.contains(&r.headline) && t.contains(&r.details));
        assert!(
            html.contains(&format!("id=\"{}\"", r.id)),
            "anchor {}",
            r.id
        );
    }
    assert!(t.contains("编者注"));
    assert!(t.contains("不是委员发言内容"));
    for n in &s.notes {
        assert!(t.contains(&n.text));
    }
    // Previous and next speeches, by their speakers.
    assert!(t.contains("上一篇：史延春") && t.contains("下一篇：和建宏"));
}

#[test]
fn hostile_text_is_escaped_not_executed() {
    let mut d = jianyan::embedded_digest();
    d.speeches[0].title = "<script>alert(1)</script>\"'&".into();
    d.speeches[0].recommendations[0].headline = "<img src=x onerror=alert(1)>".into();
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    for page in [
        Page::Index,
        Page::Speech(d.speeches[0].id.clone()),
        Page::Compare,
    ] {
        let html = rt.block_on(jianyan::prerender::render_page(
            Data::computed(d.clone()),
            page,
        ));
        assert!(
            !html.contains("<script>") && !html.contains("<img"),
            "{html}"
        );
    }
}

#[test]
fn theme_and_compare_pages_render() {
    let d = jianyan::embedded_digest();
    let t = text(&render(Page::Theme(d.themes[0].id.clone())));
    assert!(t.contains(&d.themes[0].name));
    let t = text(&render(Page::Compare));
    assert!(t.contains("比较建议") && t.contains("全部发言的措施分布"));
    let t = text(&render(Page::NotFound));
    assert!(t.contains("未找到此页"));
}
