//! Stage 4: scores. Rule outputs → sentence sums → the document's [`Analysis`].
//!
//! Per sentence, as in VADER: the sum `S` of the word contributions, plus `!`/`?` emphasis
//! pushed in the sum's direction, normalised to `S / √(S² + α)` with α = 15.
//!
//! Per document, unlike VADER, the sentence sums are not simply added up (which drives the
//! compound of any long review to ±1): the document sum is `Σ S_i / max(1, n/k)^γ`, where
//! `n` is the number of sentences carrying sentiment, k the
//! [sentence window](crate::AnalyzerBuilder::sentence_window) (default 3) and γ the
//! [sentence exponent](crate::AnalyzerBuilder::sentence_exponent) (default 1). A text of up
//! to k sentences (a tweet, a review snippet) adds its sentences up as VADER does; a longer
//! one is scaled to the sum of an average k-sentence stretch, so that a long review keeps a
//! compound that means something. γ = 0 is VADER's plain sum.
//!
//! Emotions add up the same way: each sentence's emotion sums (term intensity × rule weight)
//! are combined as `Σ E_i / max(1, n/k)^γₑ` (γₑ = 1: a long text's emotion is that of an
//! average k-sentence stretch, so two mild words in a long review do not make it joyful),
//! then mapped into `[0, 1]` by `1 − e^(−x)`, so one full-strength term gives 0.63 and two
//! give 0.86.

use crate::analysis::Label;
use crate::analysis::{Analysis, Sentence};
use crate::emotion::{Emotion, EmotionSet, Emotions};
use crate::hit::Hit;
use crate::rules::RuleSet;

/// Document-level settings.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ScoreSettings {
    /// Normalisation constant α in `S / √(S² + α)` (VADER: 15).
    pub alpha: f64,
    /// γ: how sentence sums combine beyond the window (0 = sum, 1 = mean).
    pub sentence_exponent: f64,
    /// k: texts of up to k sentences add their sentence sums; longer ones are scaled by
    /// `(k/n)^γ` (see [`divisor`]).
    pub sentence_window: f64,
    /// γₑ: the same for emotions.
    pub emotion_sentence_exponent: f64,
    pub positive_threshold: f64,
    pub negative_threshold: f64,
    /// An emotion is detected at intensity ≥ its threshold here (in [`Emotion::ALL`] order) …
    pub emotion_threshold: [f32; 8],
    /// … and ≥ this share of the strongest emotion's intensity.
    pub emotion_relative: f32,
}

/// Per-emotion detection thresholds (anger … trust), chosen on the emotion dev splits (XED
/// held-back dev lines, GoEmotions dev even lines) by `cargo run --release --example eval --
/// --calibrate`, within `[0.1, 0.5]`: the floor keeps one weak term in a long text from
/// counting as the text's emotion (see [`DEFAULT_EMOTION_RELATIVE`]).
pub(crate) const DEFAULT_EMOTION_THRESHOLDS: [f32; 8] =
    [0.10, 0.10, 0.12, 0.32, 0.10, 0.10, 0.10, 0.10];

/// The relative part of the detection rule, chosen on the same dev splits.
pub(crate) const DEFAULT_EMOTION_RELATIVE: f32 = 0.4;

impl Default for ScoreSettings {
    fn default() -> ScoreSettings {
        ScoreSettings {
            alpha: 15.0,
            sentence_exponent: 1.0,
            sentence_window: 3.0,
            emotion_sentence_exponent: 1.0,
            positive_threshold: 0.05,
            negative_threshold: -0.05,
            emotion_threshold: DEFAULT_EMOTION_THRESHOLDS,
            emotion_relative: DEFAULT_EMOTION_RELATIVE,
        }
    }
}

/// Running sums for one sentence.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct SentenceSums {
    pub sum: f32,
    pub pos: f32,
    pub neg: f32,
    /// Word-like slots that added no valence.
    pub neutral: u32,
    pub emotions: [f32; 8],
    pub counts: [u32; 8],
    pub exclamations: u32,
    pub questions: u32,
}

/// The emphasis of four or more `?` in a sentence (VADER's fixed value).
const QUESTION_EMPHASIS_MAX: f32 = 0.96;

impl SentenceSums {
    /// Adds one word's valence contribution (VADER's `_sift_sentiment_scores`: a positive
    /// word counts `v + 1`, a negative one `v − 1`, so that neutral words counting 1 each are
    /// comparable).
    #[inline]
    pub fn add_valence(&mut self, v: f32) {
        self.sum += v;
        if v > 0.0 {
            self.pos += v + 1.0;
        } else if v < 0.0 {
            self.neg += v - 1.0;
        } else {
            self.neutral += 1;
        }
    }

    #[inline]
    pub fn add_emotions(&mut self, emotions: &[f32; 8], weight: f32) {
        if weight <= 0.0 {
            return;
        }
        for (i, &x) in emotions.iter().enumerate() {
            if x > 0.0 {
                self.emotions[i] += x * weight;
                self.counts[i] += 1;
            }
        }
    }

    /// The `!`/`?` emphasis of this sentence (VADER's `_punctuation_emphasis`).
    pub fn emphasis(&self, rules: &RuleSet) -> f32 {
        let ex = self.exclamations.min(rules.max_exclamations) as f32 * rules.exclamation_increment;
        let q = match self.questions {
            0 | 1 => 0.0,
            2 | 3 => self.questions as f32 * rules.question_increment,
            _ => QUESTION_EMPHASIS_MAX,
        };
        ex + q
    }

    /// The sentence sum with emphasis pushed in its direction.
    pub fn emphasised(&self, rules: &RuleSet) -> f32 {
        if self.sum == 0.0 {
            0.0
        } else {
            self.sum + self.sum.signum() * self.emphasis(rules)
        }
    }
}

/// A document's totals, sentence by sentence, and the document scores they give.
#[derive(Default)]
pub(crate) struct DocumentSums {
    /// Sum of the sentences' emphasised sums, and how many were not zero.
    sum: f64,
    scored: u32,
    pos: f64,
    neg: f64,
    neutral: f64,
    emphasis: f64,
    emotions: [f32; 8],
    counts: [u32; 8],
    /// Sentences added.
    pub sentences: usize,
}

impl DocumentSums {
    /// Adds one sentence; returns its emphasised sum (its own compound before normalising).
    pub fn add(&mut self, s: &SentenceSums, rules: &RuleSet) -> f32 {
        self.sentences += 1;
        let emphasised = s.emphasised(rules);
        if emphasised != 0.0 {
            self.scored += 1;
            self.sum += f64::from(emphasised);
        }
        self.pos += f64::from(s.pos);
        self.neg += f64::from(s.neg);
        self.neutral += f64::from(s.neutral);
        if s.sum != 0.0 {
            self.emphasis += f64::from(s.emphasis(rules));
        }
        for k in 0..8 {
            self.emotions[k] += s.emotions[k];
            self.counts[k] += s.counts[k];
        }
        emphasised
    }

    /// The document's scores.
    pub fn finish(
        &self,
        sc: &ScoreSettings,
        words: usize,
        hits: Option<Vec<Hit>>,
        sentences: Option<Vec<Sentence>>,
    ) -> Analysis {
        let compound = normalize(
            self.sum
                / divisor(
                    f64::from(self.scored),
                    sc.sentence_window,
                    sc.sentence_exponent,
                ),
            sc.alpha,
        );
        let (positive, negative, neutral) =
            proportions(self.pos, self.neg, self.neutral, self.emphasis);
        let emotions = emotions(
            &self.emotions,
            &self.counts,
            divisor(
                self.sentences as f64,
                sc.sentence_window,
                sc.emotion_sentence_exponent,
            ) as f32,
        );
        let (detected, dominant) = detect(&emotions, sc);
        Analysis {
            compound,
            positive,
            negative,
            neutral,
            label: label(compound, sc),
            emotions,
            detected,
            dominant,
            words,
            hits,
            sentences,
        }
    }
}

/// What a document's summed sentence scores are divided by: `max(1, n/k)^γ` for `n` scored
/// sentences, window `k` and exponent `γ`.
pub(crate) fn divisor(n: f64, window: f64, exponent: f64) -> f64 {
    let ratio = n / window;
    if ratio <= 1.0 {
        // `1^γ` is 1 for every γ: the usual case (few sentences) needs no `powf`.
        return 1.0;
    }
    ratio.powf(exponent)
}

/// `x / √(x² + α)`, in `[-1, 1]`.
pub(crate) fn normalize(x: f64, alpha: f64) -> f64 {
    if !x.is_finite() {
        return if x > 0.0 {
            1.0
        } else if x < 0.0 {
            -1.0
        } else {
            0.0
        };
    }
    (x / (x * x + alpha).sqrt()).clamp(-1.0, 1.0)
}

pub(crate) fn label(compound: f64, s: &ScoreSettings) -> Label {
    if compound >= s.positive_threshold {
        Label::Positive
    } else if compound <= s.negative_threshold {
        Label::Negative
    } else {
        Label::Neutral
    }
}

/// Maps emotion sums into intensities in `[0, 1]`.
pub(crate) fn emotions(sums: &[f32; 8], counts: &[u32; 8], divisor: f32) -> Emotions {
    let mut e = Emotions {
        intensity: [0.0; 8],
        count: *counts,
    };
    for (out, &sum) in e.intensity.iter_mut().zip(sums) {
        let x = sum / divisor;
        *out = if x.is_finite() && x > 0.0 {
            (1.0 - (-x).exp()).clamp(0.0, 1.0)
        } else {
            0.0
        };
    }
    e
}

/// The detection rule: intensity ≥ the emotion's threshold and ≥ relative × the strongest.
pub(crate) fn detect(e: &Emotions, s: &ScoreSettings) -> (EmotionSet, Option<Emotion>) {
    let max = e.intensity.iter().copied().fold(0.0f32, f32::max);
    let mut set = EmotionSet::new();
    let mut dominant: Option<(Emotion, f32)> = None;
    for (em, v) in e.iter() {
        let threshold = s.emotion_threshold[em.index()];
        if v > 0.0 && v >= threshold && v >= s.emotion_relative * max {
            set.insert(em);
            if dominant.is_none_or(|(_, d)| v > d) {
                dominant = Some((em, v));
            }
        }
    }
    (set, dominant.map(|d| d.0))
}

/// VADER's positive/negative/neutral proportions, with the emphasis added to the larger side.
pub(crate) fn proportions(pos: f64, neg: f64, neutral: f64, emphasis: f64) -> (f64, f64, f64) {
    let (mut pos, mut neg) = (pos, neg);
    if pos > neg.abs() {
        pos += emphasis;
    } else if pos < neg.abs() {
        neg -= emphasis;
    }
    let total = pos + neg.abs() + neutral;
    if total <= 0.0 || !total.is_finite() {
        return (0.0, 0.0, 1.0);
    }
    let p = (pos / total).clamp(0.0, 1.0);
    let n = (neg.abs() / total).clamp(0.0, 1.0);
    (p, n, (1.0 - p - n).max(0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_is_bounded() {
        assert_eq!(normalize(0.0, 15.0), 0.0);
        assert!(normalize(1e300, 15.0) <= 1.0);
        assert_eq!(normalize(f64::INFINITY, 15.0), 1.0);
        assert_eq!(normalize(f64::NAN, 15.0), 0.0);
        assert!(
            (normalize(1.9, 15.0) - 0.4404).abs() < 1e-4,
            "VADER's 'good'"
        );
    }

    #[test]
    fn proportions_sum_to_one() {
        let (p, n, u) = proportions(3.0, -1.5, 4.0, 0.3);
        assert!((p + n + u - 1.0).abs() < 1e-9);
        assert_eq!(proportions(0.0, 0.0, 0.0, 0.0), (0.0, 0.0, 1.0));
    }
}
