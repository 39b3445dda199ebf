//! Line-numbered parsers for every supported lexicon and word-list format.

use std::collections::HashMap;
use std::io::Read;

use rustc_hash::FxHashMap;

use super::{ContrastWord, Entry, Lexicon, normalize_term, normalize_term_cow};
use crate::emotion::Emotion;
use crate::error::{LexiconError, LexiconErrorKind as K};

/// Calls `f(line_number, line)` for every line that is not blank and not a `#` comment,
/// with the line's `\r` removed. Invalid UTF-8 is an error naming the line. Lexicons are
/// small, so the input is read whole and split in place.
fn for_each_line<R: Read>(
    reader: R,
    comments: bool,
    f: impl FnMut(usize, &str) -> Result<(), LexiconError>,
) -> Result<(), LexiconError> {
    let data = read_all(reader)?;
    for_each_line_in(&data, comments, f)
}

fn read_all<R: Read>(mut reader: R) -> Result<Vec<u8>, LexiconError> {
    let mut data = Vec::new();
    reader.read_to_end(&mut data).map_err(LexiconError::io)?;
    Ok(data)
}

fn for_each_line_in(
    data: &[u8],
    comments: bool,
    mut f: impl FnMut(usize, &str) -> Result<(), LexiconError>,
) -> Result<(), LexiconError> {
    let data = data.strip_prefix("\u{feff}".as_bytes()).unwrap_or(data);
    for (i, raw) in data.split(|&b| b == b'\n').enumerate() {
        let n = i + 1;
        let line = std::str::from_utf8(raw).map_err(|e| {
            LexiconError::line(
                n,
                K::InvalidUtf8,
                format!("invalid UTF-8 at byte {}", e.valid_up_to()),
            )
        })?;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.bytes().all(|b| b == b' ' || b == b'\t')
            || line.trim().is_empty()
            || (comments && line.starts_with('#'))
        {
            continue;
        }
        f(n, line)?;
    }
    Ok(())
}

/// Parses a plain decimal (`-1.5`, `0.565`, `3`) without the general float parser, which
/// dominated lexicon loading; anything else returns `None` and goes to `str::parse`.
fn plain_decimal(s: &str) -> Option<f32> {
    let b = s.as_bytes();
    let (neg, digits) = match b.first()? {
        b'-' => (true, &b[1..]),
        b'+' => (false, &b[1..]),
        _ => (false, b),
    };
    let mut int: u64 = 0;
    let mut scale: u64 = 1;
    let mut seen_dot = false;
    let mut n = 0;
    for &c in digits {
        match c {
            b'0'..=b'9' if n < 15 => {
                int = int * 10 + u64::from(c - b'0');
                n += 1;
                if seen_dot {
                    scale *= 10;
                }
            }
            b'.' if !seen_dot => seen_dot = true,
            _ => return None,
        }
    }
    if n == 0 {
        return None;
    }
    let v = (int as f64 / scale as f64) as f32;
    Some(if neg { -v } else { v })
}

fn number(n: usize, field: &str, what: &str) -> Result<f32, LexiconError> {
    if let Some(v) = plain_decimal(field) {
        return Ok(v);
    }
    let v: f32 = field.trim().parse().map_err(|_| {
        LexiconError::line(
            n,
            K::NotANumber,
            format!("{what} {:?} is not a number", field.trim()),
        )
    })?;
    if v.is_finite() {
        Ok(v)
    } else {
        Err(LexiconError::line(
            n,
            K::NotFinite,
            format!("{what} {:?} is not finite", field.trim()),
        ))
    }
}

fn in_range(n: usize, v: f32, lo: f32, hi: f32, what: &str) -> Result<f32, LexiconError> {
    if (lo..=hi).contains(&v) {
        Ok(v)
    } else {
        Err(LexiconError::line(
            n,
            K::OutOfRange,
            format!("{what} {v} is outside [{lo}, {hi}]"),
        ))
    }
}

fn term(n: usize, field: &str) -> Result<String, LexiconError> {
    let t = normalize_term(field);
    if t.is_empty() {
        Err(LexiconError::line(n, K::EmptyTerm, "empty term"))
    } else {
        Ok(t)
    }
}

fn emotion(n: usize, field: &str) -> Result<Emotion, LexiconError> {
    field.parse().map_err(|_| {
        LexiconError::line(
            n,
            K::UnknownEmotion,
            format!("unknown emotion {:?}", field.trim()),
        )
    })
}

impl Lexicon {
    /// Reads emotive's own TSV format.
    ///
    /// Each line is `term<TAB>valence` or `term<TAB>dimension<TAB>value`, where `dimension`
    /// is `valence` (value on VADER's scale, −4 … +4) or one of the eight emotion names
    /// (value an intensity in `[0, 1]`). Blank lines and lines starting with `#` are skipped.
    /// A term may hold several words (`fed up`). Giving the same term and dimension twice is
    /// an error.
    ///
    /// # Errors
    /// A [`LexiconError`] with the line number for a wrong number of fields, an empty term, an
    /// unknown emotion, a value that is not a number or is out of range, a duplicate, invalid
    /// UTF-8 or an I/O error.
    pub fn from_tsv<R: Read>(reader: R) -> Result<Lexicon, LexiconError> {
        let data = read_all(reader)?;
        // Per term: the entry and which dimensions were set (bit 8: valence), to report
        // duplicates. Sized for the line count so that the map never grows.
        let lines = data.iter().filter(|&&b| b == b'\n').count() + 1;
        let mut acc: FxHashMap<String, (Entry, u16)> =
            FxHashMap::with_capacity_and_hasher(lines, Default::default());
        for_each_line_in(&data, true, |n, line| {
            let (t, code, v) = tsv_line(n, line)?;
            let slot = match acc.get_mut(t.as_ref()) {
                Some(slot) => slot,
                None => acc.entry(t.clone().into_owned()).or_default(),
            };
            if slot.1 & (1 << code) != 0 {
                let first = first_line(&data, &t, code);
                let what = Emotion::from_index(code).map_or("valence", Emotion::name);
                return Err(LexiconError::line(
                    n,
                    K::Duplicate,
                    format!("duplicate {what} for {t:?} (first given on line {first})"),
                ));
            }
            slot.1 |= 1 << code;
            match Emotion::from_index(code) {
                Some(e) => slot.0.set_emotion(e, v),
                None => slot.0.valence = Some(v),
            }
            Ok(())
        })?;
        Ok(Lexicon {
            entries: acc.into_iter().map(|(k, (e, _))| (k, e)).collect(),
        })
    }

    /// Reads VADER's lexicon format: `token<TAB>mean valence<TAB>…` (further columns are
    /// ignored). As in VADER, a later line for the same token replaces an earlier one.
    ///
    /// # Errors
    /// A [`LexiconError`] for a line with fewer than two fields, a valence that is not a
    /// number or lies outside −4 … +4, invalid UTF-8 or an I/O error.
    pub fn from_vader<R: Read>(reader: R) -> Result<Lexicon, LexiconError> {
        let mut lex = Lexicon::new();
        for_each_line(reader, false, |n, line| {
            let mut f = line.split('\t');
            let (Some(t), Some(v)) = (f.next(), f.next()) else {
                return Err(LexiconError::line(
                    n,
                    K::FieldCount,
                    "expected at least 2 tab-separated fields",
                ));
            };
            let v = in_range(n, number(n, v, "valence")?, -4.0, 4.0, "valence")?;
            let t = term(n, t)?;
            lex.insert_valence_normalized(&t, v);
            Ok(())
        })?;
        Ok(lex)
    }

    /// Reads AFINN's format: `term<TAB>integer` with scores from −5 to +5. Scores are scaled
    /// by 0.8 onto VADER's −4 … +4 range. Terms listed more than once (common in the
    /// translated AFINN lists) get the mean of their scores.
    ///
    /// # Errors
    /// A [`LexiconError`] for a line without exactly two fields, a score that is not an
    /// integer in −5 … +5, invalid UTF-8 or an I/O error.
    pub fn from_afinn<R: Read>(reader: R) -> Result<Lexicon, LexiconError> {
        let mut sums: HashMap<String, (f32, u32)> = HashMap::new();
        for_each_line(reader, false, |n, line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let [t, v] = fields[..] else {
                return Err(LexiconError::line(
                    n,
                    K::FieldCount,
                    format!("expected 2 tab-separated fields, found {}", fields.len()),
                ));
            };
            let v: i32 = v.trim().parse().map_err(|_| {
                LexiconError::line(
                    n,
                    K::NotANumber,
                    format!("score {:?} is not an integer", v.trim()),
                )
            })?;
            let v = in_range(n, v as f32, -5.0, 5.0, "score")?;
            let s = sums.entry(term(n, t)?).or_insert((0.0, 0));
            s.0 += v;
            s.1 += 1;
            Ok(())
        })?;
        let mut lex = Lexicon::new();
        for (t, (sum, count)) in sums {
            lex.insert_valence_normalized(&t, 0.8 * sum / count as f32);
        }
        Ok(lex)
    }

    /// Reads NRC EmoLex in either of its layouts:
    ///
    /// * word-level: `word<TAB>emotion<TAB>0|1`, one line per (word, emotion);
    /// * wide: a header row naming the columns (the first column holds the word; columns
    ///   headed by one of the eight emotion names, in any case, hold 0/1; other columns, such
    ///   as translations, are ignored), then one row per word.
    ///
    /// An association of 1 becomes intensity 1.0. The `positive`/`negative` rows or columns
    /// are read and ignored: emotive takes valence from a valence lexicon. emotive does not
    /// ship NRC data; this loader is for users who hold their own licence.
    ///
    /// # Errors
    /// A [`LexiconError`] for an unknown emotion, a flag other than 0 or 1, a row with the
    /// wrong number of fields, a wide header without any emotion column, a word (and emotion)
    /// given twice with different flags, invalid UTF-8 or an I/O error.
    pub fn from_nrc_emolex<R: Read>(reader: R) -> Result<Lexicon, LexiconError> {
        let mut lex = Lexicon::new();
        // `None` until the first line decides the layout; then `Some(columns)` for the wide
        // layout (emotion per column) or `Some(vec![])` for the word-level one.
        let mut wide: Option<Vec<Option<Emotion>>> = None;
        // First line and value of each (word, emotion) or word row, to report conflicts.
        let mut seen: HashMap<(String, usize), (usize, bool)> = HashMap::new();
        let mut seen_rows: HashMap<String, (usize, u8)> = HashMap::new();
        for_each_line(reader, false, |n, line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let layout = match &wide {
                Some(l) => l,
                None => {
                    let is_flag = |s: &str| matches!(s.trim(), "0" | "1");
                    if fields.len() == 3 && is_flag(fields[2]) && !is_flag(fields[1]) {
                        wide.insert(Vec::new())
                    } else {
                        let cols: Vec<Option<Emotion>> =
                            fields.iter().map(|h| h.trim().parse().ok()).collect();
                        if cols.iter().all(Option::is_none) {
                            return Err(LexiconError::line(
                                n,
                                K::Format,
                                "neither a `word<TAB>emotion<TAB>0/1` line nor a header naming emotion columns",
                            ));
                        }
                        wide = Some(cols);
                        return Ok(());
                    }
                }
            };
            if layout.is_empty() {
                let [w, e, flag] = fields[..] else {
                    return Err(LexiconError::line(
                        n,
                        K::FieldCount,
                        format!("expected 3 tab-separated fields, found {}", fields.len()),
                    ));
                };
                let flag = flag_value(n, flag)?;
                let e = e.trim();
                if e.eq_ignore_ascii_case("positive") || e.eq_ignore_ascii_case("negative") {
                    return Ok(());
                }
                let e = emotion(n, e)?;
                let w = term(n, w)?;
                match seen.get(&(w.clone(), e.index())) {
                    Some(&(first, f)) if f != flag => {
                        return Err(LexiconError::line(
                            n,
                            K::Duplicate,
                            format!(
                                "conflicting duplicate: {w:?} {} is {} here but {} on line {first}",
                                e.name(),
                                u8::from(flag),
                                u8::from(f)
                            ),
                        ));
                    }
                    Some(_) => {}
                    None => {
                        seen.insert((w.clone(), e.index()), (n, flag));
                    }
                }
                if flag {
                    lex.entries.entry(w).or_default().set_emotion(e, 1.0);
                }
            } else {
                if fields.len() != layout.len() {
                    return Err(LexiconError::line(
                        n,
                        K::FieldCount,
                        format!(
                            "expected {} tab-separated fields as in the header, found {}",
                            layout.len(),
                            fields.len()
                        ),
                    ));
                }
                let w = term(n, fields[0])?;
                let mut entry = Entry::default();
                let mut flags = 0u8;
                for (col, e) in layout.iter().enumerate().skip(1) {
                    if let Some(e) = e
                        && flag_value(n, fields[col])?
                    {
                        entry.set_emotion(*e, 1.0);
                        flags |= 1 << e.index();
                    }
                }
                match seen_rows.get(&w) {
                    Some(&(first, f)) if f != flags => {
                        return Err(LexiconError::line(
                            n,
                            K::Duplicate,
                            format!(
                                "conflicting duplicate: {w:?} has other emotions here than on line {first}"
                            ),
                        ));
                    }
                    Some(_) => {}
                    None => {
                        seen_rows.insert(w.clone(), (n, flags));
                    }
                }
                if entry.has_emotions() {
                    lex.entries.insert(w, entry);
                }
            }
            Ok(())
        })?;
        Ok(lex)
    }

    /// Reads the NRC Emotion Intensity Lexicon: `word<TAB>emotion<TAB>score`, score in
    /// `[0, 1]`. A first line whose score column is not a number is taken as a header.
    ///
    /// # Errors
    /// A [`LexiconError`] for a line without three fields, an unknown emotion, a score that
    /// is not a number in `[0, 1]`, a word and emotion given twice with different scores,
    /// invalid UTF-8 or an I/O error.
    pub fn from_nrc_intensity<R: Read>(reader: R) -> Result<Lexicon, LexiconError> {
        let mut lex = Lexicon::new();
        let mut first = true;
        let mut seen: HashMap<(String, usize), (usize, f32)> = HashMap::new();
        for_each_line(reader, false, |n, line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let [w, e, s] = fields[..] else {
                return Err(LexiconError::line(
                    n,
                    K::FieldCount,
                    format!("expected 3 tab-separated fields, found {}", fields.len()),
                ));
            };
            // A header line names its columns: neither an emotion nor a score. A first line
            // with an emotion is data, and its errors are reported like any other line's.
            if std::mem::take(&mut first)
                && s.trim().parse::<f32>().is_err()
                && emotion(n, e).is_err()
            {
                return Ok(());
            }
            let e = emotion(n, e)?;
            let s = in_range(n, number(n, s, "score")?, 0.0, 1.0, "score")?;
            let w = term(n, w)?;
            match seen.get(&(w.clone(), e.index())) {
                Some(&(first, v)) if v != s => {
                    return Err(LexiconError::line(
                        n,
                        K::Duplicate,
                        format!(
                            "conflicting duplicate: {w:?} {} is {s} here but {v} on line {first}",
                            e.name()
                        ),
                    ));
                }
                Some(_) => {}
                None => {
                    seen.insert((w.clone(), e.index()), (n, s));
                }
            }
            lex.entries.entry(w).or_default().set_emotion(e, s);
            Ok(())
        })?;
        Ok(lex)
    }

    fn insert_valence_normalized(&mut self, t: &str, v: f32) {
        match self.entries.get_mut(t) {
            Some(e) => e.valence = Some(v),
            None => {
                self.entries.insert(t.to_string(), Entry::with_valence(v));
            }
        }
    }
}

fn flag_value(n: usize, s: &str) -> Result<bool, LexiconError> {
    match s.trim() {
        "0" => Ok(false),
        "1" => Ok(true),
        other => Err(LexiconError::line(
            n,
            K::OutOfRange,
            format!("association {other:?} is not 0 or 1"),
        )),
    }
}

/// Reads a negator list: one word or phrase per line; `#` starts a comment line.
///
/// # Errors
/// A [`LexiconError`] for a line with a tab, invalid UTF-8 or an I/O error.
pub fn parse_negators<R: Read>(reader: R) -> Result<Vec<String>, LexiconError> {
    let mut out = Vec::new();
    for_each_line(reader, true, |n, line| {
        if line.contains('\t') {
            return Err(LexiconError::line(
                n,
                K::FieldCount,
                "expected one negator per line, found a tab",
            ));
        }
        out.push(term(n, line)?);
        Ok(())
    })?;
    Ok(out)
}

/// One line of emotive's TSV: the normalised term, the dimension (0–7 an emotion, 8
/// valence) and the value.
fn tsv_line(n: usize, line: &str) -> Result<(std::borrow::Cow<'_, str>, usize, f32), LexiconError> {
    // Split on tabs by hand: `str::split` with a char pattern was a third of the cost.
    let b = line.as_bytes();
    let mut tabs = [usize::MAX; 3];
    let mut n_tabs = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == b'\t' {
            if n_tabs < 3 {
                tabs[n_tabs] = i;
            }
            n_tabs += 1;
        }
    }
    let (t, dim, value) = match n_tabs {
        1 => (&line[..tabs[0]], "valence", &line[tabs[0] + 1..]),
        2 => (
            &line[..tabs[0]],
            &line[tabs[0] + 1..tabs[1]],
            &line[tabs[1] + 1..],
        ),
        _ => {
            return Err(LexiconError::line(
                n,
                K::FieldCount,
                format!(
                    "expected 2 or 3 tab-separated fields, found {}",
                    line.split('\t').count()
                ),
            ));
        }
    };
    let t = normalize_term_cow(t);
    if t.is_empty() {
        return Err(LexiconError::line(n, K::EmptyTerm, "empty term"));
    }
    let dim = dim.trim();
    if dim.eq_ignore_ascii_case("valence") {
        Ok((
            t,
            8,
            in_range(n, number(n, value, "valence")?, -4.0, 4.0, "valence")?,
        ))
    } else {
        let e = emotion(n, dim)?;
        Ok((
            t,
            e.index(),
            in_range(n, number(n, value, "intensity")?, 0.0, 1.0, "intensity")?,
        ))
    }
}

/// The first line of `data` that gives `term` the dimension `code` (for error messages).
fn first_line(data: &[u8], term: &str, code: usize) -> usize {
    let mut first = 0;
    let _ = for_each_line_in(data, true, |n, line| {
        if let Ok((t, c, _)) = tsv_line(n, line)
            && first == 0
            && c == code
            && t == term
        {
            first = n;
        }
        Ok(())
    });
    first
}

/// Reads negation exceptions: `negator<TAB>companion<TAB>multiplier`. When `companion`
/// stands between `negator` and a sentiment word (or is that word), the negator multiplies
/// the word's valence by `multiplier` (within ±2) instead of flipping it: `never<TAB>so<TAB>1.25`
/// makes "never been so happy" very happy.
///
/// # Errors
/// A [`LexiconError`] for a line without three fields, a multiplier that is not a number
/// within ±2, invalid UTF-8 or an I/O error.
pub fn parse_negation_exceptions<R: Read>(
    reader: R,
) -> Result<Vec<(String, String, f32)>, LexiconError> {
    let mut out = Vec::new();
    for_each_line(reader, true, |n, line| {
        let fields: Vec<&str> = line.split('\t').collect();
        let [neg, comp, m] = fields[..] else {
            return Err(LexiconError::line(
                n,
                K::FieldCount,
                format!("expected 3 tab-separated fields, found {}", fields.len()),
            ));
        };
        let m = in_range(n, number(n, m, "multiplier")?, -2.0, 2.0, "multiplier")?;
        out.push((term(n, neg)?, term(n, comp)?, m));
        Ok(())
    })?;
    Ok(out)
}

/// Reads context cues: `term<TAB>cue cue …`. The term then counts only when one of the cue
/// words stands among the two words before it in the same clause, or, when its cues include
/// `^`, when it opens the clause (`like` counts in "I really like it" and "Like it!", not in
/// "it looks like rain"; `content` without `^` does not count in "Content is king").
///
/// # Errors
/// A [`LexiconError`] for a line without two fields or without cue words, invalid UTF-8 or
/// an I/O error.
pub fn parse_cues<R: Read>(reader: R) -> Result<Vec<(String, Vec<String>)>, LexiconError> {
    let mut out = Vec::new();
    for_each_line(reader, true, |n, line| {
        let fields: Vec<&str> = line.split('\t').collect();
        let [t, cues] = fields[..] else {
            return Err(LexiconError::line(
                n,
                K::FieldCount,
                format!("expected 2 tab-separated fields, found {}", fields.len()),
            ));
        };
        let cues: Vec<String> = cues.split_whitespace().map(normalize_term).collect();
        if cues.is_empty() {
            return Err(LexiconError::line(n, K::Format, "no cue words"));
        }
        out.push((term(n, t)?, cues));
        Ok(())
    })?;
    Ok(out)
}

/// Reads booster/dampener modifiers: `term<TAB>scalar`, where a positive scalar (VADER uses
/// 0.293) strengthens the next sentiment word and a negative one weakens it. The scalar
/// must lie within ±2.
///
/// # Errors
/// A [`LexiconError`] for a line without two fields, a scalar that is not a number within
/// ±2, invalid UTF-8 or an I/O error.
pub fn parse_modifiers<R: Read>(reader: R) -> Result<Vec<(String, f32)>, LexiconError> {
    let mut out = Vec::new();
    for_each_line(reader, true, |n, line| {
        let fields: Vec<&str> = line.split('\t').collect();
        let [t, v] = fields[..] else {
            return Err(LexiconError::line(
                n,
                K::FieldCount,
                format!("expected 2 tab-separated fields, found {}", fields.len()),
            ));
        };
        let v = in_range(n, number(n, v, "scalar")?, -2.0, 2.0, "scalar")?;
        out.push((term(n, t)?, v));
        Ok(())
    })?;
    Ok(out)
}

/// Reads contrast words: `term<TAB>before<TAB>after[<TAB>pivot|concession]`.
///
/// A *pivot* (`but`, `however`) weighs the sentence's words before it by `before` and those
/// after it by `after`. A *concession* (`although`, `even though`) weighs the clause it opens
/// (up to the next clause break) by `before` and the rest of the sentence by `after`.
/// Weights lie in `[0, 4]`.
///
/// # Errors
/// A [`LexiconError`] for a wrong number of fields, a weight that is not a number in
/// `[0, 4]`, an unknown kind, invalid UTF-8 or an I/O error.
pub fn parse_contrast<R: Read>(reader: R) -> Result<Vec<ContrastWord>, LexiconError> {
    let mut out = Vec::new();
    for_each_line(reader, true, |n, line| {
        let fields: Vec<&str> = line.split('\t').collect();
        let (t, b, a, kind) = match fields[..] {
            [t, b, a] => (t, b, a, "pivot"),
            [t, b, a, k] => (t, b, a, k.trim()),
            _ => {
                return Err(LexiconError::line(
                    n,
                    K::FieldCount,
                    format!(
                        "expected 3 or 4 tab-separated fields, found {}",
                        fields.len()
                    ),
                ));
            }
        };
        let b = in_range(n, number(n, b, "weight")?, 0.0, 4.0, "weight")?;
        let a = in_range(n, number(n, a, "weight")?, 0.0, 4.0, "weight")?;
        let t = term(n, t)?;
        out.push(match kind {
            "pivot" => ContrastWord::pivot(&t, b, a),
            "concession" => ContrastWord::concession(&t, b, a),
            k => {
                return Err(LexiconError::line(
                    n,
                    K::Format,
                    format!("unknown contrast kind {k:?} (expected pivot or concession)"),
                ));
            }
        });
        Ok(())
    })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err<T: std::fmt::Debug>(r: Result<T, LexiconError>) -> String {
        r.unwrap_err().to_string()
    }

    #[test]
    fn emotive_tsv() {
        let lex = Lexicon::from_tsv(
            "# header\n\ngood\t1.9\r\ngood\tjoy\t0.5\nfed up\tvalence\t-1.5\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(lex.len(), 2);
        assert_eq!(lex.get("good").unwrap().emotion(Emotion::Joy), 0.5);
        assert_eq!(lex.get("fed up").unwrap().valence(), Some(-1.5));
        assert_eq!(
            err(Lexicon::from_tsv("a\t1\nb\tjoyy\t0.5\n".as_bytes())),
            "lexicon line 2: unknown emotion \"joyy\""
        );
        assert_eq!(
            err(Lexicon::from_tsv("a\tx\n".as_bytes())),
            "lexicon line 1: valence \"x\" is not a number"
        );
        assert_eq!(
            err(Lexicon::from_tsv("a\t9\n".as_bytes())),
            "lexicon line 1: valence 9 is outside [-4, 4]"
        );
        assert_eq!(
            err(Lexicon::from_tsv("a\tjoy\t1.5\n".as_bytes())),
            "lexicon line 1: intensity 1.5 is outside [0, 1]"
        );
        assert_eq!(
            err(Lexicon::from_tsv("a\t1\t2\t3\n".as_bytes())),
            "lexicon line 1: expected 2 or 3 tab-separated fields, found 4"
        );
        assert_eq!(
            err(Lexicon::from_tsv("a\t1\nA\t2\n".as_bytes())),
            "lexicon line 2: duplicate valence for \"a\" (first given on line 1)"
        );
        assert_eq!(
            err(Lexicon::from_tsv(" \t1\n".as_bytes())),
            "lexicon line 1: empty term"
        );
        assert_eq!(
            err(Lexicon::from_tsv(&b"ok\t1\nb\xffd\t1\n"[..])),
            "lexicon line 2: invalid UTF-8 at byte 1"
        );
        assert_eq!(
            err(Lexicon::from_tsv("a\tNaN\n".as_bytes())),
            "lexicon line 1: valence \"NaN\" is not finite"
        );
    }

    #[test]
    fn vader_format_later_duplicate_wins() {
        let lex = Lexicon::from_vader(
            "lol\t2.9\t0.8\t[4, 2]\n:D\t2.3\t1\t[]\nlol\t1.8\t1.4\t[1]\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(lex.get("lol").unwrap().valence(), Some(1.8));
        assert_eq!(lex.get(":D").unwrap().valence(), Some(2.3));
        assert!(lex.get(":d").is_none());
        assert_eq!(
            err(Lexicon::from_vader("x\n".as_bytes())),
            "lexicon line 1: expected at least 2 tab-separated fields"
        );
    }

    #[test]
    fn afinn_scaled_and_averaged() {
        let lex =
            Lexicon::from_afinn("good\t3\nnot good\t-2\nbra\t2\nbra\t3\n".as_bytes()).unwrap();
        assert!((lex.get("good").unwrap().valence().unwrap() - 2.4).abs() < 1e-6);
        assert!((lex.get("bra").unwrap().valence().unwrap() - 2.0).abs() < 1e-6);
        assert_eq!(lex.get("not good").unwrap().valence(), Some(-1.6));
        assert_eq!(
            err(Lexicon::from_afinn("x\t2.5\n".as_bytes())),
            "lexicon line 1: score \"2.5\" is not an integer"
        );
        assert_eq!(
            err(Lexicon::from_afinn("x\t6\n".as_bytes())),
            "lexicon line 1: score 6 is outside [-5, 5]"
        );
    }

    #[test]
    fn nrc_emolex_word_level() {
        let text = "abandon\tanger\t0\nabandon\tfear\t1\nabandon\tnegative\t1\nabandon\tsadness\t1\nzest\tjoy\t1\n";
        let lex = Lexicon::from_nrc_emolex(text.as_bytes()).unwrap();
        let a = lex.get("abandon").unwrap();
        assert_eq!(
            a.emotions().map(|(e, _)| e).collect::<Vec<_>>(),
            [Emotion::Fear, Emotion::Sadness]
        );
        assert_eq!(a.valence(), None);
        assert_eq!(
            err(Lexicon::from_nrc_emolex(
                "a\tanger\t1\na\tjoyy\t1\n".as_bytes()
            )),
            "lexicon line 2: unknown emotion \"joyy\""
        );
        assert_eq!(
            err(Lexicon::from_nrc_emolex(
                "a\tanger\t1\na\tjoy\t2\n".as_bytes()
            )),
            "lexicon line 2: association \"2\" is not 0 or 1"
        );
    }

    #[test]
    fn nrc_emolex_wide() {
        let text = "English Word\tFrench\tPositive\tAnger\tJoy\tTrust\nhappy\theureux\t1\t0\t1\t1\ncalm\tcalme\t1\t0\t0\t0\n";
        let lex = Lexicon::from_nrc_emolex(text.as_bytes()).unwrap();
        assert_eq!(lex.len(), 1, "rows without any emotion are left out");
        assert_eq!(lex.get("happy").unwrap().emotion(Emotion::Trust), 1.0);
        assert_eq!(
            err(Lexicon::from_nrc_emolex(
                "Word\tJoy\nhappy\t1\t0\n".as_bytes()
            )),
            "lexicon line 2: expected 2 tab-separated fields as in the header, found 3"
        );
        assert!(
            err(Lexicon::from_nrc_emolex("a b c\n".as_bytes()))
                .starts_with("lexicon line 1: neither")
        );
    }

    #[test]
    fn nrc_intensity() {
        let text = "word\temotion\tscore\nfurious\tanger\t0.929\nglee\tjoy\t0.8\n";
        let lex = Lexicon::from_nrc_intensity(text.as_bytes()).unwrap();
        assert_eq!(lex.len(), 2);
        assert!((lex.get("furious").unwrap().emotion(Emotion::Anger) - 0.929).abs() < 1e-6);
        assert_eq!(
            err(Lexicon::from_nrc_intensity("a\tjoy\t1.2\n".as_bytes())),
            "lexicon line 1: score 1.2 is outside [0, 1]"
        );
    }

    #[test]
    fn word_lists() {
        assert_eq!(
            parse_negators("# c\nnot\nNever\n".as_bytes()).unwrap(),
            ["not", "never"]
        );
        assert!(parse_negators("not\tx\n".as_bytes()).is_err());
        assert_eq!(
            parse_modifiers("very\t0.293\nkind of\t-0.293\n".as_bytes()).unwrap()[1].1,
            -0.293
        );
        assert_eq!(
            err(parse_modifiers("very\t3\n".as_bytes())),
            "lexicon line 1: scalar 3 is outside [-2, 2]"
        );
        let c =
            parse_contrast("but\t0.5\t1.5\nalthough\t0.5\t1.5\tconcession\n".as_bytes()).unwrap();
        assert_eq!(c.len(), 2);
        assert!(
            err(parse_contrast("but\t0.5\t1.5\tmaybe\n".as_bytes()))
                .contains("unknown contrast kind")
        );
    }
}
