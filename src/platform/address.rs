//! The address bar and history: the site root, the current address relative to it, and
//! writing a new address (at once, or once typing pauses).

use wasm_bindgen::JsCast;

use super::window;

/// The site root (every page's `<base href>` resolves to it).
pub fn base() -> String {
    window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default()
}

/// Makes `<base href>` absolute. Relative (`../../`), Chromium may resolve it again against
/// the URL that `history.pushState` gives the document, and every link and `absolute()`
/// then points one folder off (`speech/speech/…`). Call once, before any navigation.
pub fn freeze_base() {
    let Some(d) = window().and_then(|w| w.document()) else {
        return;
    };
    if let (Some(uri), Some(el)) = (
        d.base_uri().ok().flatten(),
        d.query_selector("base").ok().flatten(),
    ) {
        let _ = el.set_attribute("href", &uri);
    }
}

/// The current URL relative to the site root (`speech/feng-hua/?elder=1`).
pub fn current_rel() -> String {
    let href = window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let base = base();
    href.strip_prefix(&base).unwrap_or("").to_string()
}

pub fn absolute(rel: &str) -> String {
    let rel = rel.strip_prefix("./").unwrap_or(rel);
    base() + rel
}

pub fn push(rel: &str) {
    // The entry being left keeps what was typed into it.
    settle_address();
    if let Some(h) = window().and_then(|w| w.history().ok()) {
        let _ = h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&absolute(rel)));
    }
}

pub fn replace(rel: &str) {
    drop_address_change();
    if let Some(h) = window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&absolute(rel)));
    }
}

/// How long typing pauses before the address follows it. Every change of address is a
/// same-document navigation, after which Chromium fetches and decodes the page's icon
/// again: in the keystroke profile that cost more main-thread time than the search.
const TYPING_PAUSE_MS: i32 = 300;

thread_local! {
    /// An address waiting for typing to pause, and its timer.
    static PENDING: std::cell::RefCell<Option<(i32, String)>> = const { std::cell::RefCell::new(None) };
    /// The timer's function, made once: a key press only sets a timer.
    static SETTLE: wasm_bindgen::closure::Closure<dyn Fn()> =
        wasm_bindgen::closure::Closure::new(settle_address);
}

/// [`replace`], once typing has paused.
pub fn replace_soon(rel: &str) {
    drop_address_change();
    let Some(w) = window() else {
        return;
    };
    let timer = SETTLE.with(|f| {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(
            f.as_ref().unchecked_ref(),
            TYPING_PAUSE_MS,
        )
    });
    if let Ok(timer) = timer {
        PENDING.with(|p| *p.borrow_mut() = Some((timer, rel.to_string())));
    }
}

/// Writes a waiting address now.
pub fn settle_address() {
    if let Some(rel) = take_pending() {
        replace(&rel);
    }
}

/// Writes a waiting address when the page is left or hidden (another site, a phone
/// switching apps), so that its history entry keeps what was typed.
pub fn settle_address_on_leave() -> Option<[gloo_events::EventListener; 2]> {
    let w = window()?;
    let document = w.document()?;
    Some([
        gloo_events::EventListener::new(&w, "pagehide", |_| settle_address()),
        gloo_events::EventListener::new(&document, "visibilitychange", |_| settle_address()),
    ])
}

/// Forgets a waiting address (back/forward has moved to another entry).
pub fn drop_address_change() {
    take_pending();
}

fn take_pending() -> Option<String> {
    let (timer, rel) = PENDING.with(|p| p.borrow_mut().take())?;
    if let Some(w) = window() {
        w.clear_timeout_with_handle(timer);
    }
    Some(rel)
}

pub fn set_title(title: &str) {
    if let Some(d) = window().and_then(|w| w.document()) {
        d.set_title(title);
    }
}
