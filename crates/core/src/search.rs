//! Chinese substring search over the digest, DOM-free.
//!
//! Chinese has no spaces between words, so we match substrings of characters after
//! normalising width and case and dropping whitespace. An index of where each character
//! occurs narrows the places to check, which keeps a query well under a millisecond at 100×
//! the digest.

use std::collections::HashMap;

use crate::model::Digest;

/// The searchable form of one character, or `None` when it is ignored (whitespace).
pub fn normalize_char(c: char) -> Option<char> {
    let c = match c {
        // Full-width ASCII forms (Ａ, ３, ！ …) to their ASCII twins.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    if c.is_whitespace() {
        return None;
    }
    // ASCII case only: Unicode case tables would cost the browser ~8 KB for letters this
    // digest does not have.
    Some(c.to_ascii_lowercase())
}

/// The searchable form of a query.
pub fn normalize(text: &str) -> String {
    text.chars().filter_map(normalize_char).collect()
}

/// Where in a speech a match is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    Speaker,
    Affiliation,
    Title,
    Background(usize),
    LeadIn,
    Headline(usize),
    Details(usize),
}

impl Place {
    /// The recommendation this place belongs to, if any.
    pub fn recommendation(self) -> Option<usize> {
        match self {
            Place::Headline(i) | Place::Details(i) => Some(i),
            _ => None,
        }
    }
}

/// The text of `place` in `speech`.
pub fn place_text(speech: &crate::model::Speech, place: Place) -> &str {
    match place {
        Place::Speaker => &speech.speaker.name,
        Place::Affiliation => speech.speaker.on_behalf_of.as_deref().unwrap_or(""),
        Place::Title => &speech.title,
        Place::Background(i) => speech.background.get(i).map_or("", String::as_str),
        Place::LeadIn => &speech.lead_in,
        Place::Headline(i) => speech
            .recommendations
            .get(i)
            .map_or("", |r| r.headline.as_str()),
        Place::Details(i) => speech
            .recommendations
            .get(i)
            .map_or("", |r| r.details.as_str()),
    }
}

struct Field {
    speech: usize,
    place: Place,
    norm: String,
    /// For each char of `norm`: its byte offset in `norm`, and its byte range in the original.
    map: Vec<(u32, u32, u32)>,
}

/// A match: byte range in the original text of a place.
pub type Span = (usize, usize);

/// All matches in one speech, places in reading order. Spans of all places share one
/// vector: a one-character query can match thousands of places.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeechHits {
    pub speech: usize,
    /// Each place with the end of its run in `spans`.
    places: Vec<(Place, usize)>,
    spans: Vec<Span>,
}

impl SpeechHits {
    fn new(speech: usize) -> Self {
        SpeechHits {
            speech,
            places: Vec::new(),
            spans: Vec::new(),
        }
    }

    /// The matched places in reading order, each with its spans.
    pub fn places(&self) -> impl Iterator<Item = (Place, &[Span])> {
        let mut from = 0;
        self.places.iter().map(move |&(place, to)| {
            let run = &self.spans[from..to];
            from = to;
            (place, run)
        })
    }

    pub fn spans_at(&self, place: Place) -> &[Span] {
        self.places()
            .find(|&(p, _)| p == place)
            .map_or(&[], |(_, spans)| spans)
    }

    pub fn count(&self) -> usize {
        self.spans.len()
    }
}

/// One character in one field. It carries its byte range in the original text, so that a
/// one-character query never has to look into the (large, uncached) fields.
#[derive(Clone, Copy)]
struct Occurrence {
    field: u32,
    /// Index of the character in the field's normalised text.
    at: u32,
    start: u32,
    end: u32,
}

/// Built once per digest. The default is the index of nothing (it finds nothing).
#[derive(Default)]
pub struct SearchIndex {
    fields: Vec<Field>,
    /// Every occurrence of every searchable character, in field order. A query is checked
    /// only where its rarest character occurs, so even a one-character query costs its
    /// matches, not a scan of the whole text.
    occurrences: HashMap<char, Vec<Occurrence>>,
    speeches: usize,
}

impl SearchIndex {
    pub fn new(digest: &Digest) -> Self {
        let mut fields = Vec::new();
        for (si, s) in digest.speeches.iter().enumerate() {
            let mut places = vec![Place::Speaker, Place::Affiliation, Place::Title];
            places.extend((0..s.background.len()).map(Place::Background));
            places.push(Place::LeadIn);
            for ri in 0..s.recommendations.len() {
                places.push(Place::Headline(ri));
                places.push(Place::Details(ri));
            }
            for place in places {
                let text = place_text(s, place);
                if text.is_empty() {
                    continue;
                }
                let mut norm = String::with_capacity(text.len());
                let mut map = Vec::new();
                for (at, c) in text.char_indices() {
                    if let Some(n) = normalize_char(c) {
                        map.push((norm.len() as u32, at as u32, (at + c.len_utf8()) as u32));
                        norm.push(n);
                    }
                }
                fields.push(Field {
                    speech: si,
                    place,
                    norm,
                    map,
                });
            }
        }
        let mut occurrences: HashMap<char, Vec<Occurrence>> = HashMap::new();
        for (fi, f) in fields.iter().enumerate() {
            for (ci, (c, m)) in f.norm.chars().zip(&f.map).enumerate() {
                occurrences.entry(c).or_default().push(Occurrence {
                    field: fi as u32,
                    at: ci as u32,
                    start: m.1,
                    end: m.2,
                });
            }
        }
        SearchIndex {
            fields,
            occurrences,
            speeches: digest.speeches.len(),
        }
    }

    /// Matches of `query` in every speech (by index), or `None` when the query is blank.
    /// Matches in one place do not overlap, as a reader expects from highlighting.
    pub fn search(&self, query: &str) -> Option<Vec<Option<SpeechHits>>> {
        let q = normalize(query);
        let chars: Vec<char> = q.chars().collect();
        if chars.is_empty() {
            return None;
        }
        let mut out: Vec<Option<SpeechHits>> = vec![None; self.speeches];
        // The rarest character of the query, and where in the query it is.
        let mut anchor: Option<(usize, &Vec<Occurrence>)> = None;
        for (k, c) in chars.iter().enumerate() {
            match self.occurrences.get(c) {
                None => return Some(out),
                Some(list) if anchor.is_none_or(|(_, a)| list.len() < a.len()) => {
                    anchor = Some((k, list))
                }
                Some(_) => {}
            }
        }
        let Some((k, list)) = anchor else {
            return Some(out);
        };
        // The field of the last match, and the char index where that match ended.
        let mut last: Option<(usize, usize)> = None;
        for o in list {
            let (fi, at) = (o.field as usize, o.at as usize);
            let Some(start) = at.checked_sub(k) else {
                continue;
            };
            let end = start + chars.len();
            let f = &self.fields[fi];
            let same_field = last.is_some_and(|(lf, _)| lf == fi);
            if same_field && last.is_some_and(|(_, le)| start < le) {
                continue;
            }
            let span = if chars.len() == 1 {
                (o.start as usize, o.end as usize)
            } else {
                if end > f.map.len() || !f.norm[f.map[start].0 as usize..].starts_with(&q) {
                    continue;
                }
                (f.map[start].1 as usize, f.map[end - 1].2 as usize)
            };
            let hits = out[f.speech].get_or_insert_with(|| SpeechHits::new(f.speech));
            hits.spans.push(span);
            if same_field {
                if let Some(p) = hits.places.last_mut() {
                    p.1 = hits.spans.len();
                }
            } else {
                hits.places.push((f.place, hits.spans.len()));
            }
            last = Some((fi, end));
        }
        Some(out)
    }
}

/// Splits `text` into runs, each marked whether it is inside a span (spans sorted, non-overlapping).
pub fn segments<'a>(text: &'a str, spans: &[Span]) -> Vec<(&'a str, bool)> {
    let mut out = Vec::new();
    let mut at = 0;
    for &(s, e) in spans {
        if s < at
            || e > text.len()
            || s >= e
            || !text.is_char_boundary(s)
            || !text.is_char_boundary(e)
        {
            continue;
        }
        if s > at {
            out.push((&text[at..s], false));
        }
        out.push((&text[s..e], true));
        at = e;
    }
    if at < text.len() {
        out.push((&text[at..], false));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::tiny;

    #[test]
    fn normalises_width_case_and_space() {
        assert_eq!(
            normalize("ＡＢｃ １２3\u{3000}民营 经济\n"),
            "abc123民营经济"
        );
        assert_eq!(normalize("“专精特新”"), "“专精特新”");
    }

    #[test]
    fn finds_chinese_substrings_and_maps_spans_back() {
        let d = tiny();
        let idx = SearchIndex::new(&d);
        let hits = idx.search("民营 经济").unwrap();
        let s0 = hits[0].as_ref().expect("speech 0 matches");
        let spans = s0.spans_at(Place::Title);
        assert_eq!(spans.len(), 1);
        assert_eq!(&d.speeches[0].title[spans[0].0..spans[0].1], "民营经济");
        assert!(hits[1].is_none());
    }

    #[test]
    fn span_covers_ignored_whitespace_inside_a_match() {
        let d = tiny();
        let idx = SearchIndex::new(&d);
        // The details of speech 1 contain "数字 普惠" with a space.
        let hits = idx.search("数字普惠").unwrap();
        let s1 = hits[1].as_ref().unwrap();
        let (s, e) = s1.spans_at(Place::Details(0))[0];
        assert_eq!(&d.speeches[1].recommendations[0].details[s..e], "数字 普惠");
    }

    #[test]
    fn fullwidth_query_matches_halfwidth_text() {
        let d = tiny();
        let idx = SearchIndex::new(&d);
        let hits = idx.search("２０２４").unwrap();
        assert!(hits[1].is_some());
        let hits = idx.search("AI").unwrap();
        assert!(hits[0].is_some(), "case-insensitive: text has 'ai'");
    }

    #[test]
    fn blank_query_is_no_search_and_single_char_works() {
        let d = tiny();
        let idx = SearchIndex::new(&d);
        assert!(idx.search(" \u{3000}\t").is_none());
        let hits = idx.search("企").unwrap();
        assert!(hits.iter().flatten().count() >= 1);
    }

    #[test]
    fn segments_split_text() {
        assert_eq!(
            segments("甲乙丙丁", &[(3, 6), (9, 12)]),
            vec![("甲", false), ("乙", true), ("丙", false), ("丁", true)]
        );
        // Bad spans are skipped, never panic.
        assert_eq!(segments("甲乙", &[(1, 2), (0, 99)]), vec![("甲乙", false)]);
    }

    /// The same search done the slow, obvious way: every place, `str::find`, non-overlapping.
    fn naive(d: &Digest, q: &str) -> Vec<(usize, Place, Vec<String>)> {
        let q = normalize(q);
        let mut out = Vec::new();
        if q.is_empty() {
            return out;
        }
        let idx = SearchIndex::new(d);
        for f in &idx.fields {
            let mut found = Vec::new();
            let mut from = 0;
            while let Some(pos) = f.norm[from..].find(&q) {
                found.push(q.clone());
                from += pos + q.len();
            }
            if !found.is_empty() {
                out.push((f.speech, f.place, found));
            }
        }
        out
    }

    fn indexed(d: &Digest, q: &str) -> Vec<(usize, Place, Vec<String>)> {
        let idx = SearchIndex::new(d);
        let mut out = Vec::new();
        for h in idx.search(q).into_iter().flatten().flatten() {
            for (place, spans) in h.places() {
                let text = place_text(&d.speeches[h.speech], place);
                let found = spans.iter().map(|&(s, e)| normalize(&text[s..e])).collect();
                out.push((h.speech, place, found));
            }
        }
        out
    }

    #[test]
    fn repeated_characters_match_without_overlap() {
        let mut d = tiny();
        d.speeches[0].title = "哈哈哈哈哈".into();
        let hits = SearchIndex::new(&d).search("哈哈").unwrap();
        assert_eq!(
            hits[0].as_ref().unwrap().spans_at(Place::Title),
            [(0, 6), (6, 12)]
        );
    }

    proptest::proptest! {
        #[test]
        fn index_finds_exactly_what_a_scan_finds(
            q in proptest::sample::select(vec!["企", "业", "人才", "民营经济", "数字 普惠", "ai", "２０", "哈", "。"]),
            cut in 0usize..3,
        ) {
            let d = tiny();
            // Tails of the real queries too: shorter queries find more.
            let q: String = q.chars().skip(cut.min(q.chars().count().saturating_sub(1))).collect();
            proptest::prop_assert_eq!(indexed(&d, &q), naive(&d, &q));
        }

        #[test]
        fn any_query_never_panics_and_spans_are_valid(q in "\\PC{0,6}") {
            let d = tiny();
            let idx = SearchIndex::new(&d);
            if let Some(hits) = idx.search(&q) {
                for h in hits.iter().flatten() {
                    for (place, spans) in h.places() {
                        let text = place_text(&d.speeches[h.speech], place);
                        for &(s, e) in spans {
                            proptest::prop_assert!(s < e && e <= text.len());
                            proptest::prop_assert_eq!(normalize(&text[s..e]), normalize(&q));
                        }
                    }
                }
            }
        }
    }
}
