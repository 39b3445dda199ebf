//! Ballista clusters that know emotive's functions (feature `ballista`).
//!
//! A Ballista client sends the scheduler a logical plan in which a call such as
//! `sentiment(text)` is only a name; the scheduler decodes it against its session state and
//! sends each executor physical plans, which the executor decodes against its function
//! registry. So all three must know the functions:
//!
//! * the client: [`remote_context`] (or [`crate::register`] on a context made with
//!   `SessionContext::remote_with_state`), so that SQL using them plans;
//! * the scheduler: [`session_builder`] as its `override_session_builder`;
//! * each executor: [`function_registry`] as its `override_function_registry`
//!   ([`executor_config`] sets it).
//!
//! The crate's `emotive-scheduler` and `emotive-executor` binaries are Ballista's own
//! scheduler and executor (the same command-line options, S3 and HTTP object stores) with
//! these hooks installed. Every process must use the same analyzer settings: the functions
//! travel by name, not with their lexicons.

use std::sync::Arc;

use ballista::prelude::SessionContextExt;
use ballista_core::object_store::{session_config_with_s3_support, session_state_with_s3_support};
use ballista_core::registry::BallistaFunctionRegistry;
use ballista_executor::executor_process::ExecutorProcessConfig;
use ballista_scheduler::scheduler_server::SessionBuilder;
use datafusion::error::Result;
use datafusion::prelude::{SessionConfig, SessionContext};
use emotive::Analyzer;

use crate::udfs;

/// Ballista's default executor functions, DataFusion's nested (array) functions, which the
/// scheduler's sessions plan but Ballista 55's default executor registry lacks (`array_has`,
/// …), and emotive's, bound to `analyzer`.
pub fn function_registry(analyzer: Arc<Analyzer>) -> BallistaFunctionRegistry {
    let mut registry = BallistaFunctionRegistry::default();
    for f in ballista_core::extension::ballista_scalar_functions() {
        registry.scalar_functions.insert(f.name().to_string(), f);
    }
    for f in udfs(analyzer) {
        registry
            .scalar_functions
            .insert(f.name().to_string(), Arc::new(f));
    }
    registry
}

/// A scheduler session builder: Ballista's (with S3 and HTTP object stores) plus emotive's
/// functions bound to `analyzer`.
pub fn session_builder(analyzer: Arc<Analyzer>) -> SessionBuilder {
    Arc::new(move |config: SessionConfig| {
        let mut state = session_state_with_s3_support(config)?;
        crate::register_on(&mut state, analyzer.clone())?;
        Ok(state)
    })
}

/// `config` with emotive's functions, bound to `analyzer`, in its function registry.
pub fn executor_config(
    mut config: ExecutorProcessConfig,
    analyzer: Arc<Analyzer>,
) -> ExecutorProcessConfig {
    config.override_function_registry = Some(Arc::new(function_registry(analyzer)));
    config
}

/// A context that runs its queries on the Ballista cluster whose scheduler is at `url`
/// (`df://host:port`), with emotive's functions bound to `analyzer` registered for planning.
///
/// Like the scheduler and executors, it reads `s3://` locations (credentials from the
/// `AWS_*` environment variables or `SET s3.access_key_id = …`, `s3.secret_access_key`,
/// `s3.region`, `s3.endpoint`, `s3.allow_http`) and `http(s)://` ones.
///
/// # Errors
/// When the scheduler cannot be reached.
pub async fn remote_context(url: &str, analyzer: Arc<Analyzer>) -> Result<SessionContext> {
    let state = session_state_with_s3_support(session_config_with_s3_support())?;
    let ctx = SessionContext::remote_with_state(url, state).await?;
    crate::register_with_analyzer(&ctx, analyzer);
    Ok(ctx)
}

/// The analyzer options of `emotive-scheduler` and `emotive-executor` (give every process of a
/// cluster the same ones).
#[derive(clap::Args, Clone, Debug, Default)]
pub struct AnalyzerArgs {
    /// An emotive TSV lexicon whose entries add to (or override) the bundled valence and
    /// emotion lexicons; repeatable.
    #[arg(long = "emotive-lexicon", value_name = "PATH")]
    pub lexicon: Vec<std::path::PathBuf>,
    /// An emotive TSV emotion lexicon replacing the bundled one.
    #[arg(long = "emotive-emotion-lexicon", value_name = "PATH")]
    pub emotion_lexicon: Option<std::path::PathBuf>,
}

impl AnalyzerArgs {
    /// The analyzer these options describe (the [default](crate::default_analyzer) when none
    /// is given).
    ///
    /// # Errors
    /// A file that cannot be read or parsed, or settings the builder rejects.
    pub fn analyzer(&self) -> std::result::Result<Arc<Analyzer>, String> {
        if self.lexicon.is_empty() && self.emotion_lexicon.is_none() {
            return Ok(crate::default_analyzer());
        }
        let load = |p: &std::path::Path| {
            let f = std::fs::File::open(p).map_err(|e| format!("{}: {e}", p.display()))?;
            emotive::Lexicon::from_tsv(std::io::BufReader::new(f))
                .map_err(|e| format!("{}: {e}", p.display()))
        };
        let mut b = Analyzer::builder();
        b.hits(false).sentences(false);
        if let Some(p) = &self.emotion_lexicon {
            b.emotion_lexicon(load(p)?);
        }
        for p in &self.lexicon {
            let lex = load(p)?;
            b.extend_valence(&lex).extend_emotions(&lex);
        }
        b.build().map(Arc::new).map_err(|e| e.to_string())
    }
}
