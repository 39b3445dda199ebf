//! Measures emotive on labelled data and prints a Markdown table.
//!
//! ```text
//! cargo run --release --example eval -- --shared ../shared [--json out.json] [--set knob=value …]
//! ```
//!
//! Every set is split into a dev part (used to choose emotive's rules, constants and
//! thresholds) and a test part (never used for any choice); both are reported. The splits are
//! fixed functions of the line index, defined in `datasets.rs`:
//!
//! * VADER tweets and Amazon, UCI Amazon/Yelp/IMDb, IMDb reviews: every 4th item is dev;
//! * XED: every 5th line of each file is held back from the lexicon generator; of those, the
//!   even ones are dev and the odd ones test;
//! * GoEmotions dev split: even lines dev, odd lines test (the generator reads only train).
//!
//! Metrics: Pearson r and 3-class macro-F1 (human mean > 0.05 positive, < −0.05 negative,
//! else neutral; emotive's label with its ±0.05 thresholds) for rated sets; accuracy and F1 of
//! the positive class for binary sets, predicting positive when compound > 0 and negative when
//! < 0 (exactly 0 counts as wrong); per-emotion precision/recall/F1 with macro and micro
//! averages for emotion sets, from `Analysis::detected()`.

mod calibrate;
mod datasets;

use std::path::PathBuf;
use std::time::Instant;

use datasets::*;
use emotive::{Analyzer, AnalyzerBuilder, Emotion};

struct Args {
    shared: Option<PathBuf>,
    json: Option<PathBuf>,
    sets: Vec<String>,
    knobs: Vec<(String, String)>,
    extend_valence: Vec<PathBuf>,
    emotion_lexicon: Option<PathBuf>,
    calibrate: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        shared: None,
        json: None,
        sets: Vec::new(),
        knobs: Vec::new(),
        extend_valence: Vec::new(),
        emotion_lexicon: None,
        calibrate: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(x) = it.next() {
        match x.as_str() {
            "--shared" => a.shared = it.next().map(PathBuf::from),
            "--json" => a.json = it.next().map(PathBuf::from),
            "--emotion-lexicon" => a.emotion_lexicon = it.next().map(PathBuf::from),
            "--calibrate" => a.calibrate = true,
            "--extend-valence" => a.extend_valence.extend(it.next().map(PathBuf::from)),
            "--only" => a
                .sets
                .extend(it.next().unwrap_or_default().split(',').map(String::from)),
            "--set" => {
                let kv = it.next().ok_or("--set needs knob=value")?;
                let (k, v) = kv.split_once('=').ok_or("--set needs knob=value")?;
                a.knobs.push((k.to_string(), v.to_string()));
            }
            "-h" | "--help" => {
                println!(
                    "usage: eval --shared DIR [--only set,set] [--json FILE] [--set knob=value]... [--extend-valence FILE.tsv]... [--emotion-lexicon FILE.tsv] [--calibrate]"
                );
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(a)
}

fn configure(b: &mut AnalyzerBuilder, knobs: &[(String, String)]) -> Result<(), String> {
    for (k, v) in knobs {
        let f: f64 = v
            .parse()
            .map_err(|_| format!("{k}: {v:?} is not a number"))?;
        match k.as_str() {
            "negation_window" => b.negation_window(f as usize),
            "negation_scalar" => b.negation_scalar(f as f32),
            "negation_stops" => b.negation_stops_at_punctuation(f != 0.0),
            "booster_window" => b.booster_window(f as usize),
            "caps" => b.caps_increment(f as f32),
            "elongation" => b.elongation_increment(f as f32),
            "exclamation" => b.exclamation_increment(f as f32),
            "question" => b.question_increment(f as f32),
            "alpha" => b.alpha(f),
            "sentence_window" => b.sentence_window(f),
            "negated_neutral" => b.negated_neutral(f as f32),
            "negative_weight" => b.negative_weight(f as f32),
            "hashtag_weight" => b.hashtag_weight(f as f32),
            "irrealis_weight" => b.irrealis_weight(f as f32),
            "sentence_exponent" => b.sentence_exponent(f),
            "emotion_sentence_exponent" => b.emotion_sentence_exponent(f),
            "stemmer" => b.stemmer((f != 0.0).then_some(emotive::Language::English)),
            "emoji" => b.emoji(f != 0.0),
            "emotion_threshold" | "emotion_relative" => b,
            _ => return Err(format!("unknown knob {k:?}")),
        };
    }
    let thr: Vec<f32> = ["emotion_threshold", "emotion_relative"]
        .iter()
        .map(|n| {
            knobs
                .iter()
                .rev()
                .find(|(k, _)| k == n)
                .map(|(_, v)| v.parse().unwrap_or(f32::NAN))
        })
        .map(|v| v.unwrap_or(f32::NAN))
        .collect();
    if !thr[0].is_nan() || !thr[1].is_nan() {
        b.emotion_threshold(
            if thr[0].is_nan() { 0.3 } else { thr[0] },
            if thr[1].is_nan() { 0.5 } else { thr[1] },
        );
    }
    Ok(())
}

struct Row {
    set: &'static str,
    split: &'static str,
    n: usize,
    metric: String,
    value: f64,
}

fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    sxy / (sxx * syy).sqrt()
}

fn f1(tp: f64, fp: f64, fn_: f64) -> (f64, f64, f64) {
    let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let r = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

fn class3(x: f64) -> usize {
    if x > 0.05 {
        0
    } else if x < -0.05 {
        2
    } else {
        1
    }
}

fn rated(rows: &mut Vec<Row>, set: &'static str, data: &[Rated], an: &Analyzer) {
    let scores: Vec<f64> = an
        .analyze_batch(&data.iter().map(|d| d.text.as_str()).collect::<Vec<_>>())
        .iter()
        .map(|a| a.compound())
        .collect();
    for split in [Some(Split::Dev), Some(Split::Test), None] {
        let idx: Vec<usize> = (0..data.len())
            .filter(|&i| split.is_none_or(|s| sentiment_split(i) == s))
            .collect();
        let x: Vec<f64> = idx.iter().map(|&i| scores[i]).collect();
        let y: Vec<f64> = idx.iter().map(|&i| data[i].rating).collect();
        let mut conf = [[0f64; 3]; 3];
        for (a, b) in x.iter().zip(&y) {
            // emotive's label thresholds are ±0.05, the same as the gold ones.
            conf[class3(*b)][class3(*a)] += 1.0;
        }
        let macro_f1 = (0..3)
            .map(|c| {
                let tp = conf[c][c];
                let fp: f64 = (0..3).map(|g| conf[g][c]).sum::<f64>() - tp;
                let fn_: f64 = conf[c].iter().sum::<f64>() - tp;
                f1(tp, fp, fn_).2
            })
            .sum::<f64>()
            / 3.0;
        let sp = split.map_or("all", Split::name);
        rows.push(Row {
            set,
            split: sp,
            n: idx.len(),
            metric: "pearson".into(),
            value: pearson(&x, &y),
        });
        rows.push(Row {
            set,
            split: sp,
            n: idx.len(),
            metric: "macro_f1_3class".into(),
            value: macro_f1,
        });
    }
}

fn binary(rows: &mut Vec<Row>, set: &'static str, data: &[Binary], an: &Analyzer) {
    let scores: Vec<f64> = an
        .analyze_batch(&data.iter().map(|d| d.text.as_str()).collect::<Vec<_>>())
        .iter()
        .map(|a| a.compound())
        .collect();
    for split in [Some(Split::Dev), Some(Split::Test), None] {
        let (mut right, mut n, mut tp, mut fp, mut fn_) = (0.0, 0, 0.0, 0.0, 0.0);
        for (i, d) in data.iter().enumerate() {
            if split.is_some_and(|s| sentiment_split(i) != s) {
                continue;
            }
            n += 1;
            let c = scores[i];
            let pred = if c > 0.0 {
                Some(true)
            } else if c < 0.0 {
                Some(false)
            } else {
                None
            };
            if pred == Some(d.positive) {
                right += 1.0;
            }
            match (pred, d.positive) {
                (Some(true), true) => tp += 1.0,
                (Some(true), false) => fp += 1.0,
                (_, true) => fn_ += 1.0,
                _ => {}
            }
        }
        let sp = split.map_or("all", Split::name);
        rows.push(Row {
            set,
            split: sp,
            n,
            metric: "accuracy".into(),
            value: right / n as f64,
        });
        rows.push(Row {
            set,
            split: sp,
            n,
            metric: "f1".into(),
            value: f1(tp, fp, fn_).2,
        });
        // Long documents: does the compound still track the stars, without saturating?
        let idx: Vec<usize> = (0..data.len())
            .filter(|&i| split.is_none_or(|s| sentiment_split(i) == s) && data[i].rating.is_some())
            .collect();
        if !idx.is_empty() {
            let x: Vec<f64> = idx.iter().map(|&i| scores[i]).collect();
            let y: Vec<f64> = idx.iter().map(|&i| data[i].rating.unwrap_or(0.0)).collect();
            let saturated = x.iter().filter(|c| c.abs() >= 0.99).count() as f64 / x.len() as f64;
            rows.push(Row {
                set,
                split: sp,
                n,
                metric: "pearson_stars".into(),
                value: pearson(&x, &y),
            });
            rows.push(Row {
                set,
                split: sp,
                n,
                metric: "saturated_share".into(),
                value: saturated,
            });
        }
    }
}

fn emotions(
    rows: &mut Vec<Row>,
    set: &'static str,
    data: &[(Split, &Labelled)],
    an: &Analyzer,
    which: &[usize],
) {
    let texts: Vec<&str> = data.iter().map(|(_, d)| d.text.as_str()).collect();
    let preds = an.analyze_batch(&texts);
    for split in [Some(Split::Dev), Some(Split::Test), None] {
        let mut counts = [[0f64; 3]; 8];
        let mut n = 0;
        for ((s, d), a) in data.iter().zip(&preds) {
            if split.is_some_and(|x| x != *s) {
                continue;
            }
            n += 1;
            for &k in which {
                let p = a.detected().contains(Emotion::ALL[k]);
                let g = d.emotions[k];
                match (p, g) {
                    (true, true) => counts[k][0] += 1.0,
                    (true, false) => counts[k][1] += 1.0,
                    (false, true) => counts[k][2] += 1.0,
                    _ => {}
                }
            }
        }
        let sp = split.map_or("all", Split::name);
        let mut macro_f = 0.0;
        let (mut stp, mut sfp, mut sfn) = (0.0, 0.0, 0.0);
        for &k in which {
            let [tp, fp, fn_] = counts[k];
            let (p, r, f) = f1(tp, fp, fn_);
            macro_f += f;
            stp += tp;
            sfp += fp;
            sfn += fn_;
            for (m, v) in [("precision", p), ("recall", r), ("f1", f)] {
                rows.push(Row {
                    set,
                    split: sp,
                    n,
                    metric: format!("{}_{m}", EMOTIONS[k]),
                    value: v,
                });
            }
        }
        rows.push(Row {
            set,
            split: sp,
            n,
            metric: "macro_f1".into(),
            value: macro_f / which.len() as f64,
        });
        rows.push(Row {
            set,
            split: sp,
            n,
            metric: "micro_f1".into(),
            value: f1(stp, sfp, sfn).2,
        });
    }
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("eval: {e}");
            std::process::exit(2);
        }
    };
    let shared = args
        .shared
        .clone()
        .unwrap_or_else(|| PathBuf::from("../shared"));
    if !shared.join("data").is_dir() {
        eprintln!(
            "eval: {} has no data/ folder; pass --shared DIR",
            shared.display()
        );
        std::process::exit(2);
    }
    let mut b = Analyzer::builder();
    b.hits(false).sentences(false);
    if let Err(e) = configure(&mut b, &args.knobs) {
        eprintln!("eval: {e}");
        std::process::exit(2);
    }
    if let Some(path) = &args.emotion_lexicon {
        match std::fs::File::open(path)
            .map_err(|e| e.to_string())
            .and_then(|f| emotive::Lexicon::from_tsv(f).map_err(|e| e.to_string()))
        {
            Ok(l) => {
                b.emotion_lexicon(l);
            }
            Err(e) => {
                eprintln!("eval: {}: {e}", path.display());
                std::process::exit(2);
            }
        }
    }
    for path in &args.extend_valence {
        let lex = std::fs::File::open(path)
            .map_err(|e| e.to_string())
            .and_then(|f| emotive::Lexicon::from_tsv(f).map_err(|e| e.to_string()));
        match lex {
            Ok(l) => {
                b.extend_valence(&l);
            }
            Err(e) => {
                eprintln!("eval: {}: {e}", path.display());
                std::process::exit(2);
            }
        }
    }
    let an = match b.build() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("eval: {e}");
            std::process::exit(2);
        }
    };
    let want = |s: &str| args.sets.is_empty() || args.sets.iter().any(|x| x == s);
    let d = shared.join("data");
    if args.calibrate {
        if let Err(e) = run_calibration(&d, &an) {
            eprintln!("eval: {e}");
            std::process::exit(2);
        }
        return;
    }
    let mut rows = Vec::new();
    let t0 = Instant::now();
    let run = |rows: &mut Vec<Row>| -> std::io::Result<()> {
        if want("vader_tweets") {
            rated(
                rows,
                "vader_tweets",
                &read_vader(&d.join("sentiment/vader/tweets_GroundTruth.txt"))?,
                &an,
            );
        }
        if want("vader_amazon") {
            rated(
                rows,
                "vader_amazon",
                &read_vader(&d.join("sentiment/vader/amazonReviewSnippets_GroundTruth.txt"))?,
                &an,
            );
        }
        for (name, file) in [
            ("uci_amazon", "amazon_cells_labelled.txt"),
            ("uci_yelp", "yelp_labelled.txt"),
            ("uci_imdb", "imdb_labelled.txt"),
        ] {
            if want(name) {
                binary(
                    rows,
                    name,
                    &read_uci(&d.join("sentiment/uci").join(file))?,
                    &an,
                );
            }
        }
        if want("imdb_train") {
            binary(
                rows,
                "imdb_train",
                &read_imdb(&d.join("reviews/imdb_train.tsv"))?,
                &an,
            );
        }
        if want("xed_heldback") {
            let xed = read_xed(&d.join("emotion/xed_en"))?;
            let held: Vec<(Split, &Labelled)> = xed
                .iter()
                .filter_map(|(i, l)| xed_part(*i).map(|s| (s, l)))
                .collect();
            emotions(rows, "xed_heldback", &held, &an, &[0, 1, 2, 3, 4, 5, 6, 7]);
        }
        if want("goemotions_dev") {
            let gd = d.join("emotion/goemotions");
            let names = goemotions_names(&gd)?;
            let map = ekman_map(&gd)?;
            let f = |name: &str| {
                map.iter()
                    .filter(|(n, _)| n == name)
                    .map(|&(_, k)| k)
                    .collect()
            };
            let dev = read_goemotions(&gd.join("dev.tsv"), &names, &f)?;
            let parts: Vec<(Split, &Labelled)> = dev
                .iter()
                .enumerate()
                .map(|(i, l)| (goemotions_dev_part(i), l))
                .collect();
            emotions(rows, "goemotions_dev", &parts, &an, &[0, 2, 3, 4, 5, 6]);
        }
        Ok(())
    };
    if let Err(e) = run(&mut rows) {
        eprintln!("eval: {e}");
        std::process::exit(2);
    }
    let elapsed = t0.elapsed();

    println!("| set | split | n | metric | emotive |");
    println!("|---|---|---:|---|---:|");
    let headline = |m: &str| {
        !m.contains('_')
            || ["macro", "micro", "pearson_", "saturated"]
                .iter()
                .any(|p| m.starts_with(p))
    };
    for r in rows.iter().filter(|r| headline(&r.metric)) {
        println!(
            "| {} | {} | {} | {} | {:.4} |",
            r.set, r.split, r.n, r.metric, r.value
        );
    }
    let per: Vec<&Row> = rows
        .iter()
        .filter(|r| r.split == "test" && r.metric.contains("_precision"))
        .collect();
    if !per.is_empty() {
        println!("\nPer emotion, test split (precision / recall / F1):\n");
        println!("| set | emotion | precision | recall | f1 |");
        println!("|---|---|---:|---:|---:|");
        for p in per {
            let e = p.metric.trim_end_matches("_precision");
            let get = |m: &str| {
                rows.iter()
                    .find(|r| r.set == p.set && r.split == "test" && r.metric == format!("{e}_{m}"))
                    .map_or(f64::NAN, |r| r.value)
            };
            println!(
                "| {} | {} | {:.3} | {:.3} | {:.3} |",
                p.set,
                e,
                p.value,
                get("recall"),
                get("f1")
            );
        }
    }
    eprintln!("evaluated in {:.1} s", elapsed.as_secs_f64());
    if let Some(path) = args.json {
        let v: Vec<serde_json::Value> = rows
            .iter()
            .map(|r| serde_json::json!({"set": r.set, "split": r.split, "n": r.n, "metric": r.metric, "value": r.value}))
            .collect();
        if let Err(e) = std::fs::write(&path, serde_json::to_string_pretty(&v).unwrap_or_default())
        {
            eprintln!("eval: cannot write {}: {e}", path.display());
            std::process::exit(2);
        }
    }
}

/// `--calibrate`: the dev halves of the two emotion sets, and the search in `calibrate.rs`.
fn run_calibration(d: &std::path::Path, an: &Analyzer) -> std::io::Result<()> {
    let xed = read_xed(&d.join("emotion/xed_en"))?;
    let held: Vec<(Split, &Labelled)> = xed
        .iter()
        .filter_map(|(i, l)| xed_part(*i).map(|s| (s, l)))
        .collect();
    let gd = d.join("emotion/goemotions");
    let names = goemotions_names(&gd)?;
    let map = ekman_map(&gd)?;
    let f = |name: &str| {
        map.iter()
            .filter(|(n, _)| n == name)
            .map(|&(_, k)| k)
            .collect()
    };
    let dev = read_goemotions(&gd.join("dev.tsv"), &names, &f)?;
    let parts: Vec<(Split, &Labelled)> = dev
        .iter()
        .enumerate()
        .map(|(i, l)| (goemotions_dev_part(i), l))
        .collect();
    calibrate::calibrate(&[
        calibrate::DevSet::new("xed_heldback", &held, &[0, 1, 2, 3, 4, 5, 6, 7], an),
        calibrate::DevSet::new("goemotions_dev", &parts, &[0, 2, 3, 4, 5, 6], an),
    ]);
    Ok(())
}
