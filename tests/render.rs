//! Components rendered to HTML on the host, as the prerender writes them.
#![cfg(feature = "ssr")]

use std::cell::{Cell, RefCell};

use jianyan::route::Page;
use jianyan::state::Data;
use lol_html::{doc_text, element, rewrite_str, RewriteStrSettings};

fn render(page: Page) -> String {
    render_with(Data::embedded(), page)
}

fn render_with(data: std::rc::Rc<Data>, page: Page) -> String {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    rt.block_on(jianyan::prerender::render_page(data, page))
}

/// The text of the HTML as an HTML parser reads it (lol_html): tags and Yew's hydration
/// comments left out, entities as written.
fn text(html: &str) -> String {
    let out = RefCell::new(String::new());
    let settings = RewriteStrSettings::new().append_document_content_handler(doc_text!(|t| {
        out.borrow_mut().push_str(t.as_str());
        Ok(())
    }));
    rewrite_str(html, settings).unwrap();
    out.into_inner()
}

/// How many elements `selector` finds in the HTML, as a browser would parse it.
fn count(html: &str, selector: &str) -> usize {
    let n = Cell::new(0);
    let settings =
        RewriteStrSettings::new().append_element_content_handler(element!(selector, |_| {
            n.set(n.get() + 1);
            Ok(())
        }));
    rewrite_str(html, settings).unwrap();
    n.get()
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
fn index_shows_every_speech_of_a_real_digest_without_show_more() {
    let html = render(Page::Index);
    assert_eq!(count(&html, "article.speech-card"), 10);
    assert!(!text(&html).contains("显示更多"));
}

/// At 10× the digest (SYNTHETIC, 100 speeches) the list as loaded, which the prerender writes
/// and the app hydrates, holds its first cards and a button for the rest; the count names all.
#[test]
fn index_at_scale_shows_its_first_cards_and_a_button_for_the_rest() {
    let digest = synthetic::scale(&jianyan::embedded_digest(), 10);
    let first: Vec<String> = digest.speeches[..jianyan::query::RESULTS_SHOWN]
        .iter()
        .map(|s| s.id.clone())
        .collect();
    let html = render_with(Data::computed(digest), Page::Index);
    let t = text(&html);
    assert!(t.contains("共 100 篇发言"), "the count names every speech");
    assert_eq!(
        count(&html, "article.speech-card"),
        jianyan::query::RESULTS_SHOWN
    );
    for id in &first {
        assert!(html.contains(&format!("id=\"card-{id}\"")), "{id}");
    }
    let rest = 100 - jianyan::query::RESULTS_SHOWN;
    assert!(
        t.contains(&format!("显示更多（还有 {rest} 篇）")),
        "the button says how many are left"
    );
    assert_eq!(count(&html, "p.more > button[type=button]"), 1);
    assert!(
        t.contains(&format!("另有 {rest} 篇未列出")),
        "the print-out, and the page without the app, say what they leave out"
    );
    assert_eq!(count(&html, "p.more > .print-only.no-app-note"), 1);
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
    const HOSTILE: &str = "script, img, [onerror]";
    // The check finds them where they are.
    assert_eq!(
        count("<b onerror=y></b><img src=x><script></script>", HOSTILE),
        3
    );
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
        assert_eq!(count(&html, HOSTILE), 0, "{html}");
        assert!(
            text(&html).contains("&lt;script&gt;"),
            "the title is shown as text"
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

/// The browser hydrates the index and the theme pages from the digest's outline (the speeches'
/// bodies come later, `views::lazy`); the prerender renders them from the whole digest. Both
/// must give the same nodes, or hydration would not match.
#[test]
fn the_outline_renders_the_index_and_theme_pages_as_the_whole_digest_does() {
    let outline = Data::outline();
    assert!(!outline.complete);
    let whole = Data::embedded();
    let mut pages = vec![Page::Index];
    pages.extend(
        whole
            .digest
            .themes
            .iter()
            .map(|t| Page::Theme(t.id.clone())),
    );
    for page in pages {
        let from_outline = render_with(outline.clone(), page.clone());
        assert_eq!(from_outline, render(page.clone()), "{page:?}");
        assert!(count(&from_outline, "article.speech-card") > 0, "{page:?}");
    }
}
