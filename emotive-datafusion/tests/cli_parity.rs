//! `emotive(text)` over a Parquet file of 100,000 real reviews equals the `emotive` command
//! line's JSON Lines output on the same texts, value for value.
//!
//! The command line is the root package's binary (feature `cli`): `EMOTIVE_BIN` when set,
//! otherwise this test builds it with `cargo build --release --features cli` and asks cargo
//! where it put it. Skips, saying why, when `../shared` is absent.

mod common;

use std::path::PathBuf;
use std::process::{Command, Stdio};

use datafusion::arrow::array::{Array, AsArray};
use datafusion::arrow::datatypes::Int64Type;
use datafusion::prelude::{ParquetReadOptions, SessionConfig, SessionContext};
use serde_json::Value;

const ROWS: usize = 100_000;

/// The `emotive` binary: `$EMOTIVE_BIN`, or built by cargo (release, feature `cli`).
fn emotive_bin() -> PathBuf {
    if let Some(p) = std::env::var_os("EMOTIVE_BIN") {
        return PathBuf::from(p);
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let out = Command::new(cargo)
        .current_dir(root)
        .args([
            "build",
            "--release",
            "--features",
            "cli",
            "--bin",
            "emotive",
            "--message-format=json-render-diagnostics",
        ])
        .stderr(Stdio::inherit())
        .output()
        .expect("run cargo");
    assert!(
        out.status.success(),
        "cargo build of the emotive binary failed"
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "emotive")
        .find_map(|m| m["executable"].as_str().map(PathBuf::from))
        .expect("cargo reported the emotive executable")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sql_equals_the_command_line_on_100k_reviews() {
    let Some(data) = common::shared_data() else {
        println!("skipped: ../shared/data is absent (the review corpus lives there)");
        return;
    };
    let corpus = common::review_corpus(&data);
    assert!(corpus.len() > 8_000, "corpus of {} texts", corpus.len());
    let texts: Vec<&str> = corpus
        .iter()
        .map(String::as_str)
        .cycle()
        .take(ROWS)
        .collect();
    let ids: Vec<i64> = (0..ROWS as i64).collect();

    let dir = tempfile::tempdir().unwrap();
    let parquet = dir.path().join("reviews.parquet");
    common::write_parquet(&parquet, &ids, &texts, 8192);
    let txt = dir.path().join("reviews.txt");
    std::fs::write(&txt, texts.join("\n") + "\n").unwrap();

    // The command line on the texts, one per line.
    let bin = emotive_bin();
    let out = Command::new(&bin)
        .arg(&txt)
        .args(["--format", "jsonl", "--threads", "2"])
        .stderr(Stdio::inherit())
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", bin.display()));
    assert!(out.status.success(), "emotive exited with {}", out.status);
    let cli: Vec<Value> = out
        .stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).expect("a JSON line"))
        .collect();
    assert_eq!(cli.len(), ROWS, "one JSON line per text");

    // The same texts through SQL.
    let ctx = SessionContext::new_with_config(SessionConfig::new().with_target_partitions(2));
    emotive_datafusion::register(&ctx);
    ctx.register_parquet(
        "reviews",
        parquet.to_str().unwrap(),
        ParquetReadOptions::default(),
    )
    .await
    .unwrap();
    let batches = ctx
        .sql("SELECT id, emotive(text) AS e FROM reviews")
        .await
        .unwrap()
        .collect()
        .await
        .unwrap();

    let mut seen = vec![false; ROWS];
    let mut differences = 0;
    for b in &batches {
        let id = b.column(0).as_primitive::<Int64Type>();
        let e = b.column(1).as_struct();
        for row in 0..b.num_rows() {
            let i = id.value(row) as usize;
            assert!(!seen[i], "id {i} twice");
            seen[i] = true;
            assert!(e.is_valid(row));
            let sql = common::emotive_json(e, row);
            if sql != cli[i] {
                differences += 1;
                if differences <= 5 {
                    eprintln!("row {i}: {:?}\n sql: {sql}\n cli: {}", texts[i], cli[i]);
                }
            }
        }
    }
    assert!(seen.iter().all(|&s| s), "every row came back");
    assert_eq!(differences, 0, "rows where SQL and the command line differ");
    println!(
        "{ROWS} rows ({:.1} MB of text) equal value for value",
        texts.iter().map(|t| t.len()).sum::<usize>() as f64 / 1e6
    );
}
