//! One speech, whole.

use yew::prelude::*;

use super::parts::{CompareToggle, EditorNotes, Link, NoteRefs, ThemeChips};
use super::{platform, Store};
use crate::cite;
use crate::route::{Page, View};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct SpeechPageProps {
    pub id: AttrValue,
}

#[component]
pub fn SpeechPage(props: &SpeechPageProps) -> Html {
    let store = use_context::<Store>().expect("store");
    let d = &store.data.digest;
    let Some(si) = d.speech_index(&props.id) else {
        return html! { <super::NotFound /> };
    };
    let s = &d.speeches[si];
    let view = &store.view;
    let mut back = view.to(Page::Index);
    back.filter = store.last_filter.clone();
    let neighbour = |i: Option<usize>| i.and_then(|i| d.speeches.get(i)).map(|n| (view.to(Page::Speech(n.id.clone())), n));
    let prev = neighbour(si.checked_sub(1));
    let next = neighbour(Some(si + 1));

    html! {
        <article class="speech" aria-labelledby="page-title">
            <p class="back"><Link to={back}>{ if store.last_filter.is_empty() { "← 全部发言" } else { "← 返回筛选结果" } }</Link></p>
            <header class="speech-head">
                <h1 id="page-title" tabindex="-1">
                    {cite::display_title(s)}<NoteRefs speech={si} at="title" />
                </h1>
                <p class="speaker">
                    <strong>{&s.speaker.name}</strong>
                    <span class="role">{&s.speaker.role}</span>
                    if let Some(body) = &s.speaker.on_behalf_of {
                        <span class="body">{"代表"}{body}</span>
                    }
                    <NoteRefs speech={si} at="speaker" />
                </p>
                <ThemeChips speech={si} />
                <div class="actions">
                    <CompareToggle id={s.id.clone()} name={s.speaker.name.clone()} />
                </div>
            </header>
            if !s.background.is_empty() || s.notes.iter().any(|n| n.at == "background") {
                <section class="background" aria-labelledby="bg-title">
                    <h2 id="bg-title">{"问题与背景"}<NoteRefs speech={si} at="background" /></h2>
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
                    <p class="lead-in">{&s.lead_in}<NoteRefs speech={si} at="lead_in" /></p>
                }
                <ol class="recs">
                    { for s.recommendations.iter().enumerate().map(|(i, r)| html! {
                        <li id={r.id.clone()} class="rec">
                            <h3>
                                if !r.label.is_empty() { <span class="ordinal">{&r.label}</span> }
                                {&r.headline}
                                <NoteRefs speech={si} at={r.id.clone()} />
                            </h3>
                            if !r.details.is_empty() { <p>{&r.details}</p> }
                            <RecActions speech={si} rec={i} />
                        </li>
                    }) }
                </ol>
                if s.recommendations.is_empty() {
                    <p>{"本篇发言没有列出具体建议。"}</p>
                }
            </section>
            <EditorNotes notes={s.notes.clone()} anchors=true />
            <nav class="prev-next" aria-label="上一篇与下一篇">
                if let Some((to, n)) = prev {
                    <Link {to} class="prev">{"← 上一篇："}{&n.speaker.name}{"《"}{cite::display_title(n)}{"》"}</Link>
                }
                if let Some((to, n)) = next {
                    <Link {to} class="next">{"下一篇："}{&n.speaker.name}{"《"}{cite::display_title(n)}{"》 →"}</Link>
                }
            </nav>
        </article>
    }
}

#[derive(Properties, PartialEq)]
struct RecActionsProps {
    speech: usize,
    rec: usize,
}

/// Copy link and copy citation for one recommendation.
#[component]
fn RecActions(props: &RecActionsProps) -> Html {
    let store = use_context::<Store>().expect("store");
    let d = &store.data.digest;
    let s = &d.speeches[props.speech];
    let r = &s.recommendations[props.rec];
    let link = format!("{}#{}", View::page(Page::Speech(s.id.clone())).href(), r.id);
    let ordinal = cite::cn_number(props.rec + 1);
    let copy = |text_of: Box<dyn Fn() -> String>, ok: &'static str| {
        let store = store.clone();
        Callback::from(move |_| {
            let store = store.clone();
            let text = text_of();
            let fallback = text.clone();
            platform::copy(&text, move |done| {
                store.dispatch(Action::Status(if done {
                    ok.to_string()
                } else {
                    format!("无法自动复制，请手动复制：{fallback}")
                }))
            });
        })
    };
    let on_link = {
        let link = link.clone();
        copy(Box::new(move || platform::absolute(&link)), "链接已复制")
    };
    let on_cite = {
        let d = d.clone();
        let si = props.speech;
        let ri = props.rec;
        let link = link.clone();
        copy(
            Box::new(move || cite::citation(&d, &d.speeches[si], ri, &platform::absolute(&link))),
            "引用已复制",
        )
    };
    html! {
        <div class="rec-actions needs-app">
            <button type="button" onclick={on_link} aria-label={format!("复制建议{ordinal}的链接")}>{"复制链接"}</button>
            <button type="button" onclick={on_cite} aria-label={format!("复制建议{ordinal}的引用")}>{"复制引用"}</button>
        </div>
    }
}
