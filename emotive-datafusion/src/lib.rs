//! [emotive]'s sentiment and Plutchik emotion analysis as SQL functions for
//! [Apache DataFusion](https://datafusion.apache.org), and, with the `ballista` feature, a
//! scheduler and executor for [Apache Ballista](https://datafusion.apache.org/ballista/)
//! clusters that know them.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> datafusion::error::Result<()> {
//! use datafusion::prelude::SessionContext;
//!
//! let ctx = SessionContext::new();
//! emotive_datafusion::register(&ctx);
//! let batches = ctx
//!     .sql("SELECT sentiment_label(t) AS label, emotive(t)['compound'] AS compound
//!           FROM (VALUES ('Love it, works perfectly'), ('Broke after a week.')) AS r(t)")
//!     .await?
//!     .collect()
//!     .await?;
//! assert_eq!(batches[0].num_rows(), 2);
//! # Ok(())
//! # }
//! ```
//!
//! # The functions
//!
//! Each takes one text argument: `Utf8`, `LargeUtf8` or `Utf8View` (and, read as the command
//! line reads bytes, `Binary`, `LargeBinary` or `BinaryView`, invalid UTF-8 becoming U+FFFD;
//! dictionary-encoded text too). A null text gives a null result; every other value, the
//! empty string included, is analysed. Each function works on whole Arrow arrays at a time.
//!
//! | function | returns |
//! |---|---|
//! | `emotive(text)` | `Struct{compound, label, positive, negative, neutral, emotions: Struct{anger, anticipation, disgust, fear, joy, sadness, surprise, trust}, detected, dominant}` — the command line's JSON Lines object |
//! | `sentiment(text)` | `Struct{compound, label, positive, negative, neutral}` |
//! | `emotions(text)` | `Struct{anger, …, trust, detected, dominant}` |
//! | `sentiment_label(text)` | `Utf8`: `positive`, `neutral` or `negative` |
//! | `sentiment_compound(text)` | `Float64` in `[-1, 1]` |
//! | `dominant_emotion(text)` | `Utf8`, null when no emotion is detected |
//!
//! Scores and intensities are `Float64`, rounded to 4 decimals exactly as the command line's
//! JSON output rounds them (`(x * 1e4).round() / 1e4`), so that SQL results and `emotive`
//! output agree value for value. `label` is `Utf8`; `detected` is a `List<Utf8>` of emotion
//! names in the order anger … trust; `dominant` is a nullable `Utf8`. Read a field with
//! `emotive(text)['compound']`. Reading several fields of one call
//! (`SELECT e['label'], e['compound'] FROM (SELECT emotive(text) AS e FROM t)`) analyses each
//! text once: DataFusion 55's optimizer copies the call into each field access, and the
//! functions remember the analyses of the last few arrays each thread saw, so the copies cost
//! no second analysis; the functions called on the same column of a batch share them too.
//!
//! [`register`] installs them with the default analyzer; [`register_with_analyzer`] with an
//! [`Analyzer`] of your own (custom lexicons, thresholds), which then applies to SQL too.
#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]

use std::sync::{Arc, OnceLock};

use datafusion::arrow::datatypes::DataType;
use datafusion::execution::FunctionRegistry;
use datafusion::logical_expr::ScalarUDF;
use datafusion::prelude::SessionContext;
pub use emotive::Analyzer;

#[cfg(feature = "ballista")]
pub mod ballista;
mod udf;

use udf::{EmotiveUdf, Kind};

/// The names of the SQL functions, in the order [`udfs`] returns them.
pub const FUNCTION_NAMES: [&str; 6] = [
    "emotive",
    "sentiment",
    "emotions",
    "sentiment_label",
    "sentiment_compound",
    "dominant_emotion",
];

/// The analyzer [`register`] uses: the bundled lexicons and default settings, with hits and
/// per-sentence scores off (the functions return neither), as the command line builds it.
pub fn default_analyzer() -> Arc<Analyzer> {
    static DEFAULT: OnceLock<Arc<Analyzer>> = OnceLock::new();
    DEFAULT
        .get_or_init(|| {
            Arc::new(
                Analyzer::builder()
                    .hits(false)
                    .sentences(false)
                    .build()
                    .expect("the default settings are valid"),
            )
        })
        .clone()
}

/// emotive's SQL functions bound to `analyzer`, in the order of [`FUNCTION_NAMES`].
///
/// An analyzer that keeps hits or sentences works but does needless work: build it with
/// `.hits(false).sentences(false)` for speed.
pub fn udfs(analyzer: Arc<Analyzer>) -> Vec<ScalarUDF> {
    Kind::ALL
        .iter()
        .map(|&k| EmotiveUdf::udf(k, analyzer.clone()))
        .collect()
}

/// Registers emotive's SQL functions on `ctx` with the [default analyzer](default_analyzer).
pub fn register(ctx: &SessionContext) {
    register_with_analyzer(ctx, default_analyzer());
}

/// Registers emotive's SQL functions on `ctx` with `analyzer`, replacing any functions of the
/// same names.
///
/// ```
/// use datafusion::prelude::SessionContext;
/// use emotive::{Analyzer, Lexicon};
/// use std::sync::Arc;
///
/// let mut shop_words = Lexicon::new();
/// shop_words.insert_valence("refurb", -1.5);
/// let analyzer = Analyzer::builder().hits(false).extend_valence(&shop_words).build()?;
/// let ctx = SessionContext::new();
/// emotive_datafusion::register_with_analyzer(&ctx, Arc::new(analyzer));
/// # Ok::<(), emotive::BuildError>(())
/// ```
pub fn register_with_analyzer(ctx: &SessionContext, analyzer: Arc<Analyzer>) {
    for f in udfs(analyzer) {
        ctx.register_udf(f);
    }
}

/// Registers emotive's SQL functions bound to `analyzer` on any [`FunctionRegistry`] (a
/// `SessionState`, for instance).
///
/// # Errors
/// Whatever the registry returns.
pub fn register_on(
    registry: &mut dyn FunctionRegistry,
    analyzer: Arc<Analyzer>,
) -> datafusion::error::Result<()> {
    for f in udfs(analyzer) {
        registry.register_udf(Arc::new(f))?;
    }
    Ok(())
}

/// How many texts emotive's functions have analysed in this process, null texts excluded
/// (for tests and metrics).
pub fn texts_analysed() -> u64 {
    udf::texts_analysed()
}

/// The Arrow type a function returns, by name (`None` for a name that is not one of
/// [`FUNCTION_NAMES`]).
pub fn return_type(name: &str) -> Option<DataType> {
    Kind::ALL
        .iter()
        .find(|k| k.name() == name)
        .map(|k| k.data_type())
}
