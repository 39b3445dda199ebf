//! The bundled emotion lexicon, checked the way a careful reader would (issue 11): no feeling
//! on who someone is or on everyday words, words ordered by strength as people order them,
//! explicit statements never missed, several emotions at once, emoji and emoticons.

use std::collections::BTreeSet;
use std::path::Path;

use emotive::{Analysis, Emotion, analyze};

fn repo_file(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).expect(name)
}

/// The terms of a one-term-per-line list (`#` comments).
fn list(name: &str) -> Vec<String> {
    repo_file(name)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

fn emotions_of(a: &Analysis) -> Vec<(Emotion, f32)> {
    Emotion::ALL
        .into_iter()
        .map(|e| (e, a.emotion(e)))
        .filter(|(_, v)| *v > 0.0)
        .collect()
}

/// Terms of the bundled lexicon files (first column), lower case.
fn bundled_terms(file: &str) -> BTreeSet<String> {
    repo_file(file)
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split('\t').next())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn identity_terms_carry_no_valence_and_no_emotion() {
    let identity = list("lexicons/identity_terms.txt");
    assert!(identity.len() >= 300, "{} identity terms", identity.len());
    // Not in any bundled lexicon file …
    for file in [
        "lexicons/valence.tsv",
        "lexicons/afinn.tsv",
        "lexicons/idioms.tsv",
        "lexicons/phrase_valence.tsv",
        "lexicons/emotions.tsv",
    ] {
        let terms = bundled_terms(file);
        let found: Vec<&String> = identity.iter().filter(|t| terms.contains(*t)).collect();
        assert!(found.is_empty(), "{file} scores identity terms: {found:?}");
    }
    // … and nothing reaches them through stems, emoji or phrases either.
    let mut wrong = Vec::new();
    for t in &identity {
        let a = analyze(t);
        if a.compound() != 0.0 || !emotions_of(&a).is_empty() {
            wrong.push((t.clone(), a.compound(), emotions_of(&a)));
        }
    }
    assert!(wrong.is_empty(), "identity terms with a feeling: {wrong:?}");
}

#[test]
fn a_first_name_is_not_an_abbreviation_or_a_feeling() {
    // "tia" was "thanks in advance" (+), "l" a loss (+2.0 in VADER).
    assert_eq!(analyze("Tia").compound(), 0.0);
    let a = analyze("Tia is thrilled");
    assert_eq!(a.dominant(), Some(Emotion::Joy));
    assert!(a.hits().iter().all(|h| h.term() != "tia"), "{:?}", a.hits());
    assert!(analyze("took the L today, total L").compound() <= 0.0);
}

#[test]
fn everyday_words_carry_no_emotion() {
    let neutral = list("lexicons/neutral_words.txt");
    assert!(neutral.len() >= 1000, "{} neutral words", neutral.len());
    for must in [
        "point", "turn", "piece", "human", "thought", "seen", "find", "new", "life", "time",
        "movie", "product", "order", "feel", "hospital", "cake", "laptop",
    ] {
        assert!(neutral.iter().any(|w| w == must), "{must} is listed");
    }
    let wrong: Vec<(String, Vec<(Emotion, f32)>)> = neutral
        .iter()
        .map(|w| (w.clone(), emotions_of(&analyze(w))))
        .filter(|(_, e)| !e.is_empty())
        .collect();
    assert!(wrong.is_empty(), "everyday words with emotions: {wrong:?}");
}

#[test]
fn every_reviewed_drop_holds_in_the_analyzer() {
    // A word the review decided carries no emotion must not get one through its stem
    // (`honestly` is not `honest`'s trust).
    let review = repo_file("lexicons/emotion_review.tsv");
    let mut wrong = Vec::new();
    for line in review.lines().filter(|l| !l.starts_with('#')) {
        let mut f = line.split('\t');
        let (Some(term), Some("-")) = (f.next(), f.next()) else {
            continue;
        };
        if !term.chars().all(|c| c.is_ascii_lowercase()) {
            continue;
        }
        let e = emotions_of(&analyze(term));
        if !e.is_empty() {
            wrong.push((term.to_string(), e));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} dropped words with emotions: {wrong:?}",
        wrong.len()
    );
}

/// Words of one emotion from strongest to weakest, each analysed alone.
const ORDERED: &[(Emotion, &[&str])] = &[
    (Emotion::Anger, &["furious", "angry", "annoyed", "bothered"]),
    (Emotion::Anger, &["irate", "angry", "irritated"]),
    (Emotion::Fear, &["terrified", "scared", "uneasy", "wary"]),
    (Emotion::Fear, &["petrified", "afraid", "nervous"]),
    (Emotion::Joy, &["ecstatic", "happy", "content"]),
    (Emotion::Joy, &["elated", "glad", "pleased"]),
    (Emotion::Sadness, &["devastated", "sad", "feel down"]),
    (Emotion::Sadness, &["heartbroken", "miserable", "gloomy"]),
    (
        Emotion::Disgust,
        &["revolted", "disgusted", "distaste", "unpleasant"],
    ),
    (Emotion::Surprise, &["astonished", "surprised", "puzzled"]),
    (Emotion::Anticipation, &["yearning", "eager", "curious"]),
    (Emotion::Trust, &["trust", "respect", "agree"]),
];

#[test]
fn intensities_order_words_as_people_do() {
    for (emotion, words) in ORDERED {
        let values: Vec<f32> = words
            .iter()
            .map(|w| {
                let text = if w.contains(' ') {
                    format!("I {w}.")
                } else {
                    format!("I am {w}.")
                };
                analyze(&text).emotion(*emotion)
            })
            .collect();
        for (pair, v) in words.windows(2).zip(values.windows(2)) {
            assert!(
                v[0] > v[1] && v[1] > 0.0,
                "{emotion}: {} ({}) should be above {} ({})",
                pair[0],
                v[0],
                pair[1],
                v[1]
            );
        }
    }
}

#[test]
fn naming_the_feeling_weighs_far_more_than_an_association() {
    let furious = analyze("She feels furious.");
    assert_eq!(furious.dominant(), Some(Emotion::Anger));
    assert!(furious.emotion(Emotion::Anger) > 0.5);
    assert!(emotions_of(&analyze("She feels fine.")).is_empty());
    assert!(emotions_of(&analyze("at the hospital")).is_empty());
    assert_eq!(analyze("I am fearful.").dominant(), Some(Emotion::Fear));
    for (text, e) in [("enraged", Emotion::Anger), ("gloomy", Emotion::Sadness)] {
        assert!(analyze(text).emotion(e) > 0.25, "{text}");
    }
}

#[test]
fn explicit_statements_are_never_missed() {
    let table = repo_file("tests/data/statements.tsv");
    let mut n = 0;
    let mut per = std::collections::BTreeMap::new();
    let mut missed = Vec::new();
    for line in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let (e, text) = line.split_once('\t').expect("emotion<TAB>statement");
        let want = Emotion::ALL
            .into_iter()
            .find(|x| x.name() == e)
            .expect("emotion name");
        n += 1;
        *per.entry(e).or_insert(0) += 1;
        let a = analyze(text);
        if a.dominant() != Some(want) {
            missed.push((text, a.dominant(), emotions_of(&a)));
        }
    }
    assert!(n >= 200, "{n} statements");
    assert_eq!(per.len(), 8, "all eight emotions: {per:?}");
    assert!(
        missed.is_empty(),
        "{} of {n} missed: {missed:#?}",
        missed.len()
    );
}

#[test]
fn two_emotions_expressed_are_both_detected() {
    for (text, both) in [
        (
            "I'm angry and disgusted by this.",
            [Emotion::Anger, Emotion::Disgust],
        ),
        ("I'm scared and so sad.", [Emotion::Fear, Emotion::Sadness]),
        (
            "So happy and grateful, I trust them completely.",
            [Emotion::Joy, Emotion::Trust],
        ),
        (
            "We were shocked and terrified.",
            [Emotion::Surprise, Emotion::Fear],
        ),
    ] {
        let a = analyze(text);
        for e in both {
            assert!(
                a.detected().contains(e),
                "{text}: {e} in {:?}",
                a.detected()
            );
        }
    }
}

#[test]
fn a_long_review_that_says_good_twice_is_not_joyful() {
    let review = "The film opens in a small town. The plot follows a teacher and her class. \
        The acting is good. There are long scenes at the school. The camera stays close. \
        Then the story moves to the city. The music is good. Some scenes run long. \
        The ending returns to the town. It lasts two hours. The cast is large. \
        Most of it was shot on location. The script is by the director. \
        The colours are muted. It was released in the spring.";
    let a = analyze(review);
    assert!(!a.detected().contains(Emotion::Joy), "{:?}", a.detected());
    assert!(!a.detected().contains(Emotion::Trust));
    // The same praise in a short comment is a mild joy.
    assert!(analyze("Good!").detected().contains(Emotion::Joy));
}

#[test]
fn emoji_and_emoticons_carry_emotions() {
    for (text, e) in [
        ("😡", Emotion::Anger),
        ("😱", Emotion::Fear),
        ("😢", Emotion::Sadness),
        ("🤢", Emotion::Disgust),
        ("😂", Emotion::Joy),
        ("😮", Emotion::Surprise),
        ("🤞", Emotion::Anticipation),
        ("🤝", Emotion::Trust),
        (":(", Emotion::Sadness),
        (":)", Emotion::Joy),
        (">:(", Emotion::Anger),
        (":O", Emotion::Surprise),
    ] {
        assert_eq!(analyze(text).dominant(), Some(e), "{text}");
        assert_eq!(
            analyze(&format!("ok {text}")).dominant(),
            Some(e),
            "{text} after a word"
        );
    }
    // Emoji keep the valence of their description.
    assert!(analyze("😡").compound() < 0.0);
    assert!(analyze("😂").compound() > 0.0);
}
