//! The digest: one meeting's speeches, as `static/digest.json` holds them.
//!
//! This file is plain Rust + serde so that `build.rs` can include it too
//! (the digest is validated before the app is compiled).

use serde::{Deserialize, Serialize};

/// One meeting's speech digest (the whole of `digest.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Digest {
    /// Format version of this file; currently 1.
    pub version: u32,
    pub meeting: Meeting,
    /// Topics of speeches, for filtering.
    pub themes: Vec<Theme>,
    /// Kinds of policy instrument, to align recommendations across speeches.
    pub measures: Vec<Measure>,
    /// In the order the newspaper presents the speakers.
    pub speeches: Vec<Speech>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// The digest's headline.
    pub title: String,
    /// The line under the headline, naming the meeting.
    pub subtitle: String,
    /// Day of the session, ISO `YYYY-MM-DD`.
    pub date: String,
    /// The lead paragraph, verbatim.
    pub lead: String,
    /// Where the text comes from (publication, page), for citations.
    #[serde(default)]
    pub source: String,
    /// Editorial notes on the meeting data (e.g. how the year was inferred).
    #[serde(default)]
    pub notes: Vec<Note>,
}

/// A topic of speeches (民营经济, 教育 …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// URL-safe: lowercase ASCII letters, digits and single hyphens.
    pub id: String,
    pub name: String,
}

/// A kind of policy instrument (资金与金融, 人才 …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// URL-safe: lowercase ASCII letters, digits and single hyphens.
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Speech {
    /// The speaker's pinyin, e.g. `feng-hua`; used in URLs.
    pub id: String,
    pub speaker: Speaker,
    /// The speech's title as printed; empty only when lost (then a `title-missing` note says so).
    pub title: String,
    /// Theme ids, most relevant first.
    pub themes: Vec<String>,
    /// The problem statement, one string per paragraph, verbatim. May be empty.
    #[serde(default)]
    pub background: Vec<String>,
    /// Text that introduces the recommendations ("为此建议：" and anything before the first one), verbatim. May be empty.
    #[serde(default)]
    pub lead_in: String,
    #[serde(default)]
    pub recommendations: Vec<Recommendation>,
    /// Key numbers the speech quotes.
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// Editorial notes: every repair of the source text, visible to readers.
    #[serde(default)]
    pub notes: Vec<Note>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Speaker {
    pub name: String,
    /// E.g. 市政协委员.
    pub role: String,
    /// The body the member spoke for, where the source names one.
    pub on_behalf_of: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    /// Stable anchor within the speech: `r1`, `r2`, … in order.
    pub id: String,
    /// The source's ordinal ("一是", "二要"), or empty where unnumbered.
    #[serde(default)]
    pub label: String,
    /// The lead clause, verbatim.
    pub headline: String,
    /// The rest of the recommendation, verbatim. May be empty.
    #[serde(default)]
    pub details: String,
    /// Measure ids; the first is the primary one (its row in a comparison).
    pub measures: Vec<String>,
}

/// A number quoted in a speech and what it measures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// The number with its unit, verbatim (e.g. `496.39亿元`).
    pub value: String,
    /// What it measures, in the speech's words where possible.
    pub label: String,
}

/// An editorial note: the editors' words, never the member's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub kind: NoteKind,
    pub text: String,
    /// What the note is about: `title`, `speaker`, `background`, `lead_in`, a recommendation id, or empty for the whole.
    #[serde(default)]
    pub at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    /// A paragraph split by the layout was joined again.
    Rejoined,
    /// Blocks printed out of order were put back in order.
    Reordered,
    /// Text printed under another speaker's heading was attributed by its content or by elimination.
    AttributionInferred,
    /// Part of the title is not in the source.
    TitleIncomplete,
    /// The whole title is not in the source.
    TitleMissing,
    /// A heading or fragment printed in the wrong place was dropped or moved.
    HeadingMisplaced,
    /// A paragraph printed twice was kept once.
    DuplicateRemoved,
    /// Text the newspaper printed is not in the source (e.g. a lost problem statement).
    TextMissing,
    /// A value not printed in the source was inferred (e.g. the year of the date).
    Inferred,
}

impl NoteKind {
    pub const ALL: [NoteKind; 9] = [
        NoteKind::Rejoined,
        NoteKind::Reordered,
        NoteKind::AttributionInferred,
        NoteKind::TitleIncomplete,
        NoteKind::TitleMissing,
        NoteKind::HeadingMisplaced,
        NoteKind::DuplicateRemoved,
        NoteKind::TextMissing,
        NoteKind::Inferred,
    ];

    /// Reader-facing name of the kind of repair.
    pub fn label(self) -> &'static str {
        match self {
            NoteKind::Rejoined => "段落拼合",
            NoteKind::Reordered => "顺序调整",
            NoteKind::AttributionInferred => "归属推定",
            NoteKind::TitleIncomplete => "标题不全",
            NoteKind::TitleMissing => "标题缺失",
            NoteKind::HeadingMisplaced => "标题错位",
            NoteKind::DuplicateRemoved => "删除重复",
            NoteKind::TextMissing => "原文缺失",
            NoteKind::Inferred => "推定",
        }
    }
}

impl Digest {
    pub fn speech(&self, id: &str) -> Option<&Speech> {
        self.speeches.iter().find(|s| s.id == id)
    }
    pub fn speech_index(&self, id: &str) -> Option<usize> {
        self.speeches.iter().position(|s| s.id == id)
    }
    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.id == id)
    }
    pub fn measure(&self, id: &str) -> Option<&Measure> {
        self.measures.iter().find(|m| m.id == id)
    }
}

/// The body of every speech: what only a speech page, a comparison, an export and a search
/// of the whole text need. The app ships it apart from the rest of the digest (its
/// *outline*: the meeting, the themes and measures, and per speech who, what and the
/// headlines, which the index and the theme pages show), so that the index is interactive
/// before these bytes arrive (`src/views/lazy.rs`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Texts {
    /// One per speech, in the digest's order.
    pub speeches: Vec<SpeechTexts>,
}

/// One speech's body (see [`Texts`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SpeechTexts {
    pub background: Vec<String>,
    pub lead_in: String,
    /// One per recommendation, in order.
    pub details: Vec<String>,
    pub figures: Vec<Figure>,
    pub notes: Vec<Note>,
}

impl Digest {
    /// Takes the body of every speech out, leaving the outline.
    pub fn take_texts(&mut self) -> Texts {
        let speeches = self
            .speeches
            .iter_mut()
            .map(|s| SpeechTexts {
                background: std::mem::take(&mut s.background),
                lead_in: std::mem::take(&mut s.lead_in),
                details: s
                    .recommendations
                    .iter_mut()
                    .map(|r| std::mem::take(&mut r.details))
                    .collect(),
                figures: std::mem::take(&mut s.figures),
                notes: std::mem::take(&mut s.notes),
            })
            .collect();
        Texts { speeches }
    }

    /// Puts the bodies taken by [`Digest::take_texts`] back. Texts of another digest (another
    /// number of speeches or recommendations) are refused and the digest is left as it was.
    pub fn put_texts(&mut self, texts: Texts) -> Result<(), Texts> {
        let fits = texts.speeches.len() == self.speeches.len()
            && self
                .speeches
                .iter()
                .zip(&texts.speeches)
                .all(|(s, t)| s.recommendations.len() == t.details.len());
        if !fits {
            return Err(texts);
        }
        for (s, t) in self.speeches.iter_mut().zip(texts.speeches) {
            s.background = t.background;
            s.lead_in = t.lead_in;
            for (r, d) in s.recommendations.iter_mut().zip(t.details) {
                r.details = d;
            }
            s.figures = t.figures;
            s.notes = t.notes;
        }
        Ok(())
    }
}

impl Speech {
    pub fn recommendation(&self, id: &str) -> Option<&Recommendation> {
        self.recommendations.iter().find(|r| r.id == id)
    }
}

impl Recommendation {
    /// The measure that decides the row of this recommendation in a comparison.
    pub fn primary_measure(&self) -> Option<&str> {
        self.measures.first().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use crate::testdata::tiny;

    #[test]
    fn texts_taken_and_put_back_give_the_digest_again() {
        let full = tiny();
        let mut outline = full.clone();
        let texts = outline.take_texts();
        assert_ne!(outline, full, "the tiny digest has bodies to take");
        for s in &outline.speeches {
            assert!(s.background.is_empty() && s.lead_in.is_empty());
            assert!(s.figures.is_empty() && s.notes.is_empty());
            assert!(s.recommendations.iter().all(|r| r.details.is_empty()));
            assert!(!s.speaker.name.is_empty(), "the outline keeps who spoke");
        }
        outline
            .put_texts(texts)
            .expect("texts of the same digest fit");
        assert_eq!(outline, full);
    }

    #[test]
    fn texts_of_another_digest_are_refused() {
        let mut outline = tiny();
        let mut texts = outline.clone().take_texts();
        let before = outline.clone();
        texts.speeches[0].details.pop();
        assert!(outline.put_texts(texts.clone()).is_err());
        texts.speeches.pop();
        assert!(outline.put_texts(texts).is_err());
        assert_eq!(outline, before, "a refused put changes nothing");
    }
}
