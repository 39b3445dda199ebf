//! Runs SQL with emotive's functions over files: Parquet, CSV, JSON Lines, or a directory of
//! them (Hive-style `key=value` directories become columns).
//!
//! ```sh
//! cargo run --release -p emotive-datafusion --example sql -- \
//!     --table reviews=data/reviews/ \
//!     --sql "SELECT sentiment_label(text) AS label, count(*) FROM reviews GROUP BY 1"
//! ```
//!
//! The result is printed as a table, or written with `--output result.parquet` (`.csv`,
//! `.jsonl`). `--time` reports rows and seconds on stderr; `--threads N` sets the worker
//! threads and partitions. With the `ballista` feature, `--ballista df://host:port` runs the
//! query on a cluster of `emotive-scheduler` and `emotive-executor` processes.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use datafusion::arrow::datatypes::DataType;
use datafusion::dataframe::DataFrameWriteOptions;
use datafusion::error::{DataFusionError, Result};
use datafusion::prelude::{
    CsvReadOptions, JsonReadOptions, ParquetReadOptions, SessionConfig, SessionContext,
};

#[derive(Parser, Debug)]
#[command(about = "SQL with emotive's sentiment and emotion functions over files")]
struct Args {
    /// A table: NAME=PATH, a .parquet, .csv or .jsonl file or a directory of them;
    /// repeatable.
    #[arg(long, value_name = "NAME=PATH", required = true)]
    table: Vec<String>,
    /// The query.
    #[arg(long, conflicts_with = "sql_file")]
    sql: Option<String>,
    /// A file holding the query.
    #[arg(long, value_name = "PATH")]
    sql_file: Option<PathBuf>,
    /// Write the result to this file (.parquet, .csv or .jsonl) instead of printing it.
    #[arg(long, short, value_name = "PATH")]
    output: Option<PathBuf>,
    /// Worker threads and target partitions (default: all cores).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Report the row count and the wall time of the query (planning, reading, analysing,
    /// writing) on stderr.
    #[arg(long)]
    time: bool,
    /// An emotive TSV lexicon extending the bundled ones (applies to the SQL functions);
    /// repeatable.
    #[arg(long, value_name = "PATH")]
    lexicon: Vec<PathBuf>,
    /// Run on a Ballista cluster: the scheduler's URL, df://host:port (feature `ballista`).
    #[arg(long, value_name = "URL")]
    ballista: Option<String>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads.max(1))
        .enable_all()
        .build()
        .expect("a tokio runtime");
    match runtime.block_on(run(args, threads)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sql: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args, threads: usize) -> Result<()> {
    let analyzer = analyzer(&args.lexicon)?;
    let ctx = match &args.ballista {
        Some(url) => remote(url, analyzer).await?,
        None => {
            let config = SessionConfig::new().with_target_partitions(threads.max(1));
            let ctx = SessionContext::new_with_config(config);
            emotive_datafusion::register_with_analyzer(&ctx, analyzer);
            ctx
        }
    };
    for t in &args.table {
        let (name, path) = t
            .split_once('=')
            .ok_or_else(|| DataFusionError::Plan(format!("--table {t}: expected NAME=PATH")))?;
        register(&ctx, name, Path::new(path)).await?;
    }
    let sql = match (&args.sql, &args.sql_file) {
        (Some(s), _) => s.clone(),
        (None, Some(p)) => std::fs::read_to_string(p)?,
        (None, None) => return Err(DataFusionError::Plan("give --sql or --sql-file".into())),
    };

    let start = Instant::now();
    let df = ctx.sql(&sql).await?;
    let rows = match &args.output {
        None => {
            let batches = df.collect().await?;
            let rows = batches.iter().map(|b| b.num_rows()).sum::<usize>();
            if !args.time {
                println!(
                    "{}",
                    datafusion::arrow::util::pretty::pretty_format_batches(&batches)?
                );
            }
            rows
        }
        Some(out) => {
            let opts = DataFrameWriteOptions::new().with_single_file_output(true);
            let path = out.to_string_lossy().into_owned();
            let written = match extension(out).as_deref() {
                Some("parquet") => df.write_parquet(&path, opts, None).await?,
                Some("csv") => df.write_csv(&path, opts, None).await?,
                Some("jsonl" | "json" | "ndjson") => df.write_json(&path, opts, None).await?,
                _ => {
                    return Err(DataFusionError::Plan(format!(
                        "--output {path}: use a .parquet, .csv or .jsonl name"
                    )));
                }
            };
            written
                .iter()
                .filter_map(|b| {
                    b.column(0)
                        .as_any()
                        .downcast_ref::<datafusion::arrow::array::UInt64Array>()
                        .map(|c| c.value(0) as usize)
                })
                .sum()
        }
    };
    if args.time {
        eprintln!(
            "{rows} rows in {:.3} s ({threads} threads)",
            start.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

fn analyzer(lexicons: &[PathBuf]) -> Result<std::sync::Arc<emotive::Analyzer>> {
    if lexicons.is_empty() {
        return Ok(emotive_datafusion::default_analyzer());
    }
    let mut b = emotive::Analyzer::builder();
    b.hits(false).sentences(false);
    for p in lexicons {
        let f = std::fs::File::open(p)?;
        let lex = emotive::Lexicon::from_tsv(std::io::BufReader::new(f))
            .map_err(|e| DataFusionError::Plan(format!("{}: {e}", p.display())))?;
        b.extend_valence(&lex).extend_emotions(&lex);
    }
    b.build()
        .map(std::sync::Arc::new)
        .map_err(|e| DataFusionError::Plan(e.to_string()))
}

#[cfg(feature = "ballista")]
async fn remote(url: &str, analyzer: std::sync::Arc<emotive::Analyzer>) -> Result<SessionContext> {
    emotive_datafusion::ballista::remote_context(url, analyzer).await
}

#[cfg(not(feature = "ballista"))]
async fn remote(_: &str, _: std::sync::Arc<emotive::Analyzer>) -> Result<SessionContext> {
    Err(DataFusionError::Plan(
        "--ballista needs the `ballista` feature (cargo run --features ballista …)".into(),
    ))
}

fn extension(p: &Path) -> Option<String> {
    p.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// Registers `path` as table `name`: its format from the file's (or, for a directory, the
/// first data file's) extension; `key=value` directories below a directory become Utf8
/// partition columns.
async fn register(ctx: &SessionContext, name: &str, path: &Path) -> Result<()> {
    let (sample, partitions) = if path.is_dir() {
        let first = first_file(path)?.ok_or_else(|| {
            DataFusionError::Plan(format!("{}: no data files inside", path.display()))
        })?;
        let partitions: Vec<(String, DataType)> = first
            .strip_prefix(path)
            .unwrap_or(&first)
            .parent()
            .into_iter()
            .flat_map(|p| p.components())
            .filter_map(|c| {
                let c = c.as_os_str().to_string_lossy();
                c.split_once('=')
                    .map(|(k, _)| (k.to_string(), DataType::Utf8))
            })
            .collect();
        (first, partitions)
    } else {
        (path.to_path_buf(), Vec::new())
    };
    let ext = extension(&sample).unwrap_or_default();
    let mut location = path.to_string_lossy().into_owned();
    if path.is_dir() && !location.ends_with('/') {
        location.push('/');
    }
    match ext.as_str() {
        "parquet" => {
            let opts = ParquetReadOptions::default().table_partition_cols(partitions);
            ctx.register_parquet(name, &location, opts).await
        }
        "csv" => {
            let opts = CsvReadOptions::new().table_partition_cols(partitions);
            ctx.register_csv(name, &location, opts).await
        }
        "jsonl" | "json" | "ndjson" => {
            let file_extension = format!(".{ext}");
            let opts = JsonReadOptions::default()
                .file_extension(&file_extension)
                .table_partition_cols(partitions);
            ctx.register_json(name, &location, opts).await
        }
        _ => Err(DataFusionError::Plan(format!(
            "{}: not a .parquet, .csv or .jsonl file",
            sample.display()
        ))),
    }
}

/// The first data file below `dir`, in name order.
fn first_file(dir: &Path) -> Result<Option<PathBuf>> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            !name.starts_with('.') && !name.starts_with('_')
        })
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            if let Some(f) = first_file(&p)? {
                return Ok(Some(f));
            }
        } else if extension(&p).is_some() {
            return Ok(Some(p));
        }
    }
    Ok(None)
}
