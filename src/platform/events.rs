//! Listeners the app keeps for the page's life: links, input-method composition,
//! back/forward, and leaving the page.

use wasm_bindgen::JsCast;

use super::{address, focus, window};

/// The search box's id (the composition listener knows it by it).
pub const SEARCH_ID: &str = "q";

/// What the search box holds now (read before hydration, which resets it to the file's value).
pub fn search_box_text() -> String {
    window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(SEARCH_ID))
        .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|input| input.value())
        .unwrap_or_default()
}

/// Calls `commit` with the search box's text when an input method has put characters in
/// it (browsers differ in whether an input event follows; the same text twice changes
/// nothing).
pub fn listen_composed(commit: impl Fn(String) + 'static) -> Option<gloo_events::EventListener> {
    let document = window()?.document()?;
    Some(gloo_events::EventListener::new(
        &document,
        "compositionend",
        move |e| {
            if let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .filter(|input| input.id() == SEARCH_ID)
            {
                commit(input.value());
            }
        },
    ))
}

/// Calls `follow` with the site-root-relative target of every plain click on a link
/// inside the site (HTML or SVG `<a>`), instead of letting the browser load it.
pub fn listen_links(follow: impl Fn(String) + 'static) -> Option<gloo_events::EventListener> {
    let document = window()?.document()?;
    let options = gloo_events::EventListenerOptions::enable_prevent_default();
    Some(gloo_events::EventListener::new_with_options(
        &document,
        "click",
        options,
        move |e| {
            let Some(e) = e.dyn_ref::<web_sys::MouseEvent>() else {
                return;
            };
            if e.default_prevented()
                || e.button() != 0
                || e.ctrl_key()
                || e.meta_key()
                || e.shift_key()
                || e.alt_key()
            {
                return;
            }
            let Some(a) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("a[href]").ok().flatten())
            else {
                return;
            };
            if a.has_attribute("download") || a.has_attribute("target") {
                return;
            }
            // The skip link moves focus within the page; followed as a link, it would
            // load the view again without its query.
            if a.class_list().contains("skip") {
                e.prevent_default();
                let _ = focus("main");
                return;
            }
            let base = address::base();
            let href = a.get_attribute("href").unwrap_or_default();
            let Ok(url) = web_sys::Url::new_with_base(&href, &base) else {
                return;
            };
            // Files beside the app (digest.json, embed-demo.html) are not views.
            let Some(rel) = url.href().strip_prefix(&base).map(str::to_string) else {
                return;
            };
            let path = rel.split(['?', '#']).next().unwrap_or("");
            if path.contains('.') && !path.ends_with("index.html") {
                return;
            }
            e.prevent_default();
            follow(rel);
        },
    ))
}

/// Calls `moved` after back/forward (the waiting address is dropped first: it belonged to
/// the entry that was left).
pub fn listen_popstate(moved: impl Fn() + 'static) -> Option<gloo_events::EventListener> {
    let w = window()?;
    Some(gloo_events::EventListener::new(&w, "popstate", move |_| {
        address::drop_address_change();
        moved()
    }))
}

/// The `data-act` of the button a click landed on (one listener serves a row of buttons).
pub fn act_of(e: &web_sys::MouseEvent) -> Option<String> {
    let el = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    el.closest("[data-act]").ok()??.get_attribute("data-act")
}
