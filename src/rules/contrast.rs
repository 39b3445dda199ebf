//! Contrast: `but`, `however`, `although` … shift weight to the clause that carries the
//! writer's conclusion.

use super::{BREAK_BEFORE, Masks, Slot};
use crate::lookup::{CONCESSION, NONE, PIVOT, Table};

/// The contrast weighting of one sentence.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Weights {
    None,
    /// Slots before `at` weigh `before`, slots after it `after`.
    Pivot {
        at: usize,
        before: f32,
        after: f32,
    },
    /// Slots in `clause` (the concession's own clause) weigh `inside`, the others `rest`.
    Concession {
        clause: (usize, usize),
        inside: f32,
        rest: f32,
    },
}

impl Weights {
    #[inline]
    pub fn weight(&self, i: usize) -> f32 {
        match *self {
            Weights::None => 1.0,
            Weights::Pivot { at, before, after } => {
                if i < at {
                    before
                } else if i > at {
                    after
                } else {
                    1.0
                }
            }
            Weights::Concession {
                clause,
                inside,
                rest,
            } => {
                if i >= clause.0 && i < clause.1 {
                    inside
                } else {
                    rest
                }
            }
        }
    }
}

/// Finds the first contrast word of the sentence and the weights it implies.
pub(crate) fn find(table: &Table, slots: &[Slot], masks: &Masks) -> Weights {
    let mut from = 0;
    while let Some(i) = masks.next(|b| b.contrast, from) {
        from = i + 1;
        let s = &slots[i];
        if s.term == NONE {
            continue;
        }
        let t = table.term(s.term);
        if t.is(PIVOT) {
            return Weights::Pivot {
                at: i,
                before: t.contrast[0],
                after: t.contrast[1],
            };
        }
        if t.is(CONCESSION) {
            let end = (i + 1..slots.len())
                .find(|&k| slots[k].has(BREAK_BEFORE))
                .unwrap_or(slots.len());
            return Weights::Concession {
                clause: (i, end),
                inside: t.contrast[0],
                rest: t.contrast[1],
            };
        }
    }
    Weights::None
}
