//! The index: every speech, with facets and search.

use yew::prelude::*;

use super::parts::{action_button, compare_tray, flag, link, speech_card};
use super::Store;
use crate::cite;
use crate::query::{self, FacetValue, Relax};
use crate::route::Page;
use crate::state::Action;

// Where focus goes after "show all" (see `Action::ShowAll`): the first item that was hidden.
const FIRST_HIDDEN_CARD: &str = ".cards > li:nth-child(21) h2 a";
const SPEAKERS: (&str, &str) = ("facet-speakers", "#facet-speakers li:nth-child(13) button");
const THEMES: (&str, &str) = ("facet-themes", "#facet-themes li:nth-child(13) button");

pub fn index_page(store: &Store) -> Html {
    let data = &store.data;
    let d = &data.digest;
    let filter = &store.view.filter;
    let outcome = query::apply(d, &data.index, filter);

    // While an input method composes (pinyin letters before the characters are chosen), the
    // box holds Latin letters no speech contains: the search waits for the characters (the
    // app's `compositionend` listener, `platform::listen_composed`; Yew has none).
    let on_input = {
        let store = store.clone();
        Callback::from(move |e: InputEvent| {
            if !e.is_composing() {
                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                store.dispatch(Action::SetText(input.value()));
            }
        })
    };
    let chosen = filter.speakers.len() + filter.themes.len();
    let n = outcome.speeches.len();
    // The whole list as prerendered; a filtered one (the app's own) from its first results.
    let shown = if filter.is_empty() || store.show_all {
        n
    } else {
        n.min(query::RESULTS_SHOWN)
    };
    let count = n.to_string();
    let summary = if filter.is_empty() {
        ["共 ", &count, " 篇发言"].concat()
    } else if outcome.searched {
        ["找到 ", &count, " 篇发言，含“", filter.text.trim(), "”"].concat()
    } else {
        ["筛选出 ", &count, " 篇发言"].concat()
    };
    let relax = (n == 0).then(|| match query::relax_hint(d, &data.index, filter) {
        Relax::Text => "。可以删改检索词再试。",
        Relax::Themes => "。可以取消所选主题再试。",
        Relax::Speakers => "。可以取消所选发言人再试。",
        Relax::All => "。可以清除全部筛选条件再试。",
    });
    let open = store.filters_open;
    let toggle_label = if chosen > 0 {
        ["筛选（已选 ", &chosen.to_string(), "）"].concat()
    } else {
        "筛选".into()
    };
    let toggle = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::ToggleFilters))
    };

    html! {
        <>
            <section class="intro" aria-labelledby="page-title">
                <h1 id="page-title" tabindex="-1">{&d.meeting.title}</h1>
                <p class="subtitle">{d.meeting.subtitle.trim_start_matches(['—', '-'])}{"（"}{cite::cn_date(&d.meeting.date)}{"）"}</p>
                <p class="lead">{&d.meeting.lead}</p>
                // On a phone the lead is cut to two lines so that the search box and the first
                // speech are on the first screen (360 × 640); "展开" shows it whole. A native
                // disclosure and CSS (`style.css`): no state, no listener, works without the app.
                <details class="lead-more">
                    <summary><span class="when-closed">{"展开导语"}</span><span class="when-open">{"收起导语"}</span></summary>
                </details>
            </section>
            <div class="browse">
                <div role="search" class="finder needs-app" aria-label="检索与筛选">
                    <div class="search-row">
                        <label for={super::SEARCH_ID}>{"搜索发言"}</label>
                        <input id={super::SEARCH_ID} type="search" value={filter.text.clone()} oninput={on_input}
                            placeholder="如：人才、数字普惠金融" autocomplete="off" maxlength="100" />
                    </div>
                    <button type="button" class="sheet-toggle" aria-expanded={flag(open)}
                        aria-controls="facets" onclick={toggle.clone()}>{toggle_label}</button>
                    <div id="facets" class={if open { "facets open" } else { "facets" }}>
                        { facet(store, "按发言人", &outcome.speaker_facet, Action::ToggleSpeaker, SPEAKERS) }
                        { facet(store, "按主题", &outcome.theme_facet, Action::ToggleTheme, THEMES) }
                        <div class="facet-actions">
                            { clear_button(store) }
                            <button type="button" class="sheet-close" onclick={toggle}>{"完成"}</button>
                        </div>
                    </div>
                </div>
                <section class="results" aria-labelledby="results-title">
                    <h2 id="results-title" class="visually-hidden">{"发言列表"}</h2>
                    <p class="count" role="status" aria-live="polite" aria-atomic="true">
                        {summary}{relax.unwrap_or("")}
                    </p>
                    if n == 0 && !filter.is_empty() { <p class="needs-app">{ clear_button(store) }</p> }
                    { compare_tray(store) }
                    <ol class={if filter.is_empty() { "cards" } else { "cards filtered" }}>
                        { for outcome.speeches.iter().take(shown).map(|(i, hits)| html! {
                            <li key={d.speeches[*i].id.as_str()}>{ speech_card(store, *i, hits.as_ref()) }</li>
                        }) }
                    </ol>
                    if n > shown {
                        <p>{ action_button(store, || Action::ShowAll(FIRST_HIDDEN_CARD), html! {
                            <>{"显示其余 "}{n - shown}{" 篇"}</>
                        }) }</p>
                    }
                    { theme_index(store, None) }
                </section>
            </div>
        </>
    }
}

fn clear_button(store: &Store) -> Html {
    if store.view.filter.is_empty() {
        return html! { <button type="button" disabled=true>{"清除全部筛选"}</button> };
    }
    action_button(store, || Action::ClearFilters, html! {"清除全部筛选"})
}

/// Links to every theme page (but `except`).
pub fn theme_index(store: &Store, except: Option<&str>) -> Html {
    let d = &store.data.digest;
    html! {
        <nav class="theme-index" aria-labelledby="themes-title">
            <h2 id="themes-title">{ if except.is_some() { "其他主题" } else { "按主题浏览" } }</h2>
            <ul class="chips">
                { for d.themes.iter().filter(|t| Some(t.id.as_str()) != except).map(|t| html! {
                    <li>{ link(store.view.to(Page::Theme(t.id.clone())), html! { &t.name }) }</li>
                }) }
            </ul>
        </nav>
    }
}

/// One facet: its values as toggle buttons with live counts.
fn facet(
    store: &Store,
    title: &'static str,
    values: &[FacetValue],
    action: fn(String) -> Action,
    (id, first_hidden): (&'static str, &'static str),
) -> Html {
    let shown = query::shown_values(values, store.show_all);
    let hidden = values.len() - shown.len();
    html! {
        <fieldset class="facet" id={id}>
            <legend>{title}</legend>
            <ul>
                { for shown.into_iter().map(|v| {
                    let store = store.clone();
                    let id = v.id.clone();
                    let count = v.count.to_string();
                    html! {
                        <li>
                            <button type="button" aria-pressed={flag(v.selected)}
                                disabled={v.count == 0 && !v.selected}
                                onclick={Callback::from(move |_| store.dispatch(action(id.clone())))}>
                                <span class="facet-name">{&v.name}</span>
                                <span class="facet-count" aria-label={[&count, "篇"].concat()}>{count.clone()}</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
            if hidden > 0 {
                { action_button(store, move || Action::ShowAll(first_hidden), html! {
                    <>{"显示全部 "}{values.len()}{" 项"}</>
                }) }
            }
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn focus_selectors_follow_the_caps() {
        let nth = |sel: &str| -> usize {
            let at = sel.find("nth-child(").unwrap() + "nth-child(".len();
            sel[at..].split(')').next().unwrap().parse().unwrap()
        };
        assert_eq!(nth(FIRST_HIDDEN_CARD), query::RESULTS_SHOWN + 1);
        for (id, first_hidden) in [SPEAKERS, THEMES] {
            assert_eq!(nth(first_hidden), query::FACET_SHOWN + 1);
            assert!(first_hidden.starts_with(&["#", id, " "].concat()));
        }
    }
}
