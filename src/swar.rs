//! Byte classes of 16 ASCII bytes at once, in a `u128`, or 8 in a `u64` ("SIMD within a
//! register"; the same code for both widths, [`w128`] and [`w64`]).
//!
//! Profiling showed the per-byte loops that find a word's end, compute its flags (caps,
//! elongation) and lower-case it among the costliest parts of the analysis. Most words are
//! shorter than 16 bytes, so one 16-byte load classifies a whole word with a few dozen
//! integer operations, without a branch per byte; most are shorter than 8, which the tokenizer
//! classifies on 64-bit lanes first, at half the cost. Every function here is exact (no false
//! positives), which the tokenizer's property tests check against the byte-by-byte code.

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

/// See [`word_stats`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct WordStats {
    pub two_upper: bool,
    pub any_lower: bool,
    pub two_letters: bool,
    pub elongated: bool,
}

/// The lane functions for one integer width: `$t` holds `$bytes` bytes.
macro_rules! lanes {
    ($(#[$doc:meta])* $m:ident, $t:ty, $bytes:expr) => {
        $(#[$doc])*
        #[allow(dead_code)] // not every width needs every function
        pub(crate) mod $m {
            type T = $t;
            const BYTES: usize = $bytes;

            /// `b` in every byte.
            const fn splat(b: u8) -> T {
                T::from_le_bytes([b; BYTES])
            }

            pub(crate) const HIGH: T = splat(0x80);
            const LOW7: T = splat(0x7f);

            /// High bit of each byte set where that byte is zero.
            #[inline]
            pub(crate) fn zero_bytes(x: T) -> T {
                !((((x & LOW7) + LOW7) | x) & HIGH) & HIGH
            }

            /// High bit of each byte set where that byte is in `lo..=hi` (both below 0x80).
            #[inline]
            fn in_range(x: T, lo: u8, hi: u8) -> T {
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
                pub upper: T,
                pub lower: T,
                /// Letters, digits and `_`: what a word is made of.
                pub word: T,
            }

            #[inline]
            pub(crate) fn classify(x: T) -> Classes {
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

            /// The index of the first byte whose high bit is clear in `mask` (the lanes' bytes when there is none).
            #[inline]
            pub(crate) fn first_clear(mask: T) -> usize {
                ((!mask & HIGH).trailing_zeros() / 8) as usize
            }

            /// High bits of the first `n` bytes (all of them for `n` ≥ the lanes' bytes).
            #[inline]
            pub(crate) fn prefix(n: usize) -> T {
                if n >= BYTES {
                    HIGH
                } else {
                    (((1 as T) << (8 * n)) - 1) & HIGH
                }
            }

            /// `x` with its ASCII capitals in lower case.
            #[inline]
            pub(crate) fn lower(x: T, c: &Classes) -> T {
                x | (c.upper >> 2)
            }

            /// What the word flags need to know of the first `n` bytes: whether they hold two or more
            /// capitals, any small letter, two or more letters, and a letter repeated three times in a
            /// row (case-insensitively). (No bit counting: without the `popcnt` instruction, which the
            /// baseline x86-64 target lacks, `count_ones` costs a dozen instructions.)
            #[inline]
            pub(crate) fn word_stats(x: T, c: &Classes, n: usize) -> super::WordStats {
                let m = prefix(n);
                let l = lower(x, c);
                // Where a byte equals the one before it (byte 0 is compared with a zero byte).
                let same = zero_bytes(l ^ (l << 8));
                let letters = (c.upper | c.lower) & m;
                let upper = c.upper & m;
                let two = |bits: T| bits & bits.wrapping_sub(1) != 0;
                super::WordStats {
                    two_upper: two(upper),
                    any_lower: c.lower & m != 0,
                    two_letters: two(letters),
                    elongated: same & (same << 8) & letters != 0,
                }
            }

            /// The packed lookup key (see [`crate::wordmap::pack`]) of the lower-cased first `n` bytes
            /// of `x` (`n` < the lanes' bytes, and ≤ 15).
            #[inline]
            pub(crate) fn packed_lower(x: T, c: &Classes, n: usize) -> u128 {
                let keep = ((1 as T) << (8 * n)) - 1;
                #[allow(clippy::useless_conversion)]
                let bytes = u128::from(lower(x, c) & keep);
                crate::wordmap::with_len(bytes, n)
            }
        }
    };
}

lanes!(
    /// 16 bytes in a `u128`: any word of up to 16 bytes in one load.
    w128,
    u128,
    16
);
lanes!(
    /// 8 bytes in a `u64`: half the work for the many words of up to 7 bytes.
    w64,
    u64,
    8
);

pub(crate) use w128::{classify, first_clear, packed_lower, word_stats};

#[cfg(test)]
mod tests {
    use super::*;
    use w128::HIGH;

    #[test]
    fn both_widths_agree_on_words_of_up_to_7_bytes() {
        // Every byte value at every position, and a pseudo-random spread of ASCII words.
        let mut inputs: Vec<[u8; 16]> = Vec::new();
        for b in 0u8..=255 {
            for at in 0..8 {
                let mut x = *b"abcDEFgh_1.Z zz!";
                x[at] = b;
                inputs.push(x);
            }
        }
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..20_000 {
            let mut x = [0u8; 16];
            for byte in &mut x {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let alphabet = b"aAbBzZ09_ .'-!\x7f\x80oOOOooo";
                *byte = alphabet[(seed % alphabet.len() as u64) as usize];
            }
            inputs.push(x);
        }
        for x in inputs {
            let wide = u128::from_le_bytes(x);
            let narrow = wide as u64;
            let (c16, c8) = (w128::classify(wide), w64::classify(narrow));
            assert_eq!(c16.word as u64, c8.word, "{x:?}");
            let end = w128::first_clear(c16.word);
            assert_eq!(end.min(8), w64::first_clear(c8.word), "{x:?}");
            for n in 0..8 {
                assert_eq!(
                    w128::word_stats(wide, &c16, n),
                    w64::word_stats(narrow, &c8, n),
                    "{x:?} {n}"
                );
                assert_eq!(
                    w128::packed_lower(wide, &c16, n),
                    w64::packed_lower(narrow, &c8, n),
                    "{x:?} {n}"
                );
            }
        }
    }

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
