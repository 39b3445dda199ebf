//! The eight Plutchik emotions, a compact set of them, and per-emotion scores.

use std::fmt;
use std::str::FromStr;

/// One of Robert Plutchik's eight basic emotions.
///
/// The discriminants follow alphabetical order (the order XED and NRC use), which is also
/// the order of [`Emotion::ALL`] and of every per-emotion array in this crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Emotion {
    /// Anger, annoyance, rage.
    Anger,
    /// Anticipation, interest, vigilance: looking forward to something.
    Anticipation,
    /// Disgust, loathing, boredom.
    Disgust,
    /// Fear, apprehension, terror.
    Fear,
    /// Joy, serenity, ecstasy.
    Joy,
    /// Sadness, pensiveness, grief.
    Sadness,
    /// Surprise, distraction, amazement.
    Surprise,
    /// Trust, acceptance, admiration.
    Trust,
}

impl Emotion {
    /// The number of emotions, `8`.
    pub const COUNT: usize = 8;

    /// All eight emotions in alphabetical order.
    pub const ALL: [Emotion; 8] = [
        Emotion::Anger,
        Emotion::Anticipation,
        Emotion::Disgust,
        Emotion::Fear,
        Emotion::Joy,
        Emotion::Sadness,
        Emotion::Surprise,
        Emotion::Trust,
    ];

    /// The lower-case English name, as used in lexicon files and in JSON output.
    ///
    /// ```
    /// assert_eq!(emotive::Emotion::Joy.name(), "joy");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Emotion::Anger => "anger",
            Emotion::Anticipation => "anticipation",
            Emotion::Disgust => "disgust",
            Emotion::Fear => "fear",
            Emotion::Joy => "joy",
            Emotion::Sadness => "sadness",
            Emotion::Surprise => "surprise",
            Emotion::Trust => "trust",
        }
    }

    /// The position of this emotion in [`Emotion::ALL`] (0 for anger … 7 for trust).
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The emotion at `index` in [`Emotion::ALL`], if `index < 8`.
    pub const fn from_index(index: usize) -> Option<Emotion> {
        if index < Self::COUNT {
            Some(Self::ALL[index])
        } else {
            None
        }
    }

    /// The emotion Plutchik places opposite on his wheel (joy ↔ sadness, trust ↔ disgust,
    /// fear ↔ anger, surprise ↔ anticipation).
    pub const fn opposite(self) -> Emotion {
        match self {
            Emotion::Anger => Emotion::Fear,
            Emotion::Anticipation => Emotion::Surprise,
            Emotion::Disgust => Emotion::Trust,
            Emotion::Fear => Emotion::Anger,
            Emotion::Joy => Emotion::Sadness,
            Emotion::Sadness => Emotion::Joy,
            Emotion::Surprise => Emotion::Anticipation,
            Emotion::Trust => Emotion::Disgust,
        }
    }
}

impl fmt::Display for Emotion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error returned when a string names no emotion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseEmotionError {
    input: String,
}

impl fmt::Display for ParseEmotionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown emotion {:?}", self.input)
    }
}

impl std::error::Error for ParseEmotionError {}

impl FromStr for Emotion {
    type Err = ParseEmotionError;

    /// Parses a lower- or mixed-case emotion name (`"joy"`, `"Trust"`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // Lexicon files name an emotion per line: the exact lower-case name is the fast path.
        if let Some(&e) = Emotion::ALL.iter().find(|e| e.name() == s) {
            return Ok(e);
        }
        let t = s.trim();
        Emotion::ALL
            .iter()
            .copied()
            .find(|e| e.name().eq_ignore_ascii_case(t))
            .ok_or_else(|| ParseEmotionError {
                input: s.to_string(),
            })
    }
}

/// A set of emotions, stored as an 8-bit mask. Iterates in [`Emotion::ALL`] order.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct EmotionSet(u8);

impl EmotionSet {
    /// The empty set.
    pub const fn new() -> EmotionSet {
        EmotionSet(0)
    }

    /// Whether `emotion` is in the set.
    pub const fn contains(self, emotion: Emotion) -> bool {
        self.0 & (1 << emotion as u8) != 0
    }

    /// Adds `emotion` to the set.
    pub fn insert(&mut self, emotion: Emotion) {
        self.0 |= 1 << emotion as u8;
    }

    /// Removes `emotion` from the set.
    pub fn remove(&mut self, emotion: Emotion) {
        self.0 &= !(1 << emotion as u8);
    }

    /// The number of emotions in the set.
    pub const fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The emotions in the set, in [`Emotion::ALL`] order.
    pub fn iter(self) -> impl DoubleEndedIterator<Item = Emotion> + ExactSizeIterator {
        let bits = self.0;
        let mut v = [Emotion::Anger; 8];
        let mut n = 0;
        for e in Emotion::ALL {
            if bits & (1 << e as u8) != 0 {
                v[n] = e;
                n += 1;
            }
        }
        v.into_iter().take(n)
    }
}

impl fmt::Debug for EmotionSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl FromIterator<Emotion> for EmotionSet {
    fn from_iter<I: IntoIterator<Item = Emotion>>(iter: I) -> Self {
        let mut s = EmotionSet::new();
        for e in iter {
            s.insert(e);
        }
        s
    }
}

/// The eight emotion intensities of a text (or sentence), each in `[0, 1]`, with the number
/// of lexicon terms that contributed to each.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Emotions {
    pub(crate) intensity: [f32; 8],
    pub(crate) count: [u32; 8],
}

impl Emotions {
    /// The intensity of `emotion`, in `[0, 1]`; `0.0` when no term evoked it.
    pub fn intensity(&self, emotion: Emotion) -> f32 {
        self.intensity[emotion.index()]
    }

    /// How many lexicon terms (after negation) contributed to `emotion`.
    pub fn count(&self, emotion: Emotion) -> u32 {
        self.count[emotion.index()]
    }

    /// `(emotion, intensity)` for all eight emotions, in [`Emotion::ALL`] order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (Emotion, f32)> + '_ {
        Emotion::ALL
            .iter()
            .map(move |&e| (e, self.intensity[e.index()]))
    }

    /// The emotion with the highest intensity, if any is above zero. Ties go to the
    /// emotion that comes first in [`Emotion::ALL`].
    pub fn strongest(&self) -> Option<Emotion> {
        let mut best: Option<(Emotion, f32)> = None;
        for (e, v) in self.iter() {
            if v > 0.0 && best.is_none_or(|(_, b)| v > b) {
                best = Some((e, v));
            }
        }
        best.map(|(e, _)| e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for e in Emotion::ALL {
            assert_eq!(e.name().parse::<Emotion>().unwrap(), e);
            assert_eq!(Emotion::from_index(e.index()), Some(e));
            assert_eq!(e.opposite().opposite(), e);
        }
        assert!("joyy".parse::<Emotion>().is_err());
        assert_eq!(" Trust ".parse::<Emotion>().unwrap(), Emotion::Trust);
    }

    #[test]
    fn set_operations() {
        let mut s = EmotionSet::new();
        assert!(s.is_empty());
        s.insert(Emotion::Trust);
        s.insert(Emotion::Anger);
        s.insert(Emotion::Anger);
        assert_eq!(s.len(), 2);
        assert_eq!(
            s.iter().collect::<Vec<_>>(),
            [Emotion::Anger, Emotion::Trust]
        );
        s.remove(Emotion::Anger);
        assert!(!s.contains(Emotion::Anger));
        assert!(s.contains(Emotion::Trust));
    }
}
