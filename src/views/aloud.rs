//! The read-aloud control (朗读): play/pause, stop, previous/next sentence, a status that
//! screen readers hear, and the current sentence marked in the text. The sentences and the
//! cursor are `crate::aloud`; this drives the browser's `speechSynthesis` (a no-op on the host).
//!
//! The sentence is marked without touching what Yew rendered: a CSS custom highlight (a DOM
//! `Range` over the block's text node) and a `data-reading` attribute on the block's element
//! for browsers without highlights. So hydration is never at stake, and the pages stay plain
//! functions of the state. Marking happens only while reading, which starts from a click.

use std::rc::Rc;

use yew::prelude::*;

use super::Store;
use crate::aloud::{Cursor, Phase, Script};
use crate::route::CompareOrder;

/// What a control reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A whole speech (its page), by speech index.
    Speech(usize),
    /// A speech's column of the comparison on screen, by speech index.
    Column(usize),
}

/// Why reading does not work here.
// Only the browser's synthesizer reports these (nothing on the host).
#[cfg_attr(not(feature = "csr"), allow(dead_code))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    NoSynthesis,
    NoVoice,
    /// The synthesizer gave up on a sentence.
    Failed,
}

/// How saying one sentence ended.
// Only the browser's synthesizer reports these (nothing on the host).
#[cfg_attr(not(feature = "csr"), allow(dead_code))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ended,
    /// Cancelled by something else (the system, another tab).
    Interrupted,
    Failed(Problem),
}

#[derive(Debug, Clone, PartialEq)]
struct Reader {
    cursor: Cursor,
    /// Counts the sentences started; an outcome for an older one is stale.
    run: u32,
    /// Found on looking (no synthesizer, no Chinese voice): the control says so instead.
    unavailable: Option<Problem>,
    /// What went wrong while reading: the status says so.
    failed: Option<Problem>,
}

enum Msg {
    Play,
    Pause,
    Stop,
    Next,
    Previous,
    Said(u32, Outcome),
    TakenOver,
    Reset(usize),
    Check(Option<Problem>),
}

impl Reducible for Reader {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut next = (*self).clone();
        let c = self.cursor;
        match msg {
            Msg::Play => {
                next.cursor = c.play();
                next.run += 1;
                next.failed = None;
            }
            Msg::Pause => next.cursor = c.pause(),
            Msg::Stop => next.cursor = c.stop(),
            Msg::Next | Msg::Previous => {
                next.cursor = if matches!(msg, Msg::Next) {
                    c.next()
                } else {
                    c.previous()
                };
                next.run += u32::from(next.cursor != c);
            }
            Msg::Said(run, outcome) if run == self.run => match outcome {
                Outcome::Ended => {
                    next.cursor = c.ended();
                    next.run += 1;
                }
                Outcome::Interrupted => next.cursor = c.stop(),
                Outcome::Failed(p) => {
                    next.cursor = c.stop();
                    next.failed = Some(p);
                }
            },
            Msg::Said(..) => {}
            Msg::TakenOver => next.cursor = c.stop(),
            Msg::Reset(len) => next.cursor = Cursor::new(len),
            Msg::Check(p) => next.unavailable = p,
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ReadAloudProps {
    pub source: Source,
}

/// The control for a page function: `{ read_aloud(Source::Speech(si)) }`.
pub fn read_aloud(source: Source) -> Html {
    html! { <ReadAloud {source} /> }
}

/// Speaks `script`'s sentence `at` for control `owner`, reporting back to `reader`.
fn say(
    owner: u32,
    run: u32,
    script: &Script,
    at: usize,
    rate: f32,
    reader: UseReducerDispatcher<Reader>,
) {
    let Some(text) = script.utterance(at) else {
        return;
    };
    let taken = reader.clone();
    engine::speak(
        owner,
        run,
        &text,
        rate,
        Callback::from(move |o| reader.dispatch(Msg::Said(run, o))),
        Callback::from(move |()| taken.dispatch(Msg::TakenOver)),
    );
}

#[component]
pub fn ReadAloud(props: &ReadAloudProps) -> Html {
    let store = use_context::<Store>().expect("store");
    let data = store.data.clone();
    let d = &data.digest;
    let view = &store.view;
    let (si, column) = match props.source {
        Source::Speech(si) => (si, false),
        Source::Column(si) => (si, true),
    };
    // A speech page's script does not depend on the comparison; a column's does.
    let cols: Vec<usize> = if column {
        view.compare
            .iter()
            .filter_map(|id| d.speech_index(id))
            .collect()
    } else {
        Vec::new()
    };
    let order = if column {
        view.order
    } else {
        CompareOrder::default()
    };
    let deps = (props.source, cols, order);
    let script = {
        let data = data.clone();
        use_memo(deps.clone(), move |(_, cols, order)| {
            if column {
                Script::column(&data.digest, cols, si, *order)
            } else {
                Script::speech(&data.digest, si)
            }
        })
    };
    let reader = use_reducer(|| Reader {
        cursor: Cursor::new(script.len()),
        run: 0,
        unavailable: None,
        failed: None,
    });
    let owner = *use_state(engine::new_owner);
    let node = use_node_ref();
    // Elder mode reads a little slower.
    let rate = if view.display.elder { 0.85 } else { 1.0 };

    // After hydration: can this browser read Chinese? Stop when the page goes away.
    {
        let dispatcher = reader.dispatcher();
        use_effect_with((), move |_| {
            dispatcher.dispatch(Msg::Check(engine::problem()));
            let listeners =
                engine::watch(move || dispatcher.dispatch(Msg::Check(engine::problem())));
            move || {
                drop(listeners);
                engine::stop(owner);
                engine::unmark(owner);
            }
        });
    }
    // Another text to read (the next speech, another comparison): start again.
    {
        let dispatcher = reader.dispatcher();
        let len = script.len();
        use_effect_with(deps, move |_| dispatcher.dispatch(Msg::Reset(len)));
    }
    // Say the current sentence while playing; be silent otherwise.
    {
        let script = script.clone();
        let dispatcher = reader.dispatcher();
        use_effect_with((reader.cursor, reader.run), move |(cursor, run)| {
            if cursor.phase != Phase::Playing {
                engine::stop(owner);
            } else if !engine::is_current(owner, *run) {
                say(owner, *run, &script, cursor.at, rate, dispatcher);
            }
        });
    }
    // Mark the current sentence (while playing or paused), in this speech or column.
    {
        let script = script.clone();
        let node = node.clone();
        use_effect_with(reader.cursor.current(), move |current| {
            match current.and_then(|i| script.mark(i)) {
                Some((text, range)) => engine::mark(
                    owner,
                    &node,
                    if column { "table" } else { "article" },
                    text,
                    range,
                ),
                None => engine::unmark(owner),
            }
        });
    }

    let act = |msg: fn() -> Msg| {
        let dispatcher = reader.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(msg()))
    };
    let phase = reader.cursor.phase;
    let active = reader.cursor.current().is_some();
    let on_play = {
        let dispatcher = reader.dispatcher();
        let script = script.clone();
        let (cursor, run) = (reader.cursor, reader.run);
        Callback::from(move |_: MouseEvent| {
            if phase == Phase::Playing {
                dispatcher.dispatch(Msg::Pause);
                return;
            }
            // Speak within the click: some browsers (iOS) speak only in answer to the reader.
            let next = cursor.play();
            if next.phase == Phase::Playing {
                say(owner, run + 1, &script, next.at, rate, dispatcher.clone());
            }
            dispatcher.dispatch(Msg::Play);
        })
    };
    let status = match (reader.failed, phase) {
        (Some(p), _) => problem_text(p),
        (_, Phase::Playing) => "正在朗读",
        (_, Phase::Paused) => "已暂停",
        (_, Phase::Stopped) => "已停止",
        (_, Phase::Done) => "已读完",
        (_, Phase::Idle) => "",
    };
    let (icon, label) = match phase {
        Phase::Playing => ("‖", "暂停"),
        Phase::Paused => ("▶", "继续"),
        _ if column => ("▶", "朗读"),
        _ => ("▶", "朗读全文"),
    };
    // In a column the speaker's name tells the controls apart (for screen readers).
    let whose = if column {
        Some(d.speeches[si].speaker.name.clone())
    } else {
        None
    };
    let named = |text: &'static str| {
        html! {
            <>
                {text}
                if let Some(name) = &whose { <span class="visually-hidden">{"："}{name}</span> }
            </>
        }
    };
    html! {
        <div class={if column { "aloud needs-app aloud-column" } else { "aloud needs-app" }} role="group"
            aria-label={if column { "朗读这一栏" } else { "朗读" }} ref={node}>
            if let Some(p) = reader.unavailable {
                <span class="aloud-none">{problem_text(p)}</span>
            } else {
                <button type="button" class="aloud-play" onclick={on_play} disabled={script.is_empty()}>
                    <span aria-hidden="true">{icon}</span>{named(label)}
                </button>
            }
            if active {
                <button type="button" class="aloud-stop" onclick={act(|| Msg::Stop)}>
                    <span aria-hidden="true">{"■"}</span>{named("停止")}
                </button>
                if !column {
                    <button type="button" onclick={act(|| Msg::Previous)} disabled={reader.cursor.at == 0}>{"上一句"}</button>
                    <button type="button" onclick={act(|| Msg::Next)} disabled={reader.cursor.at + 1 >= reader.cursor.len}>{"下一句"}</button>
                }
                <span class="aloud-at">
                    {"第"}{(reader.cursor.at + 1).to_string()}{"句／共"}{reader.cursor.len.to_string()}{"句"}
                </span>
            }
            <span class="aloud-status" role="status" aria-live="polite">{status}</span>
        </div>
    }
}

fn problem_text(p: Problem) -> &'static str {
    match p {
        Problem::NoSynthesis => "此浏览器不支持朗读",
        Problem::NoVoice => "此设备没有中文语音，无法朗读",
        Problem::Failed => "朗读出错，已停止",
    }
}

#[cfg(feature = "csr")]
mod engine {
    //! The browser's speech synthesis, one utterance at a time for the whole page.

    use std::cell::{Cell, RefCell};

    use gloo_events::EventListener;
    use js_sys::{Array, Function, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{Element, Node, SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};
    use yew::{Callback, NodeRef};

    use super::{Outcome, Problem};

    /// The utterance being said, whose control it is, and how to tell that control it lost it.
    struct Now {
        owner: u32,
        run: u32,
        taken: Callback<()>,
        // Kept alive until it ends (some browsers drop the events of collected utterances).
        _utterance: SpeechSynthesisUtterance,
        _listeners: [EventListener; 2],
    }

    thread_local! {
        static NOW: RefCell<Option<Now>> = const { RefCell::new(None) };
        static OWNERS: Cell<u32> = const { Cell::new(0) };
        /// The control whose sentence is marked, and the element carrying `data-reading`.
        static MARKED: RefCell<Option<(u32, Element)>> = const { RefCell::new(None) };
    }

    fn get(target: &JsValue, name: &str) -> Option<JsValue> {
        Reflect::get(target, &JsValue::from_str(name))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    }

    fn has(target: &JsValue, name: &str) -> bool {
        get(target, name).is_some()
    }

    /// Calls `target.name(args…)`; `None` where there is no such method or it throws.
    fn call(target: &JsValue, name: &str, args: &[&JsValue]) -> Option<JsValue> {
        let f: Function = get(target, name)?.dyn_into().ok()?;
        f.apply(target, &args.iter().copied().collect::<Array>())
            .ok()
    }

    fn synth() -> Option<SpeechSynthesis> {
        let w = web_sys::window()?;
        if !has(&w, "speechSynthesis") || !has(&w, "SpeechSynthesisUtterance") {
            return None;
        }
        w.speech_synthesis().ok()
    }

    fn voices(s: &SpeechSynthesis) -> Vec<SpeechSynthesisVoice> {
        s.get_voices().iter().map(JsCast::unchecked_into).collect()
    }

    fn chinese(voices: &[SpeechSynthesisVoice]) -> Option<&SpeechSynthesisVoice> {
        let langs: Vec<(String, bool)> = voices
            .iter()
            .map(|v| (v.lang(), v.local_service()))
            .collect();
        crate::aloud::pick_voice(langs.iter().map(|(l, local)| (l.as_str(), *local)))
            .map(|i| &voices[i])
    }

    pub fn new_owner() -> u32 {
        OWNERS.with(|n| {
            n.set(n.get() + 1);
            n.get()
        })
    }

    /// Why reading cannot work, as far as can be told now (the voices may still be loading).
    pub fn problem() -> Option<Problem> {
        let Some(s) = synth() else {
            return Some(Problem::NoSynthesis);
        };
        let v = voices(&s);
        (!v.is_empty() && chinese(&v).is_none()).then_some(Problem::NoVoice)
    }

    /// Calls `changed` when the voices arrive; stops reading when the page is left.
    pub fn watch(changed: impl Fn() + 'static) -> Vec<EventListener> {
        let mut out = Vec::new();
        if let Some(s) = synth().filter(|s| has(s, "addEventListener")) {
            out.push(EventListener::new(&s, "voiceschanged", move |_| changed()));
        }
        if let Some(w) = web_sys::window() {
            out.push(EventListener::new(&w, "pagehide", |_| stop_all()));
        }
        out
    }

    pub fn is_current(owner: u32, run: u32) -> bool {
        NOW.with(|n| {
            n.borrow()
                .as_ref()
                .is_some_and(|now| now.owner == owner && now.run == run)
        })
    }

    /// Silences the synthesizer; the control that was reading is told when it is not `owner`.
    fn hush(s: Option<&SpeechSynthesis>, owner: u32) {
        // Take the utterance and drop its listeners first, so cancelling reports nothing.
        let taken = NOW
            .with(|n| n.borrow_mut().take())
            .and_then(|now| (now.owner != owner).then_some(now.taken));
        if let Some(s) = s {
            if s.speaking() || s.pending() {
                s.cancel();
            }
        }
        if let Some(taken) = taken {
            taken.emit(());
        }
    }

    pub fn speak(
        owner: u32,
        run: u32,
        text: &str,
        rate: f32,
        said: Callback<Outcome>,
        taken: Callback<()>,
    ) {
        let s = synth();
        hush(s.as_ref(), owner);
        let Some(s) = s else {
            return said.emit(Outcome::Failed(Problem::NoSynthesis));
        };
        let Ok(u) = SpeechSynthesisUtterance::new_with_text(text) else {
            return said.emit(Outcome::Failed(Problem::Failed));
        };
        u.set_lang("zh-CN");
        u.set_rate(rate);
        let v = voices(&s);
        match chinese(&v) {
            Some(voice) => u.set_voice(Some(voice)),
            // No list yet: the browser picks a voice for zh-CN, or reports an error.
            None if v.is_empty() => {}
            None => return said.emit(Outcome::Failed(Problem::NoVoice)),
        }
        let ended = said.clone();
        let end = EventListener::new(&u, "end", move |_| ended.emit(Outcome::Ended));
        let error = EventListener::new(&u, "error", move |e| {
            let code = get(e, "error").and_then(|c| c.as_string());
            said.emit(match code.as_deref().unwrap_or("") {
                "interrupted" | "canceled" => Outcome::Interrupted,
                "language-unavailable" | "voice-unavailable" => Outcome::Failed(Problem::NoVoice),
                "synthesis-unavailable" => Outcome::Failed(Problem::NoSynthesis),
                _ => Outcome::Failed(Problem::Failed),
            })
        });
        if s.paused() {
            s.resume();
        }
        s.speak(&u);
        NOW.with(|n| {
            *n.borrow_mut() = Some(Now {
                owner,
                run,
                taken,
                _utterance: u,
                _listeners: [end, error],
            })
        });
    }

    /// Stops `owner`'s reading (another control's is left alone).
    pub fn stop(owner: u32) {
        if NOW.with(|n| n.borrow().as_ref().is_some_and(|now| now.owner == owner)) {
            hush(synth().as_ref(), owner);
        }
    }

    fn stop_all() {
        if let Some(s) = synth() {
            NOW.with(|n| n.borrow_mut().take());
            s.cancel();
        }
    }

    /// The first text node under `node` that says exactly `text`.
    fn find(node: &Node, text: &str) -> Option<Node> {
        let mut child = node.first_child();
        while let Some(c) = child {
            if c.node_type() == Node::TEXT_NODE {
                if c.node_value().as_deref() == Some(text) {
                    return Some(c);
                }
            } else if let Some(found) = find(&c, text) {
                return Some(found);
            }
            child = c.next_sibling();
        }
        None
    }

    /// Marks `range` (UTF-16 units) of the text `text` shown in the `scope` (a CSS selector
    /// for the closest ancestor of the control `at`) and scrolls it into view.
    pub fn mark(owner: u32, at: &NodeRef, scope: &str, text: &str, range: std::ops::Range<u32>) {
        unmark_any();
        let Some(scope) = at
            .cast::<Element>()
            .and_then(|e| e.closest(scope).ok().flatten())
        else {
            return;
        };
        let Some(node) = find(&scope, text) else {
            return;
        };
        let Some(el) = node.parent_element() else {
            return;
        };
        let _ = el.set_attribute("data-reading", "");
        MARKED.with(|m| *m.borrow_mut() = Some((owner, el.clone())));
        let w: JsValue = web_sys::window().into();
        if let (Some(highlights), Some(make), Some(doc)) = (
            get(&w, "CSS").and_then(|c| get(&c, "highlights")),
            get(&w, "Highlight"),
            get(&w, "document"),
        ) {
            if let Some(r) = call(&doc, "createRange", &[]) {
                call(&r, "setStart", &[&node, &range.start.into()]);
                call(&r, "setEnd", &[&node, &range.end.into()]);
                if let Ok(h) = Reflect::construct(make.unchecked_ref::<Function>(), &Array::of1(&r))
                {
                    call(&highlights, "set", &[&"reading".into(), &h]);
                }
            }
        }
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
        opts.set_inline(web_sys::ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&opts);
    }

    fn unmark_any() {
        if let Some((_, el)) = MARKED.with(|m| m.borrow_mut().take()) {
            let _ = el.remove_attribute("data-reading");
        }
        let w: JsValue = web_sys::window().into();
        if let Some(highlights) = get(&w, "CSS").and_then(|c| get(&c, "highlights")) {
            call(&highlights, "delete", &[&"reading".into()]);
        }
    }

    /// Clears the mark if it is `owner`'s.
    pub fn unmark(owner: u32) {
        if MARKED.with(|m| m.borrow().as_ref().is_some_and(|(o, _)| *o == owner)) {
            unmark_any();
        }
    }
}

#[cfg(not(feature = "csr"))]
mod engine {
    use yew::{Callback, NodeRef};

    use super::{Outcome, Problem};

    pub fn new_owner() -> u32 {
        0
    }
    pub fn problem() -> Option<Problem> {
        None
    }
    pub fn watch(_: impl Fn() + 'static) -> Vec<()> {
        Vec::new()
    }
    pub fn is_current(_: u32, _: u32) -> bool {
        false
    }
    pub fn speak(_: u32, _: u32, _: &str, _: f32, _: Callback<Outcome>, _: Callback<()>) {}
    pub fn stop(_: u32) {}
    pub fn mark(_: u32, _: &NodeRef, _: &str, _: &str, _: std::ops::Range<u32>) {}
    pub fn unmark(_: u32) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader() -> Rc<Reader> {
        Rc::new(Reader {
            cursor: Cursor::new(3),
            run: 0,
            unavailable: None,
            failed: None,
        })
    }

    #[test]
    fn stale_outcomes_are_ignored_and_failures_stop() {
        let r = reader().reduce(Msg::Play);
        assert_eq!((r.cursor.phase, r.run), (Phase::Playing, 1));
        let same = r.clone().reduce(Msg::Said(0, Outcome::Ended));
        assert!(Rc::ptr_eq(&r, &same));
        let r = r.reduce(Msg::Said(1, Outcome::Ended));
        assert_eq!((r.cursor.at, r.run), (1, 2));
        let failed = r
            .clone()
            .reduce(Msg::Said(2, Outcome::Failed(Problem::NoVoice)));
        assert_eq!(
            (failed.cursor.phase, failed.failed),
            (Phase::Stopped, Some(Problem::NoVoice))
        );
        assert_eq!(failed.reduce(Msg::Play).failed, None);
        let taken = r.reduce(Msg::TakenOver);
        assert_eq!(taken.cursor.phase, Phase::Stopped);
        assert_eq!(taken.reduce(Msg::Play).cursor.current(), Some(0));
    }
}
