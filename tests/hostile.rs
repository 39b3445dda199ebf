//! Hostile but ordinary input (issue 15): every way found to lose or corrupt data with exit
//! status 0, each a test on real files in a temporary directory. Cases 1–11 follow the
//! issue's numbering; the rest are the same classes found afterwards.
#![cfg(all(feature = "cli", unix))]

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

mod common;

use common::{emotive, jsonl, stderr, stdout};
use serde_json::Value;

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("emotive")
}

/// The binary with std's Command, for its stdin/stdout settings.
fn emotive_std(dir: &Path) -> StdCommand {
    let mut c = StdCommand::new(bin());
    c.current_dir(dir);
    c
}

const SMALL_CSV: &str = "id,text\n1,I love it\n2,Broke after a week\n";

// 1. Output onto the input, and failed runs, never touch existing files.

#[test]
fn case01_output_onto_an_input_is_refused_before_anything_is_touched() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir(d.join("sub")).unwrap();
    fs::write(d.join("same.csv"), SMALL_CSV).unwrap();
    std::os::unix::fs::symlink("same.csv", d.join("link.csv")).unwrap();
    fs::hard_link(d.join("same.csv"), d.join("hard.csv")).unwrap();
    for target in [
        "same.csv",
        "./same.csv",
        "sub/../same.csv",
        "link.csv",
        "hard.csv",
    ] {
        let out = emotive(d)
            .args(["same.csv", "--format", "csv", "-o", target])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "-o {target}");
        assert!(
            stderr(&out).contains("is the input same.csv"),
            "-o {target}: {}",
            stderr(&out)
        );
        assert_eq!(fs::read_to_string(d.join("same.csv")).unwrap(), SMALL_CSV);
    }
    // Through stdin redirected from the file, and for the summary's outputs.
    let out = emotive_std(d)
        .args(["--input-format", "csv", "-o", "same.csv"])
        .stdin(fs::File::open(d.join("same.csv")).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    for args in [
        &["summary", "same.csv", "--html", "same.csv"][..],
        &["summary", "same.csv", "-o", "same.csv"],
        &["summary", "same.csv", "-o", "r.txt", "--html", "./r.txt"],
    ] {
        let out = emotive(d).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    assert_eq!(fs::read_to_string(d.join("same.csv")).unwrap(), SMALL_CSV);
    assert!(!d.join("r.txt").exists());
}

#[test]
fn case01_a_failed_run_leaves_the_previous_output_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("in.csv"), SMALL_CSV).unwrap();
    fs::write(d.join("out.csv"), "previous results\n").unwrap();
    let out = emotive(d)
        .args([
            "in.csv", "--column", "body", "--format", "csv", "-o", "out.csv",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        fs::read_to_string(d.join("out.csv")).unwrap(),
        "previous results\n"
    );
    // A successful run replaces it, and leaves no temporary file behind.
    let out = emotive(d)
        .args(["in.csv", "--format", "csv", "-o", "out.csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        fs::read_to_string(d.join("out.csv"))
            .unwrap()
            .starts_with("id,compound")
    );
    let names: Vec<String> = fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.starts_with(".emotive-")),
        "{names:?}"
    );
}

// 2. An unterminated quote.

fn csv_with_stray_quote(rows: usize, bad: usize) -> String {
    let mut s = String::from("id,stars,text\n");
    for i in 1..=rows {
        if i == bad {
            s.push_str(&format!("{i},3,\"5 stars, would buy again\n"));
        } else {
            s.push_str(&format!("{i},4,great product number {i} and works well\n"));
        }
    }
    s
}

#[test]
fn case02_an_unterminated_quote_is_reported_and_the_rows_after_it_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("q.csv"), csv_with_stray_quote(3000, 1000)).unwrap();
    let out = emotive(d).args(["q.csv"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let rows = jsonl(&out.stdout);
    assert_eq!(rows.len(), 2999, "every row but the broken one");
    assert_eq!(rows[999]["id"], "1001", "reading resumed on the next line");
    assert!(
        stderr(&out).contains(
            "q.csv:line 1001: quote opened here is never closed (the input ends first); row skipped"
        ),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("2999 rows scored, 1 skipped"));
    // --strict stops there.
    let out = emotive(d).args(["q.csv", "--strict"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    // The summary counts it.
    let out = emotive(d)
        .args(["summary", "q.csv", "--json", "-q"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["count"].as_u64(), v["skipped"].as_u64()),
        (Some(2999), Some(1))
    );
}

#[test]
fn case02_a_quoted_field_spans_lines_only_up_to_the_record_bound() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A legitimate two-line field, then a stray quote with more than 1 KiB after it.
    let mut s = String::from("id,text\n1,\"two\nlines\"\n2,\"stray\n");
    for i in 3..200 {
        s.push_str(&format!("{i},row {i} is fine\n"));
    }
    fs::write(d.join("b.csv"), &s).unwrap();
    let out = emotive(d)
        .args(["b.csv", "--max-line-bytes", "1K"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let rows = jsonl(&out.stdout);
    assert_eq!(rows.len(), 198);
    assert_eq!(rows[0]["id"], "1");
    assert_eq!(rows[1]["id"], "3");
    assert!(
        stderr(&out).contains(
            "b.csv:line 4: quote opened here is not closed within --max-line-bytes (1024 bytes); row skipped"
        ),
        "{}",
        stderr(&out)
    );
    // Text after a closing quote is an error too, not a silent merge.
    fs::write(d.join("c.csv"), "id,text\n1,\"ok\" but more\n2,fine\n").unwrap();
    let out = emotive(d).args(["c.csv"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(jsonl(&out.stdout).len(), 1);
    assert!(stderr(&out).contains("c.csv:line 2: text after the closing quote"));
}

// 3. Duplicate and reserved names.

#[test]
fn case03_duplicate_and_reserved_names_are_made_unique() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("d.csv"), "id,score,score,text\n1,5,3,good\n").unwrap();
    let out = emotive(d).args(["d.csv"]).output().unwrap();
    let row = &jsonl(&out.stdout)[0];
    assert_eq!(
        (&row["score"], &row["score_2"]),
        (&Value::from("5"), &Value::from("3"))
    );
    let out = emotive(d)
        .args(["d.csv", "--format", "csv"])
        .output()
        .unwrap();
    let text = stdout(&out);
    let mut lines = text.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("id,score,score_2,compound")
    );
    assert!(lines.next().unwrap().starts_with("1,5,3,"));
    // A renamed reserved name that meets an existing one.
    fs::write(
        d.join("r.csv"),
        "compound,input_compound,joy,text\n1,2,3,good\n",
    )
    .unwrap();
    let out = emotive(d)
        .args(["r.csv", "--format", "csv"])
        .output()
        .unwrap();
    assert!(
        stdout(&out).starts_with("input_compound,input_compound_2,input_joy,compound,"),
        "{}",
        stdout(&out)
    );
    // JSON objects: duplicate members are kept, renamed the same way.
    fs::write(
        d.join("j.jsonl"),
        "{\"id\":1,\"id\":2,\"label\":\"x\",\"text\":\"good\"}\n",
    )
    .unwrap();
    let out = emotive(d).args(["j.jsonl"]).output().unwrap();
    let line = stdout(&out);
    assert!(
        line.starts_with("{\"id\":1,\"id_2\":2,\"input_label\":\"x\",\"compound\""),
        "{line}"
    );
}

// 4. CSV output's columns.

#[test]
fn case04_csv_output_never_drops_columns_silently() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("a.csv"), "id,text\n1,good\n").unwrap();
    fs::write(d.join("b.csv"), "id,extra,text\n2,x,bad\n").unwrap();
    let out = emotive(d)
        .args(["a.csv", "b.csv", "--format", "csv", "-o", "out.csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("b.csv: its columns (id, extra) differ"));
    assert!(!d.join("out.csv").exists(), "a failed run writes nothing");
    // JSON Lines: a later object with a new member is reported and counted; a missing member
    // is an empty cell.
    fs::write(
        d.join("j.jsonl"),
        "{\"id\":1,\"n\":2,\"text\":\"good\"}\n{\"id\":2,\"text\":\"bad\"}\n{\"id\":3,\"new\":true,\"text\":\"ok\"}\n",
    )
    .unwrap();
    let out = emotive(d)
        .args(["j.jsonl", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[2].starts_with("2,,"));
    assert!(stderr(&out).contains("j.jsonl:line 3: member new is not among the CSV columns"));
    assert!(stderr(&out).contains("2 rows scored, 1 skipped"));
}

// 5. Carried values byte for byte.

#[test]
fn case05_carried_json_values_come_out_exactly_as_they_came_in() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let line = "{\"id\":12345678901234567890123,\"price\":1.10,\"e\":1.0e5,\"nested\":{\"a\": [1, 2.50]},\"text\":\"good\"}\n";
    fs::write(d.join("n.jsonl"), line).unwrap();
    let out = emotive(d).args(["n.jsonl"]).output().unwrap();
    assert!(
        stdout(&out).starts_with(
            "{\"id\":12345678901234567890123,\"price\":1.10,\"e\":1.0e5,\"nested\":{\"a\": [1, 2.50]},\"compound\""
        ),
        "{}",
        stdout(&out)
    );
    let out = emotive(d)
        .args(["n.jsonl", "--format", "csv"])
        .output()
        .unwrap();
    assert!(
        stdout(&out).contains("\n12345678901234567890123,1.10,1.0e5,\"{\"\"a\"\": [1, 2.50]}\","),
        "{}",
        stdout(&out)
    );
    // A nested text field: the rest of its object keeps its bytes.
    fs::write(
        d.join("m.jsonl"),
        "{\"r\":{\"body\":\"good\",\"stars\":5.0}}\n",
    )
    .unwrap();
    let out = emotive(d)
        .args(["m.jsonl", "--field", "r.body"])
        .output()
        .unwrap();
    assert!(stdout(&out).starts_with("{\"r\":{\"stars\":5.0},\"compound\""));
}

// 6. Time: see tests/stress.rs (release only), `case06_glued_words_take_linear_time`, and
// `cargo bench --bench worst_case`.

// 7. Ctrl-C while stdin is idle.

fn interrupt(pid: u32) {
    // SAFETY: sending a signal to a child we started.
    unsafe {
        libc::kill(pid as i32, libc::SIGINT);
    }
}

#[test]
fn case07_ctrl_c_ends_a_run_promptly_while_stdin_waits() {
    let mut child = StdCommand::new(bin())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    writeln!(input, "I love it").unwrap();
    input.flush().unwrap();
    // Wait for the answer to that line: stdin stays open and idle.
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    assert!(first.starts_with("{\"compound\""));
    let started = Instant::now();
    interrupt(child.id());
    let status = child.wait().unwrap();
    let took = started.elapsed();
    let limit = if cfg!(debug_assertions) { 2.0 } else { 0.5 };
    assert!(
        took < Duration::from_secs_f64(limit),
        "took {took:?} to stop after Ctrl-C"
    );
    assert_eq!(status.code(), Some(130));
    drop(input);
}

// 8. An interrupted summary says so.

#[test]
fn case08_an_interrupted_summary_is_marked_partial_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut child = StdCommand::new(bin())
        .current_dir(d)
        .args([
            "summary", "--json", "--html", "r.html", "-o", "r.json", "-q",
        ])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    for i in 0..20_000 {
        writeln!(input, "review {i}: I love it, but the battery died").unwrap();
    }
    input.flush().unwrap();
    std::thread::sleep(Duration::from_millis(500));
    interrupt(child.id());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    let v: Value = serde_json::from_str(&fs::read_to_string(d.join("r.json")).unwrap()).unwrap();
    assert_eq!(v["partial"], true);
    let html = fs::read_to_string(d.join("r.html")).unwrap();
    assert!(html.contains("Partial report"));
    // The terminal report too.
    let mut child = StdCommand::new(bin())
        .args(["summary", "-q"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    writeln!(input, "I love it").unwrap();
    input.flush().unwrap();
    std::thread::sleep(Duration::from_millis(500));
    interrupt(child.id());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130));
    assert!(String::from_utf8_lossy(&out.stdout).contains("PARTIAL: interrupted"));
    drop(input);
    // A complete run is not partial.
    fs::write(d.join("in.txt"), "good\n").unwrap();
    let out = emotive(d)
        .args(["summary", "in.txt", "--json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["partial"], false);
}

// 9. Encodings and byte-order marks.

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend(if big_endian {
            [0xFE, 0xFF]
        } else {
            [0xFF, 0xFE]
        });
    }
    for u in text.encode_utf16() {
        out.extend(if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

#[test]
fn case09_utf16_is_decoded_and_boms_are_dropped_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let plain = emotive(d)
        .arg("-")
        .write_stdin("I love it 😍\nI hate it\n")
        .output()
        .unwrap();
    for be in [false, true] {
        fs::write(
            d.join("u.txt"),
            utf16("I love it 😍\r\nI hate it\r\n", be, true),
        )
        .unwrap();
        let out = emotive(d).arg("u.txt").output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(out.stdout, plain.stdout, "big endian: {be}");
        assert!(stderr(&out).contains("UTF-16"));
        // Without a byte-order mark: refused, naming the encoding.
        fs::write(d.join("n.txt"), utf16("I love it\n", be, false)).unwrap();
        let out = emotive(d).arg("n.txt").output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains(if be { "UTF-16BE" } else { "UTF-16LE" }));
    }
    fs::write(d.join("u.csv"), utf16("id,text\n1,good\n", false, true)).unwrap();
    let out = emotive(d).args(["u.csv"]).output().unwrap();
    assert_eq!(jsonl(&out.stdout)[0]["id"], "1");
    let mut utf32 = vec![0xFF, 0xFE, 0, 0];
    utf32.extend([b'h', 0, 0, 0]);
    fs::write(d.join("u32.txt"), utf32).unwrap();
    let out = emotive(d).arg("u32.txt").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("UTF-32"));
    // A UTF-8 byte-order mark at the start of any format, also of a second file.
    fs::write(d.join("b.txt"), "\u{feff}good\n").unwrap();
    fs::write(d.join("b.jsonl"), "\u{feff}{\"text\":\"good\"}\n").unwrap();
    fs::write(d.join("b.csv"), "\u{feff}text\ngood\n").unwrap();
    fs::write(d.join("b.tsv"), "\u{feff}text\ngood\n").unwrap();
    for f in ["b.txt", "b.jsonl", "b.csv", "b.tsv"] {
        let out = emotive(d).args(["b.txt", f, "--explain"]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{f}: {}", stderr(&out));
        let rows = jsonl(&out.stdout);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1]["hits"][0]["term"], "good", "{f}");
        assert_eq!(rows[0]["hits"][0]["span"], serde_json::json!([0, 4]), "{f}");
    }
}

// 10. Settings out of range.

#[test]
fn case10_absurd_settings_are_errors_not_crashes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("a.txt"), "good\n").unwrap();
    for args in [
        &["a.txt", "--threads", "100000"][..],
        &["a.txt", "--threads", "-1"],
        &["a.txt", "--max-line-bytes", "2G"],
        &["a.txt", "--max-line-bytes", "0"],
        &["summary", "a.txt", "--top", "5000"],
    ] {
        let out = emotive(d).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).starts_with("error: "),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    let out = emotive(d)
        .args(["a.txt", "--threads", "512"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

// 11. Write errors.

#[test]
fn case11_a_closed_or_full_stdout_is_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("a.txt"), "good\n".repeat(1000)).unwrap();
    let out = StdCommand::new("sh")
        .current_dir(d)
        .arg("-c")
        .arg(format!("'{}' a.txt >&-", bin().display()))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("stdout is closed"));
    if Path::new("/dev/full").exists() {
        let out = emotive_std(d)
            .arg("a.txt")
            .stdout(
                fs::OpenOptions::new()
                    .write(true)
                    .open("/dev/full")
                    .unwrap(),
            )
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains("No space left on device"));
    }
    // `> /dev/null` is a choice, not a failure.
    let out = emotive_std(d)
        .arg("a.txt")
        .stdout(
            fs::OpenOptions::new()
                .write(true)
                .open("/dev/null")
                .unwrap(),
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

// Beyond the issue's eleven: the same classes, found by a second hostile session.

#[test]
fn more_an_unwritable_stderr_does_not_crash_the_run() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // 5,000 good lines and one with invalid UTF-8, whose note cannot be written.
    let mut bytes = b"good\n".repeat(5000);
    bytes.extend_from_slice(b"bad \xff\xfe\n");
    fs::write(d.join("in.txt"), &bytes).unwrap();
    let out = emotive_std(d)
        .args(["in.txt", "-o", "out.jsonl"])
        .stderr(
            fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap(),
        )
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "the note on stderr is lost, the run is not"
    );
    let written = fs::read_to_string(d.join("out.jsonl")).unwrap();
    assert_eq!(written.lines().count(), 5001);
}

#[test]
fn more_lexicon_files_are_inputs_too() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("in.txt"), "good\n").unwrap();
    fs::write(d.join("my.tsv"), "zorgle\t2.0\n").unwrap();
    let out = emotive(d)
        .args(["in.txt", "--lexicon", "my.tsv", "-o", "my.tsv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is the lexicon my.tsv"));
    assert_eq!(
        fs::read_to_string(d.join("my.tsv")).unwrap(),
        "zorgle\t2.0\n"
    );
    // A missing input leaves an existing output alone.
    fs::write(d.join("out.jsonl"), "kept\n").unwrap();
    let out = emotive(d)
        .args(["missing.txt", "-o", "out.jsonl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read_to_string(d.join("out.jsonl")).unwrap(), "kept\n");
    // `-o -` is stdout.
    let out = emotive(d).args(["in.txt", "-o", "-"]).output().unwrap();
    assert_eq!(jsonl(&out.stdout).len(), 1);
    assert!(!d.join("-").exists());
}

#[test]
fn more_headers_empty_or_not_utf8_keep_every_column() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("e.csv"), "id,,,text\n1,a,b,good\n").unwrap();
    let out = emotive(d)
        .args(["e.csv", "--format", "csv"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.starts_with("id,column_2,column_3,compound"), "{text}");
    assert!(text.contains("\n1,a,b,"));
    fs::write(d.join("l.csv"), b"caf\xe9,caf\xe8,text\n1,2,good\n").unwrap();
    let out = emotive(d).args(["l.csv"]).output().unwrap();
    let row = &jsonl(&out.stdout)[0];
    assert_eq!(
        (&row["caf\u{fffd}"], &row["caf\u{fffd}_2"]),
        (&Value::from("1"), &Value::from("2"))
    );
    assert!(stderr(&out).contains("header: column 1: invalid UTF-8"));
    let out = emotive(d)
        .args(["l.csv", "--strict-utf8"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn more_line_ends_cr_crlf_and_line_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Lone CR (old Mac files) ends lines in text and JSON Lines.
    fs::write(d.join("cr.txt"), "good\rbad\rfine").unwrap();
    let out = emotive(d).arg("cr.txt").output().unwrap();
    assert_eq!(jsonl(&out.stdout).len(), 3);
    // A CR-only CSV bigger than the line limit is read row by row.
    let mut csv = String::from("id,text\r");
    for i in 0..3000 {
        csv.push_str(&format!("{i},row number {i} is good\r"));
    }
    fs::write(d.join("cr.csv"), &csv).unwrap();
    let out = emotive(d)
        .args(["cr.csv", "--max-line-bytes", "1K"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(jsonl(&out.stdout).len(), 3000);
    // CRLF: a bad row is reported on its own line number.
    fs::write(d.join("crlf.csv"), "id,text\r\n1,good\r\n2,bad,extra\r\n").unwrap();
    let out = emotive(d).arg("crlf.csv").output().unwrap();
    assert!(
        stderr(&out).contains("crlf.csv:line 3: expected 2 fields"),
        "{}",
        stderr(&out)
    );
    // An over-long line inside a quoted field: the record is skipped, the rows after it read.
    let long = "x".repeat(3000);
    fs::write(
        d.join("q.csv"),
        format!("id,text\n1,\"start\n{long}\nend\"\n2,good\n3,fine\n"),
    )
    .unwrap();
    let out = emotive(d)
        .args(["q.csv", "--max-line-bytes", "1K"])
        .output()
        .unwrap();
    let ids: Vec<String> = jsonl(&out.stdout)
        .iter()
        .map(|r| r["id"].to_string())
        .collect();
    assert!(
        ids.ends_with(&["\"2\"".to_string(), "\"3\"".to_string()]),
        "{ids:?}"
    );
    assert!(
        !ids.iter().any(|i| i.contains("xxx")),
        "no made-up row: {ids:?}"
    );
}

#[test]
fn more_gzip_is_recognised_by_its_bytes() {
    use flate2::{Compression, write::GzEncoder};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(b"I love it\n").unwrap();
    let gz = gz.finish().unwrap();
    fs::write(d.join("r.txt.GZ"), &gz).unwrap();
    let out = emotive(d).arg("r.txt.GZ").output().unwrap();
    assert_eq!(jsonl(&out.stdout)[0]["label"], "positive");
    let out = emotive(d).arg("-").write_stdin(gz).output().unwrap();
    assert_eq!(jsonl(&out.stdout)[0]["label"], "positive");
    fs::write(d.join("fake.gz"), "good\n").unwrap();
    let out = emotive(d).arg("fake.gz").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not gzip"));
}

#[test]
fn more_a_skipped_text_line_keeps_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut bytes = b"good\n".to_vec();
    bytes.extend_from_slice(b"bad \xff\n");
    bytes.extend_from_slice(&[b'x'; 2000]);
    bytes.extend_from_slice(b"\nterrible\n");
    fs::write(d.join("t.txt"), &bytes).unwrap();
    let out = emotive(d)
        .args(["t.txt", "--strict-utf8", "--max-line-bytes", "1K"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let rows = jsonl(&out.stdout);
    assert_eq!(rows.len(), 4, "one output line per input line");
    assert_eq!(rows[1]["skipped"], "invalid UTF-8 at byte 4");
    assert_eq!(rows[2]["line"], 3);
    assert_eq!(rows[3]["label"], "negative", "line 4 answers line 4");
    assert!(stderr(&out).contains("2 rows scored, 2 skipped"));
}

#[test]
fn more_options_that_would_be_ignored_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("a.txt"), "good\n").unwrap();
    for args in [
        &["a.txt", "--html", "r.html"][..],
        &["a.txt", "--json"],
        &["a.txt", "--date-column", "d"],
        &["a.txt", "--summary", "--format", "csv"],
        &["a.txt", "--summary", "--explain"],
    ] {
        let out = emotive(d).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    assert!(!d.join("r.html").exists());
}

#[test]
fn more_csv_output_has_its_header_even_without_rows() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("h.csv"), "id,stars,text\n").unwrap();
    let out = emotive(d)
        .args(["h.csv", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(
        stdout(&out),
        "id,stars,compound,label,dominant,anger,anticipation,disgust,fear,joy,sadness,surprise,trust\n"
    );
}

#[test]
fn more_valence_only_lexicons_keep_the_bundled_emotions() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("v.tsv"), "love\t3.2\n").unwrap();
    let with = emotive(d)
        .args(["-", "--lexicon", "v.tsv"])
        .write_stdin("I love it\n")
        .output()
        .unwrap();
    let without = emotive(d)
        .arg("-")
        .write_stdin("I love it\n")
        .output()
        .unwrap();
    assert_eq!(
        jsonl(&with.stdout)[0]["emotions"],
        jsonl(&without.stdout)[0]["emotions"]
    );
    // As the whole emotion lexicon, a file without emotions is refused.
    let out = emotive(d)
        .args(["-", "--emotion-lexicon", "v.tsv"])
        .write_stdin("I love it\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn more_a_lone_surrogate_escape_does_not_reject_a_json_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(
        d.join("s.jsonl"),
        "{\"id\":1,\"note\":\"\\ud83d\",\"text\":\"good \\ud83d\"}\n",
    )
    .unwrap();
    let out = emotive(d).arg("s.jsonl").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("{\"id\":1,\"note\":\"\\ud83d\",\"compound\""));
}
