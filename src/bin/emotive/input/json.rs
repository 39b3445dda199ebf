//! JSON Lines objects read without changing what they carry: members keep their order, their
//! duplicates and their exact bytes (a number such as `12345678901234567890123` or `1.10` is
//! passed through as written, not through a float).

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

/// An object's members, in order, duplicates kept, values as written.
pub struct Members(pub Vec<(String, Box<RawValue>)>);

impl<'de> Deserialize<'de> for Members {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Members, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Members;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Members, A::Error> {
                let mut v = Vec::new();
                while let Some(pair) = m.next_entry::<String, Box<RawValue>>()? {
                    v.push(pair);
                }
                Ok(Members(v))
            }
        }
        d.deserialize_map(V)
    }
}

/// What a JSON text is, for messages.
pub fn kind(raw: &str) -> &'static str {
    match raw.trim_start().as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// Parses one line as an object; the error is the reason the row is skipped. Values are
/// kept as written (a lone surrogate escape in a carried value passes through unchanged).
pub fn parse_object(line: &str) -> Result<Members, String> {
    match serde_json::from_str::<Members>(line) {
        Ok(m) => Ok(m),
        Err(e) if e.is_data() => match serde_json::from_str::<Box<RawValue>>(line) {
            Ok(raw) => Err(format!("not a JSON object but {}", kind(raw.get()))),
            Err(_) => Err(format!("invalid JSON: {e}")),
        },
        Err(e) => Err(format!("invalid JSON: {e}")),
    }
}

fn first(members: &[(String, Box<RawValue>)], key: &str) -> Option<usize> {
    members.iter().position(|(k, _)| k == key)
}

/// The value at a dotted path (`review.body`), the first member of each name.
pub fn lookup(members: &[(String, Box<RawValue>)], path: &str) -> Option<Box<RawValue>> {
    let (head, rest) = match path.split_once('.') {
        Some((h, r)) => (h, Some(r)),
        None => (path, None),
    };
    let raw = &members[first(members, head)?].1;
    match rest {
        None => Some(raw.clone()),
        Some(rest) => {
            let inner: Members = serde_json::from_str(raw.get()).ok()?;
            lookup(&inner.0, rest)
        }
    }
}

/// A JSON string's text. A lone UTF-16 surrogate escape (`"\\ud83d"`, what a tweet cut in
/// the middle of an emoji leaves) is read as U+FFFD rather than making the string unreadable.
pub fn string(raw: &RawValue) -> Option<String> {
    serde_json::from_str::<String>(raw.get()).ok().or_else(|| {
        let fixed = without_lone_surrogates(raw.get())?;
        serde_json::from_str::<String>(&fixed).ok()
    })
}

/// A JSON value as text: a string decoded, anything else as written.
pub fn as_text(raw: &RawValue) -> String {
    string(raw).unwrap_or_else(|| raw.get().to_string())
}

/// Removes the value at a dotted path (its first occurrence), and objects the removal leaves
/// empty, so that the text is not carried through twice. Other members keep their bytes.
pub fn remove(members: &mut Vec<(String, Box<RawValue>)>, path: &str) {
    match path.split_once('.') {
        None => {
            if let Some(i) = first(members, path) {
                members.remove(i);
            }
        }
        Some((head, rest)) => {
            let Some(i) = first(members, head) else {
                return;
            };
            let Ok(mut inner) = serde_json::from_str::<Members>(members[i].1.get()) else {
                return;
            };
            remove(&mut inner.0, rest);
            if inner.0.is_empty() {
                members.remove(i);
            } else if let Ok(raw) = RawValue::from_string(write_object(&inner.0)) {
                members[i].1 = raw;
            }
        }
    }
}

/// `{"k":v,…}` with the values as written.
fn write_object(members: &[(String, Box<RawValue>)]) -> String {
    let mut out = String::from("{");
    for (i, (k, v)) in members.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&serde_json::to_string(k).unwrap_or_default());
        out.push(':');
        out.push_str(v.get());
    }
    out.push('}');
    out
}

/// `line` with every `\\uXXXX` escape of a surrogate that is not half of a pair replaced by
/// `\\ufffd`; `None` when there is none.
fn without_lone_surrogates(line: &str) -> Option<String> {
    let b = line.as_bytes();
    let hex = |i: usize| -> Option<u16> {
        let h = b.get(i..i + 4)?;
        u16::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok()
    };
    // A `\uXXXX` escape starting at byte i.
    let escape = |i: usize| -> Option<u16> {
        (b.get(i) == Some(&b'\\') && b.get(i + 1) == Some(&b'u'))
            .then(|| hex(i + 2))
            .flatten()
    };
    let mut out = String::with_capacity(line.len());
    let mut changed = false;
    let mut last = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        match escape(i) {
            Some(u @ 0xD800..=0xDBFF) if matches!(escape(i + 6), Some(0xDC00..=0xDFFF)) => {
                let _ = u;
                i += 12;
            }
            Some(0xD800..=0xDFFF) => {
                out.push_str(&line[last..i]);
                out.push_str("\\ufffd");
                changed = true;
                i += 6;
                last = i;
            }
            // Any other escape: skip the escaped character (an escaped backslash included).
            _ => i += 2,
        }
    }
    out.push_str(&line[last.min(line.len())..]);
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        let m = parse_object(r#"{"note":"\ud83d","text":"good \ud83d\ude00","x":"\\ud83d"}"#)
            .expect("parsed");
        assert_eq!(m.0[0].1.get(), r#""\ud83d""#, "carried as written");
        assert_eq!(as_text(&m.0[0].1), "\u{fffd}");
        assert_eq!(as_text(&m.0[1].1), "good 😀");
        assert_eq!(as_text(&m.0[2].1), "\\ud83d");
        assert!(without_lone_surrogates(r#"{"a":"\ud83d\ude00"}"#).is_none());
    }
}
