//! CSV/TSV records with a bound: a record may span lines inside quotes, but never more than
//! `--max-line-bytes`, so one unterminated quote cannot swallow the rest of a file.
//!
//! The csv crate (like most CSV readers) is lenient: an opening quote without a closing one
//! takes everything up to the end of the input into one field, and a closing quote followed by
//! more text is accepted silently. Here both are errors that name the line where the quote
//! opened; the record is skipped and reading starts again at the line after the one where the
//! record started, from bytes still held (at most the bound), so that the rows a stray quote
//! ran over are read as rows.

use std::collections::VecDeque;
use std::io::{self, BufRead, BufReader};

use super::LineGuard;

/// What [`Records::next`] found.
pub enum Next {
    /// A record: its fields are in [`Records::field`], `0..`[`Records::len`].
    Record {
        /// The line the record starts on.
        line: u64,
        /// Input bytes it took.
        bytes: u64,
    },
    /// A malformed or over-long record, skipped.
    Bad {
        line: u64,
        reason: String,
        bytes: u64,
    },
    /// The input waits (an interactive stdin) and no record is in progress.
    Idle,
    End,
}

/// Reads delimited records from a [`LineGuard`] (used only for stdin's readiness here; the
/// record bound replaces its line bound).
pub struct Records {
    inner: BufReader<LineGuard>,
    /// Bytes to read again before `inner`, after a record was abandoned.
    replay: VecDeque<u8>,
    delim: u8,
    quoting: bool,
    max: usize,
    /// The line the next byte belongs to.
    line: u64,
    /// The raw bytes of the record being read (for a replay).
    raw: Vec<u8>,
    /// Field contents, back to back, and where each field ends.
    buf: Vec<u8>,
    ends: Vec<usize>,
}

impl Records {
    pub fn new(guard: LineGuard, delim: u8, max: u64) -> Records {
        Records {
            inner: BufReader::with_capacity(1 << 16, guard),
            replay: VecDeque::new(),
            delim,
            quoting: delim == b',',
            max: usize::try_from(max).unwrap_or(usize::MAX),
            line: 1,
            raw: Vec::new(),
            buf: Vec::new(),
            ends: Vec::new(),
        }
    }

    /// Number of fields of the last record.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Field `i` of the last record.
    pub fn field(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.buf[start..self.ends[i]]
    }

    fn peek(&mut self) -> io::Result<Option<u8>> {
        if let Some(&b) = self.replay.front() {
            return Ok(Some(b));
        }
        Ok(self.inner.fill_buf()?.first().copied())
    }

    fn bump(&mut self) {
        if self.replay.pop_front().is_none() {
            self.inner.consume(1);
        }
    }

    /// Whether reading on would wait for an interactive stdin with nothing buffered.
    fn would_wait(&self) -> bool {
        self.replay.is_empty()
            && self.inner.buffer().is_empty()
            && self.inner.get_ref().would_wait()
    }

    /// Drops the rest of the current line (without holding it); returns the bytes dropped.
    fn drop_line(&mut self) -> io::Result<u64> {
        let mut n = 0u64;
        while let Some(b) = self.peek()? {
            self.bump();
            n += 1;
            if b == b'\n' {
                self.line += 1;
                break;
            }
        }
        Ok(n)
    }

    /// Abandons the record read so far: its first line is skipped, and the bytes after that
    /// line are read again.
    fn replay_after_first_line(&mut self, start_line: u64) -> u64 {
        let first = self
            .raw
            .iter()
            .position(|&b| b == b'\n')
            .map_or(self.raw.len(), |p| p + 1);
        for &b in self.raw[first..].iter().rev() {
            self.replay.push_front(b);
        }
        self.line = start_line + 1;
        first as u64
    }

    /// Reads the next record (blank lines are not records). With `report_idle`, returns
    /// [`Next::Idle`] instead of waiting when an interactive stdin has nothing ready.
    pub fn next(&mut self, report_idle: bool) -> io::Result<Next> {
        if report_idle && self.would_wait() {
            return Ok(Next::Idle);
        }
        loop {
            match self.peek()? {
                None => return Ok(Next::End),
                Some(b'\n') => {
                    self.bump();
                    self.line += 1;
                }
                Some(b'\r') => {
                    self.bump();
                    if self.peek()? == Some(b'\n') {
                        self.bump();
                    }
                    self.line += 1;
                }
                Some(_) => break,
            }
        }
        self.raw.clear();
        self.buf.clear();
        self.ends.clear();
        let start_line = self.line;
        let mut quote_line = 0u64;
        let mut in_quotes = false;
        let mut after_quote = false;
        let mut at_field_start = true;
        let mut malformed: Option<String> = None;
        let mut terminated = false;
        loop {
            let Some(b) = self.peek()? else {
                if in_quotes {
                    let bytes = self.replay_after_first_line(start_line);
                    return Ok(Next::Bad {
                        line: quote_line,
                        reason: "quote opened here is never closed (the input ends first)"
                            .to_string(),
                        bytes,
                    });
                }
                break;
            };
            if self.raw.len() >= self.max {
                if in_quotes && self.raw.contains(&b'\n') {
                    let bytes = self.replay_after_first_line(start_line);
                    return Ok(Next::Bad {
                        line: quote_line,
                        reason: format!(
                            "quote opened here is not closed within --max-line-bytes ({} bytes)",
                            self.max
                        ),
                        bytes,
                    });
                }
                if self.raw[..].contains(&b'\n') {
                    let bytes = self.replay_after_first_line(start_line);
                    return Ok(Next::Bad {
                        line: start_line,
                        reason: format!("record longer than --max-line-bytes ({} bytes)", self.max),
                        bytes,
                    });
                }
                // One line longer than the bound (an open quote or not): drop the rest of it
                // without holding it.
                let bytes = self.raw.len() as u64 + self.drop_line()?;
                return Ok(Next::Bad {
                    line: start_line,
                    reason: format!("line longer than --max-line-bytes ({} bytes)", self.max),
                    bytes,
                });
            }
            // A run of ordinary bytes straight from the buffer, in bulk.
            if self.replay.is_empty() && !after_quote {
                let room = self.max - self.raw.len();
                let avail = self.inner.fill_buf()?;
                let avail = &avail[..avail.len().min(room)];
                let n = if in_quotes {
                    memchr::memchr2(b'"', b'\n', avail)
                } else {
                    let stop = memchr::memchr3(self.delim, b'\n', b'\r', avail);
                    let head = &avail[..stop.unwrap_or(avail.len())];
                    if self.quoting {
                        memchr::memchr(b'"', head).or(stop)
                    } else {
                        stop
                    }
                }
                .unwrap_or(avail.len());
                if n > 0 {
                    self.raw.extend_from_slice(&avail[..n]);
                    self.buf.extend_from_slice(&avail[..n]);
                    self.inner.consume(n);
                    at_field_start = false;
                    continue;
                }
            }
            self.bump();
            self.raw.push(b);
            if in_quotes {
                if b == b'"' {
                    if self.peek()? == Some(b'"') {
                        self.bump();
                        self.raw.push(b'"');
                        self.buf.push(b'"');
                    } else {
                        in_quotes = false;
                        after_quote = true;
                    }
                } else {
                    if b == b'\n' {
                        self.line += 1;
                    }
                    self.buf.push(b);
                }
                continue;
            }
            let end = b == b'\n' || b == b'\r';
            if b == self.delim || end {
                after_quote = false;
                at_field_start = true;
                self.ends.push(self.buf.len());
                if end {
                    if b == b'\r' && self.peek()? == Some(b'\n') {
                        self.bump();
                        self.raw.push(b'\n');
                    }
                    self.line += 1;
                    terminated = true;
                    break;
                }
                continue;
            }
            if after_quote {
                malformed.get_or_insert_with(|| {
                    format!(
                        "text after the closing quote of a field (the quote opened on line {quote_line})"
                    )
                });
            }
            if self.quoting && b == b'"' && at_field_start {
                in_quotes = true;
                quote_line = self.line;
            } else {
                self.buf.push(b);
            }
            at_field_start = false;
        }
        if !terminated {
            // The input ended inside the last field.
            self.ends.push(self.buf.len());
        }
        let bytes = self.raw.len() as u64;
        if let Some(reason) = malformed {
            let bytes = if self.raw[..self.raw.len().saturating_sub(1)].contains(&b'\n') {
                self.replay_after_first_line(start_line)
            } else {
                bytes
            };
            return Ok(Next::Bad {
                line: start_line,
                reason,
                bytes,
            });
        }
        Ok(Next::Record {
            line: start_line,
            bytes,
        })
    }
}
