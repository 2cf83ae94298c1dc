//! The index: every speech, with facets and search.

use yew::prelude::*;

use super::parts::{CompareTray, SpeechCard};
use super::Store;
use crate::cite;
use crate::query::{self, FacetValue, Relax};
use crate::state::Action;

#[component]
pub fn IndexPage() -> Html {
    let store = use_context::<Store>().expect("store");
    let data = &store.data;
    let d = &data.digest;
    let filter = &store.view.filter;
    let outcome = query::apply(d, &data.index, filter);
    let sheet_open = use_state(|| false);

    let on_speaker = {
        let store = store.clone();
        Callback::from(move |id: String| store.dispatch(Action::ToggleSpeaker(id)))
    };
    let on_theme = {
        let store = store.clone();
        Callback::from(move |id: String| store.dispatch(Action::ToggleTheme(id)))
    };
    let on_clear = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::ClearFilters))
    };
    let on_input = {
        let store = store.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            store.dispatch(Action::SetText(input.value()));
        })
    };
    let toggle_sheet = {
        let sheet_open = sheet_open.clone();
        Callback::from(move |_| sheet_open.set(!*sheet_open))
    };
    let chosen = filter.speakers.len() + filter.themes.len();
    let n = outcome.speeches.len();
    let summary = if filter.is_empty() {
        format!("共 {n} 篇发言")
    } else if outcome.searched {
        format!("找到 {n} 篇发言，含“{}”", filter.text.trim())
    } else {
        format!("筛选出 {n} 篇发言")
    };
    let relax = (n == 0).then(|| match query::relax_hint(d, &data.index, filter) {
        Relax::Text => "可以删改检索词再试。",
        Relax::Themes => "可以取消所选主题再试。",
        Relax::Speakers => "可以取消所选发言人再试。",
        Relax::All => "可以清除全部筛选条件再试。",
    });

    html! {
        <>
            <section class="intro" aria-labelledby="page-title">
                <h1 id="page-title" tabindex="-1">{&d.meeting.title}</h1>
                <p class="subtitle">{d.meeting.subtitle.trim_start_matches(['—', '-'])}{"（"}{cite::cn_date(&d.meeting.date)}{"）"}</p>
                <p class="lead">{&d.meeting.lead}</p>
            </section>
            <div class="browse">
                <div role="search" class="finder needs-app" aria-label="检索与筛选">
                    <div class="search-row">
                        <label for="q">{"搜索发言"}</label>
                        <input id="q" type="search" value={filter.text.clone()} oninput={on_input}
                            placeholder="如：人才、数字普惠金融" autocomplete="off" maxlength="100" />
                    </div>
                    <button type="button" class="sheet-toggle" aria-expanded={sheet_open.to_string()}
                        aria-controls="facets" onclick={toggle_sheet.clone()}>
                        { if chosen > 0 { format!("筛选（已选 {chosen}）") } else { "筛选".to_string() } }
                    </button>
                    <div id="facets" class={classes!("facets", sheet_open.then_some("open"))}>
                        <Facet title="按发言人" values={outcome.speaker_facet.clone()} ontoggle={on_speaker} />
                        <Facet title="按主题" values={outcome.theme_facet.clone()} ontoggle={on_theme} />
                        <div class="facet-actions">
                            <button type="button" onclick={on_clear.clone()} disabled={filter.is_empty()}>{"清除全部筛选"}</button>
                            <button type="button" class="sheet-close" onclick={toggle_sheet}>{"完成"}</button>
                        </div>
                    </div>
                </div>
                <section class="results" aria-labelledby="results-title">
                    <h2 id="results-title" class="visually-hidden">{"发言列表"}</h2>
                    <p class="count" role="status" aria-live="polite" aria-atomic="true">
                        {summary}
                        if let Some(hint) = relax { {"。"}{hint} }
                    </p>
                    if n == 0 {
                        <button type="button" class="needs-app" onclick={on_clear}>{"清除全部筛选"}</button>
                    }
                    <CompareTray />
                    <ol class="cards">
                        { for outcome.speeches.into_iter().map(|(i, hits)| html! {
                            <li key={d.speeches[i].id.clone()}><SpeechCard index={i} {hits} /></li>
                        }) }
                    </ol>
                    <nav class="theme-index" aria-labelledby="themes-title">
                        <h2 id="themes-title">{"按主题浏览"}</h2>
                        <ul class="chips">
                            { for d.themes.iter().map(|t| html! {
                                <li><super::Link to={store.view.to(crate::route::Page::Theme(t.id.clone()))}>{&t.name}</super::Link></li>
                            }) }
                        </ul>
                    </nav>
                </section>
            </div>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct FacetProps {
    title: AttrValue,
    values: Vec<FacetValue>,
    ontoggle: Callback<String>,
}

/// One facet: its values as toggle buttons with live counts.
#[component]
fn Facet(props: &FacetProps) -> Html {
    html! {
        <fieldset class="facet">
            <legend>{&props.title}</legend>
            <ul>
                { for props.values.iter().map(|v| {
                    let ontoggle = props.ontoggle.clone();
                    let id = v.id.clone();
                    html! {
                        <li>
                            <button type="button" aria-pressed={v.selected.to_string()}
                                disabled={v.count == 0 && !v.selected}
                                onclick={Callback::from(move |_| ontoggle.emit(id.clone()))}>
                                <span class="facet-name">{&v.name}</span>
                                <span class="facet-count" aria-label={format!("{}篇", v.count)}>{v.count}</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </fieldset>
    }
}
