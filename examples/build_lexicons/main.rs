//! Rebuilds the generated files in `lexicons/` from the sources in `../shared`.
//!
//! ```text
//! cargo run --release --example build_lexicons -- [--shared ../shared] [--out lexicons] [--check]
//! ```
//!
//! `--check` compares instead of writing and exits with status 1 when a committed file
//! differs from what the sources produce. The output is deterministic: the same sources give
//! the same bytes.

mod sources;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut shared = PathBuf::from("../shared");
    let mut out = PathBuf::from("lexicons");
    let mut check = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--shared" => shared = args.next().map(PathBuf::from).unwrap_or(shared),
            "--out" => out = args.next().map(PathBuf::from).unwrap_or(out),
            "--check" => check = true,
            "-h" | "--help" => {
                println!("usage: build_lexicons [--shared DIR] [--out DIR] [--check]");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("build_lexicons: unknown argument {other:?}");
                return ExitCode::from(2);
            }
        }
    }
    let files = match sources::generate(&shared) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("build_lexicons: {e}");
            return ExitCode::from(2);
        }
    };
    let mut differ = false;
    for (name, content) in files {
        let path = out.join(name);
        if check {
            let old = std::fs::read_to_string(&path).unwrap_or_default();
            if old != content {
                eprintln!("{} differs from what the sources produce", path.display());
                differ = true;
            }
        } else if let Err(e) = std::fs::write(&path, &content) {
            eprintln!("build_lexicons: cannot write {}: {e}", path.display());
            return ExitCode::from(2);
        } else {
            eprintln!(
                "wrote {} ({} lines)",
                path.display(),
                content.lines().count()
            );
        }
    }
    if differ {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
