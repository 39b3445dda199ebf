//! emotive reads reviews and social-media comments and says how people feel: a sentiment
//! score and the eight Plutchik emotions, with the words that caused each.
//!
//! # Overview
//!
//! The pipeline runs in five stages, each a module, in data-flow order:
//!
//! 1. [`token`] — split text (in Unicode NFC: other forms are normalised first) into
//!    [`Token`]s (UAX #29 words with an ASCII fast path, emoji, emoticons, `!`/`?` runs, caps
//!    and elongation flags; URLs, e-mails, mentions dropped).
//! 2. [`lexicon`] — look words up: surface form, then Snowball stem; multi-word expressions
//!    first. Lexicons are plain text in `lexicons/`, parsed once into a lazily built default.
//! 3. rules — negation, boosters and dampeners, ALL-CAPS, `!`, contrast (`but`), irrealis,
//!    idioms, emoji.
//! 4. scores — sentence sums normalised VADER-style, combined per document without
//!    saturating; emotion intensities and a detection rule; an [`Analysis`] with [`Hit`]s.
//! 5. batch — [`Analyzer::analyze_batch`] and [`Analyzer::analyze_iter`] on rayon, in input
//!    order, identical to one-by-one; [`Summary`] for whole collections.
//!
//! # Examples
//!
//! ```
//! use emotive::{Emotion, Label};
//! let a = emotive::analyze("I'm scared this won't arrive on time");
//! assert_eq!(a.label(), Label::Negative);
//! assert!(a.compound() < 0.0 && a.compound() >= -1.0);
//! let why: Vec<&str> = a.hits().iter().map(|h| h.term()).collect();
//! assert!(why.contains(&"scared"));
//! ```
//!
//! Many texts, with a summary:
//!
//! ```
//! use emotive::{Analyzer, Label, Summary};
//! let reviews = ["Love it!", "Broke in a week.", "Does the job."];
//! let analyses = Analyzer::default_ref().analyze_batch(&reviews);
//! let summary = Summary::from_analyses(&analyses);
//! assert_eq!(summary.label_count(Label::Positive), 1);
//! assert_eq!(summary.most_negative(1)[0].index(), 1);
//! ```
//!
//! Configure with the builder; bad settings are errors, not panics:
//!
//! ```
//! let strict = emotive::Analyzer::builder().label_thresholds(-0.3, 0.3).build()?;
//! assert_eq!(strict.analyze("ok").label(), emotive::Label::Neutral);
//! assert!(emotive::Analyzer::builder().label_thresholds(0.3, -0.3).build().is_err());
//! # Ok::<(), emotive::BuildError>(())
//! ```
//!
//! # Crate features
//!
//! * `rayon` (default): parallel batch analysis; without it the same API runs sequentially.
//! * `serde` (default): `Serialize` for [`Analysis`], [`Summary`] and the emotion types, with
//!   the JSON shape documented on [`Analysis`].
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]

mod analysis;
mod analyzer;
mod batch;
mod builder;
pub mod emotion;
mod error;
mod flags;
mod hit;
mod language;
pub mod lexicon;
mod lookup;
mod nfc;
pub(crate) mod rules;
mod score;
mod stem;
mod summary;
mod swar;
pub mod token;
pub mod topics;
mod wordmap;

pub use analysis::{Analysis, Label, Sentence};
#[doc(hidden)]
pub use analyzer::Stage;
pub use analyzer::{Analyzer, MAX_HITS, MAX_SENTENCES};
pub use batch::{AnalyzeIter, analyze_batch};
pub use builder::AnalyzerBuilder;
pub use emotion::{Emotion, EmotionSet, Emotions};
pub use error::{BuildError, LexiconError, LexiconErrorKind};
pub use hit::{Hit, MatchKind, Modifiers};
pub use language::Language;
pub use lexicon::ContrastWord;
pub use lexicon::{Entry, Lexicon};
pub use summary::{NegativeItem, Summary, TermStats};
pub use token::{Token, TokenKind, Tokens, tokens};
pub use topics::{TermBatch, Topic, TopicGroup, Topics};

#[doc(hidden)]
pub use stem::families;

/// Analyzes `text` with the default analyzer (bundled lexicons, default settings), built on
/// first use. See [`Analyzer::analyze`].
pub fn analyze(text: &str) -> Analysis {
    Analyzer::default_ref().analyze(text)
}

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
