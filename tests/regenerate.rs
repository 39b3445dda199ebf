//! The generated files in `lexicons/` must equal what their generator produces from
//! `../shared` and the reviewed files in `lexicons/` (STYLE.md rule 9). Skipped, with the
//! reason printed, where `../shared` is absent (a user's clone).

// The generator's modules, shared with the example; not every item is used here.
#[allow(dead_code)]
#[path = "../examples/build_lexicons/emotions.rs"]
mod emotions;
#[allow(dead_code)]
#[path = "../examples/build_lexicons/review.rs"]
mod review;
#[allow(dead_code)]
#[path = "../examples/build_lexicons/sources.rs"]
mod sources;

use std::path::Path;

#[test]
fn bundled_lexicons_equal_their_generator_output() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = repo.join("../shared");
    if !shared.join("lexicon-sources").is_dir() || !shared.join("data/emotion").is_dir() {
        eprintln!(
            "skipped: {} is absent, the generator has nothing to read",
            shared.display()
        );
        return;
    }
    // The commit a lexicon was generated on top of is history, not something to recompute:
    // take it from the committed header. The generator's digest is recomputed.
    let committed =
        std::fs::read_to_string(repo.join("lexicons/emotions.tsv")).expect("committed lexicon");
    let base = review::base_commit(&committed).unwrap_or_default();
    let files = review::all_files(repo, &shared, &emotions::Params::default(), &base)
        .expect("the generator runs: every candidate decided, no listed term given an emotion");
    let mut stale = Vec::new();
    for (name, content) in &files {
        let committed =
            std::fs::read_to_string(repo.join("lexicons").join(name)).expect("committed file");
        if &committed != content {
            stale.push(*name);
        }
    }
    assert!(
        stale.is_empty(),
        "{stale:?} differ from the generator's output: run `cargo run --release --example build_lexicons` and commit"
    );
    let emotions = files
        .iter()
        .find(|(n, _)| *n == "emotions.tsv")
        .map(|(_, c)| c)
        .unwrap();
    for e in emotive::Emotion::ALL {
        let n = emotions
            .lines()
            .filter(|l| l.split('\t').nth(1) == Some(e.name()))
            .count();
        assert!(n >= 300, "{e}: only {n} reviewed terms");
    }
}
