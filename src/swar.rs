//! Byte classes of 16 ASCII bytes at once, in a `u128` ("SIMD within a register").
//!
//! Profiling showed the per-byte loops that find a word's end, compute its flags (caps,
//! elongation) and lower-case it among the costliest parts of the analysis. Most words are
//! shorter than 16 bytes, so one 16-byte load classifies a whole word with a few dozen
//! integer operations, without a branch per byte. Every function here is exact (no false
//! positives), which the tokenizer's property tests check against the byte-by-byte code.

/// `b` in every byte.
const fn splat(b: u8) -> u128 {
    u128::from_le_bytes([b; 16])
}

const HIGH: u128 = splat(0x80);
const LOW7: u128 = splat(0x7f);

/// The 16 bytes of `b` from `at` (little-endian, so byte `at` is the lowest), zero-padded
/// past the end of `b`.
#[inline]
pub(crate) fn load(b: &[u8], at: usize) -> u128 {
    match b.get(at..at + 16) {
        Some(s) => u128::from_le_bytes(s.try_into().unwrap_or([0; 16])),
        None => {
            let mut buf = [0u8; 16];
            let tail = b.get(at..).unwrap_or_default();
            buf[..tail.len()].copy_from_slice(tail);
            u128::from_le_bytes(buf)
        }
    }
}

/// High bit of each byte set where that byte is zero.
#[inline]
pub(crate) fn zero_bytes(x: u128) -> u128 {
    !((((x & LOW7) + LOW7) | x) & HIGH) & HIGH
}

/// High bit of each byte set where that byte is in `lo..=hi` (both below 0x80).
#[inline]
fn in_range(x: u128, lo: u8, hi: u8) -> u128 {
    let x7 = x & LOW7;
    // Adding 0x80 − n to a 7-bit byte sets its high bit exactly when the byte is ≥ n, and
    // never carries into the next byte.
    let ge_lo = x7 + splat(0x80 - lo);
    let gt_hi = x7 + splat(0x7f - hi);
    ge_lo & !gt_hi & !x & HIGH
}

/// The classes of 16 bytes: each field has the high bit of a byte set where it belongs.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Classes {
    pub upper: u128,
    pub lower: u128,
    /// Letters, digits and `_`: what a word is made of.
    pub word: u128,
}

#[inline]
pub(crate) fn classify(x: u128) -> Classes {
    let upper = in_range(x, b'A', b'Z');
    let lower = in_range(x, b'a', b'z');
    let digit = in_range(x, b'0', b'9');
    let underscore = zero_bytes(x ^ splat(b'_'));
    Classes {
        upper,
        lower,
        word: upper | lower | digit | underscore,
    }
}

/// The index of the first byte whose high bit is clear in `mask` (16 when there is none).
#[inline]
pub(crate) fn first_clear(mask: u128) -> usize {
    ((!mask & HIGH).trailing_zeros() / 8) as usize
}

/// High bits of the first `n` bytes (n ≤ 16).
#[inline]
pub(crate) fn prefix(n: usize) -> u128 {
    if n >= 16 {
        HIGH
    } else {
        ((1u128 << (8 * n)) - 1) & HIGH
    }
}

/// `x` with its ASCII capitals in lower case.
#[inline]
pub(crate) fn lower(x: u128, c: &Classes) -> u128 {
    x | (c.upper >> 2)
}

/// What the word flags need to know of the first `n` bytes: whether they hold two or more
/// capitals, any small letter, two or more letters, and a letter repeated three times in a
/// row (case-insensitively). (No bit counting: without the `popcnt` instruction, which the
/// baseline x86-64 target lacks, `count_ones` costs a dozen instructions.)
#[inline]
pub(crate) fn word_stats(x: u128, c: &Classes, n: usize) -> WordStats {
    let m = prefix(n);
    let l = lower(x, c);
    // Where a byte equals the one before it (byte 0 is compared with a zero byte).
    let same = zero_bytes(l ^ (l << 8));
    let letters = (c.upper | c.lower) & m;
    let upper = c.upper & m;
    let two = |bits: u128| bits & bits.wrapping_sub(1) != 0;
    WordStats {
        two_upper: two(upper),
        any_lower: c.lower & m != 0,
        two_letters: two(letters),
        elongated: same & (same << 8) & letters != 0,
    }
}

/// See [`word_stats`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct WordStats {
    pub two_upper: bool,
    pub any_lower: bool,
    pub two_letters: bool,
    pub elongated: bool,
}

/// The packed lookup key (see [`crate::wordmap::pack`]) of the lower-cased first `n ≤ 15`
/// bytes of `x`.
#[inline]
pub(crate) fn packed_lower(x: u128, c: &Classes, n: usize) -> u128 {
    let keep = (1u128 << (8 * n)) - 1;
    crate::wordmap::with_len(lower(x, c) & keep, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_of_every_ascii_byte() {
        for b in 0u8..=255 {
            let c = classify(load(&[b; 16], 0));
            let all = |m: u128| m == HIGH;
            assert_eq!(all(c.upper), b.is_ascii_uppercase(), "{b:#x}");
            assert_eq!(all(c.lower), b.is_ascii_lowercase(), "{b:#x}");
            let word = b.is_ascii_alphanumeric() || b == b'_';
            assert_eq!(all(c.word), word, "{b:#x}");
            assert_eq!(c.word == 0, !word, "{b:#x}");
        }
    }

    #[test]
    fn stats_keys_and_ends() {
        let text = b"SooOOo good_ish, x";
        let x = load(text, 0);
        let c = classify(x);
        assert_eq!(first_clear(c.word), 6);
        let stats = |two_upper, any_lower, two_letters, elongated| WordStats {
            two_upper,
            any_lower,
            two_letters,
            elongated,
        };
        assert_eq!(word_stats(x, &c, 6), stats(true, true, true, true));
        assert_eq!(word_stats(x, &c, 2), stats(false, true, true, false));
        assert_eq!(word_stats(x, &c, 1), stats(false, false, false, false));
        assert_eq!(packed_lower(x, &c, 6), crate::wordmap::pack(b"sooooo"));
        let y = load(text, 7);
        let cy = classify(y);
        assert_eq!(first_clear(cy.word), 8);
        assert_eq!(word_stats(y, &cy, 8), stats(false, true, true, false));
        // Past the end: zero padding is not a word byte.
        assert_eq!(first_clear(classify(load(text, 17)).word), 1);
        assert_eq!(load(text, 99), 0);
    }
}
