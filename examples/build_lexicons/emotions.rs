//! The corpus evidence behind emotive's emotion lexicon: what labelled data says about each
//! word family. It proposes candidates and places intensities; it decides nothing alone —
//! `review.rs` turns candidates and the reviewed decisions into the lexicon.
//!
//! # Method
//!
//! 1. **Documents.** XED English (movie subtitles, 8 Plutchik labels, CC BY 4.0): the lines
//!    that [`xed_part`] does *not* hold back (80%), annotated and neutral. GoEmotions train
//!    (Reddit, 27 labels, Apache-2.0), mapped to Plutchik with [`GOEMOTIONS_TO_PLUTCHIK`].
//!    Nothing from XED's held-back lines or GoEmotions dev is read.
//! 2. **Terms.** emotive's own tokenizer; lower-cased words grouped into *families* exactly
//!    as the analyzer's stem fallback will group them at lookup time (`disappointed`,
//!    `disappointing` → `disappoint`). Placeholders (`PERSON`, `LOCATION`, `[NAME]` …),
//!    function words, numbers and one-letter words are dropped. Each document counts a
//!    family once.
//! 3. **Association.** Per emotion, one emotion against the rest: the weighted log-odds
//!    ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, eq. 16–22),
//!    prior proportional to the family's frequency in the corpus, scaled to `alpha0`
//!    pseudo-counts; `z = δ / σ`. A family is selected for an emotion when, on both corpora
//!    pooled, `z ≥ z_min` and it occurs in at least `min_count` documents of that emotion.
//! 4. **Intensity.** The excess probability `(p − base) / (1 − base)`, where `p` is the
//!    smoothed share of the family's documents that carry the emotion and `base` the share of
//!    all documents that do — "how much more likely than chance" — in `[0, 1]`.
//! 5. **Combining corpora** so that neither one's quirks dominate: each corpus in which the
//!    family occurs in at least `min_df` documents has one vote (its own intensity, or 0 if
//!    the family leans away from the emotion there); the intensity is the mean vote,
//!    whatever the corpora's sizes. A family with one vote (or none: then the pooled
//!    intensity stands in) keeps `single_corpus` of it.
//! 6. **Proposals.** A (family base form, emotion) pair is *proposed* when its intensity is at
//!    least `min_intensity` (`common_min` for families in at least a `common_df` share of all
//!    documents, since a frequent word with a weak lean marks nothing). The base form is the
//!    family's stem when it was seen as a word, or its most frequent base-like form (`happy`
//!    for `happi`); families whose base was never seen keep their most frequent surface form.

// Counting code indexes families and emotions by number on purpose: f and k name rows and
// columns of several parallel tables at once.
#![allow(clippy::needless_range_loop)]

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

#[path = "../eval/datasets.rs"]
mod datasets;

use datasets::{EMOTIONS, xed_part};
use emotive::families;

/// GoEmotions label → Plutchik emotions. Anger, disgust, fear, joy, sadness and surprise
/// follow GoEmotions' own `ekman_mapping.json`. Trust and anticipation have no GoEmotions
/// label; following Plutchik (admiration is intense trust, acceptance mild trust; interest
/// and vigilance are anticipation; optimism = anticipation + joy, love = joy + trust):
/// admiration, approval, gratitude, caring, love → trust; desire, optimism, curiosity,
/// excitement → anticipation.
pub const GOEMOTIONS_TO_PLUTCHIK: &[(&str, &[&str])] = &[
    ("admiration", &["joy", "trust"]),
    ("amusement", &["joy"]),
    ("anger", &["anger"]),
    ("annoyance", &["anger"]),
    ("approval", &["joy", "trust"]),
    ("caring", &["joy", "trust"]),
    ("confusion", &["surprise"]),
    ("curiosity", &["surprise", "anticipation"]),
    ("desire", &["joy", "anticipation"]),
    ("disappointment", &["sadness"]),
    ("disapproval", &["anger"]),
    ("disgust", &["disgust"]),
    ("embarrassment", &["sadness"]),
    ("excitement", &["joy", "anticipation"]),
    ("fear", &["fear"]),
    ("gratitude", &["joy", "trust"]),
    ("grief", &["sadness"]),
    ("joy", &["joy"]),
    ("love", &["joy", "trust"]),
    ("nervousness", &["fear"]),
    ("optimism", &["joy", "anticipation"]),
    ("pride", &["joy"]),
    ("realization", &["surprise"]),
    ("relief", &["joy"]),
    ("remorse", &["sadness"]),
    ("sadness", &["sadness"]),
    ("surprise", &["surprise"]),
];

/// Function words: frequent everywhere, evidence of nothing.
const STOPWORDS: &str = "a about above after again against all am an and any are as at be because been before being \
below between both but by can could did do does doing down during each few for from further had has have having he \
her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now \
of off on once only or other our ours ourselves out over own same she should so some such than that the their \
theirs them themselves then there these they this those through to too under until up very was we were what when \
where which while who whom why will with would you your yours yourself yourselves i'm you're he's she's it's we're \
they're i've you've we've they've i'd you'd he'd she'd we'd they'd i'll you'll he'll she'll we'll they'll isn't \
aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't won't wouldn't shan't shouldn't can't cannot \
couldn't mustn't let's that's who's what's here's there's when's where's why's how's im dont cant didnt ive thats \
gonna wanna yeah yes oh ok okay uh um hey hi well also get got go going one would like just really even much still \
back know think say said see way make thing things could also lot u ur";

/// Placeholders the corpora use for masked names.
const PLACEHOLDERS: &[&str] = &[
    "PERSON",
    "LOCATION",
    "SLUR",
    "[NAME]",
    "[RELIGION]",
    "[TEAM]",
];

/// Generator parameters; the defaults are the ones chosen on the dev splits.
#[derive(Clone, Debug)]
pub struct Params {
    pub alpha0: f64,
    pub z_min: f64,
    pub min_count: u32,
    pub min_df: u32,
    pub smoothing: f64,
    pub single_corpus: f64,
    pub min_intensity: f64,
    /// Families in at least this share of all documents are "common" …
    pub common_df: f64,
    /// … and need at least this intensity (a frequent word with a weak lean marks nothing).
    pub common_min: f64,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            alpha0: 1000.0,
            z_min: 0.75,
            min_count: 2,
            min_df: 3,
            smoothing: 5.0,
            single_corpus: 0.75,
            min_intensity: 0.04,
            common_df: 0.002,
            common_min: 0.12,
        }
    }
}

impl Params {
    pub fn describe(&self) -> String {
        format!(
            "alpha0={} z_min={} min_count={} min_df={} smoothing={} single_corpus={} min_intensity={} common_df={} common_min={}",
            self.alpha0,
            self.z_min,
            self.min_count,
            self.min_df,
            self.smoothing,
            self.single_corpus,
            self.min_intensity,
            self.common_df,
            self.common_min
        )
    }

    /// Sets a parameter from `name=value`.
    pub fn set(&mut self, kv: &str) -> Result<(), String> {
        let (k, v) = kv.split_once('=').ok_or("expected name=value")?;
        let v: f64 = v
            .parse()
            .map_err(|_| format!("{k}: {v:?} is not a number"))?;
        match k {
            "alpha0" => self.alpha0 = v,
            "z_min" => self.z_min = v,
            "min_count" => self.min_count = v as u32,
            "min_df" => self.min_df = v as u32,
            "smoothing" => self.smoothing = v,
            "single_corpus" => self.single_corpus = v,
            "min_intensity" => self.min_intensity = v,
            "common_df" => self.common_df = v,
            "common_min" => self.common_min = v,
            _ => return Err(format!("unknown parameter {k:?}")),
        }
        Ok(())
    }
}

/// Documents of one corpus as (families present, emotion flags).
struct Corpus {
    docs: Vec<(Vec<u32>, [bool; 8])>,
}

/// Interns families and remembers each family's surface forms with counts.
#[derive(Default)]
struct Families {
    ids: HashMap<String, u32>,
    keys: Vec<String>,
    forms: Vec<BTreeMap<String, u32>>,
    stem_cache: HashMap<String, Option<String>>,
}

impl Families {
    fn family(&mut self, stemmer: &families::Stemmer, word: &str) -> u32 {
        let key = self
            .stem_cache
            .entry(word.to_string())
            .or_insert_with(|| families::word_stem(stemmer, word))
            .clone()
            .unwrap_or_else(|| word.to_string());
        let id = match self.ids.get(&key) {
            Some(&id) => id,
            None => {
                let id = self.keys.len() as u32;
                self.ids.insert(key.clone(), id);
                self.keys.push(key);
                self.forms.push(BTreeMap::new());
                id
            }
        };
        *self.forms[id as usize].entry(word.to_string()).or_insert(0) += 1;
        id
    }
}

fn tokenize(
    text: &str,
    fam: &mut Families,
    stemmer: &families::Stemmer,
    stop: &BTreeSet<&str>,
) -> Vec<u32> {
    let mut clean = text.to_string();
    for p in PLACEHOLDERS {
        clean = clean.replace(p, " ");
    }
    let mut out: Vec<u32> = emotive::tokens(&clean)
        .filter(|t| t.kind() == emotive::TokenKind::Word)
        .map(|t| t.normalized().into_owned())
        .filter(|w| {
            w.chars().count() > 1
                && w.chars().all(|c| c.is_alphabetic() || c == '\'')
                && !stop.contains(w.as_str())
        })
        .map(|w| fam.family(stemmer, &w))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn read_corpora(shared: &Path, fam: &mut Families) -> Result<Vec<Corpus>, String> {
    let stemmer = families::english();
    let stop: BTreeSet<&str> = STOPWORDS.split_whitespace().collect();
    let data = shared.join("data/emotion");
    let io = |e: std::io::Error| e.to_string();
    let mut xed = Corpus { docs: Vec::new() };
    for (i, doc) in datasets::read_xed(&data.join("xed_en")).map_err(io)? {
        if xed_part(i).is_none() {
            xed.docs
                .push((tokenize(&doc.text, fam, &stemmer, &stop), doc.emotions));
        }
    }
    let gdir = data.join("goemotions");
    let names = datasets::goemotions_names(&gdir).map_err(io)?;
    let map = |label: &str| -> Vec<usize> {
        GOEMOTIONS_TO_PLUTCHIK
            .iter()
            .filter(|(l, _)| *l == label)
            .flat_map(|(_, es)| {
                es.iter()
                    .map(|e| EMOTIONS.iter().position(|x| x == e).expect("emotion name"))
            })
            .collect()
    };
    let mut ge = Corpus { docs: Vec::new() };
    for doc in datasets::read_goemotions(&gdir.join("train.tsv"), &names, &map).map_err(io)? {
        ge.docs
            .push((tokenize(&doc.text, fam, &stemmer, &stop), doc.emotions));
    }
    Ok(vec![xed, ge])
}

/// Per corpus: for each (family, emotion) the log-odds δ, z and excess-probability intensity.
struct Scores {
    df: Vec<u32>,
    delta: Vec<[f64; 8]>,
    z: Vec<[f64; 8]>,
    count: Vec<[u32; 8]>,
    excess: Vec<[f64; 8]>,
}

fn score(c: &Corpus, n_fam: usize, p: &Params) -> Scores {
    let mut df = vec![0u32; n_fam];
    let mut count = vec![[0u32; 8]; n_fam];
    let mut docs_k = [0u32; 8];
    for (fams, em) in &c.docs {
        for (k, &on) in em.iter().enumerate() {
            if on {
                docs_k[k] += 1;
            }
        }
        for &f in fams {
            df[f as usize] += 1;
            for (k, &on) in em.iter().enumerate() {
                if on {
                    count[f as usize][k] += 1;
                }
            }
        }
    }
    let n_all: f64 = df.iter().map(|&x| f64::from(x)).sum();
    let mut n_k = [0f64; 8];
    for row in &count {
        for k in 0..8 {
            n_k[k] += f64::from(row[k]);
        }
    }
    let n_docs = c.docs.len() as f64;
    let mut s = Scores {
        df: df.clone(),
        delta: vec![[0.0; 8]; n_fam],
        z: vec![[0.0; 8]; n_fam],
        count: count.clone(),
        excess: vec![[0.0; 8]; n_fam],
    };
    for f in 0..n_fam {
        if df[f] == 0 {
            continue;
        }
        let a_w = p.alpha0 * f64::from(df[f]) / n_all;
        for k in 0..8 {
            if docs_k[k] == 0 {
                continue;
            }
            let y1 = f64::from(count[f][k]);
            let y2 = f64::from(df[f]) - y1;
            let n1 = n_k[k];
            let n2 = n_all - n_k[k];
            let l1 = ((y1 + a_w) / (n1 + p.alpha0 - y1 - a_w)).ln();
            let l2 = ((y2 + a_w) / (n2 + p.alpha0 - y2 - a_w)).ln();
            let d = l1 - l2;
            let var = 1.0 / (y1 + a_w) + 1.0 / (y2 + a_w);
            s.delta[f][k] = d;
            s.z[f][k] = d / var.sqrt();
            let base = f64::from(docs_k[k]) / n_docs;
            let share = (y1 + p.smoothing * base) / (f64::from(df[f]) + p.smoothing);
            s.excess[f][k] = ((share - base) / (1.0 - base)).clamp(0.0, 1.0);
        }
    }
    s
}

pub fn read_vader(shared: &Path) -> Result<HashMap<String, f64>, String> {
    let text = std::fs::read_to_string(shared.join("lexicon-sources/vader/vader_lexicon.txt"))
        .map_err(|e| e.to_string())?;
    Ok(text
        .lines()
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some((f.next()?.to_string(), f.next()?.parse().ok()?))
        })
        .collect())
}

/// What the labelled corpora say about every word family: the combined intensity per emotion
/// (0 where not selected), the pooled statistics and each family's base form.
pub struct Evidence {
    fam: Families,
    pool: Scores,
    intensity: Vec<[f64; 8]>,
    base: Vec<String>,
    n_docs: f64,
}

impl Evidence {
    /// The family a lexicon term (or text word) belongs to, if the corpora have seen it.
    pub fn family_of(&self, term: &str) -> Option<usize> {
        let stemmer = families::english();
        let key = families::word_stem(&stemmer, term).unwrap_or_else(|| term.to_string());
        self.fam.ids.get(&key).map(|&f| f as usize)
    }

    /// Documents (both corpora) that contain the family.
    pub fn df(&self, f: usize) -> u32 {
        self.pool.df[f]
    }

    /// The combined data intensity of family `f` for emotion `k` (0 when not selected).
    pub fn intensity(&self, f: usize, k: usize) -> f64 {
        self.intensity[f][k]
    }

    /// The base form family `f` is written as.
    pub fn base(&self, f: usize) -> &str {
        &self.base[f]
    }
}

/// Reads both corpora and computes the per-family evidence.
pub fn evidence(shared: &Path, p: &Params) -> Result<Evidence, String> {
    let mut fam = Families::default();
    let corpora = read_corpora(shared, &mut fam)?;
    let n_fam = fam.keys.len();
    let scores: Vec<Scores> = corpora.iter().map(|c| score(c, n_fam, p)).collect();
    let stemmer = families::english();

    // Select on the pooled corpus (rare families gather evidence from both), then combine
    // the corpora's votes.
    let pooled = Corpus {
        docs: corpora
            .iter()
            .flat_map(|c| c.docs.iter().cloned())
            .collect(),
    };
    let pool = score(&pooled, n_fam, p);
    let mut intensity = vec![[0f64; 8]; n_fam];
    for f in 0..n_fam {
        for k in 0..8 {
            let selected = pool.z[f][k] >= p.z_min
                && pool.count[f][k] >= p.min_count
                && pool.delta[f][k] > 0.0;
            if !selected {
                continue;
            }
            let votes: Vec<f64> = scores
                .iter()
                .filter(|s| s.df[f] >= p.min_df)
                .map(|s| {
                    if s.delta[f][k] > 0.0 {
                        s.excess[f][k]
                    } else {
                        0.0
                    }
                })
                .collect();
            intensity[f][k] = match votes.len() {
                0 => pool.excess[f][k] * p.single_corpus,
                1 => votes[0] * p.single_corpus,
                n => votes.iter().sum::<f64>() / n as f64,
            };
        }
    }

    // Base form per family.
    let base: Vec<String> = (0..n_fam)
        .map(|f| {
            let forms = &fam.forms[f];
            let key = &fam.keys[f];
            if forms.contains_key(key)
                && families::term_stem(&stemmer, key).as_deref() == Some(key.as_str())
            {
                return key.clone();
            }
            let mut best: Option<(&String, u32)> = None;
            for (w, &n) in forms {
                let is_base = families::term_stem(&stemmer, w).as_deref() == Some(key.as_str());
                if is_base && best.is_none_or(|(_, b)| n > b) {
                    best = Some((w, n));
                }
            }
            if let Some((w, _)) = best {
                return w.clone();
            }
            let mut top: Option<(&String, u32)> = None;
            for (w, &n) in forms {
                if top.is_none_or(|(_, b)| n > b) {
                    top = Some((w, n));
                }
            }
            top.map_or_else(|| key.clone(), |(w, _)| w.clone())
        })
        .collect();
    Ok(Evidence {
        fam,
        pool,
        intensity,
        base,
        n_docs: pooled.docs.len() as f64,
    })
}

/// The (family base form, emotion) pairs the data proposes, with their intensities.
pub fn data_rows(ev: &Evidence, p: &Params) -> BTreeMap<(String, usize), f64> {
    let mut rows = BTreeMap::new();
    for f in 0..ev.fam.keys.len() {
        let common = f64::from(ev.pool.df[f]) >= p.common_df * ev.n_docs;
        let floor = if common {
            p.common_min.max(p.min_intensity)
        } else {
            p.min_intensity
        };
        for k in 0..8 {
            if ev.intensity[f][k] >= floor {
                rows.insert((ev.base[f].clone(), k), ev.intensity[f][k]);
            }
        }
    }
    rows
}
