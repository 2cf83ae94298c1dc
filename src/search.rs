//! Chinese substring search over the digest, DOM-free.
//!
//! Chinese has no spaces between words, so we match substrings of characters after
//! normalising width and case and dropping whitespace. A character-bigram index narrows
//! the fields to check, which keeps a query well under a millisecond at 100× the digest.

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceHits {
    pub place: Place,
    pub spans: Vec<Span>,
}

/// All matches in one speech, places in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeechHits {
    pub speech: usize,
    pub places: Vec<PlaceHits>,
}

impl SpeechHits {
    pub fn spans_at(&self, place: Place) -> &[Span] {
        self.places
            .iter()
            .find(|p| p.place == place)
            .map_or(&[], |p| p.spans.as_slice())
    }
    pub fn count(&self) -> usize {
        self.places.iter().map(|p| p.spans.len()).sum()
    }
}

/// Built once per digest.
pub struct SearchIndex {
    fields: Vec<Field>,
    bigrams: HashMap<(char, char), Vec<u32>>,
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
        let mut bigrams: HashMap<(char, char), Vec<u32>> = HashMap::new();
        for (fi, f) in fields.iter().enumerate() {
            let mut chars = f.norm.chars();
            let Some(mut prev) = chars.next() else {
                continue;
            };
            for c in chars {
                let list = bigrams.entry((prev, c)).or_default();
                if list.last() != Some(&(fi as u32)) {
                    list.push(fi as u32);
                }
                prev = c;
            }
        }
        SearchIndex {
            fields,
            bigrams,
            speeches: digest.speeches.len(),
        }
    }

    /// Matches of `query` in every speech (by index), or `None` when the query is blank.
    pub fn search(&self, query: &str) -> Option<Vec<Option<SpeechHits>>> {
        let q = normalize(query);
        if q.is_empty() {
            return None;
        }
        let mut out: Vec<Option<SpeechHits>> = vec![None; self.speeches];
        for fi in self.candidates(&q) {
            let f = &self.fields[fi];
            let spans = find_spans(f, &q);
            if spans.is_empty() {
                continue;
            }
            let hits = out[f.speech].get_or_insert_with(|| SpeechHits {
                speech: f.speech,
                places: Vec::new(),
            });
            hits.places.push(PlaceHits {
                place: f.place,
                spans,
            });
        }
        Some(out)
    }

    /// Fields that contain every bigram of `q` (all fields for a one-character query).
    fn candidates(&self, q: &str) -> Vec<usize> {
        let chars: Vec<char> = q.chars().collect();
        if chars.len() < 2 {
            return (0..self.fields.len()).collect();
        }
        let mut lists: Vec<&Vec<u32>> = Vec::new();
        for w in chars.windows(2) {
            match self.bigrams.get(&(w[0], w[1])) {
                Some(l) => lists.push(l),
                None => return Vec::new(),
            }
        }
        // Start from the rarest bigram; keep the fields every other list has.
        let rarest = (0..lists.len())
            .min_by_key(|&i| lists[i].len())
            .unwrap_or(0);
        let mut result: Vec<u32> = lists[rarest].clone();
        for l in &lists {
            result.retain(|f| l.binary_search(f).is_ok());
            if result.is_empty() {
                break;
            }
        }
        result.into_iter().map(|f| f as usize).collect()
    }
}

fn find_spans(f: &Field, q: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(pos) = f.norm[from..].find(q) {
        let start = from + pos;
        let end = start + q.len();
        let first = f.map.partition_point(|m| (m.0 as usize) < start);
        let last = f.map.partition_point(|m| (m.0 as usize) < end) - 1;
        spans.push((f.map[first].1 as usize, f.map[last].2 as usize));
        // Non-overlapping, as a reader expects from highlighting.
        from = end;
    }
    spans
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

    proptest::proptest! {
        #[test]
        fn any_query_never_panics_and_spans_are_valid(q in "\\PC{0,6}") {
            let d = tiny();
            let idx = SearchIndex::new(&d);
            if let Some(hits) = idx.search(&q) {
                for h in hits.iter().flatten() {
                    for p in &h.places {
                        let text = place_text(&d.speeches[h.speech], p.place);
                        for &(s, e) in &p.spans {
                            proptest::prop_assert!(s < e && e <= text.len());
                            proptest::prop_assert_eq!(normalize(&text[s..e]), normalize(&q));
                        }
                    }
                }
            }
        }
    }
}
