//! Recommendations side by side, aligned by measure; and the coverage picture.

use yew::prelude::*;

use super::parts::Link;
use super::Store;
use crate::cite;
use crate::compare::{self, RecRef};
use crate::model::Digest;
use crate::route::{CompareOrder, Page, MAX_COMPARE};
use crate::state::Action;

#[component]
pub fn ComparePage() -> Html {
    let store = use_context::<Store>().expect("store");
    let data = &store.data;
    let d = &data.digest;
    let view = &store.view;
    let columns: Vec<usize> = view.compare.iter().filter_map(|id| d.speech_index(id)).collect();

    html! {
        <section class="compare" aria-labelledby="page-title">
            <h1 id="page-title" tabindex="-1">{"比较建议"}</h1>
            <p class="lead">{format!("选择两至{}篇发言，按措施类型并排查看各自的建议，找出共同点。", cite::cn_number(MAX_COMPARE))}</p>
            <Chooser />
            if columns.len() == 1 {
                <p class="hint needs-app">{"再选一篇发言即可并排比较。"}</p>
            }
            if !columns.is_empty() {
                <CommonGround columns={columns.clone()} />
                <SideBySide columns={columns} />
            }
            <Coverage />
        </section>
    }
}

/// Choosing speeches: every speech as a toggle; the chosen ones can be moved and removed.
#[component]
fn Chooser() -> Html {
    let store = use_context::<Store>().expect("store");
    let d = &store.data.digest;
    let chosen = &store.view.compare;
    let full = chosen.len() >= MAX_COMPARE;
    html! {
        <fieldset class="chooser needs-app">
            <legend>{format!("选择发言（已选 {} / {}）", chosen.len(), MAX_COMPARE)}</legend>
            <ul>
                { for d.speeches.iter().map(|s| {
                    let on = chosen.contains(&s.id);
                    let store = store.clone();
                    let id = s.id.clone();
                    html! {
                        <li>
                            <button type="button" aria-pressed={on.to_string()} disabled={full && !on}
                                onclick={Callback::from(move |_| store.dispatch(Action::CompareToggle(id.clone())))}>
                                <span class="facet-name">{&s.speaker.name}</span>
                                <span class="chooser-title">{cite::display_title(s)}</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
            if full { <p class="hint">{format!("最多同时比较{}篇；取消一篇后可再选。", cite::cn_number(MAX_COMPARE))}</p> }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct ColumnsProps {
    columns: Vec<usize>,
}

/// Which measures the chosen speeches share, and how many propose each.
#[component]
fn CommonGround(props: &ColumnsProps) -> Html {
    let store = use_context::<Store>().expect("store");
    let d = &store.data.digest;
    let n = props.columns.len();
    let ground = compare::common_ground(d, &props.columns);
    let shared: Vec<&(usize, usize)> = ground.iter().filter(|(_, k)| *k >= 2).collect();
    html! {
        <section class="common-ground" aria-labelledby="common-title">
            <h2 id="common-title">{"共同点"}</h2>
            if n < 2 {
                <p>{"至少选择两篇发言后显示共同点。"}</p>
            } else if shared.is_empty() {
                <p>{format!("所选{}篇发言的建议没有共同的措施类型。", n)}</p>
            } else {
                <p>{format!("所选{}篇发言在以下措施类型上有共同建议：", n)}</p>
                <ul class="shared">
                    { for shared.iter().map(|(m, k)| html! {
                        <li><strong>{&d.measures[*m].name}</strong>{format!("：{k}/{n} 篇提出")}</li>
                    }) }
                </ul>
            }
        </section>
    }
}

fn rec_label(d: &Digest, (si, ri): RecRef) -> String {
    let s = &d.speeches[si];
    format!("{}·建议{}", s.speaker.name, cite::cn_number(ri + 1))
}

/// The table: one column per speech; rows by measure (or each speech's own order).
#[component]
fn SideBySide(props: &ColumnsProps) -> Html {
    let store = use_context::<Store>().expect("store");
    let data = &store.data;
    let d = &data.digest;
    let view = &store.view;
    let cols = &props.columns;
    let by_speech = view.order == CompareOrder::BySpeech;
    let set_order = |order: CompareOrder| {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::SetOrder(order)))
    };

    let cell = |si: usize, recs: &[usize]| -> Html {
        let s = &d.speeches[si];
        html! {
            <td>
                if recs.is_empty() { <span class="empty">{"（无此类建议）"}</span> }
                { for recs.iter().map(|&ri| {
                    let r = &s.recommendations[ri];
                    let near = data.similarity.counterparts(d, cols, (si, ri));
                    html! {
                        <div class="cell-rec">
                            <p class="cell-head">
                                <Link to={view.to(Page::Speech(s.id.clone()))} fragment={Some(AttrValue::from(r.id.clone()))}>
                                    <span class="ordinal">{ if r.label.is_empty() { format!("建议{}", cite::cn_number(ri + 1)) } else { r.label.clone() } }</span>
                                </Link>
                                <strong>{&r.headline}</strong>
                            </p>
                            if !r.details.is_empty() { <p>{&r.details}</p> }
                            if !near.is_empty() {
                                <p class="near">{"相近："}
                                    { for near.iter().enumerate().map(|(k, (at, score))| html! {
                                        <>
                                            if k > 0 { {"；"} }
                                            {rec_label(d, *at)}
                                            <span class="score">{format!("（相似度 {:.0}%）", score * 100.0)}</span>
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
        let longest = cols.iter().map(|&si| d.speeches[si].recommendations.len()).max().unwrap_or(0);
        (0..longest)
            .map(|k| {
                html! {
                    <tr>
                        <th scope="row">{format!("第{}条", cite::cn_number(k + 1))}</th>
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
                <button type="button" aria-pressed={(!by_speech).to_string()} onclick={set_order(CompareOrder::ByMeasure)}>{"按措施类型对齐"}</button>
                <button type="button" aria-pressed={by_speech.to_string()} onclick={set_order(CompareOrder::BySpeech)}>{"按发言原顺序"}</button>
            </div>
            <div class="table-scroll" tabindex="0" role="region" aria-label="比较表（可横向滑动）">
                <table class={classes!("compare-table", format!("cols-{}", cols.len()))}>
                    <thead>
                        <tr>
                            <th scope="col" class="corner">{ if by_speech { "顺序" } else { "措施类型" } }</th>
                            { for cols.iter().enumerate().map(|(c, &si)| {
                                let s = &d.speeches[si];
                                let id = s.id.clone();
                                let act = |a: fn(String) -> Action| {
                                    let store = store.clone();
                                    let id = id.clone();
                                    Callback::from(move |_| store.dispatch(a(id.clone())))
                                };
                                html! {
                                    <th scope="col">
                                        <Link to={view.to(Page::Speech(s.id.clone()))}>{&s.speaker.name}</Link>
                                        <span class="col-title">{cite::display_title(s)}</span>
                                        <span class="col-actions needs-app">
                                            <button type="button" disabled={c == 0} onclick={act(|id| Action::CompareMove(id, -1))}
                                                aria-label={format!("{}左移", s.speaker.name)}>{"←"}</button>
                                            <button type="button" disabled={c + 1 == cols.len()} onclick={act(|id| Action::CompareMove(id, 1))}
                                                aria-label={format!("{}右移", s.speaker.name)}>{"→"}</button>
                                            <button type="button" onclick={act(Action::CompareRemove)}
                                                aria-label={format!("移除{}", s.speaker.name)}>{"✕"}</button>
                                        </span>
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
/// counts are written in every cell, so nothing depends on colour.
#[component]
fn Coverage() -> Html {
    let store = use_context::<Store>().expect("store");
    let d = &store.data.digest;
    let m = compare::coverage(d);
    let max = m.iter().flatten().copied().max().unwrap_or(1).max(1);
    let (label_w, cell_w, cell_h, head_h) = (64, 40, 34, 120);
    let width = label_w + cell_w * d.measures.len();
    let height = head_h + cell_h * d.speeches.len();
    html! {
        <section class="coverage" aria-labelledby="coverage-title">
            <h2 id="coverage-title">{"全部发言的措施分布"}</h2>
            <p>{"每格数字为该发言中属于这一措施类型的建议条数，颜色越深条数越多。点击有数字的格子查看这些建议。"}</p>
            <div class="svg-scroll">
                <svg viewBox={format!("0 0 {width} {height}")} width={width.to_string()} height={height.to_string()}
                    role="img" aria-labelledby="coverage-title coverage-desc" class="coverage-svg">
                    <desc id="coverage-desc">{"行为发言人，列为措施类型，格中数字为建议条数。"}</desc>
                    { for d.measures.iter().enumerate().map(|(j, me)| html! {
                        <text x={(label_w + cell_w * j + cell_w / 2).to_string()} y={(head_h - 6).to_string()}
                            class="col-label" transform={format!("rotate(-60 {} {})", label_w + cell_w * j + cell_w / 2, head_h - 6)}>
                            {&me.name}
                        </text>
                    }) }
                    { for d.speeches.iter().enumerate().map(|(i, s)| html! {
                        <g>
                            <text x={(label_w - 6).to_string()} y={(head_h + cell_h * i + cell_h / 2 + 5).to_string()} class="row-label">{&s.speaker.name}</text>
                            { for d.measures.iter().enumerate().map(|(j, me)| {
                                let n = m[i][j];
                                let x = label_w + cell_w * j;
                                let y = head_h + cell_h * i;
                                let shade = format!("shade-{}", (n * 4).div_ceil(max));
                                let cell = html! {
                                    <>
                                        <rect x={x.to_string()} y={y.to_string()} width={cell_w.to_string()} height={cell_h.to_string()} class={shade} />
                                        <text x={(x + cell_w / 2).to_string()} y={(y + cell_h / 2 + 5).to_string()} class="cell-count">{ if n > 0 { n.to_string() } else { "·".into() } }</text>
                                    </>
                                };
                                if n > 0 {
                                    html! {
                                        <a href={format!("compare/#m-{}-{}", me.id, s.id)}
                                            aria-label={format!("{}：{}，{}条", s.speaker.name, me.name, n)}>{cell}</a>
                                    }
                                } else {
                                    cell
                                }
                            }) }
                        </g>
                    }) }
                </svg>
            </div>
            <h2 id="by-measure">{"按措施类型列出全部建议"}</h2>
            { for d.measures.iter().map(|me| {
                let speeches: Vec<(usize, Vec<usize>)> = d.speeches.iter().enumerate().filter_map(|(si, s)| {
                    let recs: Vec<usize> = s.recommendations.iter().enumerate().filter(|(_, r)| r.measures.contains(&me.id)).map(|(ri, _)| ri).collect();
                    (!recs.is_empty()).then_some((si, recs))
                }).collect();
                html! {
                    <section class="by-measure" id={format!("m-{}", me.id)} aria-labelledby={format!("m-{}-title", me.id)}>
                        <h3 id={format!("m-{}-title", me.id)}>{&me.name}</h3>
                        <ul>
                            { for speeches.into_iter().map(|(si, recs)| {
                                let s = &d.speeches[si];
                                html! {
                                    <li id={format!("m-{}-{}", me.id, s.id)}>
                                        <strong>{&s.speaker.name}</strong>{"："}
                                        { for recs.into_iter().enumerate().map(|(k, ri)| {
                                            let r = &s.recommendations[ri];
                                            html! {
                                                <>
                                                    if k > 0 { {"；"} }
                                                    <Link to={store.view.to(Page::Speech(s.id.clone()))} fragment={Some(AttrValue::from(r.id.clone()))}>
                                                        {&r.headline}
                                                    </Link>
                                                </>
                                            }
                                        }) }
                                    </li>
                                }
                            }) }
                        </ul>
                    </section>
                }
            }) }
        </section>
    }
}
