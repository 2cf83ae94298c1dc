//! Parts of the app in WebAssembly chunks of their own, fetched when first needed and
//! prefetched when the browser is idle (`#[wasm_split]`, crate `wasm_split_helpers`; the
//! build step is `xtask/src/split.rs`). The index needs none of them, so none is in the bytes
//! it loads before it is interactive.
//!
//! The speeches' bodies (`model::Texts`, ≈ 5.8 KB brotli of the 8.2 KB digest) are in a chunk
//! too, which every part's load brings along with its own (in parallel), and which the app
//! loads by itself as soon as it is live: every part renders from the whole digest, and a
//! search of the index waits for it (`views::index`). The index and the theme pages render
//! from the outline.
//!
//! A page that needs a part is opened with its chunk loaded before hydration
//! (`src/bin/app.rs`), so it hydrates the prerendered nodes as they are; a part reached later
//! by a link shows a short wait, or, when its chunk fails to load, says so and offers a retry
//! while the rest of the app keeps working.
//!
//! On the host (prerender, render tests) every part is a plain call.

use std::rc::Rc;

use yew::prelude::*;

use super::Store;
use crate::query::Outcome;
use crate::route::Page;
use crate::state::{Action, Data};

/// A part's view: what it renders for the current state (the index's filter outcome where
/// there is one).
pub type PartView = fn(&Store, Option<&Outcome>) -> Html;

/// The parts that have a chunk of their own.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Part {
    /// A speech page, with read-aloud.
    Speech,
    /// The comparison page.
    Compare,
    /// Share, export, embed code, print (rendered only once the app runs).
    Tools,
}

impl Part {
    pub const ALL: [Part; 3] = [Part::Speech, Part::Compare, Part::Tools];

    /// The part a page needs before it can hydrate, if any.
    pub fn of(page: &Page) -> Option<Part> {
        match page {
            Page::Speech(_) => Some(Part::Speech),
            Page::Compare => Some(Part::Compare),
            _ => None,
        }
    }
}

fn speech_view(store: &Store, _: Option<&Outcome>) -> Html {
    match &store.view.page {
        Page::Speech(id) => {
            let send = store.dispatcher();
            super::speech::speech_page(&store.data, &store.view, &store.last_filter, id, &send)
        }
        _ => Html::default(),
    }
}

fn compare_view(store: &Store, _: Option<&Outcome>) -> Html {
    super::compare::compare_page(&store.data, &store.view, &store.dispatcher())
}

/// Only once the app runs: the tools need the real address, and every control in them needs
/// the app, so the prerendered page has none of them.
fn tools_view(store: &Store, outcome: Option<&Outcome>) -> Html {
    if !store.live {
        return Html::default();
    }
    super::embed::view_tools(&store.data, &store.view, outcome, &store.dispatcher())
}

/// The whole digest: the outline joined with the speeches' bodies. In the browser only the
/// split functions reach it, so it and the bodies' bytes are in the chunk they share.
fn complete_data() -> Rc<Data> {
    Data::embedded()
}

#[cfg(target_arch = "wasm32")]
mod chunks {
    use std::cell::{Cell, RefCell};
    use std::future::Future;
    use std::rc::Rc;

    use wasm_split_helpers::{wasm_split, SplitLoaderError};

    use super::{Data, Part, PartView};

    /// A chunk that did not load (the helpers say why in the console).
    pub struct Failed;

    impl From<SplitLoaderError> for Failed {
        fn from(_: SplitLoaderError) -> Self {
            Failed
        }
    }

    /// The speeches' bodies: a function that joins them to the outline, in the chunk shared
    /// by every split function below (wasm-split puts what several of them use in a chunk of
    /// its own, which each of them fetches alongside its own, at once).
    type WholeDigest = fn() -> Rc<Data>;

    // `fallible`: a failed load is an `Err`, not a panic (with `panic = "abort"` a panic ends
    // the whole app). Each returns its part's view function, which lives in the chunk, with the
    // bodies, which every part renders from; later calls are plain calls through the function
    // table. A part with its bodies is one load: a deep link to the comparison fetched the
    // bodies and then the comparison, one after the other, and Lighthouse's LCP of a shared
    // comparison went from 1.1× to 2.6× the plain page (2026-12-02).
    #[wasm_split(speech, fallible)]
    fn speech() -> Result<(PartView, WholeDigest), Failed> {
        Ok((super::speech_view, super::complete_data))
    }

    #[wasm_split(compare, fallible)]
    fn compare() -> Result<(PartView, WholeDigest), Failed> {
        Ok((super::compare_view, super::complete_data))
    }

    #[wasm_split(tools, fallible)]
    fn tools() -> Result<(PartView, WholeDigest), Failed> {
        Ok((super::tools_view, super::complete_data))
    }

    #[wasm_split(texts, fallible)]
    fn texts() -> Result<WholeDigest, Failed> {
        Ok(super::complete_data)
    }

    thread_local! {
        static LOADED: [Cell<Option<PartView>>; 3] = const { [Cell::new(None), Cell::new(None), Cell::new(None)] };
        /// The load under way, settled when it ends. One chunk load at a time: with two under
        /// way at once (a link's part while the idle prefetch fetched another, sharing chunks),
        /// wasm_split_helpers 0.2.3 sometimes never finished one of them, and a speech opened
        /// from the list stayed at 正在载入… (seen at phone size in Chromium, 4 times in 5).
        static LOADING: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
        static COMPLETE: RefCell<Option<Rc<Data>>> = const { RefCell::new(None) };
    }

    pub fn loaded(part: Part) -> Option<PartView> {
        LOADED.with(|l| l[part as usize].get())
    }

    pub fn complete() -> Option<Rc<Data>> {
        COMPLETE.with(|c| c.borrow().clone())
    }

    /// The whole digest, made once from the bodies a load brought.
    fn completed(whole: WholeDigest) -> Rc<Data> {
        complete().unwrap_or_else(|| {
            let data = whole();
            COMPLETE.with(|c| *c.borrow_mut() = Some(data.clone()));
            data
        })
    }

    /// Loads the speeches' bodies once (see `load`).
    pub async fn load_data() -> Option<Rc<Data>> {
        alone(complete, || async { Some(completed(texts().await.ok()?)) }).await
    }

    /// Loads the part's chunk with the speeches' bodies, once, after any load under way; a
    /// failure is not remembered, so asking again retries.
    pub async fn load(part: Part) -> Option<PartView> {
        alone(
            || loaded(part),
            || async move {
                let (view, whole) = match part {
                    Part::Speech => speech().await,
                    Part::Compare => compare().await,
                    Part::Tools => tools().await,
                }
                .ok()?;
                completed(whole);
                LOADED.with(|l| l[part as usize].set(Some(view)));
                Some(view)
            },
        )
        .await
    }

    /// What `ready` has, or else `fetch` run when no other load is under way.
    async fn alone<T, F: Future<Output = Option<T>>>(
        ready: impl Fn() -> Option<T>,
        fetch: impl FnOnce() -> F,
    ) -> Option<T> {
        loop {
            if let Some(done) = ready() {
                return Some(done);
            }
            match LOADING.with(|l| l.borrow().clone()) {
                Some(under_way) => {
                    let _ = wasm_bindgen_futures::JsFuture::from(under_way).await;
                }
                None => break,
            }
        }
        let mut settle = None;
        let under_way = js_sys::Promise::new(&mut |resolve, _| settle = Some(resolve));
        LOADING.with(|l| *l.borrow_mut() = Some(under_way));
        let done = fetch().await;
        LOADING.with(|l| *l.borrow_mut() = None);
        if let Some(settle) = settle {
            let _ = settle.call0(&wasm_bindgen::JsValue::NULL);
        }
        done
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod chunks {
    use std::rc::Rc;

    use super::{Data, Part, PartView};

    pub fn complete() -> Option<Rc<Data>> {
        Some(super::complete_data())
    }

    pub async fn load_data() -> Option<Rc<Data>> {
        complete()
    }

    pub fn loaded(part: Part) -> Option<PartView> {
        Some(match part {
            Part::Speech => super::speech_view,
            Part::Compare => super::compare_view,
            Part::Tools => super::tools_view,
        })
    }

    pub async fn load(part: Part) -> Option<PartView> {
        loaded(part)
    }
}

use chunks::loaded;
pub use chunks::{complete, load, load_data};

/// Once the browser is idle, fetches the chunks not fetched yet, one after the other. A
/// failure here is silent: the part asks again, and says so, when it is needed.
pub fn prefetch_when_idle() {
    crate::platform::later::when_idle(|| {
        wasm_bindgen_futures::spawn_local(async {
            for part in Part::ALL {
                load(part).await;
            }
        })
    });
}

#[derive(Properties)]
pub struct LazyProps {
    pub part: Part,
    /// The index's filter outcome, computed once per render by the layout.
    #[prop_or_default]
    pub outcome: Option<Rc<Outcome>>,
}

impl PartialEq for LazyProps {
    fn eq(&self, other: &Self) -> bool {
        let same_outcome = match (&self.outcome, &other.outcome) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        };
        self.part == other.part && same_outcome
    }
}

/// A part, once its chunk is there. Before that: nothing while the app is not live (a page
/// that needs a part never hydrates without it, see the module comment), then a short wait
/// while it loads (a page part; the tools just appear), or the failure and a retry.
#[component]
pub fn Lazy(props: &LazyProps) -> Html {
    let store = use_context::<Store>().expect("App provides the store");
    // Bumped when a load ends or the reader retries, to render again.
    let attempt = use_state(|| 0u32);
    let failed = use_state(|| false);
    let part = props.part;
    // Every part renders from the whole digest.
    let view = loaded(part).filter(|_| store.data.complete);
    // The tools wait for the speeches' bodies, which the app loads first: a search needs them,
    // and the tools are not what the reader came for. (Loaded at once, the tools' five chunks
    // went first and the bodies queued behind them; at 100× the digest that load sometimes
    // never ended in the keystroke test, and the search waited for good.)
    let wanted =
        view.is_none() && store.live && !*failed && (part != Part::Tools || store.data.complete);
    {
        let (attempt, failed) = (attempt.clone(), failed.clone());
        let (dispatcher, page) = (store.dispatcher(), store.view.page.clone());
        // The part is a dependency: the same component moves from one part to another when
        // the reader goes from the comparison to a speech.
        use_effect_with((part, wanted, *attempt), move |(_, wanted, _)| {
            if *wanted {
                wasm_bindgen_futures::spawn_local(async move {
                    let ok = load(part).await.is_some();
                    failed.set(!ok);
                    attempt.set(*attempt + 1);
                    if let Some(data) = complete().filter(|_| ok) {
                        dispatcher.dispatch(Action::Complete(data));
                    }
                    // A page arrived after its change was applied: its anchor or heading was
                    // not there to scroll to or focus.
                    if ok && part != Part::Tools {
                        dispatcher.dispatch(Action::PartShown(page));
                    }
                });
            }
        });
    }
    if let Some(view) = view {
        return view(&store, props.outcome.as_deref());
    }
    if !store.live {
        return Html::default();
    }
    if *failed {
        let retry = Callback::from(move |_| {
            failed.set(false);
            attempt.set(*attempt + 1);
        });
        return html! {
            <p class="lazy-failed" role="alert">
                {"这部分内容未能载入，可能是网络中断。"}
                <button type="button" onclick={retry}>{"重试"}</button>
            </p>
        };
    }
    // The tools are not what the reader came for: they appear when they are there, without a
    // status message at every page opened.
    if part == Part::Tools {
        return Html::default();
    }
    html! { <p class="lazy-wait" role="status">{"正在载入…"}</p> }
}
