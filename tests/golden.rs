//! Golden sentences (tests/data/golden.tsv): each line's label, and an emotion where given.

use emotive::{Emotion, analyze};

#[test]
fn golden_sentences() {
    let data = include_str!("data/golden.tsv");
    let mut failures = Vec::new();
    let mut n = 0;
    for line in data
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let f: Vec<&str> = line.split('\t').collect();
        let a = analyze(f[0]);
        n += 1;
        if a.label().name() != f[1] {
            failures.push(format!(
                "{:?}: expected {}, got {} ({:.3})",
                f[0],
                f[1],
                a.label(),
                a.compound()
            ));
        }
        if let Some(e) = f.get(2) {
            let e: Emotion = e.parse().expect("emotion name");
            if !a.detected().contains(e) {
                failures.push(format!(
                    "{:?}: expected {e} detected, got {:?}",
                    f[0],
                    a.detected()
                ));
            }
        }
    }
    assert!(n >= 30, "golden file too small: {n}");
    assert!(
        failures.is_empty(),
        "{} golden failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
