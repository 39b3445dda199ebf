//! emotive (work in progress)
#![deny(missing_docs)]

mod analysis;
mod analyzer;
mod batch;
mod builder;
pub mod emotion;
mod error;
mod hit;
pub mod lexicon;
mod lookup;
pub(crate) mod rules;
mod score;
mod summary;
pub mod token;

pub use analysis::{Analysis, Label, Sentence};
pub use analyzer::{Analyzer, Language};
pub use batch::{AnalyzeIter, analyze_batch};
pub use builder::AnalyzerBuilder;
pub use emotion::{Emotion, EmotionSet, Emotions};
pub use error::{BuildError, LexiconError};
pub use hit::{Hit, MatchKind, Modifiers};
pub use lexicon::{Entry, Lexicon};
pub use rules::ContrastWord;
pub use summary::{Summary, TermStats};
pub use token::{Token, TokenKind, Tokens, tokens};

/// Analyzes `text` with the default analyzer.
pub fn analyze(text: &str) -> Analysis {
    Analyzer::default_ref().analyze(text)
}
