//! SYNTHETIC digests for benchmarks: the real digest repeated `n` times.
//!
//! Nothing made here is real data. [`scale`] copies every speech `n` times, word for word,
//! with the same themes, measures, recommendations, figures and notes; only the speech ids
//! change (`feng-hua`, `feng-hua-2`, … `feng-hua-n`) so that each copy has its own URL, and the
//! meeting title says it is synthetic. It exists to measure search, filtering, comparison and
//! the browser at 10× and 100× the size of a real meeting (`crates/bench/benches/core.rs`,
//! `e2e/tests/perf.spec.ts`); never ship its output as a digest.
//!
//! ```text
//! cargo run -p jianyan-bench --bin synthetic-digest -- 10 static/digest.json > x10.json
//! ```

use std::collections::HashSet;

use jianyan_core::model::Digest;

/// The shipped digest (`static/digest.json`), read and validated as the build reads it.
pub fn shipped() -> Digest {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../static/digest.json");
    let text = std::fs::read_to_string(path).expect("static/digest.json is readable");
    match jianyan_core::digest_json::check(path, &text) {
        Ok(d) => d,
        Err(messages) => panic!("{}", messages.join("\n")),
    }
}

/// `digest` repeated `n` times (`n` = 1 returns it unchanged; 0 counts as 1). Copy 1 keeps the
/// original ids; copy `k` ≥ 2 of speech `id` is `id-k`. Ids stay URL-safe and unique (a
/// clash with an existing id gets `-k` again). The result validates whenever `digest` does.
pub fn scale(digest: &Digest, n: usize) -> Digest {
    let mut out = digest.clone();
    if n <= 1 {
        return out;
    }
    out.meeting.title = [
        digest.meeting.title.as_str(),
        "（合成测试数据 ×",
        &n.to_string(),
        "）",
    ]
    .concat();
    let mut taken: HashSet<String> = digest.speeches.iter().map(|s| s.id.clone()).collect();
    out.speeches = Vec::with_capacity(digest.speeches.len() * n);
    out.speeches.extend(digest.speeches.iter().cloned());
    for k in 2..=n {
        for s in &digest.speeches {
            let suffix = ["-", &k.to_string()].concat();
            let mut id = [s.id.as_str(), &suffix].concat();
            while taken.contains(&id) {
                id.push_str(&suffix);
            }
            taken.insert(id.clone());
            let mut copy = s.clone();
            copy.id = id;
            out.speeches.push(copy);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jianyan_core::testdata::tiny;
    use jianyan_core::validate::validate;

    #[test]
    fn one_copy_is_the_digest_itself() {
        let d = tiny();
        assert_eq!(scale(&d, 1), d);
        assert_eq!(scale(&d, 0), d);
    }

    #[test]
    fn copies_validate_and_keep_the_text() {
        let d = tiny();
        assert!(validate(&d).is_empty());
        let big = scale(&d, 10);
        assert_eq!(validate(&big), vec![], "the scaled digest validates");
        assert_eq!(big.speeches.len(), d.speeches.len() * 10);
        assert_eq!(big.themes, d.themes);
        assert_eq!(big.measures, d.measures);
        assert!(
            big.meeting.title.contains("合成"),
            "marked as synthetic: {}",
            big.meeting.title
        );
        assert_eq!(big.speeches[0].id, d.speeches[0].id);
        let n = d.speeches.len();
        let copy = &big.speeches[n];
        assert_eq!(copy.id, [d.speeches[0].id.as_str(), "-2"].concat());
        assert_eq!(copy.title, d.speeches[0].title);
        assert_eq!(copy.recommendations, d.speeches[0].recommendations);
        assert_eq!(
            big.speeches[10 * n - 1].id,
            [d.speeches[n - 1].id.as_str(), "-10"].concat()
        );
    }

    #[test]
    fn the_real_digest_scales_to_100_and_validates() {
        let d = shipped();
        let big = scale(&d, 100);
        assert_eq!(validate(&big), vec![]);
        assert_eq!(big.speeches.len(), d.speeches.len() * 100);
        assert!(big.speech("feng-hua-100").is_some());
    }

    #[test]
    fn ids_stay_unique_when_a_copy_id_already_exists() {
        let mut d = tiny();
        // A real speech whose id looks like a copy of the first one.
        d.speeches[1].id = [d.speeches[0].id.as_str(), "-2"].concat();
        let big = scale(&d, 3);
        assert_eq!(validate(&big), vec![]);
        let ids: HashSet<&str> = big.speeches.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids.len(), big.speeches.len());
    }
}
