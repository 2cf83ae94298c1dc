//! The speeches of one theme.

use yew::prelude::*;

use super::parts::{CompareTray, Link, SpeechCard};
use super::Store;
use crate::route::Page;

#[derive(Properties, PartialEq)]
pub struct ThemePageProps {
    pub id: AttrValue,
}

#[component]
pub fn ThemePage(props: &ThemePageProps) -> Html {
    let store = use_context::<Store>().expect("store");
    let d = &store.data.digest;
    let Some(theme) = d.theme(&props.id) else {
        return html! { <super::NotFound /> };
    };
    let members: Vec<usize> = (0..d.speeches.len()).filter(|&i| d.speeches[i].themes.contains(&theme.id)).collect();
    let mut filtered = store.view.to(Page::Index);
    filtered.filter.themes = vec![theme.id.clone()];
    html! {
        <section class="theme" aria-labelledby="page-title">
            <p class="back"><Link to={store.view.to(Page::Index)}>{"← 全部发言"}</Link></p>
            <h1 id="page-title" tabindex="-1">{"主题："}{&theme.name}</h1>
            <p class="count">{format!("{} 篇发言涉及这一主题。", members.len())}</p>
            <p class="needs-app"><Link to={filtered}>{"在全部发言中按此主题筛选并检索"}</Link></p>
            <CompareTray />
            <ol class="cards">
                { for members.into_iter().map(|i| html! { <li key={d.speeches[i].id.clone()}><SpeechCard index={i} /></li> }) }
            </ol>
            <nav class="theme-index" aria-labelledby="themes-title">
                <h2 id="themes-title">{"其他主题"}</h2>
                <ul class="chips">
                    { for d.themes.iter().filter(|t| t.id != theme.id).map(|t| html! {
                        <li><Link to={store.view.to(Page::Theme(t.id.clone()))}>{&t.name}</Link></li>
                    }) }
                </ul>
            </nav>
        </section>
    }
}
