//! Pins the content of the shipped digest to the seed it was reconstructed from
//! (`tests/fixtures/seed.txt`, a copy of the newspaper page's OCR).

use jianyan_core::compare::{RecRef, Similarity, THRESHOLD};
use jianyan_core::model::Digest;

fn digest() -> Digest {
    let text = std::fs::read_to_string("static/digest.json").unwrap();
    jianyan_core::digest_json::check("static/digest.json", &text).unwrap()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Seed paragraphs (blank-line separated), whitespace removed.
fn seed_paragraphs() -> Vec<String> {
    let seed = std::fs::read_to_string("tests/fixtures/seed.txt").unwrap();
    seed.split("\n\n")
        .map(squash)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Every string of members' words, one speech after another.
fn member_texts(d: &Digest) -> Vec<String> {
    let mut out = vec![d.meeting.lead.clone()];
    for s in &d.speeches {
        out.extend(s.background.iter().cloned());
        if !s.lead_in.is_empty() {
            out.push(s.lead_in.clone());
        }
        for r in &s.recommendations {
            out.push(format!("{}{}{}", r.label, r.headline, r.details));
        }
    }
    out.into_iter().map(|t| squash(&t)).collect()
}

/// `text` is made of seed paragraph pieces: inside one paragraph, or joined where one
/// paragraph ends and another begins (a split the layout made, rejoined by the editors).
fn from_seed(text: &str, paras: &[String]) -> bool {
    let t: Vec<char> = text.chars().collect();
    // reachable[i]: t[..i] is covered, ending at a paragraph end (or i == 0).
    let mut reachable = vec![false; t.len() + 1];
    reachable[0] = true;
    for i in 0..t.len() {
        if !reachable[i] {
            continue;
        }
        let rest: String = t[i..].iter().collect();
        for p in paras {
            if i == 0 {
                // The first piece may start anywhere in a paragraph.
                if let Some(pos) = p.find(&rest) {
                    let _ = pos;
                    return true;
                }
                // …and run to that paragraph's end.
                for (start, _) in p.char_indices() {
                    let tail = &p[start..];
                    if rest.starts_with(tail) {
                        reachable[i + tail.chars().count()] = true;
                    }
                }
            } else {
                // Later pieces start at a paragraph start: either end inside it…
                if p.starts_with(&rest) {
                    return true;
                }
                // …or take the whole paragraph.
                if rest.starts_with(p.as_str()) {
                    reachable[i + p.chars().count()] = true;
                }
            }
        }
    }
    reachable[t.len()]
}

#[test]
fn ten_speeches_in_the_order_of_the_photo_row() {
    let d = digest();
    let ids: Vec<&str> = d.speeches.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "feng-hua",
            "shi-yanchun",
            "huang-junxia",
            "he-jianhong",
            "shu-yufen",
            "zhao-yongjiang",
            "gong-yongling",
            "shi-lei",
            "zhang-xiaoyun",
            "guo-jinbin"
        ]
    );
    let names: Vec<&str> = d.speeches.iter().map(|s| s.speaker.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "冯华",
            "史延春",
            "黄俊霞",
            "和建宏",
            "舒玉芬",
            "赵永江",
            "弓永玲",
            "石磊",
            "张晓芸",
            "郭晋斌"
        ]
    );
}

#[test]
fn every_sentence_is_the_seed_s_own() {
    let d = digest();
    let paras = seed_paragraphs();
    for t in member_texts(&d) {
        assert!(
            from_seed(&t, &paras),
            "not in the seed (nor a rejoin of seed paragraphs): {t}"
        );
    }
}

#[test]
fn the_checker_rejects_a_paraphrase() {
    let paras = seed_paragraphs();
    assert!(from_seed("民营经济是推进中国式现代化的生力军。", &paras));
    assert!(!from_seed("民营经济是推进中国式现代化的主力军。", &paras));
    // A rejoin across the blank line "放宽 / 市场准入" is accepted…
    assert!(from_seed(
        "进一步规范涉企行政执法。放宽市场准入，打通",
        &paras
    ));
    // …two unrelated halves are not.
    assert!(!from_seed("进一步规范涉企行政执法。市场准入", &paras));
}

#[test]
fn no_paragraph_twice_and_none_lost() {
    let d = digest();
    let all: String = member_texts(&d).concat();
    let headings_and_names =
        |p: &str| p.starts_with('#') || p.starts_with("市政协委员") || p.chars().count() < 20;
    for p in seed_paragraphs().iter().filter(|p| !headings_and_names(p)) {
        let n = all.matches(p.as_str()).count();
        assert_eq!(n, 1, "seed paragraph used {n} times: {p}");
    }
}

#[test]
fn every_repair_is_noted() {
    let d = digest();
    let notes = |id: &str| {
        d.speech(id)
            .unwrap()
            .notes
            .iter()
            .map(|n| serde_json::to_string(&n.kind).unwrap())
            .collect::<Vec<_>>()
            .join(",")
    };
    assert!(notes("huang-junxia").contains("attribution-inferred"));
    assert!(notes("huang-junxia").contains("title-missing"));
    assert!(notes("gong-yongling").contains("attribution-inferred"));
    assert!(notes("guo-jinbin").contains("duplicate-removed"));
    assert!(notes("shu-yufen").contains("reordered"));
    assert!(notes("feng-hua").contains("rejoined"));
    assert!(
        d.meeting.notes.iter().any(|n| n.text.contains("年")),
        "the inferred year is explained"
    );
}

/// Prints the distribution the threshold was chosen on; asserts it still separates.
#[test]
fn threshold_separates_related_from_unrelated() {
    let d = digest();
    let sim = Similarity::new(&d);
    let refs: Vec<(usize, usize)> = d
        .speeches
        .iter()
        .enumerate()
        .flat_map(|(si, s)| (0..s.recommendations.len()).map(move |ri| (si, ri)))
        .collect();
    let mut scores: Vec<(f32, RecRef, RecRef)> = Vec::new();
    for (i, &a) in refs.iter().enumerate() {
        for &b in &refs[i + 1..] {
            if a.0 != b.0 {
                scores.push((sim.score(a, b), a, b));
            }
        }
    }
    scores.sort_by(|x, y| y.0.total_cmp(&x.0));
    let above = scores.iter().filter(|s| s.0 >= THRESHOLD).count();
    println!(
        "{} cross-speech pairs; {above} at or above {THRESHOLD}",
        scores.len()
    );
    for (s, a, b) in scores.iter().take(30) {
        let ra = &d.speeches[a.0].recommendations[a.1];
        let rb = &d.speeches[b.0].recommendations[b.1];
        println!(
            "{s:.3}  {} {} | {} {}",
            d.speeches[a.0].speaker.name, ra.headline, d.speeches[b.0].speaker.name, rb.headline
        );
    }
    let score = |a: (&str, usize), b: (&str, usize)| {
        let at = |(id, r): (&str, usize)| (d.speech_index(id).unwrap(), r - 1);
        sim.score(at(a), at(b))
    };
    // Loans and financial products for private firms ↔ financial products for small firms.
    assert!(score(("feng-hua", 3), ("he-jianhong", 2)) >= THRESHOLD);
    // Government services for firms ↔ support services for women's courtyard businesses.
    assert!(score(("huang-junxia", 3), ("zhang-xiaoyun", 2)) >= THRESHOLD);
    // Shared words only: financial infrastructure ↔ industrial-park infrastructure.
    assert!(score(("he-jianhong", 1), ("zhao-yongjiang", 2)) < THRESHOLD);
    assert!(
        above <= refs.len(),
        "threshold too low: {above} pairs for {} recommendations",
        refs.len()
    );
}
