//! The browser entry: hydrate the prerendered page, then let the app take over.

fn main() {
    use jianyan::route::{self, Page};
    use jianyan::state::Data;
    use jianyan::views::{App, AppProps};

    let data = Data::embedded();
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
    // Words typed before the app started: hydration resets the box to the file's (empty)
    // value, so they are read now and searched once the app is live.
    let typed = jianyan::platform::search_box_text();
    let props = AppProps { data, page, typed };
    yew::Renderer::<App>::with_root_and_props(root, props).hydrate();
}
