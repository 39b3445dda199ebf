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
        Carry::Json(members) => members.iter().map(|(k, _)| k.clone()).collect(),
    }
}

/// Why an item does not fit the CSV columns fixed by the first item.
pub enum Misfit {
    /// A CSV/TSV input whose carried columns differ from the header's: a failure (one CSV
    /// output has one header).
    Header(String),
    /// A JSON object with members the header has no column for: the row is skipped.
    Members(String),
}

impl Formatter {
    /// Checks that `item` fits the CSV columns (always true for other formats). A JSON
    /// object may lack some columns (their cells stay empty) but not add any.
    pub fn fits(&self, item: &Item) -> Result<(), Misfit> {
        if item.skipped.is_some() {
            return Ok(());
        }
        let Some(cols) = (self.format == OutputFormat::Csv)
            .then_some(self.columns.as_ref())
            .flatten()
        else {
            return Ok(());
        };
        match &item.carry {
            Carry::None if cols.is_empty() => Ok(()),
            Carry::None => Err(Misfit::Header(format!(
                "it has no columns to carry, but the CSV output has columns {}",
                cols.join(", ")
            ))),
            Carry::Fields(names, _) => {
                if Arc::ptr_eq(names, cols) || names == cols {
                    Ok(())
                } else {
                    Err(Misfit::Header(format!(
                        "its columns ({}) differ from the first input's ({}), and CSV output has one header; score the files separately, or use --format jsonl",
                        names.join(", "),
                        cols.join(", ")
                    )))
                }
            }
            Carry::Json(members) => {
                // Hashed, not nested loops: a dump can carry thousands of columns.
                let known: std::collections::HashSet<&str> =
                    cols.iter().map(String::as_str).collect();
                let extra: Vec<&str> = members
                    .iter()
                    .map(|(k, _)| k.as_str())
                    .filter(|k| !known.contains(k))
                    .collect();
                if extra.is_empty() {
                    Ok(())
                } else {
                    let (what, verb) = if extra.len() == 1 {
                        ("member", "is")
                    } else {
                        ("members", "are")
                    };
                    Err(Misfit::Members(format!(
                        "{what} {} {verb} not among the CSV columns fixed by the first row ({}); use --format jsonl to keep every member",
                        extra.join(", "),
                        cols.join(", ")
                    )))
                }
            }
        }
    }
}

impl Formatter {
    /// The CSV header's names: the carried columns, then emotive's.
    fn header_names(&self) -> Vec<String> {
        let mut row: Vec<String> = self
            .columns
            .as_ref()
            .map_or_else(Vec::new, |c| c.as_ref().clone());
        if self.with_text {
            row.push("text".into());
        }
        row.extend(["compound", "label", "dominant"].map(String::from));
        row.extend(Emotion::ALL.iter().map(|e| e.name().to_string()));
        if self.explain {
            row.push("terms".into());
        }
        row
    }

    /// The CSV header line for this run (empty for other formats).
    pub fn header(&self) -> Vec<u8> {
        if self.format != OutputFormat::Csv {
            return Vec::new();
        }
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record(self.header_names());
        w.into_inner().unwrap_or_default()
    }

    /// Appends one formatted item to `out`.
    pub fn write(&self, item: &Item, a: &Analysis, out: &mut Vec<u8>) {
        if let Some(reason) = &item.skipped {
            self.placeholder(item, reason, out);
            return;
        }
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
        let mut key = |out: &mut Vec<u8>, k: &str| {
            if any {
                out.push(b',');
            }
            any = true;
            let _ = serde_json::to_writer(&mut *out, k);
            out.push(b':');
        };
        match &item.carry {
            Carry::None => {}
            Carry::Fields(names, values) => {
                for (k, v) in names.iter().zip(values) {
                    key(out, k);
                    let _ = serde_json::to_writer(&mut *out, v);
                }
            }
            Carry::Json(members) => {
                for (k, v) in members {
                    key(out, k);
                    // As written in the input, byte for byte.
                    out.extend_from_slice(v.get().as_bytes());
                }
            }
        }
        if self.with_text {
            key(out, "text");
            let _ = serde_json::to_writer(&mut *out, &item.text);
        }
        if !any {
            out.truncate(start);
        }
        let at = out.len();
        if self.explain {
            // Hits: the general serializer.
            let _ = serde_json::to_writer(&mut *out, a);
        } else {
            crate::json::analysis(a, out);
        }
        if any {
            out[at] = b',';
        }
        out.push(b'\n');
    }

    fn csv(&self, item: &Item, a: &Analysis, out: &mut Vec<u8>) {
        thread_local! {
            // One writer per thread, reused row after row (a writer per row cost an 8 KB
            // buffer, and a `String` per cell): it writes into `Shared`, whose bytes each row
            // hands over to `out`.
            static CSV: std::cell::RefCell<(csv::Writer<Shared>, Shared, String)> = {
                let shared = Shared::default();
                let w = csv::WriterBuilder::new()
                    .has_headers(false)
                    .from_writer(shared.clone());
                std::cell::RefCell::new((w, shared, String::new()))
            };
        }
        CSV.with(|cell| {
            let (w, shared, num) = &mut *cell.borrow_mut();
            self.csv_row(item, a, w, num);
            let _ = w.write_record(None::<&[u8]>);
            let _ = w.flush();
            out.append(&mut shared.0.borrow_mut());
        });
    }

    /// The cells of one CSV row (writing to a `Vec` cannot fail).
    fn csv_row(&self, item: &Item, a: &Analysis, w: &mut csv::Writer<Shared>, num: &mut String) {
        use std::fmt::Write as _;
        if let Some(cols) = &self.columns {
            match &item.carry {
                // `fits` made sure the names are the columns.
                Carry::Fields(_, values) => {
                    for v in values {
                        let _ = w.write_field(v);
                    }
                }
                Carry::None => {}
                Carry::Json(members) => {
                    let by_key: std::collections::HashMap<&str, &serde_json::value::RawValue> =
                        members.iter().map(|(k, v)| (k.as_str(), &**v)).collect();
                    for c in cols.iter() {
                        // A string as its text, anything else as written; absent: empty.
                        let cell = by_key
                            .get(c.as_str())
                            .map(|v| {
                                serde_json::from_str::<String>(v.get())
                                    .unwrap_or_else(|_| v.get().to_string())
                            })
                            .unwrap_or_default();
                        let _ = w.write_field(cell);
                    }
                }
            }
        }
        if self.with_text {
            let _ = w.write_field(&item.text);
        }
        let mut number = |w: &mut csv::Writer<Shared>, x: f64| {
            num.clear();
            let _ = write!(num, "{x:.4}");
            let _ = w.write_field(num.as_bytes());
        };
        number(w, a.compound());
        let _ = w.write_field(a.label().name());
        let _ = w.write_field(a.dominant().map_or("", |e| e.name()));
        for (_, v) in a.emotions().iter() {
            number(w, f64::from(v));
        }
        if self.explain {
            let _ = w.write_field(terms(a));
        }
    }

    /// The line standing for a skipped text line, so that output line N answers input
    /// line N: `{"line":N,"skipped":"reason"}`, a CSV row with empty cells, or a table row.
    fn placeholder(&self, item: &Item, reason: &str, out: &mut Vec<u8>) {
        match self.format {
            OutputFormat::Jsonl => {
                let _ = write!(out, "{{\"line\":{},\"skipped\":", item.line);
                let _ = serde_json::to_writer(&mut *out, reason);
                out.extend_from_slice(b"}\n");
            }
            OutputFormat::Csv => {
                let cells = self.header_names().len();
                out.extend(std::iter::repeat_n(b',', cells.saturating_sub(1)));
                out.push(b'\n');
            }
            OutputFormat::Table => {
                let _ = writeln!(out, "{:<8} {:>7}  {:<12} ({reason})", "skipped", "", "-");
            }
        }
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

/// A byte buffer shared by a thread's CSV writer and the code that takes its rows.
#[derive(Clone, Default)]
struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
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
