//! Writing results: JSON Lines, CSV or a table for people. Formatting runs on the worker
//! threads; the main thread only writes finished bytes, in input order.

use std::io::Write;
use std::sync::Arc;

use clap::ValueEnum;
use emotive::{Analysis, Emotion};

use crate::input::{Carry, Item};

/// The output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One JSON object per item: the input's other columns, then emotive's fields.
    Jsonl,
    /// The input's other columns, then compound, label, dominant and one column per emotion.
    Csv,
    /// Aligned columns for reading in a terminal.
    Table,
}

/// Keys of emotive's JSON shape; an input column with one of these names is carried through
/// as `input_<name>` so that nothing is overwritten.
const RESERVED: &[&str] = &[
    "compound",
    "label",
    "positive",
    "negative",
    "neutral",
    "emotions",
    "detected",
    "dominant",
    "sentences",
    "hits",
];

fn carried_key(k: &str) -> std::borrow::Cow<'_, str> {
    if RESERVED.contains(&k) {
        std::borrow::Cow::Owned(format!("input_{k}"))
    } else {
        std::borrow::Cow::Borrowed(k)
    }
}

/// Formats items of one run.
#[derive(Clone, Debug)]
pub struct Formatter {
    pub format: OutputFormat,
    pub explain: bool,
    pub with_text: bool,
    /// CSV: the carried column names of the header, fixed by the first item.
    pub columns: Option<Arc<Vec<String>>>,
}

/// The names of the values an item carries.
pub fn carried_names(item: &Item) -> Vec<String> {
    match &item.carry {
        Carry::None => Vec::new(),
        Carry::Fields(names, _) => names.as_ref().clone(),
        Carry::Json(obj) => obj.keys().cloned().collect(),
    }
}

impl Formatter {
    /// The CSV header line for this run (empty for other formats).
    pub fn header(&self) -> Vec<u8> {
        if self.format != OutputFormat::Csv {
            return Vec::new();
        }
        let mut row: Vec<String> = self.columns.as_ref().map_or_else(Vec::new, |c| {
            c.iter().map(|k| carried_key(k).into_owned()).collect()
        });
        if self.with_text {
            row.push("text".into());
        }
        row.extend(["compound", "label", "dominant"].map(String::from));
        row.extend(Emotion::ALL.iter().map(|e| e.name().to_string()));
        if self.explain {
            row.push("terms".into());
        }
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record(&row);
        w.into_inner().unwrap_or_default()
    }

    /// Appends one formatted item to `out`.
    pub fn write(&self, item: &Item, a: &Analysis, out: &mut Vec<u8>) {
        match self.format {
            OutputFormat::Jsonl => self.jsonl(item, a, out),
            OutputFormat::Csv => self.csv(item, a, out),
            OutputFormat::Table => self.table(item, a, out),
        }
    }

    fn jsonl(&self, item: &Item, a: &Analysis, out: &mut Vec<u8>) {
        let start = out.len();
        out.push(b'{');
        let mut any = false;
        let mut pair = |out: &mut Vec<u8>, k: &str, v: &dyn erased::Json| {
            if any {
                out.push(b',');
            }
            any = true;
            let _ = serde_json::to_writer(&mut *out, &carried_key(k));
            out.push(b':');
            v.write_json(out);
        };
        match &item.carry {
            Carry::None => {}
            Carry::Fields(names, values) => {
                for (k, v) in names.iter().zip(values) {
                    pair(out, k, v);
                }
            }
            Carry::Json(obj) => {
                for (k, v) in obj {
                    pair(out, k, v);
                }
            }
        }
        if self.with_text {
            pair(out, "text", &item.text);
        }
        if any {
            let at = out.len();
            let _ = serde_json::to_writer(&mut *out, a);
            out[at] = b',';
        } else {
            out.truncate(start);
            let _ = serde_json::to_writer(&mut *out, a);
        }
        out.push(b'\n');
    }

    fn csv(&self, item: &Item, a: &Analysis, out: &mut Vec<u8>) {
        let mut row: Vec<String> = Vec::new();
        if let Some(cols) = &self.columns {
            for c in cols.iter() {
                let v = match &item.carry {
                    Carry::None => String::new(),
                    Carry::Fields(names, values) => names
                        .iter()
                        .position(|n| n == c)
                        .map(|i| values[i].clone())
                        .unwrap_or_default(),
                    Carry::Json(obj) => match obj.get(c) {
                        Some(serde_json::Value::String(s)) => s.clone(),
                        Some(v) => v.to_string(),
                        None => String::new(),
                    },
                };
                row.push(v);
            }
        }
        if self.with_text {
            row.push(item.text.clone());
        }
        row.push(format!("{:.4}", a.compound()));
        row.push(a.label().name().to_string());
        row.push(a.dominant().map_or("", |e| e.name()).to_string());
        for (_, v) in a.emotions().iter() {
            row.push(format!("{v:.4}"));
        }
        if self.explain {
            row.push(terms(a));
        }
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(&mut *out);
        let _ = w.write_record(&row);
        let _ = w.flush();
    }

    fn table(&self, item: &Item, a: &Analysis, out: &mut Vec<u8>) {
        let text: String = item
            .text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let shown: String = text.chars().take(90).collect();
        let more = if text.chars().count() > 90 { "…" } else { "" };
        let _ = write!(
            out,
            "{:<8} {:>+7.3}  {:<12} {shown}{more}",
            a.label().name(),
            a.compound(),
            a.dominant().map_or("-", |e| e.name())
        );
        if self.explain {
            let _ = write!(out, "  [{}]", terms(a));
        }
        out.push(b'\n');
    }
}

/// `term(+1.23) other(-0.5) …` for the hits.
fn terms(a: &Analysis) -> String {
    a.hits()
        .iter()
        .map(|h| {
            let emo: Vec<&str> = h.emotions().map(|(e, _)| e.name()).collect();
            if emo.is_empty() {
                format!("{}({:+.2})", h.term(), h.contribution())
            } else {
                format!("{}({:+.2} {})", h.term(), h.contribution(), emo.join("/"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A tiny object-safe "write me as JSON" for the two kinds of carried values.
mod erased {
    pub trait Json {
        fn write_json(&self, out: &mut Vec<u8>);
    }

    impl Json for String {
        fn write_json(&self, out: &mut Vec<u8>) {
            let _ = serde_json::to_writer(out, self);
        }
    }

    impl Json for serde_json::Value {
        fn write_json(&self, out: &mut Vec<u8>) {
            let _ = serde_json::to_writer(out, self);
        }
    }
}
