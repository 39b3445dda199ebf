//! Any bytes as a lexicon file, in every supported format: a lexicon or a typed error that
//! names a line, never a panic. (Building an analyzer from the result is left to the tests:
//! at ~100 ms a build, it would leave the fuzzer a few runs a second.)
#![no_main]

use emotive::Lexicon;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for parsed in [
        Lexicon::from_tsv(data),
        Lexicon::from_vader(data),
        Lexicon::from_afinn(data),
        Lexicon::from_nrc_emolex(data),
        Lexicon::from_nrc_intensity(data),
    ] {
        if let Err(e) = parsed {
            assert!(!e.to_string().is_empty());
        }
    }
});
