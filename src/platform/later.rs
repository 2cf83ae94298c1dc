//! What the app does later than its start: work for an idle moment, and, where a part of the
//! app could not be fetched before the page hydrated, a notice with a retry (the chunks of
//! `views::lazy`).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::window;

/// Runs `f` once the browser is idle (`requestIdleCallback`; where there is none — Safari —
/// two seconds later). On the host it never runs.
pub fn when_idle(f: impl FnOnce() + 'static) {
    let Some(w) = window() else { return };
    let run = Closure::once_into_js(f);
    let idle = js_sys::Reflect::get(&w, &"requestIdleCallback".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let _ = match idle {
        Some(idle) => idle.call1(&w, &run).map(drop),
        None => w
            .set_timeout_with_callback_and_timeout_and_arguments_0(run.unchecked_ref(), 2000)
            .map(drop),
    };
}

/// Before hydration, when the part the opened page needs did not load: says so above the
/// page (`role="alert"`), hides the controls that need the app (`no-app`: the page stays
/// readable, its links work), and returns when the reader presses 重试, with the notice gone.
pub async fn failed_start_notice() {
    let doc = window().and_then(|w| w.document());
    let (Some(body), Some(root)) = (
        doc.as_ref().and_then(|d| d.body()),
        doc.as_ref().and_then(|d| d.document_element()),
    ) else {
        return std::future::pending().await;
    };
    let doc = doc.expect("a body has a document");
    let (Ok(note), Ok(button)) = (doc.create_element("p"), doc.create_element("button")) else {
        return std::future::pending().await;
    };
    note.set_class_name("lazy-failed");
    let _ = note.set_attribute("role", "alert");
    note.set_text_content(Some("本页的交互功能未能载入，可能是网络中断。"));
    let _ = button.set_attribute("type", "button");
    button.set_text_content(Some("重试"));
    let _ = note.append_child(&button);
    let _ = body.prepend_with_node_1(&note);
    let _ = root.class_list().add_1("no-app");
    let pressed = js_sys::Promise::new(&mut |resolve, _| {
        let _ = button.add_event_listener_with_callback("click", &resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(pressed).await;
    note.remove();
    let _ = root.class_list().remove_1("no-app");
}
