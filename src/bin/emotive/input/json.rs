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

/// Parses one line as an object; the error is the reason the row is skipped.
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

/// A JSON value as text: a string decoded, anything else as written.
pub fn as_text(raw: &RawValue) -> String {
    serde_json::from_str::<String>(raw.get()).unwrap_or_else(|_| raw.get().to_string())
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
