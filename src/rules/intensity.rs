//! Boosters and dampeners (`very`, `kind of`) before a sentiment word.

use super::{CAPS, RuleSet, Slot, negation::preceding};
use crate::lookup::{MODIFIER, NONE, Table};

/// Distance scaling of a booster one, two or three words away (VADER: 1, 0.95, 0.9).
const DISTANCE: [f32; 3] = [1.0, 0.95, 0.9];

/// Distance scaling of a booster further away (a `booster_window` above 3); emotive's own,
/// continuing VADER's steps of 0.05.
const DISTANCE_BEYOND: f32 = 0.85;

/// The summed booster/dampener scalar applying to slot `i`.
pub(crate) fn boosters(
    rules: &RuleSet,
    table: &Table,
    slots: &[Slot],
    i: usize,
    mixed_caps: bool,
) -> f32 {
    let mut total = 0.0;
    for (d, k) in preceding(slots, i, rules.booster_window, true).enumerate() {
        let s = &slots[k];
        if s.term == NONE || !s.meta.any(MODIFIER) {
            continue;
        }
        let t = table.term(s.term);
        let mut m = t.modifier;
        if m != 0.0 && mixed_caps && s.has(CAPS) {
            m += m.signum() * rules.caps_increment;
        }
        total += m * DISTANCE.get(d).copied().unwrap_or(DISTANCE_BEYOND);
    }
    total
}
