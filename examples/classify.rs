//! The smallest useful program on emotive's library API: one result per stdin line.
//!
//! ```text
//! echo "I love it" | cargo run --release --example classify
//! positive    0.6369    -    I love it      (tab-separated)
//! cat reviews.txt | cargo run --release --example classify -- --json
//! ```
//!
//! Without `--json`, each line prints `label<TAB>compound<TAB>dominant emotion<TAB>text`
//! (`-` when no emotion is detected). Lines that are not valid UTF-8 are read lossily
//! (invalid bytes become U+FFFD) rather than stopping the run, and a closed stdout
//! (`| head -1`) ends the program quietly.

use std::io::{self, BufRead, BufWriter, Write};

fn main() {
    let json = std::env::args().skip(1).any(|a| a == "--json");
    if let Err(e) = run(json)
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        eprintln!("classify: {e}");
        std::process::exit(1);
    }
}

fn run(json: bool) -> io::Result<()> {
    let analyzer = emotive::Analyzer::builder()
        .hits(false)
        .sentences(false)
        .build()
        .map_err(io::Error::other)?;
    let stdin = io::stdin().lock();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut reader = io::BufReader::new(stdin);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        let line = String::from_utf8_lossy(&buf);
        let text = line.trim_end_matches(['\n', '\r']);
        let a = analyzer.analyze(text);
        if json {
            serde_json::to_writer(&mut out, &a).map_err(io::Error::other)?;
            out.write_all(b"\n")?;
        } else {
            let dominant = a.dominant().map_or("-", |e| e.name());
            writeln!(
                out,
                "{}\t{:.4}\t{}\t{}",
                a.label(),
                a.compound(),
                dominant,
                text
            )?;
        }
    }
    out.flush()
}
