//! The page embedding a view in a frame: the view takes its display requests (text size,
//! contrast) and says when it listens (`jianyan:ready`); its height is reported by
//! `static/page.js`, a classic script that runs even where the app cannot.
//! The requests are checked by the views (`views::embed::display_request`); here they are
//! only read from JavaScript.

use js_sys::Reflect;
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

/// Inside a frame: passes the parent's display requests to `on_display`, then tells the
/// parent it listens. Call once, after hydration; does nothing in a top-level window.
pub fn connect(on_display: impl Fn(Option<String>, Field<f64>, Field<bool>) + 'static) {
    let Some(w) = window() else { return };
    let Some(parent) = w.parent().ok().flatten() else {
        return;
    };
    if JsValue::from(&parent) == JsValue::from(&w) {
        return;
    }
    let host = parent.clone();
    let listener = gloo_events::EventListener::new(&w, "message", move |e| {
        let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() else {
            return;
        };
        // Only the embedding page: not a sibling frame, a popup or the frame itself.
        if !e
            .source()
            .is_some_and(|s| JsValue::from(s) == JsValue::from(&host))
        {
            return;
        }
        if let Some((kind, scale, contrast)) = read(&e.data()) {
            on_display(kind, scale, contrast);
        }
    });
    listener.forget();
    let ready = js_sys::Object::new();
    let _ = Reflect::set(&ready, &"type".into(), &"jianyan:ready".into());
    let _ = parent.post_message(&ready, "*");
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
