//! [`AnalyzerBuilder`]: replace or extend any lexicon or word list, tune the rules.

use std::sync::Arc;

use crate::analyzer::Analyzer;
use crate::emotion::Emotion;
use crate::error::BuildError;
use crate::language::Language;
use crate::lexicon::{ContrastWord, Lexicon, bundled};
use crate::lookup::{HAS_VALENCE, Sources, Table, Term};
use crate::rules::RuleSet;
use crate::score::ScoreSettings;

/// Configures an [`Analyzer`]. Setters take `&mut self` and return it for chaining; nothing
/// is checked until [`build`](AnalyzerBuilder::build), which reports an out-of-range setting
/// as a [`BuildError`] instead of panicking.
///
/// ```
/// use emotive::{Analyzer, Lexicon};
/// let mine: Lexicon = "meh\t-0.8\nchef's kiss\t3.0\n".parse()?;
/// let analyzer = Analyzer::builder()
///     .extend_valence(&mine)
///     .add_negator("nae")
///     .hits(false)
///     .build()?;
/// assert!(analyzer.analyze("chef's kiss").compound() > 0.5);
/// assert!(Analyzer::builder().negation_window(0).build().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct AnalyzerBuilder {
    valence: Option<Lexicon>,
    valence_overlay: Lexicon,
    emotions: Option<Lexicon>,
    emotion_overlay: Lexicon,
    negators: Vec<String>,
    exceptions: Vec<(String, String, f32)>,
    irrealis: Vec<String>,
    cues: Vec<(String, Vec<String>)>,
    neutral: Vec<String>,
    modifiers: Vec<(String, f32)>,
    contrast: Vec<ContrastWord>,
    emoji: bool,
    stemmer: Option<Language>,
    rules: RuleSet,
    score: ScoreSettings,
    hits: bool,
    sentences: bool,
    /// Whether default lexicon settings may read the stored default table (off in the test
    /// that checks it).
    pub(crate) snapshot: bool,
}

impl Default for AnalyzerBuilder {
    fn default() -> AnalyzerBuilder {
        AnalyzerBuilder::new()
    }
}

impl AnalyzerBuilder {
    /// Starts from the bundled lexicons and word lists and the default settings.
    pub fn new() -> AnalyzerBuilder {
        AnalyzerBuilder {
            valence: None,
            valence_overlay: Lexicon::new(),
            emotions: None,
            emotion_overlay: Lexicon::new(),
            negators: bundled::NEGATORS.clone(),
            exceptions: bundled::NEGATION_EXCEPTIONS.clone(),
            irrealis: bundled::IRREALIS.clone(),
            cues: bundled::CUES.clone(),
            neutral: bundled::NEUTRAL.clone(),
            modifiers: bundled::MODIFIERS.clone(),
            contrast: bundled::CONTRAST.clone(),
            emoji: true,
            stemmer: Some(Language::English),
            rules: RuleSet::default(),
            score: ScoreSettings::default(),
            hits: true,
            sentences: true,
            snapshot: true,
        }
    }

    /// Replaces the valence lexicon (the bundled one is VADER's plus emotive's idioms).
    pub fn valence_lexicon(&mut self, lexicon: Lexicon) -> &mut Self {
        self.valence = Some(lexicon);
        self.valence_overlay = Lexicon::new();
        self
    }

    /// Adds terms to the valence lexicon; where a term exists, `lexicon`'s entry wins.
    pub fn extend_valence(&mut self, lexicon: &Lexicon) -> &mut Self {
        for (term, entry) in lexicon.iter() {
            if entry.valence().is_some() {
                self.valence_overlay.insert(term, *entry);
            }
        }
        self
    }

    /// Replaces the emotion lexicon (e.g. with `Lexicon::from_nrc_emolex(file)?`).
    pub fn emotion_lexicon(&mut self, lexicon: Lexicon) -> &mut Self {
        self.emotions = Some(lexicon);
        self.emotion_overlay = Lexicon::new();
        self
    }

    /// Adds terms to the emotion lexicon; where a term exists, `lexicon`'s entry wins.
    /// Entries without emotions (a valence-only line) are left out, so that one file can
    /// extend both lexicons without erasing the bundled emotions of its terms.
    pub fn extend_emotions(&mut self, lexicon: &Lexicon) -> &mut Self {
        for (term, entry) in lexicon.iter() {
            if entry.has_emotions() {
                self.emotion_overlay.insert(term, *entry);
            }
        }
        self
    }

    /// Replaces the negators (bundled: `lexicons/negators.txt`). Any word ending in `n't`
    /// negates regardless.
    pub fn negators<I, S>(&mut self, words: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.negators = words
            .into_iter()
            .map(|w| crate::lexicon::normalize_term(w.as_ref()))
            .collect();
        self
    }

    /// Adds one negator (a word or phrase).
    pub fn add_negator(&mut self, word: &str) -> &mut Self {
        self.negators.push(crate::lexicon::normalize_term(word));
        self
    }

    /// Replaces the negation exceptions (bundled: `lexicons/negation_exceptions.tsv`):
    /// `(negator, companion, multiplier)` — when `companion` stands between `negator` and a
    /// sentiment word, or is that word, the valence is multiplied by `multiplier` instead of
    /// flipped.
    pub fn negation_exceptions<I, S>(&mut self, exceptions: I) -> &mut Self
    where
        I: IntoIterator<Item = (S, S, f32)>,
        S: AsRef<str>,
    {
        self.exceptions = exceptions
            .into_iter()
            .map(|(n, c, m)| {
                (
                    crate::lexicon::normalize_term(n.as_ref()),
                    crate::lexicon::normalize_term(c.as_ref()),
                    m,
                )
            })
            .collect();
        self
    }

    /// Adds one negation exception; see [`negation_exceptions`](Self::negation_exceptions).
    pub fn add_negation_exception(
        &mut self,
        negator: &str,
        companion: &str,
        multiplier: f32,
    ) -> &mut Self {
        self.exceptions.push((
            crate::lexicon::normalize_term(negator),
            crate::lexicon::normalize_term(companion),
            multiplier,
        ));
        self
    }

    /// Replaces the boosters and dampeners (bundled: `lexicons/modifiers.tsv`): a positive
    /// scalar strengthens the following sentiment word, a negative one weakens it.
    pub fn modifiers<I, S>(&mut self, modifiers: I) -> &mut Self
    where
        I: IntoIterator<Item = (S, f32)>,
        S: AsRef<str>,
    {
        self.modifiers = modifiers
            .into_iter()
            .map(|(w, v)| (crate::lexicon::normalize_term(w.as_ref()), v))
            .collect();
        self
    }

    /// Adds or replaces one booster (scalar > 0) or dampener (scalar < 0).
    pub fn add_modifier(&mut self, word: &str, scalar: f32) -> &mut Self {
        let w = crate::lexicon::normalize_term(word);
        self.modifiers.retain(|(m, _)| *m != w);
        self.modifiers.push((w, scalar));
        self
    }

    /// Replaces the contrast words (bundled: `lexicons/contrast.tsv`).
    pub fn contrast_words<I: IntoIterator<Item = ContrastWord>>(&mut self, words: I) -> &mut Self {
        self.contrast = words.into_iter().collect();
        self
    }

    /// Adds or replaces one contrast word.
    pub fn add_contrast(&mut self, word: ContrastWord) -> &mut Self {
        self.contrast.retain(|c| c.term() != word.term());
        self.contrast.push(word);
        self
    }

    /// Whether emoji are scored (through their Unicode descriptions). Default `true`.
    pub fn emoji(&mut self, yes: bool) -> &mut Self {
        self.emoji = yes;
        self
    }

    /// The Snowball stemmer for the stem fallback, or `None` to match surface forms only.
    /// Default `Some(Language::English)`.
    pub fn stemmer(&mut self, language: Option<Language>) -> &mut Self {
        self.stemmer = language;
        self
    }

    /// Words before a sentiment word searched for a negator (1 … 10, default 3).
    pub fn negation_window(&mut self, words: usize) -> &mut Self {
        self.rules.negation_window = words;
        self
    }

    /// Multiplier applied to a negated valence (−2 … 1, default −0.74 as in VADER).
    pub fn negation_scalar(&mut self, scalar: f32) -> &mut Self {
        self.rules.negation_scalar = scalar;
        self
    }

    /// Whether negation stops at a comma, semicolon, dash or other clause break (default
    /// `true`; VADER does not stop).
    pub fn negation_stops_at_punctuation(&mut self, yes: bool) -> &mut Self {
        self.rules.negation_stops_at_break = yes;
        self
    }

    /// Replaces the irrealis markers (bundled: `lexicons/irrealis.txt`): words such as
    /// `would`, `if`, `hoped` after which, up to the next clause break, sentiment describes
    /// what is not (or not yet) the case, and is weighed by
    /// [`irrealis_weight`](Self::irrealis_weight).
    pub fn irrealis<I, S>(&mut self, words: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.irrealis = words
            .into_iter()
            .map(|w| crate::lexicon::normalize_term(w.as_ref()))
            .collect();
        self
    }

    /// Replaces the neutral terms (bundled: `lexicons/identity_terms.txt`, nationalities,
    /// religions, genders, names …): they carry no valence and no emotion whatever a
    /// lexicon, their stem or their words say (`sunni` is not `sunny`; `great britain` is
    /// not `great`).
    pub fn neutral_terms<I, S>(&mut self, terms: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.neutral = terms
            .into_iter()
            .map(|t| crate::lexicon::normalize_term(t.as_ref()))
            .collect();
        self
    }

    /// Replaces the context cues (bundled: `lexicons/cues.tsv`): `(term, cue words)`, where
    /// the term counts only after one of its cue words, or, when the cue words include `^`,
    /// at the start of a clause.
    pub fn cues<I, S>(&mut self, cues: I) -> &mut Self
    where
        I: IntoIterator<Item = (S, Vec<S>)>,
        S: AsRef<str>,
    {
        self.cues = cues
            .into_iter()
            .map(|(t, c)| {
                let norm = crate::lexicon::normalize_term;
                (
                    norm(t.as_ref()),
                    c.iter().map(|w| norm(w.as_ref())).collect(),
                )
            })
            .collect();
        self
    }

    /// Weight of sentiment in an irrealis clause (0 … 2).
    pub fn irrealis_weight(&mut self, w: f32) -> &mut Self {
        self.rules.irrealis_weight = w;
        self
    }

    /// Multiplier for negative contributions (0 … 2; SO-CAL's negativity weighting corrects
    /// the positive bias of lexicon scores: positive words are more frequent in any text).
    pub fn negative_weight(&mut self, w: f32) -> &mut Self {
        self.rules.negative_weight = w;
        self
    }

    /// Valence (−2 … 0) given to a negator that governs no sentiment word but other words
    /// ("never answered", "didn't fit"). Default −0.7; 0 turns it off.
    pub fn negated_neutral(&mut self, v: f32) -> &mut Self {
        self.rules.negated_neutral = v;
        self
    }

    /// Multiplier for words written as hashtags (0 … 2).
    pub fn hashtag_weight(&mut self, w: f32) -> &mut Self {
        self.rules.hashtag_weight = w;
        self
    }

    /// Words before a sentiment word searched for boosters (0 … 5, default 3).
    pub fn booster_window(&mut self, words: usize) -> &mut Self {
        self.rules.booster_window = words;
        self
    }

    /// Emphasis added to an ALL-CAPS word in mixed-case text (0 … 2, default 0.733).
    pub fn caps_increment(&mut self, x: f32) -> &mut Self {
        self.rules.caps_increment = x;
        self
    }

    /// Emphasis added to an elongated word such as `goood` (0 … 2, default 0.293).
    pub fn elongation_increment(&mut self, x: f32) -> &mut Self {
        self.rules.elongation_increment = x;
        self
    }

    /// Emphasis per `!` (0 … 2, default 0.292), counted up to 4 per sentence.
    pub fn exclamation_increment(&mut self, x: f32) -> &mut Self {
        self.rules.exclamation_increment = x;
        self
    }

    /// Emphasis per `?` when a sentence has two or three (0 … 2, default 0.18).
    pub fn question_increment(&mut self, x: f32) -> &mut Self {
        self.rules.question_increment = x;
        self
    }

    /// α in the normalisation `x / √(x² + α)` (> 0, default 15 as in VADER).
    pub fn alpha(&mut self, alpha: f64) -> &mut Self {
        self.score.alpha = alpha;
        self
    }

    /// γ in the document sum `Σ sentence sums / max(1, n/k)^γ` (0 … 1, default 1): 0 adds
    /// sentences up as VADER does, 1 scales a long text to an average k-sentence stretch
    /// (see [`sentence_window`](Self::sentence_window)).
    pub fn sentence_exponent(&mut self, gamma: f64) -> &mut Self {
        self.score.sentence_exponent = gamma;
        self
    }

    /// k, the sentence window (1 … 100, default 3): a text of up to k sentences adds up its
    /// sentence sums; a longer one divides the sum by `(n/k)^γ`.
    pub fn sentence_window(&mut self, k: f64) -> &mut Self {
        self.score.sentence_window = k;
        self
    }

    /// γₑ, the same for emotion sums (0 … 1, default 1).
    pub fn emotion_sentence_exponent(&mut self, gamma: f64) -> &mut Self {
        self.score.emotion_sentence_exponent = gamma;
        self
    }

    /// Compound thresholds for the labels: negative at ≤ `negative`, positive at ≥
    /// `positive` (need −1 ≤ negative ≤ positive ≤ 1; default −0.05 and 0.05).
    pub fn label_thresholds(&mut self, negative: f64, positive: f64) -> &mut Self {
        self.score.negative_threshold = negative;
        self.score.positive_threshold = positive;
        self
    }

    /// The emotion decision rule: an emotion is in [`Analysis::detected`](crate::Analysis::detected)
    /// when its intensity is ≥ `threshold` and ≥ `relative` × the strongest emotion's
    /// intensity (both in `[0, 1]`). Sets the same threshold for every emotion; the defaults
    /// differ per emotion (chosen on dev data; see the README's accuracy section).
    pub fn emotion_threshold(&mut self, threshold: f32, relative: f32) -> &mut Self {
        self.score.emotion_threshold = [threshold; 8];
        self.score.emotion_relative = relative;
        self
    }

    /// The detection threshold of one emotion (in `[0, 1]`; see
    /// [`emotion_threshold`](Self::emotion_threshold)).
    pub fn emotion_threshold_for(&mut self, emotion: Emotion, threshold: f32) -> &mut Self {
        self.score.emotion_threshold[emotion.index()] = threshold;
        self
    }

    /// Whether analyses keep their [hits](crate::Analysis::hits) (default `true`). Turning
    /// this off saves work when only scores are needed.
    pub fn hits(&mut self, yes: bool) -> &mut Self {
        self.hits = yes;
        self
    }

    /// Whether analyses keep per-sentence scores (default `true`).
    pub fn sentences(&mut self, yes: bool) -> &mut Self {
        self.sentences = yes;
        self
    }

    /// Checks the settings and compiles the lexicons.
    ///
    /// # Errors
    /// A [`BuildError`] naming the first setting out of its documented range, or a lexicon
    /// or word list holding a value that is not finite or out of range.
    pub fn build(&self) -> Result<Analyzer, BuildError> {
        self.validate()?;
        if self.snapshot && self.compiles_default_table() {
            let table = Table::decode(
                crate::lookup::DEFAULT_TABLE,
                Some(Language::English.algorithm()),
                Some(&bundled::STEMS),
            );
            // A stored table that does not read (it cannot happen with a tested build) is
            // not an error: the lexicons are compiled as below.
            if let Some(table) = table {
                return Ok(self.analyzer_with(table));
            }
        }
        // The bundled lexicons are parsed on first use; the two big ones are independent, so
        // parse them side by side (this halved the time to compile them on two cores).
        #[cfg(feature = "rayon")]
        rayon::join(
            || {
                once_cell::sync::Lazy::force(&bundled::VALENCE);
            },
            || {
                once_cell::sync::Lazy::force(&bundled::EMOTIONS);
                once_cell::sync::Lazy::force(&bundled::STEMS);
            },
        );
        fn merged<'a>(
            base: &'a Option<Lexicon>,
            overlay: &Lexicon,
            bundled: &'static Lexicon,
        ) -> std::borrow::Cow<'a, Lexicon> {
            let base = base.as_ref().unwrap_or(bundled);
            if overlay.is_empty() {
                std::borrow::Cow::Borrowed(base)
            } else {
                let mut l = base.clone();
                l.extend(overlay);
                std::borrow::Cow::Owned(l)
            }
        }
        let valence = merged(&self.valence, &self.valence_overlay, &bundled::VALENCE);
        let emotions = merged(&self.emotions, &self.emotion_overlay, &bundled::EMOTIONS);
        valence
            .validate(4.0)
            .map_err(|e| BuildError::new("valence_lexicon", e))?;
        emotions
            .validate(4.0)
            .map_err(|e| BuildError::new("emotion_lexicon", e))?;
        let table = Table::build(&Sources {
            valence: &valence,
            emotions: &emotions,
            negators: &self.negators,
            exceptions: &self.exceptions,
            irrealis: &self.irrealis,
            cues: &self.cues,
            neutral: &self.neutral,
            modifiers: &self.modifiers,
            contrast: &self.contrast,
            stemmer: self.stemmer.map(Language::algorithm),
            known_stems: Some(&bundled::STEMS),
        });
        let mut analyzer = self.analyzer_with(table);
        if self.emoji {
            // Score each emoji by reading its description with the word lexicons.
            let mut terms = Vec::new();
            let mut seen = rustc_hash::FxHashSet::default();
            // Lookups drop variation selectors and fall back from a skin tone to the plain
            // emoji, so those variants need no entry of their own.
            let todo: Vec<(String, &str)> = bundled::EMOJI
                .iter()
                .filter(|(e, _)| !e.chars().any(|c| ('\u{1F3FB}'..='\u{1F3FF}').contains(&c)))
                .map(|&(e, d)| {
                    (
                        e.chars().filter(|&c| c != '\u{FE0F}').collect::<String>(),
                        d,
                    )
                })
                .filter(|(key, _)| seen.insert(key.clone()))
                .collect();
            #[cfg(feature = "rayon")]
            let scored: Vec<(f32, [f32; 8])> = {
                use rayon::prelude::*;
                todo.par_iter().map(|(_, d)| analyzer.raw_sums(d)).collect()
            };
            #[cfg(not(feature = "rayon"))]
            let scored: Vec<(f32, [f32; 8])> =
                todo.iter().map(|(_, d)| analyzer.raw_sums(d)).collect();
            // An emoji's valence comes from its description; its emotions only from the
            // emotion lexicon (reviewed entries such as 😡 anger), which the table already
            // holds: words of a description name things, not what the emoji expresses.
            for ((key, _), (valence, _)) in todo.into_iter().zip(scored) {
                let table = analyzer.table();
                let mut t = match table.surface(&key) {
                    Some(id) => table.term(id).clone(),
                    None => Term::new(&key),
                };
                if valence != 0.0 && !t.flags.any(HAS_VALENCE) {
                    t.valence = valence.clamp(-4.0, 4.0);
                    t.flags |= HAS_VALENCE;
                    terms.push(t);
                }
            }
            analyzer.table_mut().extend_surface(terms);
        }
        Ok(analyzer)
    }

    /// An analyzer with `table` and these settings' rules, scores and outputs.
    fn analyzer_with(&self, table: Table) -> Analyzer {
        Analyzer::from_parts(
            Arc::new(table),
            self.rules.clone(),
            self.score.clone(),
            self.hits,
            self.sentences,
        )
    }

    /// Whether these settings compile exactly the stored default table: the bundled
    /// lexicons and word lists, emoji and the English stemmer, and the default rules (emoji
    /// are scored by reading their descriptions with them).
    fn compiles_default_table(&self) -> bool {
        self.valence.is_none()
            && self.valence_overlay.is_empty()
            && self.emotions.is_none()
            && self.emotion_overlay.is_empty()
            && self.emoji
            && self.stemmer == Some(Language::English)
            && self.rules == RuleSet::default()
            && self.negators == *bundled::NEGATORS
            && self.exceptions == *bundled::NEGATION_EXCEPTIONS
            && self.irrealis == *bundled::IRREALIS
            && self.cues == *bundled::CUES
            && self.neutral == *bundled::NEUTRAL
            && self.modifiers == *bundled::MODIFIERS
            && self.contrast == *bundled::CONTRAST
    }

    fn validate(&self) -> Result<(), BuildError> {
        fn check(ok: bool, setting: &'static str, what: String) -> Result<(), BuildError> {
            if ok {
                Ok(())
            } else {
                Err(BuildError::new(setting, what))
            }
        }
        let r = &self.rules;
        let s = &self.score;
        let unit = |x: f32| x.is_finite() && (0.0..=2.0).contains(&x);
        check(
            (1..=10).contains(&r.negation_window),
            "negation_window",
            format!("{} is outside 1 ..= 10", r.negation_window),
        )?;
        check(
            r.booster_window <= 5,
            "booster_window",
            format!("{} is outside 0 ..= 5", r.booster_window),
        )?;
        check(
            r.negation_scalar.is_finite() && (-2.0..=1.0).contains(&r.negation_scalar),
            "negation_scalar",
            format!("{} is outside -2 ..= 1", r.negation_scalar),
        )?;
        for (name, x) in [
            ("caps_increment", r.caps_increment),
            ("elongation_increment", r.elongation_increment),
            ("exclamation_increment", r.exclamation_increment),
            ("question_increment", r.question_increment),
            ("irrealis_weight", r.irrealis_weight),
            ("negative_weight", r.negative_weight),
            ("hashtag_weight", r.hashtag_weight),
        ] {
            check(unit(x), name, format!("{x} is outside 0 ..= 2"))?;
        }
        check(
            s.alpha.is_finite() && s.alpha > 0.0,
            "alpha",
            format!("{} is not a positive number", s.alpha),
        )?;
        for (name, x) in [
            ("sentence_exponent", s.sentence_exponent),
            ("emotion_sentence_exponent", s.emotion_sentence_exponent),
        ] {
            check(
                x.is_finite() && (0.0..=1.0).contains(&x),
                name,
                format!("{x} is outside 0 ..= 1"),
            )?;
        }
        check(
            s.negative_threshold.is_finite()
                && s.positive_threshold.is_finite()
                && -1.0 <= s.negative_threshold
                && s.negative_threshold <= s.positive_threshold
                && s.positive_threshold <= 1.0,
            "label_thresholds",
            format!(
                "need -1 <= negative ({}) <= positive ({}) <= 1",
                s.negative_threshold, s.positive_threshold
            ),
        )?;
        for x in s.emotion_threshold.into_iter().chain([s.emotion_relative]) {
            check(
                x.is_finite() && (0.0..=1.0).contains(&x),
                "emotion_threshold",
                format!("{x} is outside 0 ..= 1"),
            )?;
        }
        for (m, v) in &self.modifiers {
            check(
                v.is_finite() && v.abs() <= 2.0,
                "modifiers",
                format!("{m:?} has scalar {v}, outside -2 ..= 2"),
            )?;
        }
        for (n, c, m) in &self.exceptions {
            check(
                m.is_finite() && m.abs() <= 2.0,
                "negation_exceptions",
                format!("{n:?}/{c:?} has multiplier {m}, outside -2 ..= 2"),
            )?;
        }
        for c in &self.contrast {
            for w in c.weights() {
                check(
                    w.is_finite() && (0.0..=4.0).contains(&w),
                    "contrast_words",
                    format!("{:?} has weight {w}, outside 0 ..= 4", c.term()),
                )?;
            }
        }
        Ok(())
    }
}
