//! The index: every speech, with facets and search.

use std::rc::Rc;

use yew::prelude::*;

use super::parts::{action_button, compare_tray, flag, link, speech_card};
use super::widgets::disclosure;
use super::Dispatch;
use crate::cite;
use crate::model::Digest;
use crate::platform::SEARCH_ID;
use crate::query::{self, FacetValue, Filter, Outcome, Relax};
use crate::route::{Page, View};
use crate::state::{Action, Bodies, Data};

/// The index, given its filter's outcome (run once per render by the layout). A search waits
/// for the speeches' bodies (`waiting`, `AppState::search_waits`): until they are here the
/// outcome is the filter's without the words, the list waits, and a failure is said with a
/// retry and the list as far as it can be filtered.
pub fn index_page(
    data: &Rc<Data>,
    view: &View,
    outcome: &Rc<Outcome>,
    waiting: Option<Bodies>,
    send: &Dispatch,
) -> Html {
    let d = &data.digest;
    let filter = &view.filter;
    let chosen = filter.speakers.len() + filter.themes.len();
    let n = outcome.speeches.len();
    let count = n.to_string();
    let words = filter.text.trim();
    let summary = if let Some(bodies) = waiting {
        let before = if bodies == Bodies::Loading {
            "正在载入发言全文，稍后显示“"
        } else {
            "发言全文未能载入，可能是网络中断，暂时无法检索“"
        };
        let after = if bodies == Bodies::Loading {
            "”的检索结果……"
        } else {
            "”。"
        };
        [before, words, after].concat()
    } else if filter.is_empty() {
        ["共 ", &count, " 篇发言"].concat()
    } else if outcome.searched {
        ["找到 ", &count, " 篇发言，含“", filter.text.trim(), "”"].concat()
    } else {
        ["筛选出 ", &count, " 篇发言"].concat()
    };
    let relax =
        (n == 0 && waiting.is_none()).then(|| match query::relax_hint(d, &data.index, filter) {
            Relax::Text => "。可以删改检索词再试。",
            Relax::Themes => "。可以取消所选主题再试。",
            Relax::Speakers => "。可以取消所选发言人再试。",
            Relax::All => "。可以清除全部筛选条件再试。",
        });
    let scope = filter_scope(filter);

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
                { finder(filter, outcome, chosen, &scope, send) }
                <section class="results" aria-labelledby="results-title">
                    <h2 id="results-title" class="visually-hidden">{"发言列表"}</h2>
                    <p class="count" role="status" aria-live="polite" aria-atomic="true">
                        {summary}{relax.unwrap_or("")}
                    </p>
                    if waiting == Some(Bodies::Failed) {
                        <p>{ action_button(send, || Action::RetryTexts, html! {"重试"}) }</p>
                    }
                    if n == 0 && !filter.is_empty() && waiting.is_none() { <p class="needs-app">{ clear_button(filter, send) }</p> }
                    { compare_tray(d, view) }
                    if waiting != Some(Bodies::Loading) {
                        { result_list(data, view, outcome, &scope, send) }
                    }
                    { theme_index(d, view, None) }
                </section>
            </div>
        </>
    }
}

/// What "show all" holds for: the filter it was asked for (a new search starts from its
/// first results again).
fn filter_scope(filter: &Filter) -> AttrValue {
    [
        filter.speakers.join(","),
        filter.themes.join(","),
        filter.text.clone(),
    ]
    .join("\u{1f}")
    .into()
}

/// The search box and the facets, in a sheet that phones open and close (on wide screens
/// the facets always show). Whether the sheet is open is its own state.
fn finder(
    filter: &Filter,
    outcome: &Rc<Outcome>,
    chosen: usize,
    scope: &AttrValue,
    send: &Dispatch,
) -> Html {
    let (filter, outcome, scope) = (filter.clone(), outcome.clone(), scope.clone());
    let send = send.clone();
    // While an input method composes (pinyin letters before the characters are chosen), the
    // box holds Latin letters no speech contains: the search waits for the characters (the
    // app's `compositionend` listener, `platform::listen_composed`; Yew has none).
    let on_input = {
        let send = send.clone();
        Callback::from(move |e: InputEvent| {
            if !e.is_composing() {
                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                send.dispatch(Action::SetText(input.value()));
            }
        })
    };
    let toggle_label: AttrValue = if chosen > 0 {
        ["筛选（已选 ", &chosen.to_string(), "）"].concat().into()
    } else {
        "筛选".into()
    };
    disclosure("", move |sheet| {
        let open = sheet.open;
        let toggle = sheet.toggle.reform(|_: MouseEvent| ());
        html! {
            <div role="search" class="finder needs-app" aria-label="检索与筛选">
                <div class="search-row">
                    <label for={SEARCH_ID}>{"搜索发言"}</label>
                    <input id={SEARCH_ID} type="search" value={filter.text.clone()} oninput={on_input.clone()}
                        placeholder="如：人才、数字普惠金融" autocomplete="off" maxlength="100" />
                </div>
                <button type="button" class="sheet-toggle" aria-expanded={flag(open)}
                    aria-controls="facets" onclick={toggle.clone()}>{toggle_label.clone()}</button>
                <div id="facets" class={if open { "facets open" } else { "facets" }}>
                    { facet(&send, "按发言人", &outcome, |o| &o.speaker_facet, Action::ToggleSpeaker, "facet-speakers", &scope) }
                    { facet(&send, "按主题", &outcome, |o| &o.theme_facet, Action::ToggleTheme, "facet-themes", &scope) }
                    <div class="facet-actions">
                        { clear_button(&filter, &send) }
                        <button type="button" class="sheet-close" onclick={toggle}>{"完成"}</button>
                    </div>
                </div>
            </div>
        }
    })
}

/// The speeches that pass the filter, from their first [`query::RESULTS_SHOWN`], as loaded
/// and while filtered (the prerender renders the same first cards, so hydration matches);
/// "显示更多" shows [`query::RESULTS_MORE`] more and moves focus to the first of them. How
/// many are shown is the list's own state (it never enters the URL), and a new filter starts
/// from the first results again. A real digest (10 speeches) shows all of them.
///
/// Print and "find in page" see the cards that are shown: all of them at the real size; at
/// scale (a synthetic 1,000 speeches) the first ones and what the reader revealed, and the
/// print-out says how many it leaves out (the count above names all the results, and the
/// export tools export all of them). Without the app the page says so too, in place of the
/// button (the theme pages list every speech of their theme).
fn result_list(
    data: &Rc<Data>,
    view: &View,
    outcome: &Rc<Outcome>,
    scope: &AttrValue,
    send: &Dispatch,
) -> Html {
    let (data, view, outcome, send) = (data.clone(), view.clone(), outcome.clone(), send.clone());
    disclosure(scope.clone(), move |list| {
        let d = &data.digest;
        let n = outcome.speeches.len();
        let shown = query::results_shown(n, list.more);
        // The first card the last "显示更多" revealed.
        let first_new = list
            .more
            .checked_sub(1)
            .map(|before| query::results_shown(n, before));
        let reveal = list.reveal.reform(|_: MouseEvent| ());
        let rest = (n - shown).to_string();
        html! {
            <>
                <ol class={if view.filter.is_empty() { "cards" } else { "cards filtered" }}>
                    { for outcome.speeches.iter().take(shown).enumerate().map(|(k, (i, hits))| {
                        let node = if first_new == Some(k) { list.first_revealed.clone() } else { NodeRef::default() };
                        html! {
                            <li key={d.speeches[*i].id.as_str()} ref={node}>{ speech_card(d, &view, *i, hits.as_ref(), &send) }</li>
                        }
                    }) }
                </ol>
                if n > shown {
                    <p class="more">
                        <button type="button" class="needs-app" onclick={reveal}>{"显示更多（还有 "}{rest.clone()}{" 篇）"}</button>
                        <span class="print-only no-app-note">{"另有 "}{rest}{" 篇未列出。"}</span>
                    </p>
                }
            </>
        }
    })
}

fn clear_button(filter: &Filter, send: &Dispatch) -> Html {
    if filter.is_empty() {
        return html! { <button type="button" disabled=true>{"清除全部筛选"}</button> };
    }
    action_button(send, || Action::ClearFilters, html! {"清除全部筛选"})
}

/// Links to every theme page (but `except`).
pub fn theme_index(d: &Digest, view: &View, except: Option<&str>) -> Html {
    html! {
        <nav class="theme-index" aria-labelledby="themes-title">
            <h2 id="themes-title">{ if except.is_some() { "其他主题" } else { "按主题浏览" } }</h2>
            <ul class="chips">
                { for d.themes.iter().filter(|t| Some(t.id.as_str()) != except).map(|t| html! {
                    <li>{ link(view.to(Page::Theme(t.id.clone())), html! { &t.name }) }</li>
                }) }
            </ul>
        </nav>
    }
}

/// One facet: its values as toggle buttons with live counts. A long facet shows its first
/// values and "show all", which then moves focus to the first newly shown value.
fn facet(
    send: &Dispatch,
    title: &'static str,
    outcome: &Rc<Outcome>,
    values: fn(&Outcome) -> &[FacetValue],
    action: fn(String) -> Action,
    id: &'static str,
    scope: &AttrValue,
) -> Html {
    let (send, outcome) = (send.clone(), outcome.clone());
    disclosure(scope.clone(), move |all| {
        let values = values(&outcome);
        let first_shown = query::shown_values(values, false);
        let shown = if all.open {
            values.iter().collect()
        } else {
            first_shown.clone()
        };
        let hidden = values.len() - shown.len();
        // The first value that "show all" brought into view.
        let first_new = all
            .open
            .then(|| {
                values
                    .iter()
                    .find(|v| !first_shown.iter().any(|f| f.id == v.id))
            })
            .flatten()
            .map(|v| v.id.as_str());
        let reveal = all.reveal.reform(|_: MouseEvent| ());
        html! {
            <fieldset class="facet" id={id}>
                <legend>{title}</legend>
                <ul>
                    { for shown.into_iter().map(|v| {
                        let send = send.clone();
                        let id = v.id.clone();
                        let count = v.count.to_string();
                        let node = if first_new == Some(v.id.as_str()) {
                            all.first_revealed.clone()
                        } else {
                            NodeRef::default()
                        };
                        html! {
                            <li ref={node}>
                                <button type="button" aria-pressed={flag(v.selected)}
                                    disabled={v.count == 0 && !v.selected}
                                    onclick={Callback::from(move |_| send.dispatch(action(id.clone())))}>
                                    <span class="facet-name">{&v.name}</span>
                                    <span class="facet-count" aria-label={[&count, "篇"].concat()}>{count.clone()}</span>
                                </button>
                            </li>
                        }
                    }) }
                </ul>
                if hidden > 0 {
                    <button type="button" onclick={reveal}>{"显示全部 "}{values.len()}{" 项"}</button>
                }
            </fieldset>
        }
    })
}
