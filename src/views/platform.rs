//! The few things the views ask of the browser. On the host (prerender, render tests)
//! they do nothing, so components compile and render the same everywhere.
//! Every call survives a hostile environment: blocked storage, no clipboard, a sandbox.

#[cfg(feature = "csr")]
mod imp {
    use wasm_bindgen::JsCast;

    fn window() -> Option<web_sys::Window> {
        web_sys::window()
    }

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
            let _ =
                h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&absolute(rel)));
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

    /// Copies text; calls `done(true)` when the clipboard took it.
    pub fn copy(text: &str, done: impl FnOnce(bool) + 'static) {
        let Some(w) = window() else {
            return done(false);
        };
        let promise = w.navigator().clipboard().write_text(text);
        wasm_bindgen_futures::spawn_local(async move {
            done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
        });
    }

    /// Opens the system share sheet where there is one; false where there is none.
    pub fn share(title: &str, url: &str) -> bool {
        let Some(w) = window() else { return false };
        let nav = w.navigator();
        let has = js_sys::Reflect::has(&nav, &"share".into()).unwrap_or(false);
        if !has {
            return false;
        }
        let data = web_sys::ShareData::new();
        data.set_title(title);
        data.set_url(url);
        let _ = nav.share_with_data(&data);
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

    /// Moves focus to the element `selector` finds, or to the main heading when there is none.
    pub fn focus_or_heading(selector: &str) {
        if !focus(selector) {
            focus_heading();
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

    /// Calls `commit` with the search box's text when an input method has put characters in
    /// it (browsers differ in whether an input event follows; the same text twice changes
    /// nothing).
    pub fn listen_composed(
        commit: impl Fn(String) + 'static,
    ) -> Option<gloo_events::EventListener> {
        let document = window()?.document()?;
        Some(gloo_events::EventListener::new(
            &document,
            "compositionend",
            move |e| {
                if let Some(input) = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                    .filter(|input| input.id() == super::super::SEARCH_ID)
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
                let base = base();
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
}

#[cfg(not(feature = "csr"))]
mod imp {
    pub fn freeze_base() {}
    pub fn current_rel() -> String {
        String::new()
    }
    pub fn absolute(rel: &str) -> String {
        rel.to_string()
    }
    pub fn push(_: &str) {}
    pub fn replace(_: &str) {}
    pub fn replace_soon(_: &str) {}
    pub fn drop_address_change() {}
    pub fn set_title(_: &str) {}
    pub fn root_class(_: &str, _: bool) {}
    pub fn load(_: &str) -> Option<String> {
        None
    }
    pub fn store(_: &str, _: &str) {}
    pub fn copy(_: &str, done: impl FnOnce(bool) + 'static) {
        done(false)
    }
    pub fn share(_: &str, _: &str) -> bool {
        false
    }
    pub fn scroll_top() {}
    pub fn focus_heading() {}
    pub fn focus_or_heading(_: &str) {}
    pub fn scroll_to_id(_: &str) {}
    pub fn listen_links(_: impl Fn(String) + 'static) -> Option<Box<()>> {
        None
    }
    pub fn listen_composed(_: impl Fn(String) + 'static) -> Option<Box<()>> {
        None
    }
    pub fn settle_address_on_leave() -> Option<Box<()>> {
        None
    }
}

pub use imp::*;
