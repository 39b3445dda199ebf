//! Error types: one per phase (reading a lexicon, building an analyzer).

use std::fmt;

/// An error while reading a lexicon or word list.
///
/// The message names the line (1-based) and the reason, e.g.
/// ``lexicon line 812: unknown emotion "joyy"``. A loader that returns this error has not
/// produced a partial lexicon: either all of the input parses, or nothing is returned.
#[derive(Debug)]
pub struct LexiconError {
    repr: Repr,
}

#[derive(Debug)]
enum Repr {
    Io(std::io::Error),
    Line {
        line: usize,
        kind: LexiconErrorKind,
        reason: String,
    },
}

/// What kind of problem a [`LexiconError`] reports, for programs that react to it (the
/// [`Display`](fmt::Display) text says the same for people).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LexiconErrorKind {
    /// The input could not be read.
    Io,
    /// The line is not valid UTF-8.
    InvalidUtf8,
    /// The line has the wrong number of tab-separated fields.
    FieldCount,
    /// A score, weight or flag is not a number (or not an integer where one is required).
    NotANumber,
    /// A score is `NaN` or infinite.
    NotFinite,
    /// A number is outside its documented range (a flag other than 0 or 1 too).
    OutOfRange,
    /// The term is empty once trimmed and normalised.
    EmptyTerm,
    /// An emotion name is not one of the eight.
    UnknownEmotion,
    /// A term (and dimension) given twice with values that conflict; formats whose
    /// documentation resolves duplicates (VADER: the later line wins; AFINN: the mean) do
    /// not report them.
    Duplicate,
    /// Anything else about the line's layout (an unknown contrast kind, no cue words, a
    /// header without emotion columns).
    Format,
}

impl LexiconError {
    pub(crate) fn line(
        line: usize,
        kind: LexiconErrorKind,
        reason: impl Into<String>,
    ) -> LexiconError {
        LexiconError {
            repr: Repr::Line {
                line,
                kind,
                reason: reason.into(),
            },
        }
    }

    pub(crate) fn io(err: std::io::Error) -> LexiconError {
        LexiconError {
            repr: Repr::Io(err),
        }
    }

    /// The 1-based line the error is on, or `None` for an I/O error.
    pub fn line_number(&self) -> Option<usize> {
        match self.repr {
            Repr::Line { line, .. } => Some(line),
            Repr::Io(_) => None,
        }
    }

    /// What kind of problem this is.
    pub fn kind(&self) -> LexiconErrorKind {
        match self.repr {
            Repr::Line { kind, .. } => kind,
            Repr::Io(_) => LexiconErrorKind::Io,
        }
    }

    /// Why the line was rejected (without the line number), or the I/O error's message.
    pub fn reason(&self) -> String {
        match &self.repr {
            Repr::Line { reason, .. } => reason.clone(),
            Repr::Io(e) => e.to_string(),
        }
    }
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.repr {
            Repr::Io(e) => write!(f, "lexicon could not be read: {e}"),
            Repr::Line { line, reason, .. } => {
                write!(f, "lexicon line {line}: {reason}")
            }
        }
    }
}

impl std::error::Error for LexiconError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.repr {
            Repr::Io(e) => Some(e),
            Repr::Line { .. } => None,
        }
    }
}

/// An error from [`AnalyzerBuilder::build`](crate::AnalyzerBuilder::build): a setting out of
/// its documented range, or a lexicon value that is not a finite number.
#[derive(Clone, Debug)]
pub struct BuildError {
    setting: &'static str,
    reason: String,
}

impl BuildError {
    pub(crate) fn new(setting: &'static str, reason: impl Into<String>) -> BuildError {
        BuildError {
            setting,
            reason: reason.into(),
        }
    }

    /// The name of the builder setting that was rejected (e.g. `"negation_window"`).
    pub fn setting(&self) -> &str {
        self.setting
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid analyzer setting `{}`: {}",
            self.setting, self.reason
        )
    }
}

impl std::error::Error for BuildError {}
