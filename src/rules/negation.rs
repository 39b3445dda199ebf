//! Negation: `not`, `never`, `without`, any `…n't` before a sentiment word.

use super::{BREAK_BEFORE, CONSUMED, RuleSet, Slot};
use crate::lookup::{CONCESSION, HAS_VALENCE, NEGATOR, NONE, PIVOT, Table};

/// Indices of up to `window` unconsumed slots before `i`, nearest first, stopping at a clause
/// break when `stop_at_break` (a sentence start always stops it).
pub(crate) fn preceding(
    slots: &[Slot],
    i: usize,
    window: usize,
    stop_at_break: bool,
) -> impl Iterator<Item = usize> + '_ {
    let mut k = i;
    let mut taken = 0;
    std::iter::from_fn(move || {
        while k > 0 && taken < window {
            if stop_at_break && slots[k].has(BREAK_BEFORE) {
                return None;
            }
            k -= 1;
            if !slots[k].has(CONSUMED) {
                taken += 1;
                return Some(k);
            }
        }
        None
    })
}

/// What a negator does to a sentiment word.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Negation {
    /// No negator governs the word.
    None,
    /// Flip and damp the valence; drop the emotions.
    Negated,
    /// A negation exception applies (`never … so`): multiply the valence, keep emotions.
    Exception(f32),
}

/// The negator governing slot `i`, if any. The search does not cross a contrast word (`not X
/// but Y` leaves `Y` alone).
pub(crate) fn check(rules: &RuleSet, table: &Table, slots: &[Slot], i: usize) -> Negation {
    for k in preceding(
        slots,
        i,
        rules.negation_window,
        rules.negation_stops_at_break,
    ) {
        let s = &slots[k];
        if s.term == NONE || !s.meta.any(PIVOT | CONCESSION | NEGATOR) {
            continue;
        }
        let t = table.term(s.term);
        if t.is(PIVOT | CONCESSION) {
            return Negation::None;
        }
        if t.is(NEGATOR) {
            let (from, to) = t.exceptions;
            for &(companion, m) in &table.exceptions[from as usize..to as usize] {
                if slots[k + 1..=i]
                    .iter()
                    .any(|x| x.surface == companion && !x.has(CONSUMED))
                {
                    return Negation::Exception(m);
                }
            }
            return Negation::Negated;
        }
    }
    Negation::None
}

/// Whether slot `k` (a negator or modifier) has a word with a valence to act on within
/// `window` slots after it, in the same clause. (Emotion-only words do not count: a negator
/// before one still speaks for itself.)
pub(crate) fn governs_any(table: &Table, slots: &[Slot], k: usize, window: usize) -> bool {
    let mut taken = 0;
    for s in &slots[k + 1..] {
        if s.has(BREAK_BEFORE) || taken >= window {
            return false;
        }
        if s.has(CONSUMED) {
            continue;
        }
        taken += 1;
        if s.term != NONE && crate::lookup::is_sentiment(s.meta) && s.meta.any(HAS_VALENCE) {
            let t = table.term(s.term);
            if t.valence != 0.0 {
                return true;
            }
        }
    }
    false
}

/// Whether the slot after `k` is a word in the same clause.
pub(crate) fn governs_words(slots: &[Slot], k: usize) -> bool {
    slots[k + 1..]
        .iter()
        .find(|s| !s.has(CONSUMED))
        .is_some_and(|s| !s.has(BREAK_BEFORE))
}

/// Words before a cued term searched for one of its cues ("I *really like* it", "*feel
/// content*"; the verb "like", not the preposition).
const CUE_WINDOW: usize = 2;

/// Whether one of `term`'s cue words stands among the [`CUE_WINDOW`] words before slot `i`,
/// in the same clause (or `i` starts the clause: "Like it a lot").
pub(crate) fn has_cue(table: &Table, slots: &[Slot], i: usize, term: &crate::lookup::Term) -> bool {
    let cues = &table.cues[term.cues.0 as usize..term.cues.1 as usize];
    let mut before = preceding(slots, i, CUE_WINDOW, true).peekable();
    if before.peek().is_none() {
        // At the start of a clause: only for terms whose cue list holds `^`.
        return table
            .surface("^")
            .is_some_and(|caret| cues.contains(&caret));
    }
    before.any(|k| cues.contains(&slots[k].surface))
}
