//! Error types: one per phase (reading a lexicon, building an analyzer).

use std::fmt;

/// An error while reading a lexicon or word list.
///
/// The message names the line (1-based) and the reason, e.g.
/// ``lexicon line 812: unknown emotion "joyy"``. A loader that returns this error has not
/// produced a partial lexicon: either all of the input parses, or nothing is returned.
#[derive(Debug)]
pub struct LexiconError {
    kind: LexiconErrorKind,
}

#[derive(Debug)]
enum LexiconErrorKind {
    Io(std::io::Error),
    Line { line: usize, reason: String },
}

impl LexiconError {
    pub(crate) fn line(line: usize, reason: impl Into<String>) -> LexiconError {
        LexiconError {
            kind: LexiconErrorKind::Line {
                line,
                reason: reason.into(),
            },
        }
    }

    pub(crate) fn io(err: std::io::Error) -> LexiconError {
        LexiconError {
            kind: LexiconErrorKind::Io(err),
        }
    }

    /// The 1-based line the error is on, or `None` for an I/O error.
    pub fn line_number(&self) -> Option<usize> {
        match self.kind {
            LexiconErrorKind::Line { line, .. } => Some(line),
            LexiconErrorKind::Io(_) => None,
        }
    }

    /// Why the line was rejected (without the line number), or the I/O error's message.
    pub fn reason(&self) -> String {
        match &self.kind {
            LexiconErrorKind::Line { reason, .. } => reason.clone(),
            LexiconErrorKind::Io(e) => e.to_string(),
        }
    }
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            LexiconErrorKind::Io(e) => write!(f, "lexicon could not be read: {e}"),
            LexiconErrorKind::Line { line, reason } => {
                write!(f, "lexicon line {line}: {reason}")
            }
        }
    }
}

impl std::error::Error for LexiconError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            LexiconErrorKind::Io(e) => Some(e),
            LexiconErrorKind::Line { .. } => None,
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
