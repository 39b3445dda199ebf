//! Unicode normalisation before tokenizing: a text in NFD (or any non-NFC form) is analysed
//! as its NFC form, so that "café" typed on a Mac and on Windows gives one analysis. Spans in
//! the result are mapped back to the caller's text.
//!
//! Most texts are ASCII or already NFC and cost one quick check.

use std::ops::Range;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// A text's NFC form with the map from its byte offsets back to the original's.
pub(crate) struct Normalized {
    pub text: String,
    /// Pieces in order: (start in the original, start in `text`, piece unchanged). A piece
    /// starts at a character that cannot combine with what precedes it, so pieces normalise
    /// independently and every piece boundary is a boundary in both texts.
    pieces: Vec<(usize, usize, bool)>,
    original_len: usize,
}

/// Whether a piece may start at `c`: nothing before it can compose with it, and it is NFC.
fn starts_piece(c: char) -> bool {
    c.is_ascii()
        || (canonical_combining_class(c) == 0
            && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes)
}

impl Normalized {
    /// The NFC form of `text`, or `None` when `text` is already NFC.
    pub fn of(text: &str) -> Option<Normalized> {
        if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
            return None;
        }
        let mut out = String::with_capacity(text.len() + 8);
        let mut pieces = Vec::new();
        let mut start = 0;
        let mut push = |a: usize, b: usize, out: &mut String| {
            let at = out.len();
            out.extend(text[a..b].nfc());
            let same = out[at..] == text[a..b];
            pieces.push((a, at, same));
        };
        for (i, c) in text.char_indices() {
            if i > start && starts_piece(c) {
                push(start, i, &mut out);
                start = i;
            }
        }
        push(start, text.len(), &mut out);
        if out == text {
            return None;
        }
        Some(Normalized {
            text: out,
            pieces,
            original_len: text.len(),
        })
    }

    /// The original offset for `x`, an offset in the NFC text. Inside a piece that changed
    /// there is no exact answer: `end` chooses the piece's end, else its start.
    fn map(&self, x: usize, end: bool) -> usize {
        let k = self.pieces.partition_point(|p| p.1 <= x).saturating_sub(1);
        let Some(&(orig, norm, same)) = self.pieces.get(k) else {
            return 0;
        };
        let orig_end = self.pieces.get(k + 1).map_or(self.original_len, |p| p.0);
        if x == norm {
            orig
        } else if same {
            (orig + (x - norm)).min(orig_end)
        } else if end {
            orig_end
        } else {
            orig
        }
    }

    /// Maps a span of the NFC text to the original text.
    pub fn span(&self, r: &Range<usize>) -> Range<usize> {
        self.map(r.start, false)..self.map(r.end, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_text_is_left_alone() {
        assert!(Normalized::of("plain ascii").is_none());
        assert!(Normalized::of("caf\u{e9} \u{1F60D}").is_none());
    }

    #[test]
    fn nfd_is_composed_and_spans_map_back() {
        let nfd = "the cafe\u{301} was great";
        let n = Normalized::of(nfd).unwrap();
        assert_eq!(n.text, "the caf\u{e9} was great");
        let great = n.text.find("great").unwrap();
        assert_eq!(
            n.span(&(great..great + 5)),
            nfd.find("great").unwrap()..nfd.len()
        );
        let cafe = n.text.find("caf").unwrap();
        assert_eq!(n.span(&(cafe..cafe + 5)), 4..10);
        assert_eq!(&nfd[n.span(&(cafe..cafe + 5))], "cafe\u{301}");
    }
}
