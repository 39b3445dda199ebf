//! Multi-word expressions: matched longest-first, before any single word is scored.

use super::{BREAK_BEFORE, CONSUMED, Masks, Slot, Via};
use crate::lookup::{NONE, Table};

/// Replaces the first slot of every matching expression with the expression's term and marks
/// its other slots consumed. An expression does not span a clause break. Returns the number of
/// slots consumed.
pub(crate) fn merge(table: &Table, slots: &mut [Slot], masks: &mut Masks) -> usize {
    let mut consumed = 0;
    let mut from = 0;
    while let Some(i) = masks.next(|b| b.phrase, from) {
        from = i + 1;
        let head = slots[i].surface;
        if head == NONE {
            continue;
        }
        // An expression needs a known second word in the same clause, one that some
        // expression starting with this word has.
        let second = match slots.get(i + 1) {
            Some(s)
                if !s.has(BREAK_BEFORE)
                    && s.surface != NONE
                    && table.may_start_phrase(head, s.surface) =>
            {
                s.surface
            }
            _ => continue,
        };
        for p in table.phrases_from(head, second) {
            let n = p.rest.len();
            let Some(next) = slots.get(i + 1..=i + n) else {
                continue;
            };
            let matches = next
                .iter()
                .zip(p.rest.iter())
                .all(|(s, &id)| s.surface == id && !s.has(BREAK_BEFORE));
            if matches {
                slots[i].set_term(table, p.term);
                slots[i].via = Via::Phrase;
                slots[i].end = slots[i + n].end;
                masks.replaced(i, &slots[i]);
                for (k, s) in (i + 1..).zip(&mut slots[i + 1..=i + n]) {
                    s.flags |= CONSUMED;
                    masks.consumed(k);
                }
                consumed += n;
                from = i + n + 1;
                break;
            }
        }
    }
    consumed
}
