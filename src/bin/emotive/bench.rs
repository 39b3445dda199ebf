//! `emotive bench`: throughput on a corpus, line by line, against the tokenizer floor, all
//! in one process so that the ratios compare like with like on a noisy machine.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use emotive::Analyzer;
use unicode_segmentation::UnicodeSegmentation;

#[derive(clap::Args, Debug)]
pub struct BenchArgs {
    /// The corpus: one item per line (e.g. ../shared/data/reviews/imdb_unsup.txt).
    pub file: PathBuf,
    /// Use only the first N megabytes (cut at a line end); 0 for the whole file.
    #[arg(long, default_value_t = 20)]
    pub max_mb: u64,
    /// Runs per measurement; the median is reported.
    #[arg(long, default_value_t = 5)]
    pub repeat: usize,
    /// Worker threads for the batch measurement (0 = all cores).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
}

/// Resident and peak resident memory of this process, in bytes (Linux; 0 elsewhere).
pub fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<u64>().ok())
            .map_or(0, |kb| kb * 1024)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Times `f` `repeat` times; returns the median seconds and the value of the last run.
fn time<T>(repeat: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut secs = Vec::with_capacity(repeat);
    let mut last = None;
    for _ in 0..repeat.max(1) {
        let t = Instant::now();
        let v = black_box(f());
        secs.push(t.elapsed().as_secs_f64());
        last = Some(v);
    }
    (median(secs), last.expect("ran at least once"))
}

pub fn run(args: &BenchArgs) -> Result<()> {
    let (rss0, _) = memory();
    let t = Instant::now();
    let analyzer = Analyzer::builder().hits(false).sentences(false).build()?;
    let ready = t.elapsed();
    let (rss1, _) = memory();

    let bytes = std::fs::read(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let mut text = String::from_utf8_lossy(&bytes).into_owned();
    drop(bytes);
    if args.max_mb > 0 && text.len() as u64 > args.max_mb << 20 {
        let mut cut = (args.max_mb << 20) as usize;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let end = text[..cut].rfind('\n').map_or(cut, |i| i + 1);
        text.truncate(end);
    }
    let lines: Vec<&str> = text.lines().collect();
    let mb = text.len() as f64 / 1e6;
    let n = lines.len() as f64;
    println!(
        "corpus: {} ({:.1} MB, {} lines); median of {} runs; {} cores",
        args.file.display(),
        mb,
        lines.len(),
        args.repeat,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "default analyzer ready in {:.1} ms; resident analyzer {:.1} MB (RSS before/after build)\n",
        ready.as_secs_f64() * 1e3,
        rss1.saturating_sub(rss0) as f64 / 1e6
    );

    let (t_ws, _) = time(args.repeat, || {
        lines
            .iter()
            .map(|l| l.split_ascii_whitespace().count())
            .sum::<usize>()
    });
    let (t_uw, _) = time(args.repeat, || {
        lines
            .iter()
            .map(|l| l.unicode_words().count())
            .sum::<usize>()
    });
    let (t_tok, _) = time(args.repeat, || {
        lines
            .iter()
            .map(|l| emotive::tokens(l).count())
            .sum::<usize>()
    });
    let (t_one, s_one) = time(args.repeat, || {
        lines
            .iter()
            .map(|l| analyzer.analyze(l).compound())
            .sum::<f64>()
    });
    let one = crate::pipeline::pool(1)?;
    let (t_b1, s_b1) = time(args.repeat, || {
        one.install(|| {
            analyzer
                .analyze_batch(&lines)
                .iter()
                .map(|a| a.compound())
                .sum::<f64>()
        })
    });
    let all = crate::pipeline::pool(args.threads)?;
    let (t_bn, s_bn) = time(args.repeat, || {
        all.install(|| {
            analyzer
                .analyze_batch(&lines)
                .iter()
                .map(|a| a.compound())
                .sum::<f64>()
        })
    });
    anyhow::ensure!(
        (s_one - s_b1).abs() < 1e-6 && (s_one - s_bn).abs() < 1e-6,
        "batch results differ from one-by-one results"
    );

    println!("| stage | MB/s | items/s | vs unicode_words |");
    println!("|---|---:|---:|---:|");
    let row = |name: &str, t: f64| {
        println!(
            "| {name} | {:.1} | {:.0} | {:.2}× |",
            mb / t,
            n / t,
            t_uw / t
        );
    };
    row("split_ascii_whitespace (reference)", t_ws);
    row("unicode_words (the floor)", t_uw);
    row("emotive tokens", t_tok);
    row("full analysis, 1 thread", t_one);
    row("analyze_batch, 1 thread", t_b1);
    row(
        &format!("analyze_batch, {} threads", all.current_num_threads()),
        t_bn,
    );
    println!(
        "\nbatch speed-up: {:.2}× on {} threads",
        t_b1 / t_bn,
        all.current_num_threads()
    );
    let (_, peak) = memory();
    println!(
        "peak resident memory: {:.1} MB (includes the corpus held in memory)",
        peak as f64 / 1e6
    );
    Ok(())
}
