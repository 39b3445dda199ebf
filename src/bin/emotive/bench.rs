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
    /// Runs per measurement (1 ..= 1000); the median is reported.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub repeat: u16,
    /// Worker threads for the batch measurement (0 = all cores; at most 512).
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u16).range(0..=512))]
    pub threads: u16,
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

/// Times one run of `f` in seconds, with its value.
fn time<T>(f: impl FnOnce() -> T) -> (f64, T) {
    let t = Instant::now();
    let v = black_box(f());
    (t.elapsed().as_secs_f64(), v)
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
    if lines.is_empty() {
        anyhow::bail!("{} holds no lines to measure", args.file.display());
    }
    let mb = text.len() as f64 / 1e6;
    let n = lines.len() as f64;
    println!(
        "corpus: {} ({:.1} MB, {} lines); {} rounds, medians; {} cores",
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

    // The measurements run in rounds, one of each per round, so that a burst of load on a
    // shared machine hits every row alike; each row reports its median over the rounds and
    // its ratio to `unicode_words` is the median of the per-round ratios.
    let one = crate::pipeline::pool(1)?;
    let all = crate::pipeline::pool(args.threads.into())?;
    let batch = |pool: &rayon::ThreadPool| {
        pool.install(|| {
            analyzer
                .analyze_batch(&lines)
                .iter()
                .map(|a| a.compound())
                .sum::<f64>()
        })
    };
    const ROWS: usize = 6;
    let mut secs: Vec<[f64; ROWS]> = Vec::new();
    for _ in 0..args.repeat {
        let (t_ws, _) = time(|| {
            lines
                .iter()
                .map(|l| l.split_ascii_whitespace().count())
                .sum::<usize>()
        });
        let (t_uw, _) = time(|| {
            lines
                .iter()
                .map(|l| l.unicode_words().count())
                .sum::<usize>()
        });
        let (t_tok, _) = time(|| {
            lines
                .iter()
                .map(|l| emotive::tokens(l).count())
                .sum::<usize>()
        });
        let (t_one, s_one) = time(|| {
            lines
                .iter()
                .map(|l| analyzer.analyze(l).compound())
                .sum::<f64>()
        });
        let (t_b1, s_b1) = time(|| batch(&one));
        let (t_bn, s_bn) = time(|| batch(&all));
        anyhow::ensure!(
            (s_one - s_b1).abs() < 1e-6 && (s_one - s_bn).abs() < 1e-6,
            "batch results differ from one-by-one results"
        );
        secs.push([t_ws, t_uw, t_tok, t_one, t_b1, t_bn]);
    }
    let med = |i: usize| median(secs.iter().map(|r| r[i]).collect());
    let ratio = |num: usize, den: usize| median(secs.iter().map(|r| r[num] / r[den]).collect());

    println!("| stage | MB/s | items/s | vs unicode_words |");
    println!("|---|---:|---:|---:|");
    let row = |name: &str, i: usize| {
        let t = med(i);
        println!(
            "| {name} | {:.1} | {:.0} | {:.2}× |",
            mb / t,
            n / t,
            ratio(1, i)
        );
    };
    row("split_ascii_whitespace (reference)", 0);
    row("unicode_words (the floor)", 1);
    row("emotive tokens", 2);
    row("full analysis, 1 thread", 3);
    row("analyze_batch, 1 thread", 4);
    row(
        &format!("analyze_batch, {} threads", all.current_num_threads()),
        5,
    );
    println!(
        "\nbatch speed-up: {:.2}× on {} threads (median of per-round ratios; medians of the times: {:.2}×)",
        ratio(4, 5),
        all.current_num_threads(),
        med(4) / med(5)
    );
    let (_, peak) = memory();
    println!(
        "peak resident memory: {:.1} MB (includes the corpus held in memory)",
        peak as f64 / 1e6
    );
    Ok(())
}
