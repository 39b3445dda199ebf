//! The bundled lexicons, embedded with `include_str!` and parsed once, on first use.
//! Their sources and licences are listed in `lexicons/README.md`.

use once_cell::sync::Lazy;

use super::parse::{
    parse_contrast, parse_cues, parse_modifiers, parse_negation_exceptions, parse_negators,
};
use super::{ContrastWord, Lexicon};

const VALENCE_TSV: &str = include_str!("../../lexicons/valence.tsv");
const AFINN_TSV: &str = include_str!("../../lexicons/afinn.tsv");
const IDIOMS_TSV: &str = include_str!("../../lexicons/idioms.tsv");
const PHRASE_VALENCE_TSV: &str = include_str!("../../lexicons/phrase_valence.tsv");
const EMOTIONS_TSV: &str = include_str!("../../lexicons/emotions.tsv");
const EMOJI_TSV: &str = include_str!("../../lexicons/emoji.tsv");
const NEGATORS_TXT: &str = include_str!("../../lexicons/negators.txt");
const CUES_TSV: &str = include_str!("../../lexicons/cues.tsv");
const IDENTITY_TXT: &str = include_str!("../../lexicons/identity_terms.txt");
const STEMS_TSV: &str = include_str!("../../lexicons/stems.tsv");
const IRREALIS_TXT: &str = include_str!("../../lexicons/irrealis.txt");
const EXCEPTIONS_TSV: &str = include_str!("../../lexicons/negation_exceptions.tsv");
const MODIFIERS_TSV: &str = include_str!("../../lexicons/modifiers.tsv");
const CONTRAST_TSV: &str = include_str!("../../lexicons/contrast.tsv");

/// VADER's valence lexicon, AFINN's terms that VADER lacks, emotive's idioms on top, and the
/// valence of the emotion lexicon's expressions that none of those scores (what their words
/// carry, so that matching an expression does not silence its words).
pub(crate) static VALENCE: Lazy<Lexicon> = Lazy::new(|| {
    let mut lex = Lexicon::from_tsv(VALENCE_TSV.as_bytes()).expect("lexicons/valence.tsv is valid");
    for (tsv, name) in [
        (AFINN_TSV, "lexicons/afinn.tsv"),
        (IDIOMS_TSV, "lexicons/idioms.tsv"),
        (PHRASE_VALENCE_TSV, "lexicons/phrase_valence.tsv"),
    ] {
        let more = Lexicon::from_tsv(tsv.as_bytes());
        lex.extend(&more.unwrap_or_else(|e| panic!("{name} is valid: {e}")));
    }
    lex
});

/// The reviewed emotion lexicon (words, expressions, emoticons and emoji).
pub(crate) static EMOTIONS: Lazy<Lexicon> = Lazy::new(|| {
    Lexicon::from_tsv(EMOTIONS_TSV.as_bytes()).expect("lexicons/emotions.tsv is valid")
});

pub(crate) static NEGATORS: Lazy<Vec<String>> =
    Lazy::new(|| parse_negators(NEGATORS_TXT.as_bytes()).expect("lexicons/negators.txt is valid"));

/// Terms that carry nothing: who someone is (nationality, religion, gender, name …).
pub(crate) static NEUTRAL: Lazy<Vec<String>> = Lazy::new(|| {
    parse_negators(IDENTITY_TXT.as_bytes()).expect("lexicons/identity_terms.txt is valid")
});

pub(crate) static CUES: Lazy<Vec<(String, Vec<String>)>> =
    Lazy::new(|| parse_cues(CUES_TSV.as_bytes()).expect("lexicons/cues.tsv is valid"));

pub(crate) static IRREALIS: Lazy<Vec<String>> =
    Lazy::new(|| parse_negators(IRREALIS_TXT.as_bytes()).expect("lexicons/irrealis.txt is valid"));

pub(crate) static NEGATION_EXCEPTIONS: Lazy<Vec<(String, String, f32)>> = Lazy::new(|| {
    parse_negation_exceptions(EXCEPTIONS_TSV.as_bytes())
        .expect("lexicons/negation_exceptions.tsv is valid")
});

pub(crate) static MODIFIERS: Lazy<Vec<(String, f32)>> = Lazy::new(|| {
    parse_modifiers(MODIFIERS_TSV.as_bytes()).expect("lexicons/modifiers.tsv is valid")
});

pub(crate) static CONTRAST: Lazy<Vec<ContrastWord>> =
    Lazy::new(|| parse_contrast(CONTRAST_TSV.as_bytes()).expect("lexicons/contrast.tsv is valid"));

/// Precomputed English Snowball stems of the bundled lexicons' words (generated).
pub(crate) static STEMS: Lazy<rustc_hash::FxHashMap<&'static str, &'static str>> =
    Lazy::new(|| {
        STEMS_TSV
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .collect()
    });

/// `(emoji, description)` pairs.
pub(crate) static EMOJI: Lazy<Vec<(&'static str, &'static str)>> = Lazy::new(|| {
    EMOJI_TSV
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .collect()
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_files_parse() {
        assert!(VALENCE.len() > 7000);
        assert!(EMOTIONS.len() > 100);
        assert!(NEGATORS.iter().any(|n| n == "not"));
        assert!(
            NEGATION_EXCEPTIONS
                .iter()
                .any(|(n, c, _)| n == "never" && c == "so")
        );
        assert!(MODIFIERS.iter().any(|(m, _)| m == "kind of"));
        assert!(CONTRAST.iter().any(|c| c.term() == "but"));
        assert!(EMOJI.len() > 3000);
        assert_eq!(
            VALENCE.get("lol").unwrap().valence(),
            Some(1.8),
            "later VADER duplicate wins"
        );
        assert_eq!(
            VALENCE.get("no problem").unwrap().valence(),
            Some(1.2),
            "idioms are merged"
        );
    }
}
