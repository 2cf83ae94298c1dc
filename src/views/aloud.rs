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

use yew::context::ContextHandle;

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

pub enum Msg {
    Play,
    Pause,
    Stop,
    Said(u32, Outcome),
    TakenOver,
    Check(Option<Problem>),
    /// The app's state changed (another page, another comparison, elder mode).
    Store(Store),
}

impl Reader {
    fn new(len: usize, unavailable: Option<Problem>) -> Self {
        Reader {
            cursor: Cursor::new(len),
            run: 0,
            unavailable,
            failed: None,
        }
    }

    /// The reader after `msg` (pure; `Msg::Store` is the component's business).
    fn reduce(&self, msg: Msg) -> Reader {
        let mut next = self.clone();
        let c = self.cursor;
        match msg {
            Msg::Play => {
                next.cursor = c.play();
                next.run += 1;
                next.failed = None;
            }
            Msg::Pause => next.cursor = c.pause(),
            Msg::Stop | Msg::TakenOver => next.cursor = c.stop(),
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
            Msg::Check(p) => next.unavailable = p,
            Msg::Said(..) | Msg::Store(_) => {}
        }
        next
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

/// What a control reads, and what that depends on (a column: the comparison and its order).
type Key = (Source, Vec<usize>, CompareOrder);

fn text(store: &Store, source: Source) -> (Key, Rc<Script>) {
    let d = &store.data.digest;
    let view = &store.view;
    let script = match source {
        Source::Speech(si) => Script::speech(d, si),
        Source::Column(si) => {
            let cols: Vec<usize> = view
                .compare
                .iter()
                .filter_map(|id| d.speech_index(id))
                .collect();
            let script = Script::column(d, &cols, si, view.order);
            return ((source, cols, view.order), Rc::new(script));
        }
    };
    (
        (source, Vec::new(), CompareOrder::default()),
        Rc::new(script),
    )
}

/// Speaks `script`'s sentence `at` for the control `owner`, reporting back to it.
fn say(
    owner: &NodeRef,
    run: u32,
    script: &Script,
    at: usize,
    rate: f32,
    link: &html::Scope<ReadAloud>,
) {
    let Some(text) = script.utterance(at) else {
        return;
    };
    engine::speak(
        owner,
        run,
        &text,
        rate,
        link.callback(move |o| Msg::Said(run, o)),
        link.callback(|()| Msg::TakenOver),
    );
}

/// The control: two buttons and a status; the icons are CSS. A struct component (no hooks),
/// which is smaller in the wasm; its node identifies it to the engine.
pub struct ReadAloud {
    store: Store,
    _store: ContextHandle<Store>,
    key: Key,
    script: Rc<Script>,
    reader: Reader,
    node: NodeRef,
    /// The cursor and sentence count `rendered` last acted on.
    acted: Option<(Cursor, u32)>,
    listeners: Vec<engine::Listener>,
}

impl ReadAloud {
    fn rate(&self) -> f32 {
        // Elder mode reads a little slower.
        if self.store.view.display.elder {
            0.85
        } else {
            1.0
        }
    }
}

impl Component for ReadAloud {
    type Message = Msg;
    type Properties = ReadAloudProps;

    fn create(ctx: &Context<Self>) -> Self {
        let (store, handle) = ctx
            .link()
            .context::<Store>(ctx.link().callback(Msg::Store))
            .expect("store");
        let (key, script) = text(&store, ctx.props().source);
        ReadAloud {
            reader: Reader::new(script.len(), None),
            store,
            _store: handle,
            key,
            script,
            node: NodeRef::default(),
            acted: None,
            listeners: Vec::new(),
        }
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        if let Msg::Store(store) = msg {
            self.store = store;
            return Component::changed(self, ctx, ctx.props());
        }
        let next = self.reader.reduce(msg);
        let changed = next != self.reader;
        self.reader = next;
        changed
    }

    /// Another text to read (the next speech, a reordered comparison): start again.
    fn changed(&mut self, ctx: &Context<Self>, _: &ReadAloudProps) -> bool {
        let (key, script) = text(&self.store, ctx.props().source);
        if key != self.key {
            engine::stop(&self.node);
            engine::unmark(&self.node);
            self.reader = Reader::new(script.len(), self.reader.unavailable);
            self.key = key;
        }
        self.script = script;
        true
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let reader = &self.reader;
        let phase = reader.cursor.phase;
        let column = matches!(ctx.props().source, Source::Column(_));
        let on_play = {
            let link = ctx.link().clone();
            let (cursor, run, node, script, rate) = (
                reader.cursor,
                reader.run,
                self.node.clone(),
                self.script.clone(),
                self.rate(),
            );
            Callback::from(move |_: MouseEvent| {
                if phase == Phase::Playing {
                    return link.send_message(Msg::Pause);
                }
                // Speak within the click: some browsers (iOS) speak only in answer to the reader.
                let next = cursor.play();
                if next.phase == Phase::Playing {
                    say(&node, run + 1, &script, next.at, rate, &link);
                }
                link.send_message(Msg::Play);
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
        let label = match phase {
            Phase::Playing => "暂停",
            Phase::Paused => "继续",
            _ if column => "朗读",
            _ => "朗读全文",
        };
        // In a column the speaker's name tells the controls apart.
        let name = |what: &str| match ctx.props().source {
            Source::Column(si) => Some(
                [
                    what,
                    "：",
                    &self.store.data.digest.speeches[si].speaker.name,
                ]
                .concat(),
            ),
            Source::Speech(_) => None,
        };
        html! {
            <div class={if column { "aloud needs-app aloud-column" } else { "aloud needs-app" }} role="group"
                aria-label={if column { "朗读这一栏" } else { "朗读" }} ref={self.node.clone()}>
                if let Some(p) = reader.unavailable {
                    <span class="aloud-none">{problem_text(p)}</span>
                } else {
                    <button type="button" class={if phase == Phase::Playing { "aloud-play pause" } else { "aloud-play" }}
                        onclick={on_play} disabled={self.script.is_empty()} aria-label={name(label)}>{label}</button>
                }
                <button type="button" class="aloud-stop" onclick={ctx.link().callback(|_| Msg::Stop)}
                    hidden={reader.cursor.current().is_none()} aria-label={name("停止")}>{"停止"}</button>
                <span class="aloud-status" role="status" aria-live="polite">{status}</span>
            </div>
        }
    }

    /// After hydration: can this browser read Chinese? Then, after each change: say the current
    /// sentence while playing, be silent otherwise; mark it while playing or paused.
    fn rendered(&mut self, ctx: &Context<Self>, first: bool) {
        if first {
            ctx.link().send_message(Msg::Check(engine::problem()));
            let link = ctx.link().clone();
            self.listeners =
                engine::watch(move || link.send_message(Msg::Check(engine::problem())));
        }
        let (cursor, run) = (self.reader.cursor, self.reader.run);
        if self.acted == Some((cursor, run)) {
            return;
        }
        self.acted = Some((cursor, run));
        if cursor.phase != Phase::Playing {
            engine::stop(&self.node);
        } else if !engine::is_current(&self.node, run) {
            say(
                &self.node,
                run,
                &self.script,
                cursor.at,
                self.rate(),
                ctx.link(),
            );
        }
        let scope = if matches!(ctx.props().source, Source::Column(_)) {
            "table"
        } else {
            "article"
        };
        match cursor.current().and_then(|i| self.script.mark(i)) {
            Some((text, range)) => engine::mark(&self.node, scope, text, range),
            None => engine::unmark(&self.node),
        }
    }

    /// The control goes (the reader left the page): stop.
    fn destroy(&mut self, _: &Context<Self>) {
        engine::stop(&self.node);
        engine::unmark(&self.node);
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
    //! The browser's speech synthesis, one utterance at a time for the whole page. A control
    //! is known by its node (`NodeRef`s compare by identity).

    use std::cell::RefCell;
    use std::ops::Range;

    use gloo_events::EventListener;
    use js_sys::{Array, Function, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{Element, Node, SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};
    use yew::{Callback, NodeRef};

    use super::{Outcome, Problem};

    /// The utterance being said, whose control it is, and how to tell that control it lost it.
    struct Now {
        owner: NodeRef,
        run: u32,
        taken: Callback<()>,
        // Kept alive until it ends (some browsers drop the events of collected utterances).
        _utterance: SpeechSynthesisUtterance,
        _listeners: [EventListener; 2],
    }

    thread_local! {
        static NOW: RefCell<Option<Now>> = const { RefCell::new(None) };
        /// The control whose sentence is marked, and the element carrying `data-reading`.
        static MARKED: RefCell<Option<(NodeRef, Element)>> = const { RefCell::new(None) };
    }

    fn get(target: &JsValue, name: &str) -> Option<JsValue> {
        Reflect::get(target, &JsValue::from_str(name))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    }

    /// Calls `target.name(args…)`; `None` where there is no such method or it throws.
    fn call(target: &JsValue, name: &str, args: &[&JsValue]) -> Option<JsValue> {
        let f: Function = get(target, name)?.dyn_into().ok()?;
        f.apply(target, &args.iter().copied().collect::<Array>())
            .ok()
    }

    fn synth() -> Option<SpeechSynthesis> {
        let w = web_sys::window()?;
        get(&w, "SpeechSynthesisUtterance")?;
        get(&w, "speechSynthesis").map(JsCast::unchecked_into)
    }

    /// The browser's voices, and the one to read Chinese with.
    fn voice(s: &SpeechSynthesis) -> (usize, Option<SpeechSynthesisVoice>) {
        let all: Vec<SpeechSynthesisVoice> =
            s.get_voices().iter().map(JsCast::unchecked_into).collect();
        let best = crate::aloud::pick_voice(all.iter().map(|v| (v.lang(), v.local_service())));
        (all.len(), best.map(|i| all[i].clone()))
    }

    /// Why reading cannot work, as far as can be told now (the voices may still be loading).
    pub fn problem() -> Option<Problem> {
        let Some(s) = synth() else {
            return Some(Problem::NoSynthesis);
        };
        match voice(&s) {
            (n, None) if n > 0 => Some(Problem::NoVoice),
            _ => None,
        }
    }

    pub type Listener = EventListener;

    /// Calls `changed` when the voices arrive; stops reading when the page is left.
    pub fn watch(changed: impl Fn() + 'static) -> Vec<EventListener> {
        let mut out = Vec::new();
        if let Some(s) = synth().filter(|s| get(s, "addEventListener").is_some()) {
            out.push(EventListener::new(&s, "voiceschanged", move |_| changed()));
        }
        if let Some(w) = web_sys::window() {
            out.push(EventListener::new(&w, "pagehide", |_| hush(None)));
        }
        out
    }

    pub fn is_current(owner: &NodeRef, run: u32) -> bool {
        NOW.with(|n| {
            n.borrow()
                .as_ref()
                .is_some_and(|now| now.owner == *owner && now.run == run)
        })
    }

    /// Silences the synthesizer; the control that was reading is told, unless it is `owner`.
    fn hush(owner: Option<&NodeRef>) {
        // Take the utterance and drop its listeners first, so cancelling reports nothing.
        let before = NOW.with(|n| n.borrow_mut().take());
        let taken = before.and_then(|now| (Some(&now.owner) != owner).then_some(now.taken));
        if let Some(s) = synth() {
            if s.speaking() || s.pending() {
                s.cancel();
            }
        }
        if let Some(taken) = taken {
            taken.emit(());
        }
    }

    pub fn speak(
        owner: &NodeRef,
        run: u32,
        text: &str,
        rate: f32,
        said: Callback<Outcome>,
        taken: Callback<()>,
    ) {
        hush(Some(owner));
        let Some(s) = synth() else {
            return said.emit(Outcome::Failed(Problem::NoSynthesis));
        };
        let Ok(u) = SpeechSynthesisUtterance::new_with_text(text) else {
            return said.emit(Outcome::Failed(Problem::Failed));
        };
        u.set_lang("zh-CN");
        u.set_rate(rate);
        match voice(&s) {
            (_, Some(v)) => u.set_voice(Some(&v)),
            // No list yet: the browser picks a voice for zh-CN, or reports an error.
            (0, None) => {}
            _ => return said.emit(Outcome::Failed(Problem::NoVoice)),
        }
        let ended = said.clone();
        let end = EventListener::new(&u, "end", move |_| ended.emit(Outcome::Ended));
        let error = EventListener::new(&u, "error", move |e| {
            let code = get(e, "error")
                .and_then(|c| c.as_string())
                .unwrap_or_default();
            said.emit(match code.as_str() {
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
        let now = Now {
            owner: owner.clone(),
            run,
            taken,
            _utterance: u,
            _listeners: [end, error],
        };
        NOW.with(|n| *n.borrow_mut() = Some(now));
    }

    /// Stops `owner`'s reading (another control's is left alone).
    pub fn stop(owner: &NodeRef) {
        if NOW.with(|n| n.borrow().as_ref().is_some_and(|now| now.owner == *owner)) {
            hush(Some(owner));
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

    fn highlights() -> Option<JsValue> {
        get(&get(&web_sys::window()?.into(), "CSS")?, "highlights")
    }

    /// Marks `range` (UTF-16 units) of `text` where it is shown within `scope` (a CSS selector
    /// for the closest ancestor of the control `owner`), and scrolls it into view.
    pub fn mark(owner: &NodeRef, scope: &str, text: &str, range: Range<u32>) {
        unmark_any();
        let Some(scope) = owner
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
        MARKED.with(|m| *m.borrow_mut() = Some((owner.clone(), el.clone())));
        let w: JsValue = web_sys::window().into();
        if let (Some(all), Some(make), Some(doc)) =
            (highlights(), get(&w, "Highlight"), get(&w, "document"))
        {
            if let Some(r) = call(&doc, "createRange", &[]) {
                call(&r, "setStart", &[&node, &range.start.into()]);
                call(&r, "setEnd", &[&node, &range.end.into()]);
                if let Ok(h) = Reflect::construct(make.unchecked_ref::<Function>(), &Array::of1(&r))
                {
                    call(&all, "set", &[&"reading".into(), &h]);
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
        if let Some(all) = highlights() {
            call(&all, "delete", &[&"reading".into()]);
        }
    }

    /// Clears the mark if it is `owner`'s.
    pub fn unmark(owner: &NodeRef) {
        if MARKED.with(|m| m.borrow().as_ref().is_some_and(|(o, _)| o == owner)) {
            unmark_any();
        }
    }
}

#[cfg(not(feature = "csr"))]
mod engine {
    use yew::{Callback, NodeRef};

    use super::{Outcome, Problem};

    pub fn problem() -> Option<Problem> {
        None
    }
    pub type Listener = ();

    pub fn watch(_: impl Fn() + 'static) -> Vec<()> {
        Vec::new()
    }
    pub fn is_current(_: &NodeRef, _: u32) -> bool {
        false
    }
    pub fn speak(_: &NodeRef, _: u32, _: &str, _: f32, _: Callback<Outcome>, _: Callback<()>) {}
    pub fn stop(_: &NodeRef) {}
    pub fn mark(_: &NodeRef, _: &str, _: &str, _: std::ops::Range<u32>) {}
    pub fn unmark(_: &NodeRef) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_outcomes_are_ignored_and_failures_stop() {
        let r = Reader::new(3, None).reduce(Msg::Play);
        assert_eq!((r.cursor.phase, r.run), (Phase::Playing, 1));
        assert_eq!(r.reduce(Msg::Said(0, Outcome::Ended)), r);
        let r = r.reduce(Msg::Said(1, Outcome::Ended));
        assert_eq!((r.cursor.at, r.run), (1, 2));
        let failed = r.reduce(Msg::Said(2, Outcome::Failed(Problem::NoVoice)));
        assert_eq!(
            (failed.cursor.phase, failed.failed),
            (Phase::Stopped, Some(Problem::NoVoice))
        );
        assert_eq!(failed.reduce(Msg::Play).failed, None);
        let taken = r.reduce(Msg::TakenOver);
        assert_eq!(taken.cursor.phase, Phase::Stopped);
        assert_eq!(taken.reduce(Msg::Play).cursor.current(), Some(0));
        let paused = r.reduce(Msg::Pause);
        assert_eq!(
            (paused.cursor.phase, paused.cursor.current()),
            (Phase::Paused, Some(1))
        );
        assert_eq!(
            paused.reduce(Msg::Said(2, Outcome::Ended)).cursor,
            paused.cursor
        );
    }

    #[test]
    fn what_the_browser_can_do_is_kept_apart_from_what_went_wrong() {
        let r = Reader::new(2, None).reduce(Msg::Check(Some(Problem::NoVoice)));
        assert_eq!((r.unavailable, r.failed), (Some(Problem::NoVoice), None));
        assert_eq!(r.reduce(Msg::Check(None)).unavailable, None);
    }
}
