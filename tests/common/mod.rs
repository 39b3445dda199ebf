//! Helpers shared by the command-line tests. Each file in `tests/` is a crate of its own and
//! includes this module with `mod common;`; not every file uses every helper.
#![allow(dead_code)]

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

/// The `emotive` binary, to be run in `dir`.
pub fn emotive(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("emotive").expect("binary built with --features cli");
    c.current_dir(dir);
    c
}

/// A run's standard output, as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A run's standard error, as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Each line of `out` parsed as one JSON value.
pub fn jsonl(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}
