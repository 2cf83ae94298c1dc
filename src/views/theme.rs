//! The speeches of one theme.

use yew::prelude::*;

use super::index::theme_index;
use super::parts::{compare_tray, link, speech_card};
use super::Store;
use crate::route::Page;

pub fn theme_page(store: &Store, id: &str) -> Html {
    let d = &store.data.digest;
    let Some(theme) = d.theme(id) else {
        return super::not_found(store);
    };
    let members: Vec<usize> = (0..d.speeches.len())
        .filter(|&i| d.speeches[i].themes.contains(&theme.id))
        .collect();
    let mut filtered = store.view.to(Page::Index);
    filtered.filter.themes = vec![theme.id.clone()];
    html! {
        <section class="theme" aria-labelledby="page-title">
            <p class="back">{ link(store.view.to(Page::Index), html! {"← 全部发言"}) }</p>
            <h1 id="page-title" tabindex="-1">{"主题："}{&theme.name}</h1>
            <p class="count">{members.len()}{" 篇发言涉及这一主题。"}</p>
            <p class="needs-app">{ link(filtered, html! {"在全部发言中按此主题筛选并检索"}) }</p>
            { compare_tray(store) }
            <ol class="cards">
                { for members.into_iter().map(|i| html! { <li key={d.speeches[i].id.as_str()}>{ speech_card(store, i, None) }</li> }) }
            </ol>
            { theme_index(store, Some(&theme.id)) }
        </section>
    }
}
