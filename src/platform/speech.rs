//! The browser's speech synthesis, one utterance at a time for the whole page. A control
//! is known by its node (`NodeRef`s compare by identity). Marking the sentence being read
//! uses a CSS custom highlight and a `data-reading` attribute, never the nodes Yew rendered.

use std::cell::RefCell;
use std::ops::Range;

use gloo_events::EventListener;
use js_sys::{Array, Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Node, SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};
use yew::{Callback, NodeRef};

use super::window;

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
    let w = window()?;
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
    if let Some(w) = window() {
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
    get(&get(&window()?.into(), "CSS")?, "highlights")
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
    let w: JsValue = window().into();
    if let (Some(all), Some(make), Some(doc)) =
        (highlights(), get(&w, "Highlight"), get(&w, "document"))
    {
        if let Some(r) = call(&doc, "createRange", &[]) {
            call(&r, "setStart", &[&node, &range.start.into()]);
            call(&r, "setEnd", &[&node, &range.end.into()]);
            if let Ok(h) = Reflect::construct(make.unchecked_ref::<Function>(), &Array::of1(&r)) {
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

/// Why reading does not work here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    NoSynthesis,
    NoVoice,
    /// The synthesizer gave up on a sentence.
    Failed,
}

/// How saying one sentence ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ended,
    /// Cancelled by something else (the system, another tab).
    Interrupted,
    Failed(Problem),
}
