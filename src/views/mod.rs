//! Yew views: they render the state and send actions; the logic lives in the core modules.

mod aloud;
mod compare;
mod embed;
mod index;
pub mod lazy;
mod parts;
mod speech;
mod theme;
mod widgets;

use std::rc::Rc;

use yew::prelude::*;

use crate::cite;
use crate::platform;
use crate::query::{self, Outcome};
use crate::route::{ColorScheme, Page, View};
use crate::state::{Action, AppState, Data, Effects, Focus, FontScale, HistoryOp, Scroll};

/// The state and its dispatcher: what the app root holds, and what the components with hooks
/// of their own (read-aloud, the parts in chunks) read from context. Views below them take only
/// what they use: the digest, the view, and a [`Dispatch`] where they send actions.
pub type Store = UseReducerHandle<AppState>;

/// Where views send actions (cheap to clone; equal to itself, so it makes no prop change).
pub type Dispatch = UseReducerDispatcher<AppState>;

/// Where the comparison choice is remembered between visits.
const COMPARE_KEY: &str = "jianyan.compare";
const ELDER_KEY: &str = "jianyan.elder";

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub data: Rc<Data>,
    /// The page of the file being rendered or hydrated; the query is applied after hydration.
    pub page: Page,
    /// What the reader typed into the search box before the app started (`boot.js` starts it
    /// after the first paint): searched once the app is live, after the URL's own query.
    pub typed: String,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let store = use_reducer(|| AppState::new(props.data.clone(), props.page.clone()));

    // After hydration: read the URL (query included), then follow back/forward.
    {
        let dispatcher = store.dispatcher();
        let typed = props.typed.clone();
        use_effect_with((), move |_| {
            platform::freeze_base();
            let open = move || Action::Open {
                rel: platform::current_rel(),
                remembered: platform::load(COMPARE_KEY),
            };
            dispatcher.dispatch(open());
            if !typed.is_empty() {
                dispatcher.dispatch(Action::SetText(typed));
            }
            embed::connect(dispatcher.clone());
            if platform::load(ELDER_KEY).as_deref() == Some("1")
                && !platform::current_rel().contains("elder=")
            {
                dispatcher.dispatch(Action::SetElder(true));
            }
            platform::root_class("app-live", true);
            lazy::prefetch_when_idle();
            let follow = {
                let dispatcher = dispatcher.clone();
                move |rel: String| dispatcher.dispatch(Action::Follow(rel))
            };
            let links = platform::listen_links(follow);
            let composed = {
                let dispatcher = dispatcher.clone();
                platform::listen_composed(move |text| dispatcher.dispatch(Action::SetText(text)))
            };
            let leave = platform::settle_address_on_leave();
            let listener = platform::listen_popstate(move || dispatcher.dispatch(open()));
            move || drop((listener, links, composed, leave))
        });
    }

    // The speeches' bodies, as soon as the app is live (a search needs them), and again when
    // the reader retries after a failure.
    {
        let dispatcher = store.dispatcher();
        let deps = (store.live, store.data.complete, store.texts_failed);
        use_effect_with(deps, move |&(live, complete, failed)| {
            if live && !complete && !failed {
                wasm_bindgen_futures::spawn_local(async move {
                    dispatcher.dispatch(match lazy::load_data().await {
                        Some(data) => Action::Complete(data),
                        None => Action::TextsFailed,
                    });
                });
            }
        });
    }

    // The effects of each change, applied once, here.
    {
        let state = store.clone();
        let hydrated = props.page.clone();
        use_effect_with((store.effects.seq, store.live), move |(_, live)| {
            if *live {
                // The print-out's QR code (`prerender::handout`) is of the page this file was
                // built for: after following a link to another page it is left out of the print.
                platform::root_class("elsewhere", state.view.page != hydrated);
                apply(&state);
                // The view the address names is on the page now (`static/page.js`).
                platform::root_class("view-pending", false);
            }
        });
    }

    // Remembered choices, written when they change, not on every keystroke (storage is
    // synchronous: about a millisecond a write in the keystroke profile).
    {
        let deps = (
            store.view.display.elder,
            store.view.compare.clone(),
            store.live,
        );
        use_effect_with(deps, move |(elder, compare, live)| {
            if *live {
                platform::store(ELDER_KEY, if *elder { "1" } else { "0" });
                if !compare.is_empty() {
                    platform::store(COMPARE_KEY, &compare.join(","));
                }
            }
        });
    }

    // Components with hooks of their own (read-aloud, the parts in chunks) read the store from
    // context; everything else is a plain function given what it uses.
    html! {
        <ContextProvider<Store> context={store.clone()}>
            { layout(&store) }
        </ContextProvider<Store>>
    }
}

/// Applies what a change asks of the browser ([`Effects`]): the address, the title, scrolling
/// and focus. The one place where the state reaches the browser's history.
fn apply(state: &AppState) {
    let Effects {
        history,
        scroll,
        focus,
        ..
    } = state.effects;
    let href = state.view.href();
    // The address keeps the anchor a link pointed at (`speech/a/#r2`).
    let at = if state.anchor.is_empty() {
        href
    } else {
        [href.as_str(), "#", &state.anchor].concat()
    };
    match history {
        HistoryOp::Push | HistoryOp::Navigate => platform::push(&at),
        HistoryOp::Replace => platform::replace(&at),
        HistoryOp::ReplaceSoon => platform::replace_soon(&at),
        HistoryOp::None => {}
    }
    platform::set_title(&cite::page_title(&state.data.digest, &state.view));
    match scroll {
        Scroll::Stay => {}
        Scroll::Top => platform::scroll_top(),
        Scroll::Anchor => platform::scroll_to_id(&state.anchor),
    }
    match focus {
        Focus::Stay => {}
        Focus::Heading => platform::focus_heading(),
        Focus::ComparisonTable => platform::focus_id_or_heading(compare::COMPARISON_TABLE),
    }
}

/// The page in the site's frame. A function, not a component: see `parts`.
fn layout(store: &Store) -> Html {
    let (view, send) = (&store.view, &store.dispatcher());
    let d = &store.data.digest;
    // The index's filter, run once per render: the list and the view tools both use it.
    let mut outcome: Option<Rc<Outcome>> = None;
    let page = match &view.page {
        Page::Index => {
            // A search waits for the speeches' bodies; meanwhile the facets count without it.
            let waits = store.search_waits();
            let filtered = if waits.is_none() {
                query::apply(d, &store.data.index, &view.filter)
            } else {
                let mut without_words = view.filter.clone();
                without_words.text.clear();
                query::apply(d, &store.data.index, &without_words)
            };
            let filtered = Rc::new(filtered);
            let page = index::index_page(&store.data, view, &filtered, waits, send);
            outcome = Some(filtered);
            page
        }
        Page::Speech(_) => html! { <lazy::Lazy part={lazy::Part::Speech} /> },
        Page::Theme(id) => theme::theme_page(d, view, id, send),
        Page::Compare => html! { <lazy::Lazy part={lazy::Part::Compare} /> },
        Page::NotFound => not_found(view),
    };
    let elder = view.display.elder;
    let toggle_elder = {
        let send = send.clone();
        Callback::from(move |_| send.dispatch(Action::SetElder(!elder)))
    };
    let nav_link = |to: View, label: &'static str| {
        let current = (view.page == to.page).then_some("page");
        parts::link_to(to, None, "", current, html! { label })
    };
    let display = &view.display;
    let mut class = String::from("app");
    for (on, name) in [
        (elder, " elder"),
        (display.embed, " embed"),
        (display.transparent, " transparent"),
        (display.color == ColorScheme::Light, " color-light"),
        (display.color == ColorScheme::Dark, " color-dark"),
        (store.host.font_scale == FontScale::Large, " fs-125"),
        (store.host.font_scale == FontScale::Larger, " fs-150"),
        (store.host.high_contrast, " hc"),
    ] {
        if on {
            class.push_str(name);
        }
    }
    html! {
        <div {class}>
            // The page's own path: with `<base href>` at the site root, a bare `#main` would
            // lead to the index.
            <a class="skip" href={[view.file_path().as_str(), "#main"].concat()}>{"跳到正文"}</a>
            <header class="site">
                <div class="bar">
                    { parts::link_to(view.to(Page::Index), None, "brand", None, html! {
                        <>
                            <span class="brand-name">{"建言"}</span>
                            <span class="brand-sub">{d.meeting.subtitle.trim_start_matches(['—', '-'])}</span>
                        </>
                    }) }
                    <nav aria-label="主导航">
                        { nav_link(view.to(Page::Index), "全部发言") }
                        { nav_link(compare_view(view), "比较建议") }
                    </nav>
                    <button type="button" class="elder-toggle needs-app" aria-pressed={parts::flag(elder)} onclick={toggle_elder}>
                        {"长者模式"}
                    </button>
                </div>
            </header>
            { embed::embed_nav(view) }
            { parts::ignored(&store.ignored, send) }
            <main id="main" tabindex="-1">{page}<lazy::Lazy part={lazy::Part::Tools} {outcome} /></main>
            <footer class="site">
                <p>{&d.meeting.title}{"——"}{d.meeting.subtitle.trim_start_matches(['—', '-'])}{"（"}{cite::cn_date(&d.meeting.date)}{"）"}</p>
                if !d.meeting.source.is_empty() {
                    <p>{"来源："}{&d.meeting.source}</p>
                }
                <p>
                    {"文字照录原文；凡经编者整理之处，均以“编者注”标明。"}
                    <a href="digest.json" download="digest.json">{"下载开放数据（JSON）"}</a>
                </p>
            </footer>
            <p class="status" role="status" aria-live="polite">{&store.status}</p>
        </div>
    }
}

/// The comparison as the reader left it (the choice travels in the state).
fn compare_view(view: &View) -> View {
    let mut v = view.to(Page::Compare);
    v.compare = view.compare.clone();
    v.order = view.order;
    v
}

fn not_found(view: &View) -> Html {
    html! {
        <>
            <h1 tabindex="-1">{"未找到此页"}</h1>
            <p>{"链接所指的发言或主题不在本摘编中。可以从下列入口继续阅读："}</p>
            <ul class="plain">
                <li>{ parts::link(view.to(Page::Index), html! {"全部发言"}) }</li>
                <li>{ parts::link(compare_view(view), html! {"比较建议"}) }</li>
            </ul>
        </>
    }
}
