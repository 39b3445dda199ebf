//! Stage 2 data: lexicons (term → valence and emotions) and the rule word lists.
//!
//! A [`Lexicon`] maps terms — single words, multi-word expressions such as `fed up`,
//! emoticons such as `:)` — to an [`Entry`]: an optional valence on VADER's scale (−4 … +4)
//! and an intensity in `[0, 1]` for each of the eight emotions. The analyzer takes one
//! lexicon for valence and one for emotions; either can be the bundled default, a user's own,
//! or a merge of the two (a user's entry wins, per term).
//!
//! # Formats
//!
//! | loader | format |
//! |---|---|
//! | [`Lexicon::from_tsv`] | emotive's own: `term<TAB>valence` or `term<TAB>dimension<TAB>value`, where `dimension` is `valence` or an emotion name; `#` starts a comment line |
//! | [`Lexicon::from_vader`] | `token<TAB>mean<TAB>…` (VADER's `vader_lexicon.txt`); a later duplicate wins, as in VADER |
//! | [`Lexicon::from_afinn`] | `term<TAB>integer` (−5 … +5), scaled by 0.8 to VADER's range; duplicates are averaged |
//! | [`Lexicon::from_nrc_emolex`] | NRC EmoLex, either `word<TAB>emotion<TAB>0/1` or the wide one-row-per-word layout with a header |
//! | [`Lexicon::from_nrc_intensity`] | NRC Emotion Intensity: `word<TAB>emotion<TAB>score` (score in `[0, 1]`) |
//!
//! Every loader either reads the whole input or returns a [`LexiconError`] naming the first bad
//! line; it never returns a half-read lexicon. Terms are normalised on the way in: trimmed,
//! inner whitespace collapsed to one space, curly apostrophes made straight, and lower-cased
//! unless the term is an emoticon (starts with punctuation, like `:D`).

pub(crate) mod bundled;
mod contrast;
mod parse;

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use crate::emotion::Emotion;
pub use crate::error::LexiconError;
pub use contrast::ContrastWord;
pub use parse::{
    parse_contrast, parse_cues, parse_modifiers, parse_negation_exceptions, parse_negators,
};

/// What a lexicon says about one term.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Entry {
    pub(crate) valence: Option<f32>,
    pub(crate) emotions: [f32; 8],
}

impl Entry {
    /// An entry with a valence (VADER's scale, −4 … +4) and no emotions.
    pub fn with_valence(valence: f32) -> Entry {
        Entry {
            valence: Some(valence),
            emotions: [0.0; 8],
        }
    }

    /// The valence on VADER's scale (−4 … +4), if the lexicon gives one.
    pub fn valence(&self) -> Option<f32> {
        self.valence
    }

    /// The intensity of `emotion` in `[0, 1]`; `0.0` when the term does not evoke it.
    pub fn emotion(&self, emotion: Emotion) -> f32 {
        self.emotions[emotion.index()]
    }

    /// The emotions this term evokes, with their intensities, in [`Emotion::ALL`] order.
    pub fn emotions(&self) -> impl Iterator<Item = (Emotion, f32)> + '_ {
        Emotion::ALL
            .iter()
            .map(|&e| (e, self.emotions[e.index()]))
            .filter(|&(_, v)| v > 0.0)
    }

    /// Whether the term evokes any emotion.
    pub fn has_emotions(&self) -> bool {
        self.emotions.iter().any(|&v| v > 0.0)
    }

    /// Sets the intensity of `emotion` (0 removes it).
    pub fn set_emotion(&mut self, emotion: Emotion, intensity: f32) {
        self.emotions[emotion.index()] = intensity;
    }

    /// Sets or clears the valence.
    pub fn set_valence(&mut self, valence: Option<f32>) {
        self.valence = valence;
    }
}

/// A set of terms with their valence and emotions. See the [module docs](self) for formats.
///
/// ```
/// use emotive::{Emotion, Lexicon};
/// let lex: Lexicon = "grand\t2.1\ngrand\tjoy\t0.6\nfed up\tanger\t0.7\n".parse()?;
/// assert_eq!(lex.get("grand").unwrap().valence(), Some(2.1));
/// assert_eq!(lex.get("Fed  Up").unwrap().emotion(Emotion::Anger), 0.7);
/// # Ok::<(), emotive::LexiconError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lexicon {
    entries: FxHashMap<String, Entry>,
}

impl Lexicon {
    /// An empty lexicon.
    pub fn new() -> Lexicon {
        Lexicon::default()
    }

    /// The bundled valence lexicon (VADER's, plus emotive's idioms); see `lexicons/README.md`.
    pub fn bundled_valence() -> &'static Lexicon {
        &bundled::VALENCE
    }

    /// The bundled emotion lexicon; see `lexicons/README.md`.
    pub fn bundled_emotions() -> &'static Lexicon {
        &bundled::EMOTIONS
    }

    /// The number of terms.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no terms.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry for `term` (normalised as on insertion), if any.
    pub fn get(&self, term: &str) -> Option<&Entry> {
        self.entries.get(normalize_term(term).as_str())
    }

    /// Inserts or replaces the entry for `term`.
    pub fn insert(&mut self, term: &str, entry: Entry) {
        self.entries.insert(normalize_term(term), entry);
    }

    /// Sets the valence of `term`, keeping its emotions.
    pub fn insert_valence(&mut self, term: &str, valence: f32) {
        self.entries
            .entry(normalize_term(term))
            .or_default()
            .valence = Some(valence);
    }

    /// Sets the intensity of one emotion for `term`, keeping the rest of its entry.
    pub fn insert_emotion(&mut self, term: &str, emotion: Emotion, intensity: f32) {
        self.entries
            .entry(normalize_term(term))
            .or_default()
            .set_emotion(emotion, intensity);
    }

    /// Removes `term`, returning its entry.
    pub fn remove(&mut self, term: &str) -> Option<Entry> {
        self.entries.remove(normalize_term(term).as_str())
    }

    /// Adds every term of `other`; where both have a term, `other`'s entry replaces this one's
    /// whole (a user's entry wins, per term).
    pub fn extend(&mut self, other: &Lexicon) {
        for (k, v) in &other.entries {
            self.entries.insert(k.clone(), *v);
        }
    }

    /// All `(term, entry)` pairs, sorted by term.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Entry)> {
        let mut v: Vec<_> = self.entries.iter().map(|(k, e)| (k.as_str(), e)).collect();
        v.sort_unstable_by(|a, b| a.0.cmp(b.0));
        v.into_iter()
    }

    /// Checks that every value is finite and in range (valence within ±`max_valence`,
    /// intensities in `[0, 1]`); returns the first offending term.
    pub(crate) fn validate(&self, max_valence: f32) -> Result<(), String> {
        for (term, e) in &self.entries {
            if let Some(v) = e.valence
                && (!v.is_finite() || v.abs() > max_valence)
            {
                return Err(format!(
                    "term {term:?} has valence {v}, outside ±{max_valence}"
                ));
            }
            for (i, &x) in e.emotions.iter().enumerate() {
                if !(0.0..=1.0).contains(&x) {
                    return Err(format!(
                        "term {term:?} has {} intensity {x}, outside [0, 1]",
                        Emotion::ALL[i]
                    ));
                }
            }
        }
        Ok(())
    }

    pub(crate) fn entries(&self) -> &FxHashMap<String, Entry> {
        &self.entries
    }
}

impl std::str::FromStr for Lexicon {
    type Err = LexiconError;

    /// Parses emotive's own TSV format (see [`Lexicon::from_tsv`]).
    fn from_str(s: &str) -> Result<Lexicon, LexiconError> {
        Lexicon::from_tsv(s.as_bytes())
    }
}

/// Whether `term` is written like an emoticon (starts with ASCII punctuation), so its case is
/// kept (`:D` and `:d` differ).
pub(crate) fn is_emoticon_like(term: &str) -> bool {
    term.as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii_punctuation())
        && term.len() > 1
}

/// [`normalize_term`], borrowing when `term` is already normal (the usual case in bundled
/// files): ASCII, no capitals, no tabs, single inner spaces, nothing to trim.
pub(crate) fn normalize_term_cow(term: &str) -> Cow<'_, str> {
    let b = term.as_bytes();
    let mut prev = b' ';
    let plain = b.last().is_some_and(|&c| c != b' ')
        && b.iter().all(|&c| {
            let ok = c.is_ascii()
                && !c.is_ascii_uppercase()
                && !(c.is_ascii_whitespace() && (c != b' ' || prev == b' '));
            prev = c;
            ok
        });
    if plain {
        Cow::Borrowed(term)
    } else {
        Cow::Owned(normalize_term(term))
    }
}

/// The normal form of a lexicon term: trimmed, single-spaced, straight apostrophes, lower
/// case (except emoticons).
pub(crate) fn normalize_term(term: &str) -> String {
    let mut out = String::with_capacity(term.len());
    for (i, w) in term.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    if is_emoticon_like(&out) {
        return out;
    }
    if out.is_ascii() {
        out.make_ascii_lowercase();
        return out;
    }
    out.chars()
        .flat_map(|c| match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' => '\''.to_lowercase(),
            c => c.to_lowercase(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_terms() {
        assert_eq!(normalize_term("  Fed \t UP "), "fed up");
        assert_eq!(normalize_term("Can’t"), "can't");
        assert_eq!(normalize_term(":D"), ":D");
        assert_eq!(normalize_term("XD"), "xd");
    }

    #[test]
    fn extend_replaces_whole_entries() {
        let mut a: Lexicon = "good\t1.9\ngood\tjoy\t0.5\nbad\t-2.5\n".parse().unwrap();
        let b: Lexicon = "good\ttrust\t0.4\nnew\t1.0\n".parse().unwrap();
        a.extend(&b);
        let good = a.get("good").unwrap();
        assert_eq!(good.valence(), None);
        assert_eq!(good.emotion(Emotion::Joy), 0.0);
        assert_eq!(good.emotion(Emotion::Trust), 0.4);
        assert_eq!(a.len(), 3);
    }
}
