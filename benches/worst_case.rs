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

/// The limit for the generated family's 8× step: linear is 8×, and 1.5× that leaves room for
/// what caches and page faults do to a linear shape on a shared machine (its time per byte
/// was seen to rise by up to 30% from one size to another). A quadratic shape gives 64×, an
/// n·log n one about 9.3×.
const FAMILY_RATIO: f64 = 12.0;

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
    // Words glued by full stops with no space (`good.good.good…`): one token run as long as
    // the input, split at every stop; long texts are analysed in pieces, and a piece must not
    // scan the rest of the run again (it did: 128× the time for 16× the bytes).
    ("glued_stops", |n| repeat("good.", n)),
    // The same with non-ASCII letters, which take the UAX #29 path.
    ("glued_unicode", |n| repeat("café.Bon:", n)),
];

/// Fragments the generated family of shapes is built from: word pieces, every ASCII
/// character the tokenizer treats specially, non-ASCII letters, emoji and joiners.
const FRAGMENTS: &[&str] = &[
    "good", "Mr", "a", "GOOD", "not ", "very ", "but ", ".", ":", "'", ",", ";", "!", "?", "#",
    "@", "-", "(", ")", "<", "<br />", "&lt;3", "http://", "...", "é", "🙂", "\u{200d}", "👍🏽", " ",
    "\n", "1", "_", "xD", ":)", "soooo",
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

/// A generated family of shapes: 120 patterns of one to four [`FRAGMENTS`] (a fixed
/// pseudo-random sequence, so every run tries the same ones), each repeated to 512 KB and to
/// 4 MB with no line break; fails if, for any pattern, the median 4 MB time over 5 interleaved
/// rounds exceeds [`FAMILY_RATIO`] times the 512 KB time and 20 ms (below that a pattern runs
/// at over 200 MB/s, and the ratio only measures caches). Shapes like `good.` are what it is
/// for (before its fix it took about 3.5× longer per doubling); new tokenizer rules must pass it.
fn check_family() {
    let analyzer = emotive::Analyzer::default_ref();
    let time = |t: &str| {
        let start = Instant::now();
        black_box(analyzer.analyze(black_box(t)));
        start.elapsed().as_secs_f64()
    };
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let limit = FAMILY_RATIO;
    let mut worst: Vec<(f64, f64, String)> = Vec::new();
    for _ in 0..120 {
        let parts = 1 + next(4);
        let pattern: String = (0..parts)
            .map(|_| FRAGMENTS[next(FRAGMENTS.len())])
            .collect();
        let small = repeat(&pattern, MB / 2);
        let large = repeat(&pattern, 4 * MB);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for _ in 0..5 {
            a.push((0..8).map(|_| time(&small)).sum::<f64>() / 8.0);
            b.push(time(&large));
        }
        let large_time = median(&mut b);
        worst.push((large_time / median(&mut a).max(1e-9), large_time, pattern));
    }
    worst.sort_by(|x, y| y.0.total_cmp(&x.0));
    println!("\ngenerated shapes: 4 MB / 512 KB time ratio, the five highest of 120 (linear: 8)");
    for (r, t, p) in worst.iter().take(5) {
        println!("  {r:5.1}  ({:6.1} ms at 4 MB)  {p:?}", t * 1e3);
    }
    let bad: Vec<&String> = worst
        .iter()
        .filter(|(r, t, _)| *r > limit && *t > 0.02)
        .map(|(_, _, p)| p)
        .collect();
    assert!(
        bad.is_empty(),
        "super-linear shapes (ratio > {limit}): {bad:?}"
    );
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
    check_ratios();
    check_family();
}
