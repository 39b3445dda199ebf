//! Readers for the labelled data sets in `../shared/data`, and the fixed splits that keep
//! tuning data apart from reporting data. Shared by the `eval` and `build_lexicons` examples
//! and by the tests (through `#[path]`).
#![allow(dead_code)]

use std::io;
use std::path::Path;

/// Which part of a data set an item belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Split {
    /// Used to choose rules, constants and thresholds.
    Dev,
    /// Never used for any choice; what the README reports.
    Test,
}

impl Split {
    pub fn name(self) -> &'static str {
        match self {
            Split::Dev => "dev",
            Split::Test => "test",
        }
    }
}

/// Sentiment sets (VADER, UCI, IMDb): every 4th item (0, 4, 8 …) is dev, the rest test.
pub fn sentiment_split(index: usize) -> Split {
    if index.is_multiple_of(4) {
        Split::Dev
    } else {
        Split::Test
    }
}

/// XED lines (per file, 0-based): every 5th line is held back from the lexicon generator;
/// of those, the even ones tune (dev) and the odd ones report (test).
pub fn xed_part(index: usize) -> Option<Split> {
    if !index.is_multiple_of(5) {
        None
    } else if (index / 5).is_multiple_of(2) {
        Some(Split::Dev)
    } else {
        Some(Split::Test)
    }
}

/// GoEmotions dev lines (0-based): even lines tune (dev), odd lines report (test).
pub fn goemotions_dev_part(index: usize) -> Split {
    if index.is_multiple_of(2) {
        Split::Dev
    } else {
        Split::Test
    }
}

pub const EMOTIONS: [&str; 8] = [
    "anger",
    "anticipation",
    "disgust",
    "fear",
    "joy",
    "sadness",
    "surprise",
    "trust",
];

fn lines(path: &Path) -> io::Result<Vec<String>> {
    let bytes = std::fs::read(path)?;
    let text = String::from_utf8_lossy(&bytes);
    Ok(text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string())
        .filter(|l| !l.trim().is_empty())
        .collect())
}

fn bad(path: &Path, n: usize, why: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("{}:{}: {why}", path.display(), n + 1),
    )
}

/// A text with a human valence rating.
pub struct Rated {
    pub text: String,
    pub rating: f64,
}

/// VADER ground truth: `id<TAB>mean rating<TAB>text`, CRLF.
pub fn read_vader(path: &Path) -> io::Result<Vec<Rated>> {
    lines(path)?
        .into_iter()
        .enumerate()
        .map(|(n, l)| {
            let mut f = l.splitn(3, '\t');
            let (_, r, t) = (f.next(), f.next(), f.next());
            let rating = r
                .and_then(|r| r.trim().parse().ok())
                .ok_or_else(|| bad(path, n, "no rating"))?;
            Ok(Rated {
                text: t.unwrap_or("").to_string(),
                rating,
            })
        })
        .collect()
}

/// A text with a positive/negative label (and, for IMDb, its star rating).
pub struct Binary {
    pub text: String,
    pub positive: bool,
    pub rating: Option<f64>,
}

/// UCI sentiment sentences: `text<TAB>0|1` (split on the last tab; texts may hold U+0085).
pub fn read_uci(path: &Path) -> io::Result<Vec<Binary>> {
    lines(path)?
        .into_iter()
        .enumerate()
        .map(|(n, l)| {
            let (t, y) = l.rsplit_once('\t').ok_or_else(|| bad(path, n, "no tab"))?;
            let positive = match y.trim() {
                "1" => true,
                "0" => false,
                _ => return Err(bad(path, n, "label is not 0/1")),
            };
            Ok(Binary {
                text: t.to_string(),
                positive,
                rating: None,
            })
        })
        .collect()
}

/// IMDb reviews: header `label<TAB>rating<TAB>text`, label `pos`/`neg`.
pub fn read_imdb(path: &Path) -> io::Result<Vec<Binary>> {
    lines(path)?
        .into_iter()
        .enumerate()
        .skip(1)
        .map(|(n, l)| {
            let mut f = l.splitn(3, '\t');
            let (y, r, t) = (f.next(), f.next(), f.next());
            let positive = match y {
                Some("pos") => true,
                Some("neg") => false,
                _ => return Err(bad(path, n, "label is not pos/neg")),
            };
            Ok(Binary {
                text: t.unwrap_or("").to_string(),
                positive,
                rating: r.and_then(|r| r.trim().parse().ok()),
            })
        })
        .collect()
}

/// A text with a set of gold emotions (indices into [`EMOTIONS`]).
pub struct Labelled {
    pub text: String,
    pub emotions: [bool; 8],
}

/// XED English, both files, each line tagged with its line index in its own file:
/// `en-annotated.tsv` (`text<TAB>1, 4`, numbers 1–8 = anger … trust) and `neu_en.txt`
/// (`9<TAB>text`, neutral).
pub fn read_xed(dir: &Path) -> io::Result<Vec<(usize, Labelled)>> {
    let mut out = Vec::new();
    let ann = dir.join("en-annotated.tsv");
    for (n, l) in lines(&ann)?.into_iter().enumerate() {
        let (t, labels) = l.rsplit_once('\t').ok_or_else(|| bad(&ann, n, "no tab"))?;
        let mut emotions = [false; 8];
        for x in labels.split(',') {
            let k: usize = x
                .trim()
                .parse()
                .map_err(|_| bad(&ann, n, "label is not a number"))?;
            if !(1..=8).contains(&k) {
                return Err(bad(&ann, n, "label outside 1..=8"));
            }
            emotions[k - 1] = true;
        }
        out.push((
            n,
            Labelled {
                text: t.to_string(),
                emotions,
            },
        ));
    }
    let neu = dir.join("neu_en.txt");
    for (n, l) in lines(&neu)?.into_iter().enumerate() {
        let t = l.split_once('\t').map_or("", |(_, t)| t).trim().to_string();
        out.push((
            n,
            Labelled {
                text: t,
                emotions: [false; 8],
            },
        ));
    }
    Ok(out)
}

/// Which of XED's two files a [`read_xed`] item came from is not needed by callers: both use
/// the same per-file line index rule ([`xed_part`]).
///
/// GoEmotions: `text<TAB>label ids<TAB>id`. `names` are the 28 label names in id order
/// (`emotions.txt` plus `neutral`); `map` sends a label name to emotion indices.
pub fn read_goemotions(
    path: &Path,
    names: &[String],
    map: &dyn Fn(&str) -> Vec<usize>,
) -> io::Result<Vec<Labelled>> {
    lines(path)?
        .into_iter()
        .enumerate()
        .map(|(n, l)| {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() != 3 {
                return Err(bad(path, n, "expected 3 tab-separated fields"));
            }
            let mut emotions = [false; 8];
            for id in f[1].split(',') {
                let id: usize = id
                    .trim()
                    .parse()
                    .map_err(|_| bad(path, n, "label id is not a number"))?;
                let name = names
                    .get(id)
                    .ok_or_else(|| bad(path, n, "label id out of range"))?;
                for k in map(name) {
                    emotions[k] = true;
                }
            }
            Ok(Labelled {
                text: f[0].to_string(),
                emotions,
            })
        })
        .collect()
}

/// The 28 GoEmotions label names in id order.
pub fn goemotions_names(dir: &Path) -> io::Result<Vec<String>> {
    let mut names = lines(&dir.join("emotions.txt"))?;
    names.iter_mut().for_each(|n| *n = n.trim().to_string());
    if names.len() == 27 {
        names.push("neutral".into());
    }
    Ok(names)
}

/// GoEmotions label → Ekman six via `ekman_mapping.json` (parsed by hand: it is a flat object
/// of string arrays).
pub fn ekman_map(dir: &Path) -> io::Result<Vec<(String, usize)>> {
    let text = std::fs::read_to_string(dir.join("ekman_mapping.json"))?;
    let mut out = Vec::new();
    for part in text.split(']') {
        let Some((key, list)) = part.split_once('[') else {
            continue;
        };
        let key = key.rsplit('"').nth(1).unwrap_or("").to_string();
        let Some(k) = EMOTIONS.iter().position(|e| *e == key) else {
            continue;
        };
        for name in list.split(',') {
            let name = name.trim().trim_matches('"').to_string();
            if !name.is_empty() {
                out.push((name, k));
            }
        }
    }
    Ok(out)
}
