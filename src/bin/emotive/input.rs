//! Reading items from plain text, CSV/TSV and JSON Lines, plain or gzip-compressed, in
//! chunks. Bad rows are reported with file, line and reason and skipped; they never vanish
//! silently.
//!
//! Every input starts with an encoding check: a UTF-8 byte-order mark is dropped, UTF-16 with
//! a byte-order mark is decoded (what PowerShell's `>` writes), UTF-32 and UTF-16 without a
//! mark are refused with a message naming the encoding.

/// `eprintln!` that never panics: when stderr cannot be written (a full disk behind
/// `2>file`), the message is lost but the run goes on and its exit status still tells.
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}
pub(crate) use note;

mod json;
pub mod names;
mod records;

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::Receiver;

use anyhow::{Context, Result, anyhow, bail};
use clap::ValueEnum;
use serde_json::value::RawValue;

use records::{Next, Records};

/// How to read an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// Guess from the file name: `.csv`, `.tsv`/`.tab`, `.jsonl`/`.ndjson`/`.json`, else text
    /// (a trailing `.gz` is looked through).
    Auto,
    /// One item per line.
    Text,
    /// Comma-separated with a header row; quoted fields may span lines.
    Csv,
    /// Tab-separated with a header row; split on tabs only (quotes are literal).
    Tsv,
    /// One JSON object per line.
    Jsonl,
}

impl InputFormat {
    pub fn resolve(self, name: &str) -> InputFormat {
        if self != InputFormat::Auto {
            return self;
        }
        let lower = name.to_ascii_lowercase();
        let base = lower.strip_suffix(".gz").unwrap_or(&lower);
        if base.ends_with(".csv") {
            InputFormat::Csv
        } else if base.ends_with(".tsv") || base.ends_with(".tab") {
            InputFormat::Tsv
        } else if base.ends_with(".jsonl") || base.ends_with(".ndjson") || base.ends_with(".json") {
            InputFormat::Jsonl
        } else {
            InputFormat::Text
        }
    }
}

/// Where the text, and the other values, of a row come from.
#[derive(Clone, Debug)]
pub struct Layout {
    pub format: InputFormat,
    /// CSV/TSV column holding the text.
    pub column: String,
    /// JSON path (dots for nesting) holding the text.
    pub field: String,
    /// Column or JSON path holding a date, for summaries over time.
    pub date: Option<String>,
    /// Column or JSON path holding each item's own id, for reports (`None`: a column or
    /// top-level field named `id` when there is one).
    pub id: Option<String>,
    /// Skip rows with invalid UTF-8 instead of reading it as U+FFFD.
    pub strict_utf8: bool,
    /// Longest line read; a longer one is reported and skipped without being held whole.
    pub max_line: u64,
}

/// The other values of a row, carried through to the output under the names
/// [`names::make_unique`] gives them.
#[derive(Clone, Debug)]
pub enum Carry {
    None,
    /// CSV/TSV: the header (shared by the file's rows) and the row's values, without the
    /// text column.
    Fields(Arc<Vec<String>>, Vec<String>),
    /// JSON: the object's members in order, values byte for byte as written, without the
    /// text field.
    Json(Vec<(String, Box<RawValue>)>),
}

pub struct Item {
    pub text: String,
    pub carry: Carry,
    pub date: Option<String>,
    /// The item's own id (see [`Layout::id`]).
    pub id: Option<String>,
    /// Index of the input it came from, and its line there (for messages).
    pub source: u32,
    pub line: u64,
    /// A text line that was reported and skipped: it stays in the stream as a placeholder
    /// so that output line N still answers input line N (text input only; never scored).
    pub skipped: Option<Box<str>>,
}

pub struct Chunk {
    pub items: Vec<Item>,
    /// Input bytes consumed to produce these items (for the progress bar).
    pub bytes: u64,
    /// The input (an interactive stdin) has nothing more for now: write and flush these
    /// results instead of waiting for a full chunk.
    pub idle: bool,
    /// The carried column names of a CSV/TSV input whose header was read since the last
    /// chunk (so that CSV output has its header even when no row follows).
    pub columns: Option<Arc<Vec<String>>>,
}

/// Reports skipped rows on stderr and counts them; stops the run in strict mode. Counts
/// (and notes) rows whose invalid UTF-8 was read as U+FFFD.
pub struct Reporter {
    pub skipped: AtomicU64,
    pub replaced: AtomicU64,
    pub strict: bool,
    pub quiet: bool,
}

impl Reporter {
    pub fn new(strict: bool, quiet: bool) -> Reporter {
        Reporter {
            skipped: AtomicU64::new(0),
            replaced: AtomicU64::new(0),
            strict,
            quiet,
        }
    }

    /// Reports a skipped row. In strict mode this is an error that stops the run.
    pub fn skip(&self, file: &str, line: u64, reason: &str) -> Result<()> {
        self.skipped.fetch_add(1, Ordering::Relaxed);
        if self.strict {
            bail!("{file}:line {line}: {reason} (stopping: --strict)");
        }
        if !self.quiet {
            note!("emotive: {file}:line {line}: {reason}; row skipped");
        }
        Ok(())
    }

    /// Notes a row scored with invalid UTF-8 read as U+FFFD (`byte`: offset in the line).
    fn note_replaced(&self, file: &str, line: u64, byte: usize) {
        self.replaced.fetch_add(1, Ordering::Relaxed);
        if !self.quiet {
            note!("emotive: {file}:line {line}: invalid UTF-8 at byte {byte}; read as U+FFFD");
        }
    }

    /// The same for a CSV field (`byte`: offset in the field).
    fn note_replaced_in(&self, file: &str, line: u64, column: &str, byte: usize) {
        self.replaced.fetch_add(1, Ordering::Relaxed);
        if !self.quiet {
            note!(
                "emotive: {file}:line {line}: column {column:?}: invalid UTF-8 at byte {byte} of the field; read as U+FFFD"
            );
        }
    }
}

/// Whether stdin has input ready (or is at its end), so that reading it will not wait.
#[cfg(unix)]
fn stdin_ready() -> bool {
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid, initialised pollfd and a zero timeout: poll only fills `revents`.
    unsafe { libc::poll(&mut fd, 1, 0) != 0 }
}

#[cfg(not(unix))]
fn stdin_ready() -> bool {
    true
}

/// The error a [`LineGuard`] returns when a line outgrows the limit.
#[derive(Debug)]
struct LineTooLong;

impl std::fmt::Display for LineTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("line too long")
    }
}

impl std::error::Error for LineTooLong {}

fn is_too_long(e: &io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<LineTooLong>())
}

/// Passes bytes through until a line grows past `max` bytes (without its newline), then
/// fails with [`LineTooLong`]; [`LineGuard::skip_line`] then drops the rest of that line
/// without holding it. Whatever reads above it never buffers more than `max` bytes of a line.
pub struct LineGuard {
    inner: Box<dyn BufRead + Send>,
    max: u64,
    /// Bytes of the current line passed on so far.
    since_newline: u64,
    /// Newlines passed on or skipped: the current line's number is this plus one.
    newlines: u64,
    /// The last read took all the inner reader had buffered: the next one may wait.
    drained: bool,
    /// The input is stdin, whose readiness [`stdin_ready`] can tell.
    stdin: bool,
}

impl LineGuard {
    pub fn new(inner: Box<dyn BufRead + Send>, max: u64, stdin: bool) -> LineGuard {
        LineGuard {
            inner,
            max,
            since_newline: 0,
            newlines: 0,
            drained: true,
            stdin,
        }
    }

    /// Whether the next read would wait for more input: nothing is buffered and stdin has
    /// nothing ready (an interactive or slow pipe). Never true for files.
    fn would_wait(&self) -> bool {
        self.stdin && self.drained && !stdin_ready()
    }

    /// Drops the rest of the current line and its newline; returns the bytes dropped.
    fn skip_line(&mut self) -> io::Result<u64> {
        let mut dropped = 0u64;
        loop {
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            if let Some(p) = memchr::memchr(b'\n', buf) {
                self.inner.consume(p + 1);
                dropped += p as u64 + 1;
                self.newlines += 1;
                break;
            }
            let n = buf.len();
            self.inner.consume(n);
            dropped += n as u64;
        }
        self.since_newline = 0;
        Ok(dropped)
    }
}

impl Read for LineGuard {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let buf = self.inner.fill_buf()?;
        let n = buf.len().min(out.len());
        let (mut since, mut newlines) = (self.since_newline, self.newlines);
        let mut take = n;
        let mut i = 0;
        while i < n {
            let (seg, nl) = match memchr::memchr(b'\n', &buf[i..n]) {
                Some(p) => (p, true),
                None => (n - i, false),
            };
            if since + seg as u64 > self.max {
                take = i + (self.max - since) as usize;
                since = self.max;
                break;
            }
            if nl {
                since = 0;
                newlines += 1;
                i += seg + 1;
            } else {
                since += seg as u64;
                i = n;
            }
        }
        if take == 0 && n > 0 {
            return Err(io::Error::other(LineTooLong));
        }
        out[..take].copy_from_slice(&buf[..take]);
        self.drained = take == buf.len();
        self.inner.consume(take);
        self.since_newline = since;
        self.newlines = newlines;
        Ok(take)
    }
}

/// Reads `\r\n` and a lone `\r` as `\n`.
struct Newlines {
    inner: Box<dyn BufRead + Send>,
    /// The last byte passed on was a `\r` turned into `\n`: a `\n` right after it belongs
    /// to the same line end.
    after_cr: bool,
}

impl Newlines {
    fn new(inner: Box<dyn BufRead + Send>) -> Newlines {
        Newlines {
            inner,
            after_cr: false,
        }
    }
}

impl Read for Newlines {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        loop {
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() || out.is_empty() {
                return Ok(0);
            }
            let mut skip = 0;
            if std::mem::take(&mut self.after_cr) && buf[0] == b'\n' {
                skip = 1;
            }
            let buf = &buf[skip..];
            let n = buf.len().min(out.len());
            let mut written = 0;
            let mut used = 0;
            // The bytes up to each `\r` are copied as they are (most inputs have none).
            while used < n {
                let run = memchr::memchr(b'\r', &buf[used..n]).unwrap_or(n - used);
                out[written..written + run].copy_from_slice(&buf[used..used + run]);
                written += run;
                used += run;
                if used == n {
                    break;
                }
                // A `\r`: written as `\n`, with the `\n` of a `\r\n` dropped.
                used += 1;
                out[written] = b'\n';
                written += 1;
                match buf.get(used) {
                    Some(b'\n') => used += 1,
                    Some(_) => {}
                    None => self.after_cr = true,
                }
            }
            self.inner.consume(skip + used);
            if written > 0 {
                return Ok(written);
            }
        }
    }
}

/// An input file, or stdin.
#[derive(Clone, Debug)]
pub struct Source {
    pub path: Option<PathBuf>,
}

impl Source {
    pub fn name(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| "<stdin>".to_string(), |p| p.display().to_string())
    }

    /// Size in bytes, when known (a plain file), for the progress bar.
    pub fn size(&self) -> Option<u64> {
        let p = self.path.as_ref()?;
        if p.extension().is_some_and(|e| e == "gz") {
            return None;
        }
        std::fs::metadata(p).ok().map(|m| m.len())
    }

    fn open(&self) -> Result<Box<dyn BufRead + Send>> {
        let raw: Box<dyn Read + Send> = match &self.path {
            None => Box::new(io::stdin()),
            Some(p) => {
                if p.is_dir() {
                    bail!("{} is a directory, not a file", p.display());
                }
                Box::new(File::open(p).with_context(|| format!("cannot open {}", p.display()))?)
            }
        };
        let named_gz = self
            .path
            .as_ref()
            .is_some_and(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz")));
        // Gzip is recognised by its magic bytes (a compressed stdin, a `.GZ`), not the name.
        let mut raw = BufReader::with_capacity(1 << 16, raw);
        let head = raw
            .fill_buf()
            .with_context(|| format!("cannot read {}", self.name()))?;
        let gz = head.starts_with(&[0x1f, 0x8b]);
        if named_gz && !gz && !head.is_empty() {
            bail!("{} is named .gz but is not gzip data", self.name());
        }
        let raw: Box<dyn Read + Send> = if gz {
            Box::new(flate2::read::MultiGzDecoder::new(raw))
        } else {
            Box::new(raw)
        };
        decoded(BufReader::with_capacity(1 << 16, raw), &self.name())
    }
}

/// The input as UTF-8 bytes (not yet checked: invalid UTF-8 is handled per row): a UTF-8
/// byte-order mark dropped, UTF-16 with a mark decoded; UTF-32 and UTF-16 without a mark are
/// errors that name the encoding.
fn decoded(mut r: BufReader<Box<dyn Read + Send>>, name: &str) -> Result<Box<dyn BufRead + Send>> {
    let head = r
        .fill_buf()
        .with_context(|| format!("cannot read {name}"))?
        .to_vec();
    if head.starts_with(&[0, 0, 0xFE, 0xFF]) || head.starts_with(&[0xFF, 0xFE, 0, 0]) {
        bail!(
            "{name} is UTF-32 text, which emotive does not read; convert it to UTF-8 (e.g. iconv -f UTF-32 -t UTF-8)"
        );
    }
    let utf16 = if head.starts_with(&[0xFF, 0xFE]) {
        Some("UTF-16LE")
    } else if head.starts_with(&[0xFE, 0xFF]) {
        Some("UTF-16BE")
    } else {
        None
    };
    if let Some(enc) = utf16 {
        note!("emotive: {name}: UTF-16 text ({enc}, byte-order mark); decoded to UTF-8");
        let dec = encoding_rs_io::DecodeReaderBytesBuilder::new()
            .bom_sniffing(true)
            .strip_bom(true)
            .build(r);
        return Ok(Box::new(BufReader::with_capacity(1 << 16, dec)));
    }
    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        r.consume(3);
        return Ok(Box::new(r));
    }
    // UTF-16 without a mark: ASCII text shows as every other byte zero.
    let sample = &head[..head.len().min(512)];
    if sample.len() >= 8 {
        let zeros = |parity: usize| {
            sample
                .iter()
                .enumerate()
                .filter(|&(i, &b)| i % 2 == parity && b == 0)
                .count()
        };
        let half = sample.len() / 2;
        for (parity, enc) in [(1, "UTF-16LE"), (0, "UTF-16BE")] {
            if zeros(parity) * 10 >= half * 9 {
                bail!(
                    "{name} looks like {enc} text without a byte-order mark; convert it to UTF-8 (e.g. iconv -f {enc} -t UTF-8)"
                );
            }
        }
    }
    Ok(Box::new(r))
}

/// Items per chunk and bytes per chunk: a chunk is handed to the workers when either fills.
const CHUNK_ITEMS: usize = 2048;
const CHUNK_BYTES: u64 = 1 << 20;

/// A text line's buffer is kept for another line only up to this capacity, so that the
/// kept buffers stay small (at most [`CHUNK_ITEMS`] of them).
const KEPT_TEXT_BYTES: usize = 4096;

/// Collects items into chunks and hands full chunks to `sink`; `sink` returns false to stop.
struct Chunker<'a> {
    items: Vec<Item>,
    bytes: u64,
    columns: Option<Arc<Vec<String>>>,
    sink: &'a mut dyn FnMut(Chunk) -> bool,
    stop: &'a AtomicBool,
    /// Chunks the consumer is done with (see [`read_all`]): their item list and the text
    /// buffers of their lines serve again, so that reading allocates nothing per line once
    /// the first chunks have gone round.
    spent: Option<&'a Receiver<Chunk>>,
    /// Emptied text buffers, ready for lines to come.
    texts: Vec<String>,
}

impl Chunker<'_> {
    /// Adds an item; returns false when the run should stop.
    fn push(&mut self, item: Item, bytes: u64) -> bool {
        self.items.push(item);
        self.bytes += bytes;
        if self.items.len() >= CHUNK_ITEMS || self.bytes >= CHUNK_BYTES {
            return self.flush();
        }
        !self.stop.load(Ordering::Relaxed)
    }

    fn add_bytes(&mut self, bytes: u64) {
        self.bytes += bytes;
    }

    /// Reports a bad row (`bytes` long, at `file:line`) and skips it; in strict mode the
    /// error ends the run, after the rows read before it are handed over.
    fn skip(
        &mut self,
        rep: &Reporter,
        file: &str,
        line: u64,
        reason: &str,
        bytes: u64,
    ) -> Result<()> {
        self.add_bytes(bytes);
        rep.skip(file, line, reason).inspect_err(|_| {
            self.flush();
        })
    }

    fn flush(&mut self) -> bool {
        self.send(false)
    }

    /// Hands over what is in hand because the input paused; returns false to stop.
    fn flush_idle(&mut self) -> bool {
        if self.items.is_empty() {
            return !self.stop.load(Ordering::Relaxed);
        }
        self.send(true)
    }

    fn send(&mut self, idle: bool) -> bool {
        if self.items.is_empty() && self.bytes == 0 && self.columns.is_none() {
            return !self.stop.load(Ordering::Relaxed);
        }
        let chunk = Chunk {
            items: std::mem::take(&mut self.items),
            bytes: std::mem::take(&mut self.bytes),
            idle,
            columns: self.columns.take(),
        };
        let go_on = (self.sink)(chunk) && !self.stop.load(Ordering::Relaxed);
        if let Some(spent) = self.spent {
            spent.try_iter().for_each(|old| self.recycle(old));
        }
        go_on
    }

    /// Takes back a spent chunk: its item list (emptied) becomes the next chunk's, its
    /// text buffers (emptied, up to [`KEPT_TEXT_BYTES`] each) wait for lines to come.
    fn recycle(&mut self, old: Chunk) {
        let mut items = old.items;
        for item in items.drain(..) {
            let mut text = item.text;
            if self.texts.len() < CHUNK_ITEMS && text.capacity() <= KEPT_TEXT_BYTES {
                text.clear();
                self.texts.push(text);
            }
        }
        if self.items.is_empty() && self.items.capacity() < items.capacity() {
            self.items = items;
        }
    }

    /// A buffer for the next text line: a kept one, else a new one.
    fn text_buffer(&mut self) -> Vec<u8> {
        self.texts
            .pop()
            .map_or_else(|| Vec::with_capacity(256), String::into_bytes)
    }
}

/// Reads every source in order, handing chunks to `sink`. Returns early (Ok) when `sink`
/// returns false or `stop` is set; returns Err on a fatal error (unreadable file, missing
/// column, a bad row in strict mode) after handing over the rows read before it. Chunks
/// sent back through `spent` once consumed are reused.
pub fn read_all(
    sources: &[Source],
    layout: &Layout,
    reporter: &Reporter,
    stop: &AtomicBool,
    spent: Option<&Receiver<Chunk>>,
    sink: &mut dyn FnMut(Chunk) -> bool,
) -> Result<()> {
    // Each source is opened only when its turn comes.
    let inputs = sources
        .iter()
        .map(|src| (src.name(), src.path.is_none(), src.open()));
    read_inputs(inputs, layout, reporter, stop, spent, sink)
}

/// Reads one input already opened, as [`read_all`] does (the fuzz target's entry point).
#[allow(dead_code)]
pub fn read_reader(
    reader: Box<dyn BufRead + Send>,
    name: &str,
    layout: &Layout,
    reporter: &Reporter,
    stop: &AtomicBool,
    sink: &mut dyn FnMut(Chunk) -> bool,
) -> Result<()> {
    let inputs = std::iter::once((
        name.to_string(),
        false,
        decoded(BufReader::new(Box::new(reader)), name),
    ));
    read_inputs(inputs, layout, reporter, stop, None, sink)
}

/// Reads (name, is stdin, opened reader) inputs in order; see [`read_all`].
fn read_inputs(
    inputs: impl Iterator<Item = (String, bool, Result<Box<dyn BufRead + Send>>)>,
    layout: &Layout,
    reporter: &Reporter,
    stop: &AtomicBool,
    spent: Option<&Receiver<Chunk>>,
    sink: &mut dyn FnMut(Chunk) -> bool,
) -> Result<()> {
    let mut chunker = Chunker {
        items: Vec::new(),
        bytes: 0,
        columns: None,
        sink,
        stop,
        spent,
        texts: Vec::new(),
    };
    let mut result = Ok(());
    for (source, (name, stdin, opened)) in inputs.enumerate() {
        let r = opened.and_then(|reader| {
            // Text and JSON Lines end lines at \n, \r\n or a lone \r (old Mac files); CSV
            // keeps \r inside quoted fields and reads line ends itself.
            let reader: Box<dyn BufRead + Send> = match layout.format.resolve(&name) {
                InputFormat::Text | InputFormat::Jsonl | InputFormat::Auto => {
                    Box::new(BufReader::with_capacity(1 << 16, Newlines::new(reader)))
                }
                InputFormat::Csv | InputFormat::Tsv => reader,
            };
            let guard = LineGuard::new(reader, layout.max_line, stdin);
            let at = At {
                name: &name,
                source: source as u32,
            };
            read_source(guard, at, layout, reporter, &mut chunker)
        });
        match r {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                result = Err(e);
                break;
            }
        }
    }
    chunker.flush();
    result
}

/// Where rows come from: the input's name (for messages) and its index among the inputs.
#[derive(Clone, Copy)]
struct At<'a> {
    name: &'a str,
    source: u32,
}

/// Reads one input in the layout's format (guessed from its name for `auto`); Ok(false) when
/// the run should stop.
fn read_source(
    reader: LineGuard,
    at: At,
    layout: &Layout,
    reporter: &Reporter,
    chunker: &mut Chunker,
) -> Result<bool> {
    match layout.format.resolve(at.name) {
        InputFormat::Csv => read_csv(reader, b',', at, layout, reporter, chunker),
        InputFormat::Tsv => read_csv(reader, b'\t', at, layout, reporter, chunker),
        InputFormat::Jsonl => read_jsonl(reader, at, layout, reporter, chunker),
        InputFormat::Text | InputFormat::Auto => read_text(reader, at, layout, reporter, chunker),
    }
}

/// Text from bytes: `Ok((text, None))` when valid; with invalid UTF-8, U+FFFD in its place
/// and the byte offset of the first bad byte (`Ok((text, Some(b)))`), or in strict mode an
/// error naming that offset.
fn decode(bytes: Vec<u8>, strict: bool) -> std::result::Result<(String, Option<usize>), String> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok((s, None)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            if strict {
                Err(format!("invalid UTF-8 at byte {at}"))
            } else {
                Ok((String::from_utf8_lossy(e.as_bytes()).into_owned(), Some(at)))
            }
        }
    }
}

/// The reason given for a line longer than the limit.
fn too_long(max: u64) -> String {
    format!("line longer than --max-line-bytes ({max} bytes)")
}

/// Plain text: one item per line (`\n`, `\r\n` or `\r`); empty lines are items too, and a
/// line that is reported and skipped stays as a placeholder, so that output line N answers
/// input line N.
fn read_text(
    guard: LineGuard,
    at: At,
    layout: &Layout,
    rep: &Reporter,
    out: &mut Chunker,
) -> Result<bool> {
    let mut reader = BufReader::with_capacity(1 << 16, guard);
    let mut line_no = 0u64;
    loop {
        let mut buf = out.text_buffer();
        let (n, bad) = match next_line(&mut reader, &mut buf, &mut line_no, at, out)? {
            Line::Read(n) => {
                if buf.last() == Some(&b'\n') {
                    buf.pop();
                }
                match decode(buf, layout.strict_utf8) {
                    Ok((text, replaced)) => {
                        if let Some(b) = replaced {
                            rep.note_replaced(at.name, line_no, b);
                        }
                        let item = Item {
                            text,
                            carry: Carry::None,
                            date: None,
                            id: None,
                            source: at.source,
                            line: line_no,
                            skipped: None,
                        };
                        if !out.push(item, n) {
                            return Ok(false);
                        }
                        continue;
                    }
                    Err(reason) => (n, reason),
                }
            }
            Line::TooLong(n) => (n, too_long(layout.max_line)),
            Line::End => return Ok(true),
            Line::Stop => return Ok(false),
        };
        out.skip(rep, at.name, line_no, &bad, 0)?;
        let placeholder = Item {
            text: String::new(),
            carry: Carry::None,
            date: None,
            id: None,
            source: at.source,
            line: line_no,
            skipped: Some(bad.into()),
        };
        if !out.push(placeholder, n) {
            return Ok(false);
        }
    }
}

/// What [`next_line`] found.
enum Line {
    /// Line number `line_no` is in the buffer: this many bytes, with its newline if any.
    Read(u64),
    /// Line number `line_no` was longer than the limit and was dropped (this many bytes)
    /// without being held.
    TooLong(u64),
    /// The input ended.
    End,
    /// The run should stop (the consumer went away).
    Stop,
}

/// Reads the next line into `buf` and counts it in `line_no`. When the input would make us
/// wait (an interactive stdin), the items in hand are handed over first, so that results
/// appear as lines arrive.
fn next_line(
    reader: &mut BufReader<LineGuard>,
    buf: &mut Vec<u8>,
    line_no: &mut u64,
    at: At,
    out: &mut Chunker,
) -> Result<Line> {
    if reader.buffer().is_empty()
        && !out.items.is_empty()
        && reader.get_ref().would_wait()
        && !out.flush_idle()
    {
        return Ok(Line::Stop);
    }
    match reader.read_until(b'\n', buf) {
        Ok(0) => Ok(Line::End),
        Ok(n) => {
            *line_no += 1;
            Ok(Line::Read(n as u64))
        }
        Err(e) if is_too_long(&e) => {
            let held = buf.len() as u64;
            buf.clear();
            let dropped = reader
                .get_mut()
                .skip_line()
                .with_context(|| format!("cannot read {}", at.name))?;
            *line_no += 1;
            Ok(Line::TooLong(held + dropped))
        }
        Err(e) => Err(e).with_context(|| format!("cannot read {}", at.name)),
    }
}

/// CSV (quoted fields, which may span lines up to `--max-line-bytes`) or TSV (split on tabs
/// only). The first record is the header; a record with another number of fields, a quote
/// that is never closed or text after a closing quote is reported and skipped.
fn read_csv(
    mut guard: LineGuard,
    delim: u8,
    at: At,
    layout: &Layout,
    rep: &Reporter,
    out: &mut Chunker,
) -> Result<bool> {
    // The record bound replaces the line bound.
    guard.max = u64::MAX;
    let mut rdr = Records::new(guard, delim, layout.max_line);
    let name = at.name;
    let header_line = match rdr
        .next(false)
        .with_context(|| format!("cannot read {name}"))?
    {
        Next::End | Next::Idle => return Ok(true),
        Next::Bad { line, reason, .. } => {
            bail!("{name}:line {line}: cannot read the header row: {reason}")
        }
        Next::Record { line, .. } => line,
    };
    let mut headers = Vec::with_capacity(rdr.len());
    for i in 0..rdr.len() {
        let (h, bad) = match decode(rdr.field(i).to_vec(), false) {
            Ok(x) => x,
            Err(reason) => bail!("{name}:line {header_line}: header: {reason}"),
        };
        if let Some(b) = bad {
            let why = format!("header: column {}: invalid UTF-8 at byte {b}", i + 1);
            if layout.strict_utf8 {
                bail!("{name}:line {header_line}: {why} (stopping: --strict-utf8)");
            }
            note!("emotive: {name}:line {header_line}: {why}; read as U+FFFD");
        }
        // An empty name (trailing commas from a spreadsheet) is named by its position.
        headers.push(if h.is_empty() {
            format!("column_{}", i + 1)
        } else {
            h
        });
    }
    if let Some(h) = headers.first_mut() {
        // A byte-order mark inside the first (quoted) name.
        *h = h.trim_start_matches('\u{feff}').to_string();
    }
    // The first column named `wanted`, or an error naming what was looked for and what is there.
    let find = |what: &str, wanted: &str, hint: &str| {
        headers.iter().position(|h| h == wanted).ok_or_else(|| {
            anyhow!(
                "{name}: no {what} {wanted:?} (columns: {}){hint}",
                headers.join(", ")
            )
        })
    };
    let text_col = find("column", &layout.column, "; choose one with --column")?;
    if headers.iter().filter(|h| **h == layout.column).count() > 1 {
        note!(
            "emotive: {name}:line {header_line}: the header names {:?} more than once; the first is the text",
            layout.column
        );
    }
    let date_col = match &layout.date {
        Some(d) => Some(find("date column", d, "")?),
        None => None,
    };
    let id_col = match &layout.id {
        Some(c) => Some(find("id column", c, "")?),
        None => headers.iter().position(|h| h == "id"),
    };
    let n_fields = headers.len();
    let mut carried: Vec<String> = headers
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != text_col)
        .map(|(_, h)| h.clone())
        .collect();
    names::make_unique(carried.iter_mut());
    let carried = Arc::new(carried);
    out.columns.get_or_insert_with(|| carried.clone());
    loop {
        let next = rdr
            .next(!out.items.is_empty())
            .with_context(|| format!("cannot read {name}"))?;
        let (line, bytes) = match next {
            Next::End => return Ok(true),
            Next::Idle => {
                if !out.flush_idle() {
                    return Ok(false);
                }
                continue;
            }
            Next::Bad {
                line,
                reason,
                bytes,
            } => {
                out.skip(rep, name, line, &reason, bytes)?;
                continue;
            }
            Next::Record { line, bytes } => (line, bytes),
        };
        if rdr.len() != n_fields {
            let reason = format!(
                "expected {n_fields} fields as in the header, found {}",
                rdr.len()
            );
            out.skip(rep, name, line, &reason, bytes)?;
            continue;
        }
        let mut text = String::new();
        let mut fields = Vec::with_capacity(n_fields - 1);
        let mut date = None;
        let mut id = None;
        let mut bad = None;
        let mut replaced = None;
        for (i, header) in headers.iter().enumerate() {
            match decode(rdr.field(i).to_vec(), layout.strict_utf8) {
                Ok((s, r)) => {
                    replaced = replaced.or(r.map(|b| (i, b)));
                    if Some(i) == date_col {
                        date = Some(s.clone());
                    }
                    if Some(i) == id_col {
                        id = Some(s.clone());
                    }
                    if i == text_col {
                        text = s;
                    } else {
                        fields.push(s);
                    }
                }
                Err(reason) => {
                    bad = Some(format!("column {header:?}: {reason}"));
                    break;
                }
            }
        }
        if let Some(reason) = bad {
            out.skip(rep, name, line, &reason, bytes)?;
            continue;
        }
        if let Some((col, b)) = replaced {
            rep.note_replaced_in(name, line, &headers[col], b);
        }
        let item = Item {
            text,
            carry: Carry::Fields(carried.clone(), fields),
            date,
            id,
            source: at.source,
            line,
            skipped: None,
        };
        if !out.push(item, bytes) {
            return Ok(false);
        }
    }
}

fn read_jsonl(
    guard: LineGuard,
    at: At,
    layout: &Layout,
    rep: &Reporter,
    out: &mut Chunker,
) -> Result<bool> {
    let mut reader = BufReader::with_capacity(1 << 16, guard);
    let mut line_no = 0u64;
    let mut buf = Vec::with_capacity(1024);
    loop {
        buf.clear();
        let n = match next_line(&mut reader, &mut buf, &mut line_no, at, out)? {
            Line::Read(n) => n,
            Line::TooLong(n) => {
                out.skip(rep, at.name, line_no, &too_long(layout.max_line), n)?;
                continue;
            }
            Line::End => return Ok(true),
            Line::Stop => return Ok(false),
        };
        if buf.iter().all(u8::is_ascii_whitespace) {
            out.add_bytes(n);
            continue;
        }
        let mut replaced = None;
        let lossy;
        let line: &str = match std::str::from_utf8(&buf) {
            Ok(s) => s,
            Err(e) if layout.strict_utf8 => {
                let reason = format!("invalid UTF-8 at byte {}", e.valid_up_to());
                out.skip(rep, at.name, line_no, &reason, n)?;
                continue;
            }
            Err(e) => {
                replaced = Some(e.valid_up_to());
                lossy = String::from_utf8_lossy(&buf).into_owned();
                &lossy
            }
        };
        match json_item(line, layout) {
            Ok((text, carry, date, id)) => {
                if let Some(b) = replaced {
                    rep.note_replaced(at.name, line_no, b);
                }
                let item = Item {
                    text,
                    carry,
                    date,
                    id,
                    source: at.source,
                    line: line_no,
                    skipped: None,
                };
                if !out.push(item, n) {
                    return Ok(false);
                }
            }
            Err(reason) => out.skip(rep, at.name, line_no, &reason, n)?,
        }
    }
}

/// A JSON Lines row: its text, its other members (values as written), date and id.
type JsonRow = (String, Carry, Option<String>, Option<String>);

/// One JSON Lines row (see [`JsonRow`]).
fn json_item(line: &str, layout: &Layout) -> std::result::Result<JsonRow, String> {
    let mut members = json::parse_object(line)?.0;
    let text = match json::lookup(&members, &layout.field) {
        None => return Err(format!("missing field {:?}", layout.field)),
        Some(raw) if raw.get() == "null" => {
            return Err(format!("missing field {:?}", layout.field));
        }
        Some(raw) => json::string(&raw).ok_or_else(|| {
            format!(
                "field {:?} is not a string but {}",
                layout.field,
                json::kind(raw.get())
            )
        })?,
    };
    let date = layout
        .date
        .as_ref()
        .and_then(|d| json::lookup(&members, d))
        .map(|raw| json::as_text(&raw));
    // A row without its id is still scored; reports then quote it by its line.
    let id = json::lookup(&members, layout.id.as_deref().unwrap_or("id"))
        .filter(|raw| raw.get() != "null")
        .map(|raw| json::as_text(&raw));
    json::remove(&mut members, &layout.field);
    let mut keys: Vec<String> = members.iter().map(|(k, _)| k.clone()).collect();
    names::make_unique(keys.iter_mut());
    for ((k, _), name) in members.iter_mut().zip(keys) {
        *k = name;
    }
    Ok((text, Carry::Json(members), date, id))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `\r\n` and a lone `\r` as `\n`, byte by byte: what [`Newlines`] must give.
    fn reference(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'\r' {
                out.push(b'\n');
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            } else {
                out.push(bytes[i]);
            }
            i += 1;
        }
        out
    }

    /// Everything read through [`Newlines`] over a buffer of `cap` bytes, in reads of at
    /// most `step` bytes.
    fn through_newlines(bytes: &[u8], cap: usize, step: usize) -> Vec<u8> {
        let inner = BufReader::with_capacity(cap, io::Cursor::new(bytes.to_vec()));
        let mut nl = Newlines::new(Box::new(inner));
        let mut out = Vec::new();
        let mut piece = vec![0u8; step];
        loop {
            let n = nl.read(&mut piece).unwrap();
            if n == 0 {
                return out;
            }
            out.extend_from_slice(&piece[..n]);
        }
    }

    #[test]
    fn reused_line_buffers_hold_only_their_own_line() {
        // Lines of every length up to twice what a kept buffer may hold, in more chunks
        // than are in flight, each chunk handed back as soon as it arrives: every item
        // must still read its own line, whole.
        let lines: Vec<String> = (0..10_000)
            .map(|i| "x".repeat((i * 7919) % (2 * KEPT_TEXT_BYTES)) + &format!("#{i}"))
            .collect();
        let input = lines.join("\n") + "\n";
        let layout = Layout {
            format: InputFormat::Text,
            column: "text".into(),
            field: "text".into(),
            date: None,
            id: None,
            strict_utf8: false,
            max_line: 1 << 20,
        };
        let reporter = Reporter::new(false, true);
        let (back, spent) = std::sync::mpsc::channel();
        let mut got = Vec::new();
        let inputs = std::iter::once((
            "test".to_string(),
            false,
            Ok(Box::new(io::Cursor::new(input.into_bytes())) as Box<dyn BufRead + Send>),
        ));
        read_inputs(
            inputs,
            &layout,
            &reporter,
            &AtomicBool::new(false),
            Some(&spent),
            &mut |chunk: Chunk| {
                got.extend(chunk.items.iter().map(|i| i.text.clone()));
                back.send(chunk).is_ok()
            },
        )
        .unwrap();
        assert_eq!(got, lines);
    }

    #[test]
    fn newlines_are_read_alike_at_every_buffer_edge() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for len in 0..40 {
            for _ in 0..40 {
                let bytes: Vec<u8> = (0..len)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        b"ab\r\n\r"[(seed % 5) as usize]
                    })
                    .collect();
                let want = reference(&bytes);
                for (cap, step) in [(1, 1), (2, 1), (3, 2), (4, 7), (7, 3), (64, 64), (64, 5)] {
                    assert_eq!(
                        through_newlines(&bytes, cap, step),
                        want,
                        "{bytes:?} cap {cap} step {step}"
                    );
                }
            }
        }
    }
}
