//! Criterion benchmarks, one group per pipeline stage, over `benches/texts/vader_sample.txt`
//! (2,000 real tweets and review sentences, MIT; see `benches/texts/README.md`).
//!
//! Each benchmark states the question it answers and checks its own result inside the loop,
//! so that a change in behaviour cannot pass for a change in speed.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use emotive::{Analyzer, Stage, tokens};
use std::hint::black_box;

const SAMPLE: &str = include_str!("texts/vader_sample.txt");

/// Tokens in the sample (words, numbers, emoji, emoticons and punctuation); changes only when
/// the tokenizer does.
const SAMPLE_TOKENS: usize = 31_200;

fn lines() -> Vec<&'static str> {
    SAMPLE.lines().collect()
}

fn lean() -> Analyzer {
    Analyzer::builder()
        .hits(false)
        .sentences(false)
        .build()
        .expect("default settings are valid")
}

/// How fast is stage 1 alone — the floor the other stages are measured against?
fn tokenize(c: &mut Criterion) {
    let mut g = c.benchmark_group("tokenize");
    g.throughput(Throughput::Bytes(SAMPLE.len() as u64));
    g.bench_function("emotive_tokens", |b| {
        b.iter(|| {
            let n: usize = lines().iter().map(|l| tokens(black_box(l)).count()).sum();
            assert_eq!(n, SAMPLE_TOKENS);
        })
    });
    // Baseline from the same crate emotive builds on: UAX #29 words only.
    g.bench_function("unicode_words_baseline", |b| {
        use unicode_segmentation::UnicodeSegmentation;
        b.iter(|| {
            lines()
                .iter()
                .map(|l| black_box(l).unicode_words().count())
                .sum::<usize>()
        })
    });
    g.finish();
}

/// What do normalising and lexicon lookup (with the stem fallback) add to tokenizing?
fn lookup(c: &mut Criterion) {
    let an = lean();
    let expected: usize = lines().iter().map(|l| an.run_stage(l, Stage::Lookup)).sum();
    let mut g = c.benchmark_group("lookup");
    g.throughput(Throughput::Bytes(SAMPLE.len() as u64));
    g.bench_function("tokenize_lookup", |b| {
        b.iter(|| {
            let n: usize = lines()
                .iter()
                .map(|l| an.run_stage(black_box(l), Stage::Lookup))
                .sum();
            assert_eq!(n, expected);
        })
    });
    g.finish();
}

/// What do the rules (expressions, contrast, boosters, negation) add?
fn rules(c: &mut Criterion) {
    let an = lean();
    let expected: usize = lines().iter().map(|l| an.run_stage(l, Stage::Rules)).sum();
    let mut g = c.benchmark_group("rules");
    g.throughput(Throughput::Bytes(SAMPLE.len() as u64));
    g.bench_function("tokenize_lookup_rules", |b| {
        b.iter(|| {
            let n: usize = lines()
                .iter()
                .map(|l| an.run_stage(black_box(l), Stage::Rules))
                .sum();
            assert_eq!(n, expected);
        })
    });
    g.finish();
}

/// The whole pipeline into an `Analysis`: without explanations, and with hits and sentences.
fn score(c: &mut Criterion) {
    let an = lean();
    let full = Analyzer::default_ref();
    let texts = lines();
    let positive = texts
        .iter()
        .filter(|l| an.analyze(l).compound() > 0.0)
        .count();
    let mut g = c.benchmark_group("score");
    g.throughput(Throughput::Bytes(SAMPLE.len() as u64));
    g.bench_function("analyze_scores_only", |b| {
        b.iter(|| {
            let n = texts
                .iter()
                .filter(|l| an.analyze(black_box(l)).compound() > 0.0)
                .count();
            assert_eq!(n, positive);
        })
    });
    g.bench_function("analyze_with_hits_and_sentences", |b| {
        b.iter(|| {
            let n = texts
                .iter()
                .filter(|l| full.analyze(black_box(l)).compound() > 0.0)
                .count();
            assert_eq!(n, positive);
        })
    });
    g.finish();
}

/// Does the batch API scale over the machine's cores, against one thread in the same run?
fn batch(c: &mut Criterion) {
    let an = lean();
    let texts = lines();
    let positive = texts
        .iter()
        .filter(|l| an.analyze(l).compound() > 0.0)
        .count();
    let mut g = c.benchmark_group("batch");
    g.throughput(Throughput::Bytes(SAMPLE.len() as u64));
    g.bench_function("sequential", |b| {
        b.iter(|| {
            let out: Vec<_> = texts.iter().map(|l| an.analyze(l)).collect();
            assert_eq!(out.iter().filter(|a| a.compound() > 0.0).count(), positive);
        })
    });
    g.bench_function("analyze_batch", |b| {
        b.iter(|| {
            let out = an.analyze_batch(black_box(&texts));
            assert_eq!(out.iter().filter(|a| a.compound() > 0.0).count(), positive);
        })
    });
    g.finish();
}

criterion_group!(benches, tokenize, lookup, rules, score, batch);
criterion_main!(benches);
