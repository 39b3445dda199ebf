//! [`Summary`]: what a whole collection of texts feels, and which words drive it.

use crate::analysis::{Analysis, Label};
use crate::emotion::Emotion;

/// Running totals for one lexicon term across a collection.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TermStats {
    term: Box<str>,
    count: u64,
    positive: f64,
    negative: f64,
    emotions: [f64; 8],
}

impl TermStats {
    /// The lexicon term.
    pub fn term(&self) -> &str {
        &self.term
    }

    /// How often it fired.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Its summed positive contributions (≥ 0).
    pub fn positive(&self) -> f64 {
        self.positive
    }

    /// Its summed negative contributions (≤ 0).
    pub fn negative(&self) -> f64 {
        self.negative
    }

    /// Its summed contribution to `emotion` (after negation and weights).
    pub fn emotion(&self, emotion: Emotion) -> f64 {
        self.emotions[emotion.index()]
    }
}

/// One of the most negative items of a [`Summary`].
#[derive(Clone, Debug, PartialEq)]
pub struct NegativeItem {
    index: usize,
    compound: f64,
    text: Option<Box<str>>,
    id: Option<Box<str>>,
}

impl NegativeItem {
    /// The index the item was added with.
    pub fn index(&self) -> usize {
        self.index
    }

    /// Its compound score.
    pub fn compound(&self) -> f64 {
        self.compound
    }

    /// The start of its text (up to 500 characters), when added with
    /// [`Summary::add_with_text`] or [`Summary::add_item`].
    pub fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    /// The id it was added with ([`Summary::add_item`]): the caller's own (a review id).
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }
}

/// Characters of an item's text a summary keeps.
const SNIPPET: usize = 500;

/// Aggregate of many analyses: label counts, mean compound with a 95% confidence interval,
/// how often each emotion was detected and how strongly, the terms that drive each emotion
/// and each polarity, and the most negative items.
///
/// Top terms come from [`Analysis::hits`] (lexicon terms only, not the negated-predicate
/// rule's bare negators); they stay empty for analyses made without hits.
/// Summaries of parts of a collection can be [merged](Summary::merge), so that a parallel
/// run gives the same totals as a sequential one.
///
/// ```
/// use emotive::{Emotion, Label, Summary};
/// let texts = ["I love it", "I hate it", "so happy with this", "meh"];
/// let analyses = emotive::analyze_batch(&texts);
/// let s = Summary::from_analyses(&analyses);
/// assert_eq!(s.count(), 4);
/// assert_eq!(s.label_count(Label::Positive), 2);
/// assert_eq!(s.most_negative(1)[0].index(), 1);
/// assert_eq!(s.top_positive_terms(1)[0].term(), "love");
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    count: u64,
    sum: f64,
    sum_sq: f64,
    labels: [u64; 3],
    detected: [u64; 8],
    dominant: [u64; 8],
    intensity: [f64; 8],
    terms: rustc_hash::FxHashMap<Box<str>, TermStats>,
    /// The `keep` most negative items, most negative first.
    negative_items: Vec<NegativeItem>,
    keep: usize,
}

fn label_index(l: Label) -> usize {
    match l {
        Label::Positive => 0,
        Label::Neutral => 1,
        Label::Negative => 2,
    }
}

impl Summary {
    /// An empty summary keeping the 20 most negative items.
    pub fn new() -> Summary {
        Summary::keeping(20)
    }

    /// An empty summary keeping the `n` most negative items.
    pub fn keeping(n: usize) -> Summary {
        Summary {
            keep: n,
            ..Summary::default()
        }
    }

    /// Summarises `analyses`, numbering them from 0.
    pub fn from_analyses<'a, I: IntoIterator<Item = &'a Analysis>>(analyses: I) -> Summary {
        let mut s = Summary::new();
        for (i, a) in analyses.into_iter().enumerate() {
            s.add(i, a);
        }
        s
    }

    /// Adds one analysis; `index` identifies the item in [`Summary::most_negative`].
    pub fn add(&mut self, index: usize, a: &Analysis) {
        self.add_inner(index, a, None, None);
    }

    /// Adds one analysis and its text, so that [`Summary::most_negative`] can show what the
    /// most negative items said (only their first 500 characters are kept, and only while
    /// they are among the most negative).
    pub fn add_with_text(&mut self, index: usize, a: &Analysis, text: &str) {
        self.add_inner(index, a, Some(text), None);
    }

    /// Adds one analysis with its text and the caller's id for the item (both optional), as
    /// [`Summary::most_negative`] will show them.
    pub fn add_item(&mut self, index: usize, a: &Analysis, text: Option<&str>, id: Option<&str>) {
        self.add_inner(index, a, text, id);
    }

    fn add_inner(&mut self, index: usize, a: &Analysis, text: Option<&str>, id: Option<&str>) {
        self.count += 1;
        let c = a.compound();
        self.sum += c;
        self.sum_sq += c * c;
        self.labels[label_index(a.label())] += 1;
        for e in a.detected().iter() {
            self.detected[e.index()] += 1;
        }
        if let Some(d) = a.dominant() {
            self.dominant[d.index()] += 1;
        }
        for (e, v) in a.emotions().iter() {
            self.intensity[e.index()] += f64::from(v);
        }
        // Lexicon terms only: a rule-made hit (a negator governing no sentiment word) has no
        // lexicon entry of its own and would list "not" as what customers feel.
        for h in a
            .hits()
            .iter()
            .filter(|h| h.valence().is_some() || h.emotions().next().is_some())
        {
            let t = match self.terms.get_mut(h.term()) {
                Some(t) => t,
                None => self
                    .terms
                    .entry(h.term().into())
                    .or_insert_with(|| TermStats {
                        term: h.term().into(),
                        ..TermStats::default()
                    }),
            };
            t.count += 1;
            let v = f64::from(h.contribution());
            if v > 0.0 {
                t.positive += v;
            } else {
                t.negative += v;
            }
            for (e, x) in h.emotions() {
                t.emotions[e.index()] += f64::from(x);
            }
        }
        if c < 0.0 {
            self.push_negative(index, c, || {
                let text = text.map(|t| match t.char_indices().nth(SNIPPET) {
                    Some((cut, _)) => t[..cut].into(),
                    None => t.into(),
                });
                (text, id.map(Into::into))
            });
        }
    }

    fn push_negative(
        &mut self,
        index: usize,
        c: f64,
        text_and_id: impl FnOnce() -> (Option<Box<str>>, Option<Box<str>>),
    ) {
        if self.keep == 0 {
            return;
        }
        if self.negative_items.len() == self.keep
            && self.negative_items.last().is_some_and(|w| c >= w.compound)
        {
            return;
        }
        let at = self
            .negative_items
            .partition_point(|w| w.compound < c || (w.compound == c && w.index < index));
        let (text, id) = text_and_id();
        self.negative_items.insert(
            at,
            NegativeItem {
                index,
                compound: c,
                text,
                id,
            },
        );
        self.negative_items.truncate(self.keep);
    }

    /// Adds another summary's totals (e.g. from another thread or file part).
    pub fn merge(&mut self, other: &Summary) {
        self.count += other.count;
        self.sum += other.sum;
        self.sum_sq += other.sum_sq;
        for i in 0..3 {
            self.labels[i] += other.labels[i];
        }
        for i in 0..8 {
            self.detected[i] += other.detected[i];
            self.dominant[i] += other.dominant[i];
            self.intensity[i] += other.intensity[i];
        }
        for (k, t) in &other.terms {
            // The key is copied only for a term new here.
            let mine = match self.terms.get_mut(k) {
                Some(m) => m,
                None => self.terms.entry(k.clone()).or_insert_with(|| TermStats {
                    term: k.clone(),
                    ..TermStats::default()
                }),
            };
            mine.count += t.count;
            mine.positive += t.positive;
            mine.negative += t.negative;
            for i in 0..8 {
                mine.emotions[i] += t.emotions[i];
            }
        }
        self.keep = self.keep.max(other.keep);
        for w in &other.negative_items {
            self.push_negative(w.index, w.compound, || (w.text.clone(), w.id.clone()));
        }
    }

    /// Number of analyses added.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Mean compound score (0 when empty).
    pub fn mean_compound(&self) -> f64 {
        if self.count == 0 {
            0.0
        } else {
            self.sum / self.count as f64
        }
    }

    /// Sample standard deviation of the compound scores.
    pub fn std_compound(&self) -> f64 {
        if self.count < 2 {
            return 0.0;
        }
        let n = self.count as f64;
        ((self.sum_sq - self.sum * self.sum / n) / (n - 1.0))
            .max(0.0)
            .sqrt()
    }

    /// 95% confidence interval of the mean compound (normal approximation,
    /// mean ± 1.96·sd/√n, within [−1, 1]); with fewer than two items there is no interval and
    /// both ends are the mean (reports should say "n/a").
    pub fn compound_ci95(&self) -> (f64, f64) {
        let m = self.mean_compound();
        if self.count < 2 {
            return (m, m);
        }
        let h = 1.96 * self.std_compound() / (self.count as f64).sqrt();
        // Compounds lie in [-1, 1], and so does their mean.
        ((m - h).max(-1.0), (m + h).min(1.0))
    }

    /// How many analyses got `label`.
    pub fn label_count(&self, label: Label) -> u64 {
        self.labels[label_index(label)]
    }

    /// How many analyses detected `emotion`.
    pub fn detected_count(&self, emotion: Emotion) -> u64 {
        self.detected[emotion.index()]
    }

    /// How many analyses had `emotion` as their dominant emotion.
    pub fn dominant_count(&self, emotion: Emotion) -> u64 {
        self.dominant[emotion.index()]
    }

    /// Mean intensity of `emotion` over all analyses.
    pub fn mean_intensity(&self, emotion: Emotion) -> f64 {
        if self.count == 0 {
            0.0
        } else {
            self.intensity[emotion.index()] / self.count as f64
        }
    }

    fn top_by(&self, n: usize, key: impl Fn(&TermStats) -> f64) -> Vec<&TermStats> {
        let mut v: Vec<&TermStats> = self.terms.values().filter(|t| key(t) > 0.0).collect();
        v.sort_by(|a, b| key(b).total_cmp(&key(a)).then_with(|| a.term.cmp(&b.term)));
        v.truncate(n);
        v
    }

    /// The `n` terms contributing most to `emotion`, strongest first.
    pub fn top_terms(&self, emotion: Emotion, n: usize) -> Vec<&TermStats> {
        self.top_by(n, |t| t.emotions[emotion.index()])
    }

    /// The `n` terms contributing most positive valence.
    pub fn top_positive_terms(&self, n: usize) -> Vec<&TermStats> {
        self.top_by(n, |t| t.positive)
    }

    /// The `n` terms contributing most negative valence.
    pub fn top_negative_terms(&self, n: usize) -> Vec<&TermStats> {
        self.top_by(n, |t| -t.negative)
    }

    /// Up to `n` of the most negative items, most negative first (at most as many as the
    /// summary keeps; ties by index).
    pub fn most_negative(&self, n: usize) -> &[NegativeItem] {
        &self.negative_items[..n.min(self.negative_items.len())]
    }
}

#[cfg(feature = "serde")]
mod ser {
    use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

    use super::*;
    use crate::analysis::r4;

    /// `[[term, count, weight], …]`, weight being the emotion sum or the net valence.
    struct Terms<'a>(Vec<&'a TermStats>, Option<Emotion>);

    impl Serialize for Terms<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut seq = s.serialize_seq(Some(self.0.len()))?;
            for t in &self.0 {
                let weight = match self.1 {
                    Some(e) => t.emotion(e),
                    None => t.positive + t.negative,
                };
                seq.serialize_element(&(t.term(), t.count, r4(weight)))?;
            }
            seq.end()
        }
    }

    struct EmotionEntry<'a>(&'a Summary, Emotion);

    impl Serialize for EmotionEntry<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let (sum, e) = (self.0, self.1);
            let mut m = s.serialize_map(Some(4))?;
            m.serialize_entry("detected", &sum.detected_count(e))?;
            m.serialize_entry("dominant", &sum.dominant_count(e))?;
            m.serialize_entry("mean_intensity", &r4(sum.mean_intensity(e)))?;
            m.serialize_entry("top_terms", &Terms(sum.top_terms(e, sum.keep), Some(e)))?;
            m.end()
        }
    }

    struct Emotions<'a>(&'a Summary);

    impl Serialize for Emotions<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut m = s.serialize_map(Some(8))?;
            for e in Emotion::ALL {
                m.serialize_entry(e.name(), &EmotionEntry(self.0, e))?;
            }
            m.end()
        }
    }

    /// `[{"index":…,"id":…,"compound":…,"text":…}, …]` (id and text only when kept).
    struct NegativeItems<'a>(&'a [NegativeItem]);

    impl Serialize for NegativeItems<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut seq = s.serialize_seq(Some(self.0.len()))?;
            for w in self.0 {
                seq.serialize_element(&NegativeItemSer(w))?;
            }
            seq.end()
        }
    }

    struct NegativeItemSer<'a>(&'a NegativeItem);

    impl Serialize for NegativeItemSer<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut m = s.serialize_map(None)?;
            m.serialize_entry("index", &self.0.index)?;
            if let Some(id) = &self.0.id {
                m.serialize_entry("id", id)?;
            }
            m.serialize_entry("compound", &r4(self.0.compound))?;
            if let Some(t) = &self.0.text {
                m.serialize_entry("text", t)?;
            }
            m.end()
        }
    }

    struct Labels<'a>(&'a Summary);

    impl Serialize for Labels<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut m = s.serialize_map(Some(3))?;
            for l in [Label::Positive, Label::Neutral, Label::Negative] {
                m.serialize_entry(l.name(), &self.0.label_count(l))?;
            }
            m.end()
        }
    }

    /// `{"count":…,"mean_compound":…,"ci95":[lo,hi],"labels":{"positive":n,…},
    ///   "emotions":{"anger":{"detected":n,"dominant":n,"mean_intensity":x,
    ///   "top_terms":[[term,count,weight],…]},…},"top_positive_terms":[…],
    ///   "top_negative_terms":[…],"most_negative":[{"index":…,"id":…,"compound":…,"text":…},…]}`;
    ///   every list holds up to as many entries as the summary [keeps](Summary::keeping).
    impl Serialize for Summary {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut m = s.serialize_map(None)?;
            m.serialize_entry("count", &self.count)?;
            m.serialize_entry("mean_compound", &r4(self.mean_compound()))?;
            let (lo, hi) = self.compound_ci95();
            m.serialize_entry("ci95", &[r4(lo), r4(hi)])?;
            m.serialize_entry("labels", &Labels(self))?;
            m.serialize_entry("emotions", &Emotions(self))?;
            m.serialize_entry(
                "top_positive_terms",
                &Terms(self.top_positive_terms(self.keep), None),
            )?;
            m.serialize_entry(
                "top_negative_terms",
                &Terms(self.top_negative_terms(self.keep), None),
            )?;
            m.serialize_entry("most_negative", &NegativeItems(&self.negative_items))?;
            m.end()
        }
    }
}
