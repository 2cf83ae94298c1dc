//! Comparing recommendations across speeches: alignment by measure, common ground,
//! and closest counterparts by text similarity. DOM-free.

use std::collections::HashMap;

use crate::model::Digest;
use crate::search::normalize_char;

/// A recommendation by position: (speech index, recommendation index).
pub type RecRef = (usize, usize);

/// One row of the side-by-side table: a measure and, per chosen column, the recommendations
/// whose primary measure it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Index into `digest.measures`, or `None` for recommendations without a known measure.
    pub measure: Option<usize>,
    pub cells: Vec<Vec<usize>>,
}

/// Rows in the digest's measure order; a measure that no chosen speech has is left out,
/// one that only some have keeps empty cells. Every recommendation appears exactly once.
pub fn align(digest: &Digest, columns: &[usize]) -> Vec<Row> {
    // One slot per declared measure, plus a last one for unknown measures.
    let slot = |m: Option<usize>| m.unwrap_or(digest.measures.len());
    let mut by_slot: Vec<Option<Row>> = vec![None; digest.measures.len() + 1];
    for (col, &si) in columns.iter().enumerate() {
        for (ri, r) in digest.speeches[si].recommendations.iter().enumerate() {
            let m = r
                .primary_measure()
                .and_then(|id| digest.measures.iter().position(|x| x.id == id));
            let row = by_slot[slot(m)].get_or_insert_with(|| Row {
                measure: m,
                cells: vec![Vec::new(); columns.len()],
            });
            row.cells[col].push(ri);
        }
    }
    by_slot.into_iter().flatten().collect()
}

/// How many of the chosen speeches propose each measure (any of a recommendation's
/// measures counts), most shared first; measures nobody proposes are left out.
pub fn common_ground(digest: &Digest, columns: &[usize]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = digest
        .measures
        .iter()
        .enumerate()
        .map(|(mi, m)| {
            let n = columns
                .iter()
                .filter(|&&si| {
                    digest.speeches[si]
                        .recommendations
                        .iter()
                        .any(|r| r.measures.contains(&m.id))
                })
                .count();
            (mi, n)
        })
        .filter(|&(_, n)| n > 0)
        .collect();
    out.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

/// Speeches × measures: how many recommendations of each speech carry each measure.
pub fn coverage(digest: &Digest) -> Vec<Vec<usize>> {
    digest
        .speeches
        .iter()
        .map(|s| {
            digest
                .measures
                .iter()
                .map(|m| {
                    s.recommendations
                        .iter()
                        .filter(|r| r.measures.contains(&m.id))
                        .count()
                })
                .collect()
        })
        .collect()
}

/// Cosine similarity of TF-IDF weighted character bigrams. Bigrams suit Chinese (most
/// words are two characters); IDF keeps boilerplate such as "建设", "发展" from dominating.
pub struct Similarity {
    vectors: HashMap<RecRef, Vec<(u32, f32)>>,
}

/// Counterparts below this score are not shown. Chosen on the real digest (611 pairs of
/// recommendations from different speeches; `threshold_separates_related_from_unrelated` in
/// tests/digest_content.rs prints them): the two pairs above 0.09 share concrete content
/// (loans and financial products for firms; government services for firms), while from 0.08
/// down pairs share only generic words such as 基础、建设、加强.
pub const THRESHOLD: f32 = 0.09;

fn bigrams(text: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = text
        .chars()
        .filter_map(normalize_char)
        .filter(|c| c.is_alphanumeric())
        .collect();
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

impl Similarity {
    pub fn new(digest: &Digest) -> Self {
        let mut ids: HashMap<(char, char), u32> = HashMap::new();
        let mut docs: Vec<(RecRef, HashMap<u32, f32>)> = Vec::new();
        let mut df: HashMap<u32, f32> = HashMap::new();
        for (si, s) in digest.speeches.iter().enumerate() {
            for (ri, r) in s.recommendations.iter().enumerate() {
                let mut tf: HashMap<u32, f32> = HashMap::new();
                for g in bigrams(&r.headline).into_iter().chain(bigrams(&r.details)) {
                    let next = ids.len() as u32;
                    let id = *ids.entry(g).or_insert(next);
                    *tf.entry(id).or_default() += 1.0;
                }
                for id in tf.keys() {
                    *df.entry(*id).or_default() += 1.0;
                }
                docs.push(((si, ri), tf));
            }
        }
        let n = docs.len().max(1) as f32;
        let vectors = docs
            .into_iter()
            .map(|(at, tf)| {
                let mut v: Vec<(u32, f32)> = tf
                    .into_iter()
                    .map(|(id, f)| (id, (1.0 + f.ln()) * (n / df[&id]).ln()))
                    .collect();
                let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
                if norm > 0.0 {
                    v.iter_mut().for_each(|(_, w)| *w /= norm);
                }
                v.sort_by_key(|(id, _)| *id);
                (at, v)
            })
            .collect();
        Similarity { vectors }
    }

    pub fn score(&self, a: RecRef, b: RecRef) -> f32 {
        let (Some(x), Some(y)) = (self.vectors.get(&a), self.vectors.get(&b)) else {
            return 0.0;
        };
        let (mut i, mut j, mut dot) = (0, 0, 0.0);
        while i < x.len() && j < y.len() {
            match x[i].0.cmp(&y[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += x[i].1 * y[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        dot
    }

    /// Every pair of recommendations of different speeches that scores at least
    /// [`THRESHOLD`], as percentages. Computed once at build time (`build.rs`), so the
    /// browser ships the pairs, not the arithmetic.
    pub fn related(&self, digest: &Digest) -> Related {
        let refs: Vec<RecRef> = digest
            .speeches
            .iter()
            .enumerate()
            .flat_map(|(si, s)| (0..s.recommendations.len()).map(move |ri| (si, ri)))
            .collect();
        let pairs = refs
            .iter()
            .map(|&a| {
                refs.iter()
                    .filter(|b| b.0 != a.0)
                    .filter_map(|&b| {
                        let score = self.score(a, b);
                        (score >= THRESHOLD).then(|| Neighbour {
                            speech: b.0 as u32,
                            rec: b.1 as u32,
                            percent: (score * 100.0).round().min(100.0) as u8,
                        })
                    })
                    .collect()
            })
            .collect();
        Related { pairs }
    }
}

/// A recommendation similar to another one, with its score in percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Neighbour {
    pub speech: u32,
    pub rec: u32,
    pub percent: u8,
}

/// For every recommendation (in digest order), its similar recommendations in other speeches.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Related {
    pub pairs: Vec<Vec<Neighbour>>,
}

impl Related {
    fn of(&self, digest: &Digest, (si, ri): RecRef) -> &[Neighbour] {
        let flat: usize = digest.speeches[..si]
            .iter()
            .map(|s| s.recommendations.len())
            .sum::<usize>()
            + ri;
        self.pairs.get(flat).map_or(&[], Vec::as_slice)
    }

    /// For `rec`, the closest recommendation of each other speech in `columns`, best first.
    pub fn counterparts(
        &self,
        digest: &Digest,
        columns: &[usize],
        rec: RecRef,
    ) -> Vec<(RecRef, u8)> {
        let mut best: Vec<(RecRef, u8)> = Vec::new();
        for n in self.of(digest, rec) {
            let si = n.speech as usize;
            if si == rec.0 || !columns.contains(&si) {
                continue;
            }
            match best.iter_mut().find(|(at, _)| at.0 == si) {
                Some(b) if b.1 >= n.percent => {}
                Some(b) => *b = ((si, n.rec as usize), n.percent),
                None => best.push(((si, n.rec as usize), n.percent)),
            }
        }
        // Best first; ties in column order (few items: insertion sort keeps the wasm small).
        for i in 1..best.len() {
            let mut j = i;
            while j > 0 && best[j - 1].1 < best[j].1 {
                best.swap(j - 1, j);
                j -= 1;
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::tiny;

    #[test]
    fn every_recommendation_appears_exactly_once() {
        let d = tiny();
        let cols = [0, 1, 2];
        let rows = align(&d, &cols);
        for (c, &si) in cols.iter().enumerate() {
            let mut seen: Vec<usize> = rows.iter().flat_map(|r| r.cells[c].clone()).collect();
            seen.sort();
            assert_eq!(
                seen,
                (0..d.speeches[si].recommendations.len()).collect::<Vec<_>>()
            );
        }
        // Rows follow the digest's measure order; finance(0) talent(1) policy(2).
        let ms: Vec<Option<usize>> = rows.iter().map(|r| r.measure).collect();
        assert_eq!(ms, [Some(0), Some(1), Some(2)]);
        // A measure only one column has keeps empty cells for the others.
        assert_eq!(rows[2].cells, vec![vec![0], vec![], vec![]]);
    }

    #[test]
    fn unknown_measures_get_their_own_last_row() {
        let mut d = tiny();
        d.speeches[2].recommendations[0].measures = vec!["nope".into()];
        let rows = align(&d, &[2, 0]);
        assert_eq!(rows.last().unwrap().measure, None);
        assert_eq!(rows.last().unwrap().cells, vec![vec![0], vec![]]);
    }

    #[test]
    fn common_ground_counts_speeches_per_measure() {
        let d = tiny();
        let cg = common_ground(&d, &[0, 2]);
        // talent and policy shared by both; finance by one.
        assert_eq!(cg, vec![(1, 2), (2, 2), (0, 1)]);
    }

    #[test]
    fn coverage_matrix() {
        let d = tiny();
        assert_eq!(
            coverage(&d),
            vec![vec![1, 1, 1], vec![1, 0, 0], vec![0, 1, 1]]
        );
    }

    #[test]
    fn similar_texts_rank_first() {
        let d = tiny();
        let sim = Similarity::new(&d);
        // "人才政策" in a-one r2 and c-three r1.
        let a_talent = sim.score((0, 1), (2, 0));
        let a_finance_vs_education = sim.score((1, 0), (2, 0));
        assert!(
            a_talent > a_finance_vs_education,
            "{a_talent} vs {a_finance_vs_education}"
        );
        assert!((sim.score((0, 0), (0, 0)) - 1.0).abs() < 1e-4);
        let related = sim.related(&d);
        let cps = related.counterparts(&d, &[0, 1, 2], (2, 0));
        assert_eq!(cps.first().map(|c| c.0), Some((0, 1)));
        assert!(cps.iter().all(|c| c.0 .0 != 2));
        // Only chosen columns count.
        assert!(related
            .counterparts(&d, &[2, 1], (2, 0))
            .iter()
            .all(|c| c.0 .0 == 1));
    }
}
