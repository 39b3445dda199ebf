//! Stage 4 output: the [`Analysis`] of a text and of each of its sentences.

use std::fmt;
use std::ops::Range;

use crate::emotion::{Emotion, EmotionSet, Emotions};
use crate::hit::Hit;

/// The overall polarity of a text, from its compound score and the analyzer's thresholds
/// (by default: positive at ≥ 0.05, negative at ≤ −0.05, neutral between, as in VADER).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Label {
    /// Compound at or above the positive threshold.
    Positive,
    /// Compound strictly between the thresholds.
    Neutral,
    /// Compound at or below the negative threshold.
    Negative,
}

impl Label {
    /// `"positive"`, `"neutral"` or `"negative"`.
    pub const fn name(self) -> &'static str {
        match self {
            Label::Positive => "positive",
            Label::Neutral => "neutral",
            Label::Negative => "negative",
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Scores of one sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Sentence {
    pub(crate) span: Range<usize>,
    pub(crate) compound: f64,
    pub(crate) label: Label,
    pub(crate) emotions: Emotions,
}

impl Sentence {
    /// Byte range of the sentence in the input.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// The sentence's compound score in `[-1, 1]`.
    pub fn compound(&self) -> f64 {
        self.compound
    }

    /// The sentence's label.
    pub fn label(&self) -> Label {
        self.label
    }

    /// The sentence's emotion intensities.
    pub fn emotions(&self) -> &Emotions {
        &self.emotions
    }
}

/// The result of analysing one text. See the crate docs, "How scores are computed".
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    pub(crate) compound: f64,
    pub(crate) positive: f64,
    pub(crate) negative: f64,
    pub(crate) neutral: f64,
    pub(crate) label: Label,
    pub(crate) emotions: Emotions,
    pub(crate) detected: EmotionSet,
    pub(crate) dominant: Option<Emotion>,
    pub(crate) words: usize,
    pub(crate) hits: Option<Vec<Hit>>,
    pub(crate) sentences: Option<Vec<Sentence>>,
}

impl Analysis {
    /// The overall sentiment in `[-1, 1]`: −1 most negative, +1 most positive, 0 neutral.
    pub fn compound(&self) -> f64 {
        self.compound
    }

    /// Share of the text's sentiment-weighted words that are positive, in `[0, 1]`.
    /// `positive() + negative() + neutral() == 1` (up to rounding).
    pub fn positive(&self) -> f64 {
        self.positive
    }

    /// Share of the text's sentiment-weighted words that are negative, in `[0, 1]`.
    pub fn negative(&self) -> f64 {
        self.negative
    }

    /// Share of the text's words that carry no sentiment, in `[0, 1]`.
    pub fn neutral(&self) -> f64 {
        self.neutral
    }

    /// Positive, neutral or negative, from [`Analysis::compound`] and the thresholds.
    pub fn label(&self) -> Label {
        self.label
    }

    /// Intensity in `[0, 1]` and number of contributing terms for each of the eight emotions.
    pub fn emotions(&self) -> &Emotions {
        &self.emotions
    }

    /// The intensity of one emotion, in `[0, 1]`.
    pub fn emotion(&self, emotion: Emotion) -> f32 {
        self.emotions.intensity(emotion)
    }

    /// The emotions the analyzer judges present: intensity at or above the emotion
    /// threshold and at least a set share of the strongest emotion's intensity (see
    /// [`AnalyzerBuilder::emotion_threshold`](crate::AnalyzerBuilder::emotion_threshold)).
    pub fn detected(&self) -> EmotionSet {
        self.detected
    }

    /// The strongest detected emotion, if any emotion was detected.
    pub fn dominant(&self) -> Option<Emotion> {
        self.dominant
    }

    /// Number of word-like tokens (words, numbers, emoji, emoticons) in the text.
    pub fn word_count(&self) -> usize {
        self.words
    }

    /// Every term that fired, in text order, up to [`MAX_HITS`](crate::MAX_HITS) (the first
    /// ones: only a multi-megabyte text reaches it; the scores count every term). Empty when
    /// the analyzer was built with [`hits(false)`](crate::AnalyzerBuilder::hits).
    pub fn hits(&self) -> &[Hit] {
        self.hits.as_deref().unwrap_or(&[])
    }

    /// Per-sentence scores, in text order, up to [`MAX_SENTENCES`](crate::MAX_SENTENCES) (the
    /// first ones; the document's scores count every sentence). Empty when the analyzer was
    /// built with [`sentences(false)`](crate::AnalyzerBuilder::sentences).
    pub fn sentences(&self) -> &[Sentence] {
        self.sentences.as_deref().unwrap_or(&[])
    }
}

#[cfg(feature = "serde")]
mod ser {
    //! The JSON shape (stable): numbers are rounded to 4 decimals.
    //!
    //! ```text
    //! {"compound":0.6249,"label":"positive","positive":0.5,"negative":0.0,"neutral":0.5,
    //!  "emotions":{"anger":0.0,…,"trust":0.0},"detected":["joy"],"dominant":"joy",
    //!  "sentences":[…],   (when the analyzer keeps sentences)
    //!  "hits":[…]}        (when the analyzer keeps hits)
    //! ```
    use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

    use super::*;
    use crate::hit::Hit;

    pub(crate) fn r4(x: f64) -> f64 {
        (x * 1e4).round() / 1e4
    }

    impl Serialize for Label {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(self.name())
        }
    }

    impl Serialize for Emotion {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(self.name())
        }
    }

    impl Serialize for EmotionSet {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut seq = s.serialize_seq(Some(self.len()))?;
            for e in self.iter() {
                seq.serialize_element(e.name())?;
            }
            seq.end()
        }
    }

    /// An object keyed by the eight emotion names, each an intensity.
    impl Serialize for Emotions {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut m = s.serialize_map(Some(8))?;
            for (e, v) in self.iter() {
                m.serialize_entry(e.name(), &r4(f64::from(v)))?;
            }
            m.end()
        }
    }

    impl Serialize for Sentence {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut m = s.serialize_map(Some(4))?;
            m.serialize_entry("span", &[self.span.start, self.span.end])?;
            m.serialize_entry("compound", &r4(self.compound))?;
            m.serialize_entry("label", &self.label)?;
            m.serialize_entry("emotions", &self.emotions)?;
            m.end()
        }
    }

    struct HitEmotions<'a>(&'a Hit);

    impl Serialize for HitEmotions<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut m = s.serialize_map(None)?;
            for (e, v) in self.0.emotions() {
                m.serialize_entry(e.name(), &r4(f64::from(v)))?;
            }
            m.end()
        }
    }

    /// `{"term":"love","span":[2,6],"match":"word","valence":3.2,"contribution":3.933,
    ///   "emotions":{"joy":0.8},"modifiers":["caps"],"sentence":0}`
    impl Serialize for Hit {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut m = s.serialize_map(None)?;
            m.serialize_entry("term", self.term())?;
            m.serialize_entry("span", &[self.span.start, self.span.end])?;
            m.serialize_entry("match", self.kind.name())?;
            m.serialize_entry("valence", &self.valence.map(|v| r4(f64::from(v))))?;
            m.serialize_entry("contribution", &r4(f64::from(self.contribution)))?;
            m.serialize_entry("emotions", &HitEmotions(self))?;
            let md = &self.modifiers;
            let mut mods = Vec::new();
            if md.negated {
                mods.push("negated");
            }
            if md.booster > 0.0 {
                mods.push("boosted");
            }
            if md.booster < 0.0 {
                mods.push("dampened");
            }
            if md.caps {
                mods.push("caps");
            }
            if md.elongated {
                mods.push("elongated");
            }
            if md.hashtag {
                mods.push("hashtag");
            }
            if md.contrast != 1.0 {
                mods.push("contrast");
            }
            m.serialize_entry("modifiers", &mods)?;
            m.serialize_entry("sentence", &self.sentence)?;
            m.end()
        }
    }

    impl Serialize for Analysis {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut m = s.serialize_map(None)?;
            m.serialize_entry("compound", &r4(self.compound))?;
            m.serialize_entry("label", &self.label)?;
            m.serialize_entry("positive", &r4(self.positive))?;
            m.serialize_entry("negative", &r4(self.negative))?;
            m.serialize_entry("neutral", &r4(self.neutral))?;
            m.serialize_entry("emotions", &self.emotions)?;
            m.serialize_entry("detected", &self.detected)?;
            m.serialize_entry("dominant", &self.dominant)?;
            if let Some(s) = &self.sentences {
                m.serialize_entry("sentences", s)?;
            }
            if let Some(h) = &self.hits {
                m.serialize_entry("hits", h)?;
            }
            m.end()
        }
    }
}

#[cfg(feature = "serde")]
pub(crate) use ser::r4;
