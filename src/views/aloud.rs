//! The read-aloud control (朗读): play/pause, stop, previous/next sentence, a status that
//! screen readers hear, and the current sentence marked in the text. The sentences and the
//! cursor are `crate::aloud`; this drives the browser's `speechSynthesis` through `platform::speech`.
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
use crate::platform::speech::{self as engine, Outcome, Problem};
use crate::route::CompareOrder;

/// What a control reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A whole speech (its page), by speech index.
    Speech(usize),
    /// A speech's column of the comparison on screen, by speech index.
    Column(usize),
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
