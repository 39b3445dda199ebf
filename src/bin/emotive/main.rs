//! `emotive`: score reviews and comments from text, CSV/TSV or JSON Lines, fast, and
//! summarise what people feel. Run `emotive --help`.

mod bench;
mod html;
mod input;
mod json;
mod output;
mod pipeline;
mod report;
mod sink;
mod timeline;

use std::fs::File;
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use anyhow::{Context, Result};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use emotive::{Analysis, Analyzer, Emotion, Label, Lexicon, Summary, TermBatch, Topics};
use rayon::prelude::*;

use input::{InputFormat, Item, Layout, Reporter, Source, note};
use output::{Formatter, Misfit, OutputFormat, carried_names};
use pipeline::{INTERRUPTED, drive};
use sink::Output;
use timeline::{Period, Timeline};

/// Exit status when every row was scored.
const EXIT_OK: u8 = 0;
/// Exit status when the run finished but some rows were skipped (each reported on stderr).
const EXIT_SKIPPED: u8 = 1;
/// Exit status on a failure: a bad command line (clap's own code), an unreadable file or
/// output, a missing column, a bad lexicon, a bad row with --strict.
const EXIT_FAILURE: u8 = 2;
/// Exit status when interrupted with Ctrl-C (output holds complete lines only).
const EXIT_INTERRUPTED: u8 = 130;

const EXAMPLES: &str = "\
Examples:
  echo \"The battery life is NOT great, but support was amazing!\" | emotive
  emotive comments.txt > scores.jsonl
  emotive reviews.csv --column body --format csv -o scored.csv
  emotive dump.jsonl.gz --field review.body --explain
  emotive summary reviews.csv --column text --date-column date --html report.html
  tail -f comments.log | emotive --label negative --format table
  emotive --emotion-lexicon NRC-Emotion-Lexicon.txt --lexicon-format nrc comments.txt
  emotive bench ../shared/data/reviews/imdb_unsup.txt

Exit status: 0 every row scored; 1 finished, but some rows were skipped (each reported on
stderr with file, line and reason); 2 failure: bad command line, unreadable input or output,
missing column, bad lexicon, or a bad row with --strict; 130 interrupted (Ctrl-C; the output
holds complete lines only).";

/// Score reviews and social-media comments: sentiment and the eight Plutchik emotions, with
/// the words that caused each.
#[derive(Parser, Debug)]
#[command(name = "emotive", version, about, after_long_help = EXAMPLES, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    score: ScoreArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Summarise a dump: labels, mean compound with a 95% confidence interval, emotions and
    /// the words driving them, the most negative items, and trends over time.
    Summary(SummaryArgs),
    /// Measure throughput on a corpus against the tokenizer floor (MB/s, items/s, memory).
    Bench(bench::BenchArgs),
}

#[derive(Args, Debug)]
struct ScoreArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format [default: table on a terminal, jsonl otherwise].
    /// jsonl: one JSON object per item with the input's other columns as top-level keys
    /// (e.g. "id": "17"), then compound, label, positive, negative, neutral, emotions,
    /// detected, dominant. csv: the input's other columns, then compound, label, dominant and
    /// one column per emotion.
    #[arg(long, value_enum)]
    format: Option<OutputFormat>,
    /// Write to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Add the terms behind each score: "hits" in JSON (term, span, valence, contribution,
    /// emotions, modifiers), a "terms" column in CSV.
    #[arg(long)]
    explain: bool,
    /// Also write each item's text (as "text").
    #[arg(long)]
    with_text: bool,
    /// Print a summary of the whole input instead of one result per item (same as
    /// `emotive summary`).
    #[arg(long)]
    summary: bool,
    #[command(flatten)]
    filter: Filter,
    #[command(flatten)]
    summary_opts: SummaryOpts,
}

/// Which scored items are written: the filters given must all hold (a repeated --label or
/// --emotion holds when any of its values does). Items that fail are counted in the final
/// line; the placeholders of skipped text lines are not written while filtering.
#[derive(Args, Debug, Default)]
struct Filter {
    /// Write only items with this label (repeatable: any of them).
    #[arg(long, value_enum, value_name = "LABEL", help_heading = "Filters")]
    label: Vec<LabelArg>,
    /// Write only items with a compound score of at least X (-1 ..= 1).
    #[arg(long, value_name = "X", allow_negative_numbers = true, value_parser = parse_compound, help_heading = "Filters")]
    min_compound: Option<f64>,
    /// Write only items with a compound score of at most X (-1 ..= 1).
    #[arg(long, value_name = "X", allow_negative_numbers = true, value_parser = parse_compound, help_heading = "Filters")]
    max_compound: Option<f64>,
    /// Write only items in which this emotion was detected (repeatable: any of them).
    #[arg(long, value_name = "EMOTION", help_heading = "Filters",
          value_parser = PossibleValuesParser::new(Emotion::ALL.map(Emotion::name))
              .try_map(|s| s.parse::<Emotion>()))]
    emotion: Vec<Emotion>,
}

/// A label, as the filters name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum LabelArg {
    Positive,
    Neutral,
    Negative,
}

impl Filter {
    fn is_active(&self) -> bool {
        !self.label.is_empty()
            || self.min_compound.is_some()
            || self.max_compound.is_some()
            || !self.emotion.is_empty()
    }

    /// The filters as given, for the final line.
    fn describe(&self) -> String {
        let mut parts = Vec::new();
        for l in &self.label {
            parts.push(format!("--label {}", format!("{l:?}").to_lowercase()));
        }
        if let Some(x) = self.min_compound {
            parts.push(format!("--min-compound {x}"));
        }
        if let Some(x) = self.max_compound {
            parts.push(format!("--max-compound {x}"));
        }
        for e in &self.emotion {
            parts.push(format!("--emotion {}", e.name()));
        }
        parts.join(" ")
    }

    /// Whether a scored item is written.
    fn passes(&self, a: &Analysis) -> bool {
        let label = match a.label() {
            Label::Positive => LabelArg::Positive,
            Label::Neutral => LabelArg::Neutral,
            _ => LabelArg::Negative,
        };
        let compound = a.compound();
        (self.label.is_empty() || self.label.contains(&label))
            && self.min_compound.is_none_or(|x| compound >= x)
            && self.max_compound.is_none_or(|x| compound <= x)
            && (self.emotion.is_empty() || self.emotion.iter().any(|&e| a.detected().contains(e)))
    }
}

/// A compound bound: a number in -1 ..= 1.
fn parse_compound(s: &str) -> std::result::Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if (-1.0..=1.0).contains(&x) => Ok(x),
        Ok(_) => Err(format!(
            "{s} is outside -1 ..= 1 (compound scores lie there)"
        )),
        Err(_) => Err(format!("{s:?} is not a number")),
    }
}

#[derive(Args, Debug)]
struct SummaryArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Write the report to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    opts: SummaryOpts,
}

#[derive(Args, Debug)]
struct SummaryOpts {
    /// Column (CSV/TSV) or field (JSON Lines) with each item's date (YYYY-MM-DD…, or Unix
    /// seconds/milliseconds), for sentiment and emotions over time.
    #[arg(long, value_name = "NAME")]
    date_column: Option<String>,
    /// Time bucket for --date-column.
    #[arg(long, value_enum, default_value = "auto")]
    by: Period,
    /// Also write the report as one self-contained HTML file (inline SVG charts, no network).
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
    /// How many top terms and most negative items to list (0 ..= 1000).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u16).range(0..=1000))]
    top: u16,
    /// Print the summary as JSON instead of the terminal report.
    #[arg(long)]
    json: bool,
}

/// How to read a user's lexicon file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum LexiconFormat {
    /// emotive's TSV: term<TAB>valence or term<TAB>valence|emotion<TAB>value.
    Emotive,
    /// VADER's vader_lexicon.txt.
    Vader,
    /// AFINN (term<TAB>-5..5).
    Afinn,
    /// NRC EmoLex, word-level or wide layout (bring your own licensed copy).
    Nrc,
    /// NRC Emotion Intensity Lexicon (word<TAB>emotion<TAB>score).
    NrcIntensity,
}

#[derive(Args, Debug)]
struct InputArgs {
    /// Input files, read in order ("-" or none: stdin). Names ending in .gz are decompressed.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Input format; auto guesses from the file name (.csv, .tsv, .jsonl; else one item per
    /// line).
    #[arg(long, value_enum, default_value = "auto")]
    input_format: InputFormat,
    /// CSV/TSV column holding the text; the other columns are carried through.
    #[arg(long, default_value = "text", value_name = "NAME")]
    column: String,
    /// JSON Lines field holding the text; dots reach into objects (review.body).
    #[arg(long, default_value = "text", value_name = "PATH")]
    field: String,
    /// Column (CSV/TSV) or field (JSON Lines) with each item's own id, which reports quote
    /// [default: a column or top-level field named "id" when there is one; else the line].
    #[arg(long = "id-column", visible_alias = "id-field", value_name = "NAME")]
    id_column: Option<String>,
    /// Worker threads (0: all cores; at most 512).
    #[arg(long, default_value_t = 0, value_name = "N", value_parser = clap::value_parser!(u16).range(0..=512))]
    threads: u16,
    /// Stop at the first bad row (invalid UTF-8, malformed CSV row or JSON line, missing
    /// field) instead of reporting and skipping it.
    #[arg(long)]
    strict: bool,
    /// Skip rows with invalid UTF-8 (reported as `FILE:line N: invalid UTF-8 at byte B`)
    /// instead of scoring them with U+FFFD in place of the bad bytes (the default, counted
    /// and noted on stderr).
    #[arg(long)]
    strict_utf8: bool,
    /// Longest input line, in bytes (suffixes K, M, G: KiB, MiB, GiB; at most 1G). A longer
    /// line is reported and skipped without being held whole: memory for it stays under about
    /// 1.5× the limit. In CSV the limit applies to a record, whose quoted fields may span
    /// lines: a quote still open after this many bytes is reported with the line where it
    /// opened, the record skipped, and reading goes on at the next line.
    #[arg(long, value_name = "BYTES", default_value = "8M", value_parser = parse_size)]
    max_line_bytes: u64,
    /// No progress bar and no per-row warnings (the final count is still printed).
    #[arg(short, long)]
    quiet: bool,
    /// Add your own terms (they win over the bundled ones, per term); repeatable.
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<PathBuf>,
    /// Replace the bundled emotion lexicon with FILE (e.g. a licensed NRC EmoLex).
    #[arg(long, value_name = "FILE")]
    emotion_lexicon: Option<PathBuf>,
    /// Format of --lexicon and --emotion-lexicon files.
    #[arg(long, value_enum, default_value = "emotive")]
    lexicon_format: LexiconFormat,
}

impl ScoreArgs {
    /// Options that only mean something together are refused apart, rather than ignored.
    fn check_combination(&self) -> std::result::Result<(), String> {
        let o = &self.summary_opts;
        let summary_only = [
            ("--date-column", o.date_column.is_some()),
            ("--by", o.by != Period::Auto),
            ("--html", o.html.is_some()),
            ("--top", o.top != 10),
            ("--json", o.json),
        ];
        let f = &self.filter;
        let scoring_only = [
            ("--format", self.format.is_some()),
            ("--explain", self.explain),
            ("--with-text", self.with_text),
            ("--label", !f.label.is_empty()),
            ("--min-compound", f.min_compound.is_some()),
            ("--max-compound", f.max_compound.is_some()),
            ("--emotion", !f.emotion.is_empty()),
        ];
        if self.summary {
            if let Some((opt, _)) = scoring_only.iter().find(|(_, set)| *set) {
                let why = if opt.starts_with("--label")
                    || opt.ends_with("-compound")
                    || opt.starts_with("--emotion")
                {
                    "filters which scored items are written; the summary reads them all"
                } else {
                    "the report has its own format; see `emotive summary --help`"
                };
                return Err(format!("{opt} does nothing with --summary ({why})"));
            }
        } else if let Some((opt, _)) = summary_only.iter().find(|(_, set)| *set) {
            return Err(format!(
                "{opt} belongs to the summary: add --summary, or run `emotive summary …`"
            ));
        }
        if let (Some(lo), Some(hi)) = (f.min_compound, f.max_compound)
            && lo > hi
        {
            return Err(format!(
                "--min-compound {lo} is above --max-compound {hi}: nothing could pass"
            ));
        }
        Ok(())
    }
}

impl InputArgs {
    fn sources(&self) -> Vec<Source> {
        if self.files.is_empty() {
            return vec![Source { path: None }];
        }
        self.files
            .iter()
            .map(|p| Source {
                path: (p.as_os_str() != "-").then(|| p.clone()),
            })
            .collect()
    }

    fn layout(&self, date: Option<String>) -> Layout {
        Layout {
            format: self.input_format,
            column: self.column.clone(),
            field: self.field.clone(),
            date,
            id: self.id_column.clone(),
            // Under --strict, invalid UTF-8 is a bad row like any other: it stops the run.
            strict_utf8: self.strict_utf8 || self.strict,
            max_line: self.max_line_bytes,
        }
    }

    /// The lexicon files the run reads (they are inputs too).
    fn lexicon_paths(&self) -> Vec<&Path> {
        self.lexicon
            .iter()
            .chain(&self.emotion_lexicon)
            .map(PathBuf::as_path)
            .collect()
    }

    fn reporter(&self) -> Arc<Reporter> {
        Arc::new(Reporter::new(self.strict, self.quiet))
    }

    fn load(&self, path: &PathBuf) -> Result<Lexicon> {
        if path.is_dir() {
            anyhow::bail!("{} is a directory, not a lexicon file", path.display());
        }
        let f = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        let lex = match self.lexicon_format {
            LexiconFormat::Emotive => Lexicon::from_tsv(f),
            LexiconFormat::Vader => Lexicon::from_vader(f),
            LexiconFormat::Afinn => Lexicon::from_afinn(f),
            LexiconFormat::Nrc => Lexicon::from_nrc_emolex(f),
            LexiconFormat::NrcIntensity => Lexicon::from_nrc_intensity(f),
        };
        lex.with_context(|| format!("{}", path.display()))
    }

    fn analyzer(&self, hits: bool) -> Result<Analyzer> {
        let mut b = Analyzer::builder();
        b.hits(hits).sentences(false);
        if let Some(p) = &self.emotion_lexicon {
            let lex = self.load(p)?;
            if !lex.iter().any(|(_, e)| e.has_emotions()) {
                anyhow::bail!(
                    "{} has no emotion entries: as --emotion-lexicon it would switch every emotion off (for valence terms use --lexicon)",
                    p.display()
                );
            }
            b.emotion_lexicon(lex);
        }
        for p in &self.lexicon {
            let lex = self.load(p)?;
            b.extend_valence(&lex).extend_emotions(&lex);
        }
        Ok(b.build()?)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let _ = ctrlc::set_handler(|| {
        // The first Ctrl-C ends the run after the chunk in hand; a second one at once.
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            sink::remove_temporaries();
            std::process::exit(i32::from(EXIT_INTERRUPTED));
        }
    });
    if let Err(e) = cli.score.check_combination() {
        note!("emotive: {e}");
        return ExitCode::from(EXIT_FAILURE);
    }
    let result = match cli.command {
        Some(Command::Bench(args)) => bench::run(&args).map(|()| EXIT_OK),
        Some(Command::Summary(args)) => summary(&args.input, &args.opts, args.output.as_ref()),
        None if cli.score.summary => summary(
            &cli.score.input,
            &cli.score.summary_opts,
            cli.score.output.as_ref(),
        ),
        None => score(&cli.score),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            note!("emotive: {e:#}");
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

/// Items written out of those scored, under the filters described (for the final line).
struct Filtered {
    written: u64,
    filters: String,
}

/// The exit status and the final line for a finished run.
fn finish(items: u64, reporter: &Reporter, filtered: Option<Filtered>) -> Result<u8> {
    let skipped = reporter.skipped.load(Ordering::Relaxed);
    let passed = filtered.as_ref().map_or(String::new(), |f| {
        format!(", {} written ({})", f.written, f.filters)
    });
    if INTERRUPTED.load(Ordering::Relaxed) {
        note!("emotive: interrupted after {items} rows{passed}");
        return Ok(EXIT_INTERRUPTED);
    }
    let replaced = reporter.replaced.load(Ordering::Relaxed);
    let note = if replaced > 0 {
        format!(" ({replaced} with invalid UTF-8 read as U+FFFD)")
    } else {
        String::new()
    };
    if skipped > 0 {
        note!("emotive: {items} rows scored{note}{passed}, {skipped} skipped (reported above)");
        return Ok(EXIT_SKIPPED);
    }
    if replaced > 0 || filtered.is_some() {
        note!("emotive: {items} rows scored{note}{passed}");
    }
    Ok(EXIT_OK)
}

/// Parses a byte count: `1000`, `64K`, `16M`, `1G` (binary multiples; `KiB`, `MB` … too).
fn parse_size(s: &str) -> std::result::Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("{s:?} is not a byte count (e.g. 1000, 64K, 16M)"))?;
    let mult: u64 = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 1,
        "K" | "KB" | "KIB" => 1 << 10,
        "M" | "MB" | "MIB" => 1 << 20,
        "G" | "GB" | "GIB" => 1 << 30,
        _ => return Err(format!("unknown unit in {s:?} (use K, M or G)")),
    };
    match n.checked_mul(mult) {
        Some(0) => Err("the limit must be at least 1 byte".to_string()),
        Some(v) if v <= 1 << 30 => Ok(v),
        _ => Err(format!("{s:?} is too large (at most 1G)")),
    }
}

/// Items per task handed to rayon within a chunk.
const TASK: usize = 64;

fn score(args: &ScoreArgs) -> Result<u8> {
    let input = &args.input;
    let sources = input.sources();
    let outputs: Vec<(&str, &Path)> = args.output.iter().map(|p| ("-o", p.as_path())).collect();
    sink::check_distinct(&sources, &input.lexicon_paths(), &outputs)?;
    let analyzer = input.analyzer(args.explain)?;
    let pool = pipeline::pool(input.threads.into())?;
    let layout = input.layout(None);
    let reporter = input.reporter();
    let to_terminal = args.output.is_none() && io::stdout().is_terminal();
    let format = args.format.unwrap_or(if to_terminal {
        OutputFormat::Table
    } else {
        OutputFormat::Jsonl
    });
    let mut out = Output::create(args.output.as_deref())?;
    let mut fmt = Formatter {
        format,
        explain: args.explain,
        with_text: args.with_text,
        columns: None,
    };
    let mut started = false;
    // Rows skipped here, after the reader counted them as items.
    let mut misfit_rows = 0u64;
    let filter = &args.filter;
    let mut written = 0u64;
    let outcome = drive(
        &sources,
        &layout,
        &reporter,
        !input.quiet,
        |mut chunk, spent| {
            if !started && (chunk.columns.is_some() || !chunk.items.is_empty()) {
                started = true;
                if format == OutputFormat::Csv {
                    // The first CSV header read, else the first item's names.
                    let names = chunk
                        .columns
                        .clone()
                        .unwrap_or_else(|| Arc::new(carried_names(&chunk.items[0])));
                    fmt.columns = Some(names);
                    if !out.write(&fmt.header())? {
                        return Ok(false);
                    }
                }
            }
            if chunk.items.is_empty() {
                return Ok(true);
            }
            if format == OutputFormat::Csv {
                let mut misfits = Vec::new();
                for (i, item) in chunk.items.iter().enumerate() {
                    match fmt.fits(item) {
                        Ok(()) => {}
                        Err(Misfit::Header(why)) => {
                            anyhow::bail!("{}: {why}", sources[item.source as usize].name())
                        }
                        Err(Misfit::Members(why)) => misfits.push((i, why)),
                    }
                }
                misfit_rows += misfits.len() as u64;
                for (i, why) in misfits.iter().rev() {
                    let item = chunk.items.remove(*i);
                    reporter.skip(&sources[item.source as usize].name(), item.line, why)?;
                }
            }
            let fmt = &fmt;
            let analyzer = &analyzer;
            let filter = filter.is_active().then_some(&args.filter);
            // Analyses and formats `sub` into `buf`; returns how many items passed the filter.
            let run = |sub: &[Item], buf: &mut Vec<u8>| {
                let mut passed = 0;
                for item in sub {
                    let a = analyzer.analyze(&item.text);
                    match filter {
                        // Filtering: only scored items that pass (no placeholders).
                        Some(f) if item.skipped.is_some() || !f.passes(&a) => continue,
                        Some(_) => passed += 1,
                        // A placeholder is written as such; its empty text costs nothing.
                        None => {}
                    }
                    fmt.write(item, &a, buf);
                }
                passed
            };
            if pool.current_num_threads() == 1 {
                // One worker: this thread does the work itself, formatting straight into the
                // output's buffer, rather than handing each chunk to the pool's thread and waiting.
                for sub in chunk.items.chunks(TASK) {
                    written += run(sub, out.buffer());
                    if !out.wrote()? {
                        return Ok(false);
                    }
                }
            } else {
                let parts: Vec<(Vec<u8>, u64)> = pool.install(|| {
                    chunk
                        .items
                        .par_chunks(TASK)
                        .map(|sub| {
                            let mut buf = Vec::with_capacity(sub.len() * 320);
                            let passed = run(sub, &mut buf);
                            (buf, passed)
                        })
                        .collect()
                });
                for (p, passed) in &parts {
                    written += passed;
                    if !out.write(p)? {
                        return Ok(false);
                    }
                }
            }
            let idle = chunk.idle;
            spent.put(chunk);
            if idle {
                // The input paused (someone typing, `tail -f`): show these results now.
                return out.flush();
            }
            Ok(true)
        },
    )?;
    if format == OutputFormat::Csv && !started {
        // No input at all: the header still says what the columns are.
        out.write(&fmt.header())?;
    }
    // Only now, with the run over (or interrupted: complete lines only), does the output
    // replace what was there.
    out.finish()?;
    let filtered = filter.is_active().then(|| Filtered {
        written,
        filters: filter.describe(),
    });
    finish(outcome.items - misfit_rows, &reporter, filtered)
}

/// A block of a summary's items, analysed: its totals, its timeline, its topic terms and, per
/// item with terms, its place in the chunk and its id.
type Part = (Summary, Timeline, TermBatch, Vec<(usize, String)>);

/// Counts the topic terms of a chunk's parts, in order.
fn count_topics(topics: &mut Topics, chunk: &input::Chunk, parts: &[Part]) {
    for (_, _, batch, ids) in parts {
        let items = ids
            .iter()
            .map(|(k, id)| (chunk.items[*k].text.as_str(), id.as_str()));
        topics.add_batch(batch, items);
    }
}

fn summary(input: &InputArgs, opts: &SummaryOpts, output: Option<&PathBuf>) -> Result<u8> {
    let sources = input.sources();
    let mut outputs: Vec<(&str, &Path)> = Vec::new();
    if let Some(p) = output {
        outputs.push(("-o", p));
    }
    if let Some(p) = &opts.html {
        outputs.push(("--html", p));
    }
    sink::check_distinct(&sources, &input.lexicon_paths(), &outputs)?;
    let analyzer = input.analyzer(true)?;
    let pool = pipeline::pool(input.threads.into())?;
    let layout = input.layout(opts.date_column.clone());
    let reporter = input.reporter();
    let top = usize::from(opts.top);
    // Created now, so that an unwritable place fails before the input is read.
    let mut out = Output::create(output.map(PathBuf::as_path))?;
    let html_out = opts
        .html
        .as_deref()
        .map(|p| Output::create(Some(p)))
        .transpose()?;
    let mut total = Summary::keeping(top);
    let mut topics = Topics::new();
    let mut timeline = Timeline::default();
    let mut base = 0usize;
    let dated = opts.date_column.is_some();
    let several = sources.len() > 1;
    let names: Vec<String> = sources.iter().map(Source::name).collect();
    // A chunk's topic terms are counted in input order, one chunk behind: while the pool
    // analyses chunk n, one of its workers counts the terms of chunk n − 1.
    let mut pending: Option<(input::Chunk, Vec<Part>)> = None;
    // Term batches go back here once counted, so that their memory serves again.
    let spare: std::sync::Mutex<Vec<TermBatch>> = std::sync::Mutex::new(Vec::new());
    let outcome = drive(&sources, &layout, &reporter, !input.quiet, |chunk, _| {
        let analyzer = &analyzer;
        let names = &names;
        let topics = &mut topics;
        let spare = &spare;
        let previous = pending.take();
        // Fixed blocks of TASK items, merged in input order: the totals do not depend on how
        // rayon splits the work (nor on the thread count).
        let (parts, ()) = pool.install(|| {
            rayon::join(
                || {
                    chunk
                        .items
                        .par_chunks(TASK)
                        .enumerate()
                        .map(|(j, sub)| {
                            let mut s = Summary::keeping(top);
                            let mut t = Timeline::default();
                            let mut batch = spare
                                .lock()
                                .ok()
                                .and_then(|mut s| s.pop())
                                .unwrap_or_default();
                            batch.clear();
                            let mut ids = Vec::with_capacity(sub.len());
                            for (k, item) in sub.iter().enumerate() {
                                if item.skipped.is_some() {
                                    continue;
                                }
                                let a = analyzer.analyze(&item.text);
                                // An item is quoted by its own id, else by where it is.
                                let id = match &item.id {
                                    Some(id) => id.clone(),
                                    None if several => {
                                        format!("{}:{}", names[item.source as usize], item.line)
                                    }
                                    None => format!("line {}", item.line),
                                };
                                s.add_item(base + j * TASK + k, &a, Some(&item.text), Some(&id));
                                if dated {
                                    t.add(item.date.as_deref(), &a);
                                }
                                batch.push(&a, &item.text);
                                ids.push((j * TASK + k, id));
                            }
                            (s, t, batch, ids)
                        })
                        .collect::<Vec<Part>>()
                },
                || {
                    if let Some((c, p)) = previous {
                        count_topics(topics, &c, &p);
                        if let Ok(mut s) = spare.lock() {
                            s.extend(p.into_iter().map(|(_, _, batch, _)| batch));
                        }
                    }
                },
            )
        });
        for (s, t, _, _) in &parts {
            total.merge(s);
            timeline.merge(t);
        }
        base += chunk.items.len();
        pending = Some((chunk, parts));
        Ok(true)
    })?;
    if let Some((c, p)) = &pending {
        count_topics(&mut topics, c, p);
    }
    let partial = INTERRUPTED.load(Ordering::Relaxed);
    let report = report::Report {
        title: format!("emotive summary of {}", names.join(", ")),
        summary: &total,
        topics: &topics,
        timeline: dated.then_some((&timeline, opts.by)),
        skipped: reporter.skipped.load(Ordering::Relaxed),
        top,
        partial,
    };
    if let Some(mut h) = html_out {
        h.write(report.html().as_bytes())?;
        h.finish()?;
    }
    let body = if opts.json {
        let mut v = serde_json::to_value(&total)?;
        v["topics"] = report::topics_json(&topics, top);
        if dated {
            let (period, buckets) = timeline.buckets(opts.by);
            let tests = timeline::negative_tests(&buckets);
            let r4 = |x: f64| (x * 1e4).round() / 1e4;
            v["over_time"] = serde_json::json!({
                "period": format!("{period:?}").to_lowercase(),
                "undated": timeline.undated,
                "flag_test": "one-sided z-test of the period's negative share against the share over all dated items; flagged at z >= 3.09 (p < 0.001) with 20+ items",
                "buckets": buckets.iter().zip(&tests).map(|((label, b), t)| serde_json::json!({
                    "period": label, "count": b.count, "mean_compound": r4(b.mean()),
                    "labels": {"positive": b.labels[0], "neutral": b.labels[1], "negative": b.labels[2]},
                    "negative_share": r4(t.share), "negative_z": r4(t.z), "flagged": t.flagged,
                    "detected": emotive::Emotion::ALL.iter().map(|e| (e.name().to_string(), serde_json::json!(b.detected[e.index()]))).collect::<serde_json::Map<String, serde_json::Value>>(),
                })).collect::<Vec<_>>(),
            });
        }
        v["skipped"] = serde_json::json!(reporter.skipped.load(Ordering::Relaxed));
        v["invalid_utf8_replaced"] = serde_json::json!(reporter.replaced.load(Ordering::Relaxed));
        // An interrupted run's report covers only the items read before Ctrl-C.
        v["partial"] = serde_json::json!(partial);
        format!("{v}\n")
    } else {
        report.text()
    };
    out.write(body.as_bytes())?;
    out.finish()?;
    finish(outcome.items, &reporter, None)
}
