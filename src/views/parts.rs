//! Small components shared by the pages.

use yew::prelude::*;

use super::{platform, Store};
use crate::cite;
use crate::model::{Note, Speech};
use crate::route::{Page, View};
use crate::search::{segments, Place, SpeechHits, Span};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct LinkProps {
    pub to: View,
    #[prop_or_default]
    pub class: Classes,
    /// `aria-current` value when this link is the current page.
    #[prop_or_default]
    pub current: Option<&'static str>,
    /// An in-page anchor to add (`r2`).
    #[prop_or_default]
    pub fragment: Option<AttrValue>,
    #[prop_or_default]
    pub label: Option<AttrValue>,
    #[prop_or_default]
    pub children: Html,
}

/// A real link (works without the app, from any page: hrefs are relative to `<base href>`)
/// that the app follows without reloading on a plain click.
#[component]
pub fn Link(props: &LinkProps) -> Html {
    let store = use_context::<Store>().expect("store");
    let mut href = props.to.href();
    if let Some(f) = &props.fragment {
        href.push('#');
        href.push_str(f);
    }
    let onclick = {
        let to = props.to.clone();
        let fragment = props.fragment.clone();
        Callback::from(move |e: MouseEvent| {
            if e.button() != 0 || e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key() {
                return;
            }
            e.prevent_default();
            store.dispatch(Action::Go(to.clone()));
            if let Some(f) = &fragment {
                platform::scroll_to_id(f);
            }
        })
    };
    html! {
        <a {href} class={props.class.clone()} aria-current={props.current} aria-label={props.label.clone()} {onclick}>
            {props.children.clone()}
        </a>
    }
}

/// What the link held that the viewer ignored, said briefly, dismissible.
#[component]
pub fn Ignored() -> Html {
    let store = use_context::<Store>().expect("store");
    if store.ignored.is_empty() {
        return html! {};
    }
    let dismiss = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::DismissIgnored))
    };
    html! {
        <aside class="ignored" aria-label="链接提示">
            <p>{"链接中有部分内容无法识别，已忽略："}</p>
            <ul>
                { for store.ignored.iter().map(|i| html! { <li>{&i.0}</li> }) }
            </ul>
            <button type="button" onclick={dismiss}>{"知道了"}</button>
        </aside>
    }
}

#[derive(Properties, PartialEq)]
pub struct MarkedProps {
    pub text: AttrValue,
    #[prop_or_default]
    pub spans: Vec<Span>,
}

/// Text with search matches marked.
#[component]
pub fn Marked(props: &MarkedProps) -> Html {
    if props.spans.is_empty() {
        return html! { {props.text.clone()} };
    }
    html! {
        { for segments(&props.text, &props.spans).into_iter().map(|(t, hit)| if hit {
            html! { <mark>{t}</mark> }
        } else {
            html! { {t} }
        }) }
    }
}

/// "加入比较" on cards and speech pages.
#[derive(Properties, PartialEq)]
pub struct CompareToggleProps {
    pub id: AttrValue,
    pub name: AttrValue,
}

#[component]
pub fn CompareToggle(props: &CompareToggleProps) -> Html {
    let store = use_context::<Store>().expect("store");
    let chosen = store.view.compare.iter().any(|c| c.as_str() == props.id.as_str());
    let full = store.view.compare.len() >= crate::route::MAX_COMPARE;
    let onclick = {
        let store = store.clone();
        let id = props.id.to_string();
        Callback::from(move |_| store.dispatch(Action::CompareToggle(id.clone())))
    };
    html! {
        <button type="button" class="compare-toggle needs-app" aria-pressed={chosen.to_string()}
            disabled={full && !chosen} {onclick}
            aria-label={format!("{}：{}", if chosen { "已加入比较" } else { "加入比较" }, props.name)}>
            { if chosen { "✓ 已加入比较" } else { "＋ 加入比较" } }
        </button>
    }
}

/// The bar that appears once speeches are chosen for comparison.
#[component]
pub fn CompareTray() -> Html {
    let store = use_context::<Store>().expect("store");
    let view = &store.view;
    if view.compare.is_empty() {
        return html! {};
    }
    let names: Vec<&str> = view
        .compare
        .iter()
        .filter_map(|id| store.data.digest.speech(id).map(|s| s.speaker.name.as_str()))
        .collect();
    html! {
        <div class="compare-tray needs-app">
            <span>{format!("已选 {} 篇：{}", names.len(), names.join("、"))}</span>
            <Link to={super::compare_view(view)} class="button primary">
                { if names.len() < 2 { "去比较（至少选两篇）" } else { "并排比较" } }
            </Link>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SpeechCardProps {
    pub index: usize,
    #[prop_or_default]
    pub hits: Option<SpeechHits>,
    /// Heading level of the card title (2 on the index, 2 on theme pages).
    #[prop_or(2)]
    pub level: u8,
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
            if label.is_empty() {
                format!("建议{}", cite::cn_number(i + 1))
            } else {
                format!("建议{}（{label}）", cite::cn_number(i + 1))
            }
        }
    }
}

/// A speech on the index or a theme page: who, what, which themes, the headlines.
#[component]
pub fn SpeechCard(props: &SpeechCardProps) -> Html {
    let store = use_context::<Store>().expect("store");
    let d = &store.data.digest;
    let s = &d.speeches[props.index];
    let view = &store.view;
    let hits = props.hits.as_ref();
    let spans = |p: Place| hits.map_or(Vec::new(), |h| h.spans_at(p).to_vec());
    let to = view.to(Page::Speech(s.id.clone()));
    let title = html! {
        <Link to={to.clone()}><Marked text={cite::display_title(s).to_string()} spans={spans(Place::Title)} /></Link>
    };
    let heading = if props.level == 3 { html! { <h3>{title}</h3> } } else { html! { <h2>{title}</h2> } };
    // Where the search matched, in reading order, once per place name.
    let mut wheres: Vec<String> = Vec::new();
    if let Some(h) = hits {
        for p in &h.places {
            let name = place_name(s, p.place);
            if !wheres.contains(&name) {
                wheres.push(name);
            }
        }
    }
    let background_hits: Vec<(usize, Vec<Span>)> = hits
        .map(|h| {
            h.places
                .iter()
                .filter_map(|p| match p.place {
                    Place::Background(i) => Some((i, p.spans.clone())),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    html! {
        <article class="speech-card" aria-labelledby={format!("card-{}", s.id)}>
            <div id={format!("card-{}", s.id)} class="card-head">
                {heading}
                <p class="speaker">
                    <strong><Marked text={s.speaker.name.clone()} spans={spans(Place::Speaker)} /></strong>
                    <span class="role">{&s.speaker.role}</span>
                    if let Some(body) = &s.speaker.on_behalf_of {
                        <span class="body">{"代表"}<Marked text={body.clone()} spans={spans(Place::Affiliation)} /></span>
                    }
                </p>
            </div>
            <ThemeChips speech={props.index} />
            if !wheres.is_empty() {
                <p class="where">{"匹配于："}{wheres.join("、")}</p>
            }
            { for background_hits.into_iter().map(|(i, sp)| html! {
                <p class="excerpt"><Marked text={s.background[i].clone()} spans={sp} /></p>
            }) }
            if !s.recommendations.is_empty() {
                <ol class="headlines" aria-label={format!("{}的建议", s.speaker.name)}>
                    { for s.recommendations.iter().enumerate().map(|(i, r)| {
                        let details = spans(Place::Details(i));
                        html! {
                            <li>
                                <Link to={to.clone()} fragment={Some(AttrValue::from(r.id.clone()))}>
                                    if !r.label.is_empty() { <span class="ordinal">{&r.label}</span> }
                                    <Marked text={r.headline.clone()} spans={spans(Place::Headline(i))} />
                                </Link>
                                if !details.is_empty() {
                                    <p class="excerpt"><Marked text={r.details.clone()} spans={details} /></p>
                                }
                            </li>
                        }
                    }) }
                </ol>
            }
            <CompareToggle id={s.id.clone()} name={s.speaker.name.clone()} />
        </article>
    }
}

#[derive(Properties, PartialEq)]
pub struct ThemeChipsProps {
    pub speech: usize,
}

/// A speech's themes as links to the theme pages.
#[component]
pub fn ThemeChips(props: &ThemeChipsProps) -> Html {
    let store = use_context::<Store>().expect("store");
    let d = &store.data.digest;
    let s = &d.speeches[props.speech];
    html! {
        <ul class="chips" aria-label="主题">
            { for s.themes.iter().filter_map(|t| d.theme(t)).map(|t| html! {
                <li><Link to={store.view.to(Page::Theme(t.id.clone()))}>{&t.name}</Link></li>
            }) }
        </ul>
    }
}

#[derive(Properties, PartialEq)]
pub struct NoteRefProps {
    pub speech: usize,
    pub at: AttrValue,
}

/// Superscript links from a place in the text to the editors' notes about it.
#[component]
pub fn NoteRefs(props: &NoteRefProps) -> Html {
    let store = use_context::<Store>().expect("store");
    let s = &store.data.digest.speeches[props.speech];
    html! {
        { for s.notes.iter().enumerate().filter(|(_, n)| n.at == props.at.as_str()).map(|(i, _)| html! {
            <a class="note-ref" href={format!("speech/{}/#note-{}", s.id, i + 1)} aria-label={format!("编者注{}", i + 1)}>
                {format!("[注{}]", i + 1)}
            </a>
        }) }
    }
}

#[derive(Properties, PartialEq)]
pub struct EditorNotesProps {
    pub notes: Vec<Note>,
    /// Prefix for anchors; empty for none.
    #[prop_or_default]
    pub anchors: bool,
}

/// The editors' notes, visibly not the member's words.
#[component]
pub fn EditorNotes(props: &EditorNotesProps) -> Html {
    if props.notes.is_empty() {
        return html! {};
    }
    html! {
        <aside class="editor-notes" aria-labelledby="notes-title">
            <h2 id="notes-title">{"编者注"}</h2>
            <p class="hint">{"以下为编者对原文版面的整理说明，不是委员发言内容。"}</p>
            <ol>
                { for props.notes.iter().enumerate().map(|(i, n)| html! {
                    <li id={props.anchors.then(|| format!("note-{}", i + 1))}>
                        <span class="note-kind">{n.kind.label()}</span>
                        {&n.text}
                    </li>
                }) }
            </ol>
        </aside>
    }
}
