//! The public API's promises: thread safety, the lazy default, batch == single, the serde
//! shape, builder validation, and no panic on any input.

use std::panic::{RefUnwindSafe, UnwindSafe};

use emotive::{Analysis, Analyzer, Emotion, Label, Lexicon, Summary, analyze, analyze_batch};
use proptest::prelude::*;

fn assert_all<T: Send + Sync + UnwindSafe + RefUnwindSafe>() {}

#[test]
fn public_types_are_thread_safe() {
    assert_all::<Analyzer>();
    assert_all::<Lexicon>();
    assert_all::<Analysis>();
    assert_all::<Summary>();
    assert_all::<emotive::Hit>();
    assert_all::<emotive::BuildError>();
    assert_all::<emotive::AnalyzerBuilder>();
}

#[test]
fn default_analyzer_builds_from_the_bundled_lexicons() {
    let a = Analyzer::default_ref();
    assert!(a.keeps_hits() && a.keeps_sentences());
    assert_eq!(analyze("great").label(), Label::Positive);
    assert_eq!(Analyzer::default().analyze("great"), analyze("great"));
}

const TEXTS: &[&str] = &[
    "The battery life is NOT great, but support was amazing!",
    "",
    "   ",
    "meh",
    "Terrible. Just terrible. I want my money back!!!",
    "I'm scared this won't arrive on time 😬",
    "Wow :) best day ever #blessed",
    "It's kind of ok but the battery life is terrible",
];

#[test]
fn batch_equals_one_by_one() {
    let many: Vec<String> = TEXTS
        .iter()
        .cycle()
        .take(500)
        .map(|s| s.to_string())
        .collect();
    let batch = analyze_batch(&many);
    assert_eq!(batch.len(), many.len());
    for (t, a) in many.iter().zip(&batch) {
        assert_eq!(&analyze(t), a);
    }
    let streamed: Vec<Analysis> = Analyzer::default_ref()
        .analyze_iter(many.iter(), 7)
        .collect();
    assert_eq!(streamed, batch);
}

#[test]
fn summary_merge_equals_sequential() {
    let analyses = analyze_batch(TEXTS);
    let whole = Summary::from_analyses(&analyses);
    let mut a = Summary::new();
    let mut b = Summary::new();
    for (i, x) in analyses.iter().enumerate() {
        if i < 3 { a.add(i, x) } else { b.add(i, x) }
    }
    a.merge(&b);
    assert_eq!(a.count(), whole.count());
    assert_eq!(
        a.label_count(Label::Negative),
        whole.label_count(Label::Negative)
    );
    assert_eq!(a.most_negative(3), whole.most_negative(3));
    assert!((a.mean_compound() - whole.mean_compound()).abs() < 1e-12);
    let (lo, hi) = whole.compound_ci95();
    assert!(lo <= whole.mean_compound() && whole.mean_compound() <= hi);
    assert_eq!(
        whole.most_negative(1)[0].index(),
        4,
        "the 'Terrible…' review is the most negative"
    );
    let mut with_text = Summary::keeping(2);
    for (i, (a, t)) in analyses.iter().zip(TEXTS).enumerate() {
        with_text.add_with_text(i, a, t);
    }
    assert_eq!(with_text.most_negative(5).len(), 2);
    assert_eq!(with_text.most_negative(1)[0].text(), Some(TEXTS[4]));
}

#[test]
fn proportions_sum_to_one_and_sentences_are_kept() {
    let a = analyze("I love it. I hate the box. Fine!");
    assert!((a.positive() + a.negative() + a.neutral() - 1.0).abs() < 1e-9);
    assert_eq!(a.sentences().len(), 3);
    assert!(a.sentences()[0].compound() > 0.0 && a.sentences()[1].compound() < 0.0);
    let text = "I love it. I hate the box. Fine!";
    assert_eq!(&text[a.sentences()[1].span()], "I hate the box.");
}

#[test]
fn hits_explain_the_score() {
    let text = "The battery life is NOT great, but support was amazing!";
    let a = analyze(text);
    let great = a
        .hits()
        .iter()
        .find(|h| h.term() == "great")
        .expect("great fired");
    assert_eq!(&text[great.span()], "great");
    assert!(great.modifiers().is_negated());
    assert!(great.contribution() < 0.0);
    assert_eq!(great.modifiers().contrast_weight(), 0.5);
    let amazing = a
        .hits()
        .iter()
        .find(|h| h.term() == "amazing")
        .expect("amazing fired");
    assert_eq!(amazing.modifiers().contrast_weight(), 1.5);
    assert!(amazing.contribution() > amazing.valence().unwrap());
}

#[test]
fn options_turn_details_off() {
    let lean = Analyzer::builder()
        .hits(false)
        .sentences(false)
        .build()
        .unwrap();
    let text = "I love it. I hate the box.";
    let a = lean.analyze(text);
    assert!(a.hits().is_empty() && a.sentences().is_empty());
    assert_eq!(a.compound(), analyze(text).compound());
}

#[cfg(feature = "serde")]
#[test]
fn serde_shape_is_documented_and_stable() {
    let a = analyze("I love it :)");
    let v: serde_json::Value = serde_json::to_value(&a).unwrap();
    for key in [
        "compound",
        "label",
        "positive",
        "negative",
        "neutral",
        "emotions",
        "detected",
        "dominant",
        "sentences",
        "hits",
    ] {
        assert!(v.get(key).is_some(), "missing {key} in {v}");
    }
    assert_eq!(v["label"], "positive");
    let emotions = v["emotions"].as_object().unwrap();
    assert_eq!(emotions.len(), 8);
    for e in Emotion::ALL {
        assert!(emotions[e.name()].is_number());
    }
    assert!(v["detected"].is_array());
    assert_eq!(v["hits"][0]["term"], "love");
    assert_eq!(v["hits"][0]["span"], serde_json::json!([2, 6]));
    let lean = Analyzer::builder()
        .hits(false)
        .sentences(false)
        .build()
        .unwrap();
    let v = serde_json::to_value(lean.analyze("x")).unwrap();
    assert!(v.get("hits").is_none() && v.get("sentences").is_none());
    assert_eq!(v["dominant"], serde_json::Value::Null);
    let s = serde_json::to_value(Summary::from_analyses(&analyze_batch(TEXTS))).unwrap();
    assert_eq!(s["count"], 8);
    assert!(s["emotions"]["joy"]["top_terms"].is_array());
}

#[test]
fn invalid_settings_are_errors_not_panics() {
    assert_eq!(
        Analyzer::builder()
            .negation_window(0)
            .build()
            .unwrap_err()
            .setting(),
        "negation_window"
    );
    assert!(Analyzer::builder().alpha(-1.0).build().is_err());
    assert!(Analyzer::builder().alpha(f64::NAN).build().is_err());
    assert!(
        Analyzer::builder()
            .label_thresholds(0.5, -0.5)
            .build()
            .is_err()
    );
    assert!(
        Analyzer::builder()
            .emotion_threshold(1.5, 0.5)
            .build()
            .is_err()
    );
    assert!(
        Analyzer::builder()
            .add_modifier("mega", f32::INFINITY)
            .build()
            .is_err()
    );
    assert!(Analyzer::builder().sentence_exponent(2.0).build().is_err());
    let mut bad = Lexicon::new();
    bad.insert_valence("wow", 12.0);
    let e = Analyzer::builder()
        .extend_valence(&bad)
        .build()
        .unwrap_err();
    assert_eq!(e.setting(), "valence_lexicon");
    assert!(e.to_string().contains("wow"), "{e}");
}

#[test]
fn user_lexicon_entries_win_per_term() {
    let mine: Lexicon = "love\t-2.0\nzorgle\t3.0\nzorgle\tjoy\t0.9\n"
        .parse()
        .unwrap();
    let an = Analyzer::builder()
        .extend_valence(&mine)
        .extend_emotions(&mine)
        .build()
        .unwrap();
    assert_eq!(an.analyze("I love it").label(), Label::Negative);
    let z = an.analyze("zorgle");
    assert_eq!(z.label(), Label::Positive);
    assert!(z.detected().contains(Emotion::Joy));
    // Replacing the emotion lexicon drops the bundled one.
    let only: Lexicon = "zorgle\tfear\t1\n".parse().unwrap();
    let an = Analyzer::builder().emotion_lexicon(only).build().unwrap();
    assert_eq!(an.analyze("zorgle").dominant(), Some(Emotion::Fear));
    assert!(an.analyze("I am so happy").detected().is_empty());
}

#[test]
fn negators_and_modifiers_are_configurable() {
    let an = Analyzer::builder().add_negator("nae").build().unwrap();
    assert_eq!(an.analyze("nae good").label(), Label::Negative);
    assert_eq!(analyze("not nice").label(), Label::Negative);
    let an = Analyzer::builder()
        .negators(Vec::<String>::new())
        .build()
        .unwrap();
    assert_eq!(
        an.analyze("not nice").label(),
        Label::Positive,
        "'not' is no longer a negator"
    );
    assert_eq!(
        an.analyze("isn't nice").label(),
        Label::Negative,
        "words in n't always negate"
    );
    let an = Analyzer::builder()
        .add_modifier("mega", 0.5)
        .build()
        .unwrap();
    assert!(an.analyze("mega nice").compound() > analyze("mega nice").compound());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn never_panics_and_stays_in_range(s in "\\PC*") {
        check(&analyze(&s));
    }

    #[test]
    fn reviewish_text_stays_in_range(
        words in prop::collection::vec(prop::sample::select(REVIEW_WORDS), 0..60)
    ) {
        let text = words.join(" ");
        let a = analyze(&text);
        check(&a);
        for h in a.hits() {
            prop_assert!(text.get(h.span()).is_some(), "span {:?} not on a char boundary", h.span());
        }
    }
}

const REVIEW_WORDS: &[&str] = &[
    "not",
    "good",
    "bad",
    "very",
    "BUT",
    "!!!",
    "??",
    ":)",
    "😍",
    "kind of",
    "never",
    "so",
    "happy",
    "#love",
    "soooo",
    "at least",
    "fed up",
    "n't",
    ",",
    ".",
    "\n",
    "&lt;3",
    "<br />",
    "http://x.y",
    "@bob",
    "don’t",
    "🇫🇷",
    "👍🏽",
    "e.g.",
    "7/10",
    "café",
    "naïve",
    "Zürich",
    "déçu",
    "résumé",
    "piñata",
    "Ångström",
    "좋아요",
    "ÉNORME",
    "crème brûlée",
    "ǅ",
];

/// Everything an analysis says except where (spans differ between two encodings of a text).
fn without_spans(a: &Analysis) -> String {
    let hits: Vec<String> = a
        .hits()
        .iter()
        .map(|h| {
            format!(
                "{} {:?} {:?} {} {:?} {}",
                h.term(),
                h.kind(),
                h.valence(),
                h.contribution(),
                h.modifiers(),
                h.sentence()
            )
        })
        .collect();
    let sentences: Vec<String> = a
        .sentences()
        .iter()
        .map(|s| format!("{} {:?}", s.compound(), s.label()))
        .collect();
    format!(
        "{} {} {} {} {:?} {:?} {:?} {:?} {} {hits:?} {sentences:?}",
        a.compound(),
        a.positive(),
        a.negative(),
        a.neutral(),
        a.label(),
        a.emotions(),
        a.detected(),
        a.dominant(),
        a.word_count()
    )
}

fn same_in_nfc_and_nfd(text: &str) -> Result<(), TestCaseError> {
    use unicode_normalization::UnicodeNormalization;
    let nfc: String = text.nfc().collect();
    let nfd: String = text.nfd().collect();
    let (a, b) = (analyze(&nfc), analyze(&nfd));
    prop_assert_eq!(without_spans(&a), without_spans(&b));
    for (t, x) in [(&nfc, &a), (&nfd, &b)] {
        for h in x.hits() {
            prop_assert!(
                t.get(h.span()).is_some(),
                "hit span {:?} in {:?}",
                h.span(),
                t
            );
        }
        for s in x.sentences() {
            prop_assert!(
                t.get(s.span()).is_some(),
                "sentence span {:?} in {:?}",
                s.span(),
                t
            );
        }
    }
    Ok(())
}

#[test]
fn an_accented_term_is_found_in_nfd_too() {
    let nfc = "so na\u{ef}ve of me";
    let nfd = "so nai\u{308}ve of me";
    let (a, b) = (analyze(nfc), analyze(nfd));
    assert_eq!(a.hits()[0].term(), "na\u{ef}ve");
    assert_eq!(b.hits()[0].term(), "na\u{ef}ve");
    assert!(a.compound() < 0.0);
    assert_eq!(a.compound(), b.compound());
    assert_eq!(&nfd[b.hits()[0].span()], "nai\u{308}ve");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]
    #[test]
    fn nfc_and_nfd_give_the_same_analysis(s in "\\PC*") {
        same_in_nfc_and_nfd(&s)?;
    }

    #[test]
    fn nfc_and_nfd_reviews_give_the_same_analysis(
        words in prop::collection::vec(prop::sample::select(REVIEW_WORDS), 0..40)
    ) {
        same_in_nfc_and_nfd(&words.join(" "))?;
    }

    #[test]
    fn batch_equals_one_by_one_on_random_corpora(
        corpus in prop::collection::vec(
            prop::collection::vec(prop::sample::select(REVIEW_WORDS), 0..30).prop_map(|w| w.join(" ")),
            0..200,
        )
    ) {
        let batch = analyze_batch(&corpus);
        prop_assert_eq!(batch.len(), corpus.len());
        for (t, a) in corpus.iter().zip(&batch) {
            prop_assert_eq!(&analyze(t), a);
        }
    }
}

fn check(a: &Analysis) {
    let c = a.compound();
    assert!(c.is_finite() && (-1.0..=1.0).contains(&c), "compound {c}");
    for x in [a.positive(), a.negative(), a.neutral()] {
        assert!(x.is_finite() && (0.0..=1.0).contains(&x));
    }
    assert!((a.positive() + a.negative() + a.neutral() - 1.0).abs() < 1e-6);
    for (_, v) in a.emotions().iter() {
        assert!(v.is_finite() && (0.0..=1.0).contains(&v));
    }
    if let Some(d) = a.dominant() {
        assert!(a.detected().contains(d));
    }
    for s in a.sentences() {
        assert!(s.compound().is_finite() && (-1.0..=1.0).contains(&s.compound()));
    }
}

#[test]
fn a_wall_of_text_is_scored_whole_but_explained_up_to_max_hits() {
    // 300,000 words, no sentence end: analysed in pieces, with sentences cut at 1,000 words.
    let text = "really good value ".repeat(100_000);
    let a = emotive::analyze(&text);
    assert_eq!(a.word_count(), 300_000);
    assert_eq!(a.hits().len(), emotive::MAX_HITS);
    assert!(a.compound() > 0.9, "{}", a.compound());
    assert_eq!(a.sentences().len(), 300);
    let last = a.sentences().last().unwrap();
    assert_eq!(last.span().end, text.trim_end().len());
}
