//! Loading users' own lexicons from files in each supported format (small files written for
//! these tests; never NRC's real data), and using them through the builder.

use std::fs::File;
use std::path::Path;

use emotive::{Analyzer, Emotion, Label, Lexicon};

fn open(name: &str) -> File {
    File::open(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/lexicons")
            .join(name),
    )
    .expect("fixture")
}

#[test]
fn nrc_emolex_word_level_layout() -> Result<(), Box<dyn std::error::Error>> {
    let lex = Lexicon::from_nrc_emolex(open("nrc_emolex_long.txt"))?;
    let an = Analyzer::builder().emotion_lexicon(lex).build()?;
    let a = an.analyze("they abandon the zorgle");
    assert!(a.detected().contains(Emotion::Fear));
    assert!(a.detected().contains(Emotion::Joy));
    assert!(an.analyze("aardvark").detected().is_empty());
    Ok(())
}

#[test]
fn nrc_emolex_wide_layout() -> Result<(), Box<dyn std::error::Error>> {
    let lex = Lexicon::from_nrc_emolex(open("nrc_emolex_wide.txt"))?;
    assert_eq!(lex.len(), 2);
    assert_eq!(lex.get("zorgle").unwrap().emotion(Emotion::Trust), 1.0);
    let an = Analyzer::builder().emotion_lexicon(lex).build()?;
    assert_eq!(an.analyze("I abandon it").dominant(), Some(Emotion::Fear));
    Ok(())
}

#[test]
fn nrc_intensity() -> Result<(), Box<dyn std::error::Error>> {
    let lex = Lexicon::from_nrc_intensity(open("nrc_intensity.txt"))?;
    let an = Analyzer::builder().emotion_lexicon(lex).build()?;
    let a = an.analyze("zorgle!");
    assert_eq!(a.dominant(), Some(Emotion::Joy));
    assert!(a.emotion(Emotion::Joy) > a.emotion(Emotion::Surprise));
    Ok(())
}

#[test]
fn vader_and_afinn_formats_as_valence() -> Result<(), Box<dyn std::error::Error>> {
    let vader = Lexicon::from_vader(open("vader_format.txt"))?;
    let an = Analyzer::builder().extend_valence(&vader).build()?;
    assert_eq!(an.analyze("zorgle").label(), Label::Positive);
    assert_eq!(an.analyze("blarf").label(), Label::Negative);
    let afinn = Lexicon::from_afinn(open("afinn_format.txt"))?;
    assert_eq!(afinn.get("zorgle").unwrap().valence(), Some(3.2));
    // Replacing the whole valence lexicon: only the user's terms remain.
    let an = Analyzer::builder().valence_lexicon(afinn).build()?;
    assert_eq!(an.analyze("great").label(), Label::Neutral);
    assert_eq!(
        an.analyze("not zorgle").label(),
        Label::Negative,
        "multi-word AFINN terms match as phrases"
    );
    Ok(())
}

#[test]
fn emotive_format_with_phrases() -> Result<(), Box<dyn std::error::Error>> {
    let lex = Lexicon::from_tsv(open("emotive_format.tsv"))?;
    let an = Analyzer::builder()
        .extend_valence(&lex)
        .extend_emotions(&lex)
        .build()?;
    let a = an.analyze("I am fed up with it");
    assert!(a.detected().contains(Emotion::Anger));
    assert!(
        a.hits().iter().any(|h| h.term() == "fed up with it"),
        "the longest expression wins"
    );
    Ok(())
}

#[test]
fn bad_lines_are_reported_and_nothing_is_half_loaded() {
    let err = Lexicon::from_nrc_emolex(open("bad_emotion.txt")).unwrap_err();
    assert_eq!(err.to_string(), "lexicon line 3: unknown emotion \"joyy\"");
    assert_eq!(err.line_number(), Some(3));
}
