//! The page embedding a view in a frame: the view reports its height to it, and takes its
//! display requests (text size, contrast). The requests are checked by the views
//! (`views::embed::display_request`); here they are only read from JavaScript.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::Reflect;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::window;

/// One field of a message, as JavaScript gave it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Field<T> {
    Absent,
    Valid(T),
    /// Present, but not of the right type.
    Invalid,
}

/// Inside a frame: reports the height to the parent and passes its display requests to
/// `on_display`. Call once, after hydration; does nothing in a top-level window.
pub fn connect(on_display: impl Fn(Option<String>, Field<f64>, Field<bool>) + 'static) {
    let Some(w) = window() else { return };
    let Some(parent) = w.parent().ok().flatten() else {
        return;
    };
    if JsValue::from(&parent) == JsValue::from(&w) {
        return;
    }
    super::root_class("framed", true);
    watch_height(&w, parent.clone());
    let listener = gloo_events::EventListener::new(&w, "message", move |e| {
        let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() else {
            return;
        };
        // Only the embedding page: not a sibling frame, a popup or the frame itself.
        if !e
            .source()
            .is_some_and(|s| JsValue::from(s) == JsValue::from(&parent))
        {
            return;
        }
        if let Some((kind, scale, contrast)) = read(&e.data()) {
            on_display(kind, scale, contrast);
        }
    });
    listener.forget();
}

/// A display request's fields, as far as they can be read (a throwing getter: none).
fn read(data: &JsValue) -> Option<(Option<String>, Field<f64>, Field<bool>)> {
    if !data.is_object() {
        return None;
    }
    // A throwing getter makes the message invalid, like any other surprise.
    let get = |key: &str| Reflect::get(data, &JsValue::from_str(key)).ok();
    let kind = get("type")?.as_string();
    let scale = field(&get("fontScale")?, JsValue::as_f64);
    let contrast = field(&get("highContrast")?, JsValue::as_bool);
    Some((kind, scale, contrast))
}

fn field<T>(v: &JsValue, read: impl Fn(&JsValue) -> Option<T>) -> Field<T> {
    if v.is_undefined() {
        Field::Absent
    } else {
        read(v).map_or(Field::Invalid, Field::Valid)
    }
}

/// Posts `{type: "jianyan:height", height}` whenever the page's height changes: on load,
/// after a filter, when the phone rotates. Measures `.app` (the whole page; in a frame it
/// has no minimum height), not the document, which is never shorter than the frame.
///
/// A ResizeObserver sees every change, but browsers pause it in a cross-origin frame
/// (a portal on another domain, or a sandbox) while the frame is off screen; a
/// MutationObserver is never paused, and catches every change the app itself makes.
fn watch_height(w: &web_sys::Window, parent: web_sys::Window) {
    let Some(app) = w
        .document()
        .and_then(|d| d.query_selector(".app").ok().flatten())
    else {
        return;
    };
    let last = Cell::new(0.0);
    let target = app.clone();
    let post = Rc::new(move || {
        let height = target.get_bounding_client_rect().height().ceil();
        if height != last.get() {
            last.set(height);
            let msg = js_sys::Object::new();
            let _ = Reflect::set(&msg, &"type".into(), &"jianyan:height".into());
            let _ = Reflect::set(&msg, &"height".into(), &height.into());
            let _ = parent.post_message(&msg, "*");
        }
    });
    post();
    let callback = {
        let post = post.clone();
        Closure::<dyn Fn()>::new(move || post())
    };
    let callback = callback.into_js_value();
    if Reflect::has(w, &"ResizeObserver".into()).unwrap_or(false) {
        if let Ok(observer) = web_sys::ResizeObserver::new(callback.unchecked_ref()) {
            observer.observe(&app);
            // Observers live as long as the page.
            std::mem::forget(observer);
        }
    }
    if let Ok(observer) = web_sys::MutationObserver::new(callback.unchecked_ref()) {
        let init = web_sys::MutationObserverInit::new();
        init.set_attributes(true);
        init.set_child_list(true);
        init.set_character_data(true);
        init.set_subtree(true);
        let _ = observer.observe_with_options(&app, &init);
        std::mem::forget(observer);
    }
}
