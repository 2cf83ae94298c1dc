//! Core benchmarks: search, filtering with facet counts, and comparison, on the real digest
//! (×1) and on SYNTHETIC digests of 10 and 100 copies of it (`synthetic::scale`).
//!
//!     cargo bench -p jianyan-bench --bench core                  # all, about a minute
//!     cargo bench -p jianyan-bench --bench core -- search/       # only the search
//!
//! Criterion prints each benchmark's time per call (`time: [low median high]`) and keeps the
//! estimates under `target/criterion/GROUP/NAME/xSCALE/new/estimates.json`; `cargo xtask test`
//! reads the search medians at ×100 from there (budget: at most 1 ms per query).
//!
//! Built with the release profile (opt-level "z", LTO), as the shipped WebAssembly is.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion};

use jianyan_core::compare::{self, Similarity};
use jianyan_core::query::{self, Filter};
use jianyan_core::search::SearchIndex;

/// Queries of one to four characters taken from the digest (the most frequent character,
/// and common words), and a miss whose every character occurs in the digest (so the search
/// must check every place of its rarest character). Named by length so that the result
/// folders are ASCII.
const QUERIES: [(&str, &str); 5] = [
    ("q1", "业"),
    ("q2", "企业"),
    ("q3", "医联体"),
    ("q4", "科技服务"),
    ("miss", "产业金融"),
];

const SCALES: [usize; 3] = [1, 10, 100];

fn scale_name(n: usize) -> String {
    format!("x{n}")
}

fn benches(c: &mut Criterion) {
    let real = synthetic::shipped();
    for &n in &SCALES {
        let digest = synthetic::scale(&real, n);
        let index = SearchIndex::new(&digest);
        let speeches = digest.speeches.len();
        let recs: usize = digest
            .speeches
            .iter()
            .map(|s| s.recommendations.len())
            .sum();
        println!("\n-- ×{n}: {speeches} speeches, {recs} recommendations (synthetic above ×1)");
        let sc = scale_name(n);

        let mut g = c.benchmark_group("search");
        for (name, q) in QUERIES {
            let hits = index.search(q).expect("a non-blank query searches");
            let found = hits.iter().flatten().count();
            let spans: usize = hits.iter().flatten().map(|h| h.count()).sum();
            println!("search {name} = {q:?}: {found} speeches, {spans} matches at ×{n}");
            g.bench_with_input(BenchmarkId::new(name, &sc), q, |b, q| {
                b.iter(|| index.search(black_box(q)))
            });
        }
        g.finish();

        // What the index page computes per keystroke or click: the matching speeches and
        // every facet count.
        let mut g = c.benchmark_group("filter");
        let theme = digest.themes[0].id.clone();
        let by_theme = Filter {
            themes: vec![theme.clone()],
            ..Filter::default()
        };
        g.bench_with_input(BenchmarkId::new("theme", &sc), &by_theme, |b, f| {
            b.iter(|| query::apply(&digest, &index, black_box(f)))
        });
        // Three speakers, as a reader would choose them.
        let by_speakers = Filter {
            speakers: digest
                .speeches
                .iter()
                .step_by(speeches.div_ceil(3))
                .map(|s| s.id.clone())
                .collect(),
            ..Filter::default()
        };
        g.bench_with_input(BenchmarkId::new("speakers", &sc), &by_speakers, |b, f| {
            b.iter(|| query::apply(&digest, &index, black_box(f)))
        });
        for (name, q) in [("text-q1", "业"), ("text-q2", "企业")] {
            let with_text = Filter {
                text: q.into(),
                themes: vec![theme.clone()],
                ..Filter::default()
            };
            g.bench_with_input(BenchmarkId::new(name, &sc), &with_text, |b, f| {
                b.iter(|| query::apply(&digest, &index, black_box(f)))
            });
        }
        let nothing = Filter {
            text: "产业金融".into(),
            ..Filter::default()
        };
        g.bench_with_input(BenchmarkId::new("relax-hint", &sc), &nothing, |b, f| {
            b.iter(|| query::relax_hint(&digest, &index, black_box(f)))
        });
        g.finish();

        // The comparison page: four speeches side by side (the most it allows), rows by
        // measure, the common ground, and every recommendation's closest counterparts.
        let columns: Vec<usize> = (0..jianyan_core::route::MAX_COMPARE.min(speeches))
            .map(|i| i * speeches / 4)
            .collect();
        let related = Similarity::new(&digest).related(&digest);
        let pairs: usize = related.pairs.iter().map(Vec::len).sum();
        println!("compare: columns {columns:?}; {pairs} related pairs at ×{n}");
        let mut g = c.benchmark_group("compare");
        g.bench_with_input(BenchmarkId::new("align", &sc), &columns, |b, cols| {
            b.iter(|| {
                (
                    compare::align(&digest, black_box(cols)),
                    compare::common_ground(&digest, cols),
                )
            })
        });
        g.bench_with_input(
            BenchmarkId::new("counterparts", &sc),
            &columns,
            |b, cols| {
                b.iter(|| {
                    let mut found = 0;
                    for &si in cols {
                        for ri in 0..digest.speeches[si].recommendations.len() {
                            found += related
                                .counterparts(&digest, black_box(cols), (si, ri))
                                .len();
                        }
                    }
                    found
                })
            },
        );
        g.finish();

        // Startup work in the browser: building the search index.
        let mut g = c.benchmark_group("startup");
        g.sample_size(10);
        g.bench_function(BenchmarkId::new("search-index", &sc), |b| {
            b.iter(|| SearchIndex::new(black_box(&digest)))
        });
        g.finish();
    }
}

fn main() {
    // Short runs, so that the benchmarks fit in `cargo xtask test`; command-line options
    // (`--warm-up-time`, `--measurement-time`, a filter) still override these.
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(1))
        .sample_size(50)
        .without_plots()
        .configure_from_args();
    benches(&mut c);
    c.final_summary();
}
