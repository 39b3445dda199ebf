//! Stage 3: rules. Turn looked-up terms into contributions, sentence by sentence.
//!
//! The rules run in a fixed order over the slots (word-like tokens) of one sentence:
//!
//! 1. **Expressions** ([`phrase`]): multi-word terms (`kind of`, `no problem`, `fed up`)
//!    match longest-first and consume their words.
//! 2. **Contrast** ([`contrast`]): `but`, `however` … weigh the sentence's words after them
//!    more than those before; a concession (`even though`) weighs its own clause less.
//! 3. **Intensity** ([`intensity`]): boosters and dampeners within three words before a
//!    sentiment word, ALL-CAPS (only when the text is not all caps) and elongation.
//! 4. **Negation** ([`negation`]): a negator within the window before a sentiment word, in
//!    the same clause, flips and damps its valence and cancels its emotions.
//!
//! Punctuation emphasis (`!`, `??`) is applied to the sentence sum by
//! [`score`](crate::score).

pub(crate) mod contrast;
pub(crate) mod intensity;
pub(crate) mod negation;
pub(crate) mod phrase;

use crate::flags::{SlotFlags, TermFlags};
use crate::lookup::{
    CONCESSION, HAS_EMOTIONS, HAS_VALENCE, IRREALIS, MODIFIER, NEGATOR, NONE, PIVOT, Table, TermId,
};
use negation::Negation;

/// Numeric rule settings. Defaults follow VADER (Hutto & Gilbert 2014) unless noted.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RuleSet {
    /// Words before a sentiment word searched for a negator.
    pub negation_window: usize,
    /// Multiplier for a negated valence (VADER: −0.74).
    pub negation_scalar: f32,
    /// Words before a sentiment word searched for boosters/dampeners (VADER: 3).
    pub booster_window: usize,
    /// Added to |valence| of an ALL-CAPS word in mixed-case text (VADER: 0.733).
    pub caps_increment: f32,
    /// Added to |valence| of an elongated word (`goood`); emotive's own.
    pub elongation_increment: f32,
    /// Added to |sentence sum| per `!` (VADER: 0.292), for at most `max_exclamations`.
    pub exclamation_increment: f32,
    pub max_exclamations: u32,
    /// Added per `?` when a sentence has 2 or 3 (VADER: 0.18; 0.96 for more).
    pub question_increment: f32,
    /// Whether negation stops at a clause break (comma, semicolon, dash …).
    pub negation_stops_at_break: bool,
    /// Multiplier for negative contributions (SO-CAL's negativity weighting, emotive's
    /// default 1.3 chosen on the dev splits; 1 = off).
    pub negative_weight: f32,
    /// Multiplier for words written as hashtags.
    pub hashtag_weight: f32,
    /// Multiplier for sentiment in an irrealis clause ("if it were good", "I hoped it would
    /// be great"); emotive's default 0.5 chosen on the dev splits; 1 = off.
    pub irrealis_weight: f32,
    /// Valence (≤ 0) of a negator that governs no sentiment word but does govern other words
    /// ("never answered", "didn't fit"): in reviews, a negated neutral predicate is usually
    /// a complaint. emotive's default −0.7 was chosen on the dev splits; 0 = off.
    pub negated_neutral: f32,
}

impl Default for RuleSet {
    fn default() -> RuleSet {
        RuleSet {
            negation_window: 3,
            negation_scalar: -0.74,
            booster_window: 3,
            caps_increment: 0.733,
            elongation_increment: 0.293,
            exclamation_increment: 0.292,
            max_exclamations: 4,
            question_increment: 0.18,
            negation_stops_at_break: true,
            negative_weight: 1.3,
            hashtag_weight: 1.0,
            irrealis_weight: 0.5,
            negated_neutral: -0.7,
        }
    }
}

/// The range of the booster factor on a term's emotions (`1 + booster`): two dampeners
/// do not erase an emotion, three boosters do not triple it. emotive's own.
const EMOTION_BOOST_MIN: f32 = 0.25;
const EMOTION_BOOST_MAX: f32 = 2.0;

/// Emotion weight of an ALL-CAPS word in mixed-case text ("I'm FURIOUS"); emotive's own.
const EMOTION_CAPS_WEIGHT: f32 = 1.2;

pub(crate) const CAPS: SlotFlags = SlotFlags::bit(0);
pub(crate) const ELONGATED: SlotFlags = SlotFlags::bit(1);
pub(crate) const HASHTAG: SlotFlags = SlotFlags::bit(2);
/// A clause break lies between this slot and the one before it.
pub(crate) const BREAK_BEFORE: SlotFlags = SlotFlags::bit(3);
/// The slot's word belongs to a multi-word expression that starts earlier.
pub(crate) const CONSUMED: SlotFlags = SlotFlags::bit(4);

/// How a slot found its term.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum Via {
    #[default]
    Word,
    Stem,
    Phrase,
    Emoji,
    Emoticon,
}

/// A word-like token of a sentence, with its looked-up term.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Slot {
    pub start: usize,
    pub end: usize,
    /// The term the rules use (after stem fallback and expression matching).
    pub term: TermId,
    /// The exact surface form's term, used to match expressions.
    pub surface: TermId,
    /// The valence of `term`, copied here with `meta` and `cued` so that the rules need not
    /// touch the table's (large, cache-cold) terms: loading them in the lookup loop, where
    /// the loads do not wait on one another, was measurably faster.
    pub valence: f32,
    pub flags: SlotFlags,
    /// The flags of `term` (see `lookup::HAS_VALENCE` …), copied here so that the rules skip
    /// most slots without touching the table.
    pub meta: TermFlags,
    pub via: Via,
    /// `term` only counts after a cue word (see `Term::cues`).
    pub cued: bool,
}

impl Slot {
    /// Points the slot at term `id` (its rule-relevant data copied in).
    #[inline]
    pub fn set_term(&mut self, table: &Table, id: TermId) {
        self.term = id;
        self.meta = table.flags_of(id);
        if id != NONE && self.meta.any(HAS_VALENCE | HAS_EMOTIONS) {
            (self.valence, self.cued) = table.scores_of(id);
        } else {
            self.valence = 0.0;
            self.cued = false;
        }
    }

    #[inline]
    pub fn has(&self, f: SlotFlags) -> bool {
        self.flags.any(f)
    }
}

/// The outcome of the rules for one sentiment-bearing slot.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Effect {
    /// The term that fired.
    pub term: TermId,
    /// Valence after every rule (VADER scale, unbounded).
    pub valence: f32,
    /// Multiplier on the term's emotion intensities (0 when negated).
    pub emotion_weight: f32,
    pub negated: bool,
    /// Sum of the booster/dampener scalars that applied.
    pub booster: f32,
    pub caps: bool,
    pub elongated: bool,
    /// Contrast weight (1 when no contrast word applies).
    pub contrast: f32,
}

/// Runs every rule over one sentence's slots; calls `on_effect(slot_index, effect)` for each
/// slot whose term carries valence or emotions, in order.
pub(crate) fn apply(
    rules: &RuleSet,
    table: &Table,
    slots: &mut [Slot],
    mixed_caps: bool,
    mut on_effect: impl FnMut(usize, &Effect),
) {
    phrase::merge(table, slots);
    let weights = contrast::find(table, slots);
    let mut irrealis = false;
    for i in 0..slots.len() {
        let s = slots[i];
        if s.has(BREAK_BEFORE) {
            irrealis = false;
        }
        if s.term == NONE || s.has(CONSUMED) {
            continue;
        }
        if !s
            .meta
            .any(HAS_VALENCE | HAS_EMOTIONS | NEGATOR | MODIFIER | IRREALIS | PIVOT | CONCESSION)
        {
            continue;
        }
        if s.meta.any(IRREALIS) {
            irrealis = true;
            continue;
        }
        // The term's own flags, valence and whether it needs a cue travel in the slot: the
        // rules touch the (cold) term itself only for a cued word.
        let is = |f: TermFlags| s.meta.any(f);
        if !crate::lookup::is_sentiment(s.meta) {
            // A negator or booster that also has a valence of its own ("no", "pretty",
            // "damn") counts as a sentiment word when it governs none.
            let alone = is(HAS_VALENCE)
                && ((is(NEGATOR)
                    && !negation::governs_any(table, slots, i, rules.negation_window))
                    || (is(MODIFIER)
                        && !negation::governs_any(table, slots, i, rules.booster_window)));
            if !alone {
                if rules.negated_neutral != 0.0
                    && is(NEGATOR)
                    && !negation::governs_any(table, slots, i, rules.negation_window)
                    && negation::governs_words(slots, i)
                {
                    let w = weights.weight(i) * if irrealis { rules.irrealis_weight } else { 1.0 };
                    on_effect(
                        i,
                        &Effect {
                            term: s.term,
                            valence: rules.negated_neutral * w * rules.negative_weight,
                            emotion_weight: 0.0,
                            negated: false,
                            booster: 0.0,
                            caps: false,
                            elongated: false,
                            contrast: w,
                        },
                    );
                }
                continue;
            }
        }
        if s.cued && !negation::has_cue(table, slots, i, table.term(s.term)) {
            continue;
        }
        let caps = mixed_caps && s.has(CAPS);
        let elongated = s.has(ELONGATED);
        let booster = intensity::boosters(rules, table, slots, i, mixed_caps);
        // Negation applies to words, not to emoji and emoticons.
        let negation = match s.via {
            Via::Emoji | Via::Emoticon => Negation::None,
            _ => negation::check(rules, table, slots, i),
        };
        let negated = negation == Negation::Negated;
        let mut w = weights.weight(i);
        if irrealis {
            w *= rules.irrealis_weight;
        }
        if s.has(HASHTAG) {
            w *= rules.hashtag_weight;
        }
        let mut v = s.valence;
        if v != 0.0 {
            let sign = v.signum();
            if caps {
                v += sign * rules.caps_increment;
            }
            if elongated {
                v += sign * rules.elongation_increment;
            }
            v += sign * booster;
            if v.signum() != sign {
                // A dampener never turns a word's polarity around.
                v = 0.0;
            }
            match negation {
                Negation::Negated => v *= rules.negation_scalar,
                Negation::Exception(m) => v *= m,
                Negation::None => {}
            }
            v *= w;
            if v < 0.0 {
                v *= rules.negative_weight;
            }
        }
        let emotion_weight = if negated {
            0.0
        } else {
            w * (1.0 + booster).clamp(EMOTION_BOOST_MIN, EMOTION_BOOST_MAX)
                * if caps { EMOTION_CAPS_WEIGHT } else { 1.0 }
        };
        on_effect(
            i,
            &Effect {
                term: s.term,
                valence: v,
                emotion_weight,
                negated,
                booster,
                caps,
                elongated,
                contrast: w,
            },
        );
    }
}
