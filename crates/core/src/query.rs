//! Filtering the speeches by speaker, theme and search text, with facet counts.
//!
//! Several values in one facet mean OR; different facets mean AND. A facet value's
//! count is how many speeches the reader would see after also choosing that value
//! (the other facets and the search held fixed), as Datasette shows them.

use std::collections::{HashMap, HashSet};

use crate::model::Digest;
use crate::search::{SearchIndex, SpeechHits};

/// How many speeches a list of results shows at first, as loaded and while filtered: a
/// one-character search in a large digest matches most speeches, and drawing them all would
/// cost every keystroke. Measured at 100× the digest (Chromium, desktop, main-thread CPU per
/// key, `e2e/tests/perf.spec.ts`): replacing the whole list of 1,000 cards on the first key of
/// a search cost 140–200 ms; with the first 20 cards the first key cost 23–36 ms (median key
/// 18.8 ms), with the first 10 24–34 ms (median 18.7 ms): no difference this shared machine
/// can measure, so the smaller page (and file, at scale) wins. A real digest (10 speeches)
/// shows all of them.
pub const RESULTS_SHOWN: usize = 10;

/// How many more speeches each "显示更多" shows: a few screens for one press.
pub const RESULTS_MORE: usize = 30;

/// How many of `total` results a list shows once "显示更多" has been pressed `more` times.
pub fn results_shown(total: usize, more: usize) -> usize {
    total.min(RESULTS_SHOWN.saturating_add(more.saturating_mul(RESULTS_MORE)))
}

/// How many values a facet shows before "show all", when it has more than that: the
/// selected ones and those with results come first.
pub const FACET_SHOWN: usize = 12;

/// The values of a facet to show: all of a short facet; of a long one (unless `all`), the
/// selected values and then those with results, up to [`FACET_SHOWN`], in digest order.
pub fn shown_values(values: &[FacetValue], all: bool) -> Vec<&FacetValue> {
    if all || values.len() <= FACET_SHOWN {
        return values.iter().collect();
    }
    let selected = values.iter().filter(|v| v.selected).count();
    let mut room = FACET_SHOWN.saturating_sub(selected);
    values
        .iter()
        .filter(|v| {
            if v.selected {
                return true;
            }
            if v.count > 0 && room > 0 {
                room -= 1;
                return true;
            }
            false
        })
        .collect()
}

/// What the reader asked for on the index page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub speakers: Vec<String>,
    pub themes: Vec<String>,
    pub text: String,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.speakers.is_empty() && self.themes.is_empty() && self.text.trim().is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    pub id: String,
    pub name: String,
    pub count: usize,
    pub selected: bool,
}

/// The outcome of a filter over a digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Matching speeches in digest order, with search hits when there is a search.
    pub speeches: Vec<(usize, Option<SpeechHits>)>,
    pub speaker_facet: Vec<FacetValue>,
    pub theme_facet: Vec<FacetValue>,
    /// Whether a search was applied (the text was not blank).
    pub searched: bool,
}

/// Each of a filter's tests, once per speech.
struct Tests {
    hits: Option<Vec<Option<SpeechHits>>>,
    text: Vec<bool>,
    speaker: Vec<bool>,
    theme: Vec<bool>,
}

impl Tests {
    fn new(digest: &Digest, index: &SearchIndex, filter: &Filter) -> Self {
        // The chosen values in sets: a reader may tick many speakers, and counts must not
        // cost speeches × themes × choices.
        let speakers: HashSet<&str> = filter.speakers.iter().map(String::as_str).collect();
        let themes: HashSet<&str> = filter.themes.iter().map(String::as_str).collect();
        let hits = index.search(&filter.text);
        Tests {
            text: (0..digest.speeches.len())
                .map(|i| hits.as_ref().is_none_or(|h| h[i].is_some()))
                .collect(),
            speaker: digest
                .speeches
                .iter()
                .map(|s| speakers.is_empty() || speakers.contains(s.id.as_str()))
                .collect(),
            theme: digest
                .speeches
                .iter()
                .map(|s| themes.is_empty() || s.themes.iter().any(|t| themes.contains(t.as_str())))
                .collect(),
            hits,
        }
    }

    /// The speeches that pass every test, in digest order.
    fn passing(&self) -> Vec<usize> {
        (0..self.text.len())
            .filter(|&i| self.text[i] && self.speaker[i] && self.theme[i])
            .collect()
    }
}

/// The speeches that pass `filter`, in digest order, without hits or facet counts (what an
/// export of the index needs).
pub fn matching(digest: &Digest, index: &SearchIndex, filter: &Filter) -> Vec<usize> {
    Tests::new(digest, index, filter).passing()
}

pub fn apply(digest: &Digest, index: &SearchIndex, filter: &Filter) -> Outcome {
    let tests = Tests::new(digest, index, filter);
    let passing = tests.passing();
    let Tests {
        mut hits,
        text: text_ok,
        speaker: speaker_ok,
        theme: theme_ok,
    } = tests;
    let searched = hits.is_some();
    let speeches = passing
        .into_iter()
        .map(|i| (i, hits.as_mut().and_then(|h| h[i].take())))
        .collect();

    let speaker_facet = digest
        .speeches
        .iter()
        .enumerate()
        .map(|(i, s)| FacetValue {
            id: s.id.clone(),
            name: s.speaker.name.clone(),
            count: usize::from(text_ok[i] && theme_ok[i]),
            selected: speaker_ok[i] && !filter.speakers.is_empty(),
        })
        .collect();
    // Validation guarantees a speech lists a theme at most once.
    let mut per_theme: HashMap<&str, usize> = HashMap::new();
    for (i, s) in digest.speeches.iter().enumerate() {
        if text_ok[i] && speaker_ok[i] {
            for t in &s.themes {
                *per_theme.entry(t.as_str()).or_default() += 1;
            }
        }
    }
    let theme_facet = digest
        .themes
        .iter()
        .map(|t| FacetValue {
            id: t.id.clone(),
            name: t.name.clone(),
            count: per_theme.get(t.id.as_str()).copied().unwrap_or(0),
            selected: filter.themes.contains(&t.id),
        })
        .collect();
    Outcome {
        speeches,
        speaker_facet,
        theme_facet,
        searched,
    }
}

/// Which single change would bring results back, for an empty outcome: the reader is told
/// to drop the search, the speakers or the themes — the first that alone yields results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relax {
    Text,
    Speakers,
    Themes,
    All,
}

pub fn relax_hint(digest: &Digest, index: &SearchIndex, filter: &Filter) -> Relax {
    let tries = [
        (
            Relax::Text,
            Filter {
                text: String::new(),
                ..filter.clone()
            },
        ),
        (
            Relax::Themes,
            Filter {
                themes: vec![],
                ..filter.clone()
            },
        ),
        (
            Relax::Speakers,
            Filter {
                speakers: vec![],
                ..filter.clone()
            },
        ),
    ];
    for (relax, f) in tries {
        if f != *filter && !apply(digest, index, &f).speeches.is_empty() {
            return relax;
        }
    }
    Relax::All
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::tiny;

    fn ids(d: &Digest, o: &Outcome) -> Vec<String> {
        o.speeches
            .iter()
            .map(|(i, _)| d.speeches[*i].id.clone())
            .collect()
    }
    fn count(f: &[FacetValue], id: &str) -> usize {
        f.iter().find(|v| v.id == id).unwrap().count
    }

    #[test]
    fn empty_filter_shows_all_in_order() {
        let d = tiny();
        let o = apply(&d, &SearchIndex::new(&d), &Filter::default());
        assert_eq!(ids(&d, &o), ["a-one", "b-two", "c-three"]);
        assert_eq!(count(&o.theme_facet, "economy"), 2);
        assert!(!o.searched);
    }

    #[test]
    fn values_in_one_facet_are_or_and_facets_are_and() {
        let d = tiny();
        let idx = SearchIndex::new(&d);
        let f = Filter {
            themes: vec!["finance".into(), "education".into()],
            ..Default::default()
        };
        assert_eq!(ids(&d, &apply(&d, &idx, &f)), ["b-two", "c-three"]);
        let f = Filter {
            themes: vec!["economy".into()],
            speakers: vec!["b-two".into(), "c-three".into()],
            ..Default::default()
        };
        assert_eq!(ids(&d, &apply(&d, &idx, &f)), ["b-two"]);
    }

    #[test]
    fn facet_counts_hold_other_facets_fixed() {
        let d = tiny();
        let idx = SearchIndex::new(&d);
        let f = Filter {
            themes: vec!["education".into()],
            ..Default::default()
        };
        let o = apply(&d, &idx, &f);
        // Theme counts ignore the theme selection itself (OR within the facet)…
        assert_eq!(count(&o.theme_facet, "economy"), 2);
        assert_eq!(count(&o.theme_facet, "education"), 1);
        // …speaker counts respect it.
        assert_eq!(count(&o.speaker_facet, "a-one"), 0);
        assert_eq!(count(&o.speaker_facet, "c-three"), 1);
    }

    #[test]
    fn matching_is_what_apply_lists() {
        let d = tiny();
        let idx = SearchIndex::new(&d);
        for f in [
            Filter::default(),
            Filter {
                text: "人才".into(),
                themes: vec!["economy".into()],
                ..Default::default()
            },
            Filter {
                speakers: vec!["b-two".into(), "c-three".into()],
                ..Default::default()
            },
        ] {
            let listed: Vec<usize> = apply(&d, &idx, &f)
                .speeches
                .iter()
                .map(|(i, _)| *i)
                .collect();
            assert_eq!(matching(&d, &idx, &f), listed, "{f:?}");
        }
    }

    #[test]
    fn search_narrows_and_counts() {
        let d = tiny();
        let idx = SearchIndex::new(&d);
        let f = Filter {
            text: "人才".into(),
            ..Default::default()
        };
        let o = apply(&d, &idx, &f);
        assert_eq!(ids(&d, &o), ["a-one", "c-three"]);
        assert!(o.searched);
        assert_eq!(count(&o.theme_facet, "finance"), 0);
    }

    fn value(id: &str, count: usize, selected: bool) -> FacetValue {
        FacetValue {
            id: id.into(),
            name: id.into(),
            count,
            selected,
        }
    }

    #[test]
    fn long_facets_show_selected_values_then_values_with_results() {
        let short: Vec<FacetValue> = (0..FACET_SHOWN)
            .map(|i| value(&i.to_string(), 0, false))
            .collect();
        assert_eq!(
            shown_values(&short, false).len(),
            FACET_SHOWN,
            "a short facet shows all, zeros too"
        );

        let mut long: Vec<FacetValue> = (0..40)
            .map(|i| value(&i.to_string(), i % 2, false))
            .collect();
        long[38].selected = true;
        let shown: Vec<&str> = shown_values(&long, false)
            .iter()
            .map(|v| v.id.as_str())
            .collect();
        assert_eq!(shown.len(), FACET_SHOWN);
        assert!(
            shown.contains(&"38"),
            "a selected value is always shown, even with no results"
        );
        assert!(shown
            .iter()
            .filter(|id| **id != "38")
            .all(|id| id.parse::<usize>().unwrap() % 2 == 1));
        assert_eq!(&shown[..3], ["1", "3", "5"], "digest order");
        assert_eq!(shown_values(&long, true).len(), 40);
    }

    #[test]
    fn results_show_their_first_speeches_then_more_on_each_press() {
        assert_eq!(
            results_shown(10, 0),
            10,
            "a real digest shows all its speeches"
        );
        assert_eq!(results_shown(RESULTS_SHOWN, 0), RESULTS_SHOWN);
        assert_eq!(results_shown(1000, 0), RESULTS_SHOWN);
        assert_eq!(results_shown(1000, 1), RESULTS_SHOWN + RESULTS_MORE);
        assert_eq!(results_shown(1000, 2), RESULTS_SHOWN + 2 * RESULTS_MORE);
        assert_eq!(results_shown(100, 5), 100, "never more than there are");
        assert_eq!(results_shown(0, 3), 0);
        assert_eq!(results_shown(1000, usize::MAX), 1000);
    }

    #[test]
    fn relax_names_the_filter_to_drop() {
        let d = tiny();
        let idx = SearchIndex::new(&d);
        let f = Filter {
            text: "金融".into(),
            themes: vec!["education".into()],
            ..Default::default()
        };
        assert!(apply(&d, &idx, &f).speeches.is_empty());
        assert_eq!(relax_hint(&d, &idx, &f), Relax::Text);
        let f = Filter {
            text: "不存在的词".into(),
            ..Default::default()
        };
        assert_eq!(relax_hint(&d, &idx, &f), Relax::Text);
        let f = Filter {
            speakers: vec!["a-one".into()],
            themes: vec!["education".into()],
            ..Default::default()
        };
        assert_eq!(relax_hint(&d, &idx, &f), Relax::Themes);
    }
}
