//! Negation: `not`, `never`, `without`, any `…n't` before a sentiment word.

use super::{BREAK_BEFORE, CONSUMED, RuleSet, Slot};
use crate::lookup::{CONCESSION, NEGATOR, NONE, PIVOT, Table};

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

/// Whether a negator governs slot `i`. The search does not cross a contrast word (`not X but
/// Y` leaves `Y` alone).
pub(crate) fn is_negated(rules: &RuleSet, table: &Table, slots: &[Slot], i: usize) -> bool {
    for k in preceding(
        slots,
        i,
        rules.negation_window,
        rules.negation_stops_at_break,
    ) {
        let s = &slots[k];
        if s.term == NONE {
            continue;
        }
        let t = table.term(s.term);
        if t.is(PIVOT | CONCESSION) {
            return false;
        }
        if t.is(NEGATOR) {
            return true;
        }
    }
    false
}
