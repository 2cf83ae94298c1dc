//! Read aloud (朗读): a speech, or one column of a comparison, as the sentences a speech
//! synthesizer says one by one, and where the reader is. DOM-free: `views::aloud` drives the
//! browser's `speechSynthesis` with it and marks the current sentence in the page.

use std::ops::Range;

use crate::cite;
use crate::compare;
use crate::model::Digest;
use crate::route::CompareOrder;
use crate::search::Place;

/// Sentence ends: the full stop, exclamation, question mark and semicolon (full and half width).
const ENDS: [char; 7] = ['。', '！', '？', '；', '!', '?', ';'];
/// Closing quotes and brackets: after a sentence end they belong to that sentence.
const CLOSERS: [char; 10] = ['”', '’', '」', '』', '）', '》', '】', '〉', '〕', ')'];

fn is_line_end(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// Splits text into sentences, as byte ranges that cover it exactly, in order: a sentence ends
/// at 。！？； (closing quotes and brackets after them stay with it) or at a line end; white
/// space after the end belongs to the sentence. Every range has some text that is not white
/// space, unless the whole text is white space (then it is one range); empty text has none.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let line_end = is_line_end(c);
        if !line_end && !ENDS.contains(&c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        // More ends and the closers after a sentence end; then any white space.
        let mut closing = !line_end;
        while let Some(&(j, d)) = chars.peek() {
            if d.is_whitespace() {
                closing = false;
            } else if !(closing && (ENDS.contains(&d) || CLOSERS.contains(&d))) {
                break;
            }
            end = j + d.len_utf8();
            chars.next();
        }
        // White space alone is no sentence: it leads the next one.
        if !text[start..end].trim().is_empty() {
            out.push(start..end);
            start = end;
        }
    }
    if start < text.len() {
        match out.last_mut() {
            Some(last) if text[start..].trim().is_empty() => last.end = text.len(),
            _ => out.push(start..text.len()),
        }
    }
    out
}

/// A piece of text exactly as the page shows it: in which speech, where, and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub speech: usize,
    pub place: Place,
    /// Said before the block's first sentence but not shown with it (the ordinal "一是，").
    pub intro: String,
    pub text: String,
}

/// One sentence: an index into the script's blocks and a byte range of that block's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub block: usize,
    pub range: Range<usize>,
}

/// What the page marks while a sentence is read: where, and which bytes of that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    pub speech: usize,
    pub place: Place,
    pub range: Range<usize>,
}

/// Everything read aloud, in reading order, cut into sentences.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Script {
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
}

impl Script {
    pub fn new(blocks: Vec<Block>) -> Self {
        let mut sentences = Vec::new();
        for (b, block) in blocks.iter().enumerate() {
            for range in split(&block.text) {
                if !block.text[range.clone()].trim().is_empty() {
                    sentences.push(Sentence { block: b, range });
                }
            }
        }
        Script { blocks, sentences }
    }

    /// A speech as its page shows it: title, speaker, problem statement, lead-in, and each
    /// recommendation with its ordinal. The editors' notes are not the member's words: not read.
    pub fn speech(d: &Digest, si: usize) -> Self {
        let s = &d.speeches[si];
        let block = |place, intro: &str, text: &str| Block {
            speech: si,
            place,
            intro: intro.to_string(),
            text: text.to_string(),
        };
        let mut blocks = vec![
            block(Place::Title, "", cite::display_title(s)),
            block(Place::Speaker, "", &s.speaker.name),
        ];
        if let Some(body) = &s.speaker.on_behalf_of {
            blocks.push(block(Place::Affiliation, "代表", body));
        }
        for (i, p) in s.background.iter().enumerate() {
            blocks.push(block(Place::Background(i), "", p));
        }
        blocks.push(block(Place::LeadIn, "", &s.lead_in));
        for (i, r) in s.recommendations.iter().enumerate() {
            let intro = if r.label.is_empty() {
                String::new()
            } else {
                format!("{}，", r.label)
            };
            blocks.push(block(Place::Headline(i), &intro, &r.headline));
            blocks.push(block(Place::Details(i), "", &r.details));
        }
        Script::new(blocks)
    }

    /// One column of the comparison of `columns` (speech indices): the speaker, the title,
    /// then the recommendations top to bottom as the table shows them, each with its row's
    /// measure (when aligned by measure) and its ordinal.
    pub fn column(d: &Digest, columns: &[usize], si: usize, order: CompareOrder) -> Self {
        let s = &d.speeches[si];
        let mut blocks = vec![
            Block {
                speech: si,
                place: Place::Speaker,
                intro: String::new(),
                text: s.speaker.name.clone(),
            },
            Block {
                speech: si,
                place: Place::Title,
                intro: String::new(),
                text: cite::display_title(s).to_string(),
            },
        ];
        let mut rec = |row: &str, ri: usize| {
            let r = &s.recommendations[ri];
            let ordinal = if r.label.is_empty() {
                format!("建议{}", cite::cn_number(ri + 1))
            } else {
                r.label.clone()
            };
            blocks.push(Block {
                speech: si,
                place: Place::Headline(ri),
                intro: format!("{row}{ordinal}，"),
                text: r.headline.clone(),
            });
            blocks.push(Block {
                speech: si,
                place: Place::Details(ri),
                intro: String::new(),
                text: r.details.clone(),
            });
        };
        match (order, columns.iter().position(|&c| c == si)) {
            (CompareOrder::ByMeasure, Some(col)) => {
                for row in compare::align(d, columns) {
                    let name = row.measure.map_or("其他", |m| d.measures[m].name.as_str());
                    for &ri in &row.cells[col] {
                        rec(&format!("{name}："), ri);
                    }
                }
            }
            _ => (0..s.recommendations.len()).for_each(|ri| rec("", ri)),
        }
        Script::new(blocks)
    }

    pub fn len(&self) -> usize {
        self.sentences.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sentences.is_empty()
    }

    /// What the synthesizer says for sentence `i`: its text, after the block's intro when it
    /// is the block's first sentence.
    pub fn utterance(&self, i: usize) -> Option<String> {
        let s = self.sentences.get(i)?;
        let block = &self.blocks[s.block];
        let text = block.text[s.range.clone()].trim();
        let first = i == 0 || self.sentences[i - 1].block != s.block;
        Some(if first {
            format!("{}{text}", block.intro)
        } else {
            text.to_string()
        })
    }

    /// What to mark while sentence `i` is read: its range without the white space around it.
    pub fn highlight(&self, i: usize) -> Option<Highlight> {
        let s = self.sentences.get(i)?;
        let block = &self.blocks[s.block];
        let text = &block.text[s.range.clone()];
        let start = s.range.start + (text.len() - text.trim_start().len());
        let end = s.range.start + text.trim_end().len();
        Some(Highlight {
            speech: block.speech,
            place: block.place,
            range: start..end,
        })
    }

    /// The same for the page: the text of the sentence's block as shown, and where the
    /// sentence is in it in UTF-16 code units (what a DOM `Range` counts).
    pub fn mark(&self, i: usize) -> Option<(&str, Range<u32>)> {
        let h = self.highlight(i)?;
        let text = self.blocks[self.sentences[i].block].text.as_str();
        let units = |to: usize| text[..to].encode_utf16().count() as u32;
        Some((text, units(h.range.start)..units(h.range.end)))
    }
}

/// Where the reader is in its script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Not started.
    Idle,
    Playing,
    Paused,
    /// Stopped by the reader (or by another reading taking over).
    Stopped,
    /// Read to the end.
    Done,
}

/// A reading cursor over a script of `len` sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub at: usize,
    pub len: usize,
    pub phase: Phase,
}

impl Cursor {
    pub fn new(len: usize) -> Self {
        Cursor {
            at: 0,
            len,
            phase: Phase::Idle,
        }
    }

    /// The sentence being read, or where reading will resume; none when not reading.
    pub fn current(self) -> Option<usize> {
        matches!(self.phase, Phase::Playing | Phase::Paused).then_some(self.at)
    }

    /// Play: resume where paused, else start from the beginning (nothing to read: nothing happens).
    pub fn play(self) -> Self {
        match self.phase {
            _ if self.len == 0 => self,
            Phase::Paused => Cursor {
                phase: Phase::Playing,
                ..self
            },
            Phase::Playing => self,
            _ => Cursor {
                at: 0,
                phase: Phase::Playing,
                ..self
            },
        }
    }

    pub fn pause(self) -> Self {
        match self.phase {
            Phase::Playing => Cursor {
                phase: Phase::Paused,
                ..self
            },
            _ => self,
        }
    }

    pub fn stop(self) -> Self {
        match self.phase {
            Phase::Playing | Phase::Paused => Cursor {
                at: 0,
                phase: Phase::Stopped,
                ..self
            },
            _ => self,
        }
    }

    /// The current sentence was said: on to the next, or done after the last.
    pub fn ended(self) -> Self {
        match self.phase {
            Phase::Playing if self.at + 1 < self.len => Cursor {
                at: self.at + 1,
                ..self
            },
            Phase::Playing => Cursor {
                at: 0,
                phase: Phase::Done,
                ..self
            },
            _ => self,
        }
    }

    /// Skip to the next sentence (while reading or paused; not past the last).
    pub fn next(self) -> Self {
        match self.current() {
            Some(at) if at + 1 < self.len => Cursor { at: at + 1, ..self },
            _ => self,
        }
    }

    /// Back to the previous sentence (while reading or paused; not before the first).
    pub fn previous(self) -> Self {
        match self.current() {
            Some(at) if at > 0 => Cursor { at: at - 1, ..self },
            _ => self,
        }
    }
}

/// Which of the browser's voices reads Chinese best, by language tag (`zh-CN`, `zh_CN`,
/// `cmn-Hans-CN`) and whether it runs on the device (remote voices stop mid-way in some
/// browsers): Mandarin as spoken in the mainland first, then other Mandarin, then Cantonese.
/// `None` when no voice speaks Chinese.
pub fn pick_voice<S: AsRef<str>>(voices: impl IntoIterator<Item = (S, bool)>) -> Option<usize> {
    let rank = |lang: &str| -> u8 {
        let is = |tag: &str, names: &[&str]| names.iter().any(|n| tag.eq_ignore_ascii_case(n));
        let mut tags = lang.split(['-', '_']);
        let first = tags.next().unwrap_or("");
        if is(first, &["yue"]) {
            return 1;
        }
        if !is(first, &["zh", "cmn"]) {
            return 0;
        }
        let mut rank = 3;
        for tag in tags {
            if is(tag, &["hk", "mo", "yue"]) {
                return 1;
            }
            if is(tag, &["tw", "hant"]) {
                rank = 2;
            }
        }
        rank
    };
    let mut best: Option<(usize, u8)> = None;
    for (i, (lang, local)) in voices.into_iter().enumerate() {
        let r = rank(lang.as_ref());
        let score = r * 2 + u8::from(local);
        if r > 0 && best.is_none_or(|(_, b)| score > b) {
            best = Some((i, score));
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::tiny;

    fn pieces(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_at_sentence_ends_and_keeps_closing_quotes() {
        assert_eq!(
            pieces("一是优化政策。二是改善环境！对吗？好；"),
            ["一是优化政策。", "二是改善环境！", "对吗？", "好；"]
        );
        assert_eq!(pieces("他说：“好。”然后走了"), ["他说：“好。”", "然后走了"]);
        assert_eq!(pieces("（见附表。）下一句。"), ["（见附表。）", "下一句。"]);
        assert_eq!(pieces("真的吗？！”是的。"), ["真的吗？！”", "是的。"]);
        // Decimal points and commas do not end a sentence.
        assert_eq!(pieces("达496.39亿元，增长5%。"), ["达496.39亿元，增长5%。"]);
    }

    #[test]
    fn splits_at_line_ends_and_keeps_white_space_with_the_sentence_before() {
        assert_eq!(pieces("第一行\n第二行"), ["第一行\n", "第二行"]);
        assert_eq!(pieces("一句。 \n\n 二句。  "), ["一句。 \n\n ", "二句。  "]);
        assert_eq!(pieces("\n\n开头"), ["\n\n开头"]);
        assert_eq!(pieces("句。\r\n”下"), ["句。\r\n", "”下"]);
        assert_eq!(pieces("   "), ["   "]);
        assert!(pieces("").is_empty());
    }

    #[test]
    fn a_speech_is_read_in_page_order_with_ordinals() {
        let d = tiny();
        let s = Script::speech(&d, 0);
        let said: Vec<String> = (0..s.len()).map(|i| s.utterance(i).unwrap()).collect();
        let r = &d.speeches[0].recommendations[0];
        assert_eq!(said[0], d.speeches[0].title);
        assert_eq!(said[1], d.speeches[0].speaker.name);
        assert!(
            said.iter()
                .any(|t| *t == format!("{}，{}", r.label, r.headline)),
            "{said:?}"
        );
        assert!(s.utterance(s.len()).is_none());
        // Every highlight is a sentence of the text shown at its place.
        for (i, said) in said.iter().enumerate() {
            let h = s.highlight(i).unwrap();
            let shown = crate::search::place_text(&d.speeches[h.speech], h.place);
            let shown = if h.place == Place::Title {
                cite::display_title(&d.speeches[0])
            } else {
                shown
            };
            let marked = &shown[h.range];
            assert!(!marked.is_empty() && marked.trim() == marked);
            assert!(said.ends_with(marked));
            assert_eq!(s.mark(i).unwrap().0, shown);
        }
    }

    #[test]
    fn a_column_follows_the_table_rows() {
        let d = tiny();
        let cols = [0, 1];
        let by_measure = Script::column(&d, &cols, 1, CompareOrder::ByMeasure);
        let rows: Vec<usize> = compare::align(&d, &cols)
            .into_iter()
            .flat_map(|r| r.cells[1].clone())
            .collect();
        let read: Vec<usize> = by_measure
            .blocks
            .iter()
            .filter_map(|b| match b.place {
                Place::Headline(i) => Some(i),
                _ => None,
            })
            .collect();
        assert_eq!(read, rows);
        assert!(by_measure.blocks[2].intro.contains('：'));
        let by_speech = Script::column(&d, &cols, 1, CompareOrder::BySpeech);
        assert_eq!(by_speech.blocks[0].place, Place::Speaker);
        assert!(by_speech.blocks.iter().all(|b| b.speech == 1));
    }

    #[test]
    fn marks_count_utf16_units_without_white_space() {
        let s = Script::new(vec![Block {
            speech: 0,
            place: Place::Details(0),
            intro: "一是，".into(),
            text: "甲𠮷。 乙\n".into(),
        }]);
        assert_eq!(s.len(), 2);
        // 𠮷 is two UTF-16 units; the space after 。 and the line end are not marked.
        assert_eq!(s.mark(0), Some(("甲𠮷。 乙\n", 0..4)));
        assert_eq!(s.mark(1), Some(("甲𠮷。 乙\n", 5..6)));
        assert_eq!(s.utterance(0).as_deref(), Some("一是，甲𠮷。"));
        assert_eq!(s.utterance(1).as_deref(), Some("乙"));
        assert_eq!(s.mark(2), None);
    }

    #[test]
    fn cursor_plays_pauses_skips_and_finishes() {
        let c = Cursor::new(3);
        assert_eq!(c.current(), None);
        let c = c.play();
        assert_eq!((c.phase, c.current()), (Phase::Playing, Some(0)));
        let c = c.ended().pause();
        assert_eq!((c.phase, c.current()), (Phase::Paused, Some(1)));
        assert_eq!(c.play().current(), Some(1));
        let c = c.play().next();
        assert_eq!(c.current(), Some(2));
        assert_eq!(c.next().current(), Some(2));
        assert_eq!(c.previous().previous().previous().current(), Some(0));
        let done = c.ended();
        assert_eq!((done.phase, done.current()), (Phase::Done, None));
        assert_eq!(done.play().current(), Some(0));
        let stopped = c.stop();
        assert_eq!((stopped.phase, stopped.current()), (Phase::Stopped, None));
        assert_eq!(stopped.play().current(), Some(0));
        // Events that do not apply change nothing.
        assert_eq!(stopped.ended(), stopped);
        assert_eq!(Cursor::new(3).pause(), Cursor::new(3));
        assert_eq!(Cursor::new(0).play(), Cursor::new(0));
    }

    #[test]
    fn picks_a_mainland_mandarin_voice_on_the_device() {
        let v = |list: &[(&'static str, bool)]| pick_voice(list.iter().copied());
        assert_eq!(
            v(&[
                ("en-US", true),
                ("zh-HK", true),
                ("zh-TW", true),
                ("zh-CN", false),
                ("zh_CN", true)
            ]),
            Some(4)
        );
        assert_eq!(v(&[("en-US", true), ("cmn-Hans-CN", false)]), Some(1));
        assert_eq!(v(&[("yue-HK", true), ("zh-TW", false)]), Some(1));
        assert_eq!(v(&[("zh-HK", true)]), Some(0));
        assert_eq!(v(&[("ZH", false), ("zh-CN", false)]), Some(0));
        assert_eq!(
            v(&[
                ("zh-Hant-TW", true),
                ("cmn-Hans-CN", false),
                ("zh-yue", true)
            ]),
            Some(1)
        );
        assert_eq!(v(&[("en-US", true), ("ja-JP", true), ("", true)]), None);
        assert_eq!(v(&[]), None);
    }

    proptest::proptest! {
        #[test]
        fn splitting_covers_the_text_exactly(text in "[一二。！？；!?;”’）》 \n\ra.]{0,40}") {
            let ranges = split(&text);
            let mut at = 0;
            for r in &ranges {
                proptest::prop_assert_eq!(r.start, at);
                proptest::prop_assert!(r.start < r.end);
                proptest::prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                at = r.end;
            }
            proptest::prop_assert_eq!(at, text.len());
            if !text.trim().is_empty() {
                for r in &ranges {
                    let piece = &text[r.clone()];
                    proptest::prop_assert!(!piece.trim().is_empty(), "{:?}", piece);
                    // White space before the first sentence leads it.
                    let piece = piece.trim_start();
                    // Nothing but more ends, closers and white space follows a sentence end.
                    if let Some(i) = piece.find(|c: char| ENDS.contains(&c) || is_line_end(c)) {
                        let after = &piece[i..];
                        proptest::prop_assert!(
                            after.chars().all(|c| ENDS.contains(&c) || CLOSERS.contains(&c) || c.is_whitespace()),
                            "{:?}", piece
                        );
                    }
                }
            }
        }
    }
}
