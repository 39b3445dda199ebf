//! Stage 1: tokenize. Text in, borrowed [`Token`]s out.
//!
//! Word boundaries are those of Unicode's UAX #29 (via `unicode-segmentation`), with an ASCII
//! fast path that makes the same decisions without decoding characters (a property test holds
//! the two to agreement). On top of UAX #29, the tokenizer keeps what carries feeling in
//! reviews and social media and drops what does not:
//!
//! * words keep inner apostrophes (`don't`, `can’t`), are flagged when ALL CAPS or elongated
//!   (`soooo`), and a `#hashtag` becomes the word `hashtag` with [`Token::is_hashtag`];
//! * emoji (including ZWJ sequences, flags and skin-tone modifiers) and emoticons (`:)`,
//!   `:-(`, `<3`, `:D`, `^_^`) are single tokens;
//! * runs of `!` and `?` are single tokens (their length is the emphasis);
//! * URLs, e-mail addresses and `@mentions` are dropped;
//! * sentence ends (`.`, `!`, `?`, line breaks, HTML `<br>`) are marked, except after common
//!   abbreviations and initials (`Mr.`, `e.g.`, `J.`), and a word glued to the next one by a
//!   full stop (`great.The`) is split there.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::swar;

/// What a [`Token`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenKind {
    /// A word: contains at least one letter (`love`, `don't`, `mp3`).
    Word,
    /// A number: digits with optional inner `.`/`,` (`7`, `3.5`, `1,000`).
    Number,
    /// An emoji, possibly a ZWJ sequence or carrying a skin-tone modifier.
    Emoji,
    /// A text emoticon such as `:)`, `:-(`, `<3` or `^_^`.
    Emoticon,
    /// A run of `!` (possibly mixed with `?`, as in `?!`).
    Exclamation,
    /// A run of `?`.
    Question,
    /// A single full stop.
    Period,
    /// Two or more full stops, or `…`.
    Ellipsis,
    /// A line break (`\n`, `\r`, U+2028/2029, U+0085) or an HTML `<br>` tag.
    Break,
    /// Any other punctuation or symbol, one character at a time.
    Punct,
}

const CAPS: u8 = 1;
const ELONGATED: u8 = 2;
const HASHTAG: u8 = 4;
const SENTENCE_END: u8 = 8;
const CLAUSE_BREAK: u8 = 16;
/// The token is ASCII (lets the analyzer lower-case it without decoding).
const ASCII: u8 = 32;
/// The word has two letters or more (so it can tell shouting from not).
const MULTI_LETTER: u8 = 64;

/// A token: a slice of the input with its byte span, kind and flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    text: &'a str,
    start: usize,
    kind: TokenKind,
    flags: u8,
    /// The lower-cased word packed for lookup (see `wordmap::pack`) when the ASCII fast path
    /// computed it on the way (ASCII words of up to 15 bytes), else 0.
    key: u128,
}

impl<'a> Token<'a> {
    /// The token's text exactly as it appears in the input (for a hashtag, without the `#`).
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The byte range of [`Token::text`] in the input.
    pub fn span(&self) -> Range<usize> {
        self.start..self.start + self.text.len()
    }

    /// What kind of token this is.
    pub fn kind(&self) -> TokenKind {
        self.kind
    }

    /// Whether this is a word written in capitals (at least two letters, none lower case).
    pub fn is_caps(&self) -> bool {
        self.flags & CAPS != 0
    }

    /// Whether the word repeats a letter three or more times (`soooo`, `goood`).
    pub fn is_elongated(&self) -> bool {
        self.flags & ELONGATED != 0
    }

    /// Whether the word was written as a `#hashtag`.
    pub fn is_hashtag(&self) -> bool {
        self.flags & HASHTAG != 0
    }

    /// Whether a sentence ends with this token.
    pub fn is_sentence_end(&self) -> bool {
        self.flags & SENTENCE_END != 0
    }

    /// Whether the token is ASCII-only.
    pub(crate) fn is_ascii(&self) -> bool {
        self.flags & ASCII != 0
    }

    /// The packed lower-case lookup key, when the tokenizer computed it (0 otherwise).
    #[inline]
    pub(crate) fn packed_key(&self) -> u128 {
        self.key
    }

    /// Whether the word has at least two letters.
    pub(crate) fn is_multi_letter(&self) -> bool {
        self.flags & MULTI_LETTER != 0
    }

    /// Whether this punctuation separates clauses (`,` `;` `:` `(` `)` dashes, ellipses,
    /// sentence ends). Negation does not reach across a clause break.
    pub fn is_clause_break(&self) -> bool {
        self.flags & (CLAUSE_BREAK | SENTENCE_END) != 0
    }

    /// The word in lower case with curly apostrophes made straight, and elongations
    /// shortened to two letters (`SOOOO` → `soo`); borrowed when nothing changes.
    pub fn normalized(&self) -> std::borrow::Cow<'a, str> {
        let mut buf = String::new();
        match normalize_into(self.text, self.is_elongated(), &mut buf) {
            true => std::borrow::Cow::Owned(buf),
            false => std::borrow::Cow::Borrowed(self.text),
        }
    }
}

/// Writes the lookup form of `word` into `out` (cleared first) and returns `true`, or returns
/// `false` when `word` is already in lookup form (then `out` is left empty).
pub(crate) fn normalize_into(word: &str, elongated: bool, out: &mut String) -> bool {
    out.clear();
    let needs_work = elongated || word.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80);
    if !needs_work {
        return false;
    }
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
    } else {
        for c in word.chars() {
            match c {
                '\u{2019}' | '\u{2018}' | '\u{02BC}' => out.push('\''),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
    if elongated {
        collapse_runs(out, 2);
    }
    true
}

/// Shortens every run of more than `max` identical characters to `max`.
pub(crate) fn collapse_runs(s: &mut String, max: usize) {
    let mut out = String::with_capacity(s.len());
    let mut prev = None;
    let mut run = 0;
    for c in s.chars() {
        if Some(c) == prev {
            run += 1;
        } else {
            prev = Some(c);
            run = 1;
        }
        if run <= max {
            out.push(c);
        }
    }
    *s = out;
}

/// Splits `text` into tokens. See the [module documentation](self) for what is kept.
///
/// ```
/// use emotive::{tokens, TokenKind};
/// let toks: Vec<_> = tokens("I LOVE it!!! :) http://x.io").collect();
/// let texts: Vec<_> = toks.iter().map(|t| t.text()).collect();
/// assert_eq!(texts, ["I", "LOVE", "it", "!!!", ":)"]);
/// assert!(toks[1].is_caps());
/// assert_eq!(toks[3].kind(), TokenKind::Exclamation);
/// assert_eq!(toks[4].kind(), TokenKind::Emoticon);
/// ```
pub fn tokens(text: &str) -> Tokens<'_> {
    Tokens {
        text,
        pos: 0,
        hashtag: false,
        joined_end: 0,
        prev_abbrev: false,
        non_ascii: false,
    }
}

/// The iterator returned by [`tokens`].
#[derive(Clone, Debug)]
pub struct Tokens<'a> {
    text: &'a str,
    pos: usize,
    /// The next word was written as a hashtag.
    hashtag: bool,
    /// End of a word joined by `.`/`:` that is being handed out piece by piece.
    joined_end: usize,
    /// The last word was an abbreviation or initial, so a following `.` ends no sentence.
    prev_abbrev: bool,
    /// A byte above ASCII was met (see [`Tokens::saw_non_ascii`]).
    non_ascii: bool,
}

// Byte classes for the ASCII fast path.
const WS: u8 = 0;
const NL: u8 = 1;
const LOWER: u8 = 2;
const UPPER: u8 = 3;
const DIGIT: u8 = 4;
const UNDERSCORE: u8 = 5;
const PUNCT: u8 = 6;
const HIGH: u8 = 7;

static CLASS: [u8; 256] = {
    let mut t = [PUNCT; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = if b >= 0x80 {
            HIGH
        } else if b == b'\n' || b == b'\r' {
            NL
        } else if b == b' ' || b == b'\t' || b == 0x0b || b == 0x0c {
            WS
        } else if b.is_ascii_lowercase() {
            LOWER
        } else if b.is_ascii_uppercase() {
            UPPER
        } else if b.is_ascii_digit() {
            DIGIT
        } else if b == b'_' {
            UNDERSCORE
        } else {
            PUNCT
        };
        i += 1;
    }
    t
};

#[inline]
fn class(b: u8) -> u8 {
    CLASS[b as usize]
}

#[inline]
fn is_word_class(c: u8) -> bool {
    matches!(c, LOWER | UPPER | DIGIT | UNDERSCORE)
}

/// Where an ASCII word starting at `start` ends under UAX #29, or `None` when a non-ASCII
/// byte could change the answer (the caller then asks `unicode-segmentation`). The second
/// value tells whether the word holds a `.` or `:` between letters.
#[cfg(test)]
fn ascii_word_end(b: &[u8], start: usize) -> Option<(usize, bool)> {
    scan_ascii_word(b, start).map(|(end, joined, _, _)| (end, joined))
}

/// Whether a byte is a word character: letter, digit or underscore.
static WORD_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let k = CLASS[i];
        t[i] = k == LOWER || k == UPPER || k == DIGIT || k == UNDERSCORE;
        i += 1;
    }
    t
};

/// [`ascii_word_end`] and the word's flags (caps, elongation, letters). The end is found by a
/// tight loop over word bytes (middle characters such as `'` and `.` are rare); the flags by
/// a branch-free pass over the word while it is in cache.
/// The fourth value is the word's packed lower-case key when it is at most 15 bytes, else 0.
#[inline]
fn scan_ascii_word(b: &[u8], start: usize) -> Option<(usize, bool, u8, u128)> {
    // One 16-byte load classifies most words whole (see `swar`); longer ones and words with
    // middle characters continue byte by byte.
    let x = swar::load(b, start);
    // Most words end within 8 bytes: classify those on 64-bit lanes first.
    let low = x as u64;
    let cls64 = swar::w64::classify(low);
    let end64 = swar::w64::first_clear(cls64.word);
    let mut cls128 = None;
    let mut i = if end64 < 8 {
        start + end64
    } else {
        let c = swar::classify(x);
        cls128 = Some(c);
        start + swar::first_clear(c.word)
    };
    let mut joined = false;
    loop {
        while i < b.len() && WORD_BYTE[b[i] as usize] {
            i += 1;
        }
        let Some(&c) = b.get(i) else { break };
        if c >= 0x80 {
            return None;
        }
        // A middle character joins when the same category continues after it (WB6/7 for
        // letters, WB11/12 for digits).
        if !matches!(c, b':' | b'.' | b'\'' | b',' | b';') {
            break;
        }
        let next = b.get(i + 1).map(|&n| class(n));
        if next == Some(HIGH) {
            return None;
        }
        let last = class(b[i - 1]);
        let last_is_letter = matches!(last, LOWER | UPPER);
        let next_is_letter = matches!(next, Some(LOWER | UPPER));
        let joins = match c {
            b':' => last_is_letter && next_is_letter,
            b'.' | b'\'' => {
                (last_is_letter && next_is_letter) || (last == DIGIT && next == Some(DIGIT))
            }
            _ => last == DIGIT && next == Some(DIGIT),
        };
        if !joins {
            break;
        }
        joined |= c == b'.' || c == b':';
        i += 2;
    }
    let n = i - start;
    if n < 8 {
        let st = swar::w64::word_stats(low, &cls64, n);
        let flags = flags_from_stats(&st);
        return Some((i, joined, flags, swar::w64::packed_lower(low, &cls64, n)));
    }
    let cls = cls128.unwrap_or_else(|| swar::classify(x));
    let flags = if n <= 16 {
        let st = swar::word_stats(x, &cls, n);
        flags_from_stats(&st)
    } else {
        ascii_word_flags(&b[start..i])
    };
    let key = if n <= crate::wordmap::SHORT {
        swar::packed_lower(x, &cls, n)
    } else {
        0
    };
    Some((i, joined, flags, key))
}

/// Abbreviations after which a full stop ends no sentence (plus any single letter).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "e.g", "i.e", "approx",
];

fn is_abbreviation(word: &str) -> bool {
    // Initials ("J. Smith"), but not the pronoun in "neither did I."
    let mut chars = word.chars();
    let single =
        word != "I" && chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none();
    single || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

fn is_emoji_char(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2300..=0x23FF | 0x2B00..=0x2BFF
        | 0x2190..=0x21FF | 0x3030 | 0x303D | 0x3297 | 0x3299 | 0xA9 | 0xAE | 0x203C
        | 0x2049 | 0x2122 | 0x2139 | 0x24C2 | 0x25AA..=0x25FE | 0xE0020..=0xE007F)
}

fn word_flags(word: &str) -> u8 {
    let mut flags = 0;
    let mut letters = 0u32;
    let mut lower = false;
    let mut prev = '\0';
    let mut run = 0;
    for c in word.chars() {
        if c.is_alphabetic() {
            letters += 1;
            if c.is_lowercase() {
                lower = true;
            }
            if c.to_lowercase().eq(prev.to_lowercase()) {
                run += 1;
                if run >= 3 {
                    flags |= ELONGATED;
                }
            } else {
                run = 1;
            }
        } else {
            run = 0;
        }
        prev = c;
    }
    if letters >= 2 && !lower && word.chars().any(char::is_uppercase) {
        flags |= CAPS;
    }
    if letters >= 2 {
        flags |= MULTI_LETTER;
    }
    flags
}

#[inline]
fn ascii_word_flags(w: &[u8]) -> u8 {
    let (mut upper, mut lower) = (0u32, 0u32);
    let mut elongated = false;
    let (mut p1, mut p2) = (0u8, 0u8);
    for &c in w {
        let l = c | 0x20;
        let letter = l.wrapping_sub(b'a') < 26;
        upper += u32::from(c.wrapping_sub(b'A') < 26);
        lower += u32::from(c.wrapping_sub(b'a') < 26);
        elongated |= letter & (l == p1) & (l == p2);
        p2 = p1;
        p1 = if letter { l } else { 0 };
    }
    flags_from(upper >= 2 && lower == 0, upper + lower >= 2, elongated)
}

/// The flags of an ASCII word from its SWAR statistics.
#[inline]
fn flags_from_stats(st: &swar::WordStats) -> u8 {
    flags_from(st.two_upper && !st.any_lower, st.two_letters, st.elongated)
}

/// The flags of an ASCII word.
#[inline]
fn flags_from(caps: bool, multi_letter: bool, elongated: bool) -> u8 {
    let mut flags = ASCII;
    if elongated {
        flags |= ELONGATED;
    }
    if caps {
        flags |= CAPS;
    }
    if multi_letter {
        flags |= MULTI_LETTER;
    }
    flags
}

/// Whether a word starting with `c`, then `next`, may be a letter-led emoticon (`xD`, `D:`,
/// `o.O`, `T_T`): only these bytes lead one, and only these follow in second place (so
/// `OK`, `TV` and `DVD` are words at once; a lower-case second letter, as in `8o)`, makes a
/// word by design). A test holds this to [`emoticon_len`].
#[inline]
fn may_lead_emoticon(c: u8, next: Option<u8>) -> bool {
    matches!(c, b'x' | b'X' | b'8' | b'D' | b'o' | b'O' | b'T')
        && matches!(
            next,
            Some(
                b'.' | b'_' | b'\'' | b'-' | b'^' | b'D' | b'P' | b')' | b'(' | b':' | b';' | b'='
            )
        )
}

/// The Eastern emoticons (and hearts), matched as written.
const EASTERN: &[&[u8]] = &[
    b"^_^", b"^^", b"^.^", b"-_-", b"-.-", b"o.O", b"O.o", b"o_O", b"O_o", b"o_o", b"O_O", b"T_T",
    b"T.T", b";_;", b">_<", b"x_x", b"*_*", b"</3", b"<3",
];

/// Whether `c` leads one of [`EASTERN`] (a test checks the two agree).
#[inline]
fn leads_eastern(c: u8) -> bool {
    matches!(
        c,
        b'^' | b'-' | b'o' | b'O' | b'T' | b';' | b'>' | b'x' | b'*' | b'<'
    )
}

/// Matches a Western (`:-)`, `;P`, `(:`), heart (`<3`) or Eastern (`^_^`) emoticon at the
/// start of `b`, returning its length when it stands alone (followed by whitespace, the end
/// or sentence punctuation).
fn emoticon_len(b: &[u8]) -> Option<usize> {
    fn eyes(c: u8) -> bool {
        matches!(c, b':' | b';' | b'=' | b'8' | b'x' | b'X')
    }
    fn mouth(c: u8) -> bool {
        matches!(
            c,
            b')' | b'('
                | b']'
                | b'['
                | b'D'
                | b'P'
                | b'p'
                | b'/'
                | b'\\'
                | b'|'
                | b'O'
                | b'o'
                | b'3'
                | b'*'
                | b'$'
                | b'@'
                | b'S'
                | b's'
                | b'{'
                | b'}'
                | b'<'
                | b'>'
                | b'b'
                | b'l'
                | b'L'
        )
    }
    let stands_alone = |n: usize| match b.get(n) {
        None => true,
        Some(&c) => class(c) == WS || class(c) == NL || matches!(c, b'.' | b',' | b'!' | b'?'),
    };
    let first = *b.first()?;
    if leads_eastern(first) {
        for e in EASTERN {
            if e[0] == first && b.starts_with(e) {
                let mut n = e.len();
                if *e == b"<3" {
                    while b.get(n) == Some(&b'3') {
                        n += 1;
                    }
                }
                return stands_alone(n).then_some(n);
            }
        }
    }
    // Western, eyes first: [>}]? eyes ['] [-^o]? mouth+
    let mut i = usize::from(matches!(first, b'>' | b'}' | b']'));
    if b.get(i).copied().is_some_and(eyes) {
        let letter_eyes = b[i].is_ascii_alphanumeric();
        i += 1;
        if b.get(i) == Some(&b'\'') {
            i += 1;
        }
        if matches!(b.get(i), Some(b'-' | b'^' | b'o')) && b.get(i + 1).copied().is_some_and(mouth)
        {
            i += 1;
        }
        let m = *b.get(i)?;
        let ok = if letter_eyes {
            matches!(m, b'D' | b'P' | b'p' | b')' | b'(')
        } else {
            mouth(m)
        };
        if ok {
            let mut n = i + 1;
            while b.get(n) == Some(&m) {
                n += 1;
            }
            return stands_alone(n).then_some(n);
        }
        return None;
    }
    // Reversed: mouth [-]? eyes, only with punctuation mouths or D.
    if matches!(first, b'(' | b')' | b'D' | b'[' | b']') {
        let mut i = 1;
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        if matches!(b.get(i), Some(b':' | b';' | b'=')) {
            return stands_alone(i + 1).then_some(i + 1);
        }
    }
    None
}

/// Length of an HTML entity (`&amp;`, `&quot;`, `&#39;`) at the start of `b`.
fn html_entity_len(b: &[u8]) -> Option<usize> {
    let body = b.get(1..)?;
    let n = body
        .iter()
        .take(8)
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'#')
        .count();
    (n >= 2 && body.get(n) == Some(&b';')).then_some(n + 2)
}

/// Length of an HTML line break (`<br>`, `<br/>`, `<br />`) at the start of `b`.
fn html_break_len(b: &[u8]) -> Option<usize> {
    if b.len() < 4 || !b[1..3].eq_ignore_ascii_case(b"br") {
        return None;
    }
    let mut i = 3;
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    if b.get(i) == Some(&b'/') {
        i += 1;
    }
    (b.get(i) == Some(&b'>')).then_some(i + 1)
}

impl<'a> Tokens<'a> {
    #[inline]
    fn at_chunk_start(&self, pos: usize) -> bool {
        pos == 0 || {
            let c = class(self.text.as_bytes()[pos - 1]);
            c == WS || c == NL
        }
    }

    /// Skips to the next whitespace (ASCII or Unicode).
    fn skip_chunk(&mut self) {
        let rest = &self.text[self.pos..];
        let end = rest
            .char_indices()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(rest.len(), |(i, _)| i);
        self.non_ascii |= !rest.as_bytes()[..end].is_ascii();
        self.pos += end;
    }

    /// Whether the bytes handed out or skipped so far include any above ASCII. Once the
    /// iterator is exhausted, this is whether the text is not ASCII (every byte passes
    /// through one of the places that note it; a test holds the two to agreement), which
    /// lets the analyzer skip its Unicode normalisation check for ASCII texts without a
    /// pass of its own.
    pub(crate) fn saw_non_ascii(&self) -> bool {
        self.non_ascii
    }

    fn token(&mut self, start: usize, end: usize, kind: TokenKind, flags: u8) -> Token<'a> {
        // Most tokens are followed by one space, which is no token: step over it here rather
        // than in another round of `next_inner`'s dispatch (a measured cost).
        self.pos = end + usize::from(self.text.as_bytes().get(end) == Some(&b' '));
        Token {
            text: &self.text[start..end],
            start,
            kind,
            flags,
            key: 0,
        }
    }

    /// Emits a word (or number) spanning `start..end`, splitting it at an inner `.`/`:`
    /// between two alphabetic pieces of two or more letters (`great.The`).
    /// Emits a word; `ascii_flags` are the flags [`scan_ascii_word`] computed for the whole
    /// span (recomputed when the word is split).
    #[inline]
    fn word(
        &mut self,
        start: usize,
        end: usize,
        joined: bool,
        ascii: Option<(u8, u128)>,
    ) -> Token<'a> {
        let mut end = end;
        let mut ascii = ascii;
        if joined {
            if let Some(split) = self.split_point(start, end) {
                self.joined_end = end;
                end = split;
                ascii = None;
            } else {
                self.joined_end = 0;
            }
        }
        let text = &self.text[start..end];
        let bytes = text.as_bytes();
        let numeric = bytes[0].is_ascii_digit()
            && bytes
                .iter()
                .all(|&b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'\'' | b';'));
        let (kind, mut flags) = if numeric {
            (TokenKind::Number, ASCII)
        } else if let Some((f, _)) = ascii {
            (TokenKind::Word, f)
        } else if text.is_ascii() {
            (TokenKind::Word, ascii_word_flags(bytes))
        } else {
            (TokenKind::Word, word_flags(text))
        };
        if std::mem::take(&mut self.hashtag) {
            flags |= HASHTAG;
        }
        // Only a full stop right after the word asks whether it was an abbreviation.
        self.prev_abbrev = kind == TokenKind::Word
            && self.text.as_bytes().get(end) == Some(&b'.')
            && is_abbreviation(text);
        let mut token = self.token(start, end, kind, flags);
        if let Some((_, key)) = ascii {
            token.key = key;
        }
        token
    }

    fn split_point(&self, start: usize, end: usize) -> Option<usize> {
        let w = &self.text.as_bytes()[start..end];
        let mut piece_start = 0;
        for (i, &c) in w.iter().enumerate() {
            if c == b'.' || c == b':' {
                let left = &w[piece_start..i];
                let right_len = w[i + 1..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphabetic() || **b >= 0x80)
                    .count();
                let alpha = left.iter().all(|b| b.is_ascii_alphabetic() || *b >= 0x80);
                if alpha && left.len() >= 2 && right_len >= 2 {
                    return Some(start + i);
                }
                piece_start = i + 1;
            } else if !(c.is_ascii_alphanumeric() || c >= 0x80 || c == b'\'' || c == b'_') {
                piece_start = i + 1;
            }
        }
        None
    }

    /// A word starting at `start` whose extent needs full UAX #29 (non-ASCII nearby).
    fn unicode_segment(&mut self, start: usize) -> Token<'a> {
        let rest = &self.text[start..];
        let seg = rest.split_word_bounds().next().unwrap_or(rest);
        let end = start + seg.len();
        let first = seg.chars().next().unwrap_or(' ');
        if seg.chars().any(char::is_alphanumeric) {
            let joined = seg.contains(['.', ':']);
            return self.word(start, end, joined, None);
        }
        if is_emoji_char(first) || (0x1F1E6..=0x1F1FF).contains(&(first as u32)) {
            self.hashtag = false;
            return self.token(start, end, TokenKind::Emoji, 0);
        }
        self.hashtag = false;
        match first {
            '\u{2026}' => self.token(start, end, TokenKind::Ellipsis, CLAUSE_BREAK),
            '\u{2013}' | '\u{2014}' | '\u{FF0C}' | '\u{3001}' | '\u{FF1B}' => {
                self.token(start, end, TokenKind::Punct, CLAUSE_BREAK)
            }
            '\u{FF01}' => self.token(start, end, TokenKind::Exclamation, SENTENCE_END),
            '\u{FF1F}' => self.token(start, end, TokenKind::Question, SENTENCE_END),
            '\u{3002}' => self.token(start, end, TokenKind::Period, SENTENCE_END),
            _ => self.token(start, end, TokenKind::Punct, 0),
        }
    }

    /// Handles ASCII punctuation at `start`; `None` means nothing was emitted (a hashtag
    /// sign or a mention was consumed) and the caller goes on scanning.
    fn punct(&mut self, start: usize, c: u8) -> Option<Token<'a>> {
        let b = self.text.as_bytes();
        let chunk_start = self.at_chunk_start(start);
        if chunk_start
            && !matches!(c, b'!' | b'?' | b',')
            && let Some(n) = emoticon_len(&b[start..])
        {
            self.hashtag = false;
            return Some(self.token(start, start + n, TokenKind::Emoticon, 0));
        }
        match c {
            b'!' | b'?' => {
                let n = b[start..]
                    .iter()
                    .take_while(|&&x| x == b'!' || x == b'?')
                    .count();
                let run = &b[start..start + n];
                let kind = if run.contains(&b'!') {
                    TokenKind::Exclamation
                } else {
                    TokenKind::Question
                };
                self.hashtag = false;
                Some(self.token(start, start + n, kind, SENTENCE_END))
            }
            b'.' => {
                let n = b[start..].iter().take_while(|&&x| x == b'.').count();
                self.hashtag = false;
                if n >= 2 {
                    return Some(self.token(start, start + n, TokenKind::Ellipsis, CLAUSE_BREAK));
                }
                let flags = if std::mem::take(&mut self.prev_abbrev) {
                    0
                } else {
                    SENTENCE_END
                };
                Some(self.token(start, start + 1, TokenKind::Period, flags))
            }
            b'&' => {
                // HTML entities from scraped text: `&lt;3` is a heart, the rest punctuation.
                let rest = &b[start..];
                if chunk_start && (rest.starts_with(b"&lt;3") || rest.starts_with(b"&lt;/3")) {
                    let n = if rest[4] == b'/' { 6 } else { 5 };
                    return Some(self.token(start, start + n, TokenKind::Emoticon, 0));
                }
                let n = html_entity_len(rest).unwrap_or(1);
                Some(self.token(start, start + n, TokenKind::Punct, 0))
            }
            b'<' => {
                if let Some(n) = html_break_len(&b[start..]) {
                    return Some(self.token(start, start + n, TokenKind::Break, SENTENCE_END));
                }
                Some(self.token(start, start + 1, TokenKind::Punct, 0))
            }
            b'#' if b
                .get(start + 1)
                .is_some_and(|&n| is_word_class(class(n)) || n >= 0x80) =>
            {
                // A hashtag: drop the '#', flag the word that follows.
                self.hashtag = true;
                self.pos = start + 1;
                None
            }
            b'@' if chunk_start => {
                // A mention: drop it.
                self.skip_chunk();
                None
            }
            b'-' => {
                // A dash between spaces separates clauses; a hyphen inside a compound
                // (`well-made`, `rip-off`) does not.
                let glued = start > 0
                    && is_word_class(class(b[start - 1]))
                    && b.get(start + 1).is_some_and(|&n| is_word_class(class(n)));
                let flags = if glued { 0 } else { CLAUSE_BREAK };
                Some(self.token(start, start + 1, TokenKind::Punct, flags))
            }
            b',' | b';' | b':' | b'(' | b')' | b'[' | b']' => {
                Some(self.token(start, start + 1, TokenKind::Punct, CLAUSE_BREAK))
            }
            _ => Some(self.token(start, start + 1, TokenKind::Punct, 0)),
        }
    }

    /// The commonest token, handed out without the general path's questions: an ASCII word
    /// of up to 7 bytes that starts with a letter and is followed by a space. Such a word is
    /// no emoticon, number, URL, mention or abbreviation, has no middle characters and is
    /// not split, so only its flags and lookup key remain to compute. `None`: not such a
    /// word (nothing consumed).
    #[inline(always)]
    fn plain_word(&mut self, b: &[u8], start: usize, c: u8) -> Option<Token<'a>> {
        let x = b.get(start..start + 8)?;
        let low = u64::from_le_bytes(x.try_into().ok()?);
        if !c.is_ascii_alphabetic() || may_lead_emoticon(c, Some(x[1])) {
            return None;
        }
        let cls = swar::w64::classify(low);
        let n = swar::w64::first_clear(cls.word);
        if n >= 8 || x[n] != b' ' {
            return None;
        }
        let st = swar::w64::word_stats(low, &cls, n);
        let mut flags = flags_from_stats(&st);
        if std::mem::take(&mut self.hashtag) {
            flags |= HASHTAG;
        }
        self.prev_abbrev = false;
        let end = start + n;
        self.pos = end + 1;
        Some(Token {
            text: &self.text[start..end],
            start,
            kind: TokenKind::Word,
            flags,
            key: swar::w64::packed_lower(low, &cls, n),
        })
    }

    /// The general path, out of line; [`Iterator::next`] has tried the shortcut at
    /// `tried_at`, so it is not tried there again.
    #[inline(never)]
    fn next_inner(&mut self, tried_at: usize) -> Option<Token<'a>> {
        self.next_with(true, tried_at)
    }

    /// The next token; `plain` takes [`Tokens::plain_word`]'s shortcut, except at byte
    /// `tried_at` (a test compares the two ways on every token).
    #[inline(always)]
    fn next_with(&mut self, plain: bool, tried_at: usize) -> Option<Token<'a>> {
        let b = self.text.as_bytes();
        if self.joined_end > self.pos {
            // Continue a word that was split at an inner '.' or ':'.
            let (start, end) = (self.pos, self.joined_end);
            if b[start] == b'.' || b[start] == b':' {
                let (kind, flags) = if b[start] == b'.' {
                    (TokenKind::Period, SENTENCE_END)
                } else {
                    (TokenKind::Punct, CLAUSE_BREAK)
                };
                return Some(self.token(start, start + 1, kind, flags));
            }
            return Some(self.word(start, end, true, None));
        }
        loop {
            let start = self.pos;
            let &c = b.get(start)?;
            match class(c) {
                WS => {
                    self.pos += 1;
                    while b.get(self.pos).is_some_and(|&x| class(x) == WS) {
                        self.pos += 1;
                    }
                }
                NL => {
                    let n = b[start..]
                        .iter()
                        .take_while(|&&x| matches!(class(x), WS | NL))
                        .count();
                    self.hashtag = false;
                    return Some(self.token(start, start + n, TokenKind::Break, SENTENCE_END));
                }
                LOWER | UPPER | DIGIT | UNDERSCORE => {
                    if plain
                        && start != tried_at
                        && let Some(tok) = self.plain_word(b, start, c)
                    {
                        return Some(tok);
                    }
                    if may_lead_emoticon(c, b.get(start + 1).copied())
                        && self.at_chunk_start(start)
                        && let Some(n) = emoticon_len(&b[start..])
                    {
                        self.hashtag = false;
                        return Some(self.token(start, start + n, TokenKind::Emoticon, 0));
                    }
                    let Some((end, joined, flags, key)) = scan_ascii_word(b, start) else {
                        // A byte above ASCII in or after the word.
                        self.non_ascii = true;
                        return Some(self.unicode_segment(start));
                    };
                    // URLs and e-mail addresses go whole.
                    let rest = &b[end..];
                    if rest.starts_with(b"://")
                        || (rest.first() == Some(&b'@')
                            && rest.get(1).is_some_and(|&n| is_word_class(class(n))))
                        || (joined
                            && b[start..end].len() > 4
                            && b[start..start + 4].eq_ignore_ascii_case(b"www."))
                    {
                        self.pos = start;
                        self.skip_chunk();
                        self.hashtag = false;
                        continue;
                    }
                    return Some(self.word(start, end, joined, Some((flags, key))));
                }
                PUNCT => {
                    if let Some(t) = self.punct(start, c) {
                        return Some(t);
                    }
                }
                _ => {
                    self.non_ascii = true;
                    let ch = self.text[start..].chars().next()?;
                    if ch.is_whitespace() {
                        let n = ch.len_utf8();
                        if matches!(ch, '\u{85}' | '\u{2028}' | '\u{2029}') {
                            self.hashtag = false;
                            return Some(self.token(
                                start,
                                start + n,
                                TokenKind::Break,
                                SENTENCE_END,
                            ));
                        }
                        self.pos += n;
                        continue;
                    }
                    return Some(self.unicode_segment(start));
                }
            }
        }
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    #[inline(always)]
    fn next(&mut self) -> Option<Token<'a>> {
        // The shortcut here, where the caller inlines it (the commonest token comes back
        // without a call); the rest out of line.
        let at = self.pos;
        let b = self.text.as_bytes();
        if self.joined_end <= at
            && let Some(&c) = b.get(at)
        {
            if let Some(tok) = self.plain_word(b, at, c) {
                return Some(tok);
            }
            return self.next_inner(at);
        }
        self.next_inner(usize::MAX)
    }
}

impl std::iter::FusedIterator for Tokens<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokens(s).map(|t| t.text()).collect()
    }

    fn kinds(s: &str) -> Vec<TokenKind> {
        tokens(s).map(|t| t.kind()).collect()
    }

    #[test]
    fn words_and_apostrophes() {
        assert_eq!(
            texts("I don't can’t won't"),
            ["I", "don't", "can’t", "won't"]
        );
        assert_eq!(
            texts("it's 3.5 stars, 1,000 times"),
            ["it's", "3.5", "stars", ",", "1,000", "times"]
        );
        assert_eq!(
            kinds("7/10")[..],
            [TokenKind::Number, TokenKind::Punct, TokenKind::Number]
        );
    }

    #[test]
    fn emphasis_flags() {
        let t: Vec<_> = tokens("I LOVE soooo GOOOD A ok").collect();
        assert!(!t[0].is_caps(), "a single capital is not shouting");
        assert!(t[1].is_caps() && !t[1].is_elongated());
        assert!(t[2].is_elongated() && !t[2].is_caps());
        assert!(t[3].is_elongated() && t[3].is_caps());
        assert_eq!(t[2].normalized(), "soo");
        assert_eq!(t[3].normalized(), "good");
    }

    #[test]
    fn punctuation_runs() {
        assert_eq!(
            texts("wow!!! really?? ok?! fine..."),
            ["wow", "!!!", "really", "??", "ok", "?!", "fine", "..."]
        );
        let k = kinds("wow!!! really?? fine...");
        assert_eq!(k[1], TokenKind::Exclamation);
        assert_eq!(k[3], TokenKind::Question);
        assert_eq!(k[5], TokenKind::Ellipsis);
    }

    #[test]
    fn emoticons() {
        for e in [
            ":)", ":-(", "<3", ":D", ";P", ":'(", "^_^", "(:", "D:", "xD", ":-)))", "</3", "-_-",
            ":/",
        ] {
            let text = format!("so {e} ok");
            let t: Vec<_> = tokens(&text).collect();
            assert_eq!(t[1].text(), e, "{e}");
            assert_eq!(t[1].kind(), TokenKind::Emoticon, "{e}");
        }
        assert_eq!(texts("great :)."), ["great", ":)", "."]);
        assert_eq!(
            texts("A &amp; B &lt;3 don&#39;t"),
            ["A", "&amp;", "B", "&lt;3", "don", "&#39;", "t"]
        );
        // Not emoticons: a colon in a sentence, a word starting with x or D.
        assert_eq!(kinds("note: done")[1], TokenKind::Punct);
        assert_eq!(texts("xbox Dad"), ["xbox", "Dad"]);
    }

    #[test]
    fn emoji() {
        let t: Vec<_> = tokens("love it😍😍 👍🏽 👨‍👩‍👧 🇫🇷!").collect();
        let texts: Vec<_> = t.iter().map(|t| t.text()).collect();
        assert_eq!(texts, ["love", "it", "😍", "😍", "👍🏽", "👨‍👩‍👧", "🇫🇷", "!"]);
        assert!(t[2..7].iter().all(|t| t.kind() == TokenKind::Emoji));
    }

    #[test]
    fn dropped_and_hashtags() {
        assert_eq!(
            texts("@bob see https://x.com/a?b=1 or www.site.org, mail me@x.org #love #1"),
            ["see", "or", "mail", "love", "1"],
            "a URL goes up to the next whitespace, trailing comma included"
        );
        let t: Vec<_> = tokens("#love it").collect();
        assert!(t[0].is_hashtag() && !t[1].is_hashtag());
        assert_eq!(t[0].span(), 1..5);
    }

    #[test]
    fn sentences() {
        let ends: Vec<_> = tokens("Mr. Smith was great.The end! Really? Yes\nno<br />ok e.g. this")
            .filter(|t| t.is_sentence_end())
            .map(|t| t.text())
            .collect();
        assert_eq!(ends, [".", "!", "?", "\n", "<br />"]);
        assert_eq!(texts("great.The"), ["great", ".", "The"]);
        assert_eq!(texts("U.S.A. is"), ["U.S.A", ".", "is"]);
    }

    #[test]
    fn spans_point_into_input() {
        let s = "Héllo, wörld!! 😀 don’t";
        for t in tokens(s) {
            assert_eq!(&s[t.span()], t.text());
        }
    }

    /// From every word start in ASCII `s`, the fast path must find UAX #29's word end, the
    /// general code's flags and the lower-cased packed key.
    fn check_ascii_fast_path(s: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let b = s.as_bytes();
        for start in 0..b.len() {
            if !is_word_class(class(b[start])) {
                continue;
            }
            let uax = s[start..].split_word_bounds().next().unwrap();
            let (end, _, flags, key) =
                scan_ascii_word(b, start).expect("ASCII never needs the slow path");
            proptest::prop_assert_eq!(&s[start..end], uax);
            proptest::prop_assert_eq!(flags | ASCII, ascii_word_flags(&b[start..end]) | ASCII);
            proptest::prop_assert_eq!(flags & !ASCII, word_flags(&s[start..end]));
            if end - start <= crate::wordmap::SHORT {
                let lower = s[start..end].to_ascii_lowercase();
                proptest::prop_assert_eq!(key, crate::wordmap::pack(lower.as_bytes()));
            }
        }
        Ok(())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// On arbitrary printable ASCII.
        #[test]
        fn ascii_fast_path_agrees_with_uax29(s in "[ -~\t\n]{0,40}") {
            check_ascii_fast_path(&s)?;
        }

        /// On text made of few letters, so that caps and repeated letters (and words longer
        /// than one 16-byte load) are common.
        #[test]
        fn ascii_flags_agree_on_repetitive_text(s in "[aAbB0_' .]{0,48}") {
            check_ascii_fast_path(&s)?;
        }
    }

    /// Every token of `s` is the same with and without [`Tokens::plain_word`]'s shortcut.
    fn check_plain_shortcut(s: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let (mut fast, mut general) = (tokens(s), tokens(s));
        loop {
            let (a, b) = (fast.next(), general.next_with(false, usize::MAX));
            proptest::prop_assert_eq!(a, b, "{:?}", s);
            if a.is_none() {
                return Ok(());
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// Words of every length around the shortcut's 7 bytes, emoticon-like letters,
        /// hashtags, abbreviations, URLs, mentions and non-ASCII after a word.
        #[test]
        fn plain_word_shortcut_changes_no_token(
            s in "([xXoODT8aZbq_1]{1,9}|#|@|Mr|J|://|www|[.:'!?,;]|é|😀|[ ]{1,2}|\n){0,24}"
        ) {
            check_plain_shortcut(&s)?;
        }
    }

    /// Exhausts the tokens of `s` and says whether they saw a byte above ASCII.
    fn saw_non_ascii(s: &str) -> bool {
        let mut t = tokens(s);
        t.by_ref().for_each(drop);
        t.saw_non_ascii()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// Non-ASCII anywhere: in words, after `#`, `@`, in URLs, e-mail addresses,
        /// emoticons and entities, as whitespace, combining marks (NFD) and emoji.
        #[test]
        fn the_tokenizer_notes_every_byte_above_ascii(
            s in "([a-z]{1,4}|[ .,:'!?#@&;<>3)(-]|://|www\\.|br|\u{e9}|e\u{301}|\u{2028}|\u{a0}|\u{1F60D}|\u{FF01}|\u{3002}|\n){0,16}"
        ) {
            proptest::prop_assert_eq!(saw_non_ascii(&s), !s.is_ascii(), "{:?}", s);
        }
    }

    #[test]
    fn non_ascii_examples() {
        for s in [
            "caf\u{e9}",
            "http://x.io/caf\u{e9} ok",
            "@jos\u{e9} hi",
            "a@b\u{e9}.com",
            "#\u{e9}t\u{e9}",
            "good\u{a0}day",
            "e\u{301}",
            "\u{1F60D}",
            "plain ascii text :) http://x.io @me",
        ] {
            assert_eq!(saw_non_ascii(s), !s.is_ascii(), "{s:?}");
        }
    }

    #[test]
    fn eastern_leads_match_the_list() {
        for c in 0u8..=255 {
            assert_eq!(
                leads_eastern(c),
                EASTERN.iter().any(|e| e[0] == c),
                "{c:#x}"
            );
        }
    }

    #[test]
    fn letter_led_emoticons_pass_the_quick_test() {
        // Every emoticon `emoticon_len` finds after a letter or digit has a first and second
        // byte that `may_lead_emoticon` lets through, except with a lower-case second letter:
        // `8o)` or `Do:` are read as words by design.
        let tails: &[&[u8]] = &[
            b"", b")", b"(", b"D", b"P", b"p", b"O", b"o", b"3", b"_", b".", b"O)", b"o)", b"-)",
            b"D)", b"_O", b".O", b"_o", b".o", b"T", b"x", b")) ", b" ", b"!", b":",
        ];
        let mut found = 0;
        for c in (0u8..=127).filter(u8::is_ascii_alphanumeric) {
            assert!(emoticon_len(&[c]).is_none_or(|_| may_lead_emoticon(c, None)));
            for n in (0u8..=255).filter(|n| !n.is_ascii_lowercase()) {
                for t in tails {
                    let mut b = vec![c, n];
                    b.extend_from_slice(t);
                    if emoticon_len(&b).is_some() {
                        found += 1;
                        assert!(
                            may_lead_emoticon(c, Some(n)),
                            "{:?}",
                            String::from_utf8_lossy(&b)
                        );
                    }
                }
            }
        }
        assert!(found > 50, "the test reaches emoticons ({found})");
    }

    #[test]
    fn plain_word_shortcut_examples() {
        for s in [
            "good day ",
            "xD haha ",
            "o.O yes ",
            "Mr. Smith ",
            "#love it ",
            "@bob hi ",
            "LOVE IT ",
            "soooo good ",
            "abcdefg x",
            "abcdefgh x",
            "a_b c",
            "mp3 3d ",
            "http://x.io ",
            "D: no ",
            "Test café ",
            "end",
        ] {
            check_plain_shortcut(s).unwrap();
        }
    }

    #[test]
    fn ascii_fast_path_matches_uax29_examples() {
        for s in [
            "a:b", "a.b", "3.5", "3,5", "a'b", "a_b", "a,b", "3.a", "a.3", "ab..cd", "x'", "a-b",
        ] {
            let uax = s.split_word_bounds().next().unwrap();
            let (end, _) = ascii_word_end(s.as_bytes(), 0).unwrap();
            assert_eq!(&s[..end], uax, "{s}");
        }
    }
}
