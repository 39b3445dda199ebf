//! DataFusion over Parquet vs the `emotive` command line over JSON Lines, on the same texts,
//! the same machine and the same thread count.
//!
//! ```sh
//! cargo bench -p emotive-datafusion --bench throughput            # 5 rounds, 20 MB, 1 and 2 threads
//! cargo bench -p emotive-datafusion --bench throughput -- 7 20 2  # rounds, MB, threads…
//! ```
//!
//! The texts are the lines of the first N MB of `../shared/data/reviews/imdb_unsup.txt`. The
//! command line (`$EMOTIVE_BIN`, or built here with `cargo build --release --features cli`)
//! reads them as JSON Lines (`{"id":…,"text":…}`) and writes JSON Lines to /dev/null, with
//! `--threads N`. DataFusion runs `SELECT id, emotive(text) FROM reviews` over a Parquet file
//! of the same rows (1,024 rows per row group) on a tokio runtime of N worker threads with N
//! target partitions, once collecting the result in memory and once writing it to a Parquet
//! file. Every run reads its input from the page cache; the rounds interleave the
//! contenders so that a burst of load on a shared machine hits them alike; the table gives
//! medians and the median of the per-round ratios.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Instant;

use datafusion::arrow::array::{ArrayRef, Int64Array, RecordBatch, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::dataframe::DataFrameWriteOptions;
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::parquet::file::properties::WriterProperties;
use datafusion::prelude::{ParquetReadOptions, SessionConfig, SessionContext};

fn emotive_bin() -> PathBuf {
    if let Some(p) = std::env::var_os("EMOTIVE_BIN") {
        return PathBuf::from(p);
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .args([
            "build",
            "--release",
            "--features",
            "cli",
            "--bin",
            "emotive",
        ])
        .args(["--message-format=json-render-diagnostics"])
        .stderr(Stdio::inherit())
        .output()
        .expect("run cargo");
    assert!(out.status.success(), "building the emotive binary failed");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "emotive")
        .find_map(|m| m["executable"].as_str().map(PathBuf::from))
        .expect("cargo reported the emotive executable")
}

fn median(v: &[f64]) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn write_parquet(path: &Path, texts: &[&str]) {
    let schema = Arc::new(Schema::new(vec![
        Field::new("id", DataType::Int64, false),
        Field::new("text", DataType::Utf8, false),
    ]));
    let props = WriterProperties::builder()
        .set_max_row_group_row_count(Some(1024))
        .build();
    let file = std::fs::File::create(path).unwrap();
    let mut w = ArrowWriter::try_new(file, schema.clone(), Some(props)).unwrap();
    for (i, chunk) in texts.chunks(1024).enumerate() {
        let ids: Vec<i64> = (0..chunk.len()).map(|j| (i * 1024 + j) as i64).collect();
        let cols: Vec<ArrayRef> = vec![
            Arc::new(Int64Array::from(ids)),
            Arc::new(StringArray::from(chunk.to_vec())),
        ];
        w.write(&RecordBatch::try_new(schema.clone(), cols).unwrap())
            .unwrap();
    }
    w.close().unwrap();
}

fn cli_run(bin: &Path, input: &Path, threads: usize) -> f64 {
    let start = Instant::now();
    let status = Command::new(bin)
        .arg(input)
        .args(["--field", "text", "--format", "jsonl", "--threads"])
        .arg(threads.to_string())
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    start.elapsed().as_secs_f64()
}

fn df_run(parquet: &Path, out: Option<&Path>, threads: usize, rows: usize) -> f64 {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let start = Instant::now();
        let config = SessionConfig::new().with_target_partitions(threads);
        let ctx = SessionContext::new_with_config(config);
        emotive_datafusion::register(&ctx);
        ctx.register_parquet(
            "reviews",
            parquet.to_str().unwrap(),
            ParquetReadOptions::default(),
        )
        .await
        .unwrap();
        let df = ctx
            .sql("SELECT id, emotive(text) AS e FROM reviews")
            .await
            .unwrap();
        match out {
            None => {
                let batches = df.collect().await.unwrap();
                let n: usize = batches.iter().map(|b| b.num_rows()).sum();
                assert_eq!(n, rows);
            }
            Some(out) => {
                let opts = DataFrameWriteOptions::new().with_single_file_output(true);
                df.write_parquet(out.to_str().unwrap(), opts, None)
                    .await
                    .unwrap();
            }
        }
        start.elapsed().as_secs_f64()
    })
}

fn main() {
    // `cargo bench` passes `--bench`; the numbers after it are ours.
    let nums: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let rounds = nums.first().copied().unwrap_or(5);
    let mb = nums.get(1).copied().unwrap_or(20);
    let threads: Vec<usize> = if nums.len() > 2 {
        nums[2..].to_vec()
    } else {
        vec![1, 2]
    };
    let corpus =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/reviews/imdb_unsup.txt");
    let Ok(bytes) = std::fs::read(&corpus) else {
        println!("skipped: {} is absent", corpus.display());
        return;
    };
    // The first `mb` MB, cut at the end of a line.
    let mut end = (mb * 1_000_000).min(bytes.len());
    while end < bytes.len() && bytes[end - 1] != b'\n' {
        end += 1;
    }
    let text = String::from_utf8_lossy(&bytes[..end]);
    let texts: Vec<&str> = text.lines().collect();
    let text_bytes: usize = texts.iter().map(|t| t.len()).sum();

    let dir = tempfile::tempdir().unwrap();
    let parquet = dir.path().join("reviews.parquet");
    write_parquet(&parquet, &texts);
    let jsonl = dir.path().join("reviews.jsonl");
    let mut lines = String::with_capacity(end + texts.len() * 20);
    for (i, t) in texts.iter().enumerate() {
        lines.push_str(&serde_json::json!({"id": i, "text": t}).to_string());
        lines.push('\n');
    }
    std::fs::write(&jsonl, lines).unwrap();
    let out = dir.path().join("out.parquet");
    let bin = emotive_bin();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "{} texts, {:.1} MB of text (first {mb} MB of imdb_unsup.txt); {rounds} interleaved rounds; {cores} cores",
        texts.len(),
        text_bytes as f64 / 1e6
    );

    // Warm-up: page cache, lazily built lexicons in this process.
    cli_run(&bin, &jsonl, 1);
    df_run(&parquet, None, 1, texts.len());

    println!();
    println!(
        "| threads | command line (JSON Lines) | DataFusion, collect | DataFusion, write Parquet | ratio collect / CLI | ratio Parquet / CLI |"
    );
    println!("|---:|---:|---:|---:|---:|---:|");
    for &n in &threads {
        let (mut cli, mut collect, mut write) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..rounds {
            cli.push(cli_run(&bin, &jsonl, n));
            collect.push(df_run(&parquet, None, n, texts.len()));
            write.push(df_run(&parquet, Some(&out), n, texts.len()));
        }
        // Throughput ratio = CLI time / DataFusion time, per round.
        let r_collect: Vec<f64> = cli.iter().zip(&collect).map(|(c, d)| c / d).collect();
        let r_write: Vec<f64> = cli.iter().zip(&write).map(|(c, d)| c / d).collect();
        let mbs = |t: f64| text_bytes as f64 / 1e6 / t;
        println!(
            "| {n} | {:.3} s ({:.1} MB/s) | {:.3} s ({:.1} MB/s) | {:.3} s ({:.1} MB/s) | {:.2}× | {:.2}× |",
            median(&cli),
            mbs(median(&cli)),
            median(&collect),
            mbs(median(&collect)),
            median(&write),
            mbs(median(&write)),
            median(&r_collect),
            median(&r_write),
        );
        eprintln!(
            "  {n} threads, all runs (s): cli {cli:.3?} collect {collect:.3?} parquet {write:.3?}"
        );
    }
}
