//! The browser entry: hydrate the prerendered page, then let the app take over.

use std::rc::Rc;

use jianyan::route::{self, Page};
use jianyan::state::Data;
use jianyan::views::{lazy, App, AppProps};

// See Cargo.toml: smaller than the default allocator, and made for WebAssembly.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    let data = Data::outline();
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
    else {
        return;
    };
    // The file says which page it holds (a server may answer an unknown path with another
    // file); hydrating anything else would not match. The URL is applied after hydration.
    let file = root.get_attribute("data-page").unwrap_or_default();
    let page = match route::parse(&data.digest, &file).0.page {
        Page::NotFound if !file.contains("404") => Page::Index,
        p => p,
    };
    match lazy::Part::of(&page) {
        None => hydrate(root, data, page),
        // A page whose view is in a chunk of its own hydrates once the chunk is there; the
        // prerendered page stays readable meanwhile. Where it cannot be fetched, the reader
        // is told and can try again.
        Some(part) => wasm_bindgen_futures::spawn_local(async move {
            while lazy::load(part).await.is_none() {
                jianyan::platform::later::failed_start_notice().await;
            }
            // The part renders from the whole digest, which `load` brought.
            hydrate(root, lazy::complete().unwrap_or(data), page);
        }),
    }
}

fn hydrate(root: web_sys::Element, data: Rc<Data>, page: Page) {
    // Words typed before the app started: hydration resets the box to the file's (empty)
    // value, so they are read now and searched once the app is live.
    let typed = jianyan::platform::search_box_text();
    let props = AppProps { data, page, typed };
    yew::Renderer::<App>::with_root_and_props(root, props).hydrate();
}
