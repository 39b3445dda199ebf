//! The scoring command's JSON object written directly, byte for byte what the library's
//! `Serialize` for [`Analysis`] gives through serde_json (the tests below compare the two),
//! without a serializer's per-field dispatch, key escaping and float formatting: on short
//! comments that generic path cost about a sixth of the whole run.
//!
//! Only analyses from an analyzer that keeps neither hits nor sentences are written here
//! (serde_json would add `"hits":[…]`, `"sentences":[…]` even when empty, and the public
//! accessors cannot tell an empty list from none); `--explain` goes through serde_json.

use emotive::{Analysis, Emotion, Label};

/// Appends `a` as one JSON object (no newline), exactly as `serde_json::to_writer` would, for
/// an analyzer built with `hits(false)` and `sentences(false)`.
pub fn analysis(a: &Analysis, out: &mut Vec<u8>) {
    debug_assert!(a.hits().is_empty() && a.sentences().is_empty());
    // Every key and separator is a constant: one piece between two values.
    out.reserve(360);
    out.extend_from_slice(b"{\"compound\":");
    number(a.compound(), out);
    label(a.label()).write(out);
    number(a.positive(), out);
    out.extend_from_slice(b",\"negative\":");
    number(a.negative(), out);
    out.extend_from_slice(b",\"neutral\":");
    number(a.neutral(), out);
    if a.emotions()
        .iter()
        .all(|(_, v)| v == 0.0 && v.is_sign_positive())
    {
        // No emotion at all (a good share of short texts): one constant piece.
        out.extend_from_slice(NO_EMOTIONS);
    } else {
        for ((_, v), key) in a.emotions().iter().zip(EMOTION_KEYS) {
            out.extend_from_slice(key);
            number(f64::from(v), out);
        }
    }
    out.extend_from_slice(b"},\"detected\":[");
    for (i, e) in a.detected().iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        quoted(e, out);
    }
    out.extend_from_slice(b"],\"dominant\":");
    match a.dominant() {
        Some(e) => quoted(e, out),
        None => out.extend_from_slice(b"null"),
    }
    out.push(b'}');
}

/// What comes before each emotion's intensity, in the order of [`Emotion::ALL`] (a test
/// checks the names against [`Emotion::name`]).
const EMOTION_KEYS: [&[u8]; 8] = [
    b",\"emotions\":{\"anger\":",
    b",\"anticipation\":",
    b",\"disgust\":",
    b",\"fear\":",
    b",\"joy\":",
    b",\"sadness\":",
    b",\"surprise\":",
    b",\"trust\":",
];

/// The emotions object's members when every intensity is `0.0` (a test checks it against
/// [`EMOTION_KEYS`]).
const NO_EMOTIONS: &[u8] = b",\"emotions\":{\"anger\":0.0,\"anticipation\":0.0,\"disgust\":0.0,\"fear\":0.0,\"joy\":0.0,\"sadness\":0.0,\"surprise\":0.0,\"trust\":0.0";

/// An emotion's name in quotes.
#[inline]
fn quoted(e: Emotion, out: &mut Vec<u8>) {
    QUOTED[e.index()].write(out);
}

/// A short piece of text of varying length, kept in `N` bytes and written with
/// [`append_cut`].
struct Piece<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> Piece<N> {
    /// The parts one after the other (at most `N` bytes in all).
    const fn of(parts: &[&str]) -> Piece<N> {
        let mut bytes = [0u8; N];
        let mut len = 0;
        let mut p = 0;
        while p < parts.len() {
            let part = parts[p].as_bytes();
            let mut i = 0;
            while i < part.len() {
                bytes[len] = part[i];
                len += 1;
                i += 1;
            }
            p += 1;
        }
        Piece { bytes, len }
    }

    #[inline]
    fn write(&self, out: &mut Vec<u8>) {
        append_cut(out, &self.bytes, self.len);
    }

    #[cfg(test)]
    fn text(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

/// The label member with the keys around it (a test checks them).
const fn label_piece(l: Label) -> Piece<32> {
    Piece::of(&[",\"label\":\"", l.name(), "\",\"positive\":"])
}

const POSITIVE: Piece<32> = label_piece(Label::Positive);
const NEUTRAL: Piece<32> = label_piece(Label::Neutral);
const NEGATIVE: Piece<32> = label_piece(Label::Negative);

#[inline]
fn label(l: Label) -> &'static Piece<32> {
    match l {
        Label::Positive => &POSITIVE,
        Label::Negative => &NEGATIVE,
        _ => &NEUTRAL,
    }
}

/// Each emotion's name in quotes, by [`Emotion::index`].
const QUOTED: [Piece<16>; 8] = {
    let mut t = [const {
        Piece {
            bytes: [0; 16],
            len: 0,
        }
    }; 8];
    let mut i = 0;
    while i < 8 {
        t[i] = Piece::of(&["\"", Emotion::ALL[i].name(), "\""]);
        i += 1;
    }
    t
};

/// `"00"` to `"99"`.
const PAIRS: [[u8; 2]; 100] = {
    let mut t = [[0u8; 2]; 100];
    let mut i = 0;
    while i < 100 {
        t[i] = [b'0' + (i / 10) as u8, b'0' + (i % 10) as u8];
        i += 1;
    }
    t
};

/// Beyond this many ten-thousandths a number goes through serde_json (scores never get
/// there: they lie in `[-1, 1]`). Below it, a double holds every multiple of 1e-4 so finely
/// that the shortest text naming it is its four decimals with trailing zeros dropped.
const DIRECT_LIMIT: f64 = 1e9;

/// `x` rounded to 4 decimals as serde_json writes an `f64`: the shortest text that reads
/// back as the same double, with at least one decimal (`0.5`, `1.0`, `-0.0`, `0.1234`).
fn number(x: f64, out: &mut Vec<u8>) {
    if x == 0.0 && x.is_sign_positive() {
        // Most emotion intensities.
        out.extend_from_slice(b"0.0");
        return;
    }
    let y = x * 1e4;
    if y.is_nan() || y.abs() >= DIRECT_LIMIT {
        // NaN (null), infinities and huge values: the general formatter.
        let _ = serde_json::to_writer(&mut *out, &(y.round() / 1e4));
        return;
    }
    // `y.round()` (half away from zero) without a libm call: truncate, then step out when
    // the part cut off is at least a half. Exact: |y| < 2^52, so `y - t` is exact.
    let t = y as i64;
    let cut = y - t as f64;
    let n = if cut >= 0.5 {
        t + 1
    } else if cut <= -0.5 {
        t - 1
    } else {
        t
    };
    // The text is built in a fixed buffer and appended with `append_cut`.
    let mut text = [0u8; 16];
    let mut len = 0;
    // A negative number, or one rounding to zero from below, keeps its sign (`-0.0`).
    if n < 0 || (n == 0 && y.is_sign_negative()) {
        text[0] = b'-';
        len = 1;
    }
    let n = n.unsigned_abs();
    // `|y| < DIRECT_LIMIT`, so `n <= DIRECT_LIMIT` and the integer part has at most 6 digits.
    let (int, frac) = ((n / 10_000) as u32, (n % 10_000) as u32);
    if int < 10 {
        // Every score (they lie in [-1, 1]): one integer digit, then the four decimals as
        // two pairs from a table, read as one little-endian word whose high zero bytes,
        // after taking away '0' from each, are the trailing zeros.
        text[len] = b'0' + int as u8;
        text[len + 1] = b'.';
        let (hi, lo) = (PAIRS[(frac / 100) as usize], PAIRS[(frac % 100) as usize]);
        let decimals = [hi[0], hi[1], lo[0], lo[1]];
        text[len + 2..len + 6].copy_from_slice(&decimals);
        let digits = u32::from_le_bytes(decimals) - u32::from_le_bytes(*b"0000");
        // One decimal stays (`1.0`).
        let zeros = (digits.leading_zeros() / 8).min(3) as usize;
        append_cut(out, &text, len + 6 - zeros);
        return;
    }
    let digits = match int {
        0..=9 => 1,
        10..=99 => 2,
        100..=999 => 3,
        1000..=9999 => 4,
        10_000..=99_999 => 5,
        _ => 6,
    };
    let mut v = int;
    for at in (len..len + digits).rev() {
        text[at] = b'0' + (v % 10) as u8;
        v /= 10;
    }
    len += digits;
    text[len] = b'.';
    text[len + 1] = b'0' + (frac / 1000) as u8;
    text[len + 2] = b'0' + (frac / 100 % 10) as u8;
    text[len + 3] = b'0' + (frac / 10 % 10) as u8;
    text[len + 4] = b'0' + (frac % 10) as u8;
    // Trailing zeros go, but one decimal stays (`1.0`).
    let zeros = if frac == 0 {
        3
    } else {
        text[len + 1..len + 5]
            .iter()
            .rev()
            .take_while(|&&d| d == b'0')
            .count()
    };
    len += 5 - zeros;
    append_cut(out, &text, len);
}

/// Appends the first `len` bytes of `bytes`: the whole array is copied, a size known when
/// compiling (a few stores, where a copy of run-time size calls `memcpy`), then cut.
#[inline]
fn append_cut<const N: usize>(out: &mut Vec<u8>, bytes: &[u8; N], len: usize) {
    let at = out.len();
    out.extend_from_slice(bytes);
    out.truncate(at + len);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serde(x: f64) -> String {
        serde_json::to_string(&((x * 1e4).round() / 1e4)).unwrap()
    }

    fn direct(x: f64) -> String {
        let mut out = Vec::new();
        number(x, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn every_score_value_is_written_as_serde_json_writes_it() {
        // Every multiple of 1e-4 in [-100, 100] (scores live in [-1, 1]), the values just
        // beside each, and the rounding ties.
        for n in -1_000_000i64..=1_000_000 {
            let x = n as f64 / 1e4;
            for y in [x, x + 4e-5, x - 4e-5, x + 5e-5, f64::from(x as f32)] {
                assert_eq!(direct(y), serde(y), "{y:e}");
            }
        }
    }

    #[test]
    fn edges_are_written_as_serde_json_writes_them() {
        let mut xs = vec![
            0.0,
            -0.0,
            -1e-9,
            1e-9,
            -4.9e-5,
            5e-5,
            -5e-5,
            0.000_049_999_999_999_999_99,
            0.499_999_999_999_999_94e-4,
            -0.499_999_999_999_999_94e-4,
            1.5e-4,
            2.5e-4,
            -2.5e-4,
            0.99995,
            -0.99995,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            f64::MIN_POSITIVE,
            99_999.999_95,
            100_000.0,
            123_456_789.123,
            -1e12,
        ];
        // A spread over every magnitude.
        let mut v = 1e-6;
        while v < 1e16 {
            xs.extend([v, -v, v * 1.234_567_89, -v * 7.654_321]);
            v *= 3.7;
        }
        for x in xs {
            assert_eq!(direct(x), serde(x), "{x:e}");
        }
    }

    #[test]
    fn emotion_keys_follow_emotion_names() {
        for (i, (e, key)) in Emotion::ALL.iter().zip(EMOTION_KEYS).enumerate() {
            let key = std::str::from_utf8(key).unwrap();
            let want = format!(
                ",{}\"{}\":",
                if i == 0 { "\"emotions\":{" } else { "" },
                e.name()
            );
            assert_eq!(key, want);
        }
    }

    #[test]
    fn pieces_are_the_label_and_names_they_stand_for() {
        for l in [Label::Positive, Label::Neutral, Label::Negative] {
            let want = format!(",\"label\":\"{}\",\"positive\":", l.name());
            assert_eq!(label(l).text(), want.as_bytes());
        }
        for e in Emotion::ALL {
            assert_eq!(
                QUOTED[e.index()].text(),
                format!("\"{}\"", e.name()).as_bytes()
            );
        }
    }

    #[test]
    fn no_emotions_is_every_key_with_zero() {
        let mut want = Vec::new();
        for key in EMOTION_KEYS {
            want.extend_from_slice(key);
            number(0.0, &mut want);
        }
        assert_eq!(NO_EMOTIONS, &want[..]);
    }

    #[test]
    fn analyses_are_written_as_serde_json_writes_them() {
        let lean = emotive::Analyzer::builder()
            .hits(false)
            .sentences(false)
            .build()
            .unwrap();
        for text in [
            "",
            "I love it!",
            "She feels furious.",
            "Not bad, but the battery died and I'm scared it will catch fire :(",
            "WOW 😡😡 terrible… yet the staff were kind and I trust them",
            "meh",
        ] {
            let a = lean.analyze(text);
            let mut out = Vec::new();
            analysis(&a, &mut out);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&a).unwrap(),
                "{text:?}"
            );
        }
    }
}
