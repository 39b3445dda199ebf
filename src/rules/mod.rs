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
    CONCESSION, HAS_EMOTIONS, HAS_VALENCE, IRREALIS, MODIFIER, NEGATOR, NONE, PHRASE_HEAD, PIVOT,
    Table, TermId,
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
        self.set_term_flagged(table, id, table.flags_of(id));
    }

    /// [`Slot::set_term`] for a term whose flags (`meta`) the caller has in hand.
    #[inline]
    pub fn set_term_flagged(&mut self, table: &Table, id: TermId, meta: TermFlags) {
        debug_assert_eq!(meta, table.flags_of(id));
        self.term = id;
        self.meta = meta;
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

    /// Whether the slot is not part of an earlier expression and its term has one of the
    /// flags `f` (without a branch, for [`Masks`]).
    #[inline]
    pub fn live_with(&self, f: TermFlags) -> bool {
        !self.has(CONSUMED) & self.meta.any(f)
    }
}

/// The flags that give a slot something for the rules' main loop to do.
const RULED: TermFlags = HAS_VALENCE
    .union(HAS_EMOTIONS)
    .union(NEGATOR)
    .union(MODIFIER)
    .union(IRREALIS)
    .union(PIVOT)
    .union(CONCESSION);

/// Which slots of 64 each rule visits (bit `k`: slot `64 × block + k`).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Block {
    /// Live slots whose term starts an expression.
    pub phrase: u64,
    /// Live slots whose term is a contrast word.
    pub contrast: u64,
    /// Slots after a clause break, and live slots whose term has one of [`RULED`].
    pub ruled: u64,
}

impl Block {
    /// Clears slot `k` from every mask.
    #[inline]
    fn clear(&mut self, k: usize) {
        let keep = !(1u64 << k);
        self.phrase &= keep;
        self.contrast &= keep;
        self.ruled &= keep;
    }

    /// Sets slot `k`'s contrast and main-loop bits for what it holds now.
    #[inline]
    fn update(&mut self, k: usize, s: &Slot) {
        let (contrast, ruled) = (pick_contrast(s), pick_ruled(s));
        self.contrast = (self.contrast & !(1 << k)) | (u64::from(contrast) << k);
        self.ruled = (self.ruled & !(1 << k)) | (u64::from(ruled) << k);
    }
}

#[inline]
fn pick_phrase(s: &Slot) -> bool {
    s.live_with(PHRASE_HEAD)
}

#[inline]
fn pick_contrast(s: &Slot) -> bool {
    s.live_with(PIVOT | CONCESSION)
}

#[inline]
fn pick_ruled(s: &Slot) -> bool {
    s.has(BREAK_BEFORE) | s.live_with(RULED)
}

/// The slots each rule visits, for one sentence, found in one pass over its slots without a
/// branch per slot: most slots are skipped by every rule, and a branch per slot on the word's
/// flags is one the processor mostly mispredicts. Kept per thread and reused.
#[derive(Debug, Default)]
pub(crate) struct Masks {
    blocks: Vec<Block>,
}

impl Masks {
    /// Computes the masks of `slots`.
    pub fn of(&mut self, slots: &[Slot]) {
        self.blocks.clear();
        for chunk in slots.chunks(64) {
            let (mut phrase, mut contrast, mut ruled) = (0u64, 0u64, 0u64);
            // From the last slot down, shifting in one bit per slot: no variable shifts.
            for s in chunk.iter().rev() {
                phrase = (phrase << 1) | u64::from(pick_phrase(s));
                contrast = (contrast << 1) | u64::from(pick_contrast(s));
                ruled = (ruled << 1) | u64::from(pick_ruled(s));
            }
            self.blocks.push(Block {
                phrase,
                contrast,
                ruled,
            });
        }
    }

    /// Slot `i` was consumed by an expression: no rule visits it.
    #[inline]
    pub fn consumed(&mut self, i: usize) {
        self.blocks[i / 64].clear(i % 64);
    }

    /// Slot `i` now holds `s` (an expression's term).
    #[inline]
    pub fn replaced(&mut self, i: usize, s: &Slot) {
        self.blocks[i / 64].update(i % 64, s);
    }

    /// The first slot from `from` on in the mask `field` picks, if any.
    #[inline]
    pub fn next(&self, field: impl Fn(&Block) -> u64, from: usize) -> Option<usize> {
        let mut w = from / 64;
        let mut m = field(self.blocks.get(w)?) & (u64::MAX << (from % 64));
        loop {
            if m != 0 {
                return Some(w * 64 + m.trailing_zeros() as usize);
            }
            w += 1;
            m = field(self.blocks.get(w)?);
        }
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
/// slot whose term carries valence or emotions, in order. Returns the number of slots left
/// after expressions consumed theirs (the sentence's words, counting an expression as one).
pub(crate) fn apply(
    rules: &RuleSet,
    table: &Table,
    slots: &mut [Slot],
    masks: &mut Masks,
    mixed_caps: bool,
    mut on_effect: impl FnMut(usize, &Effect),
) -> usize {
    masks.of(slots);
    let live = slots.len() - phrase::merge(table, slots, masks);
    let weights = contrast::find(table, slots, masks);
    let mut irrealis = false;
    // Most slots have no rule to run; a clause break ends an irrealis clause.
    let mut from = 0;
    while let Some(i) = masks.next(|b| b.ruled, from) {
        from = i + 1;
        let s = slots[i];
        if s.has(BREAK_BEFORE) {
            irrealis = false;
        }
        if s.term == NONE || !s.live_with(RULED) {
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
    live
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Slots `0..n`: those with `i % k == 0` are contrast words, those with `i % j == 0`
    /// follow a clause break.
    fn slots(n: usize, k: usize, j: usize) -> Vec<Slot> {
        (0..n)
            .map(|i| Slot {
                meta: if i % k == 0 { PIVOT } else { TermFlags::EMPTY },
                flags: if i % j == 0 {
                    BREAK_BEFORE
                } else {
                    SlotFlags::EMPTY
                },
                ..Slot::default()
            })
            .collect()
    }

    fn all(m: &Masks, field: fn(&Block) -> u64) -> Vec<usize> {
        let (mut got, mut from) = (Vec::new(), 0);
        while let Some(i) = m.next(field, from) {
            got.push(i);
            from = i + 1;
        }
        got
    }

    #[test]
    fn masks_pick_every_slot_a_rule_visits_in_order() {
        for n in [0, 1, 63, 64, 65, 130, 1000] {
            for (k, j) in [(1, 1), (3, 5), (64, 7), (200, 300)] {
                let s = slots(n, k, j);
                let mut m = Masks::default();
                m.of(&s);
                let want =
                    |p: fn(&Slot) -> bool| -> Vec<usize> { (0..n).filter(|&i| p(&s[i])).collect() };
                assert_eq!(all(&m, |b| b.contrast), want(pick_contrast), "n {n} k {k}");
                assert_eq!(all(&m, |b| b.ruled), want(pick_ruled), "n {n} k {k} j {j}");
                assert_eq!(all(&m, |b| b.phrase), Vec::<usize>::new());
                assert_eq!(
                    all(&m, |b| b.contrast).len(),
                    (0..n).filter(|i| i % k == 0).count()
                );
            }
        }
    }

    #[test]
    fn consumed_and_replaced_slots_update_the_masks() {
        let mut s = slots(200, 1, 1000);
        let mut m = Masks::default();
        m.of(&s);
        for i in [3, 63, 64, 150] {
            m.consumed(i);
        }
        s[10].meta = TermFlags::EMPTY;
        m.replaced(10, &s[10]);
        s[70].flags |= BREAK_BEFORE;
        s[70].meta = TermFlags::EMPTY;
        m.replaced(70, &s[70]);
        let gone = [3, 10, 63, 64, 70, 150];
        let want: Vec<usize> = (0..200).filter(|i| !gone.contains(i)).collect();
        assert_eq!(all(&m, |b| b.contrast), want);
        // Slot 0 has its clause break; 70 now one and no contrast.
        let mut ruled = want.clone();
        ruled.push(70);
        ruled.sort_unstable();
        assert_eq!(all(&m, |b| b.ruled), ruled);
        assert_eq!(m.next(|b| b.contrast, 150), Some(151));
        assert_eq!(m.next(|b| b.contrast, 200), None);
    }
}
