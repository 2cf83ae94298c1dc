//! Recommendations side by side, aligned by measure; and the coverage picture.

use yew::prelude::*;

use super::aloud::{read_aloud, Source};
use super::parts::{flag, link, link_to};
use super::Dispatch;
use crate::cite;
use crate::compare::{self, RecRef};
use crate::markup::Markup;
use crate::model::Digest;
use crate::route::{CompareOrder, Page, View, MAX_COMPARE};
use crate::state::{Action, Data};

/// The comparison table's scroll region (where focus goes when a column goes).
pub const COMPARISON_TABLE: &str = "comparison-table";
/// The chooser's id: the target of "更换发言".
const CHOOSER_ID: &str = "chooser";

pub fn compare_page(data: &Data, view: &View, send: &Dispatch) -> Html {
    let d = &data.digest;
    let columns: Vec<usize> = view
        .compare
        .iter()
        .filter_map(|id| d.speech_index(id))
        .collect();

    html! {
        <section class="compare" aria-labelledby="page-title">
            <h1 id="page-title" tabindex="-1">{"比较建议"}</h1>
            <p class="lead">{"选择两至四篇发言，按措施类型并排查看各自的建议，找出共同点。"}</p>
            // A shared link opens on what was shared: the comparison first, the chooser a tap
            // away (following the link moves focus to it, so the keyboard path continues there).
            // The chooser keeps its place in the tree whatever is chosen, so choosing never
            // re-creates it under the reader's focus.
            if !columns.is_empty() {
                <p class="change-choice needs-app">
                    { link_to(view.clone(), Some(CHOOSER_ID), "", None, html! {"更换发言"}) }
                    if columns.len() == 1 { <span class="hint">{"再选一篇发言即可并排比较。"}</span> }
                </p>
                { side_by_side(data, view, &columns, send) }
                { common_ground(d, &columns) }
            }
            { chooser(d, &view.compare, send) }
            { coverage(d, view) }
        </section>
    }
}

/// Choosing speeches: every speech as a toggle; the chosen ones can be moved and removed.
fn chooser(d: &Digest, chosen: &[String], send: &Dispatch) -> Html {
    let full = chosen.len() >= MAX_COMPARE;
    html! {
        <fieldset class="chooser needs-app" id={CHOOSER_ID} tabindex="-1">
            <legend>{"选择发言（已选 "}{chosen.len()}{" / "}{MAX_COMPARE}{"）"}</legend>
            <ul>
                { for d.speeches.iter().map(|s| {
                    let on = chosen.contains(&s.id);
                    let send = send.clone();
                    let id = s.id.clone();
                    html! {
                        <li>
                            <button type="button" aria-pressed={flag(on)} disabled={full && !on}
                                onclick={Callback::from(move |_| send.dispatch(Action::CompareToggle(id.clone())))}>
                                <span class="facet-name">{&s.speaker.name}</span>
                                <span class="chooser-title">{cite::display_title(s)}</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
            if full { <p class="hint">{"最多同时比较四篇；取消一篇后可再选。"}</p> }
        </fieldset>
    }
}

/// Which measures the chosen speeches share, and how many propose each.
fn common_ground(d: &Digest, columns: &[usize]) -> Html {
    let n = columns.len();
    let ground = compare::common_ground(d, columns);
    let shared: Vec<&(usize, usize)> = ground.iter().filter(|(_, k)| *k >= 2).collect();
    html! {
        <section class="common-ground" aria-labelledby="common-title">
            <h2 id="common-title">{"共同点"}</h2>
            if n < 2 {
                <p>{"至少选择两篇发言后显示共同点。"}</p>
            } else if shared.is_empty() {
                <p>{"所选 "}{n}{" 篇发言的建议没有共同的措施类型。"}</p>
            } else {
                <p>{"所选 "}{n}{" 篇发言在以下措施类型上有共同建议："}</p>
                <ul class="shared">
                    { for shared.iter().map(|(m, k)| html! {
                        <li><strong>{&d.measures[*m].name}</strong>{"："}{*k}{"/"}{n}{" 篇提出"}</li>
                    }) }
                </ul>
            }
        </section>
    }
}

fn rec_label(d: &Digest, (si, ri): RecRef) -> String {
    [
        d.speeches[si].speaker.name.as_str(),
        "·建议",
        &cite::cn_number(ri + 1),
    ]
    .concat()
}

/// The table: one column per speech; rows by measure (or each speech's own order).
fn side_by_side(data: &Data, view: &View, cols: &[usize], send: &Dispatch) -> Html {
    let d = &data.digest;
    let by_speech = view.order == CompareOrder::BySpeech;
    let set_order = |order: CompareOrder| {
        let send = send.clone();
        Callback::from(move |_| send.dispatch(Action::SetOrder(order)))
    };

    let cell = |si: usize, recs: &[usize]| -> Html {
        let s = &d.speeches[si];
        html! {
            <td>
                if recs.is_empty() { <span class="empty">{"（无此类建议）"}</span> }
                { for recs.iter().map(|&ri| {
                    let r = &s.recommendations[ri];
                    let near = data.related.counterparts(d, cols, (si, ri));
                    html! {
                        <div class="cell-rec">
                            <p class="cell-head">
                                { link_to(view.to(Page::Speech(s.id.clone())), Some(&r.id), "", None, html! {
                                    <span class="ordinal">{ if r.label.is_empty() { ["建议", &cite::cn_number(ri + 1)].concat() } else { r.label.clone() } }</span>
                                }) }
                                <strong>{&r.headline}</strong>
                            </p>
                            if !r.details.is_empty() { <p>{&r.details}</p> }
                            if !near.is_empty() {
                                <p class="near">{"相近："}
                                    { for near.iter().enumerate().map(|(k, (at, score))| html! {
                                        <>
                                            if k > 0 { {"；"} }
                                            {rec_label(d, *at)}
                                            <span class="score">{"（相似度 "}{*score}{"%）"}</span>
                                        </>
                                    }) }
                                </p>
                            }
                        </div>
                    }
                }) }
            </td>
        }
    };

    let rows: Html = if by_speech {
        let longest = cols
            .iter()
            .map(|&si| d.speeches[si].recommendations.len())
            .max()
            .unwrap_or(0);
        (0..longest)
            .map(|k| {
                html! {
                    <tr>
                        <th scope="row">{"第"}{cite::cn_number(k + 1)}{"条"}</th>
                        { for cols.iter().map(|&si| {
                            let recs: Vec<usize> = if k < d.speeches[si].recommendations.len() { vec![k] } else { vec![] };
                            cell(si, &recs)
                        }) }
                    </tr>
                }
            })
            .collect()
    } else {
        compare::align(d, cols)
            .into_iter()
            .map(|row| {
                let name = row.measure.map_or("其他", |m| d.measures[m].name.as_str());
                html! {
                    <tr>
                        <th scope="row">{name}</th>
                        { for row.cells.iter().zip(cols).map(|(recs, &si)| cell(si, recs)) }
                    </tr>
                }
            })
            .collect()
    };

    html! {
        <section class="side-by-side" aria-labelledby="table-title">
            <h2 id="table-title">{"并排比较"}</h2>
            <div class="order-switch needs-app" role="group" aria-label="排列方式">
                <button type="button" aria-pressed={flag(!by_speech)} onclick={set_order(CompareOrder::ByMeasure)}>{"按措施类型对齐"}</button>
                <button type="button" aria-pressed={flag(by_speech)} onclick={set_order(CompareOrder::BySpeech)}>{"按发言原顺序"}</button>
            </div>
            <div class="table-scroll" id={COMPARISON_TABLE} tabindex="0" role="region" aria-label="比较表（可横向滑动）">
                <table class="compare-table">
                    <thead>
                        <tr>
                            <th scope="col" class="corner">{ if by_speech { "顺序" } else { "措施类型" } }</th>
                            { for cols.iter().enumerate().map(|(c, &si)| {
                                let s = &d.speeches[si];
                                let id = s.id.clone();
                                let act = |a: fn(String) -> Action| {
                                    let send = send.clone();
                                    let id = id.clone();
                                    Callback::from(move |_| send.dispatch(a(id.clone())))
                                };
                                html! {
                                    <th scope="col">
                                        { link(view.to(Page::Speech(s.id.clone())), html! { &s.speaker.name }) }
                                        <span class="col-title">{cite::display_title(s)}</span>
                                        <span class="col-actions needs-app">
                                            <button type="button" disabled={c == 0} onclick={act(|id| Action::CompareMove(id, -1))}
                                                aria-label={[&s.speaker.name, "左移"].concat()}>{"←"}</button>
                                            <button type="button" disabled={c + 1 == cols.len()} onclick={act(|id| Action::CompareMove(id, 1))}
                                                aria-label={[&s.speaker.name, "右移"].concat()}>{"→"}</button>
                                            <button type="button" onclick={act(Action::CompareRemove)}
                                                aria-label={["移除", &s.speaker.name].concat()}>{"✕"}</button>
                                        </span>
                                        { read_aloud(Source::Column(si)) }
                                    </th>
                                }
                            }) }
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// Speeches × measures for the whole digest, as an SVG a reader can take in at a glance;
/// counts are written in every cell, so nothing depends on colour. Static: written as text.
fn coverage(d: &Digest, view: &View) -> Html {
    let m = compare::coverage(d);
    let max = m.iter().flatten().copied().max().unwrap_or(1).max(1);
    // Cells are 44 px: each is a link (a touch target); the picture scrolls sideways on phones.
    let (label_w, cell_w, cell_h, head_h) = (64, 44, 44, 120);
    let width = (label_w + cell_w * d.measures.len()).to_string();
    let height = (head_h + cell_h * d.speeches.len()).to_string();
    // Cell links keep the comparison's own query: they point into this page.
    let here = view.href();
    let num = |n: usize| n.to_string();
    let mut h = Markup::new();
    h.open("section", &[("class", "coverage"), ("aria-labelledby", "coverage-title")])
        .el("h2", &[("id", "coverage-title")], "全部发言的措施分布")
        .el("p", &[], "每格数字为该发言中属于这一措施类型的建议条数，颜色越深条数越多。点击有数字的格子查看这些建议。")
        .open("div", &[("class", "svg-scroll")])
        .open(
            "svg",
            &[
                ("viewBox", &["0 0 ", &width, " ", &height].concat()),
                ("width", &width),
                ("height", &height),
                // Not "img": an image's children are hidden from assistive technology, and these are links.
                ("role", "group"),
                ("aria-labelledby", "coverage-title coverage-desc"),
                ("class", "coverage-svg"),
            ],
        )
        .el("desc", &[("id", "coverage-desc")], "行为发言人，列为措施类型，格中数字为建议条数。");
    for (j, me) in d.measures.iter().enumerate() {
        let (x, y) = (num(label_w + cell_w * j + cell_w / 2), num(head_h - 6));
        let turn = ["rotate(-60 ", &x, " ", &y, ")"].concat();
        h.el(
            "text",
            &[
                ("x", &x),
                ("y", &y),
                ("class", "col-label"),
                ("transform", &turn),
            ],
            &me.name,
        );
    }
    for (i, s) in d.speeches.iter().enumerate() {
        let y = head_h + cell_h * i;
        h.el(
            "text",
            &[
                ("x", &num(label_w - 6)),
                ("y", &num(y + cell_h / 2 + 5)),
                ("class", "row-label"),
            ],
            &s.speaker.name,
        );
        for (j, me) in d.measures.iter().enumerate() {
            let n = m[i][j];
            let x = label_w + cell_w * j;
            let anchor = ["m-", &me.id, "-", &s.id].concat();
            if n > 0 {
                h.open("a", &[("href", &[&here, "#", &anchor].concat())])
                    .el(
                        "title",
                        &[],
                        &[&s.speaker.name, "：", &me.name, "，", &num(n), "条"].concat(),
                    );
            }
            h.open(
                "rect",
                &[
                    ("x", &num(x)),
                    ("y", &num(y)),
                    ("width", &num(cell_w)),
                    ("height", &num(cell_h)),
                    ("class", &["shade-", &num((n * 4).div_ceil(max))].concat()),
                ],
            )
            .close("rect")
            .el(
                "text",
                &[
                    ("x", &num(x + cell_w / 2)),
                    ("y", &num(y + cell_h / 2 + 5)),
                    ("class", "cell-count"),
                ],
                &if n > 0 { num(n) } else { "·".into() },
            );
            if n > 0 {
                h.close("a");
            }
        }
    }
    h.close("svg").close("div");
    h.el("h2", &[("id", "by-measure")], "按措施类型列出全部建议");
    for me in &d.measures {
        let id = ["m-", &me.id].concat();
        let title_id = [&id, "-title"].concat();
        h.open(
            "section",
            &[
                ("class", "by-measure"),
                ("id", &id),
                ("aria-labelledby", &title_id),
            ],
        )
        .el("h3", &[("id", &title_id)], &me.name)
        .open("ul", &[]);
        for s in &d.speeches {
            let recs: Vec<&crate::model::Recommendation> = s
                .recommendations
                .iter()
                .filter(|r| r.measures.contains(&me.id))
                .collect();
            if recs.is_empty() {
                continue;
            }
            h.open("li", &[("id", &[&id, "-", &s.id].concat())])
                .el("strong", &[], &s.speaker.name)
                .text("：");
            let page = View::page(Page::Speech(s.id.clone())).href();
            for (k, r) in recs.iter().enumerate() {
                if k > 0 {
                    h.text("；");
                }
                h.el("a", &[("href", &[&page, "#", &r.id].concat())], &r.headline);
            }
            h.close("li");
        }
        h.close("ul").close("section");
    }
    h.close("section");
    Html::from_html_unchecked(h.into_string().into())
}
