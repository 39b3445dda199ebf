//! Bad custom lexicons are rejected precisely: every loader, every kind of bad line, with the
//! line number, the kind and the reason checked.

use emotive::lexicon::{
    parse_contrast, parse_cues, parse_modifiers, parse_negation_exceptions, parse_negators,
};
use emotive::{Lexicon, LexiconError, LexiconErrorKind as K};

type Loader = fn(&[u8]) -> Result<(), LexiconError>;

fn tsv(b: &[u8]) -> Result<(), LexiconError> {
    Lexicon::from_tsv(b).map(drop)
}
fn vader(b: &[u8]) -> Result<(), LexiconError> {
    Lexicon::from_vader(b).map(drop)
}
fn afinn(b: &[u8]) -> Result<(), LexiconError> {
    Lexicon::from_afinn(b).map(drop)
}
fn emolex(b: &[u8]) -> Result<(), LexiconError> {
    Lexicon::from_nrc_emolex(b).map(drop)
}
fn intensity(b: &[u8]) -> Result<(), LexiconError> {
    Lexicon::from_nrc_intensity(b).map(drop)
}
fn negators(b: &[u8]) -> Result<(), LexiconError> {
    parse_negators(b).map(drop)
}
fn modifiers(b: &[u8]) -> Result<(), LexiconError> {
    parse_modifiers(b).map(drop)
}
fn contrast(b: &[u8]) -> Result<(), LexiconError> {
    parse_contrast(b).map(drop)
}
fn cues(b: &[u8]) -> Result<(), LexiconError> {
    parse_cues(b).map(drop)
}
fn exceptions(b: &[u8]) -> Result<(), LexiconError> {
    parse_negation_exceptions(b).map(drop)
}

/// (loader, name, input, line, kind, words the reason must contain)
type Case = (Loader, &'static str, &'static [u8], usize, K, &'static str);

const CASES: &[Case] = &[
    // emotive TSV
    (
        tsv,
        "tsv",
        b"good\t1\nbad\t-1\textra\t2\n",
        2,
        K::FieldCount,
        "found 4",
    ),
    (tsv, "tsv", b"lonely\n", 1, K::FieldCount, "found 1"),
    (
        tsv,
        "tsv",
        b"good\tgreat\n",
        1,
        K::NotANumber,
        "\"great\" is not a number",
    ),
    (
        tsv,
        "tsv",
        b"# c\ngood\tNaN\n",
        2,
        K::NotFinite,
        "not finite",
    ),
    (tsv, "tsv", b"good\tinf\n", 1, K::NotFinite, "not finite"),
    (
        tsv,
        "tsv",
        b"good\t4.5\n",
        1,
        K::OutOfRange,
        "outside [-4, 4]",
    ),
    (
        tsv,
        "tsv",
        b"good\tjoy\t-0.1\n",
        1,
        K::OutOfRange,
        "outside [0, 1]",
    ),
    (tsv, "tsv", b"\t1\n", 1, K::EmptyTerm, "empty term"),
    (tsv, "tsv", b"  \tjoy\t0.5\n", 1, K::EmptyTerm, "empty term"),
    (
        tsv,
        "tsv",
        b"good\tjoyful\t0.5\n",
        1,
        K::UnknownEmotion,
        "\"joyful\"",
    ),
    (
        tsv,
        "tsv",
        b"good\t1\nx\t2\nGood\t2\n",
        3,
        K::Duplicate,
        "first given on line 1",
    ),
    (
        tsv,
        "tsv",
        b"good\tjoy\t0.5\ngood\tjoy\t0.5\n",
        2,
        K::Duplicate,
        "duplicate joy",
    ),
    (
        tsv,
        "tsv",
        b"ok\t1\nb\xff\t1\n",
        2,
        K::InvalidUtf8,
        "invalid UTF-8 at byte 1",
    ),
    // VADER
    (
        vader,
        "vader",
        b"good\t1.9\t0.9\t[]\nbad\n",
        2,
        K::FieldCount,
        "at least 2",
    ),
    (
        vader,
        "vader",
        b"good\tx\t0.9\t[]\n",
        1,
        K::NotANumber,
        "not a number",
    ),
    (
        vader,
        "vader",
        b"good\tNaN\t0.9\t[]\n",
        1,
        K::NotFinite,
        "not finite",
    ),
    (
        vader,
        "vader",
        b"good\t-7\t0.9\t[]\n",
        1,
        K::OutOfRange,
        "outside",
    ),
    (
        vader,
        "vader",
        b" \t1\t0.9\t[]\n",
        1,
        K::EmptyTerm,
        "empty term",
    ),
    // AFINN
    (afinn, "afinn", b"good\t3\tx\n", 1, K::FieldCount, "found 3"),
    (
        afinn,
        "afinn",
        b"good\t3.5\n",
        1,
        K::NotANumber,
        "not an integer",
    ),
    (
        afinn,
        "afinn",
        b"good\t9\n",
        1,
        K::OutOfRange,
        "outside [-5, 5]",
    ),
    (afinn, "afinn", b"\t1\n", 1, K::EmptyTerm, "empty term"),
    // NRC EmoLex, word-level and wide
    (
        emolex,
        "emolex",
        b"a\tjoy\t1\nb\tjoy\n",
        2,
        K::FieldCount,
        "found 2",
    ),
    (
        emolex,
        "emolex",
        b"a\tjoy\t1\na\tglee\t1\n",
        2,
        K::UnknownEmotion,
        "\"glee\"",
    ),
    (
        emolex,
        "emolex",
        b"a\tjoy\t1\na\tfear\tyes\n",
        2,
        K::OutOfRange,
        "not 0 or 1",
    ),
    (
        emolex,
        "emolex",
        b"a\tjoy\t1\n\tfear\t1\n",
        2,
        K::EmptyTerm,
        "empty term",
    ),
    (
        emolex,
        "emolex",
        b"a\tjoy\t1\nb\tjoy\t0\na\tjoy\t0\n",
        3,
        K::Duplicate,
        "line 1",
    ),
    (
        emolex,
        "emolex",
        b"Word\tJoy\tFear\na\t1\t0\na\t0\t1\n",
        3,
        K::Duplicate,
        "line 2",
    ),
    (
        emolex,
        "emolex",
        b"Word\tJoy\na\t1\t1\n",
        2,
        K::FieldCount,
        "as in the header",
    ),
    (
        emolex,
        "emolex",
        b"Word\tColour\n",
        1,
        K::Format,
        "header naming emotion",
    ),
    // NRC Emotion Intensity
    (
        intensity,
        "intensity",
        b"word\temotion\tscore\nrage\tanger\n",
        2,
        K::FieldCount,
        "found 2",
    ),
    (
        intensity,
        "intensity",
        b"rage\tanger\t0.9\nrage\twrath\t0.9\n",
        2,
        K::UnknownEmotion,
        "\"wrath\"",
    ),
    (
        intensity,
        "intensity",
        b"rage\tanger\t0.9\nglee\tjoy\tNaN\n",
        2,
        K::NotFinite,
        "not finite",
    ),
    (
        intensity,
        "intensity",
        b"rage\tanger\t0.9\nglee\tjoy\thigh\n",
        2,
        K::NotANumber,
        "not a number",
    ),
    (
        intensity,
        "intensity",
        b"rage\tanger\t1.2\n",
        1,
        K::OutOfRange,
        "outside [0, 1]",
    ),
    // A first line with an emotion is data, not a header to skip.
    (
        intensity,
        "intensity",
        b"zorgly\tjoy\t0,9\nblarp\tfear\t0.5\n",
        1,
        K::NotANumber,
        "not a number",
    ),
    (
        intensity,
        "intensity",
        b"rage\tanger\t0.9\nrage\tanger\t0.5\n",
        2,
        K::Duplicate,
        "0.9 on line 1",
    ),
    // Word lists
    (
        negators,
        "negators",
        b"not\nnever\tever\n",
        2,
        K::FieldCount,
        "found a tab",
    ),
    (
        modifiers,
        "modifiers",
        b"very\n",
        1,
        K::FieldCount,
        "found 1",
    ),
    (
        modifiers,
        "modifiers",
        b"very\tNaN\n",
        1,
        K::NotFinite,
        "not finite",
    ),
    (
        modifiers,
        "modifiers",
        b"very\t5\n",
        1,
        K::OutOfRange,
        "outside [-2, 2]",
    ),
    (
        contrast,
        "contrast",
        b"but\t0.5\n",
        1,
        K::FieldCount,
        "found 2",
    ),
    (
        contrast,
        "contrast",
        b"but\t0.5\t1.5\tsideways\n",
        1,
        K::Format,
        "unknown contrast kind",
    ),
    (
        contrast,
        "contrast",
        b"but\t0.5\t9\n",
        1,
        K::OutOfRange,
        "outside [0, 4]",
    ),
    (cues, "cues", b"like\t \n", 1, K::Format, "no cue words"),
    (
        exceptions,
        "exceptions",
        b"never\tso\n",
        1,
        K::FieldCount,
        "found 2",
    ),
    (
        exceptions,
        "exceptions",
        b"never\tso\tmuch\n",
        1,
        K::NotANumber,
        "not a number",
    ),
];

#[test]
fn every_bad_line_is_reported_with_its_line_kind_and_reason() {
    for (i, &(load, name, input, line, kind, reason)) in CASES.iter().enumerate() {
        let err = match load(input) {
            Ok(()) => panic!(
                "case {i} ({name}): {:?} was accepted",
                String::from_utf8_lossy(input)
            ),
            Err(e) => e,
        };
        let what = format!("case {i} ({name}): {err}");
        assert_eq!(err.line_number(), Some(line), "{what}");
        assert_eq!(err.kind(), kind, "{what}");
        assert!(
            err.reason().contains(reason),
            "{what}: reason should mention {reason:?}"
        );
        assert_eq!(
            err.to_string(),
            format!("lexicon line {line}: {}", err.reason())
        );
    }
}

#[test]
fn duplicates_that_agree_or_that_the_format_resolves_are_accepted() {
    // The same association twice is not a conflict.
    assert!(emolex(b"a\tjoy\t1\na\tjoy\t1\n").is_ok());
    assert!(intensity(b"rage\tanger\t0.9\nrage\tanger\t0.9\n").is_ok());
    // VADER: the later line wins; AFINN: the mean.
    let v = Lexicon::from_vader(&b"lol\t2.9\nlol\t1.8\n"[..]).unwrap();
    assert_eq!(v.get("lol").unwrap().valence(), Some(1.8));
    let a = Lexicon::from_afinn(&b"bra\t2\nbra\t3\n"[..]).unwrap();
    assert_eq!(a.get("bra").unwrap().valence(), Some(2.0));
}

#[test]
fn an_unreadable_source_is_an_io_error_without_a_line() {
    struct Broken;
    impl std::io::Read for Broken {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk on fire"))
        }
    }
    let err = Lexicon::from_tsv(Broken).unwrap_err();
    assert_eq!(err.kind(), K::Io);
    assert_eq!(err.line_number(), None);
    assert!(err.to_string().contains("disk on fire"));
}
