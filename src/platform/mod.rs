//! The browser façade: everything the app asks of the browser (the address and history,
//! storage, clipboard, share, print, downloads, focus and scrolling, the link and input
//! listeners, speech synthesis, the embedding page). Views call these functions and never
//! `web_sys` themselves.
//!
//! One implementation, one host stand-in: [`window`] is `None` on the host (prerender, render
//! tests), and every function here already copes with no window (a sandboxed frame, blocked
//! storage, no clipboard), so on the host each one quietly does nothing. Nothing is written
//! twice, so no signature can drift between the browser build and the host build.

pub mod address;
pub mod events;
pub mod frame;
pub mod later;
pub mod speech;

use std::cell::RefCell;

use wasm_bindgen::{JsCast, JsValue};

pub use address::*;
pub use events::*;

/// The browser window; on the host there is none (the host stand-in for the whole façade:
/// `web_sys` calls panic outside WebAssembly).
pub fn window() -> Option<web_sys::Window> {
    #[cfg(target_arch = "wasm32")]
    return web_sys::window();
    #[cfg(not(target_arch = "wasm32"))]
    None
}

fn has(target: &JsValue, name: &str) -> bool {
    js_sys::Reflect::has(target, &JsValue::from_str(name)).unwrap_or(false)
}

/// Sets or clears a class on `<html>` (elder mode and colour scheme reach the page background).
pub fn root_class(name: &str, on: bool) {
    if let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let list = el.class_list();
        let _ = if on {
            list.add_1(name)
        } else {
            list.remove_1(name)
        };
    }
}

fn storage() -> Option<web_sys::Storage> {
    // Throws in sandboxed frames and with cookies blocked: then there is no memory.
    window().and_then(|w| w.local_storage().ok().flatten())
}

pub fn load(key: &str) -> Option<String> {
    storage().and_then(|s| s.get_item(key).ok().flatten())
}

pub fn store(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

/// How long a clipboard may take to answer before the reader is told to copy by hand.
const CLIPBOARD_PATIENCE_MS: i32 = 2000;

/// Copies text; calls `done(true)` when the clipboard took it, `done(false)` when it refused
/// or did not answer within [`CLIPBOARD_PATIENCE_MS`] (a clipboard that never settles its
/// promise would otherwise leave the press without an answer).
pub fn copy(text: &str, done: impl FnOnce(bool) + 'static) {
    let Some(w) = window() else {
        return done(false);
    };
    // Whichever comes first answers; the other finds nothing left to call.
    let done = std::rc::Rc::new(std::cell::Cell::new(Some(done)));
    fn answer(done: &std::cell::Cell<Option<impl FnOnce(bool)>>, ok: bool) {
        if let Some(done) = done.take() {
            done(ok);
        }
    }
    let late = done.clone();
    let timeout = wasm_bindgen::closure::Closure::once_into_js(move || answer(&late, false));
    let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
        timeout.unchecked_ref(),
        CLIPBOARD_PATIENCE_MS,
    );
    let promise = w.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::spawn_local(async move {
        answer(
            &done,
            wasm_bindgen_futures::JsFuture::from(promise).await.is_ok(),
        );
    });
}

/// Opens the system share sheet where there is one; false where there is none.
pub fn share(title: &str, url: &str) -> bool {
    let Some(w) = window() else { return false };
    let nav = w.navigator();
    if !has(&nav, "share") {
        return false;
    }
    let data = web_sys::ShareData::new();
    data.set_title(title);
    data.set_url(url);
    let _ = nav.share_with_data(&data);
    true
}

/// Whether the system share sheet exists here.
pub fn can_share() -> bool {
    window().is_some_and(|w| has(&w.navigator(), "share"))
}

pub fn print() {
    if let Some(w) = window() {
        let _ = w.print();
    }
}

thread_local! {
    static LAST_DOWNLOAD: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Offers `text` as a file; false where the browser cannot (e.g. a frame sandboxed without
/// `allow-downloads` may still block it silently).
pub fn download(name: &str, mime: &str, text: &str) -> bool {
    let Some(doc) = window().and_then(|w| w.document()) else {
        return false;
    };
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    // The previous file's URL is released now: revoking right after the click can cancel
    // the download in some browsers.
    if let Some(old) = LAST_DOWNLOAD.with(|l| l.replace(Some(url.clone()))) {
        let _ = web_sys::Url::revoke_object_url(&old);
    }
    let Some(a) = doc
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    let _ = a.set_attribute("href", &url);
    let _ = a.set_attribute("download", name);
    a.click();
    true
}

pub fn scroll_top() {
    if let Some(w) = window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Moves focus to the page's main heading after an in-app navigation, as a page load would.
pub fn focus_heading() {
    focus("main h1");
}

/// Moves focus to the element with this id, or to the main heading when there is none.
pub fn focus_id_or_heading(id: &str) {
    if !focus(&["#", id].concat()) {
        focus_heading();
    }
}

/// Moves focus to `node` if it is a link or button, else to the first one inside it.
pub fn focus_first_link(node: &yew::NodeRef) {
    const FOCUSABLE: &str = "a[href], button";
    let Some(el) = node.cast::<web_sys::Element>() else {
        return;
    };
    let target = if el.matches(FOCUSABLE).unwrap_or(false) {
        Some(el)
    } else {
        el.query_selector(FOCUSABLE).ok().flatten()
    };
    if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

fn focus(selector: &str) -> bool {
    let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    let _ = el.focus();
    true
}

pub fn scroll_to_id(id: &str) {
    if let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        el.scroll_into_view();
        // Where the target can take focus (`tabindex="-1"`: the comparison's chooser), the
        // keyboard path continues there; elsewhere this does nothing.
        if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}
