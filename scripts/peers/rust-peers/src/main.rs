//! `rust-peers <vader_sentiment|vader-sentimental|sentiment> FILE`: read FILE line by line and
//! print one compound (or AFINN comparative) score per line, the same job as
//! `emotive --format jsonl` minus emotions.
use std::io::{BufRead, BufReader, BufWriter, Write};

fn main() {
    let mut args = std::env::args().skip(1);
    let which = args.next().expect("peer name");
    let file = args.next().expect("file");
    let reader = BufReader::new(std::fs::File::open(file).expect("open"));
    let mut out = BufWriter::new(std::io::stdout().lock());
    match which.as_str() {
        "vader_sentiment" => {
            let a = vader_sentiment::SentimentIntensityAnalyzer::new();
            for line in reader.lines() {
                let line = line.unwrap_or_default();
                let s = a.polarity_scores(&line);
                writeln!(out, "{}", s["compound"]).unwrap();
            }
        }
        "vader-sentimental" => {
            let a = vader_sentimental::SentimentIntensityAnalyzer::new();
            for line in reader.lines() {
                let line = line.unwrap_or_default();
                let s = a.polarity_scores(&line);
                writeln!(out, "{}", s.compound).unwrap();
            }
        }
        "sentiment" => {
            for line in reader.lines() {
                let line = line.unwrap_or_default();
                let s = sentiment::analyze(line);
                writeln!(out, "{}", s.comparative).unwrap();
            }
        }
        other => panic!("unknown peer {other}"),
    }
    out.flush().unwrap();
}
