//! Rebuilds the generated files in `lexicons/` from the sources in `../shared`.
//!
//! ```text
//! cargo run --release --example build_lexicons -- [--shared ../shared] [--out lexicons]
//!     [--check] [--param name=value]...
//! ```
//!
//! `--check` compares instead of writing and exits with status 1 when a committed file
//! differs from what the sources produce. `--candidates FILE` writes every candidate of the
//! emotion lexicon with its evidence, for reviewers (see `review.rs`). The output is deterministic: the same sources,
//! generator and parameters give the same bytes. `--param` overrides an emotion-lexicon
//! parameter (see `emotions.rs`) for experiments on the dev splits; the committed file uses
//! the defaults.

mod emotions;
mod review;
mod sources;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut shared = PathBuf::from("../shared");
    let mut out = PathBuf::from("lexicons");
    let mut check = false;
    let mut params = emotions::Params::default();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--shared" => shared = args.next().map(PathBuf::from).unwrap_or(shared),
            "--out" => out = args.next().map(PathBuf::from).unwrap_or(out),
            "--check" => check = true,
            "--candidates" => {
                let path = args.next().map(PathBuf::from).unwrap_or_default();
                let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
                return match review::candidate_report(&shared, repo, &params)
                    .and_then(|r| std::fs::write(&path, r).map_err(|e| e.to_string()))
                {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(e) => {
                        eprintln!("build_lexicons: {e}");
                        ExitCode::from(2)
                    }
                };
            }
            "--param" => {
                if let Err(e) = params.set(&args.next().unwrap_or_default()) {
                    eprintln!("build_lexicons: --param: {e}");
                    return ExitCode::from(2);
                }
            }
            "-h" | "--help" => {
                println!(
                    "usage: build_lexicons [--shared DIR] [--out DIR] [--check] [--param name=value]..."
                );
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("build_lexicons: unknown argument {other:?}");
                return ExitCode::from(2);
            }
        }
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Writing: the lexicon is generated on top of HEAD. Checking: the committed file names
    // its own base; everything else must match.
    let base = if check {
        std::fs::read_to_string(out.join("emotions.tsv"))
            .ok()
            .and_then(|old| review::base_commit(&old))
            .unwrap_or_default()
    } else {
        review::head_commit(repo)
    };
    let files = review::all_files(repo, &shared, &params, &base);
    let files = match files {
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
