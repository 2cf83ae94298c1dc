//! The speeches of one theme.

use yew::prelude::*;

use super::index::theme_index;
use super::parts::{compare_tray, link, speech_card};
use super::Dispatch;
use crate::model::Digest;
use crate::route::{Page, View};

pub fn theme_page(d: &Digest, view: &View, id: &str, send: &Dispatch) -> Html {
    let Some(theme) = d.theme(id) else {
        return super::not_found(view);
    };
    let members: Vec<usize> = (0..d.speeches.len())
        .filter(|&i| d.speeches[i].themes.contains(&theme.id))
        .collect();
    let mut filtered = view.to(Page::Index);
    filtered.filter.themes = vec![theme.id.clone()];
    html! {
        <section class="theme" aria-labelledby="page-title">
            <p class="back">{ link(view.to(Page::Index), html! {"← 全部发言"}) }</p>
            <h1 id="page-title" tabindex="-1">{"主题："}{&theme.name}</h1>
            <p class="count">{members.len()}{" 篇发言涉及这一主题。"}</p>
            <p class="needs-app">{ link(filtered, html! {"在全部发言中按此主题筛选并检索"}) }</p>
            { compare_tray(d, view) }
            <ol class="cards">
                { for members.into_iter().map(|i| html! { <li key={d.speeches[i].id.as_str()}>{ speech_card(d, view, i, None, send) }</li> }) }
            </ol>
            { theme_index(d, view, Some(&theme.id)) }
        </section>
    }
}
