//! The app's one state and its reducer. Pure: the state holds what the URL says (the view)
//! and a few facts of the session; what the browser must do after a change (write the
//! address, scroll, move focus) comes out as [`Effects`], a value that the app component
//! applies in one place. Widget state (a sheet open, "show all") stays with its widget
//! (`views::widgets`). All of this is tested on the host.

use std::rc::Rc;

use yew::Reducible;

use crate::compare::Related;
use crate::model::Digest;
use crate::query::Filter;
use crate::route::{self, CompareOrder, Ignored, Page, View, MAX_COMPARE};
use crate::search::SearchIndex;

/// The digest and what is computed from it once.
pub struct Data {
    pub digest: Digest,
    pub index: SearchIndex,
    /// Similar recommendations across speeches (computed at build time).
    pub related: Related,
    /// False while the app has only the digest's outline (`model::Texts`): the speeches'
    /// bodies and the related pairs come in a chunk after the index is interactive
    /// (`views::lazy`). Only the index and the theme pages render from an outline, and a
    /// search waits for the whole.
    pub complete: bool,
}

impl Data {
    pub fn new(digest: Digest, related: Related) -> Rc<Self> {
        Rc::new(Data {
            index: SearchIndex::new(&digest),
            related,
            digest,
            complete: true,
        })
    }

    /// The outline built into the app: what the first module holds. It has no search index:
    /// nothing searches an outline (a search waits for the whole), and building one here
    /// would put the indexing code in the first module too.
    pub fn outline() -> Rc<Self> {
        let digest = crate::embedded_outline();
        Rc::new(Data {
            index: SearchIndex::default(),
            related: Related::default(),
            digest,
            complete: false,
        })
    }

    /// For tests and host tools: computes the related pairs here.
    pub fn computed(digest: Digest) -> Rc<Self> {
        let related = crate::compare::Similarity::new(&digest).related(&digest);
        Data::new(digest, related)
    }

    /// The whole digest and pairs built into the app.
    pub fn embedded() -> Rc<Self> {
        let (digest, related) = crate::embedded();
        Data::new(digest, related)
    }
}

impl PartialEq for Data {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// How the last change enters the browser's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HistoryOp {
    /// The URL already says it (first load, back/forward).
    #[default]
    None,
    /// A new entry (choosing a filter, moving a column): the reader stays where they are.
    Push,
    /// A new entry for a followed link: also to its anchor, or to the top of the new page.
    Navigate,
    /// Replace the entry (moving a column, the reading order, elder mode).
    Replace,
    /// Replace the entry once typing pauses (the search box: one entry per search, and one
    /// address change per pause rather than per key).
    ReplaceSoon,
}

/// Where the reader's view goes after a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scroll {
    /// Where it is (choosing a filter, moving a column).
    #[default]
    Stay,
    /// To the top of a new page (a followed link without an anchor).
    Top,
    /// To the element the address's anchor names ([`AppState::anchor`]).
    Anchor,
}

/// Where keyboard focus goes after a change: an intent, which the views resolve to an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    /// Where it is.
    #[default]
    Stay,
    /// The new page's main heading, as a page load would.
    Heading,
    /// The comparison table, which stays when a column goes (the column's buttons are gone).
    ComparisonTable,
}

/// What the browser must do after a change besides showing it. Applied once per change:
/// `seq` counts the changes that carry effects, so the same effect twice is applied twice
/// (the same link followed again scrolls again).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Effects {
    pub seq: u32,
    pub history: HistoryOp,
    pub scroll: Scroll,
    pub focus: Focus,
}

#[derive(Clone, PartialEq)]
pub struct AppState {
    pub data: Rc<Data>,
    /// What the URL says.
    pub view: View,
    /// The URL's anchor (`r2` in `speech/a/#r2`), reduced to the characters ids here use.
    pub anchor: String,
    /// What the URL held that the viewer could not use.
    pub ignored: Vec<Ignored>,
    /// False until the browser has taken over the prerendered page.
    pub live: bool,
    /// The speeches' bodies could not be loaded (`Data::complete`); a retry clears it.
    pub texts_failed: bool,
    /// The index filter as the reader last left it, for "back to the list".
    pub last_filter: Filter,
    /// A short status for screen readers and sighted readers ("链接已复制").
    pub status: String,
    /// What the page embedding this view asked for (see `HostDisplay`).
    pub host: HostDisplay,
    /// What the last change asks of the browser.
    pub effects: Effects,
}

/// Where the speeches' bodies are, for what needs them (`Data::complete`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bodies {
    Here,
    Loading,
    Failed,
}

impl AppState {
    pub fn bodies(&self) -> Bodies {
        if self.data.complete {
            Bodies::Here
        } else if self.texts_failed {
            Bodies::Failed
        } else {
            Bodies::Loading
        }
    }

    /// What the index's search waits for: nothing (`None`) when there are no words to search
    /// or the bodies are here; else whether they are loading or failed.
    pub fn search_waits(&self) -> Option<Bodies> {
        let bodies = self.bodies();
        (bodies != Bodies::Here && !self.view.filter.text.trim().is_empty()).then_some(bodies)
    }
}

/// Text size and contrast that the page embedding a view asks for with a `jianyan:display`
/// message, because its own accessibility toolbar cannot reach into the frame
/// (docs/embedding.md). Not in the URL: it belongs to the host page's session, not to the
/// view, so it survives in-frame navigation and back/forward, and is never shared in a link.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HostDisplay {
    pub font_scale: FontScale,
    pub high_contrast: bool,
}

/// The text sizes a host may ask for: 1, 1.25 or 1.5 times the normal size.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FontScale {
    #[default]
    Normal,
    Large,
    Larger,
}

impl FontScale {
    /// The factor a host sends (exactly 1, 1.25 or 1.5); anything else is not a scale.
    pub fn from_factor(f: f64) -> Option<Self> {
        [
            (1.0, FontScale::Normal),
            (1.25, FontScale::Large),
            (1.5, FontScale::Larger),
        ]
        .into_iter()
        .find(|(x, _)| *x == f)
        .map(|(_, s)| s)
    }
}

pub enum Action {
    /// The URL (first load after hydration, or back/forward). `remembered` is the stored
    /// comparison, used when a comparison is opened without ids.
    Open {
        rel: String,
        remembered: Option<String>,
    },
    /// Follow an in-app link (site-root-relative, may end in `#anchor`).
    Follow(String),
    ToggleSpeaker(String),
    ToggleTheme(String),
    SetText(String),
    ClearFilters,
    CompareToggle(String),
    CompareRemove(String),
    /// Move a column left (-1) or right (+1).
    CompareMove(String, isize),
    SetOrder(CompareOrder),
    SetElder(bool),
    Status(String),
    DismissIgnored,
    /// A page whose view is in a chunk of its own (`views::lazy`) is on screen now, later than
    /// the change that asked for it: that change's scroll and focus are applied again (its
    /// address is not). Nothing happens if the reader has moved on to another page meanwhile.
    PartShown(Page),
    /// The whole digest is here (`Data::complete`): it replaces the outline. What is shown
    /// is now rendered from it; the address, scroll and focus are not touched.
    Complete(Rc<Data>),
    /// Loading the speeches' bodies failed: what needs them says so and offers a retry.
    TextsFailed,
    /// The reader asked to try loading the speeches' bodies again.
    RetryTexts,
    /// A host page's display request; `None` keeps that setting as it is.
    HostDisplay {
        font_scale: Option<FontScale>,
        high_contrast: Option<bool>,
    },
}

impl AppState {
    /// The state of a page as prerendered: no query applied yet.
    pub fn new(data: Rc<Data>, page: Page) -> Self {
        AppState {
            data,
            view: View::page(page),
            anchor: String::new(),
            ignored: Vec::new(),
            live: false,
            texts_failed: false,
            last_filter: Filter::default(),
            status: String::new(),
            host: HostDisplay::default(),
            effects: Effects::default(),
        }
    }

    /// The state showing `view`, entered into history by `history`. A view that is already
    /// shown changes nothing (a choice past the cap, a column moved past the edge).
    fn with_view(&self, view: View, history: HistoryOp) -> Self {
        if view == self.view && history != HistoryOp::Navigate {
            return self.clone();
        }
        let mut next = self.clone();
        if view.page == Page::Index {
            next.last_filter = view.filter.clone();
        }
        if view.page != self.view.page || view.compare != self.view.compare {
            next.ignored.clear();
        }
        // The anchor belongs to the address: a new entry or another page drops it (Follow and
        // Open set their own); replacing the entry on the same page keeps it.
        let replaced = matches!(history, HistoryOp::Replace | HistoryOp::ReplaceSoon);
        if !replaced || view.page != self.view.page {
            next.anchor.clear();
        }
        next.view = view;
        next.status.clear();
        next.effects = Effects {
            seq: self.effects.seq.wrapping_add(1),
            history,
            ..Effects::default()
        };
        next
    }

    /// The index with the filter changed and the comparison choice kept.
    fn filtered(&self, f: impl FnOnce(&mut Filter)) -> View {
        let mut v = self.view.to(Page::Index);
        v.filter = self.view.filter.clone();
        f(&mut v.filter);
        v
    }

    fn compare_view(&self, f: impl FnOnce(&mut Vec<String>)) -> View {
        let mut v = self.view.clone();
        f(&mut v.compare);
        v
    }
}

fn toggle(list: &mut Vec<String>, id: String) {
    if let Some(i) = list.iter().position(|x| *x == id) {
        list.remove(i);
    } else {
        list.push(id);
    }
}

/// The in-page anchor of a site-root-relative URL (`r2` in `speech/a/#r2`), reduced to the
/// characters element ids here use; empty when there is none.
fn anchor(rel: &str) -> String {
    let fragment = rel.split_once('#').map_or("", |(_, a)| a);
    fragment
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

/// The stored comparison, as far as it names known speeches (storage may hold garbage).
pub fn remembered_compare(digest: &Digest, stored: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in stored.split(',') {
        if digest.speech(id).is_some() && !out.iter().any(|o| o == id) && out.len() < MAX_COMPARE {
            out.push(id.to_string());
        }
    }
    out
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = match action {
            Action::Open { rel, remembered } => {
                let (mut view, ignored) = route::parse(&self.data.digest, &rel);
                let mut history = HistoryOp::None;
                if view.page == Page::Compare && view.compare.is_empty() {
                    if let Some(stored) = remembered {
                        view.compare = remembered_compare(&self.data.digest, &stored);
                    }
                    // The address then says what the page shows (a copied link shows it too).
                    if !view.compare.is_empty() {
                        history = HistoryOp::Replace;
                    }
                }
                let mut next = self.with_view(view, history);
                // The URL is read once more: its effects (the title, a remembered comparison
                // written into it) apply even when it shows what the page already showed.
                next.effects = Effects {
                    seq: self.effects.seq.wrapping_add(1),
                    history,
                    ..Effects::default()
                };
                next.ignored = ignored;
                next.live = true;
                next.anchor = anchor(&rel);
                next
            }
            Action::PartShown(page) => {
                if page != self.view.page {
                    return self;
                }
                let mut next = (*self).clone();
                next.effects = Effects {
                    seq: self.effects.seq.wrapping_add(1),
                    history: HistoryOp::None,
                    ..self.effects
                };
                next
            }
            Action::Follow(rel) => {
                let (view, ignored) = route::parse(&self.data.digest, &rel);
                let mut next = self.with_view(view, HistoryOp::Navigate);
                next.ignored = ignored;
                next.anchor = anchor(&rel);
                // To its anchor, or to the top with focus on the new page's heading, as a page
                // load would.
                (next.effects.scroll, next.effects.focus) = if next.anchor.is_empty() {
                    (Scroll::Top, Focus::Heading)
                } else {
                    (Scroll::Anchor, Focus::Stay)
                };
                next
            }
            Action::ToggleSpeaker(id) => self.with_view(
                self.filtered(|f| toggle(&mut f.speakers, id)),
                HistoryOp::Push,
            ),
            Action::ToggleTheme(id) => self.with_view(
                self.filtered(|f| toggle(&mut f.themes, id)),
                HistoryOp::Push,
            ),
            Action::SetText(text) => {
                let text: String = text.chars().filter(|c| !c.is_control()).take(100).collect();
                if text == self.view.filter.text {
                    return self;
                }
                self.with_view(self.filtered(|f| f.text = text), HistoryOp::ReplaceSoon)
            }
            Action::ClearFilters => {
                self.with_view(self.filtered(|f| *f = Filter::default()), HistoryOp::Push)
            }
            Action::CompareToggle(id) => {
                let mut v = self.compare_view(|ids| {
                    if ids.contains(&id) || ids.len() < MAX_COMPARE {
                        toggle(ids, id)
                    }
                });
                v.page = self.view.page.clone();
                // Choosing on another page keeps the reader there (the choice is remembered).
                let op = if self.view.page == Page::Compare {
                    HistoryOp::Push
                } else {
                    HistoryOp::Replace
                };
                self.with_view(v, op)
            }
            Action::CompareRemove(id) => {
                let mut next = self.with_view(
                    self.compare_view(|ids| ids.retain(|x| *x != id)),
                    HistoryOp::Push,
                );
                // The column's own buttons are gone: the table keeps the reader's place.
                if next.view != self.view {
                    next.effects.focus = Focus::ComparisonTable;
                }
                next
            }
            Action::CompareMove(id, by) => {
                let v = self.compare_view(|ids| {
                    if let Some(i) = ids.iter().position(|x| *x == id) {
                        let j = i as isize + by;
                        if j >= 0 && (j as usize) < ids.len() {
                            ids.swap(i, j as usize);
                        }
                    }
                });
                self.with_view(v, HistoryOp::Push)
            }
            Action::SetOrder(order) => {
                let mut v = self.view.clone();
                v.order = order;
                self.with_view(v, HistoryOp::Replace)
            }
            Action::SetElder(on) => {
                let mut v = self.view.clone();
                v.display.elder = on;
                self.with_view(v, HistoryOp::Replace)
            }
            // Effects stay as they are: these changes ask nothing of the browser.
            Action::Status(text) => AppState {
                status: text,
                ..(*self).clone()
            },
            Action::HostDisplay {
                font_scale,
                high_contrast,
            } => AppState {
                host: HostDisplay {
                    font_scale: font_scale.unwrap_or(self.host.font_scale),
                    high_contrast: high_contrast.unwrap_or(self.host.high_contrast),
                },
                ..(*self).clone()
            },
            Action::Complete(data) => {
                if self.data.complete || !data.complete {
                    return self;
                }
                AppState {
                    data,
                    texts_failed: false,
                    ..(*self).clone()
                }
            }
            Action::TextsFailed | Action::RetryTexts if self.data.complete => return self,
            Action::TextsFailed => AppState {
                texts_failed: true,
                ..(*self).clone()
            },
            Action::RetryTexts => AppState {
                texts_failed: false,
                ..(*self).clone()
            },
            Action::DismissIgnored => AppState {
                ignored: Vec::new(),
                ..(*self).clone()
            },
        };
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jianyan_core::testdata::tiny;

    fn start() -> Rc<AppState> {
        Rc::new(AppState::new(Data::computed(tiny()), Page::Index))
    }

    /// A state holding only the outline of the tiny digest, as the first module does.
    fn outline_start() -> Rc<AppState> {
        let mut digest = tiny();
        drop(digest.take_texts());
        let data = Rc::new(Data {
            index: SearchIndex::default(),
            related: Related::default(),
            digest,
            complete: false,
        });
        Rc::new(AppState::new(data, Page::Index))
    }

    #[test]
    fn the_whole_digest_replaces_the_outline_and_asks_nothing_of_the_browser() {
        let s = outline_start()
            .reduce(Action::SetText("背景".into()))
            .reduce(Action::TextsFailed);
        assert_eq!(s.bodies(), Bodies::Failed);
        assert_eq!(s.search_waits(), Some(Bodies::Failed));
        let s = s.reduce(Action::RetryTexts);
        assert_eq!(s.bodies(), Bodies::Loading);
        let effects = s.effects;
        let full = Data::computed(tiny());
        let s = s.reduce(Action::Complete(full.clone()));
        assert_eq!(s.bodies(), Bodies::Here);
        assert_eq!(s.search_waits(), None);
        assert!(Rc::ptr_eq(&s.data, &full));
        assert_eq!(s.effects, effects, "no address, scroll or focus change");
        assert_eq!(
            s.view.filter.text, "背景",
            "the search waits, it is not lost"
        );
        // Once whole, it stays whole: an outline or a late failure changes nothing.
        let again = s
            .clone()
            .reduce(Action::Complete(outline_start().data.clone()));
        assert!(Rc::ptr_eq(&again, &s));
        let late = s.clone().reduce(Action::TextsFailed);
        assert!(Rc::ptr_eq(&late, &s));
    }

    #[test]
    fn a_page_shown_late_is_scrolled_and_focused_again_without_a_new_address() {
        let s = start().reduce(Action::Follow("speech/b-two/#r1".into()));
        let shown = s
            .clone()
            .reduce(Action::PartShown(Page::Speech("b-two".into())));
        assert_eq!(shown.view, s.view);
        assert_eq!(shown.anchor, "r1");
        let (e, f) = (s.effects, shown.effects);
        assert_eq!(f.seq, e.seq + 1);
        assert_eq!(
            (f.history, f.scroll, f.focus),
            (HistoryOp::None, e.scroll, e.focus)
        );
        // The reader went elsewhere before it arrived: nothing to apply.
        let moved = s.reduce(Action::Follow("compare/".into()));
        let late = moved
            .clone()
            .reduce(Action::PartShown(Page::Speech("b-two".into())));
        assert_eq!(late.effects, moved.effects);
    }

    #[test]
    fn following_a_link_navigates_and_remembers_the_anchor() {
        let s = start().reduce(Action::Follow("speech/b-two/?elder=1#r1".into()));
        assert_eq!(s.view.page, Page::Speech("b-two".into()));
        assert!(s.view.display.elder);
        let e = s.effects;
        assert_eq!(
            (e.history, e.scroll, e.focus, s.anchor.as_str()),
            (HistoryOp::Navigate, Scroll::Anchor, Focus::Stay, "r1")
        );
        // The same link again still scrolls: another change with the same effects.
        let again = s
            .clone()
            .reduce(Action::Follow("speech/b-two/?elder=1#r1".into()));
        assert_eq!(again.effects.seq, e.seq + 1);
        assert_eq!(again.effects.scroll, Scroll::Anchor);
        let s = s.reduce(Action::Follow("theme/nope/#\"<x>".into()));
        assert_eq!(
            (s.view.page.clone(), s.anchor.as_str()),
            (Page::NotFound, "x")
        );
        // Without an anchor: to the top, focus on the new page's heading.
        let s = s.reduce(Action::Follow("compare/".into()));
        assert_eq!(
            (s.effects.scroll, s.effects.focus),
            (Scroll::Top, Focus::Heading)
        );
    }

    #[test]
    fn host_display_requests_merge_and_outlive_navigation() {
        let s = start().reduce(Action::HostDisplay {
            font_scale: Some(FontScale::Larger),
            high_contrast: None,
        });
        assert_eq!(
            s.host,
            HostDisplay {
                font_scale: FontScale::Larger,
                high_contrast: false
            }
        );
        assert_eq!(s.effects, Effects::default(), "asks nothing of the browser");
        let s = s.reduce(Action::HostDisplay {
            font_scale: None,
            high_contrast: Some(true),
        });
        assert_eq!(
            s.host,
            HostDisplay {
                font_scale: FontScale::Larger,
                high_contrast: true
            }
        );
        // Navigation and a new URL (back/forward) keep what the host asked for.
        let s = s
            .reduce(Action::Follow("speech/b-two/".into()))
            .reduce(Action::Open {
                rel: "?q=x".into(),
                remembered: None,
            });
        assert_eq!(s.host.font_scale, FontScale::Larger);
        assert!(s.host.high_contrast);
        let same = s.clone().reduce(Action::HostDisplay {
            font_scale: Some(FontScale::Larger),
            high_contrast: Some(true),
        });
        assert!(Rc::ptr_eq(&s, &same));
        assert_eq!(FontScale::from_factor(1.25), Some(FontScale::Large));
        assert_eq!(FontScale::from_factor(1.2), None);
        assert_eq!(FontScale::from_factor(f64::INFINITY), None);
    }

    #[test]
    fn open_applies_the_url_and_reports() {
        let s = start().reduce(Action::Open {
            rel: "?speaker=a-one,zz&q=人才".into(),
            remembered: None,
        });
        assert!(s.live);
        assert_eq!(s.view.filter.speakers, ["a-one"]);
        assert_eq!(s.ignored.len(), 1);
        assert_eq!(s.effects.history, HistoryOp::None);
        assert_eq!(s.effects.seq, 1, "the title is set once the URL is read");
        assert_eq!(s.last_filter.text, "人才");
    }

    #[test]
    fn filters_push_and_typing_replaces() {
        let s = start().reduce(Action::ToggleTheme("economy".into()));
        assert_eq!(s.effects.history, HistoryOp::Push);
        assert_eq!(s.view.href(), "./?theme=economy");
        let s = s.reduce(Action::SetText("金融".into()));
        assert_eq!(s.effects.history, HistoryOp::ReplaceSoon);
        let s = s.reduce(Action::ToggleTheme("economy".into()));
        assert_eq!(s.view.href(), "./?q=%E9%87%91%E8%9E%8D");
        let s = s.reduce(Action::ClearFilters);
        assert_eq!(s.view.href(), "./");
    }

    #[test]
    fn unchanged_state_keeps_the_same_rc() {
        let s = start();
        let same = s.clone().reduce(Action::SetText(String::new()));
        assert!(Rc::ptr_eq(&s, &same));
    }

    #[test]
    fn comparison_choice_is_capped_and_reordered() {
        let s = Rc::new(AppState::new(Data::computed(tiny()), Page::Compare));
        let s = s
            .reduce(Action::CompareToggle("a-one".into()))
            .reduce(Action::CompareToggle("b-two".into()))
            .reduce(Action::CompareToggle("c-three".into()));
        assert_eq!(s.view.compare, ["a-one", "b-two", "c-three"]);
        let s = s.reduce(Action::CompareMove("c-three".into(), -1));
        assert_eq!(s.view.compare, ["a-one", "c-three", "b-two"]);
        // Past the edge: nothing changes, not even the state's identity.
        let same = s.clone().reduce(Action::CompareMove("a-one".into(), -1));
        assert!(Rc::ptr_eq(&s, &same));
        assert_eq!(s.effects.focus, Focus::Stay);
        let s = s.reduce(Action::CompareRemove("c-three".into()));
        assert_eq!(s.view.href(), "compare/?ids=a-one,b-two");
        // The removed column's buttons are gone; focus goes to the table, once.
        assert_eq!(s.effects.focus, Focus::ComparisonTable);
        let s = s.reduce(Action::CompareMove("b-two".into(), -1));
        assert_eq!(s.effects.focus, Focus::Stay);
    }

    #[test]
    fn the_anchor_stays_with_its_address_only() {
        // Only a followed link scrolls; its anchor is kept while the entry is only replaced on
        // the same page…
        let s = start().reduce(Action::Follow("speech/b-two/#r2".into()));
        assert_eq!(
            (s.effects.history, s.effects.scroll, s.anchor.as_str()),
            (HistoryOp::Navigate, Scroll::Anchor, "r2")
        );
        let s = s.reduce(Action::CompareToggle("b-two".into()));
        assert_eq!(
            (s.effects.history, s.effects.scroll, s.anchor.as_str()),
            (HistoryOp::Replace, Scroll::Stay, "r2")
        );
        // …a status message neither moves nor scrolls (its effects are the last change's,
        // already applied)…
        let seq = s.effects.seq;
        let s = s.reduce(Action::Status("链接已复制".into()));
        assert_eq!((s.effects.seq, s.anchor.as_str()), (seq, "r2"));
        // …and a new entry or another page drops it; choosing a filter is no navigation.
        let s = s.reduce(Action::ToggleTheme("economy".into()));
        assert_eq!(
            (
                s.view.page.clone(),
                s.anchor.as_str(),
                s.effects.history,
                s.effects.scroll
            ),
            (Page::Index, "", HistoryOp::Push, Scroll::Stay)
        );
        // Opening a URL takes its anchor, without scrolling (the browser did, on loading it).
        let s = s.reduce(Action::Open {
            rel: "speech/a-one/#r1".into(),
            remembered: None,
        });
        assert_eq!(
            (s.anchor.as_str(), s.effects.scroll, s.effects.history),
            ("r1", Scroll::Stay, HistoryOp::None)
        );
    }

    #[test]
    fn a_remembered_comparison_is_written_into_the_address() {
        let s = Rc::new(AppState::new(Data::computed(tiny()), Page::Compare));
        let opened = s.clone().reduce(Action::Open {
            rel: "compare/".into(),
            remembered: Some("b-two,a-one".into()),
        });
        assert_eq!(
            (opened.view.href().as_str(), opened.effects.history),
            ("compare/?ids=b-two,a-one", HistoryOp::Replace)
        );
        // Nothing (usable) remembered: the address is left as it is.
        let opened = s.clone().reduce(Action::Open {
            rel: "compare/".into(),
            remembered: Some("zz".into()),
        });
        assert_eq!(opened.effects.history, HistoryOp::None);
        // Ids in the URL win over the memory.
        let opened = s.reduce(Action::Open {
            rel: "compare/?ids=c-three".into(),
            remembered: Some("a-one".into()),
        });
        assert_eq!(
            (opened.view.compare.as_slice(), opened.effects.history),
            (&["c-three".to_string()][..], HistoryOp::None)
        );
    }

    #[test]
    fn remembered_comparison_survives_garbage() {
        let d = tiny();
        assert_eq!(
            remembered_compare(&d, "b-two,,zz,b-two,a-one"),
            ["b-two", "a-one"]
        );
        assert!(remembered_compare(&d, "\u{0}<script>").is_empty());
        let s =
            Rc::new(AppState::new(Data::computed(tiny()), Page::Compare)).reduce(Action::Open {
                rel: "compare/".into(),
                remembered: Some("c-three,a-one".into()),
            });
        assert_eq!(s.view.compare, ["c-three", "a-one"]);
    }
}
