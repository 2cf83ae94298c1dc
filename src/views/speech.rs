//! One speech, whole.

use std::rc::Rc;

use yew::prelude::*;

use super::aloud::{read_aloud, Source};
use super::parts::{compare_toggle, editor_notes, link, link_to, note_refs, speaker, theme_chips};
use super::Dispatch;
use crate::cite;
use crate::platform;
use crate::query::Filter;
use crate::route::{Page, View};
use crate::state::{Action, Data};

/// `last_filter`: the index as the reader left it, which "back" returns to.
pub fn speech_page(
    data: &Rc<Data>,
    view: &View,
    last_filter: &Filter,
    id: &str,
    send: &Dispatch,
) -> Html {
    let d = &data.digest;
    let Some(si) = d.speech_index(id) else {
        return super::not_found(view);
    };
    let s = &d.speeches[si];
    let mut back = view.to(Page::Index);
    back.filter = last_filter.clone();
    let neighbour = |i: Option<usize>,
                     class: &'static str,
                     before: &'static str,
                     after: &'static str|
     -> Html {
        match i.and_then(|i| d.speeches.get(i)) {
            Some(n) => link_to(
                view.to(Page::Speech(n.id.clone())),
                None,
                class,
                None,
                html! { <>{before}{&n.speaker.name}{"《"}{cite::display_title(n)}{"》"}{after}</> },
            ),
            None => html! {},
        }
    };

    html! {
        <article class="speech" aria-labelledby="page-title">
            <p class="back">{ link(back, html! { { if last_filter.is_empty() { "← 全部发言" } else { "← 返回筛选结果" } } }) }</p>
            <header class="speech-head">
                <h1 id="page-title" tabindex="-1">{cite::display_title(s)}{note_refs(s, "title")}</h1>
                { speaker(s, None, note_refs(s, "speaker")) }
                { theme_chips(d, view, s) }
                <div class="actions">{ compare_toggle(&view.compare, s, send) }</div>
                { read_aloud(Source::Speech(si)) }
            </header>
            if !s.background.is_empty() || s.notes.iter().any(|n| n.at == "background") {
                <section class="background" aria-labelledby="bg-title">
                    <h2 id="bg-title">{"问题与背景"}{note_refs(s, "background")}</h2>
                    { for s.background.iter().map(|p| html! { <p>{p}</p> }) }
                    if s.background.is_empty() {
                        <p class="missing">{"（原文此部分缺失，见编者注）"}</p>
                    }
                </section>
            }
            if !s.figures.is_empty() {
                <section class="figures" aria-labelledby="fig-title">
                    <h2 id="fig-title">{"发言引用的数据"}</h2>
                    <dl>
                        { for s.figures.iter().map(|f| html! {
                            <div><dt>{&f.label}</dt><dd>{&f.value}</dd></div>
                        }) }
                    </dl>
                </section>
            }
            <section class="recommendations" aria-labelledby="rec-title">
                <h2 id="rec-title">{"建议"}</h2>
                if !s.lead_in.is_empty() {
                    <p class="lead-in">{&s.lead_in}{note_refs(s, "lead_in")}</p>
                }
                <ol class="recs">
                    { for s.recommendations.iter().enumerate().map(|(i, r)| html! {
                        <li id={r.id.clone()} class="rec">
                            <h3>
                                if !r.label.is_empty() { <span class="ordinal">{&r.label}</span> }
                                {&r.headline}
                                {note_refs(s, &r.id)}
                            </h3>
                            if !r.details.is_empty() { <p>{&r.details}</p> }
                            { rec_actions(data, si, i, send) }
                        </li>
                    }) }
                </ol>
                if s.recommendations.is_empty() {
                    <p>{"本篇发言没有列出具体建议。"}</p>
                }
            </section>
            { editor_notes(&s.notes) }
            <nav class="prev-next" aria-label="上一篇与下一篇">
                { neighbour(si.checked_sub(1), "prev", "← 上一篇：", "") }
                { neighbour(Some(si + 1), "next", "下一篇：", " →") }
            </nav>
        </article>
    }
}

/// Copy link and copy citation for one recommendation.
fn rec_actions(data: &Rc<Data>, si: usize, ri: usize, send: &Dispatch) -> Html {
    let d = &data.digest;
    let s = &d.speeches[si];
    let r = &s.recommendations[ri];
    let link = [
        View::page(Page::Speech(s.id.clone())).href(),
        "#".into(),
        r.id.clone(),
    ]
    .concat();
    let ordinal = cite::cn_number(ri + 1);
    // `citation` says which text to copy; computed on click, with the page's real address.
    let copy = |citation: bool| {
        let (data, send) = (data.clone(), send.clone());
        let link = link.clone();
        Callback::from(move |_| {
            let url = platform::absolute(&link);
            let text = if citation {
                let d = &data.digest;
                cite::citation(d, &d.speeches[si], ri, &url)
            } else {
                url
            };
            let send = send.clone();
            let fallback = text.clone();
            platform::copy(&text, move |done| {
                let msg = match (done, citation) {
                    (true, false) => "链接已复制".to_string(),
                    (true, true) => "引用已复制".to_string(),
                    (false, _) => ["无法自动复制，请手动复制：", &fallback].concat(),
                };
                send.dispatch(Action::Status(msg))
            });
        })
    };
    html! {
        <div class="rec-actions needs-app">
            <button type="button" onclick={copy(false)} aria-label={["复制建议", &ordinal, "的链接"].concat()}>{"复制链接"}</button>
            <button type="button" onclick={copy(true)} aria-label={["复制建议", &ordinal, "的引用"].concat()}>{"复制引用"}</button>
        </div>
    }
}
