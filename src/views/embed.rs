//! Embedding in a portal, sharing and exporting (docs/embedding.md).
//!
//! The frame side of `embed.js`: inside an `<iframe>`, the page tells its parent its height
//! (`{type: "jianyan:height", height}`) whenever it changes, and takes text size and contrast
//! requests (`{type: "jianyan:display", fontScale, highContrast}`) from its parent window only.
//! Plain functions, not components (see `parts`); the browser calls are `platform::frame`'s.

use std::rc::Rc;

use yew::prelude::*;

use super::widgets::disclosure;
use super::Dispatch;
use crate::cite;
use crate::export;
use crate::markup::escape_into;
use crate::model::Digest;
use crate::platform::{self, frame::Field};
use crate::query::Outcome;
use crate::route::{Display, Page, View};
use crate::state::{Action, Data, FontScale};

/// The view as a link for other people: without this reader's presentation flags.
pub fn shareable(view: &View) -> View {
    View {
        display: Display::default(),
        ..view.clone()
    }
}

/// The view as the `src` of an embedding frame.
pub fn embeddable(view: &View) -> View {
    View {
        display: Display {
            embed: true,
            ..Display::default()
        },
        ..view.clone()
    }
}

/// The copy-ready code for a host page: the frame, and the script that sizes it.
pub fn snippet(frame_url: &str, script_url: &str, title: &str) -> String {
    let mut out = String::from("<iframe src=\"");
    escape_into(&mut out, frame_url);
    out.push_str("\" title=\"");
    escape_into(&mut out, title);
    out.push_str("\" width=\"100%\" height=\"600\" allow=\"clipboard-write; web-share\" data-jianyan></iframe>\n<script src=\"");
    escape_into(&mut out, script_url);
    out.push_str("\" async></script>");
    out
}

/// A host's display request, or `None` when the message is not one: wrong `type`, a value out
/// of range or of the wrong type (the whole message is then ignored), or nothing asked.
pub fn display_request(
    kind: Option<&str>,
    font_scale: Field<f64>,
    high_contrast: Field<bool>,
) -> Option<(Option<FontScale>, Option<bool>)> {
    if kind != Some("jianyan:display") {
        return None;
    }
    let scale = match font_scale {
        Field::Absent => None,
        Field::Valid(f) => Some(FontScale::from_factor(f)?),
        Field::Invalid => return None,
    };
    let contrast = match high_contrast {
        Field::Absent => None,
        Field::Valid(b) => Some(b),
        Field::Invalid => return None,
    };
    (scale.is_some() || contrast.is_some()).then_some((scale, contrast))
}

/// In an embedded view, the frame's own navigation in place of the site header: the two
/// entry points, and the full site in a new window.
pub fn embed_nav(view: &View) -> Html {
    if !view.display.embed {
        return html! {};
    }
    let current = |p: Page| (view.page == p).then_some("page");
    let full = platform::absolute(&shareable(view).href());
    html! {
        <nav class="embed-nav" aria-label="嵌入页导航">
            { super::parts::link_to(view.to(Page::Index), None, "", current(Page::Index), html! {"全部发言"}) }
            { super::parts::link_to(super::compare_view(view), None, "", current(Page::Compare), html! {"比较建议"}) }
            <a class="open-full" href={full} target="_blank" rel="noopener">{"在新窗口打开完整网站"}</a>
        </nav>
    }
}

/// Share, export and embed the current view; rendered only once the app runs (`lazy`'s
/// tools part: it needs the real address, and every control here needs the app).
/// One click handler for all the buttons (their `data-act`): every listener costs wasm.
///
/// `outcome` is the index's filter as the page ran it (the export holds what the list shows),
/// so the search does not run twice per keystroke.
pub fn view_tools(
    data: &Rc<Data>,
    view: &View,
    outcome: Option<&Outcome>,
    send: &Dispatch,
) -> Html {
    if view.page == Page::NotFound {
        return html! {};
    }
    let d = &data.digest;
    let in_view: Rc<[usize]> = match outcome {
        Some(o) => o.speeches.iter().map(|(i, _)| *i).collect(),
        None => export::speeches_in_view(d, &data.index, view).into(),
    };
    let n = export::count(d, &in_view);
    let embed = view.display.embed;
    let onclick = {
        let (data, view, send) = (data.clone(), view.clone(), send.clone());
        Callback::from(move |e: MouseEvent| {
            if let Some(act) = platform::act_of(&e) {
                run(&data.digest, &view, &act, &in_view, &send);
            }
        })
    };
    html! {
        <section class="view-tools" aria-labelledby="tools-title" {onclick}>
            <h2 id="tools-title">{"分享与导出"}</h2>
            <div class="tool-row">
                <button type="button" data-act="link">{"复制本页链接"}</button>
                if platform::can_share() {
                    <button type="button" data-act="share">{"分享…"}</button>
                }
                if !embed {
                    <button type="button" data-act="print">{"打印"}</button>
                }
            </div>
            <p class="tool-note" id="export-note">{"导出本页的 "}{n}{" 条建议："}</p>
            <div class="tool-row" role="group" aria-labelledby="export-note">
                <button type="button" data-act="csv" disabled={n == 0}>{"CSV 表格"}</button>
                <button type="button" data-act="json" disabled={n == 0}>{"JSON"}</button>
                <a class="button" href="digest.json" download="digest.json">{"全部开放数据（digest.json）"}</a>
            </div>
            // The print-out names the page, and the root of the links it writes out.
            <p class="print-only">{"本页网址："}{link(view)}<br />{"文中链接均相对于："}{platform::absolute("")}</p>
            if !embed {
                { embed_code_panel(data, view) }
            }
        </section>
    }
}

/// The embed code in a panel of its own. The code (which holds the view's address) is
/// written only while the panel is open: rewriting the hidden text box on every keystroke
/// cost a relayout (keystroke profile). Whether it is open is the panel's own state.
fn embed_code_panel(data: &Rc<Data>, view: &View) -> Html {
    let (data, view) = (data.clone(), view.clone());
    disclosure("", move |panel| {
        let set = panel.set.clone();
        let ontoggle = Callback::from(move |e: Event| {
            set.emit(
                e.target_unchecked_into::<web_sys::Element>()
                    .has_attribute("open"),
            )
        });
        html! {
            <details class="embed-code" {ontoggle}>
                <summary>{"嵌入本页"}</summary>
                <label for="embed-snippet">{"把下面的代码粘贴到网页中，即可嵌入本页当前的内容（高度随内容自动调整）："}</label>
                <textarea id="embed-snippet" readonly=true rows="5" spellcheck="false"
                    value={if panel.open { embed_code(&data.digest, &view) } else { String::new() }} />
                <button type="button" data-act="code">{"复制嵌入代码"}</button>
            </details>
        }
    })
}

fn link(view: &View) -> String {
    platform::absolute(&shareable(view).href())
}

fn embed_code(d: &Digest, view: &View) -> String {
    snippet(
        &platform::absolute(&embeddable(view).href()),
        &platform::absolute("embed.js"),
        &cite::page_title(d, view),
    )
}

/// What a tool button does.
fn run(d: &Digest, view: &View, act: &str, in_view: &[usize], send: &Dispatch) {
    match act {
        "link" => copy(send, link(view), "本页链接已复制", None),
        "share" => {
            platform::share(&cite::page_title(d, view), &link(view));
        }
        "print" => platform::print(),
        "code" => copy(
            send,
            embed_code(d, view),
            "嵌入代码已复制",
            Some("无法自动复制，请在文本框中选中代码后复制"),
        ),
        "csv" | "json" => {
            let speeches = in_view;
            let base = platform::absolute("");
            let (text, mime) = if act == "json" {
                (
                    export::json(d, speeches, &base, &link(view)),
                    "application/json",
                )
            } else {
                (export::csv(d, speeches, &base), "text/csv;charset=utf-8")
            };
            let name = export::file_name(view, act);
            let msg = if platform::download(&name, mime, &text) {
                [
                    "已导出 ",
                    &export::count(d, speeches).to_string(),
                    " 条建议：",
                    &name,
                ]
                .concat()
            } else {
                "此浏览器不允许下载文件，请在新窗口中打开本页后再导出。".to_string()
            };
            send.dispatch(Action::Status(msg));
        }
        _ => {}
    }
}

fn copy(send: &Dispatch, text: String, ok: &'static str, failed: Option<&'static str>) {
    let send = send.clone();
    let fallback = match failed {
        Some(msg) => msg.to_string(),
        None => ["无法自动复制，请手动复制：", &text].concat(),
    };
    platform::copy(&text, move |done| {
        send.dispatch(Action::Status(if done { ok.to_string() } else { fallback }))
    });
}

/// Inside a frame: take the parent's display requests, and say so (`jianyan:ready`), so that
/// `embed.js` sends the page's last request. Called once, after hydration; does nothing in a
/// top-level window. The height is reported by `static/page.js`, a classic script, so that a
/// frame is sized even where this module cannot load (a sandboxed frame on a host without
/// CORS headers).
pub fn connect(dispatcher: Dispatch) {
    platform::frame::connect(move |kind, scale, contrast| {
        if let Some((font_scale, high_contrast)) = display_request(kind.as_deref(), scale, contrast)
        {
            dispatcher.dispatch(Action::HostDisplay {
                font_scale,
                high_contrast,
            });
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::route::ColorScheme;

    #[test]
    fn display_requests_are_checked() {
        let req = |k: Option<&str>, f, h| display_request(k, f, h);
        let kind = Some("jianyan:display");
        assert_eq!(
            req(kind, Field::Valid(1.5), Field::Valid(true)),
            Some((Some(FontScale::Larger), Some(true)))
        );
        assert_eq!(
            req(kind, Field::Valid(1.0), Field::Absent),
            Some((Some(FontScale::Normal), None))
        );
        assert_eq!(
            req(kind, Field::Absent, Field::Valid(false)),
            Some((None, Some(false)))
        );
        assert_eq!(
            req(kind, Field::Valid(1.25), Field::Absent),
            Some((Some(FontScale::Large), None))
        );
        // Out of range, wrong type, wrong kind, nothing asked: the whole message is ignored.
        assert_eq!(req(kind, Field::Valid(2.0), Field::Valid(true)), None);
        assert_eq!(req(kind, Field::Valid(f64::NAN), Field::Absent), None);
        assert_eq!(req(kind, Field::Invalid, Field::Valid(true)), None);
        assert_eq!(req(kind, Field::Valid(1.5), Field::Invalid), None);
        assert_eq!(
            req(Some("jianyan:height"), Field::Valid(1.5), Field::Absent),
            None
        );
        assert_eq!(req(None, Field::Valid(1.5), Field::Absent), None);
        assert_eq!(req(kind, Field::Absent, Field::Absent), None);
    }

    #[test]
    fn links_drop_the_readers_flags_and_frames_get_embed() {
        let mut v = View::page(Page::Compare);
        v.compare = vec!["a".into(), "b".into()];
        v.display = Display {
            elder: true,
            embed: true,
            transparent: true,
            color: ColorScheme::Dark,
        };
        assert_eq!(shareable(&v).href(), "compare/?ids=a,b");
        assert_eq!(embeddable(&v).href(), "compare/?ids=a,b&embed=1");
    }

    #[test]
    fn snippet_is_escaped_and_complete() {
        let s = snippet(
            "https://x.org/zxhy/2025/?theme=finance&embed=1",
            "https://x.org/zxhy/2025/embed.js",
            "主题：\"金融\" <b>",
        );
        assert_eq!(
            s,
            "<iframe src=\"https://x.org/zxhy/2025/?theme=finance&amp;embed=1\" title=\"主题：&quot;金融&quot; &lt;b&gt;\" \
             width=\"100%\" height=\"600\" allow=\"clipboard-write; web-share\" data-jianyan></iframe>\n\
             <script src=\"https://x.org/zxhy/2025/embed.js\" async></script>"
        );
    }
}
