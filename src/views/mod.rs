//! Yew views: they render the state and send actions; the logic lives in the core modules.

mod compare;
mod index;
mod parts;
pub mod platform;
mod speech;
mod theme;

use std::rc::Rc;

use yew::prelude::*;

use crate::cite;
use crate::route::{ColorScheme, Page, View};
use crate::state::{Action, AppState, Data, HistoryOp};

pub use parts::Link;

/// What every component reads: the state, and through it the dispatcher.
pub type Store = UseReducerHandle<AppState>;

/// Where the comparison choice is remembered between visits.
const COMPARE_KEY: &str = "jianyan.compare";
const ELDER_KEY: &str = "jianyan.elder";

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub data: Rc<Data>,
    /// The page of the file being rendered or hydrated; the query is applied after hydration.
    pub page: Page,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let store = use_reducer(|| AppState::new(props.data.clone(), props.page.clone()));

    // After hydration: read the URL (query included), then follow back/forward.
    {
        let dispatcher = store.dispatcher();
        use_effect_with((), move |_| {
            let open = move || Action::Open {
                rel: platform::current_rel(),
                remembered: platform::load(COMPARE_KEY),
            };
            dispatcher.dispatch(open());
            if platform::load(ELDER_KEY).as_deref() == Some("1") && !platform::current_rel().contains("elder=") {
                dispatcher.dispatch(Action::SetElder(true));
            }
            platform::root_class("app-live", true);
            let listener = listen_popstate(dispatcher, open);
            move || drop(listener)
        });
    }

    // Keep the URL, title and memory in step with the state.
    {
        let href = store.view.href();
        let deps = (href, store.history, store.live);
        let state = store.clone();
        use_effect_with(deps, move |(href, history, live)| {
            if *live {
                let page_changed = match history {
                    HistoryOp::Push => {
                        platform::push(href);
                        true
                    }
                    HistoryOp::Replace => {
                        platform::replace(href);
                        false
                    }
                    HistoryOp::None => false,
                };
                let d = &state.data.digest;
                platform::set_title(&cite::page_title(d, &state.view));
                platform::store(ELDER_KEY, if state.view.display.elder { "1" } else { "0" });
                if !state.view.compare.is_empty() {
                    platform::store(COMPARE_KEY, &state.view.compare.join(","));
                }
                if page_changed && !href.contains('#') {
                    platform::scroll_top();
                    platform::focus_heading();
                }
            }
        });
    }

    html! {
        <ContextProvider<Store> context={store}>
            <Layout />
        </ContextProvider<Store>>
    }
}

#[cfg(feature = "csr")]
fn listen_popstate(
    dispatcher: UseReducerDispatcher<AppState>,
    open: impl Fn() -> Action + 'static,
) -> Option<gloo_events::EventListener> {
    let window = web_sys::window()?;
    Some(gloo_events::EventListener::new(&window, "popstate", move |_| {
        dispatcher.dispatch(open())
    }))
}

#[cfg(not(feature = "csr"))]
fn listen_popstate(_: UseReducerDispatcher<AppState>, _: impl Fn() -> Action + 'static) -> Option<Box<()>> {
    None
}

#[component]
fn Layout() -> Html {
    let store = use_context::<Store>().expect("store");
    let view = &store.view;
    let d = &store.data.digest;
    let page = match &view.page {
        Page::Index => html! { <index::IndexPage /> },
        Page::Speech(id) => html! { <speech::SpeechPage id={id.clone()} /> },
        Page::Theme(id) => html! { <theme::ThemePage id={id.clone()} /> },
        Page::Compare => html! { <compare::ComparePage /> },
        Page::NotFound => html! { <NotFound /> },
    };
    let elder = view.display.elder;
    let toggle_elder = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::SetElder(!elder)))
    };
    let nav_current = |p: &Page| (view.page == *p).then_some("page");
    let display = &view.display;
    let class = classes!(
        "app",
        elder.then_some("elder"),
        display.embed.then_some("embed"),
        display.transparent.then_some("transparent"),
        match display.color {
            ColorScheme::Auto => None,
            ColorScheme::Light => Some("color-light"),
            ColorScheme::Dark => Some("color-dark"),
        }
    );
    html! {
        <div {class}>
            <a class="skip" href="#main">{"跳到正文"}</a>
            <header class="site">
                <div class="bar">
                    <Link to={view.to(Page::Index)} class="brand">
                        <span class="brand-name">{"建言"}</span>
                        <span class="brand-sub">{&d.meeting.subtitle.trim_start_matches(['—', '-'])}</span>
                    </Link>
                    <nav aria-label="主导航">
                        <Link to={view.to(Page::Index)} current={nav_current(&Page::Index)}>{"全部发言"}</Link>
                        <Link to={compare_view(view)} current={nav_current(&Page::Compare)}>{"比较建议"}</Link>
                    </nav>
                    <button type="button" class="elder-toggle needs-app" aria-pressed={elder.to_string()} onclick={toggle_elder}>
                        {"长者模式"}
                    </button>
                </div>
            </header>
            <parts::Ignored />
            <main id="main" tabindex="-1">{page}</main>
            <footer class="site">
                <p>{format!("{}——{}（{}）", d.meeting.title, d.meeting.subtitle.trim_start_matches(['—', '-']), cite::cn_date(&d.meeting.date))}</p>
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

#[component]
fn NotFound() -> Html {
    let store = use_context::<Store>().expect("store");
    let view = &store.view;
    html! {
        <>
            <h1 tabindex="-1">{"未找到此页"}</h1>
            <p>{"链接所指的发言或主题不在本摘编中。可以从下列入口继续阅读："}</p>
            <ul class="plain">
                <li><Link to={view.to(Page::Index)}>{"全部发言"}</Link></li>
                <li><Link to={compare_view(view)}>{"比较建议"}</Link></li>
            </ul>
        </>
    }
}
