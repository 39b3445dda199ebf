//! Explanations: every term that fired, where, and what the rules did to it.

use std::ops::Range;

use crate::emotion::Emotion;

/// How a [`Hit`]'s term was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MatchKind {
    /// The word itself is a lexicon term (after lower-casing and shortening elongations).
    Word,
    /// The word's Snowball stem matched the stem of a lexicon term.
    Stem,
    /// A multi-word expression (`kind of`, `no problem`).
    Phrase,
    /// An emoji, scored through its Unicode description.
    Emoji,
    /// A text emoticon such as `:)`.
    Emoticon,
}

impl MatchKind {
    /// Lower-case name used in JSON (`"word"`, `"stem"`, …).
    pub fn name(self) -> &'static str {
        match self {
            MatchKind::Word => "word",
            MatchKind::Stem => "stem",
            MatchKind::Phrase => "phrase",
            MatchKind::Emoji => "emoji",
            MatchKind::Emoticon => "emoticon",
        }
    }
}

/// What the rules did to a term.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Modifiers {
    pub(crate) negated: bool,
    pub(crate) booster: f32,
    pub(crate) caps: bool,
    pub(crate) elongated: bool,
    pub(crate) hashtag: bool,
    pub(crate) contrast: f32,
}

impl Modifiers {
    /// A negator governed the term: its valence was flipped and damped, its emotions dropped.
    pub fn is_negated(&self) -> bool {
        self.negated
    }

    /// The summed booster (> 0) or dampener (< 0) scalar that applied, or 0.
    pub fn booster(&self) -> f32 {
        self.booster
    }

    /// The word was in capitals within mixed-case text, and so emphasised.
    pub fn is_caps(&self) -> bool {
        self.caps
    }

    /// The word was elongated (`goood`), and so emphasised.
    pub fn is_elongated(&self) -> bool {
        self.elongated
    }

    /// The word was written as a hashtag.
    pub fn is_hashtag(&self) -> bool {
        self.hashtag
    }

    /// The contrast weight (1 when no contrast word applies; e.g. 0.5 before "but", 1.5 after).
    pub fn contrast_weight(&self) -> f32 {
        self.contrast
    }
}

/// One term that fired: where it is, what the lexicon says, and what it contributed.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub(crate) span: Range<usize>,
    pub(crate) term: Box<str>,
    pub(crate) kind: MatchKind,
    pub(crate) valence: Option<f32>,
    pub(crate) emotions: [f32; 8],
    pub(crate) modifiers: Modifiers,
    pub(crate) contribution: f32,
    pub(crate) emotion_weight: f32,
    pub(crate) sentence: usize,
}

impl Hit {
    /// Byte range of the matched text in the input (all words of an expression).
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// The lexicon term that matched: the lower-case word, the shared stem (for
    /// [`MatchKind::Stem`]), the expression, the emoji or the emoticon.
    pub fn term(&self) -> &str {
        &self.term
    }

    /// How the term was found.
    pub fn kind(&self) -> MatchKind {
        self.kind
    }

    /// The lexicon valence before any rule (VADER scale, −4 … +4), if the term has one.
    pub fn valence(&self) -> Option<f32> {
        self.valence
    }

    /// The lexicon intensity of `emotion` for this term, before any rule.
    pub fn emotion(&self, emotion: Emotion) -> f32 {
        self.emotions[emotion.index()]
    }

    /// The emotions the term evoked *after* the rules (empty when negated), with the
    /// intensity each contributed.
    pub fn emotions(&self) -> impl Iterator<Item = (Emotion, f32)> + '_ {
        let w = self.emotion_weight;
        Emotion::ALL
            .iter()
            .map(move |&e| (e, self.emotions[e.index()] * w))
            .filter(|&(_, v)| v > 0.0)
    }

    /// What the rules did.
    pub fn modifiers(&self) -> &Modifiers {
        &self.modifiers
    }

    /// The valence this term added to its sentence's sum after every rule.
    pub fn contribution(&self) -> f32 {
        self.contribution
    }

    /// Index of the sentence the term is in (see [`Analysis::sentences`](crate::Analysis::sentences)).
    pub fn sentence(&self) -> usize {
        self.sentence
    }
}
