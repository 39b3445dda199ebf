//! The `emotive` binary on small committed fixtures (tests/data/cli): what is kept, in what
//! order, what is reported, and the exit status.
#![cfg(feature = "cli")]

use std::path::{Path, PathBuf};

mod common;

use assert_cmd::Command;
use common::{jsonl, stderr};
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cli")
}

fn emotive() -> Command {
    common::emotive(&fixtures())
}

#[test]
fn csv_with_multiline_fields_and_a_broken_row() {
    let out = emotive()
        .args(["reviews.csv", "--format", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "rows skipped → exit 1");
    let rows = jsonl(&out.stdout);
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["1", "2", "4", "5"], "every good row, in input order");
    assert_eq!(
        rows[0]["stars"], "5",
        "other columns carried through under their own names"
    );
    assert_eq!(rows[0]["label"], "positive");
    assert_eq!(
        rows[1]["label"], "negative",
        "the quoted two-line review was read whole"
    );
    assert!(
        rows[1].get("text").is_none(),
        "the text is not repeated unless --with-text"
    );
    assert_eq!(
        rows[3]["label"], "neutral",
        "an empty text is scored, not dropped"
    );
    assert_eq!(
        stderr(&out),
        "emotive: reviews.csv:line 5: expected 3 fields as in the header, found 6; row skipped\n\
         emotive: 4 rows scored, 1 skipped (reported above)\n"
    );
}

#[test]
fn csv_output_has_input_columns_then_scores() {
    let out = emotive()
        .args(["reviews.csv", "--format", "csv", "--quiet"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "id,stars,compound,label,dominant,anger,anticipation,disgust,fear,joy,sadness,surprise,trust"
    );
    let ids: Vec<&str> = lines.map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(ids, ["1", "2", "4", "5"]);
    assert_eq!(
        stderr(&out),
        "emotive: 4 rows scored, 1 skipped (reported above)\n",
        "--quiet keeps the final count"
    );
}

#[test]
fn jsonl_with_a_bad_line_and_missing_fields() {
    let out = emotive()
        .args(["reviews.jsonl", "--field", "review.body"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let rows = jsonl(&out.stdout);
    let ids: Vec<i64> = rows.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert_eq!(
        ids,
        [1, 2, 6],
        "blank line ignored, bad lines skipped, order kept"
    );
    assert_eq!(rows[0]["date"], "2024-03-01");
    assert!(
        rows[0].get("review").is_none(),
        "the nested text field is not carried twice"
    );
    assert_eq!(rows[1]["label"], "negative");
    assert_eq!(
        stderr(&out),
        "emotive: reviews.jsonl:line 3: invalid JSON: expected ident at line 1 column 2; row skipped\n\
         emotive: reviews.jsonl:line 4: missing field \"review.body\"; row skipped\n\
         emotive: reviews.jsonl:line 5: field \"review.body\" is not a string but a number; row skipped\n\
         emotive: 3 rows scored, 3 skipped (reported above)\n"
    );
}

#[test]
fn invalid_utf8_is_read_lossily_and_counted_or_skipped_with_strict_utf8() {
    let out = emotive()
        .args(["invalid_utf8.txt", "--format", "jsonl", "--with-text"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "every row scored");
    let rows = jsonl(&out.stdout);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1]["text"], "bad \u{fffd}\u{fffd} bytes here");
    assert_eq!(
        stderr(&out),
        "emotive: invalid_utf8.txt:line 2: invalid UTF-8 at byte 4; read as U+FFFD\n\
         emotive: 3 rows scored (1 with invalid UTF-8 read as U+FFFD)\n"
    );
    let out = emotive()
        .args(["invalid_utf8.txt", "--format", "jsonl", "--strict-utf8"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "a row skipped");
    let rows = jsonl(&out.stdout);
    assert_eq!(rows.len(), 3, "the skipped line keeps its place");
    assert_eq!(rows[1]["skipped"], "invalid UTF-8 at byte 4");
    assert_eq!(
        stderr(&out),
        "emotive: invalid_utf8.txt:line 2: invalid UTF-8 at byte 4; row skipped\n\
         emotive: 2 rows scored, 1 skipped (reported above)\n"
    );
    let out = emotive()
        .args(["invalid_utf8.txt", "--format", "jsonl", "--strict"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "--strict stops at invalid UTF-8 too"
    );
    assert_eq!(jsonl(&out.stdout).len(), 1, "the row before it is written");
    assert_eq!(
        stderr(&out),
        "emotive: invalid_utf8.txt:line 2: invalid UTF-8 at byte 4 (stopping: --strict)\n"
    );
    // The same in CSV and JSON Lines, and the count in the summary.
    let csv = b"id,text\n1,good\n2,bad \xff\n3,fine\n";
    let out = emotive()
        .args(["--input-format", "csv", "--format", "csv", "-q"])
        .write_stdin(&csv[..])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 4);
    let out = emotive()
        .args(["--input-format", "csv", "--strict-utf8"])
        .write_stdin(&csv[..])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out)
            .contains("<stdin>:line 3: column \"text\": invalid UTF-8 at byte 4; row skipped")
    );
    let out = emotive()
        .args(["summary", "--input-format", "jsonl", "--json", "-q"])
        .write_stdin(&b"{\"text\":\"ok \xfe\"}\n{\"text\":\"good\"}\n"[..])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["count"], 2);
    assert_eq!(v["invalid_utf8_replaced"], 1);
}

#[test]
fn empty_input_is_not_an_error() {
    let out = emotive()
        .args(["empty.txt", "--format", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    // CSV output still says what its columns are.
    let out = emotive()
        .args(["--format", "csv"])
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "compound,label,dominant,anger,anticipation,disgust,fear,joy,sadness,surprise,trust\n"
    );
}

#[test]
fn strict_stops_at_the_first_bad_row_after_writing_the_rows_before_it() {
    let out = emotive()
        .args(["reviews.csv", "--format", "csv", "--strict"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    let ids: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(ids, ["1", "2"]);
    assert_eq!(
        stderr(&out),
        "emotive: reviews.csv:line 5: expected 3 fields as in the header, found 6 (stopping: --strict)\n"
    );
}

#[test]
fn a_missing_column_is_a_fatal_error() {
    let out = emotive()
        .args(["reviews.csv", "--column", "body"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        stderr(&out),
        "emotive: reviews.csv: no column \"body\" (columns: id, text, stars); choose one with --column\n"
    );
}

#[test]
fn stdin_lines_come_back_one_per_line_in_order() {
    let input: String = (0..5000)
        .map(|i| format!("{} {i}\n", if i % 3 == 0 { "awful" } else { "lovely" }))
        .collect();
    let out = emotive()
        .args(["--format", "jsonl", "--with-text", "--threads", "2"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let rows = jsonl(&out.stdout);
    assert_eq!(rows.len(), 5000);
    for (i, r) in rows.iter().enumerate() {
        assert!(r["text"].as_str().unwrap().ends_with(&format!(" {i}")));
        assert_eq!(r["label"], if i % 3 == 0 { "negative" } else { "positive" });
    }
}

#[test]
fn explain_adds_the_terms() {
    let out = emotive()
        .args(["--format", "jsonl", "--explain"])
        .write_stdin("not nice, but the staff was lovely\n")
        .output()
        .unwrap();
    let rows = jsonl(&out.stdout);
    let hits = rows[0]["hits"].as_array().unwrap();
    let nice = hits.iter().find(|h| h["term"] == "nice").unwrap();
    assert_eq!(
        nice["modifiers"],
        serde_json::json!(["negated", "contrast"])
    );
    assert!(nice["contribution"].as_f64().unwrap() < 0.0);
    let out = emotive()
        .args(["--format", "csv", "--explain"])
        .write_stdin("lovely\n")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(text.lines().next().unwrap().ends_with(",terms"));
    assert!(text.lines().nth(1).unwrap().contains("lovely(+"));
}

#[test]
fn gzip_input() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lines.txt.gz");
    let mut gz = flate2::write::GzEncoder::new(
        std::fs::File::create(&path).unwrap(),
        flate2::Compression::default(),
    );
    gz.write_all(b"great\nterrible\n").unwrap();
    gz.finish().unwrap();
    let out = emotive()
        .arg(&path)
        .args(["--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let labels: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap().to_string())
        .collect();
    assert_eq!(labels, ["positive", "negative"]);
}

#[test]
fn summary_report_with_dates_and_html() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("report.html");
    let out = emotive()
        .args([
            "summary",
            "dated.tsv",
            "--date-column",
            "date",
            "--by",
            "month",
            "--html",
        ])
        .arg(&html)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(text.contains("3 items scored, 0 skipped"));
    assert!(text.contains("OVER TIME  (by month"));
    assert!(text.contains("  2024-01 ") && text.contains("  2024-02 "));
    assert!(text.contains("MOST NEGATIVE ITEMS") && text.contains("Hate it"));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.starts_with("<!doctype html>") && page.contains("<svg") && page.contains("2024-02")
    );
    assert!(
        !page.contains("http"),
        "the HTML report must not reach the network"
    );
    let out = emotive()
        .args(["--summary", "--json", "dated.tsv", "--date-column", "date"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["count"], 3);
    assert_eq!(
        v["over_time"]["period"], "week",
        "39 days of data: auto picks weeks (at most about 30 rows)"
    );
    assert_eq!(v["most_negative"][0]["text"], "Hate it");
}

#[test]
fn user_lexicons_from_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/lexicons");
    let out = emotive()
        .args([
            "--format",
            "jsonl",
            "--lexicon-format",
            "nrc",
            "--emotion-lexicon",
        ])
        .arg(dir.join("nrc_emolex_long.txt"))
        .write_stdin("zorgle\nhappy\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = jsonl(&out.stdout);
    assert_eq!(rows[0]["detected"], serde_json::json!(["joy", "trust"]));
    assert_eq!(
        rows[1]["detected"],
        serde_json::json!([]),
        "the bundled emotion lexicon was replaced"
    );
    let out = emotive()
        .args(["--lexicon-format", "nrc", "--emotion-lexicon"])
        .arg(dir.join("bad_emotion.txt"))
        .write_stdin("x\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "a bad lexicon is a failure");
    assert!(
        stderr(&out).ends_with("bad_emotion.txt: lexicon line 3: unknown emotion \"joyy\"\n"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn help_and_version() {
    let out = emotive().arg("--help").output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "--column",
        "--field",
        "--format",
        "--explain",
        "--threads",
        "--strict",
        "--strict-utf8",
        "--max-line-bytes",
        "--lexicon-format",
        "Examples:",
        "Exit status",
    ] {
        assert!(help.contains(needle), "--help lacks {needle}");
    }
    let out = emotive().arg("--no-such-flag").output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "a bad command line is a failure"
    );
    let out = emotive().arg("no-such-file.txt").output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unreadable input is a failure"
    );
    assert!(stderr(&out).starts_with("emotive: cannot open no-such-file.txt"));
    let out = emotive().arg("--version").output().unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        format!("emotive {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let bin = assert_cmd::cargo::cargo_bin("emotive");
    let script = format!(
        "yes 'what a lovely day' | head -200000 | '{}' --format jsonl | head -1 >/dev/null; echo \"${{PIPESTATUS[2]}}\"",
        bin.display()
    );
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(script)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "0");
    assert_eq!(stderr(&out), "", "no error message on a closed pipe");
}

#[test]
fn ctrl_c_leaves_complete_lines_and_exit_130() {
    use std::io::Write;
    use std::process::Stdio;
    let bin = assert_cmd::cargo::cargo_bin("emotive");
    let mut child = std::process::Command::new(bin)
        .args(["--format", "jsonl", "--threads", "1"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // Keep feeding until the pipe closes; the run is interrupted long before the end.
    let feeder = std::thread::spawn(move || {
        let line = "What a lovely day, but the service was awful and slow!\n".repeat(1000);
        for _ in 0..20_000 {
            if stdin.write_all(line.as_bytes()).is_err() {
                break;
            }
        }
    });
    std::thread::sleep(std::time::Duration::from_millis(700));
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    let _ = feeder.join();
    assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
    assert!(
        !out.stdout.is_empty(),
        "some rows were written before the interrupt"
    );
    assert_eq!(
        out.stdout.last(),
        Some(&b'\n'),
        "the output ends with a complete line"
    );
    let rows = jsonl(&out.stdout);
    assert!(
        rows.iter()
            .all(|r| r["label"] == "positive" || r["label"] == "negative")
    );
    assert!(
        stderr(&out).starts_with("emotive: interrupted after "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_line_over_max_line_bytes_is_reported_and_skipped_in_every_format() {
    let long = "a".repeat(500);
    let cases = [
        // Text keeps a placeholder line for the skipped one (output line N answers line N).
        ("text", format!("good\n{long}\nbad\n"), 2, 3),
        (
            "jsonl",
            format!("{{\"text\":\"good\"}}\n{{\"text\":\"{long}\"}}\n{{\"text\":\"bad\"}}\n"),
            2,
            2,
        ),
        (
            "csv",
            format!("id,text\n1,good\n2,{long}\n3,bad\n4,x,y\n5,fine\n"),
            3,
            3,
        ),
        (
            "tsv",
            format!("id\ttext\n1\tgood\n2\t{long}\n3\tbad\n"),
            3,
            2,
        ),
    ];
    for (format, input, line, rows) in cases {
        let out = emotive()
            .args([
                "--input-format",
                format,
                "--format",
                "jsonl",
                "--max-line-bytes",
                "100",
            ])
            .write_stdin(input)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}: {}", stderr(&out));
        assert_eq!(jsonl(&out.stdout).len(), rows, "{format}");
        assert!(
            stderr(&out).starts_with(&format!(
                "emotive: <stdin>:line {line}: line longer than --max-line-bytes (100 bytes); row skipped\n"
            )),
            "{format}: {}",
            stderr(&out)
        );
    }
    // After the restart, CSV rows are still checked against the header, with true line numbers.
    let out = emotive()
        .args(["--input-format", "csv", "--max-line-bytes", "100"])
        .write_stdin(format!("id,text\n1,good\n2,{long}\n3,bad\n4,x,y\n5,fine\n"))
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("<stdin>:line 5: expected 2 fields as in the header, found 3"),
        "{}",
        stderr(&out)
    );
    let out = emotive()
        .args(["--max-line-bytes", "lots"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn results_come_back_while_stdin_stays_open() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::Stdio;
    use std::sync::mpsc;
    use std::time::Duration;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("emotive"))
        .args(["--format", "jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let reader = std::thread::spawn(move || {
        for line in stdout.lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    // Like someone typing, or `tail -f`: each line is answered before the next is written,
    // long before a chunk of 2,048 lines could fill.
    for (text, label) in [("I love it", "positive"), ("this is awful", "negative")] {
        writeln!(stdin, "{text}").unwrap();
        stdin.flush().unwrap();
        let line = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("a result while stdin is still open");
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["label"], label);
    }
    drop(stdin);
    assert_eq!(child.wait().unwrap().code(), Some(0));
    reader.join().unwrap();
}
