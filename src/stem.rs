//! Stage 2, stemming: Snowball stems (`rust-stemmers`), restricted to the endings that keep a
//! word's feeling, and looked up in a precomputed list for the bundled lexicons' words.

use std::borrow::Cow;

use rust_stemmers::Algorithm;
use rustc_hash::FxHashMap;

/// Words shorter than this many bytes are not stemmed: their stems collide too easily.
pub(crate) const MIN_STEMMED_BYTES: usize = 4;

/// Endings by which a lexicon term may differ from its stem and still speak for it: the
/// base forms. Snowball also strips derivational suffixes (`effective` → `effect`, `useful`
/// → `use`, `natural` → `natur`), which change meaning; a term that only reaches its stem
/// through one of those is not used for the stem fallback.
pub(crate) const TERM_ENDINGS: &[&str] = &["", "e", "y"];

/// Endings by which a text word may differ from its stem: the inflections plus the
/// sentiment-keeping derivations `-ly`, `-ment`, `-ness` (`sadly`, `disappointment`,
/// `happiness` find `sad`, `disappointed`, `happy`).
pub(crate) const WORD_ENDINGS: &[&str] = &[
    "", "s", "es", "ed", "d", "ing", "e", "er", "ers", "est", "y", "ies", "ied", "ying", "ly",
    "ily", "ment", "ments", "ness", "iness",
];

/// A Snowball stemmer that first consults a table of known stems (the English stems of every
/// word in the bundled lexicons, `lexicons/stems.tsv`), which spares the analyzer tens of
/// thousands of stemmer calls when it is built.
pub struct Stemmer {
    algorithm: Algorithm,
    snowball: rust_stemmers::Stemmer,
    known: Option<&'static KnownStems>,
}

/// The precomputed English stems of the bundled lexicons' words, parsed on first use (the
/// first word that needs a stem, not the analyzer's start-up).
pub(crate) type KnownStems = once_cell::sync::Lazy<FxHashMap<&'static str, &'static str>>;

impl std::fmt::Debug for Stemmer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stemmer")
            .field("algorithm", &self.algorithm)
            .finish()
    }
}

impl Stemmer {
    /// A stemmer for `algorithm`, with the precomputed table when `known` is given and the
    /// algorithm is English.
    pub fn new(algorithm: Algorithm, known: Option<&'static KnownStems>) -> Stemmer {
        Stemmer {
            algorithm,
            snowball: rust_stemmers::Stemmer::create(algorithm),
            known: known.filter(|_| algorithm == Algorithm::English),
        }
    }

    /// The Snowball algorithm.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// Snowball's stem of a lower-case word.
    pub fn raw<'w>(&self, word: &'w str) -> Cow<'w, str> {
        match self.known.and_then(|k| k.get(word)) {
            Some(&s) => Cow::Borrowed(s),
            None => self.snowball.stem(word),
        }
    }

    /// Snowball's stem of `word` and the ending that separates `word` from it, when that
    /// ending is one of [`WORD_ENDINGS`]. Snowball may change the stem's last letter (`happy`
    /// → `happi`, `hoping` → `hope`), so the comparison allows the last letter of the stem to
    /// differ. Short words and words with other than letters and apostrophes are not
    /// stemmed: their stems collide too easily.
    pub fn split<'w>(&self, word: &'w str) -> Option<(Cow<'w, str>, &'static str)> {
        let letters = if word.is_ascii() {
            word.bytes().all(|b| b.is_ascii_alphabetic() || b == b'\'')
        } else {
            word.chars().all(|c| c.is_alphabetic() || c == '\'')
        };
        if word.len() < MIN_STEMMED_BYTES || !letters {
            return None;
        }
        let s = self.raw(word);
        // Stems shorter than three letters collide too easily.
        s.chars().nth(2)?;
        let common = word
            .bytes()
            .zip(s.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        if common + 1 < s.len() || !word.is_char_boundary(common) {
            return None;
        }
        let rest = &word[common..];
        let ending = WORD_ENDINGS.iter().find(|e| **e == rest)?;
        Some((s, ending))
    }

    /// The stem of `word` if `word` differs from it only by one of `endings` (a subset of
    /// [`WORD_ENDINGS`]).
    pub fn with(&self, word: &str, endings: &[&str]) -> Option<String> {
        self.split(word)
            .filter(|(_, e)| endings.contains(e))
            .map(|(s, _)| s.into_owned())
    }

    /// The stem under which a text word looks for an entry.
    pub fn word(&self, word: &str) -> Option<String> {
        self.with(word, WORD_ENDINGS)
    }

    /// The stem a lexicon term answers for, if it is a base form.
    pub fn term(&self, term: &str) -> Option<String> {
        self.with(term, TERM_ENDINGS)
    }
}

/// The stem keys the English analyzer uses, for tools that build lexicons (the emotion
/// lexicon generator groups words exactly as lookups will find them). Not a stable API.
#[doc(hidden)]
pub mod families {
    use rust_stemmers::Algorithm;

    pub use super::Stemmer;

    /// The stem under which a lower-case text word looks for a lexicon entry, if it has one.
    pub fn word_stem(stemmer: &Stemmer, word: &str) -> Option<String> {
        stemmer.word(word)
    }

    /// The stem a lexicon term answers for, if it is a base form (stem plus nothing, `e` or
    /// `y`).
    pub fn term_stem(stemmer: &Stemmer, term: &str) -> Option<String> {
        stemmer.term(term)
    }

    /// Snowball's own stem, without any ending check (for the precomputed stem table).
    pub fn snowball(stemmer: &Stemmer, word: &str) -> String {
        stemmer.snowball.stem(word).into_owned()
    }

    /// The English stemmer, without the precomputed table.
    pub fn english() -> Stemmer {
        Stemmer::new(Algorithm::English, None)
    }
}
