//! Pieces shared by the pages.
//!
//! These are plain functions, not components: every Yew component instantiates the whole
//! component lifecycle in the wasm (measured: ~2 KB brotli each), and these need no hooks.

use yew::prelude::*;

use super::Dispatch;
use crate::cite;
use crate::model::{Digest, Note, Speech};
use crate::route::{Ignored, Page, View};
use crate::search::{segments, Place, Span, SpeechHits};
use crate::state::Action;

/// A real link: it works without the app, and from any page (hrefs are relative to
/// `<base href>`). The app follows it without reloading: `App` listens to clicks on links.
pub fn link(to: View, children: Html) -> Html {
    link_to(to, None, "", None, children)
}

/// [`link`] with an in-page anchor (`r2`), a class and `aria-current`.
pub fn link_to(
    to: View,
    anchor: Option<&str>,
    class: &'static str,
    current: Option<&'static str>,
    children: Html,
) -> Html {
    let mut href = to.href();
    if let Some(a) = anchor {
        href.push('#');
        href.push_str(a);
    }
    let class = (!class.is_empty()).then_some(class);
    html! { <a {href} {class} aria-current={current}>{children}</a> }
}

/// An ARIA state (`aria-pressed`, `aria-expanded`) as a static string: no formatting code
/// and no allocation per button per render.
pub fn flag(on: bool) -> &'static str {
    if on {
        "true"
    } else {
        "false"
    }
}

/// A button that sends one action.
pub fn action_button(send: &Dispatch, action: impl Fn() -> Action + 'static, label: Html) -> Html {
    let send = send.clone();
    let onclick = Callback::from(move |_| send.dispatch(action()));
    html! { <button type="button" {onclick}>{label}</button> }
}

/// What the link held that the viewer ignored, said briefly, dismissible.
pub fn ignored(ignored: &[Ignored], send: &Dispatch) -> Html {
    if ignored.is_empty() {
        return html! {};
    }
    html! {
        <aside class="ignored" aria-label="链接提示">
            <p>{"链接中有部分内容无法识别，已忽略："}</p>
            <ul>
                { for ignored.iter().map(|i| html! { <li>{&i.0}</li> }) }
            </ul>
            { action_button(send, || Action::DismissIgnored, html! {"知道了"}) }
        </aside>
    }
}

/// Text with search matches marked.
pub fn marked(text: &str, spans: &[Span]) -> Html {
    if spans.is_empty() {
        return html! { {text} };
    }
    segments(text, spans)
        .into_iter()
        .map(|(t, hit)| {
            if hit {
                html! { <mark>{t}</mark> }
            } else {
                html! { {t} }
            }
        })
        .collect()
}

/// "加入比较" on cards and speech pages.
pub fn compare_toggle(compared: &[String], s: &Speech, send: &Dispatch) -> Html {
    let chosen = compared.contains(&s.id);
    let full = compared.len() >= crate::route::MAX_COMPARE;
    let id = s.id.clone();
    let send = send.clone();
    let onclick = Callback::from(move |_| send.dispatch(Action::CompareToggle(id.clone())));
    let label = [
        if chosen {
            "已加入比较："
        } else {
            "加入比较："
        },
        &s.speaker.name,
    ]
    .concat();
    html! {
        <button type="button" class="compare-toggle needs-app" aria-pressed={flag(chosen)}
            disabled={full && !chosen} {onclick} aria-label={label}>
            { if chosen { "已加入比较" } else { "＋ 加入比较" } }
        </button>
    }
}

/// The bar that appears once speeches are chosen for comparison.
pub fn compare_tray(d: &Digest, view: &View) -> Html {
    if view.compare.is_empty() {
        return html! {};
    }
    let names: Vec<&str> = view
        .compare
        .iter()
        .filter_map(|id| d.speech(id).map(|s| s.speaker.name.as_str()))
        .collect();
    html! {
        <div class="compare-tray needs-app">
            <span>{"已选 "}{names.len()}{" 篇："}{names.join("、")}</span>
            { link_to(super::compare_view(view), None, "button primary", None,
                html! { { if names.len() < 2 { "去比较（至少选两篇）" } else { "并排比较" } } }) }
        </div>
    }
}

fn place_name(s: &Speech, p: Place) -> String {
    match p {
        Place::Speaker => "发言人".into(),
        Place::Affiliation => "所代表单位".into(),
        Place::Title => "标题".into(),
        Place::Background(_) => "背景".into(),
        Place::LeadIn => "建议导语".into(),
        Place::Headline(i) | Place::Details(i) => {
            let label = s.recommendations.get(i).map_or("", |r| r.label.as_str());
            let n = cite::cn_number(i + 1);
            if label.is_empty() {
                ["建议", &n].concat()
            } else {
                ["建议", &n, "（", label, "）"].concat()
            }
        }
    }
}

/// The speaker line: name, role, the body spoken for, and `notes` (the editors' marks about
/// the attribution) at its end.
pub fn speaker(s: &Speech, hits: Option<&SpeechHits>, notes: Html) -> Html {
    let spans = |p: Place| hits.map_or(&[][..], |h| h.spans_at(p));
    html! {
        <p class="speaker">
            <strong>{marked(&s.speaker.name, spans(Place::Speaker))}</strong>
            <span class="role">{&s.speaker.role}</span>
            if let Some(body) = &s.speaker.on_behalf_of {
                <span class="body">{"代表"}{marked(body, spans(Place::Affiliation))}</span>
            }
            {notes}
        </p>
    }
}

/// A speech on the index or a theme page: who, what, which themes, the headlines, and
/// where a search matched.
pub fn speech_card(
    d: &Digest,
    view: &View,
    index: usize,
    hits: Option<&SpeechHits>,
    send: &Dispatch,
) -> Html {
    let s = &d.speeches[index];
    let spans = |p: Place| hits.map_or(&[][..], |h| h.spans_at(p));
    let to = view.to(Page::Speech(s.id.clone()));
    // Where the search matched, in reading order, once per place name.
    let mut wheres: Vec<String> = Vec::new();
    for (place, _) in hits.iter().flat_map(|h| h.places()) {
        let name = place_name(s, place);
        if !wheres.contains(&name) {
            wheres.push(name);
        }
    }
    let card_id = ["card-", &s.id].concat();
    html! {
        <article class="speech-card" aria-labelledby={card_id.clone()}>
            <h2 id={card_id}>{ link(to.clone(), marked(cite::display_title(s), spans(Place::Title))) }</h2>
            { speaker(s, hits, Html::default()) }
            { theme_chips(d, view, s) }
            if !wheres.is_empty() {
                <p class="where">{"匹配于："}{wheres.join("、")}</p>
            }
            { for (0..s.background.len()).filter(|&i| !spans(Place::Background(i)).is_empty()).map(|i| html! {
                <p class="excerpt">{marked(&s.background[i], spans(Place::Background(i)))}</p>
            }) }
            if !s.recommendations.is_empty() {
                <ol class="headlines" aria-label={[&s.speaker.name, "的建议"].concat()}>
                    { for s.recommendations.iter().enumerate().map(|(i, r)| {
                        let details = spans(Place::Details(i));
                        html! {
                            <li>
                                { link_to(to.clone(), Some(&r.id), "", None, html! {
                                    <>
                                        if !r.label.is_empty() { <span class="ordinal">{&r.label}</span> }
                                        {marked(&r.headline, spans(Place::Headline(i)))}
                                    </>
                                }) }
                                if !details.is_empty() {
                                    <p class="excerpt">{marked(&r.details, details)}</p>
                                }
                            </li>
                        }
                    }) }
                </ol>
            }
            { compare_toggle(&view.compare, s, send) }
        </article>
    }
}

/// A speech's themes as links to the theme pages.
pub fn theme_chips(d: &Digest, view: &View, s: &Speech) -> Html {
    html! {
        <ul class="chips" aria-label="主题">
            { for s.themes.iter().filter_map(|t| d.theme(t)).map(|t| html! {
                <li>{ link(view.to(Page::Theme(t.id.clone())), html! { &t.name }) }</li>
            }) }
        </ul>
    }
}

/// Superscript links from a place in the text to the editors' notes about it. They stay on
/// the line of that text: a word joiner glues the first mark to the text's last character and
/// the marks are one unbreakable group (`.note-refs`); their touch targets are padding, which
/// does not move the line (`style.css`).
pub fn note_refs(s: &Speech, at: &str) -> Html {
    let refs: Vec<Html> = s
        .notes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.at == at)
        .map(|(i, _)| {
            let n = (i + 1).to_string();
            html! {
                <a class="note-ref" href={["speech/", &s.id, "/#note-", &n].concat()} aria-label={["编者注", &n].concat()}>
                    {"[注"}{&n}{"]"}
                </a>
            }
        })
        .collect();
    if refs.is_empty() {
        return html! {};
    }
    html! { <span class="note-refs">{"\u{2060}"}{for refs}</span> }
}

/// The editors' notes, visibly not the member's words.
pub fn editor_notes(notes: &[Note]) -> Html {
    if notes.is_empty() {
        return html! {};
    }
    html! {
        <aside class="editor-notes" aria-labelledby="notes-title">
            <h2 id="notes-title">{"编者注"}</h2>
            <p class="hint">{"以下为编者对原文版面的整理说明，不是委员发言内容。"}</p>
            <ol>
                { for notes.iter().enumerate().map(|(i, n)| html! {
                    <li id={["note-", &(i + 1).to_string()].concat()}>
                        <span class="note-kind">{n.kind.label()}</span>
                        {&n.text}
                    </li>
                }) }
            </ol>
        </aside>
    }
}
