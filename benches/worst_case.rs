//! Linear time on hostile input: each worst case at 1 MB and at 10 MB, through the default
//! analyzer (hits and sentences kept, as `emotive::analyze` does).
//!
//! Criterion measures and reports every case. Then, because a benchmark that cannot fail
//! proves nothing, the same cases are timed again in interleaved rounds (1 MB, 10 MB, 1 MB,
//! … so that a noisy neighbour slows both alike) and the run fails if the median 10 MB time
//! exceeds 12× the median 1 MB time for any case.
//!
//! `cargo bench --bench worst_case` (about two minutes).

use std::hint::black_box;
use std::time::Instant;

use criterion::{BenchmarkId, Criterion, Throughput};

const MB: usize = 1 << 20;

/// The limit on the 10 MB / 1 MB time ratio (linear would be 10).
const MAX_RATIO: f64 = 12.0;

/// A named hostile input, built to a size in bytes.
type Case = (&'static str, fn(usize) -> String);

/// Hostile inputs, each built to `size` bytes.
const CASES: &[Case] = &[
    // Family emoji (ZWJ sequences) and skin-tone modifiers, back to back.
    ("zwj_emoji", |n| {
        repeat("👩\u{200d}👩\u{200d}👧\u{200d}👦👍🏽", n)
    }),
    // A run of negators with nothing to negate: every word opens a negation scope.
    ("negators", |n| repeat("not ", n)),
    // One token as long as the input (stemming, elongation and lookup of a giant word).
    ("one_token", |n| {
        format!("I {} it", "a".repeat(n.saturating_sub(5)))
    }),
    // Exclamation marks only.
    ("exclamations", |n| "!".repeat(n)),
    // The first words of the longest idioms, repeated, so that every word starts a phrase
    // match that fails at its last word.
    ("idiom_prefixes", |n| {
        repeat("pain in the works like a out of this kind kind of ", n)
    }),
    // Shouted sentiment words with boosters and contrast, in one endless sentence.
    ("caps_boosters", |n| repeat("VERY GOOD but NOT bad ", n)),
];

fn repeat(unit: &str, size: usize) -> String {
    unit.repeat((size / unit.len()).max(1))
}

fn bench(c: &mut Criterion) {
    let analyzer = emotive::Analyzer::default_ref();
    let mut g = c.benchmark_group("worst_case");
    g.sample_size(10);
    for &(name, make) in CASES {
        for size in [MB, 10 * MB] {
            let text = make(size);
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_with_input(
                BenchmarkId::new(name, format!("{}MB", size / MB)),
                &text,
                |b, t| b.iter(|| analyzer.analyze(black_box(t)).compound()),
            );
        }
    }
    g.finish();
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Times each case in interleaved rounds and fails on a ratio above [`MAX_RATIO`].
fn check_ratios() {
    let analyzer = emotive::Analyzer::default_ref();
    let time = |t: &str| {
        let start = Instant::now();
        black_box(analyzer.analyze(black_box(t)));
        start.elapsed().as_secs_f64()
    };
    println!(
        "\nworst case        1 MB (ms)   10 MB (ms)   ratio   (medians of 7 interleaved rounds)"
    );
    let mut failed = Vec::new();
    for &(name, make) in CASES {
        let (small, large) = (make(MB), make(10 * MB));
        let (mut a, mut b) = (Vec::new(), Vec::new());
        time(&small);
        for _ in 0..7 {
            // Ten 1 MB runs against one 10 MB run: the same bytes, so the same cache and
            // allocator conditions on both sides.
            a.push((0..10).map(|_| time(&small)).sum::<f64>() / 10.0);
            b.push(time(&large));
        }
        let (a, b) = (median(&mut a), median(&mut b));
        let ratio = b / a;
        println!(
            "{name:16} {:10.2}   {:10.2}   {ratio:5.1}{}",
            a * 1e3,
            b * 1e3,
            if ratio > MAX_RATIO {
                "   > 12: FAIL"
            } else {
                ""
            }
        );
        if ratio > MAX_RATIO {
            failed.push(name);
        }
    }
    assert!(
        failed.is_empty(),
        "10 MB took more than {MAX_RATIO}x the 1 MB time for {failed:?}"
    );
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
    check_ratios();
}
