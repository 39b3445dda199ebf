//! Any bytes as a lexicon file or word list, in every supported format: a lexicon or a typed error that
//! names a line, never a panic. (Building an analyzer from the result is left to the tests:
//! at ~100 ms a build, it would leave the fuzzer a few runs a second.)
#![no_main]

use emotive::lexicon::{
    parse_contrast, parse_cues, parse_modifiers, parse_negation_exceptions, parse_negators,
};
use emotive::{Lexicon, LexiconError, LexiconErrorKind};
use libfuzzer_sys::fuzz_target;

fn check<T>(parsed: Result<T, LexiconError>) {
    if let Err(e) = parsed {
        // In-memory input cannot fail to read: every error names a line and a reason.
        assert_ne!(e.kind(), LexiconErrorKind::Io);
        let line = e.line_number().expect("a line number");
        assert!(line >= 1);
        assert_eq!(
            e.to_string(),
            format!("lexicon line {line}: {}", e.reason())
        );
    }
}

fuzz_target!(|data: &[u8]| {
    check(Lexicon::from_tsv(data));
    check(Lexicon::from_vader(data));
    check(Lexicon::from_afinn(data));
    check(Lexicon::from_nrc_emolex(data));
    check(Lexicon::from_nrc_intensity(data));
    check(parse_negators(data));
    check(parse_modifiers(data));
    check(parse_contrast(data));
    check(parse_cues(data));
    check(parse_negation_exceptions(data));
});
